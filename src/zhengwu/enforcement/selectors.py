"""Every non-trivial read of the enforcement registry, with row-level visibility decided here.

Staff of the county's legal-affairs office, supervisors and administrators see the whole county's
registry; other staff see their own body's officials, certificates and case files. The public
sees confirmed bodies with their acts, and a certificate looked up by its number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from zhengwu.catalog.models import Power
from zhengwu.enforcement import rules
from zhengwu.enforcement.figures import acts_of
from zhengwu.enforcement.models import (
    ACT_KINDS,
    CaseFile,
    Certificate,
    EnforcementBody,
    EvaluationCampaign,
    MajorPenaltyFiling,
    Official,
)


def _county_filter(user, field: str) -> Q | None:
    """``None`` when the user sees nothing; a filter on the user's county or own body."""
    county = rules.county_id_of(user)
    if county is None or not rules.can_view_registry(user):
        return None
    if rules.can_see_everything(user):
        return Q(**{f"{field}__pk": county}) | Q(**{f"{field}__parent__pk": county})
    return Q(**{f"{field.rsplit('division', 1)[0]}department_id": user.department_id})


def bodies_visible_to(user) -> QuerySet:
    condition = _county_filter(user, "division")
    if condition is None:
        return EnforcementBody.objects.none()
    return EnforcementBody.objects.filter(condition).select_related(
        "department", "entrusting_body", "batch"
    )


def laws_in_use_by_department(bodies: QuerySet) -> dict[int, list[str]]:
    """``figures.laws_in_use`` of each body, in one query: the titles by the body's department
    (a body is one department's), sorted by title."""
    from zhengwu.catalog.models import LegalBasis
    from zhengwu.enforcement.models import Law

    from_catalog = (
        LegalBasis.objects.filter(version_id__in=acts_of(bodies).values("current_id"))
        .order_by()
        .values_list("version__department_id", "title")
    )
    listed = (
        Law.objects.filter(body__in=bodies).order_by().values_list("body__department_id", "title")
    )
    titles: dict[int, list[str]] = {}
    for department_id, title in from_catalog.union(listed).order_by("title"):
        titles.setdefault(department_id, []).append(title)
    return titles


def officials_visible_to(user) -> QuerySet:
    condition = _county_filter(user, "body__division")
    if condition is None:
        return Official.objects.none()
    return Official.objects.filter(condition).select_related("body__department")


def certificates_visible_to(user) -> QuerySet:
    condition = _county_filter(user, "official__body__division")
    if condition is None:
        return Certificate.objects.none()
    return Certificate.objects.filter(condition).select_related("official__body__department")


def case_files_visible_to(user) -> QuerySet:
    condition = _county_filter(user, "body__division")
    if condition is None:
        return CaseFile.objects.none()
    return CaseFile.objects.filter(condition).select_related("body__department", "power__current")


def filings_visible_to(user) -> QuerySet:
    condition = _county_filter(user, "case_file__body__division")
    if condition is None:
        return MajorPenaltyFiling.objects.none()
    return MajorPenaltyFiling.objects.filter(condition).select_related(
        "case_file__body__department"
    )


def campaigns_visible_to(user) -> QuerySet:
    county = rules.county_id_of(user)
    if county is None or not rules.can_view_registry(user):
        return EvaluationCampaign.objects.none()
    return EvaluationCampaign.objects.filter(division_id=county)


def with_act_counts(bodies: QuerySet) -> QuerySet:
    """Each body with the number of its enforcement acts in the catalog (``acts``)."""
    acts = (
        Power.objects.filter(
            status=Power.Status.IN_FORCE,
            current__kind__in=ACT_KINDS,
            current__department=OuterRef("department_id"),
        )
        .order_by()
        .values("current__department")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return bodies.annotate(
        acts=Coalesce(Subquery(acts[:1], output_field=IntegerField()), Value(0)),
        officials_count=Count("officials", distinct=True),
    )


def body_acts(body: EnforcementBody) -> QuerySet:
    """The body's enforcement acts (catalog powers), with their current versions."""
    return (
        acts_of(EnforcementBody.objects.filter(pk=body.pk))
        .select_related("current")
        .order_by("current__kind", "implementation_code")
    )


def public_bodies(division) -> QuerySet:
    """The confirmed bodies of a county, for the public list."""
    return with_act_counts(
        EnforcementBody.objects.filter(
            division=division, status=EnforcementBody.Status.CONFIRMED
        ).select_related("department", "entrusting_body", "batch")
    ).order_by("standing", "department__code")


@dataclass(frozen=True)
class PublicCertificate:
    """What the public lookup shows: nothing beyond holder's name, body, area and validity."""

    number: str
    holder: str
    body: str
    area: str
    issuing_authority: str
    valid_from: datetime.date
    valid_to: datetime.date
    status: str
    status_label: str

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "holder": self.holder,
            "body": self.body,
            "area": self.area,
            "issuing_authority": self.issuing_authority,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "status": self.status,
            "status_label": str(self.status_label),
        }


def certificate_lookup(number: str) -> PublicCertificate | None:
    row = (
        Certificate.objects.filter(number=number.strip())
        .values(
            "number",
            "official__full_name",
            "official__body__department__name",
            "area",
            "issuing_authority",
            "valid_from",
            "valid_to",
            "status",
        )
        .first()
    )
    if row is None:
        return None
    return PublicCertificate(
        number=row["number"],
        holder=row["official__full_name"],
        body=row["official__body__department__name"],
        area=row["area"],
        issuing_authority=row["issuing_authority"],
        valid_from=row["valid_from"],
        valid_to=row["valid_to"],
        status=row["status"],
        status_label=Certificate.Status(row["status"]).label,
    )


def certificates_expiring(user, on: datetime.date, days: int = 30) -> QuerySet:
    return certificates_visible_to(user).filter(
        status=Certificate.Status.VALID,
        valid_to__gte=on,
        valid_to__lte=on + datetime.timedelta(days=days),
    )


def assignable_officials(body: EnforcementBody, on: datetime.date) -> QuerySet:
    """The body's officials with a valid certificate on ``on``."""
    return Official.objects.filter(
        body=body,
        certificates__status=Certificate.Status.VALID,
        certificates__valid_from__lte=on,
        certificates__valid_to__gte=on,
    ).distinct()

"""Reads of the normative-documents registry. Validity is computed from the dates on the day
asked about, in the database: a document past its end date reads as lapsed from the next day
whether or not the lapse job has recorded it yet."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils import timezone

from zhengwu.common.models import AuditEvent
from zhengwu.rulemaking import rules
from zhengwu.rulemaking.models import (
    BEFORE_PUBLICATION,
    CleanupCampaign,
    ExpiryDecision,
    Filing,
    NormativeDocument,
    ValidityState,
)

V = ValidityState


def validity_expression(on: datetime.date) -> Case:
    """The validity state of each document on ``on`` (see :class:`ValidityState`)."""
    return Case(
        When(status__in=BEFORE_PUBLICATION, then=Value(V.NOT_PUBLISHED)),
        When(status="rejected", then=Value(V.REJECTED)),
        When(status="amended", then=Value(V.AMENDED)),
        When(status="repealed", then=Value(V.REPEALED)),
        When(status="lapsed", then=Value(V.LAPSED)),
        When(lapses_on__lte=on, then=Value(V.LAPSED)),
        When(effective_from__gt=on, then=Value(V.NOT_YET)),
        default=Value(V.IN_FORCE),
        output_field=CharField(),
    )


def with_validity(documents: QuerySet, on: datetime.date | None = None) -> QuerySet:
    return documents.annotate(validity=validity_expression(on or timezone.localdate()))


def documents_visible_to(user) -> QuerySet[NormativeDocument]:
    """Legal officers, supervisors and administrators see their county's registry; other staff
    the documents their department drafts or issues and everything published; the public only
    what is published."""
    documents = NormativeDocument.objects.select_related("issuer", "drafting_department")
    published = ~Q(status__in=[*BEFORE_PUBLICATION, "rejected"])
    if not rules._staff(user):
        return documents.filter(published)
    county = rules.county_of(user)
    if county is None:
        return documents.none()
    documents = documents.filter(division=county)
    if rules.sees_everything(user):
        return documents
    own = Q(drafting_department_id=user.department_id) | Q(issuer_id=user.department_id)
    return documents.filter(own | published)


def documents_public(division, on: datetime.date | None = None) -> QuerySet[NormativeDocument]:
    """The published documents of a county, with their validity on ``on``."""
    documents = NormativeDocument.objects.filter(division=division).exclude(
        status__in=[*BEFORE_PUBLICATION, "rejected"]
    )
    return with_validity(documents.select_related("issuer"), on)


def documents_in_force(division, on: datetime.date) -> QuerySet[NormativeDocument]:
    """Published, in force on ``on`` (entered into force, not ended, not past validity)."""
    return NormativeDocument.objects.filter(
        division=division,
        status="published",
        effective_from__lte=on,
        lapses_on__gt=on,
    )


def documents_expiring(documents: QuerySet, on: datetime.date, months: int = 6) -> QuerySet:
    """Documents in force that lapse within ``months`` of ``on`` and whose department has not
    decided to amend them or let them lapse (a renewal moves the date instead)."""
    from zhengwu.rulemaking.services import add_months

    return (
        documents.filter(
            status="published", lapses_on__gt=on, lapses_on__lte=add_months(on, months)
        )
        .exclude(expiry_decision__in=[ExpiryDecision.AMEND, ExpiryDecision.LET_LAPSE])
        .order_by("lapses_on", "pk")
    )


def filing_clock(filing: Filing):
    from zhengwu.rulemaking.services import FILING
    from zhengwu.workdays.models import Clock

    return Clock.objects.filter(
        owner_type=Filing._meta.label_lower, owner_id=str(filing.pk), purpose=FILING
    ).first()


def document_clocks(document: NormativeDocument) -> list:
    """The document's comment clock and the clocks of its filings."""
    from zhengwu.workdays.models import Clock

    filings = [str(pk) for pk in document.filings.values_list("pk", flat=True)]
    return list(
        Clock.objects.filter(
            Q(owner_type=NormativeDocument._meta.label_lower, owner_id=str(document.pk))
            | Q(owner_type=Filing._meta.label_lower, owner_id__in=filings)
        ).order_by("started_on", "pk")
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    action: str
    by: str
    from_state: str
    to_state: str
    reason: str
    detail: dict


def document_timeline(document: NormativeDocument) -> list[TimelineEntry]:
    """The audit events of the document and of its filings, oldest first."""
    filings = [str(pk) for pk in document.filings.values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        Q(object_type=NormativeDocument._meta.label_lower, object_id=str(document.pk))
        | Q(object_type=Filing._meta.label_lower, object_id__in=filings)
    ).order_by("created_at", "seq")
    return [
        TimelineEntry(
            at=e.created_at,
            action=e.action,
            by=e.actor_label,
            from_state=e.from_state,
            to_state=e.to_state,
            reason=e.reason,
            detail=e.detail,
        )
        for e in events
        if not e.action.startswith("clock_")
    ]


def campaigns_public(division) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.filter(division=division, status="closed").order_by(
        "-closed_on", "-pk"
    )


def next_periodic_cleanup(division) -> datetime.date | None:
    """When the next full clean-up is due: ``ZHENGWU_NORMATIVE_CLEANUP_YEARS`` (2) after the
    start of the last periodic one (``None`` when there has been none)."""
    from django.conf import settings

    from zhengwu.rulemaking.services import add_years

    last = (
        CleanupCampaign.objects.filter(division=division, kind=CleanupCampaign.Kind.PERIODIC)
        .order_by("-started_on")
        .values_list("started_on", flat=True)
        .first()
    )
    years = int(getattr(settings, "ZHENGWU_NORMATIVE_CLEANUP_YEARS", 2))
    return add_years(last, years) if last else None

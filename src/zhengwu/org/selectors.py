"""Reads of the organisation tree."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from zhengwu.org.models import Department, Division, ServiceCentre


def home_county() -> Division | None:
    """The county this installation serves: ``ZHENGWU_HOME_DIVISION`` or the first county."""
    code = getattr(settings, "ZHENGWU_HOME_DIVISION", None)
    counties = Division.objects.filter(level=Division.Level.COUNTY).select_related("parent")
    if code:
        return counties.filter(code=code).first()
    return counties.order_by("code").first()


def divisions_under(division: Division) -> QuerySet[Division]:
    """The division and every division below it (at most three levels down)."""
    return Division.objects.filter(
        Q(pk=division.pk)
        | Q(parent=division)
        | Q(parent__parent=division)
        | Q(parent__parent__parent=division)
    )


def departments_of(division: Division) -> QuerySet[Department]:
    return Department.objects.filter(division=division, is_active=True)


def service_network(county: Division) -> dict[str, int]:
    """Counts of the service network below a county: halls and points by kind."""
    rows = (
        ServiceCentre.objects.filter(division__in=divisions_under(county), is_active=True)
        .values("kind")
        .annotate(n=Count("id"))
    )
    counts = {kind: 0 for kind in ServiceCentre.Kind.values}
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


def service_network_listing(county: Division) -> dict:
    """The county's service network for the public: the centre, township halls, village points."""
    centres = (
        ServiceCentre.objects.filter(division__in=divisions_under(county), is_active=True)
        .select_related("division", "division__parent")
        .order_by("division__code", "name")
    )
    grouped: dict[str, list[ServiceCentre]] = {kind: [] for kind in ServiceCentre.Kind.values}
    for centre in centres:
        grouped[centre.kind].append(centre)
    return {
        "county_centres": grouped[ServiceCentre.Kind.COUNTY_CENTRE],
        "township_halls": grouped[ServiceCentre.Kind.TOWNSHIP_HALL],
        "village_points": grouped[ServiceCentre.Kind.VILLAGE_POINT],
    }

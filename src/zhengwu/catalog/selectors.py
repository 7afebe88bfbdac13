"""Reads of the catalog: what the public sees, and the catalog's statistics."""

from __future__ import annotations

from django.db.models import Count, F, QuerySet

from zhengwu.catalog.models import (
    ENFORCEMENT_KINDS,
    SERVICE_KINDS,
    BodyStanding,
    Power,
    PowerKind,
    PowerVersion,
)

PUBLISHED_STATUSES = [Power.Status.IN_FORCE, Power.Status.SUSPENDED]


def published_versions() -> QuerySet[PowerVersion]:
    """The current version of every power in force (or suspended): what the portal shows."""
    return PowerVersion.objects.filter(
        pk=F("power__current_id"), power__status__in=PUBLISHED_STATUSES
    )


def catalog_stats(versions: QuerySet[PowerVersion] | None = None) -> dict:
    """The catalog's counts, every total computed from the rows it adds up."""
    versions = published_versions() if versions is None else versions
    by_kind = {kind.value: 0 for kind in PowerKind}
    by_kind.update(
        {
            row["kind"]: row["n"]
            for row in versions.values("kind").annotate(n=Count("id")).order_by()
        }
    )
    service = versions.filter(kind__in=SERVICE_KINDS)
    enforcement = versions.filter(kind__in=ENFORCEMENT_KINDS)
    bodies_by_standing = {standing.value: 0 for standing in BodyStanding}
    bodies_by_standing.update(
        {
            row["standing"]: row["n"]
            for row in enforcement.values("standing")
            .annotate(n=Count("department", distinct=True))
            .order_by()
        }
    )
    by_department = {
        row["department__name"]: row["n"]
        for row in versions.values("department__name")
        .annotate(n=Count("id"))
        .order_by("department__name")
    }
    return {
        "by_kind": by_kind,
        "implementing_bodies": service.values("department").distinct().count(),
        "enforcement_bodies": bodies_by_standing,
        "by_department": by_department,
        "service_centre": versions.filter(in_service_centre=True).count(),
        "service_centre_departments": versions.filter(in_service_centre=True)
        .values("department")
        .distinct()
        .count(),
        "total": sum(by_kind.values()),
    }

"""Reads for the public catalog pages and API: filtering, facets and one power's full content.

Everything here starts from ``selectors.published_versions()`` — the current version of every
power in force or suspended — so a draft, a superseded version or a repealed power never shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from zhengwu.catalog.models import PowerKind, PowerVersion, Stage
from zhengwu.catalog.selectors import published_versions
from zhengwu.org.models import Department

RESULT_ORDER = ("department__division__code", "department__code", "power__implementation_code")


@dataclass(frozen=True)
class CatalogFilters:
    """The filters of a catalog search; every one is optional and they combine (AND)."""

    department: int | None = None
    kind: str | None = None
    event: str | None = None
    q: str | None = None
    in_service_centre: bool | None = None

    def without(self, name: str) -> CatalogFilters:
        values = {**self.__dict__, name: None}
        return CatalogFilters(**values)

    @property
    def any(self) -> bool:
        return any(value not in (None, "") for value in self.__dict__.values())


def split_life_events(text: str) -> list[str]:
    """The life events of a ``life_events`` field (commas, ASCII or Chinese)."""
    return [e.strip() for e in text.replace("，", ",").split(",") if e.strip()]


def _with_event(versions: QuerySet[PowerVersion], event: str) -> QuerySet[PowerVersion]:
    # The database narrows by substring; the exact match on the comma-separated list is done
    # here, so that "开办企业" does not also find "开办企业分支机构".
    candidates = versions.filter(life_events__contains=event).values_list("pk", "life_events")
    return versions.filter(
        pk__in=[pk for pk, text in candidates if event in split_life_events(text)]
    )


def _with_query(versions: QuerySet[PowerVersion], q: str) -> QuerySet[PowerVersion]:
    # Every word must appear in the name; a word may also be a matter's code.
    for word in q.split():
        versions = versions.filter(
            Q(name__icontains=word)
            | Q(power__implementation_code__iexact=word)
            | Q(power__basic_code__iexact=word)
        )
    return versions


def filtered_versions(filters: CatalogFilters) -> QuerySet[PowerVersion]:
    """The published versions that match ``filters``, in catalog order."""
    versions = published_versions()
    if filters.department is not None:
        versions = versions.filter(department_id=filters.department)
    if filters.kind:
        versions = versions.filter(kind=filters.kind)
    if filters.in_service_centre is not None:
        versions = versions.filter(in_service_centre=filters.in_service_centre)
    if filters.q:
        versions = _with_query(versions, filters.q)
    if filters.event:
        versions = _with_event(versions, filters.event)
    return versions.select_related("power", "department").order_by(*RESULT_ORDER)


@dataclass(frozen=True)
class DepartmentFacet:
    id: int
    name: str
    count: int


@dataclass(frozen=True)
class KindFacet:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class EventFacet:
    name: str
    count: int


@dataclass(frozen=True)
class Facets:
    departments: list[DepartmentFacet]
    kinds: list[KindFacet]
    events: list[EventFacet]


def facets(filters: CatalogFilters) -> Facets:
    """What can still be chosen: each dimension counted under the *other* filters applied.

    Only values with at least one matter are listed, so no link leads to an empty page.
    """
    by_department = (
        filtered_versions(filters.without("department"))
        .values("department_id", "department__name", "department__division__code")
        .annotate(n=Count("id"))
        .order_by("department__division__code", "department__code")
    )
    by_kind = dict(
        filtered_versions(filters.without("kind"))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    events: Counter[str] = Counter()
    for text in (
        filtered_versions(filters.without("event"))
        .exclude(life_events="")
        .values_list("life_events", flat=True)
    ):
        events.update(set(split_life_events(text)))
    return Facets(
        departments=[
            DepartmentFacet(row["department_id"], row["department__name"], row["n"])
            for row in by_department
        ],
        kinds=[
            KindFacet(kind.value, str(kind.label), by_kind[kind.value])
            for kind in PowerKind
            if by_kind.get(kind.value)
        ],
        events=[
            EventFacet(name, n) for name, n in sorted(events.items(), key=lambda i: (-i[1], i[0]))
        ],
    )


def department_of(pk: int) -> Department | None:
    return Department.objects.filter(pk=pk).first()


def published_version(implementation_code: str) -> PowerVersion | None:
    """The published version of one power, with everything its page shows; None if not public."""
    return (
        published_versions()
        .filter(power__implementation_code=implementation_code)
        .select_related(
            "power",
            "department",
            "department__division",
            "entrusting_body",
            "lead_department",
        )
        .prefetch_related(
            "legal_bases",
            "materials",
            "fees",
            Prefetch("stages", queryset=Stage.objects.select_related("department")),
        )
        .first()
    )

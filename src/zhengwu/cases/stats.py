"""Case statistics: one set of definitions, for the command, the dashboard and the annual report.

A period is the closed range of dates ``[start, end]``. Each figure counts cases by the date of
its own event, so a case accepted in December and completed in January counts as accepted in one
year and as completed in the next:

``received``
    cases whose materials arrived (``received_on``) in the period, at whichever window or point.
``accepted``
    cases accepted (``accepted_on``) in the period; a deemed acceptance is dated, as the law has
    it, on the day the materials arrived.
``refused``
    applications not accepted (``refused_on``) in the period.
``completed``
    cases completed (``completed_on``) in the period.
``completion_rate``
    ``completed / accepted`` in percent with one decimal (half up); ``None`` when nothing was
    accepted.
``on_time``
    completed cases whose deadline clock was completed on or before its due date. The deadline
    clock is the case's promised clock, else its legal clock, else its instant clock; a completed
    case with none of them (a matter without a time limit) is not counted as on time.
``timed``
    completed cases that have a deadline clock (matters without a time limit have none).
``on_time_rate``
    ``on_time / timed``, in percent with one decimal; ``None`` when no completed case had a time
    limit.
``instant`` / ``promised``
    the accepted cases split by the matter type of the power version applied for.
``average_working_days``
    over the completed cases, the mean number of working days from acceptance to completion:
    ``workday_ordinal(completed_on) - workday_ordinal(accepted_on)`` on the official calendar
    (0 for a case completed on the day it was accepted), one decimal; ``None`` when nothing was
    completed.
``ratings``
    ratings given (``rated_on``) in the period, per level (``very_satisfied``, ``satisfied``,
    ``fair``, ``dissatisfied``, ``very_dissatisfied``); ``rated`` is their number.
``satisfaction_rate``
    ``(very satisfied + satisfied) / rated`` in percent with one decimal; ``None`` when nothing
    was rated.

Figures can be grouped by ``department`` (the implementing body of the case), ``centre`` (the
centre or hall that handles it), ``centre_kind`` (county centre, township hall, …), ``channel``
(online, county window, township hall, village point) or ``month`` (the month of each figure's own
date: a case accepted in March and completed in April is accepted in March, completed in April).

"To date" figures, as of a day ``D``, count every case up to and including ``D``:

``accepted_to_date`` / ``completed_to_date``
    cases handled at a county administrative service centre accepted / completed on or before D;
``completion_rate_to_date``
    ``completed_to_date / accepted_to_date`` in percent with one decimal;
``township_halls_accepted_to_date``
    cases handled at a township convenience hall accepted on or before D.

The annual report's ``cases`` figures are the year's figures of the cases handled at the county
centre (whose windows run the approval software), its ``service_centre`` figures the to-date
figures on 31 December.

Every figure is an aggregate query; no case is loaded into Python.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, TruncMonth
from django.utils.translation import gettext_lazy as _

from zhengwu.cases.models import Case, Channel, Rating
from zhengwu.cases.services import INSTANT, LEGAL, PROMISED
from zhengwu.catalog.models import PowerVersion
from zhengwu.org.models import Department, Division, ServiceCentre
from zhengwu.org.selectors import divisions_under
from zhengwu.workdays.models import Clock, Day

COUNTY_CENTRE = ServiceCentre.Kind.COUNTY_CENTRE
TOWNSHIP_HALL = ServiceCentre.Kind.TOWNSHIP_HALL

# The ways figures can be grouped, and the case field each groups on ("month" groups each figure
# on the month of its own date).
GROUPINGS = {
    "department": "department",
    "centre": "handling_centre",
    "centre_kind": "handling_centre__kind",
    "channel": "channel",
    "month": None,
}
GROUPING_LABELS = {
    "department": _("department"),
    "centre": _("centre or hall"),
    "centre_kind": _("kind of centre"),
    "channel": _("channel"),
    "month": _("month"),
}
# Rating levels by key, best first.
RATING_KEYS = {
    Rating.Level.VERY_SATISFIED: "very_satisfied",
    Rating.Level.SATISFIED: "satisfied",
    Rating.Level.FAIR: "fair",
    Rating.Level.DISSATISFIED: "dissatisfied",
    Rating.Level.VERY_DISSATISFIED: "very_dissatisfied",
}
SATISFIED_LEVELS = [Rating.Level.VERY_SATISFIED, Rating.Level.SATISFIED]
# The order in which a case's clocks stand for its deadline.
DEADLINE_CLOCKS = [PROMISED, LEGAL, INSTANT]


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` in percent with one decimal, rounded half up; ``None`` when whole is 0."""
    if not whole:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(value)


def _mean(total: int | None, count: int) -> float | None:
    if not count:
        return None
    value = (Decimal(total or 0) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(value)


@dataclass
class CaseFigures:
    """The figures of one period (and one group)."""

    received: int = 0
    accepted: int = 0
    refused: int = 0
    completed: int = 0
    on_time: int = 0
    timed: int = 0
    instant: int = 0
    promised: int = 0
    working_days_total: int = 0  # summed over the completed cases
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RATING_KEYS.values(), 0))

    @property
    def completion_rate(self) -> float | None:
        return rate(self.completed, self.accepted)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.on_time, self.timed)

    @property
    def average_working_days(self) -> float | None:
        return _mean(self.working_days_total, self.completed)

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfaction_rate(self) -> float | None:
        satisfied = sum(self.ratings[RATING_KEYS[level]] for level in SATISFIED_LEVELS)
        return rate(satisfied, self.rated)

    def as_dict(self) -> dict:
        return {
            "received": self.received,
            "accepted": self.accepted,
            "refused": self.refused,
            "completed": self.completed,
            "completion_rate": self.completion_rate,
            "on_time": self.on_time,
            "timed": self.timed,
            "on_time_rate": self.on_time_rate,
            "instant": self.instant,
            "promised": self.promised,
            "average_working_days": self.average_working_days,
            "ratings": dict(self.ratings),
            "rated": self.rated,
            "satisfaction_rate": self.satisfaction_rate,
        }


@dataclass
class GroupFigures:
    """The figures of one group: its key (an id, a code or a month) and what it reads as."""

    key: object
    label: str
    figures: CaseFigures

    def as_dict(self) -> dict:
        key = self.key.strftime("%Y-%m") if isinstance(self.key, datetime.date) else self.key
        return {"key": key, "label": self.label, **self.figures.as_dict()}


# ---------------------------------------------------------------------------------------------
# Scopes
# ---------------------------------------------------------------------------------------------


def cases_of(division: Division) -> QuerySet[Case]:
    """The cases of the bodies of a division and of every division below it.

    Written as ``department IN (the division's departments)`` rather than a join, so that
    counting them reads the covering index ``case_figures_idx`` alone."""
    departments = Department.objects.filter(division__in=divisions_under(division))
    return Case.objects.filter(department__in=departments.values("pk"))


def _base(cases: QuerySet[Case] | None) -> QuerySet[Case]:
    return (Case.objects.all() if cases is None else cases).order_by()


# ---------------------------------------------------------------------------------------------
# Expressions
# ---------------------------------------------------------------------------------------------


def _ordinal(date_field: str) -> Subquery:
    """The working-day ordinal of a case's date, read from the calendar."""
    return Subquery(
        Day.objects.filter(date=OuterRef(date_field)).order_by().values("workday_ordinal")[:1],
        output_field=IntegerField(),
    )


def _deadline_met() -> Subquery:
    """1 when the case's deadline clock (promised, else legal, else instant) was completed on or
    before its due date, 0 when it was not, NULL when the case has none."""
    priority = models.Case(
        *[When(purpose=purpose, then=Value(i)) for i, purpose in enumerate(DEADLINE_CLOCKS)],
        output_field=IntegerField(),
    )
    met = models.Case(
        When(
            Q(status=Clock.Status.COMPLETED, completed_on__lte=F("due_date")),
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    return Subquery(
        Clock.objects.filter(
            owner_type=Case._meta.label_lower,
            owner_id=Cast(OuterRef("pk"), CharField()),
            purpose__in=DEADLINE_CLOCKS,
        )
        .annotate(priority=priority, met=met)
        .order_by("priority", "-id")
        .values("met")[:1],
        output_field=IntegerField(),
    )


def _grouped(qs: QuerySet, by: str | None, date_field: str, prefix: str = "", **aggregates):
    """``{key: {name: value}}`` of the aggregates over ``qs``, grouped by ``by`` (one key,
    ``None``, when not grouped)."""
    if by is None:
        return {None: qs.aggregate(**aggregates)}
    key = TruncMonth(date_field) if by == "month" else F(prefix + GROUPINGS[by])
    rows = qs.values(group_key=key).annotate(**aggregates).order_by()
    return {row.pop("group_key"): row for row in rows}


# ---------------------------------------------------------------------------------------------
# Figures of a period
# ---------------------------------------------------------------------------------------------


def _collect(
    start: datetime.date, end: datetime.date, by: str | None, cases: QuerySet[Case] | None
) -> dict[object, CaseFigures]:
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")
    base = _base(cases)
    period = (start, end)
    figures: dict[object, CaseFigures] = {}

    def merge(rows: dict, **names: str) -> None:
        for key, row in rows.items():
            target = figures.setdefault(key, CaseFigures())
            for attr, name in names.items():
                setattr(target, attr, row[name] or 0)

    n = Count("pk")
    merge(
        _grouped(base.filter(received_on__range=period), by, "received_on", received=n),
        received="received",
    )
    merge(
        _grouped(
            base.filter(accepted_on__range=period),
            by,
            "accepted_on",
            accepted=n,
            instant=Count(
                "pk", filter=Q(power_version__matter_type=PowerVersion.MatterType.INSTANT)
            ),
            promised=Count(
                "pk", filter=Q(power_version__matter_type=PowerVersion.MatterType.PROMISED)
            ),
        ),
        accepted="accepted",
        instant="instant",
        promised="promised",
    )
    merge(
        _grouped(base.filter(refused_on__range=period), by, "refused_on", refused=n),
        refused="refused",
    )
    # The expressions go straight into the aggregates: an aggregate over an annotation made of
    # subqueries is not reliably carried into Django's wrapping query.
    merge(
        _grouped(
            base.filter(completed_on__range=period),
            by,
            "completed_on",
            completed=n,
            on_time=Sum(_deadline_met()),
            timed=Count(_deadline_met()),
            working_days=Sum(_ordinal("completed_on") - _ordinal("accepted_on")),
        ),
        completed="completed",
        on_time="on_time",
        timed="timed",
        working_days_total="working_days",
    )
    ratings = Rating.objects.filter(case__in=base.values("pk"), rated_on__range=period).order_by()
    rating_rows = _grouped(
        ratings,
        by,
        "rated_on",
        prefix="case__",
        **{name: Count("pk", filter=Q(level=level)) for level, name in RATING_KEYS.items()},
    )
    for key, row in rating_rows.items():
        figures.setdefault(key, CaseFigures()).ratings = {
            name: row[name] or 0 for name in RATING_KEYS.values()
        }
    return figures


def case_figures(
    start: datetime.date, end: datetime.date, *, cases: QuerySet[Case] | None = None
) -> CaseFigures:
    """The figures of the cases in ``cases`` (all cases by default) for ``[start, end]``."""
    return _collect(start, end, None, cases).get(None, CaseFigures())


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _labels(by: str, keys) -> dict[object, str]:
    none = str(_("(none)"))
    if by == "department":
        names = dict(
            Department.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name")
        )
    elif by == "centre":
        names = dict(
            ServiceCentre.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name")
        )
    elif by == "centre_kind":
        names = {
            k: str(ServiceCentre.Kind(k).label) for k in keys if k in ServiceCentre.Kind.values
        }
    elif by == "channel":
        names = {k: str(Channel(k).label) for k in keys if k in Channel.values}
    else:
        names = {k: k.strftime("%Y-%m") for k in keys if k}
    return {key: names.get(key, none if key is None else str(key)) for key in keys}


def case_figures_by(
    start: datetime.date,
    end: datetime.date,
    by: str,
    *,
    cases: QuerySet[Case] | None = None,
) -> list[GroupFigures]:
    """The figures for ``[start, end]`` per group: per month every month of the period in order,
    otherwise every group with something to count, by label."""
    figures = _collect(start, end, by, cases)
    if by == "month":
        # TruncMonth gives a date on every database; normalise datetimes just in case.
        figures = {
            (k.date() if isinstance(k, datetime.datetime) else k): v for k, v in figures.items()
        }
        for month in _months(start, end):
            figures.setdefault(month, CaseFigures())
    labels = _labels(by, list(figures))
    groups = [GroupFigures(key, labels[key], value) for key, value in figures.items()]
    if by == "month":
        return sorted(groups, key=lambda g: g.key)
    return sorted(groups, key=lambda g: (g.key is None, g.label, str(g.key)))


# ---------------------------------------------------------------------------------------------
# To date, and the annual report
# ---------------------------------------------------------------------------------------------


def service_centre_to_date(on: datetime.date, *, cases: QuerySet[Case] | None = None) -> dict:
    """The county centre's accepted and completed cases, and the township halls' accepted cases,
    up to and including ``on``."""
    centre = Q(handling_centre__kind=COUNTY_CENTRE)
    counts = _base(cases).aggregate(
        accepted=Count("pk", filter=centre & Q(accepted_on__lte=on)),
        completed=Count("pk", filter=centre & Q(completed_on__lte=on)),
        halls=Count("pk", filter=Q(handling_centre__kind=TOWNSHIP_HALL, accepted_on__lte=on)),
    )
    return {
        "accepted_to_date": counts["accepted"],
        "completed_to_date": counts["completed"],
        "completion_rate_to_date": rate(counts["completed"], counts["accepted"]),
        "township_halls_accepted_to_date": counts["halls"],
    }


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def annual_figures(year: int, *, cases: QuerySet[Case] | None = None) -> dict:
    """The case figures of the annual report for ``year``: ``cases`` (the year's cases handled at
    the county centre) and ``service_centre`` (to date on 31 December).

    The same figures as :func:`case_figures` (accepted, completed, instant, promised) over the
    centre's cases and :func:`service_centre_to_date` on 31 December, counted in one pass over
    the cases (conditional aggregates): the report needs none of the other figures, whose
    per-case subqueries (the deadline clock, the calendar's ordinals) cost seconds over a
    million cases."""
    start, end = year_period(year)
    period = (start, end)

    def centres(kind: str) -> Q:
        # ``IN (ids)`` rather than a join: the count then reads the covering index alone.
        return Q(handling_centre__in=ServiceCentre.objects.filter(kind=kind).values("pk"))

    def matters(matter_type: str) -> Q:
        versions = PowerVersion.objects.filter(matter_type=matter_type).values("pk")
        return Q(power_version__in=versions)

    centre = centres(COUNTY_CENTRE)
    accepted = centre & Q(accepted_on__range=period)
    counts = _base(cases).aggregate(
        accepted=Count("pk", filter=accepted),
        instant=Count("pk", filter=accepted & matters(PowerVersion.MatterType.INSTANT)),
        promised=Count("pk", filter=accepted & matters(PowerVersion.MatterType.PROMISED)),
        completed=Count("pk", filter=centre & Q(completed_on__range=period)),
        accepted_to_date=Count("pk", filter=centre & Q(accepted_on__lte=end)),
        completed_to_date=Count("pk", filter=centre & Q(completed_on__lte=end)),
        halls=Count("pk", filter=centres(TOWNSHIP_HALL) & Q(accepted_on__lte=end)),
    )
    return {
        "cases": {
            "accepted": counts["accepted"],
            "completed": counts["completed"],
            "completion_rate": rate(counts["completed"], counts["accepted"]),
            "promised": counts["promised"],
            "instant": counts["instant"],
        },
        "service_centre": {
            "accepted_to_date": counts["accepted_to_date"],
            "completed_to_date": counts["completed_to_date"],
            "completion_rate_to_date": rate(
                counts["completed_to_date"], counts["accepted_to_date"]
            ),
            "township_halls_accepted_to_date": counts["halls"],
        },
    }

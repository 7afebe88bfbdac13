"""Set-based due dates: one UPDATE computes the due date of every clock in a queryset.

The database does the counting with the ``Day`` table, the same arithmetic as
:mod:`zhengwu.workdays.counting`:

- working days: the working day whose ordinal is ``ordinal(started_on) + budget``;
- calendar days: the day ``budget`` days after ``started_on``, or the first working day after it
  when it is not a working day.

``provisional`` is set where any counted day lies in a year with no official schedule.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from zhengwu.common.audit import audit_record
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import CALENDAR_START, Clock, Day

OPEN = [Clock.Status.RUNNING, Clock.Status.SUSPENDED]


class DayNumber(Func):
    """The day number of a date (days since the calendar's start), computed by the database."""

    output_field = IntegerField()
    # julianday() of the calendar's first day; SQLite stores dates as ISO text.
    _JULIAN_START = CALENDAR_START.toordinal() + 1721424.5

    def as_sqlite(self, compiler, connection, **extra_context):
        template = f"CAST(julianday(%(expressions)s) - {self._JULIAN_START} AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = f"(%(expressions)s - DATE '{CALENDAR_START.isoformat()}')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _budget(outer: int):
    def ref(name):
        for _ in range(outer):
            name = OuterRef(name)
        return name

    return ref("limit_days") + ref("extended_days") + ref("suspended_days")


def _working_due() -> Subquery:
    """The working day whose ordinal is the triggering day's ordinal plus the budget."""
    start_ordinal = Subquery(
        Day.objects.filter(number=DayNumber(OuterRef(OuterRef("started_on"))))
        .order_by()
        .values("workday_ordinal")[:1]
    )
    return Subquery(
        Day.objects.filter(is_workday=True, workday_ordinal=start_ordinal + _budget(1))
        .order_by()
        .values("date")[:1]
    )


def _calendar_due() -> Subquery:
    """The day ``budget`` days on, or the first working day after it."""
    rolled_ordinal = Subquery(
        Day.objects.filter(number=DayNumber(OuterRef(OuterRef("started_on"))) + _budget(2))
        .annotate(
            target=F("workday_ordinal")
            + Case(When(is_workday=True, then=0), default=1, output_field=IntegerField())
        )
        .order_by()
        .values("target")[:1]
    )
    return Subquery(
        Day.objects.filter(is_workday=True, workday_ordinal=rolled_ordinal)
        .order_by()
        .values("date")[:1]
    )


def _provisional_ranges() -> list[tuple[datetime.date, datetime.date]]:
    """The runs of consecutive provisional days, as (first, last) dates."""
    calendar = get_calendar()
    ranges: list[list[int]] = []
    for number in calendar.provisional_numbers:
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return [(calendar.date_of(a), calendar.date_of(b)) for a, b in ranges]


def provisional_condition() -> Q:
    """Clocks whose counted days (started_on, due_date] touch a year without a schedule."""
    condition = Q(pk__in=[])
    for first, last in _provisional_ranges():
        condition |= Q(started_on__lt=last, due_date__gte=first, due_date__gt=F("started_on"))
    return condition


def due_date_expression() -> Case:
    """The due date of each clock, computed from the calendar in the database.

    A clock with no days to count is due on its triggering date, as counting.py has it.
    """
    return Case(
        When(Q(limit_days=0, extended_days=0, suspended_days=0), then=F("started_on")),
        When(day_kind=Clock.DayKind.WORKING, then=_working_due()),
        When(day_kind=Clock.DayKind.CALENDAR, then=_calendar_due()),
        default=F("due_date"),
        output_field=DateField(),
    )


def recompute_due_dates(clocks: QuerySet[Clock]) -> int:
    """Recompute ``due_date`` and ``provisional`` of the given clocks in one pass each."""
    n = clocks.update(due_date=Coalesce(due_date_expression(), F("due_date")))
    condition = provisional_condition()
    clocks.filter(condition).exclude(provisional=True).update(provisional=True)
    clocks.exclude(condition).exclude(provisional=False).update(provisional=False)
    return n


@dataclass
class RedateResult:
    examined: int = 0
    changed: list[tuple[int, datetime.date, datetime.date]] = field(default_factory=list)


def redate_open_clocks(*, actor, since: datetime.date, reason: str) -> RedateResult:
    """Re-date every open clock whose counting may cross ``since``; audit each one that moved.

    Called inside the transaction that changed the calendar.
    """
    affected = Clock.objects.filter(status__in=OPEN).filter(
        Q(due_date__gte=since) | Q(provisional=True)
    )
    before = dict(affected.values_list("pk", "due_date"))
    result = RedateResult(examined=len(before))
    if not before:
        return result
    recompute_due_dates(Clock.objects.filter(pk__in=before))
    rows = Clock.objects.filter(pk__in=before).only(
        "pk", "due_date", "owner_type", "owner_id", "purpose", "division", "provisional"
    )
    for clock in rows:
        old = before[clock.pk]
        if clock.due_date != old:
            result.changed.append((clock.pk, old, clock.due_date))
            audit_record(
                actor=actor,
                action="clock_redate",
                object_type=clock.owner_type,
                object_id=clock.owner_id,
                reason=reason,
                detail={
                    "clock": clock.pk,
                    "purpose": clock.purpose,
                    "due_before": old.isoformat(),
                    "due_after": clock.due_date.isoformat(),
                    "provisional": clock.provisional,
                },
                division=clock.division,
            )
    return result

"""Reads of clocks: their state on a day, counts by state, the clocks of an object."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import CalendarYear, Clock, Day
from zhengwu.workdays.redate import due_date_expression


class ClockState(models.TextChoices):
    RUNNING = "running", _("running")
    SUSPENDED = "suspended", _("suspended")
    OVERDUE = "overdue", _("overdue")
    COMPLETED_ON_TIME = "completed_on_time", _("completed on time")
    COMPLETED_LATE = "completed_late", _("completed late")


def state_expression(on: datetime.date, due_field: str = "due_date") -> Case:
    """The state of each clock on ``on``, from its due date (stored, or an annotation).

    The due date is referenced once, so a computed one is computed once per clock: a clock is
    late when the day it was completed (or, while open, ``on``) is after its due date.
    """
    late = Q(**{f"{due_field}__lt": Coalesce(F("completed_on"), Value(on))})
    completed = Q(status=Clock.Status.COMPLETED)
    return Case(
        When(status=Clock.Status.SUSPENDED, then=Value(ClockState.SUSPENDED)),
        When(
            late,
            then=Case(
                When(completed, then=Value(ClockState.COMPLETED_LATE)),
                default=Value(ClockState.OVERDUE),
            ),
        ),
        When(completed, then=Value(ClockState.COMPLETED_ON_TIME)),
        default=Value(ClockState.RUNNING),
        output_field=CharField(),
    )


def _count_by_state(clocks: QuerySet[Clock]) -> dict[str, int]:
    """Counts of an annotated ``state``, grouped over a derived table.

    Grouping by the CASE expression itself would make SQLite evaluate it twice per row (once for
    the group key, once for the output): a computed due date would be counted twice.
    """
    inner_sql, params = clocks.values("state").order_by().query.sql_with_params()
    counts = {state: 0 for state in ClockState.values}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT state, COUNT(*) FROM ({inner_sql}) AS clock_states GROUP BY state",  # noqa: S608
            params,
        )
        counts.update(dict(cursor.fetchall()))
    return counts


def clock_state_counts(clocks: QuerySet[Clock], *, on: datetime.date) -> dict[str, int]:
    """How many clocks are in each state on ``on``, from their stored due dates."""
    return _count_by_state(clocks.annotate(state=state_expression(on)))


def clocks_with_computed_due(clocks: QuerySet[Clock]) -> QuerySet[Clock]:
    """Clocks annotated with ``computed_due``: the due date counted afresh from the calendar."""
    return clocks.annotate(computed_due=due_date_expression())


def computed_state_counts(clocks: QuerySet[Clock], *, on: datetime.date) -> dict[str, int]:
    """Counts by state with every due date counted afresh from the calendar, in one query."""
    annotated = clocks_with_computed_due(clocks).annotate(
        state=state_expression(on, "computed_due")
    )
    return _count_by_state(annotated)


def clocks_of(owner: models.Model) -> QuerySet[Clock]:
    return Clock.objects.filter(owner_type=owner._meta.label_lower, owner_id=str(owner.pk))


@dataclass(frozen=True)
class CalendarStatus:
    official_years: list[int]
    provisional_years: list[int]
    open_provisional_by_year: dict[int, int]

    @property
    def last_official_year(self) -> int | None:
        return self.official_years[-1] if self.official_years else None

    def missing_year_for(self, today: datetime.date) -> int | None:
        """The next year without a schedule that deadlines counted today may reach."""
        for year in (today.year, today.year + 1):
            if year in self.provisional_years:
                return year
        return None


def calendar_status() -> CalendarStatus:
    """Which years have an official schedule, and how many open clocks count through the rest."""
    official = list(CalendarYear.objects.order_by("year").values_list("year", flat=True))
    provisional = sorted(
        Day.objects.filter(provisional=True)
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by()
    )
    rows = (
        Clock.objects.filter(
            status__in=[Clock.Status.RUNNING, Clock.Status.SUSPENDED], provisional=True
        )
        .annotate(year=ExtractYear("due_date"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    return CalendarStatus(
        official_years=official,
        provisional_years=provisional,
        open_provisional_by_year={row["year"]: row["n"] for row in rows},
    )


@dataclass(frozen=True)
class MonthGrid:
    year: int
    month: int
    weeks: list[list[Day | None]]


def year_grid(year: int) -> list[MonthGrid]:
    """The days of a year as month grids (weeks from Monday), for the public calendar page."""
    days = {day.date: day for day in Day.objects.filter(date__year=year).order_by("number")}
    months = []
    for month in range(1, 13):
        weeks = [
            [days.get(date) if date.month == month else None for date in week]
            for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        months.append(MonthGrid(year=year, month=month, weeks=weeks))
    return months


def clock_state_on(clock: Clock, on: datetime.date) -> str:
    """One clock's state on ``on``: the same rule as :func:`state_expression`, in Python."""
    if clock.status == Clock.Status.SUSPENDED:
        return ClockState.SUSPENDED
    late = clock.due_date < (clock.completed_on or on)
    if clock.status == Clock.Status.COMPLETED:
        return ClockState.COMPLETED_LATE if late else ClockState.COMPLETED_ON_TIME
    return ClockState.OVERDUE if late else ClockState.RUNNING


@dataclass(frozen=True)
class ClockProgress:
    """Where a clock stands on a day."""

    state: str
    due_date: datetime.date
    provisional: bool
    working_days_left: int  # negative when overdue; frozen while suspended
    elapsed: int  # days used so far, in the clock's kind, excluded periods not counted


def clock_progress(clock: Clock, on: datetime.date, *, calendar=None) -> ClockProgress:
    """The state, days left and days used of one clock on ``on``.

    While a clock is suspended its count stands still at the day it was suspended; once it is
    completed, at the day it was completed. A list passes the ``calendar`` it read once
    (``get_calendar`` checks the calendar's version with a query).
    """
    calendar = calendar or get_calendar()
    stop = clock.completed_on or clock.suspended_since or on
    if clock.day_kind == Clock.DayKind.WORKING:
        used = calendar.workdays_between(clock.started_on, stop)
    else:
        used = (stop - clock.started_on).days
    return ClockProgress(
        state=clock_state_on(clock, on),
        due_date=clock.due_date,
        provisional=clock.provisional,
        working_days_left=calendar.workdays_between(stop, clock.due_date),
        elapsed=max(used - clock.suspended_days, 0),
    )

"""Reads of clocks: their state on a day, counts by state, the clocks of an object."""

from __future__ import annotations

import datetime

from django.db import connection, models
from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zhengwu.workdays.models import Clock
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

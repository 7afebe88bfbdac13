"""The sweep: every enabled rule, one set-based pass each, raising and clearing alerts.

For each rule, the new alerts go in with one ``INSERT … SELECT`` over the rule's candidates that
have no open (or resolved) alert yet, and the alerts whose condition has gone are cleared with one
``UPDATE``. Running the sweep twice raises nothing new; the partial unique constraint on open
alerts makes a duplicate impossible even when two sweeps run at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from zhengwu.supervision.models import Alert, Rule
from zhengwu.supervision.rules import KINDS

COLUMNS = "a_key, a_type, a_id, a_case, a_department, a_due"


@dataclass
class SweepResult:
    raised: dict[str, int] = field(default_factory=dict)
    cleared: dict[str, int] = field(default_factory=dict)

    @property
    def total_raised(self) -> int:
        return sum(self.raised.values())

    @property
    def total_cleared(self) -> int:
        return sum(self.cleared.values())


def _raise(rule: Rule, candidates, on: datetime.date) -> int:
    fresh = candidates.annotate(
        known=Exists(
            Alert.objects.filter(
                rule=rule,
                key=OuterRef("a_key"),
                status__in=[Alert.Status.OPEN, Alert.Status.RESOLVED],
            )
        )
    ).filter(known=False)
    try:
        sql, params = fresh.query.sql_with_params()
    except EmptyResultSet:  # a rule whose condition can match nothing today
        return 0
    table = connection.ops.quote_name(Alert._meta.db_table)
    # Only quoted identifiers and the ORM's own compiled SQL go into the text; values are params.
    insert = (
        f"INSERT INTO {table} (rule_id, severity, {connection.ops.quote_name('key')}, "  # noqa: S608
        "object_type, object_id, case_id, department_id, due_date, raised_on, status, note) "
        f"SELECT %s, %s, sub.a_key, sub.a_type, sub.a_id, sub.a_case, sub.a_department, "
        f"sub.a_due, %s, %s, %s FROM ({sql}) sub"
    )
    day = connection.ops.adapt_datefield_value(on)
    with connection.cursor() as cursor:
        cursor.execute(insert, [rule.pk, rule.severity, day, Alert.Status.OPEN, "", *params])
        return max(cursor.rowcount, 0)


def _clear(rule: Rule, candidates, on: datetime.date, scope) -> int:
    alerts = Alert.objects.filter(rule=rule, status=Alert.Status.OPEN)
    if scope is not None:
        alerts = alerts.filter(case_id__in=scope)
    return alerts.exclude(key__in=candidates.values("a_key")).update(
        status=Alert.Status.CLEARED, cleared_on=on
    )


def sweep(*, on: datetime.date | None = None, scope: list[int] | None = None) -> SweepResult:
    """Evaluate every enabled rule on ``on`` (today by default); ``scope`` limits it to cases."""
    on = on or timezone.localdate()
    result = SweepResult()
    for rule in Rule.objects.filter(enabled=True).order_by("code"):
        kind = KINDS.get(rule.kind)
        if kind is None:
            continue
        candidates = kind.candidates(rule, on, scope)
        try:
            with transaction.atomic():
                result.raised[rule.code] = _raise(rule, candidates, on)
                if kind.auto_clear:
                    result.cleared[rule.code] = _clear(rule, candidates, on, scope)
        except IntegrityError:
            # Another sweep raised the same alert in the meantime: nothing is lost or doubled.
            result.raised[rule.code] = 0
    return result


def supervise_case(case) -> SweepResult:
    """Re-evaluate one case at once (called by the case engine on every change)."""
    return sweep(scope=[case.pk])

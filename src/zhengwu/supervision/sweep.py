"""The sweep: every enabled rule, one set-based pass each, raising and clearing alerts.

For each rule, the candidates are computed once into a temporary table; the alerts whose condition
has gone are cleared with one ``UPDATE``, and the new alerts go in with one ``INSERT … SELECT``
over the candidates that have no open (or resolved) alert yet (in key order, so the alert indexes
grow at their ends). Running the sweep twice raises nothing new; the partial unique
constraint on open alerts makes a duplicate impossible even when two sweeps run at once.

Before the rules, a full sweep runs the dated jobs other modules register with
:func:`register_sweep_job` (a normative document lapsing on its end date, a certificate
expiring), so that what the rules then see is the state of that day. A job must be idempotent:
it is also run by its module's own command and may run on several workers at once.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from zhengwu.supervision.models import Alert, Rule
from zhengwu.supervision.rules import KINDS, RuleKind, scope_memo

COLUMNS = "a_key, a_type, a_id, a_case, a_department, a_due"


@dataclass
class SweepResult:
    raised: dict[str, int] = field(default_factory=dict)
    cleared: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # time spent on each rule
    jobs: dict[str, object] = field(default_factory=dict)  # what each registered job returned

    @property
    def total_raised(self) -> int:
        return sum(self.raised.values())

    @property
    def total_cleared(self) -> int:
        return sum(self.cleared.values())


# name → job(day): the dated jobs of other modules, run before the rules by a full sweep.
_JOBS: dict[str, Callable[[datetime.date], object]] = {}


def register_sweep_job(name: str, job: Callable[[datetime.date], object]) -> None:
    """Run ``job(day)`` at the start of every full sweep (idempotent; see the module doc)."""
    _JOBS[name] = job


# The candidates of the rule being swept, computed once and read twice (raise, then clear).
CANDIDATES = "supervision_sweep_candidates"


def _collect(cursor, candidates) -> None:
    """Put the rule's candidates in a temporary table (per connection, emptied for each rule)."""
    table = connection.ops.quote_name(CANDIDATES)
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {table} (a_key varchar(80) NOT NULL,"
        " a_type varchar(64), a_id varchar(64), a_case bigint, a_department bigint, a_due date)"
    )
    cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a constant name)
    try:
        sql, params = candidates.query.sql_with_params()
    except EmptyResultSet:  # a rule whose condition can match nothing today
        return
    # Only quoted identifiers and the ORM's own compiled SQL go into the text; values are params.
    cursor.execute(
        f"INSERT INTO {table} ({COLUMNS}) SELECT sub.a_key, sub.a_type, sub.a_id,"  # noqa: S608
        f" sub.a_case, sub.a_department, sub.a_due FROM ({sql}) sub",
        params,
    )


def _raise(cursor, rule: Rule, on: datetime.date) -> int:
    """Alerts for the candidates with no open (or resolved) alert of this rule yet.

    The statuses are written as literals (constants of the model, not input), so each probe reads
    the partial index of its status: the unique index of open alerts, the small one of resolved.
    """
    qn = connection.ops.quote_name
    alerts, table, key = qn(Alert._meta.db_table), qn(CANDIDATES), qn("key")
    probe = (
        f"NOT EXISTS (SELECT 1 FROM {alerts} a WHERE a.rule_id = %s AND a.{key} = c.a_key"  # noqa: S608
        " AND a.status = '{status}')"
    )
    insert = (
        f"INSERT INTO {alerts} (rule_id, severity, {key}, "  # noqa: S608
        "object_type, object_id, case_id, department_id, due_date, raised_on, status, note) "
        "SELECT %s, %s, c.a_key, c.a_type, c.a_id, c.a_case, c.a_department, c.a_due, %s, %s, %s "
        f"FROM {table} c WHERE {probe.format(status=Alert.Status.OPEN)}"
        f" AND {probe.format(status=Alert.Status.RESOLVED)} ORDER BY c.a_key"
    )
    day = connection.ops.adapt_datefield_value(on)
    cursor.execute(insert, [rule.pk, rule.severity, day, Alert.Status.OPEN, "", rule.pk, rule.pk])
    return max(cursor.rowcount, 0)


def _clear(cursor, rule: Rule, on: datetime.date, scope) -> int:
    """Clear the rule's open alerts (of the cases in ``scope``) that are no longer candidates.

    Run before the new alerts go in, so it reads only the alerts of earlier sweeps (through the
    partial index of open alerts: ``status`` is a literal for that reason).
    """
    qn = connection.ops.quote_name
    alerts, table = qn(Alert._meta.db_table), qn(CANDIDATES)
    # SQLite may not know yet (no statistics) that the rule's open alerts are fewer than all open
    # ones; the partial index is named for it.
    indexed = (
        f" INDEXED BY {qn('alert_one_open_per_rule_and_object')}"
        if connection.vendor == "sqlite"
        else ""
    )
    in_scope, params = "", []
    if scope is not None:
        if not scope:
            return 0
        in_scope = f" AND case_id IN ({', '.join(['%s'] * len(scope))})"
        params = list(scope)
    cursor.execute(
        f"UPDATE {alerts}{indexed} SET status = %s, cleared_on = %s WHERE rule_id = %s"  # noqa: S608
        f" AND status = '{Alert.Status.OPEN}'{in_scope}"
        f" AND {qn('key')} NOT IN (SELECT a_key FROM {table})",
        [Alert.Status.CLEARED, connection.ops.adapt_datefield_value(on), rule.pk, *params],
    )
    return max(cursor.rowcount, 0)


def _enabled_rules() -> list[tuple[Rule, RuleKind]]:
    """The enabled rules whose kind is known, in code order, each with its kind."""
    rules = Rule.objects.filter(enabled=True).order_by("code")
    return [(rule, KINDS[rule.kind]) for rule in rules if rule.kind in KINDS]


def sweep(*, on: datetime.date | None = None, scope: list[int] | None = None) -> SweepResult:
    """Evaluate every enabled rule on ``on`` (today by default); ``scope`` limits it to cases."""
    on = on or timezone.localdate()
    if scope is not None:
        return _sweep_cases(on, list(scope))
    result = SweepResult()
    for name, job in sorted(_JOBS.items()):
        result.jobs[name] = job(on)
    for rule, kind in _enabled_rules():
        started = time.perf_counter()
        candidates = kind.candidates(rule, on, scope)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                _collect(cursor, candidates)
                if kind.auto_clear:
                    result.cleared[rule.code] = _clear(cursor, rule, on, scope)
                result.raised[rule.code] = _raise(cursor, rule, on)
        except IntegrityError:
            # Another sweep raised the same alert in the meantime: nothing is lost or doubled.
            result.raised[rule.code] = 0
        result.seconds[rule.code] = round(time.perf_counter() - started, 3)
    return result


CANDIDATE_COLUMNS = ("a_key", "a_type", "a_id", "a_case", "a_department", "a_due")


def _sweep_cases(on: datetime.date, scope: list[int]) -> SweepResult:
    """The sweep of a few cases (the case engine's re-check after each change), in one transaction.

    A handful of cases has a handful of candidates, so they are read rather than staged in a
    temporary table: one query per rule for its candidates, one for the alerts they might already
    have, then one ``UPDATE`` for every alert that clears and one ``INSERT`` for every new one. The
    outcome is the full sweep's, restricted to these cases (tested side by side).
    """
    result = SweepResult()
    if not scope:
        return result
    with transaction.atomic(), scope_memo():
        found: dict[int, tuple[Rule, RuleKind, dict[str, tuple]]] = {}
        for rule, kind in _enabled_rules():
            started = time.perf_counter()
            candidates = kind.candidates(rule, on, scope)
            rows = [tuple(row[c] for c in CANDIDATE_COLUMNS) for row in candidates]
            found[rule.pk] = (rule, kind, {row[0]: row for row in rows})
            result.seconds[rule.code] = round(time.perf_counter() - started, 3)
        keys = {key for _rule, _kind, rows in found.values() for key in rows}
        nearby = Q(case_id__in=scope) | Q(key__in=sorted(keys)) if keys else Q(case_id__in=scope)
        existing = Alert.objects.filter(
            nearby,
            rule_id__in=list(found),
            status__in=[Alert.Status.OPEN, Alert.Status.RESOLVED],
        ).values_list("pk", "rule_id", "key", "status", "case_id")
        held: dict[int, set[str]] = {}  # rule → keys with an open or resolved alert
        clear: list[int] = []
        for pk, rule_id, key, status, case_id in existing:
            held.setdefault(rule_id, set()).add(key)
            rule, kind, rows = found[rule_id]
            if (
                status == Alert.Status.OPEN
                and kind.auto_clear
                and case_id in scope
                and key not in rows
            ):
                clear.append(pk)
                result.cleared[rule.code] = result.cleared.get(rule.code, 0) + 1
        new = []
        for rule_id, (rule, kind, rows) in found.items():
            if kind.auto_clear:
                result.cleared.setdefault(rule.code, 0)
            fresh = [row for key, row in sorted(rows.items()) if key not in held.get(rule_id, ())]
            result.raised[rule.code] = len(fresh)
            new += [
                Alert(
                    rule=rule,
                    severity=rule.severity,
                    key=key,
                    object_type=object_type,
                    object_id=object_id,
                    case_id=case_id,
                    department_id=department_id,
                    due_date=due,
                    raised_on=on,
                    status=Alert.Status.OPEN,
                )
                for key, object_type, object_id, case_id, department_id, due in fresh
            ]
        if clear:
            Alert.objects.filter(pk__in=clear, status=Alert.Status.OPEN).update(
                status=Alert.Status.CLEARED, cleared_on=on
            )
        if new:
            # Another sweep may have raised one of them meanwhile: the partial unique constraint
            # keeps the one it raised.
            Alert.objects.bulk_create(new, ignore_conflicts=True)
    return result


def supervise_case(case) -> SweepResult:
    """Re-evaluate one case at once (called by the case engine on every change)."""
    return sweep(scope=[case.pk])

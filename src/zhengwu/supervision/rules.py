"""The kinds of supervision rule, each a set-based query over the records.

A kind turns a configured ``Rule`` and a day into a queryset of *candidates*: one row per object
that breaks the rule on that day, with the columns ``a_key`` (what the alert is about, e.g.
``clock:17``), ``a_type``/``a_id`` (the object), ``a_case``, ``a_department`` and ``a_due``.
The sweep (``supervision.sweep``) turns candidates into alerts in one INSERT … SELECT per rule.

Clock rules work on every ``workdays.Clock`` whatever owns it: approval cases now, and the
disclosure requests, reconsideration cases, filings and proposal replies of other modules as they
start clocks. A module whose clocks belong to a case-like object registers how to find the case
with :func:`register_owner`; the department always comes from the clock itself.

``scope`` (a list of case ids) narrows a kind to the records of those cases: the case engine
re-evaluates a case as soon as it changes.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DateField,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as When_
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengwu.workdays.models import Clock, ClockSuspension, Day

# How a clock's owner leads to a case: owner_type → expression giving the case id of a clock.
_CASE_OF_OWNER: dict[str, Callable[[], object]] = {}


def register_owner(owner_type: str, case_id: Callable[[], object]) -> None:
    """Tell supervision how the clocks of ``owner_type`` lead to a case (for filters)."""
    _CASE_OF_OWNER[owner_type] = case_id


def _owner_pk():
    return Cast(OuterRef("owner_id"), BigIntegerField())


def _case_of_case_clock():
    return Cast("owner_id", BigIntegerField())


def _case_of_task_clock():
    from zhengwu.cases.models import Task

    return Subquery(Task.objects.filter(pk=_owner_pk()).values("case_id")[:1])


def _case_of_rating_clock():
    from zhengwu.cases.models import Rating

    return Subquery(Rating.objects.filter(pk=_owner_pk()).values("case_id")[:1])


register_owner("cases.case", _case_of_case_clock)
register_owner("cases.task", _case_of_task_clock)
register_owner("cases.rating", _case_of_rating_clock)


def _case_of_clock():
    whens = [When(owner_type=t, then=expr()) for t, expr in _CASE_OF_OWNER.items()]
    return When_(*whens, default=Value(None), output_field=BigIntegerField())


def _key(prefix: str, field: str = "pk"):
    return Concat(Value(f"{prefix}:"), Cast(field, CharField()), output_field=CharField())


def workday_ordinal(day: datetime.date) -> int:
    return Day.objects.values_list("workday_ordinal", flat=True).get(date=day)


def workdays_ago(day: datetime.date, n: int) -> datetime.date:
    """The working day ``n`` working days before ``day`` (``day``'s own ordinal minus n)."""
    ordinal = workday_ordinal(day) - n
    found = (
        Day.objects.filter(workday_ordinal=ordinal, is_workday=True)
        .values_list("date", flat=True)
        .first()
    )
    return found or Day.objects.order_by("date").values_list("date", flat=True).first()


def workdays_ahead(day: datetime.date, n: int) -> datetime.date:
    """The date ``n`` working days after ``day`` (``day`` itself for n = 0)."""
    if n == 0:
        return day
    ordinal = workday_ordinal(day) + n
    return (
        Day.objects.filter(workday_ordinal=ordinal, is_workday=True)
        .values_list("date", flat=True)
        .first()
    )


@dataclass(frozen=True)
class RuleKind:
    code: str
    label: object
    auto_clear: bool  # False: a fact of the past, kept until a supervisor resolves it
    candidates: Callable  # (rule, on, scope) -> QuerySet with the a_* columns
    defaults: dict


KINDS: dict[str, RuleKind] = {}


def kind(code: str, label, *, auto_clear: bool = True, **defaults):
    def register(fn):
        KINDS[code] = RuleKind(code, label, auto_clear, fn, defaults)
        return fn

    return register


def _params(rule, name):
    return rule.params.get(name, KINDS[rule.kind].defaults.get(name))


# --- clocks ---------------------------------------------------------------------------------


# While a scoped sweep runs, what it reads about its cases once for all its rules.
_SCOPE_MEMO: ContextVar[dict | None] = ContextVar("supervision_scope_memo", default=None)


@contextmanager
def scope_memo():
    """Remember, for the rules of one scoped sweep, the owners and running clocks of its cases."""
    token = _SCOPE_MEMO.set({})
    try:
        yield
    finally:
        _SCOPE_MEMO.reset(token)


def _memo(key, compute):
    memo = _SCOPE_MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _owners(scope) -> Q:
    """The clocks owned by the cases in ``scope``, their tasks and their ratings."""
    from zhengwu.cases.models import Rating, Task

    def compute() -> Q:
        tasks = Task.objects.filter(case_id__in=scope).values_list("pk", flat=True)
        ratings = Rating.objects.filter(case_id__in=scope).values_list("pk", flat=True)
        return (
            Q(owner_type="cases.case", owner_id__in=[str(pk) for pk in scope])
            | Q(owner_type="cases.task", owner_id__in=[str(pk) for pk in tasks])
            | Q(owner_type="cases.rating", owner_id__in=[str(pk) for pk in ratings])
        )

    return _memo(("owners", tuple(scope)), compute)


def _clock_scope(clocks: QuerySet, scope) -> QuerySet:
    return clocks if scope is None else clocks.filter(_owners(scope))


def _purpose_list(rule, scope) -> list[str] | None:
    """The purposes a clock rule looks at: its ``purposes``, or, for an exclusion list, the other
    purposes running clocks have (so the query reads exact ranges of the (status, purpose, …)
    indexes instead of every clock in a due-date range); ``None`` for every purpose."""
    include = _params(rule, "purposes")
    exclude = _params(rule, "exclude_purposes")
    if exclude and not include:
        include = running_values("purpose", scope)
    if not include:
        return None
    return [p for p in include if p not in (exclude or [])]


def _purposes(clocks: QuerySet, rule, scope) -> QuerySet:
    """Filter clocks by the rule's purposes."""
    purposes = _purpose_list(rule, scope)
    return clocks if purposes is None else clocks.filter(purpose__in=purposes)


def running_values(field: str, scope=None, **within) -> list:
    """The distinct values of ``field`` (``purpose``, or ``limit_days`` ``within`` a purpose)
    among the running clocks (of the cases in ``scope``, if given).

    Over all clocks, a loose scan of the (status, purpose, limit, …) indexes: one probe per
    distinct value instead of reading every running clock.
    """
    if scope is not None:
        clocks = _memo(
            ("running", tuple(scope)),
            lambda: list(
                _clock_scope(Clock.objects.filter(status=Clock.Status.RUNNING), scope).values(
                    "purpose", "limit_days"
                )
            ),
        )
        return sorted(
            {c[field] for c in clocks if all(c[name] == value for name, value in within.items())}
        )
    running = Clock.objects.filter(status=Clock.Status.RUNNING, **within)
    values: list = []
    while True:
        after = running.filter(**{f"{field}__gt": values[-1]}) if values else running
        value = after.aggregate(m=Min(field))["m"]
        if value is None:
            return values
        values.append(value)


def _clock_columns(clocks: QuerySet) -> QuerySet:
    return clocks.order_by().values(
        a_key=_key("clock"),
        a_type=F("owner_type"),
        a_id=F("owner_id"),
        a_case=_case_of_clock(),
        a_department=F("department_id"),
        a_due=F("due_date"),
    )


@kind(
    "clock_near_due",
    _("working days left at or below a threshold"),
    days=2,
    percent=20,
    exclude_purposes=[],
)
def near_due(rule, on: datetime.date, scope) -> QuerySet:
    """Running clocks with at most max(days, ⌈percent × limit⌉) working days left.

    The threshold depends on the clock's limit, so the last date counted as near is worked out
    once per distinct limit; each (purpose, limit) is then one range of the (status, purpose,
    limit, due date) index.
    """
    clocks = _clock_scope(
        Clock.objects.filter(status=Clock.Status.RUNNING, due_date__gte=on), scope
    )
    days, percent = int(_params(rule, "days") or 0), _params(rule, "percent")
    ahead: dict[int, datetime.date | None] = {}  # threshold → last date counted as near
    condition = Q(pk__in=[])
    purposes = _purpose_list(rule, scope)
    for purpose in running_values("purpose", scope) if purposes is None else purposes:
        for limit in running_values("limit_days", scope, purpose=purpose):
            threshold = max(days, math.ceil(limit * percent / 100) if percent else 0)
            if threshold not in ahead:
                ahead[threshold] = workdays_ahead(on, threshold)
            if ahead[threshold] is not None:
                condition |= Q(purpose=purpose, limit_days=limit, due_date__lte=ahead[threshold])
    return _clock_columns(clocks.filter(condition))


@kind("clock_overdue", _("overdue"), purposes=[], exclude_purposes=[])
def overdue(rule, on: datetime.date, scope) -> QuerySet:
    """Running clocks whose due date has passed."""
    clocks = _purposes(
        Clock.objects.filter(status=Clock.Status.RUNNING, due_date__lt=on), rule, scope
    )
    return _clock_columns(_clock_scope(clocks, scope))


@kind("suspension_overrun", _("suspension too long or without a recorded reason"), max_days=20)
def suspension_overrun(rule, on: datetime.date, scope) -> QuerySet:
    """Open suspensions running for more than ``max_days`` working days, or with no note."""
    since = workdays_ago(on, int(_params(rule, "max_days")))
    suspensions = ClockSuspension.objects.filter(ended_on__isnull=True).filter(
        Q(started_on__lt=since) | Q(note="")
    )
    if scope is not None:
        suspensions = suspensions.filter(clock__in=_clock_scope(Clock.objects.all(), scope))
    return suspensions.order_by().values(
        a_key=_key("suspension"),
        a_type=F("clock__owner_type"),
        a_id=F("clock__owner_id"),
        a_case=Subquery(
            _clock_columns(Clock.objects.filter(pk=OuterRef("clock_id"))).values("a_case")[:1]
        ),
        a_department=F("clock__department_id"),
        a_due=F("clock__due_date"),
    )


# --- cases ----------------------------------------------------------------------------------


def _cases(scope) -> QuerySet:
    from zhengwu.cases.models import Case

    cases = Case.objects.all()
    return cases if scope is None else cases.filter(pk__in=scope)


def _case_columns(cases: QuerySet, prefix: str = "case") -> QuerySet:
    return cases.order_by().values(
        a_key=_key(prefix),
        a_type=Value("cases.case", output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=F("pk"),
        a_department=F("department_id"),
        a_due=Cast(Value(None), DateField()),
    )


@kind("case_deemed_accepted", _("acceptance not decided within the statutory window"),
      auto_clear=False)  # fmt: skip
def deemed_accepted(rule, on, scope) -> QuerySet:
    return _case_columns(_cases(scope).filter(deemed_accepted=True))


@kind("case_repeated_correction", _("more than one correction request"), auto_clear=False)
def repeated_correction(rule, on, scope) -> QuerySet:
    return _case_columns(_cases(scope).filter(correction_count__gt=1))


@kind("case_stale", _("no activity for a number of working days"), days=10)
def stale(rule, on, scope) -> QuerySet:
    """Open cases the administration has not touched for ``days`` working days (a case waiting
    for the applicant's correction is not the administration's delay)."""
    from zhengwu.cases.models import Case

    since = workdays_ago(on, int(_params(rule, "days")))
    # "Last active before that day" as a moment (the start of the day, local time): the same
    # condition as comparing the local date, without converting every row's timestamp.
    since_start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    waiting = [s for s in Case.OPEN_STATUSES if s != Case.Status.CORRECTION]
    return _case_columns(_cases(scope).filter(status__in=waiting, last_activity_at__lt=since_start))


@kind("case_missing_stages", _("completed without all its required stages"),
      auto_clear=False, lookback_days=30)  # fmt: skip
def missing_stages(rule, on, scope) -> QuerySet:
    """Approved cases completed (in the last ``lookback_days`` days) with fewer stages done than
    their process defines."""
    from zhengwu.catalog.models import Stage

    since = on - datetime.timedelta(days=int(_params(rule, "lookback_days")))
    stages = (
        Stage.objects.filter(version=OuterRef("power_version_id"))
        .order_by()
        .values("version")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cases = (
        _cases(scope)
        .filter(status="completed", decision="approve", completed_on__gte=since)
        .annotate(
            required=Subquery(stages[:1]),
            done=Count("tasks", filter=Q(tasks__status="done")),
        )
        .filter(required__gt=F("done"))
    )
    return _case_columns(cases)


# --- tasks and ratings ----------------------------------------------------------------------


def _task_columns(tasks: QuerySet) -> QuerySet:
    return tasks.order_by().values(
        a_key=_key("task"),
        a_type=Value("cases.task", output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=F("case_id"),
        a_department=F("department_id"),
        a_due=F("due_on"),
    )


def _open_late_tasks(on, scope) -> QuerySet:
    from zhengwu.cases.models import Task

    tasks = Task.objects.filter(status=Task.Status.OPEN, due_on__lt=on)
    return tasks if scope is None else tasks.filter(case_id__in=scope)


@kind("co_review_late", _("a co-review stage past its limit"))
def co_review_late(rule, on, scope) -> QuerySet:
    return _task_columns(_open_late_tasks(on, scope).filter(kind="co_review"))


@kind("stage_late", _("a stage past its limit"))
def stage_late(rule, on, scope) -> QuerySet:
    return _task_columns(_open_late_tasks(on, scope).exclude(kind="co_review"))


@kind("rating_follow_up_late", _("a bad rating not followed up in time"))
def rating_follow_up_late(rule, on, scope) -> QuerySet:
    from zhengwu.cases.models import Rating

    ratings = Rating.objects.filter(follow_up_on__isnull=True, follow_up_due__lt=on)
    if scope is not None:
        ratings = ratings.filter(case_id__in=scope)
    return ratings.order_by().values(
        a_key=_key("rating"),
        a_type=Value("cases.rating", output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=F("case_id"),
        a_department=F("case__department_id"),
        a_due=F("follow_up_due"),
    )


# --- fees -----------------------------------------------------------------------------------


@kind("fee_mismatch", _("a fee differing from the catalog standard"), auto_clear=False)
def fee_mismatch(rule, on, scope) -> QuerySet:
    from zhengwu.supervision.models import FeeCharge

    fees = FeeCharge.objects.filter(standard__isnull=False).exclude(amount=F("standard"))
    if scope is not None:
        fees = fees.filter(case_id__in=scope)
    return fees.order_by().values(
        a_key=_key("fee"),
        a_type=Value("supervision.feecharge", output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=F("case_id"),
        a_department=F("case__department_id"),
        a_due=Cast(Value(None), DateField()),
    )


# The rules a new installation starts with (code, kind, severity, name, params). A disclosure
# request's 7 working days for asking a correction (art. 30) are an option, not a duty: when they
# pass, the agency may no longer ask, and the reply clock runs on — so they are not watched.
DEFAULT_RULES = [
    ("near_due", "clock_near_due", "yellow", "临近期限预警",
     {"days": 2, "percent": 20,
      "exclude_purposes": ["approval.stage", "rating.follow_up", "disclosure.correction"]}),
    ("overdue", "clock_overdue", "red", "超期",
     {"exclude_purposes": ["approval.stage", "rating.follow_up", "approval.acceptance",
                           "disclosure.correction"]}),
    ("acceptance_late", "clock_overdue", "red", "逾期未作受理决定",
     {"purposes": ["approval.acceptance"]}),
    ("deemed_acceptance", "case_deemed_accepted", "red", "视为受理", {}),
    ("repeated_correction", "case_repeated_correction", "red", "多次告知补正", {}),
    ("suspension_overrun", "suspension_overrun", "yellow", "暂停计时超长或无理由",
     {"max_days": 20}),
    ("fee_mismatch", "fee_mismatch", "red", "收费与标准不符", {}),
    ("missing_stages", "case_missing_stages", "red", "缺少法定环节办结", {"lookback_days": 30}),
    ("co_review_late", "co_review_late", "red", "联合审查超时", {}),
    ("stage_late", "stage_late", "yellow", "办理环节超时", {}),
    ("rating_follow_up_late", "rating_follow_up_late", "red", "差评未按期整改回访", {}),
    ("stale_case", "case_stale", "yellow", "长期无办理动作", {"days": 10}),
]  # fmt: skip

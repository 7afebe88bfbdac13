"""What the electronic supervision room reads: case colours, the live list of alerts, department
efficiency and monthly trends. Every figure is an aggregate query; no case is loaded into Python.

Colours (``case_colours``), for the open cases (``Case.OPEN_STATUSES``) of a queryset on a day D:

``red``
    open cases with at least one red alert open on D;
``yellow``
    open cases with a yellow alert open on D and no red one;
``green``
    every other open case.

An alert is *open on D* when it was raised on or before D and not cleared (or resolved) on or
before D; for today this is exactly ``status = open``. The alerts of a case are those whose
``Alert.case`` is the case: the alerts on its clocks, its tasks, its rating and its fees carry it.

The live list (``alerts_live``) holds the open alerts, the most urgent first: red before yellow,
then the earliest due date (alerts without one last), then the earliest raised. Filters:
``department`` (the department responsible for the alert), ``power`` (the matter applied for),
``centre`` (the centre or hall that handles the case), ``channel`` and ``severity``. The same
filters narrow the cases coloured (``cases_matching``), where ``department`` is the case's
implementing body.

Department efficiency (``department_efficiency``) for the period ``[start, end]``, per
implementing body (the case's department), with the definitions of ``zhengwu.cases.stats`` for
``received``, ``accepted``, ``refused``, ``completed``, ``on_time_rate``,
``average_working_days`` and ``satisfaction_rate``, and:

``early``
    completed cases whose deadline clock (the promised clock, else the legal, else the instant
    one, as for ``on_time``) was completed strictly before its due date;
``early_rate``
    ``early / timed`` in percent with one decimal;
``average_promised_days``
    over the completed cases whose matter has a promised limit, the mean of that limit (working
    days): the yardstick for ``average_working_days``;
``corrected`` / ``correction_rate``
    cases received in the period that had at least one correction request (补正), and their
    share of ``received``;
``refusal_rate``
    ``refused / received``;
``average_rating``
    the mean rating level (1 to 5) of the ratings given in the period;
``red_alerts`` / ``yellow_alerts``
    alerts raised in the period for which the department is responsible (``Alert.department``);
``red_per_100`` / ``yellow_per_100``
    those alerts per 100 cases received by the department in the period (``None`` when it
    received none: a department that only co-reviews has counts but no rate).

The monthly trend (``monthly_trend``) gives, for each month of a year, the cases accepted and
completed (``stats``), the completed cases that missed their deadline (``timed - on_time``) and
the red and yellow alerts raised in that month.

Supervision notices (``notices_visible_to``): a supervisor sees every notice; the head and the
reviewers of a department see the notices to their department (the people who may reply).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
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
from django.db.models import Case as When_
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from zhengwu.cases import stats
from zhengwu.cases.models import Case, Rating
from zhengwu.org.models import Department, User
from zhengwu.org.roles import Role
from zhengwu.supervision.models import Alert, Severity, SupervisionNotice
from zhengwu.supervision.services import is_supervisor
from zhengwu.workdays.models import Clock

RED, YELLOW = Severity.RED, Severity.YELLOW


# ---------------------------------------------------------------------------------------------
# Colours
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColourCounts:
    on: datetime.date
    red: int
    yellow: int
    green: int

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green


def open_on(on: datetime.date) -> Q:
    """The alerts open on ``on``."""
    return Q(raised_on__lte=on) & (Q(cleared_on__isnull=True) | Q(cleared_on__gt=on))


def _has_alert(severity: str, on: datetime.date) -> Exists:
    return Exists(
        Alert.objects.filter(open_on(on), case=OuterRef("pk"), severity=severity).order_by()
    )


def case_colours(
    cases_qs: QuerySet[Case] | None = None, on: datetime.date | None = None
) -> ColourCounts:
    """How many of the open cases of ``cases_qs`` (every case by default; no duplicate rows) are
    red, yellow and green on ``on`` (today by default), counted in one query."""
    on = on or timezone.localdate()
    base = (Case.objects.all() if cases_qs is None else cases_qs).filter(
        status__in=Case.OPEN_STATUSES
    )
    red = _has_alert(RED, on)
    counts = base.order_by().aggregate(
        total=Count("pk"),
        red=Count("pk", filter=Q(red)),
        yellow=Count("pk", filter=Q(_has_alert(YELLOW, on)) & ~Q(red)),
    )
    return ColourCounts(
        on=on,
        red=counts["red"],
        yellow=counts["yellow"],
        green=counts["total"] - counts["red"] - counts["yellow"],
    )


# ---------------------------------------------------------------------------------------------
# The live list
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertFilters:
    department: int | None = None
    power: int | None = None
    centre: int | None = None
    channel: str = ""
    severity: str = ""

    def as_query(self) -> dict:
        """The filters that are set, as query-string parameters."""
        return {
            name: value
            for name, value in (
                ("department", self.department),
                ("power", self.power),
                ("centre", self.centre),
                ("channel", self.channel),
                ("severity", self.severity),
            )
            if value
        }


def alerts_live(filters: AlertFilters | None = None) -> QuerySet[Alert]:
    """The open alerts matching ``filters``, the most urgent first."""
    f = filters or AlertFilters()
    qs = Alert.objects.filter(status=Alert.Status.OPEN)
    if f.department:
        qs = qs.filter(department_id=f.department)
    if f.power:
        qs = qs.filter(case__power_version__power_id=f.power)
    if f.centre:
        qs = qs.filter(case__handling_centre_id=f.centre)
    if f.channel:
        qs = qs.filter(case__channel=f.channel)
    if f.severity:
        qs = qs.filter(severity=f.severity)
    urgency = When_(
        When(severity=RED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        qs.select_related(
            "rule", "department", "case__power_version", "case__department", "case__handling_centre"
        )
        .annotate(urgency=urgency)
        .order_by("urgency", F("due_date").asc(nulls_last=True), "raised_on", "id")
    )


def cases_matching(filters: AlertFilters | None, cases: QuerySet[Case] | None = None):
    """The cases the filters speak of (``department`` = the implementing body)."""
    f = filters or AlertFilters()
    qs = Case.objects.all() if cases is None else cases
    if f.department:
        qs = qs.filter(department_id=f.department)
    if f.power:
        qs = qs.filter(power_version__power_id=f.power)
    if f.centre:
        qs = qs.filter(handling_centre_id=f.centre)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    return qs


# ---------------------------------------------------------------------------------------------
# Department efficiency
# ---------------------------------------------------------------------------------------------


def _deadline_early() -> Subquery:
    """1 when the case's deadline clock was completed before its due date, else 0 (NULL when the
    case has no deadline clock)."""
    priority = When_(
        *[When(purpose=p, then=Value(i)) for i, p in enumerate(stats.DEADLINE_CLOCKS)],
        output_field=IntegerField(),
    )
    early = When_(
        When(Q(status=Clock.Status.COMPLETED, completed_on__lt=F("due_date")), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return Subquery(
        Clock.objects.filter(
            owner_type=Case._meta.label_lower,
            owner_id=Cast(OuterRef("pk"), CharField()),
            purpose__in=stats.DEADLINE_CLOCKS,
        )
        .annotate(priority=priority, early=early)
        .order_by("priority", "-id")
        .values("early")[:1],
        output_field=IntegerField(),
    )


def _one_decimal(value) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _mean(total: int, count: int) -> float | None:
    return _one_decimal(Decimal(total) / Decimal(count)) if count else None


@dataclass
class DepartmentEfficiency:
    department: Department
    figures: stats.CaseFigures
    early: int = 0
    average_promised_days: float | None = None
    corrected: int = 0
    rating_total: int = 0
    red_alerts: int = 0
    yellow_alerts: int = 0

    @property
    def early_rate(self) -> float | None:
        return stats.rate(self.early, self.figures.timed)

    @property
    def correction_rate(self) -> float | None:
        return stats.rate(self.corrected, self.figures.received)

    @property
    def refusal_rate(self) -> float | None:
        return stats.rate(self.figures.refused, self.figures.received)

    @property
    def average_rating(self) -> float | None:
        return _mean(self.rating_total, self.figures.rated)

    def _per_100(self, n: int) -> float | None:
        return stats.rate(n, self.figures.received)

    @property
    def red_per_100(self) -> float | None:
        return self._per_100(self.red_alerts)

    @property
    def yellow_per_100(self) -> float | None:
        return self._per_100(self.yellow_alerts)


def department_efficiency(
    start: datetime.date, end: datetime.date, *, cases: QuerySet[Case] | None = None
) -> list[DepartmentEfficiency]:
    """The efficiency figures of every department with something to count in ``[start, end]``,
    by department name."""
    period = (start, end)
    base = (Case.objects.all() if cases is None else cases).order_by()
    groups = {g.key: g.figures for g in stats.case_figures_by(start, end, "department", cases=base)}
    completed = _by_department(
        base.filter(completed_on__range=period)
        .values("department_id")
        .annotate(
            early=Sum(_deadline_early()),
            promised=Avg("power_version__promised_limit_days"),
        )
    )
    corrected = _by_department(
        base.filter(received_on__range=period, correction_count__gt=0)
        .values("department_id")
        .annotate(n=Count("pk"))
    )
    ratings = _by_department(
        Rating.objects.filter(case__in=base.values("pk"), rated_on__range=period)
        .order_by()
        .values(department_id=F("case__department_id"))
        .annotate(total=Sum("level"))
    )
    alert_scope = Alert.objects.filter(raised_on__range=period).exclude(department=None)
    if cases is not None:
        alert_scope = alert_scope.filter(Q(case__in=base.values("pk")) | Q(case=None))
    alerts = _by_department(
        alert_scope.order_by()
        .values("department_id")
        .annotate(
            red=Count("pk", filter=Q(severity=RED)), yellow=Count("pk", filter=Q(severity=YELLOW))
        )
    )
    keys = {k for k in groups if k is not None} | set(alerts)
    departments = Department.objects.in_bulk(keys)
    rows = []
    for key, department in departments.items():
        promised = completed.get(key, {}).get("promised")
        rows.append(
            DepartmentEfficiency(
                department=department,
                figures=groups.get(key, stats.CaseFigures()),
                early=completed.get(key, {}).get("early") or 0,
                average_promised_days=_one_decimal(promised),
                corrected=corrected.get(key, {}).get("n", 0),
                rating_total=ratings.get(key, {}).get("total") or 0,
                red_alerts=alerts.get(key, {}).get("red", 0),
                yellow_alerts=alerts.get(key, {}).get("yellow", 0),
            )
        )
    return sorted(rows, key=lambda r: (r.department.name, r.department.pk))


# How the efficiency table can be ranked: key → (the figure, True when higher is better).
RANKINGS: dict[str, tuple] = {
    "on_time": (lambda r: r.figures.on_time_rate, True),
    "early": (lambda r: r.early_rate, True),
    "working_days": (lambda r: r.figures.average_working_days, False),
    "correction": (lambda r: r.correction_rate, False),
    "refusal": (lambda r: r.refusal_rate, False),
    "rating": (lambda r: r.average_rating, True),
    "red": (lambda r: r.red_per_100, False),
    "yellow": (lambda r: r.yellow_per_100, False),
}


def rank_efficiency(rows: list[DepartmentEfficiency], by: str) -> list[DepartmentEfficiency]:
    """The rows best first by ``by`` (a key of ``RANKINGS``); departments with nothing to
    count for it come last, ties by name. An unknown key keeps the order by name."""
    if by not in RANKINGS:
        return rows
    figure, higher_is_better = RANKINGS[by]

    def key(row):
        value = figure(row)
        if value is None:
            return (1, 0, row.department.name)
        return (0, -value if higher_is_better else value, row.department.name)

    return sorted(rows, key=key)


def _by_department(rows) -> dict:
    """``{department_id: row}`` of grouped rows."""
    return {row.pop("department_id"): row for row in rows}


# ---------------------------------------------------------------------------------------------
# Trends
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthTrend:
    month: datetime.date
    accepted: int
    completed: int
    late: int
    red_alerts: int
    yellow_alerts: int


def monthly_trend(year: int, *, cases: QuerySet[Case] | None = None) -> list[MonthTrend]:
    """Each month of ``year``: cases accepted, completed, completed late; alerts raised."""
    start, end = stats.year_period(year)
    months = stats.case_figures_by(start, end, "month", cases=cases)
    alerts = Alert.objects.filter(raised_on__range=(start, end))
    if cases is not None:
        alerts = alerts.filter(Q(case__in=cases.order_by().values("pk")) | Q(case=None))
    raised = {}
    for row in (
        alerts.order_by()
        .values(month=TruncMonth("raised_on"))
        .annotate(
            red=Count("pk", filter=Q(severity=RED)), yellow=Count("pk", filter=Q(severity=YELLOW))
        )
    ):
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        raised[month] = row
    return [
        MonthTrend(
            month=g.key,
            accepted=g.figures.accepted,
            completed=g.figures.completed,
            late=g.figures.timed - g.figures.on_time,
            red_alerts=raised.get(g.key, {}).get("red", 0),
            yellow_alerts=raised.get(g.key, {}).get("yellow", 0),
        )
        for g in months
    ]


# ---------------------------------------------------------------------------------------------
# Supervision notices
# ---------------------------------------------------------------------------------------------


def answers_for_department(user: User) -> bool:
    """Whether ``user`` answers supervision notices for a department (its head or a reviewer)."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.department_id is not None
        and (user.has_role(Role.DEPARTMENT_HEAD) or user.has_role(Role.REVIEWER))
    )


def notices_visible_to(user: User) -> QuerySet[SupervisionNotice]:
    """Every notice for a supervisor; a department's own notices for its head and reviewers."""
    qs = SupervisionNotice.objects.select_related("department", "case", "alert__rule", "issued_by")
    if is_supervisor(user):
        return qs
    if answers_for_department(user):
        return qs.filter(department_id=user.department_id)
    return qs.none()

"""The indicators this app registers for the registers that were there before it: cases,
normative documents, case-file evaluation, disclosure requests and e-supervision.

Each ``compute(division, year)`` returns ``{department_id: value}`` for the bodies of the county
and of its townships, in a few queries for all of them. ``DESCRIPTIONS`` (translated) are the
"how it was computed" line of the scorecards.
"""

from __future__ import annotations

import datetime

from django.db.models import Avg, CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.assessment.indicators import Unit, register_indicator


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _rate(part, whole) -> float | None:
    from zhengwu.cases.stats import rate

    return rate(part or 0, whole or 0)


def case_completion_rate(division, year: int) -> dict:
    """Cases completed in the year ÷ cases accepted in the year, per implementing department
    (zhengwu.cases statistics: completed_on and accepted_on in the year; percent)."""
    from zhengwu.cases.stats import case_figures_by, cases_of

    start, end = _year(year)
    groups = case_figures_by(start, end, "department", cases=cases_of(division))
    return {g.key: g.figures.completion_rate for g in groups if g.key is not None}


def case_on_time_rate(division, year: int) -> dict:
    """Cases completed in the year on or before the due date of their deadline clock (promised,
    else legal, else instant) ÷ completed cases with a time limit, per implementing department
    (percent)."""
    from zhengwu.cases.stats import case_figures_by, cases_of

    start, end = _year(year)
    groups = case_figures_by(start, end, "department", cases=cases_of(division))
    return {g.key: g.figures.on_time_rate for g in groups if g.key is not None}


def normative_filing_rate(division, year: int) -> dict:
    """Normative documents published in the year filed with every filing authority ÷ documents
    published in the year, per drafting department (zhengwu.rulemaking; percent)."""
    from zhengwu.rulemaking.figures import PUBLISHED
    from zhengwu.rulemaking.models import NormativeDocument

    rows = (
        NormativeDocument.objects.filter(division=division, published_on__year=year)
        .filter(PUBLISHED)
        .order_by()
        .annotate(
            n_filings=Count("filings"),
            n_filed=Count("filings", filter=Q(filings__submitted_on__isnull=False)),
        )
        .values_list("drafting_department_id", "n_filings", "n_filed")
    )
    issued: dict[int, int] = {}
    filed: dict[int, int] = {}
    for department, n_filings, n_filed in rows:
        issued[department] = issued.get(department, 0) + 1
        if n_filings and n_filed == n_filings:
            filed[department] = filed.get(department, 0) + 1
    return {d: _rate(filed.get(d, 0), n) for d, n in issued.items()}


def enforcement_evaluation_score(division, year: int) -> dict:
    """The average score of the case files evaluated in the county's case-file evaluation of the
    year (zhengwu.enforcement), per department of the enforcement body; files not yet scored are
    left out."""
    from zhengwu.enforcement.models import Evaluation

    rows = (
        Evaluation.objects.filter(
            campaign__division=division, campaign__year=year, score__isnull=False
        )
        .order_by()
        .values("body__department")
        .annotate(average=Avg("score"))
    )
    return {
        r["body__department"]: round(float(r["average"]), 2)
        for r in rows
        if r["body__department"] is not None
    }


def disclosure_reply_on_time_rate(division, year: int) -> dict:
    """Disclosure requests replied in the year on or before the due date of their reply clock
    (20 working days, extensions and suspensions included) ÷ requests replied in the year, per
    department addressed (zhengwu.disclosure; percent)."""
    from zhengwu.disclosure.models import DisclosureRequest
    from zhengwu.workdays.models import Clock

    due = Subquery(
        Clock.objects.filter(
            owner_type=DisclosureRequest._meta.label_lower,
            owner_id=Cast(OuterRef("pk"), CharField()),
            purpose="disclosure.reply",
        )
        .order_by("-id")
        .values("due_date")[:1]
    )
    start, end = _year(year)
    rows = (
        DisclosureRequest.objects.filter(
            division=division, status="replied", replied_on__range=(start, end)
        )
        .order_by()
        .annotate(reply_due=due)
        .values_list("department_id", "replied_on", "reply_due")
    )
    replied: dict[int, int] = {}
    on_time: dict[int, int] = {}
    for department, replied_on, reply_due in rows:
        replied[department] = replied.get(department, 0) + 1
        if reply_due is not None and replied_on <= reply_due:
            on_time[department] = on_time.get(department, 0) + 1
    return {d: _rate(on_time.get(d, 0), n) for d, n in replied.items()}


def supervision_red_cards(division, year: int) -> dict:
    """Red cards (e-supervision alerts of severity red) raised in the year against the
    department, whatever became of them (zhengwu.supervision; a count)."""
    from zhengwu.org.selectors import divisions_under
    from zhengwu.supervision.models import Alert, Severity

    rows = (
        Alert.objects.filter(
            severity=Severity.RED,
            raised_on__year=year,
            department__division__in=divisions_under(division),
        )
        .order_by()
        .values("department")
        .annotate(n=Count("pk"))
    )
    return {r["department"]: r["n"] for r in rows}


DESCRIPTIONS = {
    "case_completion_rate": _(
        "cases completed in the year ÷ cases accepted in the year, per implementing department "
        "(the case statistics' definitions), percent"
    ),
    "case_on_time_rate": _(
        "cases completed in the year by the due date of their deadline clock (promised, else "
        "legal, else instant) ÷ completed cases with a time limit, per implementing department, "
        "percent"
    ),
    "normative_filing_rate": _(
        "normative documents published in the year and filed with every filing authority ÷ "
        "documents published in the year, per drafting department, percent"
    ),
    "enforcement_evaluation_score": _(
        "average score of the case files scored in the year's case-file evaluation, per "
        "department of the enforcement body"
    ),
    "disclosure_reply_on_time_rate": _(
        "disclosure requests replied in the year by the due date of their reply clock ÷ "
        "requests replied in the year, per department addressed, percent"
    ),
    "supervision_red_cards": _(
        "red cards (e-supervision alerts of severity red) raised in the year against the "
        "department, whatever became of them"
    ),
}

BUILTIN = [
    ("case_completion_rate", _("case completion rate"), case_completion_rate, Unit.PERCENT, True),
    ("case_on_time_rate", _("cases completed on time"), case_on_time_rate, Unit.PERCENT, True),
    ("normative_filing_rate", _("normative documents filed"), normative_filing_rate,
     Unit.PERCENT, True),
    ("enforcement_evaluation_score", _("case-file evaluation score"),
     enforcement_evaluation_score, Unit.SCORE, True),
    ("disclosure_reply_on_time_rate", _("disclosure requests replied on time"),
     disclosure_reply_on_time_rate, Unit.PERCENT, True),
    ("supervision_red_cards", _("red cards of e-supervision"), supervision_red_cards,
     Unit.COUNT, False),
]  # fmt: skip


def register_builtin() -> None:
    for code, label, compute, unit, higher in BUILTIN:
        register_indicator(code, label, compute, unit=unit, higher_is_better=higher,
                           description=DESCRIPTIONS[code])  # fmt: skip

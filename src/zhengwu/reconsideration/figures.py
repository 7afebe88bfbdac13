"""The registers' figures for a county and a year, each an aggregate over the records.

The result groups of the annual disclosure report's section 4 (国办公开办函〔2021〕30号), and of
every table here:

- 结果维持 ``maintained``: a reconsideration decision maintaining the act or dismissing the
  request (``MAINTAINED_DECISIONS``); a suit whose claims were dismissed or the act maintained;
- 结果纠正 ``corrected``: the act changed, revoked, confirmed illegal or invalid, or performance
  ordered (``CORRECTED_DECISIONS``, ``CORRECTED_JUDGMENTS``);
- 其他结果 ``other``: every other case closed in the year — mediation, settlement, withdrawal,
  termination, and the applications not accepted or deemed abandoned; suits withdrawn, mediated
  or otherwise ended;
- 尚未审结 ``pending``: received in the year or earlier (a suit: filed) and not closed by the end
  of the year;
- ``total`` = the four above.

A case counts in a year's maintained/corrected/other when it closed that year (a suit: when its
effective judgment was given — the first-instance one, or the second-instance one if appealed).
Litigation is split into suits brought directly (``after_review`` empty) and suits after
reconsideration.

The disclosure report reads only the cases about government information disclosure
(``is_disclosure``): :func:`disclosure_reconsideration` and the two litigation functions are
registered with ``register_figure`` in ``apps.py``. :func:`annual_figures` gives every case.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q

from zhengwu.reconsideration.models import (
    CaseStatus,
    DecisionType,
    Hearing,
    Judgment,
    LitigationCase,
    ReconsiderationCase,
)
from zhengwu.workdays.models import Clock

RESULT_COLUMNS = ["maintained", "corrected", "other", "pending", "total"]  # as annual_report's
MAINTAINED_DECISIONS = [DecisionType.MAINTAIN, DecisionType.DISMISS]
CORRECTED_DECISIONS = [
    DecisionType.CHANGE,
    DecisionType.REVOKE,
    DecisionType.CONFIRM_ILLEGAL,
    DecisionType.CONFIRM_INVALID,
    DecisionType.ORDER_PERFORMANCE,
]
MAINTAINED_JUDGMENTS = [Judgment.MAINTAIN]
CORRECTED_JUDGMENTS = [
    Judgment.REVOKE,
    Judgment.CHANGE,
    Judgment.CONFIRM_ILLEGAL,
    Judgment.CONFIRM_INVALID,
    Judgment.ORDER_PERFORMANCE,
]
CLOSED = [CaseStatus.DECIDED, CaseStatus.REFUSED, CaseStatus.ABANDONED, CaseStatus.WITHDRAWN,
          CaseStatus.TERMINATED]  # fmt: skip


def rate(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _with_total(row: dict) -> dict:
    row = {k: row.get(k) or 0 for k in RESULT_COLUMNS[:-1]}
    row["total"] = sum(row.values())
    return row


def reconsideration_results(division, year: int, *, disclosure_only: bool = False) -> dict:
    """Section 4's reconsideration columns for the year (one query)."""
    cases = ReconsiderationCase.objects.filter(division=division)
    if disclosure_only:
        cases = cases.filter(is_disclosure=True)
    in_year = Q(closed_on__year=year, status__in=CLOSED)
    row = cases.aggregate(
        maintained=Count("pk", filter=in_year & Q(status=CaseStatus.DECIDED,
                                                  decision_type__in=MAINTAINED_DECISIONS)),
        corrected=Count("pk", filter=in_year & Q(status=CaseStatus.DECIDED,
                                                 decision_type__in=CORRECTED_DECISIONS)),
        other=Count("pk", filter=in_year & ~Q(status=CaseStatus.DECIDED,
                                              decision_type__in=MAINTAINED_DECISIONS
                                              + CORRECTED_DECISIONS)),
        pending=Count("pk", filter=Q(received_on__lte=_end(year))
                      & (Q(closed_on__isnull=True) | Q(closed_on__gt=_end(year)))),
    )  # fmt: skip
    return _with_total(row)


def litigation_results(
    division, year: int, *, after_review: bool, disclosure_only: bool = False
) -> dict:
    """Section 4's litigation columns (direct suits, or suits after reconsideration)."""
    suits = LitigationCase.objects.filter(division=division, after_review__isnull=not after_review)
    if disclosure_only:
        suits = suits.filter(is_disclosure=True)
    in_year = Q(concluded_on__year=year)
    row = suits.aggregate(
        maintained=Count("pk", filter=in_year & Q(final_result__in=MAINTAINED_JUDGMENTS)),
        corrected=Count("pk", filter=in_year & Q(final_result__in=CORRECTED_JUDGMENTS)),
        other=Count("pk", filter=in_year & ~Q(final_result__in=MAINTAINED_JUDGMENTS
                                              + CORRECTED_JUDGMENTS)),
        pending=Count("pk", filter=Q(filed_on__lte=_end(year))
                      & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=_end(year)))),
    )  # fmt: skip
    return _with_total(row)


def results_table(division, year: int, *, disclosure_only: bool = False) -> dict:
    """The three groups of section 4, each with ``RESULT_COLUMNS``."""
    return {
        "reconsideration": reconsideration_results(division, year,
                                                   disclosure_only=disclosure_only),
        "litigation_direct": litigation_results(division, year, after_review=False,
                                                disclosure_only=disclosure_only),
        "litigation_after_review": litigation_results(division, year, after_review=True,
                                                      disclosure_only=disclosure_only),
    }  # fmt: skip


# The functions the disclosure report reads (``register_figure``): disclosure cases only.
def disclosure_reconsideration(division, year: int) -> dict:
    return reconsideration_results(division, year, disclosure_only=True)


def disclosure_litigation_direct(division, year: int) -> dict:
    return litigation_results(division, year, after_review=False, disclosure_only=True)


def disclosure_litigation_after_review(division, year: int) -> dict:
    return litigation_results(division, year, after_review=True, disclosure_only=True)


def _decided_on_time(cases) -> int:
    """Decided cases whose decision clock ended on the decision day within its due date (a case
    converted from the simplified procedure has an earlier, completed 30-day clock: not it)."""
    from django.db.models import CharField, Exists, OuterRef
    from django.db.models.functions import Cast

    on_time = Clock.objects.filter(
        owner_type=ReconsiderationCase._meta.label_lower, owner_id=OuterRef("pk_text"),
        purpose="reconsideration.decision", status=Clock.Status.COMPLETED,
        completed_on=OuterRef("closed_on"), completed_on__lte=F("due_date"),
    )  # fmt: skip
    return cases.annotate(pk_text=Cast("pk", CharField())).filter(Exists(on_time)).count()


def reconsideration_figures(division, year: int) -> dict:
    cases = ReconsiderationCase.objects.filter(division=division)
    decided_q = Q(status=CaseStatus.DECIDED, closed_on__year=year)
    row = cases.aggregate(
        received=Count("pk", filter=Q(received_on__year=year)),
        online=Count("pk", filter=Q(received_on__year=year, channel="online")),
        late_applications=Count("pk", filter=Q(received_on__year=year, late_application=True)),
        accepted=Count("pk", filter=Q(accepted_on__year=year)),
        deemed_accepted=Count("pk", filter=Q(accepted_on__year=year, deemed_accepted=True)),
        simplified=Count("pk", filter=Q(accepted_on__year=year, simplified=True)),
        refused=Count("pk", filter=Q(status=CaseStatus.REFUSED, closed_on__year=year)),
        abandoned=Count("pk", filter=Q(status=CaseStatus.ABANDONED, closed_on__year=year)),
        withdrawn=Count("pk", filter=Q(status=CaseStatus.WITHDRAWN, closed_on__year=year)),
        terminated=Count("pk", filter=Q(status=CaseStatus.TERMINATED, closed_on__year=year)),
        decided=Count("pk", filter=decided_q),
        corrected=Count("pk", filter=decided_q & Q(decision_type__in=CORRECTED_DECISIONS)),
        hearings=Count("pk", filter=Q(hearing_on__year=year)),
        document_reviews=Count("pk", filter=Q(document_review_started_on__year=year)),
        disclosure_related=Count("pk", filter=Q(received_on__year=year, is_disclosure=True)),
    )
    row["decided_on_time"] = _decided_on_time(cases.filter(decided_q))
    row["correction_rate"] = rate(row["corrected"], row["decided"])
    row["on_time_rate"] = rate(row["decided_on_time"], row["decided"])
    row["by_decision"] = {
        value: n
        for value, n in cases.filter(decided_q)
        .order_by()
        .values_list("decision_type")
        .annotate(n=Count("pk"))
    }
    return row


def litigation_figures(division, year: int) -> dict:
    suits = LitigationCase.objects.filter(division=division)
    heard = Hearing.objects.filter(case__division=division, held_on__year=year)
    row = suits.aggregate(
        received=Count("pk", filter=Q(filed_on__year=year)),
        after_review=Count("pk", filter=Q(filed_on__year=year, after_review__isnull=False)),
        decided=Count("pk", filter=Q(concluded_on__year=year)),
        corrected=Count("pk", filter=Q(concluded_on__year=year,
                                       final_result__in=CORRECTED_JUDGMENTS)),
        appealed=Count("pk", filter=Q(appeal_filed_on__year=year)),
    )  # fmt: skip
    row["heard"] = heard.values("case_id").distinct().count()
    row["head_appeared"] = heard.filter(head_appeared=True).values("case_id").distinct().count()
    row["head_appearance_rate"] = rate(row["head_appeared"], row["heard"])
    row["loss_rate"] = rate(row["corrected"], row["decided"])
    return row


def annual_figures(division, year: int) -> dict:
    """Everything of the year: ``reconsideration`` and ``litigation`` counts and rates, and
    ``table`` (section 4's three groups over every case) and ``disclosure_table`` (the cases
    about information disclosure only, what the disclosure report prints)."""
    return {
        "reconsideration": reconsideration_figures(division, year),
        "litigation": litigation_figures(division, year),
        "table": results_table(division, year),
        "disclosure_table": results_table(division, year, disclosure_only=True),
    }


def corrected_per_respondent(division, year: int) -> dict[int, int]:
    """The assessment indicator ``reconsideration_corrected``: per respondent department, the
    year's decisions correcting its acts."""
    rows = (
        ReconsiderationCase.objects.filter(
            division=division, status=CaseStatus.DECIDED, closed_on__year=year,
            decision_type__in=CORRECTED_DECISIONS,
        )
        .order_by()
        .values_list("respondent_id")
        .annotate(n=Count("pk"))
    )  # fmt: skip
    return dict(rows)

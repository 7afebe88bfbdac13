"""The dispute register's figures for a division (the county, or one township) and a year,
each an aggregate over the records.

The definitions (the seed's county: "排查出各类矛盾纠纷420件,调处419件,调解成功率99%"):

- ``found`` (排查出): disputes found in the year (``found_on``);
- ``mediated`` (调处): of those, the disputes whose handling reached an outcome — mediated
  successfully, mediation failed, or referred — by the end of the year (or today, for the year
  under way); the rest are ``open`` (carried into the next year);
- ``succeeded`` (调解成功): of those, the disputes mediated successfully by the end of the year;
  ``failed`` and ``referred`` likewise;
- ``success_rate`` (调解成功率) = succeeded / found × 100, one decimal: the share of the disputes
  found that mediation resolved. This is the seed's reading: its county's disputes that
  reached an outcome were all mediated successfully, so 调处419 is also the number of
  successes, and 419 / 420 = 99.8 % (the report printed 99 %);
- ``mediated_rate`` (调处率) = mediated / found × 100;
- ``outcome_success_rate`` = succeeded / mediated × 100 (how often a mediation that ended,
  ended in an agreement);
- ``on_time``: outcomes reached on or before the mediation clock's due date; ``may_escalate``:
  disputes assessed as possibly escalating, ``reported_on_time`` those reported to the county
  by the report clock's due date; ``followed_up``: successes with a follow-up visit.

Rates are ``None`` when the denominator is 0. The breakdowns (``by_type``, ``by_township``,
``by_month`` — the month found — and ``by_campaign``) carry found, mediated, succeeded and
success_rate each, with the same definitions.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import CharField, Count, Exists, F, OuterRef, Q
from django.db.models.functions import Cast, ExtractMonth
from django.utils import timezone

from zhengwu.disputes.models import (
    OUTCOME_STATUSES,
    Dispute,
    DisputeStatus,
    DisputeType,
    FollowUpVisit,
    RiskLevel,
)
from zhengwu.org.models import Division
from zhengwu.workdays.models import Clock


def rate(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def as_of(year: int) -> datetime.date:
    return min(datetime.date(year, 12, 31), timezone.localdate())


def disputes_of(division, year: int):
    disputes = Dispute.objects.filter(found_on__year=year)
    if division.level == Division.Level.TOWNSHIP:
        return disputes.filter(township=division)
    return disputes.filter(division=division)


def _counts(end: datetime.date) -> dict:
    ended = Q(outcome_on__lte=end)
    return {
        "found": Count("pk"),
        "mediated": Count("pk", filter=ended & Q(status__in=OUTCOME_STATUSES)),
        "succeeded": Count("pk", filter=ended & Q(status=DisputeStatus.SUCCEEDED)),
    }


def _row(values: dict) -> dict:
    return {
        "found": values["found"],
        "mediated": values["mediated"],
        "succeeded": values["succeeded"],
        "success_rate": rate(values["succeeded"], values["found"]),
    }


def _clocks_on_time(purpose: str, disputes) -> int:
    """The disputes among ``disputes`` whose ``purpose`` clock was completed by its due date."""
    owners = disputes.annotate(owner=Cast("pk", CharField())).values("owner")
    return Clock.objects.filter(
        owner_type=Dispute._meta.label_lower, purpose=purpose, owner_id__in=owners,
        status=Clock.Status.COMPLETED, completed_on__lte=F("due_date"),
    ).count()  # fmt: skip


def annual_figures(division, year: int) -> dict:
    end = as_of(year)
    disputes = disputes_of(division, year)
    ended = Q(outcome_on__lte=end)
    totals = disputes.aggregate(
        **_counts(end),
        failed=Count("pk", filter=ended & Q(status=DisputeStatus.FAILED)),
        referred=Count("pk", filter=ended & Q(status=DisputeStatus.REFERRED)),
        may_escalate=Count("pk", filter=Q(risk_level=RiskLevel.MAY_ESCALATE)),
        followed_up=Count(
            "pk",
            filter=ended & Q(status=DisputeStatus.SUCCEEDED)
            & Q(Exists(FollowUpVisit.objects.filter(dispute=OuterRef("pk"),
                                                    visited_on__lte=end))),
        ),
    )  # fmt: skip
    totals["on_time"] = _clocks_on_time(
        "disputes.mediation", disputes.filter(ended, status__in=OUTCOME_STATUSES)
    )
    totals["reported_on_time"] = _clocks_on_time(
        "disputes.report", disputes.filter(reported_on__lte=end)
    )
    figures = {
        "year": year,
        "as_of": end.isoformat(),
        "found": totals["found"],
        "mediated": totals["mediated"],
        "succeeded": totals["succeeded"],
        "failed": totals["failed"],
        "referred": totals["referred"],
        "open": totals["found"] - totals["mediated"],
        "success_rate": rate(totals["succeeded"], totals["found"]),
        "mediated_rate": rate(totals["mediated"], totals["found"]),
        "outcome_success_rate": rate(totals["succeeded"], totals["mediated"]),
        "on_time": totals["on_time"],
        "may_escalate": totals["may_escalate"],
        "reported_on_time": totals["reported_on_time"],
        "followed_up": totals["followed_up"],
    }
    by_type = {
        row["dispute_type"]: row
        for row in disputes.values("dispute_type").annotate(**_counts(end)).order_by()
    }
    figures["by_type"] = [
        {"type": value, "label": str(label),
         **_row(by_type.get(value, {"found": 0, "mediated": 0, "succeeded": 0}))}
        for value, label in DisputeType.choices
    ]  # fmt: skip
    figures["by_township"] = [
        {"township": row["township__name"], "code": row["township__code"], **_row(row)}
        for row in disputes.values("township__code", "township__name")
        .annotate(**_counts(end))
        .order_by("township__code")
    ]
    by_month = {
        row["month"]: row
        for row in disputes.annotate(month=ExtractMonth("found_on"))
        .values("month")
        .annotate(**_counts(end))
        .order_by()
    }
    figures["by_month"] = [
        {"month": m, **_row(by_month.get(m, {"found": 0, "mediated": 0, "succeeded": 0}))}
        for m in range(1, 13)
    ]
    figures["by_campaign"] = [
        {"campaign": row["campaign_id"], "name": row["campaign__name"] or "", **_row(row)}
        for row in disputes.values("campaign_id", "campaign__name")
        .annotate(**_counts(end))
        .order_by("campaign__started_on", "campaign_id")
    ]
    return figures


def campaign_figures(campaign) -> dict:
    """A sweep's disputes: found, mediated and succeeded as of today, by type."""
    today = timezone.localdate()
    disputes = Dispute.objects.filter(campaign=campaign)
    totals = disputes.aggregate(**_counts(today))
    by_type = {
        row["dispute_type"]: row
        for row in disputes.values("dispute_type").annotate(**_counts(today)).order_by()
    }
    return {
        **_row(totals),
        "by_type": [
            {"type": value, "label": str(label), **_row(by_type[value])}
            for value, label in DisputeType.choices
            if value in by_type
        ],
    }


def township_success_rates(division, year: int) -> dict[int, float | None]:
    """The assessment indicator: each township government's success rate of the year."""
    from zhengwu.org.models import Department

    governments = {
        d.division_id: d.pk
        for d in Department.objects.filter(
            division__parent=division, division__level=Division.Level.TOWNSHIP,
            kind=Department.Kind.GOVERNMENT,
        )
    }  # fmt: skip
    rows = disputes_of(division, year).values("township_id").annotate(**_counts(as_of(year)))
    return {
        governments[r["township_id"]]: rate(r["succeeded"], r["found"])
        for r in rows.order_by()
        if r["township_id"] in governments
    }

"""The register's figures for a county and a year, each an aggregate over the records.

"Handled in the year" are the proposals of the year's sessions that were assigned to a
department (a proposal registered and not yet assigned is not being handled):

- ``deputies`` / ``cppcc`` / ``handled``: deputies' suggestions, CPPCC proposals, both;
- ``replied``: those answered at least once; ``reply_rate`` = replied / handled;
- ``on_time``: those whose first reply came within the set limit (on or before its due date);
  ``on_time_rate`` = on_time / handled;
- ``satisfaction``: the proposers' latest evaluation, counted {satisfied, basic, unsatisfied};
  ``feedback`` the proposals evaluated; ``satisfaction_rate`` = (satisfied + basic) / feedback;
- ``by_classification``: the latest reply's A / B / C;
- ``by_kind``: the same counts and rates for each kind; ``by_department``: for each lead
  department (by name): handled, replied, on time and their rates;
- ``rehandled``: proposals handled more than once.

Rates are percent with one decimal (half up), ``None`` when the denominator is 0.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from zhengwu.proposals.models import (
    HANDLED_STATUSES,
    Classification,
    Kind,
    Proposal,
    Satisfaction,
)


def rate(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def handled_in(division, year: int):
    return Proposal.objects.filter(
        division=division, session__year=year, status__in=HANDLED_STATUSES
    )


COUNTS = {
    "handled": Count("pk"),
    "replied": Count("pk", filter=Q(replied_on__isnull=False)),
    "on_time": Count("pk", filter=Q(first_reply_on_time=True)),
    "feedback": Count("pk", filter=~Q(satisfaction="")),
    "satisfied": Count("pk", filter=Q(satisfaction=Satisfaction.SATISFIED)),
    "basic": Count("pk", filter=Q(satisfaction=Satisfaction.BASIC)),
    "unsatisfied": Count("pk", filter=Q(satisfaction=Satisfaction.UNSATISFIED)),
    "rehandled": Count("pk", filter=Q(round__gt=1)),
}


def _rates(row: dict) -> dict:
    return {
        "reply_rate": rate(row["replied"], row["handled"]),
        "on_time_rate": rate(row["on_time"], row["handled"]),
        "satisfaction_rate": rate(row["satisfied"] + row["basic"], row["feedback"]),
    }


def annual_figures(division, year: int) -> dict:
    proposals = handled_in(division, year)
    total = proposals.aggregate(**COUNTS)
    by_kind = {}
    for kind in Kind.values:
        by_kind[kind] = {"handled": 0, "replied": 0, "on_time": 0, "feedback": 0,
                         "satisfied": 0, "basic": 0, "unsatisfied": 0, "rehandled": 0}  # fmt: skip
    for row in proposals.order_by().values("kind").annotate(**COUNTS):
        by_kind[row.pop("kind")] = row
    for row in by_kind.values():
        row.update(_rates(row))
    by_department = {}
    department_counts = {k: COUNTS[k] for k in ("handled", "replied", "on_time")}
    rows = (
        proposals.order_by("lead_department__code")
        .values("lead_department__name")
        .annotate(**department_counts)
    )
    for row in rows:
        by_department[row["lead_department__name"]] = {
            "handled": row["handled"], "replied": row["replied"], "on_time": row["on_time"],
            "reply_rate": rate(row["replied"], row["handled"]),
            "on_time_rate": rate(row["on_time"], row["handled"]),
        }  # fmt: skip
    classes = {c: 0 for c in Classification.values}
    for row in (
        proposals.exclude(classification="").order_by().values("classification")
        .annotate(n=Count("pk"))
    ):  # fmt: skip
        classes[row["classification"]] = row["n"]
    return {
        "deputies": by_kind[Kind.DEPUTY]["handled"],
        "cppcc": by_kind[Kind.CPPCC]["handled"],
        "handled": total["handled"],
        "replied": total["replied"],
        "on_time": total["on_time"],
        "feedback": total["feedback"],
        "satisfaction": {k: total[k] for k in ("satisfied", "basic", "unsatisfied")},
        "rehandled": total["rehandled"],
        **_rates(total),
        "by_classification": classes,
        "by_kind": by_kind,
        "by_department": by_department,
    }


def reply_on_time_by_department(division, year: int) -> dict[int, float | None]:
    """The assessment indicator ``proposal_reply_on_time``: for each department that led the
    handling of proposals of the year, the percent of them first answered on time."""
    rows = (
        handled_in(division, year)
        .order_by()
        .values("lead_department_id")
        .annotate(handled=COUNTS["handled"], on_time=COUNTS["on_time"])
    )
    return {row["lead_department_id"]: rate(row["on_time"], row["handled"]) for row in rows}

"""The register's figures for a county and a year, each an aggregate over the records.

- ``reviewed``: contracts that had a legality opinion returned in the year — a contract counts
  once however many of its versions were reviewed (the seed's 审查政府合同59件 counts contracts);
- ``reviews``: the opinions returned in the year (versions reviewed);
- ``by_kind``: ``reviewed`` by kind of contract;
- ``by_conclusion``: ``reviewed`` by the conclusion of the contract's last opinion in the year
  (an amended-then-lawful contract counts as lawful);
- ``amended_then_lawful``: reviewed contracts whose last opinion of the year is lawful after an
  earlier "amend";
- ``reviewed_on_time``: reviewed contracts every opinion of which in the year was returned on
  or before its clock's due date; ``on_time_rate`` = reviewed_on_time / reviewed;
- ``submitted``: contracts whose first version was submitted in the year;
- ``signed`` / ``signed_after_review``: contracts signed in the year / of them, those signed
  after a lawful opinion; ``reviewed_before_signing_rate`` their ratio.

Rates are percent with one decimal, ``None`` when the denominator is 0.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from zhengwu.contracts.models import (
    Conclusion,
    ContractKind,
    ContractReview,
    GovernmentContract,
)


def rate(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _lawful_before_signing():
    """A lawful opinion on the contract returned on or before its signing day."""
    return Exists(
        ContractReview.objects.filter(
            contract=OuterRef("pk"),
            conclusion=Conclusion.LAWFUL,
            reviewed_on__lte=OuterRef("signed_on"),
        )
    )


def annual_figures(division, year: int) -> dict:
    opinions = ContractReview.objects.filter(contract__division=division, reviewed_on__year=year)
    last_of_year = (
        opinions.filter(contract=OuterRef("pk"))
        .order_by("-reviewed_on", "-pk")
        .values("conclusion")[:1]
    )
    reviewed = GovernmentContract.objects.filter(pk__in=opinions.values("contract")).annotate(
        last=Subquery(last_of_year)
    )
    late = opinions.filter(on_time=False).values("contract")
    amended = opinions.filter(conclusion=Conclusion.AMEND).values("contract")
    totals = reviewed.aggregate(
        reviewed=Count("pk"),
        on_time=Count("pk", filter=~Q(pk__in=late)),
        amended_then_lawful=Count("pk", filter=Q(pk__in=amended, last=Conclusion.LAWFUL)),
    )
    by_kind = {k: 0 for k in ContractKind.values}
    for row in reviewed.order_by().values("kind").annotate(n=Count("pk")):
        by_kind[row["kind"]] = row["n"]
    by_conclusion = {c: 0 for c in Conclusion.values}
    for row in reviewed.order_by().values("last").annotate(n=Count("pk")):
        by_conclusion[row["last"]] = row["n"]
    contracts = GovernmentContract.objects.filter(division=division)
    signed = contracts.filter(signed_on__year=year).aggregate(
        signed=Count("pk"),
        after_review=Count("pk", filter=Q(_lawful_before_signing())),
    )
    first_submissions = (
        ContractReview.objects.filter(contract=OuterRef("pk"))
        .order_by("submitted_on", "pk")
        .values("submitted_on")[:1]
    )
    submitted = (
        contracts.annotate(first=Subquery(first_submissions)).filter(first__year=year).count()
    )
    return {
        "submitted": submitted,
        "reviewed": totals["reviewed"],
        "reviews": opinions.count(),
        "by_kind": by_kind,
        "by_conclusion": by_conclusion,
        "amended_then_lawful": totals["amended_then_lawful"],
        "reviewed_on_time": totals["on_time"],
        "on_time_rate": rate(totals["on_time"], totals["reviewed"]),
        "signed": signed["signed"],
        "signed_after_review": signed["after_review"],
        "reviewed_before_signing_rate": rate(signed["after_review"], signed["signed"]),
    }


def reviewed_before_signing(division, year: int) -> dict[int, float | None]:
    """The assessment indicator ``contracts_reviewed_before_signing``: per department, the
    percent of its contracts signed in the year that had a lawful opinion (first time, or after
    amendment) before signing. Departments that signed nothing are left out."""
    rows = (
        GovernmentContract.objects.filter(division=division, signed_on__year=year)
        .annotate(lawful=_lawful_before_signing())
        .order_by()
        .values("department_id")
        .annotate(signed=Count("pk"), after_review=Count("pk", filter=Q(lawful=True)))
    )
    return {r["department_id"]: rate(r["after_review"], r["signed"]) for r in rows}


__all__ = ["annual_figures", "rate", "reviewed_before_signing"]

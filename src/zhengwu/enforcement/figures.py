"""The enforcement figures of the annual report, computed in the database from the registry.

``annual_figures(division, year)`` is what the annual law-based-administration report reads;
:func:`penalty_decisions` and :func:`compulsion_decisions` feed section 2 of the statutory
annual disclosure report (registered in ``apps.py``). Rates are percentages to one decimal,
``None`` when there is nothing to divide by.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet

from zhengwu.catalog.models import BodyStanding, LegalBasis, Power, PowerKind
from zhengwu.enforcement.models import (
    ACT_KINDS,
    CaseFile,
    Certificate,
    EnforcementBody,
    Evaluation,
    Law,
    MajorPenaltyFiling,
)

DECIDED = [
    CaseFile.Status.DECIDED,
    CaseFile.Status.SERVED,
    CaseFile.Status.EXECUTED,
    CaseFile.Status.CLOSED,
]


def rate(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def confirmed_bodies(division, on: datetime.date | None = None) -> QuerySet:
    """The bodies of ``division`` whose standing is confirmed (on ``on``, if given)."""
    bodies = EnforcementBody.objects.filter(division=division, batch__isnull=False)
    if on is None:
        return bodies.filter(status=EnforcementBody.Status.CONFIRMED)
    return bodies.filter(confirmed_on__lte=on).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)
    )


def acts_of(bodies: QuerySet) -> QuerySet:
    """The in-force catalog powers of the bodies' departments that are enforcement acts."""
    return Power.objects.filter(
        status=Power.Status.IN_FORCE,
        current__kind__in=ACT_KINDS,
        current__department__in=bodies.values("department_id"),
    )


def act_counts(bodies: QuerySet) -> dict:
    kinds = [str(k) for k in ACT_KINDS]
    counts = acts_of(bodies).aggregate(
        total=Count("pk"), **{k: Count("pk", filter=Q(current__kind=k)) for k in kinds}
    )
    return {**{k: counts[k] for k in kinds}, "total": counts["total"]}


def laws_in_use(bodies: QuerySet) -> QuerySet:
    """The distinct titles of the laws the bodies apply: the legal bases of their acts in the
    catalog, and the laws the registry lists for them (one UNION, duplicates removed)."""
    from_catalog = (
        LegalBasis.objects.filter(version_id__in=acts_of(bodies).values("current_id"))
        .order_by()
        .values_list("title")
    )
    listed = Law.objects.filter(body__in=bodies).order_by().values_list("title")
    return from_catalog.union(listed)


def standing_counts(bodies: QuerySet) -> dict:
    return bodies.aggregate(
        **{s: Count("pk", filter=Q(standing=s)) for s in BodyStanding.values}, total=Count("pk")
    )


def certificate_counts(division) -> dict:
    """The certificates of the division's bodies, by their status in the registry now."""
    counts = Certificate.objects.filter(official__body__division=division).aggregate(
        **{s: Count("pk", filter=Q(status=s)) for s in Certificate.Status.values},
        total=Count("pk"),
    )
    return counts


def case_file_counts(division, year: int) -> dict:
    """Case files filed in ``year``, by outcome."""
    files = CaseFile.objects.filter(body__division=division, filed_on__year=year)
    return files.aggregate(
        **{o: Count("pk", filter=Q(outcome=o)) for o in CaseFile.Outcome.values},
        total=Count("pk"),
    )


def filing_counts(division, year: int) -> dict:
    """Major penalty decisions of ``year`` to be filed, filed, and filed on time."""
    filings = MajorPenaltyFiling.objects.filter(
        case_file__body__division=division, case_file__decided_on__year=year
    )
    counts = filings.aggregate(
        required=Count("pk"),
        filed=Count("pk", filter=Q(filed_on__isnull=False)),
        in_time=Count("pk", filter=Q(on_time=True)),
        late=Count("pk", filter=Q(on_time=False)),
    )
    counts["on_time"] = counts.pop("in_time")
    return {k: counts[k] for k in ("required", "filed", "on_time", "late")}


def evaluation_figures(division, year: int) -> dict:
    evaluations = Evaluation.objects.filter(campaign__division=division, campaign__year=year)
    totals = evaluations.aggregate(sampled=Count("pk"), scored=Count("score"), average=Avg("score"))
    average = totals["average"]
    return {
        "sampled": totals["sampled"],
        "scored": totals["scored"],
        "average": float(Decimal(average).quantize(Decimal("0.1"), ROUND_HALF_UP))
        if average is not None
        else None,
        "ranking": body_ranking(evaluations),
    }


def body_ranking(evaluations: QuerySet) -> list[dict]:
    """Bodies by their average score (highest first), ties by name."""
    rows = (
        evaluations.filter(score__isnull=False)
        .order_by()
        .values("body_id", "body__department__name")
        .annotate(average=Avg("score"), scored=Count("pk"))
        .order_by("-average", "body__department__name")
    )
    return [
        {
            "rank": i,
            "body": row["body__department__name"],
            "body_id": row["body_id"],
            "average": float(Decimal(row["average"]).quantize(Decimal("0.1"), ROUND_HALF_UP)),
            "scored": row["scored"],
        }
        for i, row in enumerate(rows, start=1)
    ]


def annual_figures(division, year: int) -> dict:
    """The registry's figures for ``year`` (bodies and acts as confirmed at the year's end)."""
    bodies = confirmed_bodies(division, datetime.date(year, 12, 31))
    standing = standing_counts(bodies)
    filings = filing_counts(division, year)
    return {
        "year": year,
        "bodies": {
            "statutory": standing[BodyStanding.STATUTORY],
            "authorised": standing[BodyStanding.AUTHORISED],
            "entrusted": standing[BodyStanding.ENTRUSTED],
            "total": standing["total"],
        },
        "acts": act_counts(bodies),
        "laws": laws_in_use(bodies).count(),
        "certificates": certificate_counts(division),
        "case_files": case_file_counts(division, year),
        "decisions": {
            "penalty": penalty_decisions(division, year),
            "compulsion": compulsion_decisions(division, year),
        },
        "evaluation": evaluation_figures(division, year),
        "filings": filings,
        "filing_rate": rate(filings["filed"], filings["required"]),
        "filing_on_time_rate": rate(filings["on_time"], filings["required"]),
    }


def _decisions(division, year: int, kind: str) -> int:
    return CaseFile.objects.filter(
        body__division=division, kind=kind, status__in=DECIDED, decided_on__year=year
    ).count()


def penalty_decisions(division, year: int) -> int:
    """行政处罚 本年处理决定数量 (disclosure report section 2, item 6)."""
    return _decisions(division, year, PowerKind.PENALTY)


def compulsion_decisions(division, year: int) -> int:
    """行政强制 本年处理决定数量 (disclosure report section 2, item 6)."""
    return _decisions(division, year, PowerKind.COMPULSION)


def register_disclosure_figures(register) -> None:
    """Give the disclosure report its section-2 penalty and compulsion figures (idempotent)."""
    register("penalty", penalty_decisions)
    register("compulsion", compulsion_decisions)

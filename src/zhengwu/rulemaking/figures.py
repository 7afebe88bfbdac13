"""The registry's figures for a county and a year, each an aggregate over the records.

- ``issued``: documents published in the year;
- ``repealed``: documents that ended in the year by repeal or lapse (a document past its
  validity counts from its lapse date, recorded or not) — the report's 本年废止件数;
- ``in_force``: published documents in force at the end of the year (or today, for the year
  under way), not ended, not past validity;
- ``reviewed``: documents that had a legality review in the year;
- ``filed`` / ``filed_on_time``: documents published in the year filed with every filing
  authority (on or before every due date); ``filing_rate`` = filed / issued through the
  registry, percent with one decimal, ``None`` when nothing was issued;
- ``cleanup_inconsistent`` / ``cleanup_amend``: documents special clean-ups closed in the year
  found inconsistent with higher-level law / recommended for amendment; ``cleanup`` the
  decisions of every clean-up closed in the year, by kind.

``normative_documents`` is what the annual disclosure report's section 2 reads (registered with
``zhengwu.disclosure.annual_report.register_figure``): the registry's counts plus those of the
normative documents the disclosure office published in the catalog by hand (sub-item 01.02, not
from the registry), so documents published before the registry was used still count.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.utils import timezone

from zhengwu.rulemaking.models import (
    BEFORE_PUBLICATION,
    CleanupEntry,
    LegalityReview,
    NormativeDocument,
)

PUBLISHED = ~Q(status__in=[*BEFORE_PUBLICATION, "rejected"])


def _as_of(year: int) -> datetime.date:
    return min(datetime.date(year, 12, 31), timezone.localdate())


def rate(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _published_by_hand(division, year: int) -> dict:
    """Normative documents the disclosure office published in the catalog itself (sub-item
    01.02, e.g. before the registry was used), counted as the disclosure report counts them;
    the registry's own items are left out (they are counted from the registry)."""
    from zhengwu.disclosure.models import Item

    end = datetime.date(year, 12, 31)
    items = (
        Item.objects.filter(division=division, category__code="01.02")
        .exclude(status__in=[Item.Status.DRAFT, Item.Status.IN_REVIEW])
        .exclude(source_type=NormativeDocument._meta.label_lower)
    )
    ended = Q(validity__in=[Item.Validity.REPEALED, Item.Validity.LAPSED])
    return items.aggregate(
        issued=Count("pk", filter=Q(published_on__year=year)),
        repealed=Count("pk", filter=ended & Q(valid_to__year=year)),
        in_force=Count(
            "pk",
            filter=Q(published_on__lte=end)
            & ~(ended & Q(valid_to__lte=end))
            & ~Q(status=Item.Status.WITHDRAWN, withdrawn_on__lte=end),
        ),
    )


def document_counts(division, year: int) -> dict:
    """Issued, repealed and in force: the shape of the annual disclosure report's section 2 —
    the registry's documents, and those published in the catalog by hand."""
    registry = _registry_counts(division, year)
    by_hand = _published_by_hand(division, year)
    return {key: registry[key] + by_hand[key] for key in ("issued", "repealed", "in_force")}


def _registry_counts(division, year: int) -> dict:
    first, as_of = datetime.date(year, 1, 1), _as_of(year)
    documents = NormativeDocument.objects.filter(division=division).filter(PUBLISHED)
    ended = Q(status__in=["repealed", "lapsed"], ended_on__gte=first, ended_on__lte=as_of)
    lapsed_unrecorded = Q(status="published", lapses_on__gte=first, lapses_on__lte=as_of)
    counts = documents.aggregate(
        issued=Count("pk", filter=Q(published_on__year=year)),
        repealed=Count("pk", filter=ended | lapsed_unrecorded),
        in_force=Count(
            "pk",
            filter=Q(published_on__lte=as_of, lapses_on__gt=as_of)
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)),
        ),
    )
    return {key: counts[key] for key in ("issued", "repealed", "in_force")}


def annual_figures(division, year: int) -> dict:
    counts = document_counts(division, year)
    reviewed = (
        LegalityReview.objects.filter(document__division=division, reviewed_on__year=year)
        .values("document")
        .distinct()
        .count()
    )
    issued = (
        NormativeDocument.objects.filter(division=division, published_on__year=year)
        .filter(PUBLISHED)
        .annotate(
            n_filings=Count("filings"),
            n_filed=Count("filings", filter=Q(filings__submitted_on__isnull=False)),
            n_late=Count(
                "filings",
                filter=Q(filings__submitted_on__isnull=False)
                & Q(filings__submitted_on__gt=F("filings__due_on")),
            ),
        )
    )
    filed_documents = issued.filter(n_filings__gt=0, n_filed=F("n_filings"))
    filing = filed_documents.aggregate(filed=Count("pk"), on_time=Count("pk", filter=Q(n_late=0)))
    entries = CleanupEntry.objects.filter(
        campaign__division=division, campaign__status="closed", campaign__closed_on__year=year
    )
    special = entries.filter(campaign__kind="special").aggregate(
        inconsistent=Count("pk", filter=Q(inconsistent=True)),
        amend=Count("pk", filter=Q(decision="amend")),
    )
    cleanup: dict[str, dict[str, int]] = {}
    for row in entries.order_by().values("campaign__kind", "decision").annotate(n=Count("pk")):
        cleanup.setdefault(row["campaign__kind"], {})[row["decision"]] = row["n"]
    return {
        **counts,
        "reviewed": reviewed,
        "filed": filing["filed"],
        "filed_on_time": filing["on_time"],
        "filing_rate": rate(filing["filed"], _registry_counts(division, year)["issued"]),
        "cleanup_inconsistent": special["inconsistent"],
        "cleanup_amend": special["amend"],
        "cleanup": cleanup,
    }

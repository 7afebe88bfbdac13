"""The figures of major decisions for a county and a year, each an aggregate over the records.

Of the decisions adopted in the year (``adopted``):

- ``with_hearing``: a hearing was held; ``with_comment``: a public comment period was closed;
- ``with_expert``: expert argumentation recorded; ``with_risk``: a risk assessment recorded;
- ``legality_reviewed``: a legality review completed (every adopted decision, since the gate
  requires it — the figure is counted, not assumed);
- ``published``: published (in the year or later);
- ``in_catalogue``: listed in the annual decision catalogue.

Of the legality reviews completed in the year (``reviews``): ``reviews_on_time``, completed by
their due date (``ZHENGWU_DECISION_REVIEW_DAYS`` working days after submission);
``reviews_on_time_rate`` in percent with one decimal, ``None`` when there was none;
``reviews_unlawful``: found unlawful.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q

from zhengwu.decisions.models import (
    ExpertArgumentation,
    Hearing,
    LegalityReview,
    MajorDecision,
    PublicComment,
    RiskAssessment,
)


def rate(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _has(model, **extra):
    return Exists(model.objects.filter(decision=OuterRef("pk"), **extra))


def annual_figures(division, year: int) -> dict:
    adopted = MajorDecision.objects.filter(division=division, adopted_on__year=year).annotate(
        h=_has(Hearing),
        c=_has(PublicComment, closed_on__isnull=False),
        e=_has(ExpertArgumentation),
        r=_has(RiskAssessment),
        lr=_has(LegalityReview, completed_on__isnull=False),
    )
    counts = adopted.aggregate(
        adopted=Count("pk"),
        with_hearing=Count("pk", filter=Q(h=True)),
        with_comment=Count("pk", filter=Q(c=True)),
        with_expert=Count("pk", filter=Q(e=True)),
        with_risk=Count("pk", filter=Q(r=True)),
        legality_reviewed=Count("pk", filter=Q(lr=True)),
        published=Count("pk", filter=Q(published_on__isnull=False)),
        in_catalogue=Count("pk", filter=Q(in_catalogue=True)),
    )
    reviews = LegalityReview.objects.filter(
        decision__division=division, completed_on__year=year
    ).aggregate(
        reviews=Count("pk"),
        on_time=Count("pk", filter=Q(completed_on__lte=F("due_on"))),
        unlawful=Count("pk", filter=Q(conclusion=LegalityReview.Conclusion.UNLAWFUL)),
    )
    return {
        **counts,
        "reviews": reviews["reviews"],
        "reviews_on_time": reviews["on_time"],
        "reviews_on_time_rate": rate(reviews["on_time"], reviews["reviews"]),
        "reviews_unlawful": reviews["unlawful"],
    }

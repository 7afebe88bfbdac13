"""Statistics of public interaction, per year and kind. Every figure is one aggregate query.

Messages are counted by the year they arrived (``submitted_on``), so each year's figures follow
that year's messages to where they stand now:

``received``
    messages that arrived in the year (rejected spam included; see ``rejected``).
``rejected``
    of those, rejected as spam or abuse.
``answered``
    of those, answered (``answered_on`` set), whenever the answer was given.
``answered_on_time``
    answered on or before the due date of the message's answer clock (its latest clock, which
    after a reroute is the right department's, with the same due date).
``on_time_rate``
    ``answered_on_time / answered`` in percent with one decimal (half up); ``None`` when nothing
    was answered.
``average_working_days``
    over the answered messages, the mean working days from arrival to answer:
    ``workday_ordinal(answered_on) - workday_ordinal(submitted_on)`` on the official calendar,
    one decimal; ``None`` when nothing was answered.
``published``
    of those, published on the portal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast

from zhengwu.cases.stats import rate
from zhengwu.interaction.models import Message
from zhengwu.interaction.services import ANSWER
from zhengwu.org.models import Division
from zhengwu.workdays.models import Clock, Day


def _mean(total: int, count: int) -> float | None:
    """``total / count`` with one decimal, rounded half up; ``None`` when count is 0."""
    if not count:
        return None
    return float((Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP))


@dataclass(frozen=True)
class Figures:
    received: int = 0
    rejected: int = 0
    answered: int = 0
    answered_on_time: int = 0
    published: int = 0
    working_days_total: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.answered_on_time, self.answered)

    @property
    def average_working_days(self) -> float | None:
        return _mean(self.working_days_total, self.answered)

    def as_dict(self) -> dict:
        figures = asdict(self)
        figures.pop("working_days_total")
        return {
            **figures,
            "on_time_rate": self.on_time_rate,
            "average_working_days": self.average_working_days,
        }


def _ordinal(date_field: str) -> Subquery:
    return Subquery(
        Day.objects.filter(date=OuterRef(date_field)).order_by().values("workday_ordinal")[:1],
        output_field=IntegerField(),
    )


def _due_date() -> Subquery:
    return Subquery(
        Clock.objects.filter(
            owner_type=Message._meta.label_lower,
            owner_id=Cast(OuterRef("pk"), CharField()),
            purpose=ANSWER,
        )
        .order_by("-id")
        .values("due_date")[:1]
    )


def messages_of(division: Division | None = None) -> QuerySet[Message]:
    messages = Message.objects.all()
    return messages if division is None else messages.filter(division=division)


def figures_by_kind(year: int, *, messages: QuerySet[Message] | None = None) -> dict[str, Figures]:
    """The year's figures for each kind (every kind present, zeros where nothing arrived) and
    ``"total"`` over all kinds."""
    messages = (messages if messages is not None else Message.objects.all()).filter(
        submitted_on__year=year
    )
    answered = Q(answered_on__isnull=False)
    rows = (
        messages.annotate(due=_due_date())
        .annotate(days=_ordinal("answered_on") - _ordinal("submitted_on"))
        .order_by()
        .values("kind")
        .annotate(
            received=Count("pk"),
            rejected=Count("pk", filter=Q(status=Message.Status.REJECTED)),
            answered=Count("pk", filter=answered),
            answered_on_time=Count("pk", filter=answered & Q(answered_on__lte=F("due"))),
            published=Count("pk", filter=Q(published_on__isnull=False)),
            working_days_total=Sum("days", filter=answered),
        )
    )
    by_kind = {kind: Figures() for kind in Message.Kind.values}
    for row in rows:
        kind = row.pop("kind")
        row["working_days_total"] = row["working_days_total"] or 0
        by_kind[kind] = Figures(**row)
    by_kind["total"] = Figures(
        **{
            name: sum(getattr(f, name) for f in by_kind.values())
            for name in Figures.__dataclass_fields__
        }
    )
    return by_kind


def annual_figures(year: int, *, division: Division | None = None) -> dict[str, dict]:
    """The year's figures as plain dictionaries (for a report or JSON)."""
    return {
        kind: figures.as_dict()
        for kind, figures in figures_by_kind(year, messages=messages_of(division)).items()
    }

"""What e-supervision watches in the register besides the mediation and report clocks (which its
generic near-due and overdue rules watch by purpose): disputes mediated successfully with no
follow-up visit (回访) within ``days`` (30) of the agreement (kind ``dispute_followup_due``,
seeded as the rule ``dispute_followup_30d``). Only agreements of the last ``lookback_days``
(120) are watched, so the register's history raises no alerts."""

from __future__ import annotations

import datetime

from django.db.models import (
    BigIntegerField,
    CharField,
    DateField,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.supervision.rules import _key, _params, kind

OBJECT_TYPE = "disputes.dispute"


def followup_due(on: datetime.date, days: int, lookback_days: int) -> QuerySet:
    from zhengwu.disputes.models import Dispute, DisputeStatus

    return Dispute.objects.filter(
        status=DisputeStatus.SUCCEEDED,
        outcome_on__lte=on - datetime.timedelta(days=days),
        outcome_on__gt=on - datetime.timedelta(days=lookback_days),
        visits__isnull=True,
    )


@kind(
    "dispute_followup_due",
    _("a dispute mediated successfully has had no follow-up visit"),
    days=30,
    lookback_days=120,
)
def dispute_followup(rule, on: datetime.date, scope) -> QuerySet:
    from zhengwu.disputes.models import Dispute
    from zhengwu.org.models import Department

    if scope is not None:  # a case's re-evaluation concerns no dispute
        return Dispute.objects.none().values()
    days = int(_params(rule, "days"))
    disputes = followup_due(on, days, int(_params(rule, "lookback_days")))
    government = Department.objects.filter(
        division=OuterRef("township_id"), kind=Department.Kind.GOVERNMENT
    ).order_by("pk")
    return disputes.order_by().values(
        a_key=_key("dispute"),
        a_type=Value(OBJECT_TYPE, output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=Cast(Value(None), BigIntegerField()),
        a_department=Subquery(government.values("pk")[:1]),
        a_due=ExpressionWrapper(
            F("outcome_on") + datetime.timedelta(days=days), output_field=DateField()
        ),
    )

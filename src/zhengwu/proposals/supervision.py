"""What e-supervision watches in the proposals register besides the reply and co-handling
clocks (which its generic near-due and overdue rules watch by purpose): a proposal whose
proposer was not satisfied with the reply, neither handled again nor closed by the office
``days`` calendar days after the feedback (kind ``proposal_unsatisfied_waiting``, seeded as the
rule ``proposal_unsatisfied_15d``)."""

from __future__ import annotations

import datetime

from django.db.models import BigIntegerField, CharField, F, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.supervision.rules import _key, _params, kind

OBJECT_TYPE = "proposals.proposal"


@kind(
    "proposal_unsatisfied_waiting",
    _("an unsatisfactory reply to a proposal neither handled again nor closed"),
    days=15,
)
def unsatisfied_waiting(rule, on: datetime.date, scope) -> QuerySet:
    from zhengwu.proposals.models import Proposal, Status

    since = on - datetime.timedelta(days=int(_params(rule, "days")))
    proposals = Proposal.objects.filter(status=Status.UNSATISFIED, feedback_on__lt=since)
    if scope is not None:  # a re-evaluation of approval cases concerns no proposal
        proposals = proposals.none()
    return proposals.order_by().values(
        a_key=_key("proposal"),
        a_type=Value(OBJECT_TYPE, output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=Cast(Value(None), BigIntegerField()),
        a_department=F("lead_department_id"),
        a_due=F("feedback_on"),
    )

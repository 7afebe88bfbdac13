"""What e-supervision watches in the register besides the review clocks (which its generic
near-due and overdue rules watch by purpose ``contracts.review``):

- ``contract_milestone_due``: a performance milestone not done falls due within ``days`` (7)
  (seeded as the rule ``contract_milestone_due``, yellow);
- ``contract_milestone_overdue``: a milestone not done is past its due date (red);
- ``contract_expiry``: a contract in performance whose term ends within ``days`` — the rule's
  parameter, or ``ZHENGWU_CONTRACT_EXPIRY_WARNING_DAYS`` (30) when the rule leaves it out
  (seeded as ``contract_expiry``, yellow).

Each alert is held against the submitting department.
"""

from __future__ import annotations

import datetime

from django.db.models import BigIntegerField, CharField, F, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.supervision.rules import _key, _params, kind

CONTRACT = "contracts.governmentcontract"
MILESTONE = "contracts.milestone"


def _milestone_columns(milestones: QuerySet) -> QuerySet:
    return milestones.order_by().values(
        a_key=_key("contractms"),
        a_type=Value(MILESTONE, output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=Cast(Value(None), BigIntegerField()),
        a_department=F("contract__department_id"),
        a_due=F("due_on"),
    )


def _none_if_scoped(scope, model):
    # A case's re-evaluation (``scope``) concerns no contract.
    return model.objects.none() if scope is not None else model.objects.all()


@kind("contract_milestone_due", _("a contract's milestone falls due soon"), days=7)
def contract_milestone_due(rule, on: datetime.date, scope) -> QuerySet:
    from zhengwu.contracts.models import GovernmentContract
    from zhengwu.contracts.selectors import milestones_due_soon

    contracts = _none_if_scoped(scope, GovernmentContract)
    return _milestone_columns(milestones_due_soon(on, int(_params(rule, "days")), contracts))


@kind("contract_milestone_overdue", _("a contract's milestone is overdue"))
def contract_milestone_overdue(rule, on: datetime.date, scope) -> QuerySet:
    from zhengwu.contracts.models import GovernmentContract
    from zhengwu.contracts.selectors import milestones_overdue

    return _milestone_columns(milestones_overdue(on, _none_if_scoped(scope, GovernmentContract)))


@kind("contract_expiry", _("a government contract's term ends soon"))
def contract_expiry(rule, on: datetime.date, scope) -> QuerySet:
    from zhengwu.contracts.models import GovernmentContract
    from zhengwu.contracts.selectors import contracts_expiring
    from zhengwu.contracts.services import expiry_warning_days

    days = int((rule.params or {}).get("days") or expiry_warning_days())
    contracts = contracts_expiring(_none_if_scoped(scope, GovernmentContract), on, days)
    return contracts.order_by().values(
        a_key=_key("contract"),
        a_type=Value(CONTRACT, output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=Cast(Value(None), BigIntegerField()),
        a_department=F("department_id"),
        a_due=F("expires_on"),
    )

"""Reads of the contract-review register; row-level visibility is :func:`contracts_visible_to`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from zhengwu.common.models import AuditEvent
from zhengwu.contracts import rules
from zhengwu.contracts.models import ContractReview, GovernmentContract, Milestone


def contracts_visible_to(user) -> QuerySet[GovernmentContract]:
    """Legal officers, supervisors and administrators see their county's contracts; other staff
    their own department's; nobody else any."""
    contracts = GovernmentContract.objects.select_related("department", "division")
    if not rules._staff(user):
        return contracts.none()
    county = rules.county_of(user)
    if county is None:
        return contracts.none()
    contracts = contracts.filter(division=county)
    if rules.sees_everything(user):
        return contracts
    return contracts.filter(department_id=user.department_id)


def contracts_expiring(
    contracts: QuerySet, on: datetime.date, days: int
) -> QuerySet[GovernmentContract]:
    """Contracts in performance whose term ends within ``days`` of ``on`` (not yet ended)."""
    return contracts.filter(
        status="in_performance",
        expires_on__gte=on,
        expires_on__lte=on + datetime.timedelta(days=days),
    ).order_by("expires_on", "pk")


def milestones_open(contracts: QuerySet | None = None) -> QuerySet[Milestone]:
    """Milestones not done of contracts signed or in performance."""
    milestones = Milestone.objects.filter(
        done_on__isnull=True, contract__status__in=["signed", "in_performance"]
    )
    if contracts is not None:
        milestones = milestones.filter(contract__in=contracts)
    return milestones.select_related("contract")


def milestones_overdue(on: datetime.date, contracts: QuerySet | None = None):
    return milestones_open(contracts).filter(due_on__lt=on).order_by("due_on", "pk")


def milestones_due_soon(on: datetime.date, days: int, contracts: QuerySet | None = None):
    return (
        milestones_open(contracts)
        .filter(due_on__gte=on, due_on__lte=on + datetime.timedelta(days=days))
        .order_by("due_on", "pk")
    )


def contract_clocks(contract: GovernmentContract) -> list:
    """The review clocks of every submission, oldest first."""
    from zhengwu.contracts.services import REVIEW
    from zhengwu.workdays.models import Clock

    reviews = [str(pk) for pk in contract.reviews.values_list("pk", flat=True)]
    return list(
        Clock.objects.filter(
            owner_type=ContractReview._meta.label_lower, owner_id__in=reviews, purpose=REVIEW
        )
        .prefetch_related("suspensions")
        .order_by("started_on", "pk")
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    action: str
    by: str
    from_state: str
    to_state: str
    reason: str
    detail: dict


def contract_timeline(contract: GovernmentContract) -> list[TimelineEntry]:
    """The audit events of the contract and of its milestones, oldest first."""
    milestones = [str(pk) for pk in contract.milestones.values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        Q(object_type=GovernmentContract._meta.label_lower, object_id=str(contract.pk))
        | Q(object_type=Milestone._meta.label_lower, object_id__in=milestones)
    ).order_by("created_at", "seq")
    return [
        TimelineEntry(e.created_at, e.action, e.actor_label, e.from_state, e.to_state, e.reason,
                      e.detail)
        for e in events
    ]  # fmt: skip

"""Reads of the dispute register; visibility is always a function of the user."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from zhengwu.common.models import AuditEvent
from zhengwu.disputes import rules
from zhengwu.disputes.models import Dispute, SweepCampaign
from zhengwu.workdays.models import Clock


def disputes_visible_to(user) -> QuerySet[Dispute]:
    """Legal officers, supervisors and administrators see their county's disputes; the staff of
    a township their township's; anyone else none."""
    disputes = Dispute.objects.select_related("township", "village", "campaign")
    if not rules._staff(user):
        return disputes.none()
    if rules.sees_everything(user):
        county = rules.county_of(user)
        return disputes.filter(division=county) if county else disputes.none()
    township = rules.township_of(user)
    if township is None:
        return disputes.none()
    return disputes.filter(township=township)


def campaigns_visible_to(user) -> QuerySet[SweepCampaign]:
    county = rules.county_of(user)
    if county is None or not (rules.sees_everything(user) or rules.township_of(user)):
        return SweepCampaign.objects.none()
    return SweepCampaign.objects.filter(division=county).select_related("organiser")


def dispute_clocks(dispute: Dispute) -> list[Clock]:
    return list(
        Clock.objects.filter(
            owner_type=Dispute._meta.label_lower, owner_id=str(dispute.pk)
        ).order_by("started_on", "pk")
    )


def disputes_overdue(disputes: QuerySet, on: datetime.date) -> QuerySet:
    """Disputes with a running clock (mediation or report) past its due date on ``on``."""
    late = Clock.objects.filter(
        owner_type=Dispute._meta.label_lower,
        status=Clock.Status.RUNNING,
        due_date__lt=on,
    ).values_list("owner_id", flat=True)
    return disputes.filter(pk__in=[int(pk) for pk in late])


def dispute_timeline(dispute: Dispute) -> list[AuditEvent]:
    """The dispute's audit events (the clocks' own events left out), oldest first."""
    return list(
        AuditEvent.objects.filter(
            Q(object_type=Dispute._meta.label_lower, object_id=str(dispute.pk))
        )
        .exclude(action__startswith="clock_")
        .order_by("created_at", "seq")
    )

"""Reads of the proposals register, with row-level visibility decided here.

The office (legal officers), supervisors and administrators see every proposal of their county;
other staff the proposals their department currently handles as lead or co-handler (an
assignment given up by reassignment no longer counts); the public only the replies whose
publication the office approved, with the proposers' names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from zhengwu.common.models import AuditEvent
from zhengwu.proposals import rules
from zhengwu.proposals.models import Assignment, Proposal, Reply

A = Assignment


def proposals_visible_to(user) -> QuerySet[Proposal]:
    proposals = Proposal.objects.select_related("session", "lead_department")
    county = rules.county_of(user)
    if county is None:
        return proposals.none()
    proposals = proposals.filter(division=county)
    if rules.sees_everything(user):
        return proposals
    handles = Assignment.objects.filter(
        proposal=OuterRef("pk"), department_id=user.department_id
    ).exclude(status=A.Status.REASSIGNED)
    return proposals.filter(Exists(handles))


def assignment_of(user, proposal: Proposal) -> Assignment | None:
    """The user's department's current part in the proposal, if any."""
    if getattr(user, "department_id", None) is None:
        return None
    return (
        proposal.assignments.filter(department_id=user.department_id)
        .exclude(status=A.Status.REASSIGNED)
        .first()
    )


def filtered(proposals: QuerySet, params) -> tuple[QuerySet, dict]:
    """The register's filters (kind, session, department, status, classification,
    satisfaction, year, text) applied to ``proposals``; the filters as read."""
    from zhengwu.proposals.models import Classification, Kind, Satisfaction, Status

    get = lambda name: (params.get(name) or "").strip()  # noqa: E731
    filters = {name: get(name) for name in (
        "kind", "session", "department", "status", "classification", "satisfaction", "year",
        "q", "overdue")}  # fmt: skip
    if filters["kind"] in Kind.values:
        proposals = proposals.filter(kind=filters["kind"])
    if filters["session"].isdigit():
        proposals = proposals.filter(session_id=int(filters["session"]))
    if filters["year"].isdigit():
        proposals = proposals.filter(session__year=int(filters["year"]))
    if filters["department"].isdigit():
        dep = int(filters["department"])
        proposals = proposals.filter(
            Exists(Assignment.objects.filter(proposal=OuterRef("pk"), department_id=dep)
                   .exclude(status=A.Status.REASSIGNED))
        )  # fmt: skip
    if filters["status"] in Status.values:
        proposals = proposals.filter(status=filters["status"])
    if filters["classification"] in Classification.values:
        proposals = proposals.filter(classification=filters["classification"])
    if filters["satisfaction"] in Satisfaction.values:
        proposals = proposals.filter(satisfaction=filters["satisfaction"])
    if filters["q"]:
        query = filters["q"]
        number = query.strip("第号")
        condition = Q(title__icontains=query) | Q(proposers__name__icontains=query)
        if number.isdigit():
            condition |= Q(number=int(number))
        proposals = proposals.filter(condition).distinct()
    if filters["overdue"] == "1":
        from django.utils import timezone

        proposals = proposals.filter(status=Status.ASSIGNED,
                                     reply_due_on__lt=timezone.localdate())  # fmt: skip
    return proposals, filters


def replies_public(division) -> QuerySet[Reply]:
    """The published replies of a county, newest first."""
    return (
        Reply.objects.filter(proposal__division=division, published_on__isnull=False)
        .select_related("proposal__session", "department")
        .prefetch_related("proposal__proposers")
        .order_by("-published_on", "-pk")
    )


def proposal_clocks(proposal: Proposal) -> list:
    """The proposal's reply clocks and its co-handlers' clocks, oldest first."""
    from zhengwu.workdays.models import Clock

    assignments = [str(pk) for pk in proposal.assignments.values_list("pk", flat=True)]
    return list(
        Clock.objects.filter(
            Q(owner_type=Proposal._meta.label_lower, owner_id=str(proposal.pk))
            | Q(owner_type=Assignment._meta.label_lower, owner_id__in=assignments)
        )
        .select_related("department")
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


def proposal_timeline(proposal: Proposal) -> list[TimelineEntry]:
    """The audit events of the proposal and of its assignments, oldest first."""
    assignments = [str(pk) for pk in proposal.assignments.values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        Q(object_type=Proposal._meta.label_lower, object_id=str(proposal.pk))
        | Q(object_type=Assignment._meta.label_lower, object_id__in=assignments)
    ).order_by("created_at", "seq")
    return [
        TimelineEntry(
            e.created_at, e.action, e.actor_label, e.from_state, e.to_state, e.reason, e.detail
        )
        for e in events
        if not e.action.startswith("clock_")
    ]


def work_of(user) -> dict[str, QuerySet]:
    """What the user's department has to do now (for the workbench): replies to give as lead
    (``replies``, soonest due first) and co-handling opinions to send (``opinions``)."""
    from zhengwu.proposals.models import Status

    department = getattr(user, "department_id", None)
    if rules.county_of(user) is None or department is None:
        return {"replies": Proposal.objects.none(), "opinions": Assignment.objects.none()}
    replies = Proposal.objects.filter(lead_department_id=department, status=Status.ASSIGNED)
    opinions = Assignment.objects.filter(
        department_id=department, role=A.Role.CO, opinion_on__isnull=True,
        proposal__status=Status.ASSIGNED,
    ).exclude(status=A.Status.REASSIGNED)  # fmt: skip
    return {
        "replies": replies.select_related("session").order_by("reply_due_on", "pk"),
        "opinions": opinions.select_related("proposal").order_by("opinion_due_on", "pk"),
    }

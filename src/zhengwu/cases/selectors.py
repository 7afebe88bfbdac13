"""Reads of cases. Visibility is always a function of the user."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhengwu.cases.models import Case, CorrectionNotice, Task
from zhengwu.cases.services import (
    ACCEPTANCE,
    CASE_CLOCKS,
    LEGAL,
    PROMISED,
    STAGE,
    may_act,
    needs_forwarding,
    query_digest,
)
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import User
from zhengwu.org.roles import Role
from zhengwu.workdays.models import Clock

# Staff who see every case of the platform; the rest of the staff see their department's cases.
SEES_ALL = [Role.SUPERVISOR, Role.ADMINISTRATOR]

# How each audited step of a case reads in its timeline.
ACTION_LABELS = {
    "case_submit": _("Application submitted"),
    "case_forward": _("Forwarded to the service centre"),
    "case_request_correction": _("Correction requested"),
    "case_supply_materials": _("Materials supplied"),
    "case_refuse": _("Not accepted"),
    "case_accept": _("Accepted"),
    "task_complete": _("Stage completed"),
    "case_extend": _("Time limit extended"),
    "case_decide": _("Decided"),
    "case_deliver": _("Result delivered"),
    "case_complete": _("Completed"),
    "case_withdraw": _("Withdrawn"),
    "case_rate": _("Rated"),
    "rating_follow_up": _("Rating followed up"),
}


def cases_visible_to(user) -> QuerySet[Case]:
    """The cases ``user`` may see: their own as applicant, what they filed or follow as agency
    clerk, their department's (or their centre's) as staff, all of them as supervisor or
    administrator, none when anonymous."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    if user.is_applicant:
        return Case.objects.filter(applicant=user)
    if any(user.has_role(role) for role in SEES_ALL):
        return Case.objects.all()
    seen = Q(submitted_by=user) | Q(agency__agent=user)
    if user.department_id is not None:
        seen |= Q(department_id=user.department_id)
        seen |= Q(tasks__department_id=user.department_id)
    if user.service_centre_id is not None and user.has_role(Role.WINDOW_CLERK):
        seen |= Q(handling_centre_id=user.service_centre_id)
    if user.service_centre_id is not None:
        seen |= Q(service_centre_id=user.service_centre_id)
    return Case.objects.filter(pk__in=Case.objects.filter(seen).values("pk"))


# What the public tracking answer (the API's) reads of a case, its matter and its department.
TRACK_FIELDS = (
    "number",
    "query_digest",
    "status",
    "received_on",
    "accepted_on",
    "decision",
    "decided_on",
    "completed_on",
    "power_version__name",
    "department__name",
)


def case_find(number: str, code: str, *, fields: tuple[str, ...] = ()) -> Case | None:
    """The case with this number, if the query code matches (public tracking, no login), with
    the matter and the department that the public answer names; only ``fields`` of them, when
    given (the tracking API reads :data:`TRACK_FIELDS`: the matter's text and the form data,
    which it does not show, stay unread)."""
    cases = Case.objects.select_related("power_version", "department")
    if fields:
        cases = cases.only(*fields)
    case = cases.filter(number=(number or "").strip()).order_by().first()
    if case is None:
        return None
    if not secrets.compare_digest(case.query_digest, query_digest(case.number, code or "")):
        return None
    return case


def intake_for(user: User) -> QuerySet[Case]:
    """Applications waiting for a decision on acceptance (or forwarding) at ``user``'s window:
    the oldest arrival first."""
    if not getattr(user, "is_authenticated", False) or user.is_applicant:
        return Case.objects.none()
    waiting = Q(status__in=[Case.Status.SUBMITTED, Case.Status.CORRECTION])
    mine = Q(pk__in=[])
    if user.has_role(Role.WINDOW_CLERK):
        if user.service_centre_id is not None:
            mine |= Q(handling_centre_id=user.service_centre_id)
        if user.department_id is not None:
            mine |= Q(department_id=user.department_id)
    if user.service_centre_id is not None and (
        user.has_role(Role.VILLAGE_AGENT) or user.has_role(Role.WINDOW_CLERK)
    ):
        mine |= Q(service_centre_id=user.service_centre_id, handling_centre__isnull=True)
    return (
        Case.objects.filter(waiting & mine)
        .select_related("power_version", "applicant", "department", "service_centre")
        .order_by("materials_complete_on", "id")
    )


def tasks_for(user: User) -> QuerySet[Task]:
    """The open tasks ``user`` may complete (their 待办), the earliest due first."""
    if not getattr(user, "is_authenticated", False) or user.is_applicant:
        return Task.objects.none()
    roles = [code for code in user.role_codes if code in Role.values]
    mine = Q(department_id=user.department_id, role__in=roles) if user.department_id else Q()
    if user.has_role(Role.WINDOW_CLERK) and user.service_centre_id is not None:
        # The centre's windows: acceptance and delivery for every stationed department, and
        # instant matters decided on the spot.
        mine |= Q(case__handling_centre_id=user.service_centre_id, role=Role.WINDOW_CLERK)
        mine |= Q(
            case__handling_centre_id=user.service_centre_id,
            case__power_version__matter_type="instant",
        )
    if not mine:
        return Task.objects.none()
    return (
        Task.objects.filter(mine, status=Task.Status.OPEN)
        .select_related("case__power_version", "case__applicant", "department")
        .order_by("due_on", "opened_on", "id")
    )


def can_act_on_task(user: User, task: Task) -> bool:
    return task.status == Task.Status.OPEN and may_act(
        user, task.case, department_id=task.department_id, role=task.role
    )


def case_clocks(case: Case) -> list[Clock]:
    """The case's own clocks (acceptance window, legal, promised, delivery), oldest first."""
    return list(Clock.objects.filter(owner_type="cases.case", owner_id=str(case.pk)).order_by("id"))


def case_deadline(case: Case) -> Clock | None:
    """The clock the applicant is told about: the promised limit, else the legal one; before
    acceptance, the window for deciding on it; none while the applicant is correcting (no
    time runs against the administration then)."""
    if case.status == Case.Status.CORRECTION:
        return None
    clocks = {c.purpose: c for c in case_clocks(case)}  # the latest of each purpose wins
    for purpose in (PROMISED, LEGAL, *CASE_CLOCKS, ACCEPTANCE):
        if purpose in clocks:
            return clocks[purpose]
    return None


def stage_clocks(case: Case) -> dict[int, Clock]:
    task_ids = [str(pk) for pk in case.tasks.values_list("pk", flat=True)]
    return {
        int(c.owner_id): c
        for c in Clock.objects.filter(owner_type="cases.task", owner_id__in=task_ids, purpose=STAGE)
    }


def open_correction(case: Case) -> CorrectionNotice | None:
    """The correction notice the applicant has still to answer: what is missing."""
    if case.status != Case.Status.CORRECTION:
        return None
    return case.corrections.filter(answered_on__isnull=True).order_by("-id").first()


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    action: str
    label: str
    by: str
    reason: str
    detail: dict


# What a timeline shows of an audit event and its actor (the hash chain stays unread).
TIMELINE_FIELDS = (
    "created_at",
    "action",
    "reason",
    "detail_json",
    "actor__kind",
    "actor__full_name",
    "actor__department__name",
)


def case_timeline(case: Case, *, for_public: bool = False) -> list[TimelineEntry]:
    """Every step of the case in order, from the audit trail. The public sees the department
    that acted, not the name of the official."""
    events = (
        AuditEvent.objects.filter(
            object_type="cases.case", object_id=str(case.pk), action__in=list(ACTION_LABELS)
        )
        .select_related("actor__department")
        .only(*TIMELINE_FIELDS)
        .order_by("pk")
    )
    entries = []
    for event in events:
        actor = event.actor
        if actor is None:
            by = str(_("the system"))
        elif actor.is_applicant:
            by = actor.full_name if not for_public else str(_("the applicant"))
        elif for_public:
            by = actor.department.name if actor.department_id else ""
        else:
            by = actor.full_name
            if actor.department_id:
                by = f"{by}（{actor.department.name}）"
        entries.append(
            TimelineEntry(
                at=event.created_at,
                action=event.action,
                label=str(ACTION_LABELS[event.action]),
                by=by,
                reason=event.reason,
                detail=event.detail,
            )
        )
    return entries


def is_waiting_for_forwarding(case: Case) -> bool:
    return needs_forwarding(case) and case.status in (Case.Status.SUBMITTED, Case.Status.CORRECTION)


def tasks_overdue(*, on: datetime.date) -> QuerySet[Task]:
    """Open tasks past their stage limit on ``on`` — e.g. a co-reviewer who missed its limit."""
    return (
        Task.objects.filter(status=Task.Status.OPEN, due_on__lt=on)
        .select_related("case", "department")
        .order_by("due_on", "id")
    )

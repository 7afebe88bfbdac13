"""Reads of disclosure requests. Visibility is always a function of the user.

- an applicant sees the requests linked to their account;
- a disclosure officer sees every request of their county;
- other staff see the requests addressed to their department (and those they entered);
- supervisors and administrators see all of them;
- the public finds one request by its number and query code (:func:`request_track`).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db.models import Case, CharField, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.common.models import AuditEvent
from zhengwu.disclosure.models.requests import DisclosureRequest
from zhengwu.disclosure.requests.services import (
    CORRECTION_WINDOW,
    REPLY,
    county_of,
    query_digest,
)
from zhengwu.org.models import Department, Division
from zhengwu.org.roles import Role
from zhengwu.workdays.models import Clock

SEES_ALL = [Role.SUPERVISOR, Role.ADMINISTRATOR]
OWNER_TYPE = DisclosureRequest._meta.label_lower
S = DisclosureRequest.Status
# The statuses in which the reply period runs against the office.
RUNNING_STATUSES = [S.RECEIVED, S.IN_PROCESS, S.CONSULTATION]

# How each audited step reads in the timeline.
ACTION_LABELS = {
    "request_submit": _("Application submitted"),
    "request_confirm_receipt": _("Receipt confirmed"),
    "request_accept": _("Taken into processing"),
    "request_ask_correction": _("Correction requested"),
    "request_supply_correction": _("Corrected application received"),
    "request_abandon": _("Regarded as abandoned"),
    "request_extend": _("Reply period extended"),
    "request_consult": _("Consultation sent"),
    "request_consultation_answered": _("Consultation answered"),
    "request_consultation_lapsed": _("Consultation period passed without an answer"),
    "request_record_fee": _("Processing fee recorded"),
    "request_reply": _("Replied"),
    "request_withdraw": _("Withdrawn"),
}
# Steps whose written reason the applicant is told (a consulted party's answer stays inside).
PUBLIC_REASONS = {"request_ask_correction", "request_extend", "request_reply", "request_withdraw"}


def requests_visible_to(user) -> QuerySet[DisclosureRequest]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return DisclosureRequest.objects.none()
    if user.is_applicant:
        return DisclosureRequest.objects.filter(applicant_user=user)
    if any(user.has_role(role) for role in SEES_ALL):
        return DisclosureRequest.objects.all()
    seen = Q(entered_by=user)
    if user.department_id is not None:
        seen |= Q(department_id=user.department_id)
        county = county_of(user)
        if user.has_role(Role.DISCLOSURE_OFFICER) and county is not None:
            seen |= Q(division_id=county)
    return DisclosureRequest.objects.filter(seen)


def request_track(number: str, query_code: str) -> DisclosureRequest | None:
    """The request with this number, if the query code matches (public tracking, no login)."""
    request = (
        DisclosureRequest.objects.filter(number=(number or "").strip().upper())
        .select_related("department")
        .first()
    )
    if request is None:
        return None
    if not secrets.compare_digest(
        request.query_digest, query_digest(request.number, query_code or "")
    ):
        return None
    return request


def _reply_clocks():
    return Clock.objects.filter(
        owner_type=OWNER_TYPE, owner_id=Cast(OuterRef("pk"), CharField()), purpose=REPLY
    ).order_by("-id")


def with_deadline(requests: QuerySet[DisclosureRequest]) -> QuerySet[DisclosureRequest]:
    """Annotated with the due date and state of the latest reply clock."""
    return requests.annotate(
        reply_due=Subquery(_reply_clocks().values("due_date")[:1]),
        reply_clock_status=Subquery(_reply_clocks().values("status")[:1]),
    )


def requests_list(
    user,
    *,
    on: datetime.date,
    status: str = "",
    outcome: str = "",
    department: int | None = None,
    overdue: bool = False,
    query: str = "",
) -> QuerySet[DisclosureRequest]:
    """The requests ``user`` may see, filtered."""
    requests = with_deadline(requests_visible_to(user)).select_related("department")
    if status:
        requests = requests.filter(status=status)
    if outcome:
        requests = requests.filter(outcome=outcome)
    if department:
        requests = requests.filter(department_id=department)
    if overdue:
        requests = requests.filter(
            status__in=RUNNING_STATUSES,
            reply_clock_status=Clock.Status.RUNNING,
            reply_due__lt=on,
        )
    if query:
        text = query.strip()
        requests = requests.filter(
            Q(number__iexact=text)
            | Q(name__icontains=text)
            | Q(organisation_name__icontains=text)
            | Q(description__icontains=text)
        )
    # Open requests first, the earliest reply due first (those waiting for confirmation or for
    # the applicant's correction after them); then the concluded ones, the latest first.
    return requests.annotate(
        is_closed=Case(When(status__in=DisclosureRequest.OPEN_STATUSES, then=0), default=1),
        open_due=Case(When(status__in=RUNNING_STATUSES, then=F("reply_due")), default=None),
    ).order_by(
        "is_closed",
        F("open_due").asc(nulls_last=True),
        F("concluded_on").desc(nulls_last=True),
        "-submitted_at",
        "-id",
    )


def requests_awaiting_confirmation(user) -> QuerySet[DisclosureRequest]:
    return requests_visible_to(user).filter(status=S.SUBMITTED).order_by("submitted_at", "id")


def requests_of_applicant(user) -> QuerySet[DisclosureRequest]:
    return with_deadline(requests_visible_to(user).filter(applicant_user=user)).select_related(
        "department"
    )


def request_clocks(request: DisclosureRequest) -> list[Clock]:
    return list(
        Clock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(request.pk))
        .prefetch_related("suspensions", "extensions")
        .order_by("id")
    )


def request_deadline(request: DisclosureRequest) -> Clock | None:
    """The reply clock the applicant is told about: the latest one; none before receipt."""
    clocks = [c for c in request_clocks(request) if c.purpose == REPLY]
    return clocks[-1] if clocks else None


def correction_window(request: DisclosureRequest) -> Clock | None:
    clocks = [c for c in request_clocks(request) if c.purpose == CORRECTION_WINDOW]
    return clocks[-1] if clocks else None


def request_departments(county: Division | None) -> QuerySet[Department]:
    """The administrative bodies of the county an application can be addressed to: the county
    government, its departments and offices, and the township governments."""
    if county is None:
        return Department.objects.none()
    return (
        Department.objects.filter(is_active=True)
        .filter(Q(division=county) | Q(division__parent=county))
        .exclude(kind=Department.Kind.COMMITTEE)
        .select_related("division")
        .order_by("division__code", "code")
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    action: str
    label: str
    by: str
    reason: str
    detail: dict


def request_timeline(request: DisclosureRequest, *, for_public: bool = False):
    """Every step in order, from the audit trail. The public sees the department that acted, not
    the official's name, and only the reasons it is told."""
    events = (
        AuditEvent.objects.filter(
            object_type=OWNER_TYPE, object_id=str(request.pk), action__in=list(ACTION_LABELS)
        )
        .select_related("actor__department")
        .order_by("pk")
    )
    entries = []
    for event in events:
        actor = event.actor
        if actor is None:
            by = "" if event.action == "request_submit" else str(_("the system"))
        elif actor.is_applicant:
            by = str(_("the applicant")) if for_public else actor.full_name
        elif for_public:
            by = actor.department.name if actor.department_id else ""
        else:
            by = actor.full_name + (f"（{actor.department.name}）" if actor.department_id else "")
        reason = event.reason if (not for_public or event.action in PUBLIC_REASONS) else ""
        entries.append(
            TimelineEntry(
                at=event.created_at,
                action=event.action,
                label=str(ACTION_LABELS[event.action]),
                by=by,
                reason=reason,
                detail=event.detail,
            )
        )
    return entries

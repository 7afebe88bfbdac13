"""Reads of messages. Visibility is always a function of the user:

- the public sees published messages only, and only their public version;
- the writer sees their own messages: through their account, or with the number and query code;
- the routing office (disclosure officers and supervisors) sees every message of its county;
- a department's staff see the messages routed to their department;
- anyone else sees nothing (the pages answer 404).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as When_
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.common.models import AuditEvent
from zhengwu.interaction.models import Message
from zhengwu.interaction.rules import county_of, is_routing_office
from zhengwu.interaction.services import ANSWER, query_digest
from zhengwu.org.models import Department, Division
from zhengwu.org.selectors import divisions_under
from zhengwu.workdays.models import Clock, Day

# How each audited step of a message reads in its history.
ACTION_LABELS = {
    "message_submit": _("Message received"),
    "message_route": _("Routed"),
    "message_reroute": _("Rerouted"),
    "message_answer": _("Answer given"),
    "message_prepare_publication": _("Public version prepared"),
    "message_publish": _("Published"),
    "message_reject": _("Rejected"),
    "message_close": _("Message closed"),
}


# ---------------------------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------------------------


def messages_published(division: Division | None = None) -> QuerySet[Message]:
    """What the public may read: published messages (of ``division``), the latest first."""
    published = Message.objects.filter(status=Message.Status.PUBLISHED)
    if division is not None:
        published = published.filter(division=division)
    return published.order_by("-published_on", "-id")


def messages_visible_to(user) -> QuerySet[Message]:
    """Every message ``user`` may open with its full text and the writer's details."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Message.objects.none()
    seen = Q(user=user)
    if user.kind == user.Kind.STAFF and user.department_id is not None:
        if is_routing_office(user):
            county = county_of(user)
            if county is not None:
                seen |= Q(division=county)
        if user.has_perm("org.use_workbench"):
            seen |= Q(department_id=user.department_id)
    return Message.objects.filter(seen)


def message_find(number: str, code: str) -> Message | None:
    """The message with this number, if the query code matches (the writer, without login)."""
    message = Message.objects.filter(number=(number or "").strip().upper()).first()
    if message is None:
        return None
    if not secrets.compare_digest(message.query_digest, query_digest(message.number, code or "")):
        return None
    return message


def search_published(
    *, kind: str = "", query: str = "", division: Division | None = None
) -> QuerySet[Message]:
    """Published messages of ``kind`` whose public text contains ``query`` (a simple LIKE)."""
    found = messages_published(division).select_related("department")
    if kind:
        found = found.filter(kind=kind)
    for word in (query or "").split()[:5]:
        found = found.filter(
            Q(public_subject__icontains=word)
            | Q(public_body__icontains=word)
            | Q(public_answer__icontains=word)
        )
    return found


# ---------------------------------------------------------------------------------------------
# The answer clock and the inbox
# ---------------------------------------------------------------------------------------------


def _clocks_of_message() -> QuerySet[Clock]:
    return Clock.objects.filter(
        owner_type=Message._meta.label_lower,
        owner_id=Cast(OuterRef("pk"), CharField()),
        purpose=ANSWER,
    ).order_by("-id")


def with_deadline(messages: QuerySet[Message], *, on: datetime.date) -> QuerySet[Message]:
    """Messages annotated from their latest answer clock: ``due_date``, ``clock_status`` and,
    for an open clock, ``days_left`` (working days from ``on`` to the due date, negative when
    overdue) and ``overdue``."""
    latest = _clocks_of_message()
    today_ordinal = (
        Day.objects.filter(date=on).values_list("workday_ordinal", flat=True).first() or 0
    )
    due_ordinal = Subquery(
        Day.objects.filter(date=OuterRef("due_date")).order_by().values("workday_ordinal")[:1],
        output_field=IntegerField(),
    )
    running = [Clock.Status.RUNNING, Clock.Status.SUSPENDED]
    return messages.annotate(
        due_date=Subquery(latest.values("due_date")[:1], output_field=DateField()),
        clock_status=Subquery(latest.values("status")[:1], output_field=CharField()),
    ).annotate(
        days_left=When_(
            When(clock_status__in=running, then=due_ordinal - Value(today_ordinal)),
            default=Value(None),
            output_field=IntegerField(),
        ),
        overdue=When_(
            When(clock_status__in=running, due_date__lt=on, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


@dataclass(frozen=True)
class InboxFilters:
    kind: str = ""
    status: str = ""  # a Message.Status, "open" (received or routed) or "" for all
    department: int | None = None
    overdue: bool = False


def inbox_for(user, filters: InboxFilters, *, on: datetime.date) -> QuerySet[Message]:
    """The messages ``user`` handles, filtered; open ones first, the earliest due first, then the
    latest received."""
    messages = with_deadline(
        messages_visible_to(user).select_related("department", "division"), on=on
    )
    if filters.kind:
        messages = messages.filter(kind=filters.kind)
    if filters.status == "open":
        messages = messages.filter(status__in=Message.OPEN_STATUSES)
    elif filters.status:
        messages = messages.filter(status=filters.status)
    if filters.department:
        messages = messages.filter(department_id=filters.department)
    if filters.overdue:
        messages = messages.filter(overdue=True)
    return messages.annotate(
        open_first=When_(
            When(status__in=Message.OPEN_STATUSES, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("open_first", F("due_date").asc(nulls_last=True), "-submitted_at", "-id")


def inbox_departments(user) -> QuerySet[Department]:
    """The departments the inbox can be filtered by: for the routing office, those of its county
    that messages have been routed to; for a department's staff, their own."""
    county = county_of(user) if is_routing_office(user) else None
    if county is not None:
        routed = Message.objects.filter(division=county, department__isnull=False)
        return routing_departments(county).filter(pk__in=routed.values("department_id").distinct())
    if getattr(user, "department_id", None):
        return Department.objects.filter(pk=user.department_id)
    return Department.objects.none()


def routing_departments(county: Division) -> QuerySet[Department]:
    """The active departments a message of ``county`` can be routed to: the county's own first,
    then the townships'."""
    return (
        Department.objects.filter(division__in=divisions_under(county), is_active=True)
        .exclude(kind=Department.Kind.COMMITTEE)
        .select_related("division")
        .order_by("division__code", "code")
    )


def message_clocks(message: Message) -> list[Clock]:
    """The answer clocks of the message, oldest first (more than one after a reroute)."""
    return list(
        Clock.objects.filter(
            owner_type=Message._meta.label_lower, owner_id=str(message.pk), purpose=ANSWER
        )
        .select_related("department")
        .order_by("id")
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    action: str
    label: str
    by: str
    reason: str
    detail: dict


def message_history(message: Message, *, for_writer: bool = False) -> list[HistoryEntry]:
    """Every step of the message, from the audit trail. The writer sees the department that
    acted, not the official's name, and no internal reasons for rerouting."""
    events = (
        AuditEvent.objects.filter(
            object_type=Message._meta.label_lower,
            object_id=str(message.pk),
            action__in=list(ACTION_LABELS),
        )
        .select_related("actor__department")
        .order_by("pk")
    )
    entries = []
    for event in events:
        if for_writer and event.action == "message_prepare_publication":
            continue
        actor = event.actor
        if actor is None or actor.kind != actor.Kind.STAFF:
            by = "" if for_writer else (actor.full_name if actor else "")
        elif for_writer:
            by = actor.department.name if actor.department_id else ""
        else:
            by = actor.full_name
            if actor.department_id:
                by = f"{by}（{actor.department.name}）"
        reason = event.reason
        if for_writer and event.action == "message_reroute":
            reason = ""
        entries.append(
            HistoryEntry(
                at=event.created_at,
                action=event.action,
                label=str(ACTION_LABELS[event.action]),
                by=by,
                reason=reason,
                detail=event.detail,
            )
        )
    return entries

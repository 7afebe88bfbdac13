"""Every non-trivial read of the registers; visibility is always a function of the user.

Legal officers, supervisors and administrators see every case of their county; a department's
staff see the cases in which their department is the respondent (a reconsideration) or the
defendant (a suit); everyone else nothing (the public finds its own application by receipt
number and query code, :func:`case_find`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from zhengwu.common.models import AuditEvent
from zhengwu.reconsideration import rules
from zhengwu.reconsideration.models import LitigationCase, ReconsiderationCase
from zhengwu.reconsideration.services import query_digest
from zhengwu.workdays.models import Clock


def cases_visible_to(user) -> QuerySet[ReconsiderationCase]:
    cases = ReconsiderationCase.objects.select_related("respondent", "division")
    county = rules.county_of(user)
    if county is None:
        return cases.none()
    cases = cases.filter(division=county)
    if rules.sees_all_of(user, county):
        return cases
    return cases.filter(respondent_id=user.department_id)


def suits_visible_to(user) -> QuerySet[LitigationCase]:
    suits = LitigationCase.objects.select_related("defendant", "division", "after_review")
    county = rules.county_of(user)
    if county is None:
        return suits.none()
    suits = suits.filter(division=county)
    if rules.sees_all_of(user, county):
        return suits
    return suits.filter(defendant_id=user.department_id)


def _overdue_clocks(model, on: datetime.date, purposes=None):
    clocks = Clock.objects.filter(
        owner_type=model._meta.label_lower, status=Clock.Status.RUNNING, due_date__lt=on,
        owner_id=OuterRef("pk_text"),
    )  # fmt: skip
    if purposes:
        clocks = clocks.filter(purpose__in=purposes)
    return clocks


@dataclass
class CaseFilters:
    status: str = ""
    respondent: str = ""
    year: str = ""
    q: str = ""
    disclosure: bool = False
    overdue: bool = False

    @classmethod
    def from_query(cls, data) -> CaseFilters:
        return cls(
            status=data.get("status", ""), respondent=data.get("respondent", ""),
            year=data.get("year", ""), q=data.get("q", "").strip(),
            disclosure=data.get("disclosure") == "1", overdue=data.get("overdue") == "1",
        )  # fmt: skip


def cases_filtered(cases: QuerySet, filters: CaseFilters, on: datetime.date) -> QuerySet:
    from django.db.models.functions import Cast

    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.respondent.isdigit():
        cases = cases.filter(respondent_id=int(filters.respondent))
    if filters.year.isdigit():
        cases = cases.filter(received_on__year=int(filters.year))
    if filters.q:
        cases = cases.filter(
            Q(receipt_number__icontains=filters.q) | Q(case_number__icontains=filters.q)
            | Q(contested_act__icontains=filters.q) | Q(applicants__name__icontains=filters.q)
        ).distinct()  # fmt: skip
    if filters.disclosure:
        cases = cases.filter(is_disclosure=True)
    if filters.overdue:
        from django.db.models import CharField

        cases = cases.annotate(pk_text=Cast("pk", CharField())).filter(
            Exists(_overdue_clocks(ReconsiderationCase, on))
        )
    return cases.order_by("-received_on", "-pk")


def suits_filtered(suits: QuerySet, data) -> QuerySet:
    status, q = data.get("status", ""), data.get("q", "").strip()
    if status:
        suits = suits.filter(status=status)
    if data.get("year", "").isdigit():
        suits = suits.filter(filed_on__year=int(data["year"]))
    if data.get("kind") == "direct":
        suits = suits.filter(after_review__isnull=True)
    elif data.get("kind") == "after_review":
        suits = suits.filter(after_review__isnull=False)
    if q:
        suits = suits.filter(
            Q(court_number__icontains=q) | Q(plaintiff__icontains=q) | Q(court__icontains=q)
        )
    return suits.order_by("-filed_on", "-pk")


def clocks_of(obj) -> list[Clock]:
    return list(
        Clock.objects.filter(owner_type=obj._meta.label_lower, owner_id=str(obj.pk)).order_by(
            "started_on", "pk"
        )
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


def timeline_of(obj) -> list[TimelineEntry]:
    """The audit events of the case (its own and its clocks'), oldest first."""
    events = AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("created_at", "seq")
    return [
        TimelineEntry(at=e.created_at, action=e.action, by=e.actor_label,
                      from_state=e.from_state, to_state=e.to_state, reason=e.reason,
                      detail=e.detail)
        for e in events
        if not e.action.startswith("clock_")
    ]  # fmt: skip


def case_find(number: str, code: str) -> ReconsiderationCase | None:
    """The application with this receipt number and query code (the applicant's look-up)."""
    number = (number or "").strip().upper()
    if not number or not (code or "").strip():
        return None
    return (
        ReconsiderationCase.objects.select_related("respondent")
        .filter(receipt_number=number, query_digest=query_digest(number, code))
        .first()
    )

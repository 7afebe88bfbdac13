"""Reads of major decisions: who sees which decision, the stage of a decision in preparation,
its checklist of steps with their legal sources, its clocks and its timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.common.models import AuditEvent
from zhengwu.decisions import rules
from zhengwu.decisions.models import (
    PUBLIC_STATUSES,
    STEPS,
    CollectiveDiscussion,
    DecisionStatus,
    ExpertArgumentation,
    Hearing,
    LegalityReview,
    MajorDecision,
    PublicComment,
    RiskAssessment,
)

S = DecisionStatus
OPEN_COMMENT = Exists(PublicComment.objects.filter(decision=OuterRef("pk"), closed_on__isnull=True))
IN_REVIEW = Exists(
    LegalityReview.objects.filter(decision=OuterRef("pk"), completed_on__isnull=True)
)


def _latest(model, order, field):
    rows = model.objects.filter(decision=OuterRef("pk")).order_by(*order)
    return Subquery(rows.values(field)[:1])


def with_stage_flags(decisions: QuerySet) -> QuerySet:
    """Annotated with what :func:`stage` reads, so that a list computes every row's stage in
    its one query (``out_for_comment`` and ``in_review`` are the register's filters too)."""
    closed = PublicComment.objects.filter(decision=OuterRef("pk"), closed_on__isnull=False)
    return decisions.annotate(
        out_for_comment=OPEN_COMMENT,
        in_review=IN_REVIEW,
        stage_participated=Exists(closed) | Exists(Hearing.objects.filter(decision=OuterRef("pk"))),
        stage_expert=Exists(ExpertArgumentation.objects.filter(decision=OuterRef("pk"))),
        stage_risk=Exists(RiskAssessment.objects.filter(decision=OuterRef("pk"))),
        stage_review_completed_on=_latest(LegalityReview, ("-submitted_on", "-id"), "completed_on"),
        stage_review_conclusion=_latest(LegalityReview, ("-submitted_on", "-id"), "conclusion"),
        stage_discussion_outcome=_latest(CollectiveDiscussion, ("-held_on", "-id"), "outcome"),
    )


def _missing_codes_annotated(decision: MajorDecision) -> list[str]:
    """What ``services.missing_steps`` finds, from :func:`with_stage_flags`' annotations."""
    required = {s.code for s in decision.required_steps()}
    done = {
        "participation": decision.stage_participated,
        "expert": decision.stage_expert,
        "risk": decision.stage_risk,
        "legality": decision.stage_review_completed_on is not None
        and decision.stage_review_conclusion != LegalityReview.Conclusion.UNLAWFUL,
        "discussion": decision.stage_discussion_outcome == CollectiveDiscussion.Outcome.APPROVE,
    }
    return [s.code for s in STEPS if s.code in required and not done[s.code]]


def decisions_visible_to(user) -> QuerySet[MajorDecision]:
    """Legal officers, supervisors and administrators see their county's decisions; other
    staff those their department undertakes or decides and the published ones; the public the
    published decisions and those out for public comment."""
    decisions = MajorDecision.objects.select_related("undertaking_department", "decision_body")
    public = Q(status__in=PUBLIC_STATUSES) | Q(OPEN_COMMENT)
    if not rules._staff(user):
        return decisions.filter(public)
    county = rules.county_of(user)
    if county is None:
        return decisions.none()
    decisions = decisions.filter(division=county)
    if rules.sees_everything(user):
        return decisions
    own = Q(undertaking_department_id=user.department_id) | Q(decision_body_id=user.department_id)
    return decisions.filter(own | public)


def decisions_published(division) -> QuerySet[MajorDecision]:
    return (
        MajorDecision.objects.filter(division=division, status__in=PUBLIC_STATUSES)
        .select_related("undertaking_department")
        .order_by("-published_on", "-pk")
    )


def comments_open(division, on: datetime.date) -> QuerySet[PublicComment]:
    """The comment periods under way on ``on`` (the public page lists them with the deadline)."""
    return (
        PublicComment.objects.filter(
            decision__division=division, closed_on__isnull=True, opened_on__lte=on
        )
        .select_related("decision__undertaking_department")
        .order_by("closes_on", "pk")
    )


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    label: str
    source: str
    required: bool
    done: bool
    problem: str  # what is wrong when required and not done


def checklist(decision: MajorDecision) -> list[ChecklistRow]:
    """Every step with its legal source: required or not, done or what is missing."""
    from zhengwu.decisions.services import step_states

    states = step_states(decision)
    rows = []
    for step in STEPS:
        required = step.code in states
        problem = states.get(step.code)
        if required:
            done = problem is None
        else:  # an optional step may still have been taken
            done = {"expert": decision.experts, "risk": decision.risks}[step.code].exists()
        rows.append(ChecklistRow(step.code, str(step.label), str(step.source), required, done,
                                 problem.message if problem else ""))  # fmt: skip
    return rows


STAGE_LABELS = {
    "comment": _("out for public comment"),
    "review": pgettext_lazy("major decision", "in legality review"),
    "meeting": _("ready for the meeting"),
    "ready": _("ready for adoption"),
    "blocked": _("steps missing"),
}


def stage(decision: MajorDecision) -> str:
    """Where a decision in preparation stands: out for comment, in review, ready for the
    meeting (every step but the meeting recorded), ready for adoption, or steps missing."""
    from zhengwu.decisions.services import missing_steps

    if decision.status != S.PREPARING:
        return ""
    if hasattr(decision, "stage_discussion_outcome"):  # annotated by with_stage_flags
        if decision.out_for_comment:
            return "comment"
        if decision.in_review:
            return "review"
        missing = _missing_codes_annotated(decision)
    else:
        if decision.comments.filter(closed_on__isnull=True).exists():
            return "comment"
        if decision.reviews.filter(completed_on__isnull=True).exists():
            return "review"
        missing = [m.code for m in missing_steps(decision)]
    if not missing:
        return "ready"
    if missing == ["discussion"]:
        return "meeting"
    return "blocked"


def decision_clocks(decision: MajorDecision) -> list:
    from zhengwu.workdays.models import Clock

    return list(
        Clock.objects.filter(
            owner_type=MajorDecision._meta.label_lower, owner_id=str(decision.pk)
        ).order_by("started_on", "pk")
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


def decision_timeline(decision: MajorDecision) -> list[TimelineEntry]:
    """The audit events of the decision, oldest first (the clocks' own events left out)."""
    events = AuditEvent.objects.filter(
        object_type=MajorDecision._meta.label_lower, object_id=str(decision.pk)
    ).order_by("created_at", "seq")
    return [
        TimelineEntry(
            e.created_at, e.action, e.actor_label, e.from_state, e.to_state, e.reason, e.detail
        )
        for e in events
        if not e.action.startswith("clock_")
    ]

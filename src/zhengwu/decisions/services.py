"""Every change to a major decision. Each service locks the decision, checks the move, and
writes one audit event (on the decision) in its transaction.

The clocks (``workdays.Clock`` on the decision, watched by e-supervision's generic near-due and
overdue rules by purpose):

- ``decisions.comment``: the public comment period, calendar days from the day after it opens,
  at least 30 (art 15; ``ZHENGWU_DECISION_COMMENT_DAYS``); shorter periods are refused and the
  comment cannot be closed before its period has run.
- ``decisions.legality``: the legality review, working days from the day after submission. The
  review body is allowed at least 7 working days (art 26; ``ZHENGWU_DECISION_REVIEW_MIN_DAYS``):
  a review completed before the 7th working day after submission is refused. The clock's limit
  is the office's own limit for returning its opinion (``ZHENGWU_DECISION_REVIEW_DAYS``, 15
  working days, local practice): a review completed by then is on time.
- ``decisions.follow_up``: the undertaking department's next implementation report, calendar
  days after publication or after the last report (``ZHENGWU_DECISION_FOLLOW_UP_DAYS``, 180).

The gate: :func:`decision_adopt` refuses while a required step is missing or not valid, and its
error (:class:`StepsMissing`) names every one of them with its legal source, all at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.decisions import rules
from zhengwu.decisions.models import (
    STEP_BY_CODE,
    TRANSITIONS,
    CollectiveDiscussion,
    DecisionStatus,
    Evaluation,
    ExpertArgumentation,
    Hearing,
    ImplementationChange,
    ImplementationReport,
    LegalityReview,
    MajorDecision,
    PublicComment,
    RiskAssessment,
    SubjectArea,
)
from zhengwu.org.models import Department
from zhengwu.workdays import services as clocks
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

S = DecisionStatus

# Clock purposes.
COMMENT = "decisions.comment"
LEGALITY = "decisions.legality"
FOLLOW_UP = "decisions.follow_up"
PURPOSES = (COMMENT, LEGALITY, FOLLOW_UP)

EDITABLE_FIELDS = (
    "title", "summary", "subject_area", "in_catalogue", "catalogue_year", "needs_expert",
    "needs_risk", "undertaking_official", "reviewing_official", "deciding_leader",
)  # fmt: skip


def comment_days() -> int:
    return int(getattr(settings, "ZHENGWU_DECISION_COMMENT_DAYS", 30))


def hearing_notice_days() -> int:
    return int(getattr(settings, "ZHENGWU_DECISION_HEARING_NOTICE_DAYS", 7))


def review_min_days() -> int:
    return int(getattr(settings, "ZHENGWU_DECISION_REVIEW_MIN_DAYS", 7))


def review_days() -> int:
    return max(int(getattr(settings, "ZHENGWU_DECISION_REVIEW_DAYS", 15)), review_min_days())


def follow_up_days() -> int:
    return int(getattr(settings, "ZHENGWU_DECISION_FOLLOW_UP_DAYS", 180))


# ---------------------------------------------------------------------------------------------
# The gate
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingStep:
    code: str
    label: str
    source: str
    message: str

    def as_dict(self) -> dict:
        return {"step": self.code, "label": self.label, "source": self.source,
                "message": self.message}  # fmt: skip


class StepsMissing(DomainError):
    """The decision cannot be adopted: ``missing`` lists every step missing or not valid."""

    code = "steps_missing"
    status = 409

    def __init__(self, missing: list[MissingStep]):
        self.missing = missing
        super().__init__("；".join(m.message for m in missing), code=self.code)


def _missing(code: str, problem: str | None = None) -> MissingStep:
    step = STEP_BY_CODE[code]
    label, source = str(step.label), str(step.source)
    if problem is None:
        message = _("Missing %(step)s (%(source)s)") % {"step": label, "source": source}
    else:
        message = f"{problem}({source})"
    return MissingStep(code, label, source, message)


def latest_review(decision: MajorDecision) -> LegalityReview | None:
    return decision.reviews.order_by("-submitted_on", "-id").first()


def latest_discussion(decision: MajorDecision) -> CollectiveDiscussion | None:
    return decision.discussions.order_by("-held_on", "-id").first()


def step_states(decision: MajorDecision) -> dict[str, MissingStep | None]:
    """For each required step, ``None`` when it is recorded and valid, else what is wrong."""
    states: dict[str, MissingStep | None] = {}
    required = {s.code for s in decision.required_steps()}
    if "participation" in required:
        done = (
            decision.comments.filter(closed_on__isnull=False).exists() or decision.hearings.exists()
        )
        states["participation"] = None if done else _missing("participation")
    if "expert" in required:
        states["expert"] = None if decision.experts.exists() else _missing("expert")
    if "risk" in required:
        states["risk"] = None if decision.risks.exists() else _missing("risk")
    review = latest_review(decision)
    if review is None or review.completed_on is None:
        states["legality"] = _missing("legality")
    elif review.conclusion == LegalityReview.Conclusion.UNLAWFUL:
        states["legality"] = _missing("legality", _("The legality review found the draft unlawful"))
    else:
        states["legality"] = None
    discussion = latest_discussion(decision)
    if discussion is None:
        states["discussion"] = _missing("discussion")
    elif discussion.outcome != CollectiveDiscussion.Outcome.APPROVE:
        states["discussion"] = _missing(
            "discussion",
            _("The meeting did not approve the draft (%(outcome)s)")
            % {"outcome": discussion.get_outcome_display()},
        )
    else:
        states["discussion"] = None
    return states


def missing_steps(decision: MajorDecision) -> list[MissingStep]:
    """Every required step missing or not valid, in the order of the procedure."""
    return [m for m in step_states(decision).values() if m is not None]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _lock(decision: MajorDecision) -> MajorDecision:
    return (
        MajorDecision.objects.select_for_update(of=("self",))
        .select_related("division", "undertaking_department__division", "decision_body")
        .get(pk=decision.pk)
    )


def _check_move(decision: MajorDecision, to: str) -> None:
    if to not in TRANSITIONS[S(decision.status)]:
        raise IllegalTransition(
            _("The decision is “%(state)s” and cannot become “%(to)s”.")
            % {"state": decision.get_status_display(), "to": S(to).label}
        )


def _move(decision: MajorDecision, to: str) -> str:
    before = decision.status
    _check_move(decision, to)
    decision.status = to
    return before


def _audit(decision, *, actor, action: str, before="", reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=decision,
        from_state=before,
        to_state=decision.status if before else "",
        reason=reason,
        detail={"title": decision.title[:80], **(detail or {})},
        division=decision.division,
    )


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise NotPermitted(message)


def _prepare(actor, decision) -> None:
    _require(
        rules.may_prepare(actor, decision),
        _("Only the undertaking department or the legal-affairs office may do this."),
    )


def _decide(actor, decision) -> None:
    _require(
        rules.may_decide(actor, decision),
        _("Only the decision body or the legal-affairs office may record this."),
    )


def _preparing(decision) -> None:
    if decision.status != S.PREPARING:
        raise IllegalTransition(_("The decision has already been adopted."))


def _text(errors: dict, name: str, value, message) -> str:
    value = (value or "").strip()
    if not value:
        errors[name] = message
    return value


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _not_before(field: str, day, earliest, what) -> None:
    if earliest is not None and day < earliest:
        raise ValidationError(
            {field: _("This cannot be dated before %(what)s (%(date)s).")
             % {"what": what, "date": earliest.isoformat()}}
        )  # fmt: skip


def open_clock(decision: MajorDecision, purpose: str) -> Clock | None:
    return (
        Clock.objects.filter(
            owner_type=decision._meta.label_lower, owner_id=str(decision.pk), purpose=purpose
        )
        .exclude(status=Clock.Status.COMPLETED)
        .first()
    )


def government_of(division) -> Department | None:
    return Department.objects.filter(
        division=division, kind=Department.Kind.GOVERNMENT, is_active=True
    ).first()


# ---------------------------------------------------------------------------------------------
# The case
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    actor,
    undertaking_department: Department,
    title: str,
    subject_area: str,
    undertaking_official: str,
    reviewing_official: str,
    deciding_leader: str,
    summary: str = "",
    in_catalogue: bool = False,
    catalogue_year: int | None = None,
    needs_expert: bool = False,
    needs_risk: bool = False,
    decision_body: Department | None = None,
) -> MajorDecision:
    """A new decision case of the undertaking department; the decision body is the county
    government unless given. The three responsible persons go on record now."""
    _require(
        rules.may_undertake_for(actor, undertaking_department),
        _("Only the staff of the undertaking department or the legal-affairs office may do this."),
    )
    division = undertaking_department.division.county or undertaking_department.division
    decision_body = decision_body or government_of(division)
    errors: dict = {}
    body_county = decision_body and (decision_body.division.county or decision_body.division)
    if body_county != division:
        errors["decision_body"] = _("The decision body must be the government of the county.")
    if subject_area not in SubjectArea.values:
        errors["subject_area"] = _("Choose the subject area.")
    decision = MajorDecision(
        division=division,
        undertaking_department=undertaking_department,
        decision_body=decision_body,
        title=_text(errors, "title", title, _("Give the decision a title.")),
        summary=summary or "",
        subject_area=subject_area,
        in_catalogue=bool(in_catalogue),
        catalogue_year=catalogue_year if in_catalogue else None,
        needs_expert=bool(needs_expert),
        needs_risk=bool(needs_risk),
        undertaking_official=_text(errors, "undertaking_official", undertaking_official,
                                   _("Name the responsible official of the undertaking "
                                     "department.")),
        reviewing_official=_text(errors, "reviewing_official", reviewing_official,
                                 _("Name the reviewing official.")),
        deciding_leader=_text(errors, "deciding_leader", deciding_leader,
                              _("Name the leader who decides.")),
    )  # fmt: skip
    _raise(errors)
    decision.full_clean()
    decision.save()
    _audit(decision, actor=actor, action="decision_create",
           detail={"status": decision.status, "needs_expert": decision.needs_expert,
                   "needs_risk": decision.needs_risk,
                   "responsible": [decision.undertaking_official, decision.reviewing_official,
                                   decision.deciding_leader]})  # fmt: skip
    return decision


@transaction.atomic
def decision_update(*, actor, decision: MajorDecision, **fields) -> MajorDecision:
    """Change the case while it is being prepared (the flags of the steps it needs, the
    responsible persons on record...)."""
    decision = _lock(decision)
    _prepare(actor, decision)
    _preparing(decision)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = {n: [str(getattr(decision, n)), str(v)] for n, v in fields.items()
               if getattr(decision, n) != v}  # fmt: skip
    for name, value in fields.items():
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    errors: dict = {}
    for name in ("title", "undertaking_official", "reviewing_official", "deciding_leader"):
        if not getattr(decision, name):
            errors[name] = _("Fill in this field.")
    if decision.subject_area not in SubjectArea.values:
        errors["subject_area"] = _("Choose the subject area.")
    _raise(errors)
    decision.full_clean()
    decision.save()
    _audit(decision, actor=actor, action="decision_update", detail={"changed": changed})
    return decision


# ---------------------------------------------------------------------------------------------
# Public participation
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def comment_open(
    *,
    actor,
    decision: MajorDecision,
    channel: str,
    on: datetime.date | None = None,
    days: int | None = None,
) -> PublicComment:
    """Put the draft out for public comment on ``on``; the period (at least 30 calendar days)
    runs from the day after."""
    decision = _lock(decision)
    _prepare(actor, decision)
    _preparing(decision)
    on = act_day(on)
    days = comment_days() if days is None else int(days)
    errors: dict = {}
    if days < comment_days():
        errors["days"] = _("The public comment period is at least %(n)s days (art. 15).") % {
            "n": comment_days()
        }
    channel = _text(errors, "channel", channel, _("Say where the draft was published."))
    _raise(errors)
    if decision.comments.filter(closed_on__isnull=True).exists():
        raise IllegalTransition(_("The draft is already out for public comment."))
    clock = clocks.clock_start(
        actor=actor, owner=decision, purpose=COMMENT, day_kind=Clock.DayKind.CALENDAR,
        started_on=on, limit_days=days,
        legal_basis=_("Public comment on a major decision (art. 15)"),
        division=decision.division, department=decision.undertaking_department,
    )  # fmt: skip
    comment = PublicComment.objects.create(
        decision=decision, opened_on=on, days=days, closes_on=clock.due_date, channel=channel
    )
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="comment_open",
           detail={"on": on.isoformat(), "days": days, "until": clock.due_date.isoformat(),
                   "channel": channel})  # fmt: skip
    return comment


@transaction.atomic
def comment_close(
    *,
    actor,
    decision: MajorDecision,
    summary: str,
    adoption: str,
    opinions_count: int,
    on: datetime.date | None = None,
) -> PublicComment:
    """Close the comment period (not before it has run) with the summary of the opinions
    received and how they were taken."""
    decision = _lock(decision)
    _prepare(actor, decision)
    on = act_day(on)
    comment = decision.comments.filter(closed_on__isnull=True).first()
    if comment is None:
        raise IllegalTransition(_("The draft is not out for public comment."))
    errors: dict = {}
    summary = _text(errors, "summary", summary, _("Summarise the opinions received."))
    adoption = _text(errors, "adoption", adoption, _("Say how the opinions were taken."))
    if opinions_count is None or opinions_count < 0:
        errors["opinions_count"] = _("Give the number of opinions received (0 or more).")
    _raise(errors)
    if on < comment.closes_on:
        raise ValidationError(
            {"on": _("The public comment period runs until %(date)s.")
             % {"date": comment.closes_on.isoformat()}}
        )  # fmt: skip
    comment.closed_on, comment.summary, comment.adoption = on, summary, adoption
    comment.opinions_count = opinions_count
    comment.save()
    clock = open_clock(decision, COMMENT)
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=on)
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="comment_close", reason=summary,
           detail={"on": on.isoformat(), "opinions": opinions_count})  # fmt: skip
    return comment


@transaction.atomic
def hearing_record(
    *,
    actor,
    decision: MajorDecision,
    materials_sent_on: datetime.date,
    held_on: datetime.date,
    place: str,
    participants: str,
    summary: str,
    adoption: str,
) -> Hearing:
    """A hearing held on ``held_on``: its materials must have reached the participants at
    least 7 days before (art. 18(3))."""
    decision = _lock(decision)
    _prepare(actor, decision)
    _preparing(decision)
    held_on = act_day(held_on)
    errors: dict = {}
    place = _text(errors, "place", place, _("Give the place of the hearing."))
    participants = _text(errors, "participants", participants, _("List the participants."))
    summary = _text(errors, "summary", summary, _("Summarise the opinions heard."))
    adoption = _text(errors, "adoption", adoption, _("Say how the opinions were taken."))
    notice = hearing_notice_days()
    if materials_sent_on is None:
        errors["materials_sent_on"] = _("Give the day the materials were sent.")
    elif (held_on - materials_sent_on).days < notice:
        errors["materials_sent_on"] = _(
            "The hearing materials must reach the participants at least %(n)s days before the "
            "hearing (art. 18): sent on %(sent)s, held on %(held)s is %(days)s days."
        ) % {"n": notice, "sent": materials_sent_on.isoformat(), "held": held_on.isoformat(),
             "days": (held_on - materials_sent_on).days}  # fmt: skip
    _raise(errors)
    hearing = Hearing.objects.create(
        decision=decision, materials_sent_on=materials_sent_on, held_on=held_on, place=place,
        participants=participants, summary=summary, adoption=adoption,
    )  # fmt: skip
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="hearing_record", reason=summary,
           detail={"held_on": held_on.isoformat(), "on": held_on.isoformat(),
                   "materials_sent_on": materials_sent_on.isoformat()})  # fmt: skip
    return hearing


@transaction.atomic
def expert_record(
    *,
    actor,
    decision: MajorDecision,
    held_on: datetime.date,
    form: str,
    experts: str,
    opinions: str,
    adoption: str = "",
) -> ExpertArgumentation:
    """Expert argumentation (arts 19-21): who argued, in what form, their opinions."""
    decision = _lock(decision)
    _prepare(actor, decision)
    _preparing(decision)
    held_on = act_day(held_on)
    errors: dict = {}
    if form not in ExpertArgumentation.Form.values:
        errors["form"] = _("Choose the form of the argumentation.")
    experts = _text(errors, "experts", experts, _("List the experts or institutions."))
    opinions = _text(errors, "opinions", opinions, _("Record the experts' opinions."))
    _raise(errors)
    record = ExpertArgumentation.objects.create(
        decision=decision, held_on=held_on, form=form, experts=experts, opinions=opinions,
        adoption=(adoption or "").strip(),
    )  # fmt: skip
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="expert_record",
           detail={"on": held_on.isoformat(), "form": form})  # fmt: skip
    return record


@transaction.atomic
def risk_record(
    *,
    actor,
    decision: MajorDecision,
    assessed_on: datetime.date,
    assessor: str,
    level: str,
    findings: str,
    measures: str,
) -> RiskAssessment:
    """A risk assessment (arts 22-24): the risk level found and the measures against it."""
    decision = _lock(decision)
    _prepare(actor, decision)
    _preparing(decision)
    assessed_on = act_day(assessed_on)
    errors: dict = {}
    if level not in RiskAssessment.Level.values:
        errors["level"] = _("Choose the risk level.")
    assessor = _text(errors, "assessor", assessor, _("Say who assessed the risks."))
    findings = _text(errors, "findings", findings, _("Record the risks found."))
    measures = _text(errors, "measures", measures, _("Record the measures against the risks."))
    _raise(errors)
    record = RiskAssessment.objects.create(
        decision=decision, assessed_on=assessed_on, assessor=assessor, level=level,
        findings=findings, measures=measures,
    )  # fmt: skip
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="risk_record",
           detail={"on": assessed_on.isoformat(), "level": level})  # fmt: skip
    return record


# ---------------------------------------------------------------------------------------------
# Legality review
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def review_submit(
    *,
    actor,
    decision: MajorDecision,
    on: datetime.date | None = None,
    reviewing_department: Department | None = None,
) -> LegalityReview:
    """Send the draft for legality review on ``on``: the review body is allowed at least 7
    working days (the earliest completion is the 7th working day after ``on``)."""
    decision = _lock(decision)
    _prepare(actor, decision)
    _preparing(decision)
    on = act_day(on)
    if decision.reviews.filter(completed_on__isnull=True).exists():
        raise IllegalTransition(_("The draft is already under legality review."))
    earliest = get_calendar().add_workdays(on, review_min_days()).date
    clock = clocks.clock_start(
        actor=actor, owner=decision, purpose=LEGALITY, day_kind=Clock.DayKind.WORKING,
        started_on=on, limit_days=review_days(),
        legal_basis=_("Legality review of a major decision (art. 26)"),
        division=decision.division, department=reviewing_department,
    )  # fmt: skip
    review = LegalityReview.objects.create(
        decision=decision, submitted_on=on, earliest_on=earliest, due_on=clock.due_date,
        reviewing_department=reviewing_department,
    )  # fmt: skip
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="review_submit",
           detail={"on": on.isoformat(), "earliest": earliest.isoformat(),
                   "due": clock.due_date.isoformat()})  # fmt: skip
    return review


@transaction.atomic
def review_complete(
    *,
    actor,
    decision: MajorDecision,
    conclusion: str,
    legal_bases: str,
    opinion: str = "",
    on: datetime.date | None = None,
) -> LegalityReview:
    """The review body's opinion (lawful, lawful after amendments, unlawful) with its legal
    bases; refused before the 7 working days the review body must be allowed."""
    decision = _lock(decision)
    _require(rules.may_review(actor, decision),
             _("Only the legal-affairs office may complete the legality review."))  # fmt: skip
    on = act_day(on)
    review = decision.reviews.filter(completed_on__isnull=True).first()
    if review is None:
        raise IllegalTransition(_("The draft is not under legality review."))
    errors: dict = {}
    if conclusion not in LegalityReview.Conclusion.values:
        errors["conclusion"] = _("Choose lawful, lawful after amendments or unlawful.")
    legal_bases = _text(errors, "legal_bases", legal_bases, _("Give the legal bases."))
    if conclusion in ("amend", "unlawful") and not (opinion or "").strip():
        errors["opinion"] = _("Say what must change, or why the draft is unlawful.")
    if on < review.earliest_on:
        errors["on"] = _(
            "The review body must be allowed at least %(n)s working days (art. 26): submitted "
            "on %(submitted)s, it can be completed from %(date)s."
        ) % {"n": review_min_days(), "submitted": review.submitted_on.isoformat(),
             "date": review.earliest_on.isoformat()}  # fmt: skip
    _raise(errors)
    review.completed_on, review.conclusion = on, conclusion
    review.legal_bases, review.opinion = legal_bases, (opinion or "").strip()
    review.reviewer = actor
    review.save()
    clock = open_clock(decision, LEGALITY)
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=on)
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="review_complete", reason=review.opinion,
           detail={"on": on.isoformat(), "conclusion": conclusion,
                   "on_time": review.on_time})  # fmt: skip
    return review


# ---------------------------------------------------------------------------------------------
# Collective discussion and adoption
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def discussion_record(
    *,
    actor,
    decision: MajorDecision,
    meeting_kind: str,
    meeting_name: str,
    held_on: datetime.date,
    members_total: int,
    members_present: int,
    outcome: str,
    attendance: str = "",
    minutes: str = "",
) -> CollectiveDiscussion:
    """The executive or plenary meeting that discussed the draft and what was decided there. A
    draft not reviewed, or found unlawful, cannot be put to the meeting (art. 25)."""
    decision = _lock(decision)
    _decide(actor, decision)
    _preparing(decision)
    held_on = act_day(held_on)
    errors: dict = {}
    if meeting_kind not in CollectiveDiscussion.MeetingKind.values:
        errors["meeting_kind"] = _("Choose the executive or the plenary meeting.")
    if outcome not in CollectiveDiscussion.Outcome.values:
        errors["outcome"] = _("Choose what the meeting decided.")
    meeting_name = _text(errors, "meeting_name", meeting_name, _("Name the meeting."))
    if not members_total or members_total < 1:
        errors["members_total"] = _("Give the number of members of the meeting.")
    elif members_present is None or not 0 <= members_present <= members_total:
        errors["members_present"] = _("Members present are between 0 and the members.")
    _raise(errors)
    review = latest_review(decision)
    if review is None or review.completed_on is None or review.conclusion == "unlawful":
        raise DomainError(
            _("A draft not reviewed for legality, or found unlawful, cannot be put to the "
              "meeting (art. 25)."),
            code="review_required",
        )  # fmt: skip
    _not_before(
        "held_on", held_on, review.completed_on, pgettext("major decision", "the legality review")
    )
    record = CollectiveDiscussion.objects.create(
        decision=decision, meeting_kind=meeting_kind, meeting_name=meeting_name,
        held_on=held_on, members_total=members_total, members_present=members_present,
        attendance=(attendance or "").strip(), outcome=outcome, minutes=(minutes or "").strip(),
    )  # fmt: skip
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="discussion_record",
           detail={"on": held_on.isoformat(), "meeting": meeting_name, "outcome": outcome,
                   "present": f"{members_present}/{members_total}"})  # fmt: skip
    return record


@transaction.atomic
def decision_adopt(
    *, actor, decision: MajorDecision, on: datetime.date | None = None
) -> MajorDecision:
    """Adopt the decision: refused, naming every missing step and its legal source at once,
    unless every required step is recorded and valid."""
    decision = _lock(decision)
    _decide(actor, decision)
    on = act_day(on)
    _check_move(decision, S.ADOPTED)
    missing = missing_steps(decision)
    if missing:
        raise StepsMissing(missing)
    _not_before("on", on, latest_discussion(decision).held_on, _("the collective discussion"))
    before = _move(decision, S.ADOPTED)
    decision.adopted_on = on
    decision.save(update_fields=["status", "adopted_on", "updated_at"])
    _audit(decision, actor=actor, action="decision_adopt", before=before,
           detail={"on": on.isoformat(),
                   "steps": [s.code for s in decision.required_steps()]})  # fmt: skip
    return decision


# ---------------------------------------------------------------------------------------------
# After adoption
# ---------------------------------------------------------------------------------------------


def _start_follow_up(actor, decision, on) -> Clock:
    return clocks.clock_start(
        actor=actor, owner=decision, purpose=FOLLOW_UP, day_kind=Clock.DayKind.CALENDAR,
        started_on=on, limit_days=follow_up_days(),
        legal_basis=_("Follow-up of the implementation of a major decision (art. 33)"),
        division=decision.division, department=decision.undertaking_department,
    )  # fmt: skip


@transaction.atomic
def decision_publish(
    *, actor, decision: MajorDecision, channel: str, on: datetime.date | None = None
) -> MajorDecision:
    """Publish the adopted decision (art. 32) on ``on`` through ``channel``; the undertaking
    department's follow-up clock starts."""
    decision = _lock(decision)
    _decide(actor, decision)
    on = act_day(on)
    errors: dict = {}
    channel = _text(errors, "channel", channel, _("Say where the decision was published."))
    _raise(errors)
    _not_before("on", on, decision.adopted_on, _("the adoption"))
    before = _move(decision, S.PUBLISHED)
    decision.published_on, decision.publication_channel = on, channel
    decision.save(update_fields=["status", "published_on", "publication_channel", "updated_at"])
    clock = _start_follow_up(actor, decision, on)
    _audit(decision, actor=actor, action="decision_publish", before=before,
           detail={"on": on.isoformat(), "channel": channel,
                   "report_by": clock.due_date.isoformat()})  # fmt: skip
    return decision


@transaction.atomic
def report_record(
    *,
    actor,
    decision: MajorDecision,
    progress: str,
    problems: str = "",
    on: datetime.date | None = None,
) -> ImplementationReport:
    """The undertaking department reports on the implementation; the next report is due
    ``ZHENGWU_DECISION_FOLLOW_UP_DAYS`` later."""
    decision = _lock(decision)
    _prepare(actor, decision)
    on = act_day(on)
    if decision.status not in (S.PUBLISHED, S.SUSPENDED):
        raise IllegalTransition(_("Only a published decision in implementation is reported on."))
    errors: dict = {}
    progress = _text(errors, "progress", progress, _("Describe the implementation."))
    _raise(errors)
    _not_before("on", on, decision.published_on, _("the publication"))
    report = ImplementationReport.objects.create(
        decision=decision, reported_on=on, progress=progress, problems=(problems or "").strip(),
        reported_by=actor,
    )  # fmt: skip
    clock = open_clock(decision, FOLLOW_UP)
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=on)
    _start_follow_up(actor, decision, on)
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="report_record", reason=progress,
           detail={"on": on.isoformat()})  # fmt: skip
    return report


@transaction.atomic
def evaluation_record(
    *,
    actor,
    decision: MajorDecision,
    evaluator: str,
    conclusion: str,
    recommendation: str,
    third_party: bool = False,
    public_opinion: bool = False,
    on: datetime.date | None = None,
) -> Evaluation:
    """A post-decision evaluation (arts 35-37) of a published decision."""
    decision = _lock(decision)
    _decide(actor, decision)
    on = act_day(on)
    if decision.published_on is None:
        raise IllegalTransition(_("Only a published decision can be evaluated."))
    errors: dict = {}
    evaluator = _text(errors, "evaluator", evaluator, _("Say who evaluated the decision."))
    conclusion = _text(
        errors, "conclusion", conclusion, pgettext("major decision", "Record the conclusion.")
    )
    if recommendation not in Evaluation.Recommendation.values:
        errors["recommendation"] = _("Choose the recommendation.")
    _raise(errors)
    _not_before("on", on, decision.published_on, _("the publication"))
    record = Evaluation.objects.create(
        decision=decision, evaluated_on=on, evaluator=evaluator, third_party=bool(third_party),
        public_opinion=bool(public_opinion), conclusion=conclusion,
        recommendation=recommendation,
    )  # fmt: skip
    decision.save(update_fields=["updated_at"])
    _audit(decision, actor=actor, action="evaluation_record", reason=conclusion,
           detail={"on": on.isoformat(), "recommendation": recommendation})  # fmt: skip
    return record


_CHANGE_TO = {
    ImplementationChange.Kind.SUSPEND: S.SUSPENDED,
    ImplementationChange.Kind.RESUME: S.PUBLISHED,
    ImplementationChange.Kind.STOP: S.STOPPED,
    ImplementationChange.Kind.COMPLETE: S.COMPLETED,
}


@transaction.atomic
def implementation_change(
    *, actor, decision: MajorDecision, kind: str, reason: str, on: datetime.date | None = None
) -> ImplementationChange:
    """The decision body suspends, resumes, changes or stops the implementation (arts 38-39),
    with its reason, or records it completed. A change keeps the decision in implementation; a
    stop or the completion ends the follow-up."""
    decision = _lock(decision)
    _decide(actor, decision)
    on = act_day(on)
    errors: dict = {}
    if kind not in ImplementationChange.Kind.values:
        errors["kind"] = _("Choose suspend, resume, change, stop or completed.")
    reason = _text(errors, "reason", reason, _("Give the reason."))
    _raise(errors)
    before = decision.status
    if kind == ImplementationChange.Kind.CHANGE:
        if decision.status not in (S.PUBLISHED, S.SUSPENDED):
            raise IllegalTransition(_("Only a decision in implementation can be changed."))
    else:
        _move(decision, _CHANGE_TO[kind])
    _not_before("on", on, decision.published_on, _("the publication"))
    if kind in (ImplementationChange.Kind.STOP, ImplementationChange.Kind.COMPLETE):
        decision.ended_on = on
        clock = open_clock(decision, FOLLOW_UP)
        if clock is not None:
            clocks.clock_complete(actor=actor, clock=clock, on=on)
    decision.save(update_fields=["status", "ended_on", "updated_at"])
    change = ImplementationChange.objects.create(
        decision=decision, kind=kind, decided_on=on, reason=reason, decided_by=actor
    )
    _audit(decision, actor=actor, action=f"implementation_{kind}",
           before=before if decision.status != before else "", reason=reason,
           detail={"on": on.isoformat(), "kind": kind})  # fmt: skip
    return change

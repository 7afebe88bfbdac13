"""Every change to the proposals register. Each service locks the proposal it changes, checks
the move against ``TRANSITIONS`` and writes one audit event in its transaction (the clocks it
starts and stops write their own).

The clocks (``workdays.Clock``, watched by e-supervision's generic near-due and overdue rules):

- ``proposals.reply`` on the proposal, the lead department's: the reply within
  ``ZHENGWU_PROPOSAL_REPLY_MONTHS`` (3) months of the assignment, a CALENDAR clock whose limit is
  the days to the same date 3 months on (see ``deadlines``); a re-handling starts a new one of
  ``ZHENGWU_PROPOSAL_REHANDLE_MONTHS`` (1); a reassignment of the lead restarts it from the
  reassignment;
- ``proposals.cohandling`` on each co-handling assignment: the opinion to the lead within
  ``ZHENGWU_PROPOSAL_COHANDLING_DAYS`` (30) calendar days.

The lead may reply once every co-handler has sent its opinion or its period has run out (a
late co-handler does not hold the proposer's answer hostage; supervision warns it), and not
while its own request to be relieved is pending.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.org.models import Department
from zhengwu.proposals import deadlines, rules
from zhengwu.proposals.models import (
    TRANSITIONS,
    Assignment,
    Classification,
    Feedback,
    Kind,
    Proposal,
    Proposer,
    Reply,
    Satisfaction,
    Session,
    Status,
    Subject,
)
from zhengwu.workdays import services as clocks
from zhengwu.workdays.models import Clock

S = Status
A = Assignment

REPLY = "proposals.reply"
COHANDLING = "proposals.cohandling"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("division", "session", "lead_department")
        .get(pk=proposal.pk)
    )


def _lock_assignment(assignment: Assignment) -> tuple[Assignment, Proposal]:
    proposal = _lock(assignment.proposal)
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=assignment.pk)
    )
    return assignment, proposal


def _move(proposal: Proposal, to: str) -> str:
    before = proposal.status
    if to not in TRANSITIONS[S(before)]:
        raise IllegalTransition(
            _("The proposal is “%(state)s” and cannot become “%(to)s”.")
            % {"state": proposal.get_status_display(), "to": S(to).label}
        )
    proposal.status = to
    return before


def _audit(proposal, *, actor, action: str, before="", to=None, reason="", detail=None, obj=None):
    audit_record(
        actor=actor,
        action=action,
        obj=obj or proposal,
        from_state=before,
        to_state=(proposal.status if to is None else to) if before else "",
        reason=reason,
        detail={"proposal": proposal.pk, "number": proposal.number_label,
                "title": proposal.title[:80], **(detail or {})},
        division=proposal.division,
    )  # fmt: skip


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise NotPermitted(message)


def _office(actor, division) -> None:
    _require(
        rules.is_office_of(actor, division),
        _("Only the office that runs the proposals register may do this."),
    )


def _not_before(day: datetime.date, earliest: datetime.date | None, what, field="on") -> None:
    if earliest is not None and day < earliest:
        raise ValidationError(
            {
                field: pgettext("proposal", "This cannot be dated before %(what)s (%(date)s).")
                % {"what": what, "date": earliest.isoformat()}
            }
        )


def _clock(owner, purpose: str) -> Clock | None:
    return (
        Clock.objects.filter(
            owner_type=owner._meta.label_lower, owner_id=str(owner.pk), purpose=purpose
        )
        .exclude(status=Clock.Status.COMPLETED)
        .first()
    )


def _stop(actor, owner, purpose: str, on: datetime.date) -> None:
    clock = _clock(owner, purpose)
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=max(on, clock.started_on))


def _county_department(department: Department, division, field: str) -> Department:
    if department is None or (department.division.county or department.division) != division:
        raise ValidationError({field: _("Choose a department of the county.")})
    if not department.is_active:
        raise ValidationError({field: _("This department is no longer active.")})
    return department


def _start_reply_clock(actor, proposal: Proposal, on: datetime.date, months: int) -> Clock:
    clock = clocks.clock_start(
        actor=actor, owner=proposal, purpose=REPLY, day_kind=Clock.DayKind.CALENDAR,
        started_on=on, limit_days=deadlines.months_in_days(on, months),
        legal_basis=_("Reply to a deputy's suggestion or a CPPCC proposal within "
                      "%(n)s month(s) of its assignment") % {"n": months},
        division=proposal.division, department=proposal.lead_department,
    )  # fmt: skip
    proposal.reply_due_on = clock.due_date
    return clock


def _new_assignment(actor, proposal, department, role, on) -> Assignment:
    assignment = Assignment(
        proposal=proposal, department=department, role=role, assigned_on=on,
        decline_until=deadlines.decline_until(on),
    )  # fmt: skip
    if role == A.Role.CO:
        assignment.opinion_due_on = on  # replaced by the clock's due date below
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        raise ValidationError(
            {"department": _("%(dep)s already handles this proposal.") % {"dep": department}}
        ) from None
    if role == A.Role.CO:
        clock = clocks.clock_start(
            actor=actor, owner=assignment, purpose=COHANDLING, day_kind=Clock.DayKind.CALENDAR,
            started_on=on, limit_days=deadlines.cohandling_days(),
            legal_basis=_("Co-handling opinion to the lead department"),
            division=proposal.division, department=department,
        )  # fmt: skip
        assignment.opinion_due_on = clock.due_date
        assignment.save(update_fields=["opinion_due_on"])
    return assignment


# ---------------------------------------------------------------------------------------------
# Sessions and registration
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *, actor, division, kind: str, name: str, year: int, opened_on: datetime.date
) -> Session:
    _office(actor, division)
    errors = {}
    if kind not in Kind.values:
        errors["kind"] = _("Choose a deputy's suggestion or a CPPCC proposal.")
    if not (name or "").strip():
        errors["name"] = _("Give the name of the session.")
    if opened_on is not None and opened_on.year != year:
        errors["opened_on"] = _("The session opens in its own year.")
    if Session.objects.filter(division=division, kind=kind, name=(name or "").strip()).exists():
        errors["name"] = _("This session is already recorded.")
    if errors:
        raise ValidationError(errors)
    session = Session.objects.create(
        division=division, kind=kind, name=name.strip(), year=year, opened_on=opened_on
    )
    audit_record(actor=actor, action="session_create", obj=session, division=division,
                 detail={"kind": kind, "name": session.name, "year": year})  # fmt: skip
    return session


def _clean_proposers(proposers) -> list[tuple[str, str, bool]]:
    rows = []
    for item in proposers or []:
        name, group, is_lead = ([*list(item), "", False])[:3]
        name = (name or "").strip()
        if name:
            rows.append((name, (group or "").strip(), bool(is_lead)))
    if not rows:
        raise ValidationError({"proposers": _("Give at least one proposer.")})
    leads = sum(1 for r in rows if r[2])
    if leads > 1:
        raise ValidationError({"proposers": _("Only one proposer leads.")})
    if leads == 0:  # the first named leads
        rows[0] = (rows[0][0], rows[0][1], True)
    return rows


@transaction.atomic
def proposal_register(
    *,
    actor,
    session: Session,
    title: str,
    content: str,
    proposers,
    number: int | None = None,
    subjects: list[str] | None = None,
    on: datetime.date | None = None,
) -> Proposal:
    """Register a proposal of ``session`` under ``number`` (the next free one when not given);
    ``proposers`` are (name, delegation or sector, leads) rows, the first leading by default."""
    _office(actor, session.division)
    on = act_day(on)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the title.")
    if not (content or "").strip():
        errors["content"] = _("Give the content.")
    unknown = [s for s in subjects or [] if s not in Subject.values]
    if unknown:
        errors["subjects"] = _("Unknown subject: %(s)s") % {"s": "、".join(unknown)}
    if number is not None and number < 1:
        errors["number"] = _("The number is a positive whole number.")
    if on < session.opened_on:
        errors["on"] = _("A proposal is registered on or after the opening of its session.")
    if errors:
        raise ValidationError(errors)
    rows = _clean_proposers(proposers)
    taken = Proposal.objects.filter(kind=session.kind, session=session)
    if number is None:
        number = (taken.aggregate(m=Max("number"))["m"] or 0) + 1
    elif taken.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Number %(n)s of this session is already registered.") % {"n": number}}
        )
    try:
        with transaction.atomic():  # a number taken meanwhile by another clerk
            proposal = Proposal.objects.create(
                division=session.division, kind=session.kind, session=session, number=number,
                title=title.strip(), content=content, registered_on=on,
                subjects=list(subjects or []),
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(
            {"number": _("Number %(n)s of this session is already registered.") % {"n": number}}
        ) from None
    Proposer.objects.bulk_create([
        Proposer(proposal=proposal, name=name, group=group, is_lead=lead, position=i)
        for i, (name, group, lead) in enumerate(rows)
    ])  # fmt: skip
    _audit(proposal, actor=actor, action="proposal_register",
           detail={"status": proposal.status, "on": on.isoformat(), "kind": proposal.kind,
                   "proposers": [r[0] for r in rows]})  # fmt: skip
    return proposal


# ---------------------------------------------------------------------------------------------
# Assignment, declining and reassignment
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def proposal_assign(
    *,
    actor,
    proposal: Proposal,
    lead: Department,
    co_handlers: list[Department] | None = None,
    on: datetime.date | None = None,
) -> Proposal:
    """Assign (交办) to a lead department and co-handlers; the reply clock starts."""
    proposal = _lock(proposal)
    _office(actor, proposal.division)
    on = act_day(on)
    _not_before(on, proposal.registered_on, _("the registration"))
    before = _move(proposal, S.ASSIGNED)
    lead = _county_department(lead, proposal.division, "lead")
    co_handlers = [
        _county_department(d, proposal.division, "co_handlers") for d in co_handlers or []
    ]
    if lead in co_handlers or len(set(co_handlers)) != len(co_handlers):
        raise ValidationError(
            {"co_handlers": _("A department is either the lead or a co-handler, once.")}
        )
    proposal.lead_department, proposal.assigned_on, proposal.round = lead, on, 1
    _start_reply_clock(actor, proposal, on, deadlines.reply_months())
    proposal.save()
    _new_assignment(actor, proposal, lead, A.Role.LEAD, on)
    for department in co_handlers:
        _new_assignment(actor, proposal, department, A.Role.CO, on)
    _audit(proposal, actor=actor, action="proposal_assign", before=before,
           detail={"on": on.isoformat(), "lead": lead.name,
                   "co_handlers": [d.name for d in co_handlers],
                   "reply_due_on": proposal.reply_due_on.isoformat()})  # fmt: skip
    return proposal


@transaction.atomic
def assignment_decline(
    *, actor, assignment: Assignment, reason: str, on: datetime.date | None = None
) -> Assignment:
    """The department's head asks to be relieved (the proposal is not its business), within
    ``ZHENGWU_PROPOSAL_DECLINE_WORKDAYS`` working days of the assignment."""
    assignment, proposal = _lock_assignment(assignment)
    _require(rules.may_decline(actor, assignment),
             _("Only the head of the assigned department may decline it."))  # fmt: skip
    on = act_day(on)
    if assignment.status != A.Status.ACTIVE or proposal.status != S.ASSIGNED:
        raise IllegalTransition(_("Only an assignment being handled can be declined."))
    if assignment.decline_note and assignment.decline_decided_on:
        raise IllegalTransition(_("The office has already decided on a decline of this."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    _not_before(on, assignment.assigned_on, _("the assignment"))
    if on > assignment.decline_until:
        raise DomainError(
            _("A department may decline within %(n)s working days of the assignment, until "
              "%(date)s.") % {"n": deadlines.decline_workdays(),
                              "date": assignment.decline_until.isoformat()},
            code="decline_window_passed",
        )  # fmt: skip
    assignment.status = A.Status.DECLINED
    assignment.declined_on, assignment.decline_reason = on, reason.strip()
    assignment.save(update_fields=["status", "declined_on", "decline_reason"])
    _audit(proposal, actor=actor, action="assignment_decline", before=A.Status.ACTIVE,
           to=A.Status.DECLINED, reason=reason, obj=assignment,
           detail={"on": on.isoformat(), "department": assignment.department.name,
                   "role": assignment.role})  # fmt: skip
    return assignment


@transaction.atomic
def assignment_reassign(
    *,
    actor,
    assignment: Assignment,
    department: Department,
    note: str = "",
    on: datetime.date | None = None,
) -> Assignment:
    """The office accepts a decline and gives the proposal's part to ``department``
    (交办单位调整): the old assignment ends, the new one starts on ``on`` with its own clock
    (the lead's reply clock restarts from the reassignment)."""
    assignment, proposal = _lock_assignment(assignment)
    _office(actor, proposal.division)
    on = act_day(on)
    if assignment.status != A.Status.DECLINED:
        raise IllegalTransition(_("Only a declined assignment can be reassigned."))
    _not_before(on, assignment.declined_on, _("the decline"))
    department = _county_department(department, proposal.division, "department")
    if department.pk == assignment.department_id:
        raise ValidationError({"department": _("Choose another department.")})
    assignment.status = A.Status.REASSIGNED
    assignment.decline_decided_on, assignment.decline_note = on, note or ""
    assignment.save(update_fields=["status", "decline_decided_on", "decline_note"])
    if assignment.role == A.Role.LEAD:
        _stop(actor, proposal, REPLY, on)
        proposal.lead_department, proposal.assigned_on = department, on
        months = deadlines.reply_months() if proposal.round == 1 else deadlines.rehandle_months()
        _start_reply_clock(actor, proposal, on, months)
        proposal.save(update_fields=["lead_department", "assigned_on", "reply_due_on",
                                     "updated_at"])  # fmt: skip
    else:
        _stop(actor, assignment, COHANDLING, on)
    new = _new_assignment(actor, proposal, department, assignment.role, on)
    assignment.replaced_by = new
    assignment.save(update_fields=["replaced_by"])
    _audit(proposal, actor=actor, action="assignment_reassign", before=A.Status.DECLINED,
           to=A.Status.REASSIGNED, reason=note, obj=assignment,
           detail={"on": on.isoformat(), "from": assignment.department.name,
                   "to": department.name, "role": assignment.role, "new": new.pk,
                   "reply_due_on": proposal.reply_due_on.isoformat()})  # fmt: skip
    return new


@transaction.atomic
def assignment_keep(
    *, actor, assignment: Assignment, note: str, on: datetime.date | None = None
) -> Assignment:
    """The office refuses a decline: the department keeps handling the proposal (its clocks
    ran on meanwhile)."""
    assignment, proposal = _lock_assignment(assignment)
    _office(actor, proposal.division)
    on = act_day(on)
    if assignment.status != A.Status.DECLINED:
        raise IllegalTransition(_("Only a declined assignment can be kept."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Give the reason the department keeps it.")})
    _not_before(on, assignment.declined_on, _("the decline"))
    assignment.status = A.Status.ACTIVE
    assignment.decline_decided_on, assignment.decline_note = on, note.strip()
    assignment.save(update_fields=["status", "decline_decided_on", "decline_note"])
    _audit(proposal, actor=actor, action="assignment_keep", before=A.Status.DECLINED,
           to=A.Status.ACTIVE, reason=note, obj=assignment,
           detail={"on": on.isoformat(), "department": assignment.department.name})  # fmt: skip
    return assignment


@transaction.atomic
def assignment_give_opinion(
    *, actor, assignment: Assignment, text: str, on: datetime.date | None = None
) -> Assignment:
    """A co-handler sends its opinion to the lead department; its clock stops."""
    assignment, proposal = _lock_assignment(assignment)
    _require(rules.may_give_opinion(actor, assignment),
             _("Only the co-handling department may send its opinion."))  # fmt: skip
    on = act_day(on)
    if assignment.role != A.Role.CO:
        raise IllegalTransition(_("Only a co-handling department sends an opinion to the lead."))
    if assignment.status == A.Status.REASSIGNED or assignment.opinion_on is not None:
        raise IllegalTransition(_("This opinion has already been sent or is no longer due."))
    if proposal.status != S.ASSIGNED:
        raise IllegalTransition(_("The proposal is no longer being handled."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Give the opinion.")})
    _not_before(on, assignment.assigned_on, _("the assignment"))
    assignment.opinion, assignment.opinion_on, assignment.opinion_by = text.strip(), on, actor
    assignment.save(update_fields=["opinion", "opinion_on", "opinion_by"])
    _stop(actor, assignment, COHANDLING, on)
    _audit(proposal, actor=actor, action="assignment_give_opinion", obj=assignment,
           detail={"on": on.isoformat(), "department": assignment.department.name,
                   "due_on": assignment.opinion_due_on.isoformat(),
                   "on_time": on <= assignment.opinion_due_on})  # fmt: skip
    return assignment


# ---------------------------------------------------------------------------------------------
# Reply, feedback, re-handling, closing, publication
# ---------------------------------------------------------------------------------------------


def heads_of(department: Department):
    from zhengwu.org.models import User

    return User.objects.filter(
        department=department, is_active=True, kind=User.Kind.STAFF,
        groups__name="department_head",
    ).order_by("pk")  # fmt: skip


@transaction.atomic
def proposal_reply(
    *,
    actor,
    proposal: Proposal,
    classification: str,
    text: str,
    signed_by=None,
    upload=None,
    on: datetime.date | None = None,
) -> Reply:
    """The lead department answers the proposer, signed by its head (the actor when a head and
    ``signed_by`` is not given); the reply clock stops."""
    from zhengwu.cases.uploads import check_upload

    proposal = _lock(proposal)
    _require(rules.may_reply(actor, proposal),
             _("Only the lead department may reply."))  # fmt: skip
    on = act_day(on)
    before = _move(proposal, S.REPLIED)
    errors = {}
    if classification not in Classification.values:
        errors["classification"] = _("Classify the reply A, B or C.")
    if not (text or "").strip():
        errors["text"] = _("Give the text of the reply.")
    signer = signed_by or actor
    if not rules.is_head_of(signer, proposal.lead_department):
        errors["signed_by"] = _("The reply is signed by the head of the lead department.")
    if errors:
        raise ValidationError(errors)
    _not_before(on, proposal.assigned_on, _("the assignment"))
    assignments = list(proposal.assignments.exclude(status=A.Status.REASSIGNED))
    if any(a.role == A.Role.LEAD and a.status == A.Status.DECLINED for a in assignments):
        raise DomainError(
            _("The lead department has asked to be relieved: the office decides first."),
            code="decline_pending",
        )
    waiting = [a.department.name for a in assignments
               if a.opinion_pending and a.opinion_due_on >= on]  # fmt: skip
    if proposal.round == 1 and waiting:
        raise DomainError(
            _("Waiting for the co-handling opinion of %(deps)s (due by its deadline).")
            % {"deps": "、".join(waiting)},
            code="cohandling_pending",
        )
    reply = Reply(
        proposal=proposal, round=proposal.round, department=proposal.lead_department,
        classification=classification, text=text.strip(), replied_on=on,
        due_on=proposal.reply_due_on, signed_by=signer, recorded_by=actor,
    )  # fmt: skip
    detail = {}
    if upload is not None:
        checked = check_upload(upload)
        reply.file_name = checked.name
        reply.file.save(checked.name, upload, save=False)
        detail = {"file": checked.name, "sha256": checked.sha256}
    reply.save()
    proposal.replied_on, proposal.classification = on, classification
    if proposal.round == 1:
        proposal.first_reply_on_time = reply.on_time
    proposal.save()
    _stop(actor, proposal, REPLY, on)
    _audit(proposal, actor=actor, action="proposal_reply", before=before,
           detail={"on": on.isoformat(), "classification": classification,
                   "round": proposal.round, "due_on": reply.due_on.isoformat(),
                   "on_time": reply.on_time, "signed_by": str(signer), **detail})  # fmt: skip
    return reply


@transaction.atomic
def proposal_record_feedback(
    *,
    actor,
    proposal: Proposal,
    satisfaction: str,
    comment: str = "",
    on: datetime.date | None = None,
) -> Feedback:
    """The proposer's evaluation of the latest reply: satisfied or basically satisfied closes
    the proposal; not satisfied opens the way to a re-handling."""
    proposal = _lock(proposal)
    _office(actor, proposal.division)
    on = act_day(on)
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose satisfied, basically satisfied or "
                                                 "not satisfied.")})  # fmt: skip
    to = S.UNSATISFIED if satisfaction == Satisfaction.UNSATISFIED else S.CLOSED
    before = _move(proposal, to)
    reply = proposal.replies.get(round=proposal.round)
    _not_before(on, reply.replied_on, _("the reply"))
    feedback = Feedback.objects.create(
        reply=reply, satisfaction=satisfaction, comment=comment or "", received_on=on,
        recorded_by=actor,
    )  # fmt: skip
    proposal.satisfaction, proposal.feedback_on = satisfaction, on
    if to == S.CLOSED:
        proposal.closed_on = on
    proposal.save()
    _audit(proposal, actor=actor, action="proposal_record_feedback", before=before,
           reason=comment, detail={"on": on.isoformat(), "satisfaction": satisfaction,
                                   "round": reply.round})  # fmt: skip
    return feedback


@transaction.atomic
def proposal_rehandle(
    *, actor, proposal: Proposal, note: str = "", on: datetime.date | None = None
) -> Proposal:
    """Handle an unsatisfactorily answered proposal again (重新办理): a new round, a new reply
    clock of ``ZHENGWU_PROPOSAL_REHANDLE_MONTHS`` months, the same lead department."""
    proposal = _lock(proposal)
    _office(actor, proposal.division)
    on = act_day(on)
    _not_before(on, proposal.replied_on, _("the reply"))
    before = _move(proposal, S.ASSIGNED)
    proposal.round += 1
    _start_reply_clock(actor, proposal, on, deadlines.rehandle_months())
    proposal.save()
    _audit(proposal, actor=actor, action="proposal_rehandle", before=before, reason=note,
           detail={"on": on.isoformat(), "round": proposal.round,
                   "reply_due_on": proposal.reply_due_on.isoformat()})  # fmt: skip
    return proposal


@transaction.atomic
def proposal_close(
    *, actor, proposal: Proposal, note: str, on: datetime.date | None = None
) -> Proposal:
    """Close a replied proposal without (further) feedback, or an unsatisfied one the office
    will not have handled again — with the reason."""
    proposal = _lock(proposal)
    _office(actor, proposal.division)
    on = act_day(on)
    if not (note or "").strip():
        raise ValidationError({"note": _("Give the reason for closing.")})
    before = _move(proposal, S.CLOSED)
    _not_before(on, proposal.replied_on, _("the reply"))
    proposal.closed_on, proposal.close_note = on, note.strip()
    proposal.save()
    _audit(proposal, actor=actor, action="proposal_close", before=before, reason=note,
           detail={"on": on.isoformat()})  # fmt: skip
    return proposal


@transaction.atomic
def proposal_publish_reply(*, actor, proposal: Proposal, on: datetime.date | None = None) -> Reply:
    """The office approves the publication of the latest reply on the portal (the proposers'
    names only, nothing else about them)."""
    proposal = _lock(proposal)
    _office(actor, proposal.division)
    on = act_day(on)
    reply = proposal.replies.filter(round=proposal.round).first()
    if reply is None or proposal.status == S.ASSIGNED:
        raise IllegalTransition(_("Only a reply can be published."))
    if reply.published_on is not None:
        raise IllegalTransition(_("The reply is already published."))
    _not_before(on, reply.replied_on, _("the reply"))
    reply.published_on = on
    reply.save(update_fields=["published_on"])
    _audit(proposal, actor=actor, action="proposal_publish_reply",
           detail={"on": on.isoformat(), "round": reply.round})  # fmt: skip
    return reply

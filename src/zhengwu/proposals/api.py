"""The JSON API of the proposals register (mounted by ``zhengwu.api`` at ``/api/proposals/``).

Public, without sign-in: the published replies (the proposers' names only). For staff: the
proposals they may see (``proposals_visible_to``; one they may not see is a 404), filtered as
the register page filters, with assignments, replies, feedback and clocks; the annual figures;
and the services — register, assign, decline, reassign or keep, the co-handling opinion, the
reply (its file is uploaded on the page), feedback, re-handling, closing, publication. Their
refusals come back as ``code``/``message`` through the handlers of ``zhengwu.api``.
"""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from zhengwu.common.errors import NotPermitted
from zhengwu.org.models import Department
from zhengwu.org.selectors import home_county
from zhengwu.proposals import rules, selectors, services
from zhengwu.proposals.figures import annual_figures
from zhengwu.proposals.models import Assignment, Proposal, Session

router = Router(tags=["proposals"])


def _staff(request):
    user = request.user
    if not user.has_perm("proposals.view_register") or rules.county_of(user) is None:
        raise NotPermitted()
    return user


class ProposalsFilters(Schema):
    kind: str = ""
    session: int | None = None
    year: int | None = None
    department: int | None = None
    status: str = ""
    classification: str = ""
    satisfaction: str = ""
    q: str = ""
    overdue: bool = False
    limit: int = 50
    offset: int = 0


class ProposalsProposerOut(Schema):
    name: str
    group: str
    is_lead: bool


class ProposalsAssignmentOut(Schema):
    id: int
    department: str
    role: str
    status: str
    assigned_on: date
    decline_until: date
    declined_on: date | None
    decline_reason: str
    opinion_due_on: date | None
    opinion_on: date | None
    opinion: str


class ProposalsReplyOut(Schema):
    round: int
    department: str
    classification: str
    text: str
    replied_on: date
    due_on: date
    on_time: bool
    signed_by: str
    published_on: date | None
    satisfaction: str | None


class ProposalsClockOut(Schema):
    purpose: str
    department: str | None
    started_on: date
    due_date: date
    status: str
    completed_on: date | None


class ProposalsProposalOut(Schema):
    id: int
    kind: str
    session: str
    year: int
    number: int
    number_label: str
    title: str
    status: str
    status_label: str
    lead_department: str | None
    assigned_on: date | None
    reply_due_on: date | None
    replied_on: date | None
    classification: str
    satisfaction: str
    proposers: list[ProposalsProposerOut]


class ProposalsProposalDetailOut(ProposalsProposalOut):
    content: str
    subjects: list[str]
    round: int
    assignments: list[ProposalsAssignmentOut]
    replies: list[ProposalsReplyOut]
    clocks: list[ProposalsClockOut]


def _out(p: Proposal) -> dict:
    return {
        "id": p.pk, "kind": p.kind, "session": p.session.name, "year": p.session.year,
        "number": p.number, "number_label": p.number_label, "title": p.title,
        "status": p.status, "status_label": str(p.get_status_display()),
        "lead_department": p.lead_department.name if p.lead_department else None,
        "assigned_on": p.assigned_on, "reply_due_on": p.reply_due_on,
        "replied_on": p.replied_on, "classification": p.classification,
        "satisfaction": p.satisfaction,
        "proposers": [{"name": x.name, "group": x.group, "is_lead": x.is_lead}
                      for x in p.proposers.all()],
    }  # fmt: skip


def _detail(p: Proposal) -> dict:
    replies = []
    for r in p.replies.select_related("department", "signed_by").order_by("round"):
        feedback = getattr(r, "feedback", None)
        replies.append({
            "round": r.round, "department": r.department.name,
            "classification": r.classification, "text": r.text, "replied_on": r.replied_on,
            "due_on": r.due_on, "on_time": r.on_time, "signed_by": str(r.signed_by),
            "published_on": r.published_on,
            "satisfaction": feedback.satisfaction if feedback else None,
        })  # fmt: skip
    return {
        **_out(p), "content": p.content, "subjects": p.subjects, "round": p.round,
        "assignments": [{
            "id": a.pk, "department": a.department.name, "role": a.role, "status": a.status,
            "assigned_on": a.assigned_on, "decline_until": a.decline_until,
            "declined_on": a.declined_on, "decline_reason": a.decline_reason,
            "opinion_due_on": a.opinion_due_on, "opinion_on": a.opinion_on,
            "opinion": a.opinion,
        } for a in p.assignments.select_related("department").order_by("role", "pk")],
        "replies": replies,
        "clocks": [{
            "purpose": c.purpose, "department": c.department.name if c.department else None,
            "started_on": c.started_on, "due_date": c.due_date, "status": c.status,
            "completed_on": c.completed_on,
        } for c in selectors.proposal_clocks(p)],
    }  # fmt: skip


def _proposal(request, pk: int) -> Proposal:
    return get_object_or_404(selectors.proposals_visible_to(_staff(request)), pk=pk)


@router.get("/proposals", response=list[ProposalsProposalOut], summary="The register")
def proposal_list(request, filters: Query[ProposalsFilters]):
    params = {k: "" if v is None else str(v) for k, v in filters.dict().items()}
    params["overdue"] = "1" if filters.overdue else ""
    rows, _f = selectors.filtered(selectors.proposals_visible_to(_staff(request)), params)
    limit = max(1, min(filters.limit, 200))
    rows = rows.prefetch_related("proposers").order_by("-session__year", "kind", "number", "pk")
    return [_out(p) for p in rows[max(filters.offset, 0) : max(filters.offset, 0) + limit]]


@router.get("/proposals/{pk}", response=ProposalsProposalDetailOut, summary="A proposal")
def proposal_detail(request, pk: int):
    return _detail(_proposal(request, pk))


class ProposalsRegisterIn(Schema):
    session: int
    title: str
    content: str
    proposers: list[ProposalsProposerOut]
    number: int | None = None
    subjects: list[str] = []
    on: date | None = None


@router.post("/proposals", response={201: ProposalsProposalDetailOut}, summary="Register")
def proposal_create(request, payload: ProposalsRegisterIn):
    user = _staff(request)
    session = get_object_or_404(Session, pk=payload.session, division=rules.county_of(user))
    proposal = services.proposal_register(
        actor=user, session=session, title=payload.title, content=payload.content,
        proposers=[(x.name, x.group, x.is_lead) for x in payload.proposers],
        number=payload.number, subjects=payload.subjects, on=payload.on,
    )  # fmt: skip
    return Status(201, _detail(proposal))


class ProposalsDayIn(Schema):
    on: date | None = None


class ProposalsAssignIn(ProposalsDayIn):
    lead: int
    co_handlers: list[int] = []


class ProposalsTextIn(ProposalsDayIn):
    text: str


class ProposalsNoteIn(ProposalsDayIn):
    note: str = ""


class ProposalsReassignIn(ProposalsNoteIn):
    department: int


class ProposalsReplyIn(ProposalsDayIn):
    classification: str
    text: str
    signed_by: int | None = None


class ProposalsFeedbackIn(ProposalsDayIn):
    satisfaction: str
    comment: str = ""


def _department(user, pk: int) -> Department:
    return get_object_or_404(Department, pk=pk, division=rules.county_of(user))


def _act(request, pk: int, call) -> dict:
    proposal = _proposal(request, pk)
    call(request.user, proposal)
    return _detail(_proposal(request, pk))


@router.post("/proposals/{pk}/assign", response=ProposalsProposalDetailOut)
def proposal_assign(request, pk: int, payload: ProposalsAssignIn):
    def call(user, p):
        services.proposal_assign(
            actor=user, proposal=p, lead=_department(user, payload.lead),
            co_handlers=[_department(user, d) for d in payload.co_handlers], on=payload.on,
        )  # fmt: skip

    return _act(request, pk, call)


def _assignment(request, pk: int) -> Assignment:
    visible = selectors.proposals_visible_to(_staff(request))
    return get_object_or_404(Assignment.objects.filter(proposal__in=visible), pk=pk)


@router.post("/assignments/{pk}/decline", response=ProposalsAssignmentOut)
def assignment_decline(request, pk: int, payload: ProposalsTextIn):
    a = services.assignment_decline(actor=request.user, assignment=_assignment(request, pk),
                                    reason=payload.text, on=payload.on)  # fmt: skip
    return _assignment_out(a)


@router.post("/assignments/{pk}/reassign", response=ProposalsAssignmentOut)
def assignment_reassign(request, pk: int, payload: ProposalsReassignIn):
    a = services.assignment_reassign(
        actor=request.user, assignment=_assignment(request, pk),
        department=_department(request.user, payload.department), note=payload.note,
        on=payload.on,
    )  # fmt: skip
    return _assignment_out(a)


@router.post("/assignments/{pk}/keep", response=ProposalsAssignmentOut)
def assignment_keep(request, pk: int, payload: ProposalsNoteIn):
    a = services.assignment_keep(actor=request.user, assignment=_assignment(request, pk),
                                 note=payload.note, on=payload.on)  # fmt: skip
    return _assignment_out(a)


@router.post("/assignments/{pk}/opinion", response=ProposalsAssignmentOut)
def assignment_opinion(request, pk: int, payload: ProposalsTextIn):
    a = services.assignment_give_opinion(actor=request.user, assignment=_assignment(request, pk),
                                         text=payload.text, on=payload.on)  # fmt: skip
    return _assignment_out(a)


def _assignment_out(a: Assignment) -> dict:
    a = Assignment.objects.select_related("department").get(pk=a.pk)
    return {
        "id": a.pk, "department": a.department.name, "role": a.role, "status": a.status,
        "assigned_on": a.assigned_on, "decline_until": a.decline_until,
        "declined_on": a.declined_on, "decline_reason": a.decline_reason,
        "opinion_due_on": a.opinion_due_on, "opinion_on": a.opinion_on, "opinion": a.opinion,
    }  # fmt: skip


@router.post("/proposals/{pk}/reply", response=ProposalsProposalDetailOut)
def proposal_reply(request, pk: int, payload: ProposalsReplyIn):
    from zhengwu.org.models import User

    def call(user, p):
        signer = None
        if payload.signed_by is not None:
            signer = get_object_or_404(User, pk=payload.signed_by)
        services.proposal_reply(actor=user, proposal=p, classification=payload.classification,
                                text=payload.text, signed_by=signer, on=payload.on)  # fmt: skip

    return _act(request, pk, call)


@router.post("/proposals/{pk}/feedback", response=ProposalsProposalDetailOut)
def proposal_feedback(request, pk: int, payload: ProposalsFeedbackIn):
    return _act(request, pk, lambda user, p: services.proposal_record_feedback(
        actor=user, proposal=p, satisfaction=payload.satisfaction, comment=payload.comment,
        on=payload.on))  # fmt: skip


@router.post("/proposals/{pk}/rehandle", response=ProposalsProposalDetailOut)
def proposal_rehandle(request, pk: int, payload: ProposalsNoteIn):
    return _act(request, pk, lambda user, p: services.proposal_rehandle(
        actor=user, proposal=p, note=payload.note, on=payload.on))  # fmt: skip


@router.post("/proposals/{pk}/close", response=ProposalsProposalDetailOut)
def proposal_close(request, pk: int, payload: ProposalsNoteIn):
    return _act(request, pk, lambda user, p: services.proposal_close(
        actor=user, proposal=p, note=payload.note, on=payload.on))  # fmt: skip


@router.post("/proposals/{pk}/publish", response=ProposalsProposalDetailOut)
def proposal_publish(request, pk: int, payload: ProposalsDayIn):
    return _act(request, pk, lambda user, p: services.proposal_publish_reply(
        actor=user, proposal=p, on=payload.on))  # fmt: skip


@router.get("/figures", summary="The register's annual figures (staff)")
def figures(request, year: int = Query(..., ge=2000, le=2100)):
    user = _staff(request)
    return annual_figures(rules.county_of(user), year)


class ProposalsPublicReplyOut(Schema):
    id: int
    kind: str
    session: str
    number_label: str
    title: str
    proposers: list[str]
    department: str
    classification: str
    replied_on: date
    text: str


@router.get("/replies", response=list[ProposalsPublicReplyOut], auth=None,
            summary="Published replies (public)")  # fmt: skip
def public_replies(request, year: int | None = None, kind: str = ""):
    county = home_county()
    if county is None:
        return []
    rows = selectors.replies_public(county)
    if year:
        rows = rows.filter(proposal__session__year=year)
    if kind:
        rows = rows.filter(proposal__kind=kind)
    return [{
        "id": r.pk, "kind": r.proposal.kind, "session": r.proposal.session.name,
        "number_label": r.proposal.number_label, "title": r.proposal.title,
        "proposers": [x.name for x in r.proposal.proposers.all()],
        "department": r.department.name, "classification": r.classification,
        "replied_on": r.replied_on, "text": r.text,
    } for r in rows[:200]]  # fmt: skip

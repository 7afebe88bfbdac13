"""The JSON API of major administrative decisions (mounted by ``zhengwu.api`` at
``/api/decisions/``).

Reads go through ``decisions_visible_to(request.user)``: the public (no login needed) sees the
published decisions and those out for public comment; staff what their role lets them. A
decision the caller may not see is a 404. The actions call the services, whose refusals become
JSON errors through the handlers of ``zhengwu.api``; a refused adoption is a 409 whose
``missing`` lists every missing step with its legal source.

Schema names start with ``Decisions`` (ninja keeps one schema per name across the project).
"""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from zhengwu.decisions import rules, selectors, services
from zhengwu.decisions.figures import annual_figures
from zhengwu.decisions.models import MajorDecision
from zhengwu.org.models import Department

router = Router(tags=["decisions"])


class DecisionsOut(Schema):
    id: int
    title: str
    subject_area: str
    undertaking_department: str = Field(..., alias="undertaking_department.name")
    decision_body: str = Field(..., alias="decision_body.name")
    in_catalogue: bool
    status: str
    adopted_on: date | None
    published_on: date | None
    publication_channel: str


class DecisionsStepOut(Schema):
    step: str
    label: str
    source: str
    required: bool
    done: bool
    problem: str


class DecisionsCommentOut(Schema):
    opened_on: date
    days: int
    closes_on: date
    closed_on: date | None
    channel: str


class DecisionsReviewOut(Schema):
    submitted_on: date
    earliest_on: date
    due_on: date
    completed_on: date | None
    conclusion: str
    legal_bases: str


class DecisionsDetailOut(DecisionsOut):
    summary: str
    needs_expert: bool
    needs_risk: bool
    undertaking_official: str
    reviewing_official: str
    deciding_leader: str
    checklist: list[DecisionsStepOut]
    comments: list[DecisionsCommentOut]
    reviews: list[DecisionsReviewOut]

    @staticmethod
    def resolve_checklist(obj):
        return [
            {"step": r.code, "label": r.label, "source": r.source, "required": r.required,
             "done": r.done, "problem": r.problem}
            for r in selectors.checklist(obj)
        ]  # fmt: skip

    @staticmethod
    def resolve_comments(obj):
        return list(obj.comments.all())

    @staticmethod
    def resolve_reviews(obj, context):
        """The legality review is internal: staff of the county only."""
        user = context["request"].user
        return list(obj.reviews.all()) if rules.county_of(user) == obj.division else []


class DecisionsMissingStepOut(Schema):
    step: str
    label: str
    source: str
    message: str


class DecisionsRefusedOut(Schema):
    code: str
    message: str
    missing: list[DecisionsMissingStepOut]


class DecisionsIn(Schema):
    undertaking_department: int
    title: str
    subject_area: str
    undertaking_official: str
    reviewing_official: str
    deciding_leader: str
    summary: str = ""
    in_catalogue: bool = False
    catalogue_year: int | None = None
    needs_expert: bool = False
    needs_risk: bool = False


class DecisionsUpdateIn(Schema):
    title: str | None = None
    subject_area: str | None = None
    summary: str | None = None
    in_catalogue: bool | None = None
    catalogue_year: int | None = None
    needs_expert: bool | None = None
    needs_risk: bool | None = None
    undertaking_official: str | None = None
    reviewing_official: str | None = None
    deciding_leader: str | None = None


class DecisionsDayIn(Schema):
    on: date | None = None


class DecisionsCommentOpenIn(DecisionsDayIn):
    channel: str
    days: int | None = None


class DecisionsCommentCloseIn(DecisionsDayIn):
    summary: str
    adoption: str
    opinions_count: int


class DecisionsHearingIn(Schema):
    materials_sent_on: date
    held_on: date
    place: str
    participants: str
    summary: str
    adoption: str


class DecisionsExpertIn(Schema):
    held_on: date
    form: str
    experts: str
    opinions: str
    adoption: str = ""


class DecisionsRiskIn(Schema):
    assessed_on: date
    assessor: str
    level: str
    findings: str
    measures: str


class DecisionsReviewIn(DecisionsDayIn):
    conclusion: str
    legal_bases: str
    opinion: str = ""


class DecisionsDiscussionIn(Schema):
    meeting_kind: str
    meeting_name: str
    held_on: date
    members_total: int
    members_present: int
    outcome: str
    attendance: str = ""
    minutes: str = ""


class DecisionsPublishIn(DecisionsDayIn):
    channel: str


class DecisionsReportIn(DecisionsDayIn):
    progress: str
    problems: str = ""


class DecisionsEvaluationIn(DecisionsDayIn):
    evaluator: str
    conclusion: str
    recommendation: str
    third_party: bool = False
    public_opinion: bool = False


class DecisionsChangeIn(DecisionsDayIn):
    kind: str
    reason: str


def _decision(request, pk: int) -> MajorDecision:
    return get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)


def _act(request, pk: int, call) -> MajorDecision:
    call(_decision(request, pk))
    return _decision(request, pk)


@router.get("/decisions", response=list[DecisionsOut], auth=None,
            summary="The decisions the caller may see")  # fmt: skip
def decision_list(
    request,
    status: str = "",
    area: str = "",
    q: str = "",
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
):
    decisions = selectors.decisions_visible_to(request.user)
    if status:
        decisions = decisions.filter(status=status)
    if area:
        decisions = decisions.filter(subject_area=area)
    if q:
        decisions = decisions.filter(title__icontains=q)
    return list(decisions.order_by("-updated_at", "-pk")[offset : offset + limit])


@router.get("/decisions/{pk}", response=DecisionsDetailOut, auth=None)
def decision_detail(request, pk: int):
    return _decision(request, pk)


@router.post("/decisions", response={201: DecisionsDetailOut})
def decision_create(request, payload: DecisionsIn):
    data = payload.dict()
    department = get_object_or_404(Department, pk=data.pop("undertaking_department"))
    decision = services.decision_create(
        actor=request.user, undertaking_department=department, **data
    )
    return Status(201, _decision(request, decision.pk))


@router.post("/decisions/{pk}/update", response=DecisionsDetailOut)
def decision_update(request, pk: int, payload: DecisionsUpdateIn):
    """Change the case while it is prepared (only the fields given)."""
    fields = payload.dict(exclude_unset=True)
    return _act(request, pk, lambda d: services.decision_update(
        actor=request.user, decision=d, **fields))  # fmt: skip


@router.post("/decisions/{pk}/comment/open", response=DecisionsDetailOut)
def comment_open(request, pk: int, payload: DecisionsCommentOpenIn):
    return _act(request, pk, lambda d: services.comment_open(
        actor=request.user, decision=d, channel=payload.channel, on=payload.on,
        days=payload.days))  # fmt: skip


@router.post("/decisions/{pk}/comment/close", response=DecisionsDetailOut)
def comment_close(request, pk: int, payload: DecisionsCommentCloseIn):
    return _act(request, pk, lambda d: services.comment_close(
        actor=request.user, decision=d, summary=payload.summary, adoption=payload.adoption,
        opinions_count=payload.opinions_count, on=payload.on))  # fmt: skip


@router.post("/decisions/{pk}/hearings", response=DecisionsDetailOut)
def hearing(request, pk: int, payload: DecisionsHearingIn):
    return _act(request, pk, lambda d: services.hearing_record(
        actor=request.user, decision=d, **payload.dict()))  # fmt: skip


@router.post("/decisions/{pk}/experts", response=DecisionsDetailOut)
def expert(request, pk: int, payload: DecisionsExpertIn):
    return _act(request, pk, lambda d: services.expert_record(
        actor=request.user, decision=d, **payload.dict()))  # fmt: skip


@router.post("/decisions/{pk}/risks", response=DecisionsDetailOut)
def risk(request, pk: int, payload: DecisionsRiskIn):
    return _act(request, pk, lambda d: services.risk_record(
        actor=request.user, decision=d, **payload.dict()))  # fmt: skip


@router.post("/decisions/{pk}/review/submit", response=DecisionsDetailOut)
def review_submit(request, pk: int, payload: DecisionsDayIn):
    return _act(request, pk, lambda d: services.review_submit(
        actor=request.user, decision=d, on=payload.on))  # fmt: skip


@router.post("/decisions/{pk}/review/complete", response=DecisionsDetailOut)
def review_complete(request, pk: int, payload: DecisionsReviewIn):
    return _act(request, pk, lambda d: services.review_complete(
        actor=request.user, decision=d, conclusion=payload.conclusion,
        legal_bases=payload.legal_bases, opinion=payload.opinion, on=payload.on))  # fmt: skip


@router.post("/decisions/{pk}/discussions", response=DecisionsDetailOut)
def discussion(request, pk: int, payload: DecisionsDiscussionIn):
    return _act(request, pk, lambda d: services.discussion_record(
        actor=request.user, decision=d, **payload.dict()))  # fmt: skip


@router.post("/decisions/{pk}/adopt", response={200: DecisionsDetailOut, 409: DecisionsRefusedOut})
def adopt(request, pk: int, payload: DecisionsDayIn):
    """Adopt the decision; refused (409) with every missing step and its legal source."""
    decision = _decision(request, pk)
    try:
        services.decision_adopt(actor=request.user, decision=decision, on=payload.on)
    except services.StepsMissing as error:
        return Status(409, {"code": error.code, "message": str(error.message),
                            "missing": [m.as_dict() for m in error.missing]})  # fmt: skip
    return _decision(request, pk)


@router.post("/decisions/{pk}/publish", response=DecisionsDetailOut)
def publish(request, pk: int, payload: DecisionsPublishIn):
    return _act(request, pk, lambda d: services.decision_publish(
        actor=request.user, decision=d, channel=payload.channel, on=payload.on))  # fmt: skip


@router.post("/decisions/{pk}/reports", response=DecisionsDetailOut)
def report(request, pk: int, payload: DecisionsReportIn):
    return _act(request, pk, lambda d: services.report_record(
        actor=request.user, decision=d, progress=payload.progress, problems=payload.problems,
        on=payload.on))  # fmt: skip


@router.post("/decisions/{pk}/evaluations", response=DecisionsDetailOut)
def evaluation(request, pk: int, payload: DecisionsEvaluationIn):
    return _act(request, pk, lambda d: services.evaluation_record(
        actor=request.user, decision=d, **payload.dict()))  # fmt: skip


@router.post("/decisions/{pk}/changes", response=DecisionsDetailOut)
def change(request, pk: int, payload: DecisionsChangeIn):
    return _act(request, pk, lambda d: services.implementation_change(
        actor=request.user, decision=d, kind=payload.kind, reason=payload.reason,
        on=payload.on))  # fmt: skip


@router.get("/figures", auth=None, summary="The home county's figures of a year")
def figures(request, year: int = Query(..., ge=2000, le=2100)):
    from zhengwu.org.selectors import home_county

    county = home_county()
    return annual_figures(county, year) if county is not None else {}

"""The JSON API of the reconsideration and litigation registers (mounted at
``/api/reconsideration/``).

Reads go through ``cases_visible_to`` / ``suits_visible_to``; a case the caller may not see is a
404. The actions call the same services as the pages (``views._case_call``), whose refusals
become JSON errors through the handlers of ``zhengwu.api``. Schema names carry the app's prefix
(ninja keys the OpenAPI components by class name).

(No ``from __future__ import annotations``: ninja reads the parameters of a ``@paginate``d
function through its wrapper.)
"""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from zhengwu.common.errors import NotPermitted
from zhengwu.org.models import Department
from zhengwu.reconsideration import figures, rules, selectors, services, views
from zhengwu.reconsideration.models import ReconsiderationCase

router = Router(tags=["reconsideration"])


class ReconsiderationApplicantOut(Schema):
    kind: str
    name: str
    id_masked: str
    phone_masked: str


class ReconsiderationClockOut(Schema):
    purpose: str
    day_kind: str
    started_on: date
    limit_days: int
    extended_days: int
    suspended_days: int
    due_date: date
    status: str
    completed_on: date | None


class ReconsiderationCaseOut(Schema):
    id: int
    receipt_number: str
    case_number: str
    channel: str
    status: str
    respondent: str = Field(..., alias="respondent.name")
    respondent_id: int
    contested_act: str
    knew_on: date
    received_on: date
    late_application: bool
    accepted_on: date | None
    simplified: bool
    decision_type: str
    closed_on: date | None
    is_disclosure: bool


class ReconsiderationCaseDetailOut(ReconsiderationCaseOut):
    request: str
    reasons: str
    correction_items: list[str]
    correction_due_on: date | None
    sent_on: date | None
    answered_on: date | None
    review_mode: str
    suspension_ground: str
    normative_document_id: int | None
    normative_document_text: str
    document_review_outcome: str
    refusal_reasons: str
    decision_text: str
    applicants: list[ReconsiderationApplicantOut]
    clocks: list[ReconsiderationClockOut]

    @staticmethod
    def resolve_applicants(obj):
        return list(obj.applicants.all())

    @staticmethod
    def resolve_clocks(obj):
        return selectors.clocks_of(obj)


class ReconsiderationCaseFilter(Schema):
    status: str = ""
    respondent: str = ""
    year: str = ""
    q: str = ""
    disclosure: str = ""
    overdue: str = ""


class ReconsiderationApplicantIn(Schema):
    kind: str = "person"
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


class ReconsiderationCaseIn(Schema):
    respondent: int
    applicants: list[ReconsiderationApplicantIn]
    contested_act: str
    knew_on: date
    request: str
    reasons: str = ""
    channel: str = "window"
    received_on: date | None = None
    is_disclosure: bool = False
    normative_document: int | None = None
    normative_document_text: str = ""


class ReconsiderationActionIn(Schema):
    """The fields of every action; each action reads its own (see the services)."""

    on: date | None = None
    items: list[str] = []
    simplified: bool = False
    case_number: str = ""
    late_reason: str = ""
    reasons: str = ""
    summary: str = ""
    mode: str = ""
    note: str = ""
    ground: str = ""
    days: int = 0
    reason: str = ""
    outcome: str = ""
    to: str = ""
    decision_type: str = ""
    text: str = ""


class LitigationHearingOut(Schema):
    held_on: date
    head_appeared: bool
    head_name: str
    head_post: str


class LitigationCaseOut(Schema):
    id: int
    court: str
    court_number: str
    plaintiff: str
    defendant: str = Field(..., alias="defendant.name")
    defendant_id: int
    contested_act: str
    filed_on: date
    served_on: date
    after_review_id: int | None
    is_disclosure: bool
    status: str
    answered_on: date | None
    first_result: str
    appeal_result: str
    final_result: str
    concluded_on: date | None
    hearings: list[LitigationHearingOut]

    @staticmethod
    def resolve_hearings(obj):
        return list(obj.hearings.all())


class LitigationCaseIn(Schema):
    defendant: int
    plaintiff: str
    court: str
    court_number: str
    contested_act: str
    filed_on: date
    served_on: date | None = None
    after_review: int | None = None
    is_disclosure: bool = False


class LitigationActionIn(Schema):
    on: date | None = None
    held_on: date | None = None
    head_appeared: bool = False
    head_name: str = ""
    head_post: str = ""
    note: str = ""
    result: str = ""
    final_result: str = ""
    court: str = ""


def _case(request, pk: int) -> ReconsiderationCase:
    return get_object_or_404(selectors.cases_visible_to(request.user), pk=pk)


@router.get("/cases", response=list[ReconsiderationCaseOut])
@paginate(LimitOffsetPagination)
def case_list(request, filters: Query[ReconsiderationCaseFilter]):
    """The cases the caller may see, newest first."""
    from django.utils import timezone

    wanted = selectors.CaseFilters.from_query(filters.dict())
    return selectors.cases_filtered(
        selectors.cases_visible_to(request.user), wanted, timezone.localdate()
    )


@router.get("/cases/{pk}", response=ReconsiderationCaseDetailOut)
def case_detail(request, pk: int):
    return _case(request, pk)


@router.post("/cases", response={201: ReconsiderationCaseDetailOut})
def case_create(request, payload: ReconsiderationCaseIn):
    data = payload.dict()
    county = rules.county_of(request.user)
    respondent = get_object_or_404(Department, pk=data.pop("respondent"))
    document = None
    if data.pop("normative_document"):
        from zhengwu.rulemaking.models import NormativeDocument

        document = get_object_or_404(
            NormativeDocument, pk=payload.normative_document, division=county
        )
    registration = services.case_register(
        actor=request.user, respondent=respondent, normative_document=document, **data
    )
    return Status(201, _case(request, registration.case.pk))


@router.post("/cases/{pk}/actions/{action}", response=ReconsiderationCaseDetailOut)
def case_act(request, pk: int, action: str, payload: ReconsiderationActionIn):
    """``action``: accept, correction, refuse, supply, send, answer, review, suspend, resume,
    extend, convert, notify_drafter, drafter_answer, document_review, decide, withdraw,
    terminate."""
    if action not in views.FORM_CLASSES:
        raise Http404
    views._case_call(action, request.user, _case(request, pk), payload.dict())()
    return _case(request, pk)


@router.get("/suits", response=list[LitigationCaseOut])
@paginate(LimitOffsetPagination)
def suit_list(request, status: str = "", kind: str = "", year: str = "", q: str = ""):
    data = {"status": status, "kind": kind, "year": year, "q": q}
    return selectors.suits_filtered(
        selectors.suits_visible_to(request.user).prefetch_related("hearings"), data
    )


def _suit(request, pk: int):
    return get_object_or_404(selectors.suits_visible_to(request.user), pk=pk)


@router.get("/suits/{pk}", response=LitigationCaseOut)
def suit_detail(request, pk: int):
    return _suit(request, pk)


@router.post("/suits", response={201: LitigationCaseOut})
def suit_create(request, payload: LitigationCaseIn):
    data = payload.dict()
    defendant = get_object_or_404(Department, pk=data.pop("defendant"))
    review = data.pop("after_review")
    after = _case(request, review) if review else None
    suit = services.litigation_register(
        actor=request.user, defendant=defendant, after_review=after, **data
    )
    return Status(201, _suit(request, suit.pk))


@router.post("/suits/{pk}/actions/{action}", response=LitigationCaseOut)
def suit_act(request, pk: int, action: str, payload: LitigationActionIn):
    """``action``: answer, hearing, judgment, appeal, appeal_result."""
    if action not in views.SUIT_FORM_CLASSES:
        raise Http404
    data = payload.dict()
    if action == "hearing":
        data = {k: data[k] for k in ("held_on", "head_appeared", "head_name", "head_post", "note")}
    views._suit_call(action, request.user, _suit(request, pk), data)()
    return _suit(request, pk)


@router.get("/stats")
def stats(request, year: int = Query(..., ge=2000, le=2100)):
    """The year's figures of the caller's county (``figures.annual_figures``)."""
    county = rules.county_of(request.user)
    if county is None or not rules.sees_all_of(request.user, county):
        raise NotPermitted()
    return {"year": year, **figures.annual_figures(county, year)}

"""The JSON API of the normative-documents registry (mounted by ``zhengwu.api`` at
``/api/rulemaking/``).

Reads go through ``documents_visible_to(request.user)``: the public (no login needed) sees the
published documents with their validity on the day; staff see what their role lets them. A
document the caller may not see is a 404. The actions call the services, whose refusals become
JSON errors through the handlers of ``zhengwu.api``.

(No ``from __future__ import annotations``: ninja reads the parameters of a ``@paginate``d
function through its wrapper.)
"""

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from zhengwu.org.models import Department
from zhengwu.rulemaking import rules, selectors, services
from zhengwu.rulemaking.figures import annual_figures
from zhengwu.rulemaking.models import CleanupCampaign, CleanupEntry, Filing, NormativeDocument

router = Router(tags=["rulemaking"])


class DocumentFilingOut(Schema):
    id: int
    authority: str
    authority_kind: str
    due_on: date
    submitted_on: date | None
    state: str
    result: str


class ReviewOut(Schema):
    opinion: str
    findings: list[str]
    text: str
    reviewed_on: date


class DocumentOut(Schema):
    id: int
    title: str
    document_number: str
    status: str
    validity: str
    issuer: str = Field(..., alias="issuer.name")
    drafting_department: str = Field(..., alias="drafting_department.name")
    is_interim: bool
    published_on: date | None
    effective_from: date | None
    effective_to: date | None
    lapses_on: date | None
    ended_on: date | None


class DocumentDetailOut(DocumentOut):
    text: str
    meeting: str
    adopted_on: date | None
    signed_on: date | None
    filings: list[DocumentFilingOut]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_filings(obj):
        return list(obj.filings.order_by("pk"))

    @staticmethod
    def resolve_reviews(obj, context):
        """The legality review is internal (process information): staff only."""
        user = context["request"].user
        return list(obj.reviews.all()) if rules.may_see_process(user, obj) else []


class DraftIn(Schema):
    drafting_department: int
    issuer: int
    title: str
    text: str
    number_prefix: str
    is_interim: bool | None = None
    validity_years: int | None = None
    comment_required: bool = False


class DayIn(Schema):
    on: date | None = None


class ReviewIn(DayIn):
    opinion: str
    findings: list[str] = []
    text: str = ""


class AdoptIn(DayIn):
    meeting: str


class SignIn(DayIn):
    signed_by: str


class PublishIn(DayIn):
    effective_from: date | None = None


class ReasonIn(DayIn):
    reason: str


class ExpiryIn(DayIn):
    decision: str
    note: str = ""


def _document(request, pk: int) -> NormativeDocument:
    documents = selectors.with_validity(selectors.documents_visible_to(request.user))
    return get_object_or_404(documents, pk=pk)


@router.get("/documents", response=list[DocumentOut], auth=None)
@paginate(LimitOffsetPagination)
def document_list(request, status: str = "", validity: str = "", q: str = ""):
    """The documents the caller may see, newest first; ``validity`` is the state today."""
    documents = selectors.with_validity(selectors.documents_visible_to(request.user))
    if status:
        documents = documents.filter(status=status)
    if validity:
        documents = documents.filter(validity=validity)
    if q:
        documents = documents.filter(Q(title__icontains=q) | Q(document_number__icontains=q))
    return documents.order_by("-published_on", "-pk")


@router.get("/documents/{pk}", response=DocumentDetailOut, auth=None)
def document_detail(request, pk: int):
    return _document(request, pk)


@router.post("/documents", response={201: DocumentDetailOut})
def document_create(request, payload: DraftIn):
    data = payload.dict()
    drafting = get_object_or_404(Department, pk=data.pop("drafting_department"))
    issuer = get_object_or_404(Department, pk=data.pop("issuer"))
    document = services.document_draft(
        actor=request.user, drafting_department=drafting, issuer=issuer, **data
    )
    return Status(201, _document(request, document.pk))


def _act(request, pk: int, call) -> NormativeDocument:
    document = _document(request, pk)
    call(document)
    return _document(request, pk)


class CommentOpenIn(DayIn):
    days: int | None = None


class CommentCloseIn(DayIn):
    summary: str


class ResultIn(DayIn):
    result: str
    note: str = ""


class CampaignIn(DayIn):
    kind: str
    title: str
    topic: str = ""
    criteria: str = ""
    basis: str = ""
    documents: list[int] = []


@router.post("/documents/{pk}/comment/open", response=DocumentDetailOut)
def comment_open(request, pk: int, payload: CommentOpenIn):
    return _act(request, pk, lambda d: services.document_open_comment(
        actor=request.user, document=d, on=payload.on, days=payload.days))  # fmt: skip


@router.post("/documents/{pk}/comment/close", response=DocumentDetailOut)
def comment_close(request, pk: int, payload: CommentCloseIn):
    return _act(request, pk, lambda d: services.document_close_comment(
        actor=request.user, document=d, summary=payload.summary, on=payload.on))  # fmt: skip


@router.post("/documents/{pk}/submit", response=DocumentDetailOut)
def document_submit(request, pk: int, payload: DayIn):
    return _act(request, pk, lambda d: services.document_submit_for_review(
        actor=request.user, document=d, on=payload.on))  # fmt: skip


@router.post("/documents/{pk}/review", response=DocumentDetailOut)
def document_review(request, pk: int, payload: ReviewIn):
    return _act(request, pk, lambda d: services.document_review(
        actor=request.user, document=d, opinion=payload.opinion, findings=payload.findings,
        text=payload.text, on=payload.on))  # fmt: skip


@router.post("/documents/{pk}/adopt", response=DocumentDetailOut)
def document_adopt(request, pk: int, payload: AdoptIn):
    return _act(request, pk, lambda d: services.document_adopt(
        actor=request.user, document=d, meeting=payload.meeting, on=payload.on))  # fmt: skip


@router.post("/documents/{pk}/sign", response=DocumentDetailOut)
def document_sign(request, pk: int, payload: SignIn):
    return _act(request, pk, lambda d: services.document_sign(
        actor=request.user, document=d, signed_by=payload.signed_by, on=payload.on))  # fmt: skip


@router.post("/documents/{pk}/publish", response=DocumentDetailOut)
def document_publish(request, pk: int, payload: PublishIn):
    return _act(request, pk, lambda d: services.document_publish(
        actor=request.user, document=d, on=payload.on,
        effective_from=payload.effective_from))  # fmt: skip


@router.post("/documents/{pk}/repeal", response=DocumentDetailOut)
def document_repeal(request, pk: int, payload: ReasonIn):
    return _act(request, pk, lambda d: services.document_repeal(
        actor=request.user, document=d, reason=payload.reason, on=payload.on))  # fmt: skip


@router.post("/documents/{pk}/expiry-decision", response=DocumentDetailOut)
def document_expiry(request, pk: int, payload: ExpiryIn):
    return _act(request, pk, lambda d: services.document_decide_expiry(
        actor=request.user, document=d, decision=payload.decision, note=payload.note,
        on=payload.on))  # fmt: skip


@router.post("/filings/{pk}/submit", response=DocumentFilingOut)
def filing_submit(request, pk: int, payload: DayIn):
    visible = selectors.documents_visible_to(request.user)
    filing = get_object_or_404(Filing.objects.filter(document__in=visible), pk=pk)
    return services.filing_submit(actor=request.user, filing=filing, on=payload.on)


@router.post("/filings/{pk}/result", response=DocumentFilingOut)
def filing_result(request, pk: int, payload: ResultIn):
    visible = selectors.documents_visible_to(request.user)
    filing = get_object_or_404(Filing.objects.filter(document__in=visible), pk=pk)
    return services.filing_record_result(
        actor=request.user, filing=filing, result=payload.result, note=payload.note,
        on=payload.on,
    )  # fmt: skip


@router.get("/figures", auth=None)
def figures(request, year: int):
    """The home county's figures of ``year`` (``rulemaking.figures.annual_figures``)."""
    from zhengwu.org.selectors import home_county

    county = home_county()
    if county is None:
        return {}
    return annual_figures(county, year)


# --- clean-ups --------------------------------------------------------------------------------


class EntryOut(Schema):
    id: int
    document: int = Field(..., alias="document_id")
    document_number: str = Field(..., alias="document.document_number")
    title: str = Field(..., alias="document.title")
    decision: str
    inconsistent: bool
    reasons: str
    decided_on: date | None


class CampaignOut(Schema):
    id: int
    kind: str
    title: str
    topic: str
    basis: str
    started_on: date
    status: str
    closed_on: date | None


class CampaignDetailOut(CampaignOut):
    entries: list[EntryOut]

    @staticmethod
    def resolve_entries(obj):
        return list(obj.entries.select_related("document").order_by("pk"))


class CleanupDecisionIn(DayIn):
    decision: str
    reasons: str = ""
    inconsistent: bool = False


def _campaigns(request):
    """Staff see their county's clean-ups; the public the closed ones, whose results are
    published."""
    if rules._staff(request.user):
        return CleanupCampaign.objects.filter(division=rules.county_of(request.user))
    return CleanupCampaign.objects.filter(status=CleanupCampaign.Status.CLOSED)


@router.get("/cleanups", response=list[CampaignOut], auth=None)
def campaign_list(request):
    return list(_campaigns(request).order_by("-started_on", "-pk"))


@router.get("/cleanups/{pk}", response=CampaignDetailOut, auth=None)
def campaign_detail(request, pk: int):
    return get_object_or_404(_campaigns(request), pk=pk)


@router.post("/cleanups", response={201: CampaignDetailOut})
def campaign_create(request, payload: CampaignIn):
    """Open a clean-up in the caller's department (the legal-affairs office)."""
    visible = selectors.documents_visible_to(request.user)
    documents = list(visible.filter(pk__in=payload.documents))
    campaign = services.campaign_open(
        actor=request.user, department=request.user.department, kind=payload.kind,
        title=payload.title, topic=payload.topic, criteria=payload.criteria,
        basis=payload.basis, documents=documents, on=payload.on,
    )  # fmt: skip
    return Status(201, campaign)


@router.post("/cleanups/{pk}/entries/{entry_id}/decide", response=EntryOut)
def campaign_decide(request, pk: int, entry_id: int, payload: CleanupDecisionIn):
    campaign = get_object_or_404(_campaigns(request), pk=pk)
    entry = get_object_or_404(campaign.entries.select_related("document"), pk=entry_id)
    entry = services.cleanup_decide(
        actor=request.user, entry=entry, decision=payload.decision, reasons=payload.reasons,
        inconsistent=payload.inconsistent, on=payload.on,
    )  # fmt: skip
    return CleanupEntry.objects.select_related("document").get(pk=entry.pk)


@router.post("/cleanups/{pk}/close", response=CampaignDetailOut)
def campaign_close(request, pk: int, payload: DayIn):
    campaign = get_object_or_404(_campaigns(request), pk=pk)
    return services.campaign_close(actor=request.user, campaign=campaign, on=payload.on)

"""The JSON API of contract review (mounted by ``zhengwu.api`` at ``/api/contracts/``).

Staff only. Reads go through ``contracts_visible_to(request.user)``: a contract the caller may
not see is a 404. The actions call the services, whose refusals become JSON errors (``code``,
``message``) through the handlers of ``zhengwu.api``. Schema names start with ``Contracts``
(ninja keeps one schema per name across the whole project).
"""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from zhengwu.common.errors import NotPermitted
from zhengwu.contracts import rules, selectors, services
from zhengwu.contracts.figures import annual_figures
from zhengwu.contracts.models import GovernmentContract

router = Router(tags=["contracts"])


def _staff(request):
    if not request.user.has_perm("contracts.view_register"):
        raise NotPermitted()
    return request.user


class ContractsVersionOut(Schema):
    number: int
    created_on: date
    file_name: str
    note: str
    has_text: bool

    @staticmethod
    def resolve_has_text(obj):
        return bool(obj.text)


class ContractsReviewOut(Schema):
    version: int
    submitted_on: date
    due_on: date
    conclusion: str
    findings: list[str]
    legal_bases: list[str]
    text: str
    reviewed_on: date | None
    on_time: bool | None

    @staticmethod
    def resolve_version(obj):
        return obj.version.number


class ContractsMilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    done_on: date | None
    note: str


class ContractsContractOut(Schema):
    id: int
    title: str
    kind: str
    department: str
    counterparty: str
    amount: Decimal | None
    status: str
    signed_on: date | None
    starts_on: date | None
    expires_on: date | None
    ended_on: date | None
    reviewed_before_signing: bool

    @staticmethod
    def resolve_department(obj):
        return obj.department.name


class ContractsContractDetailOut(ContractsContractOut):
    versions: list[ContractsVersionOut]
    reviews: list[ContractsReviewOut]
    milestones: list[ContractsMilestoneOut]

    @staticmethod
    def resolve_versions(obj):
        return list(obj.versions.order_by("number"))

    @staticmethod
    def resolve_reviews(obj):
        return list(obj.reviews.select_related("version").order_by("submitted_on", "pk"))

    @staticmethod
    def resolve_milestones(obj):
        return list(obj.milestones.order_by("due_on", "pk"))


class ContractsCreateIn(Schema):
    title: str
    kind: str
    counterparty: str
    amount: Decimal | None = None
    text: str
    on: date | None = None


class ContractsDayIn(Schema):
    on: date | None = None


class ContractsVersionIn(ContractsDayIn):
    text: str
    note: str = ""


class ContractsReasonIn(ContractsDayIn):
    reason: str


class ContractsOpinionIn(ContractsDayIn):
    conclusion: str
    findings: list[str] = []
    legal_bases: list[str] = []
    text: str = ""


class ContractsSignIn(ContractsDayIn):
    starts_on: date | None = None
    expires_on: date | None = None


class ContractsMilestoneIn(Schema):
    title: str
    due_on: date
    note: str = ""


class ContractsListFilters(Schema):
    status: str = ""
    kind: str = ""
    year: int | None = None
    limit: int = 50
    offset: int = 0


def _contract(request, pk: int) -> GovernmentContract:
    return get_object_or_404(selectors.contracts_visible_to(_staff(request)), pk=pk)


@router.get("/contracts", response=list[ContractsContractOut], summary="Contracts visible")
def contract_list(request, filters: Query[ContractsListFilters]):
    contracts = selectors.contracts_visible_to(_staff(request))
    if filters.status:
        contracts = contracts.filter(status=filters.status)
    if filters.kind:
        contracts = contracts.filter(kind=filters.kind)
    if filters.year:
        contracts = contracts.filter(reviews__reviewed_on__year=filters.year).distinct()
    limit = max(1, min(filters.limit, 200))
    offset = max(0, filters.offset)
    return list(contracts.order_by("-updated_at", "-pk")[offset : offset + limit])


@router.get("/contracts/{pk}", response=ContractsContractDetailOut)
def contract_detail(request, pk: int):
    return _contract(request, pk)


@router.post("/contracts", response={201: ContractsContractDetailOut})
def contract_create(request, payload: ContractsCreateIn):
    """A new contract of the caller's department, with its first version's text."""
    user = _staff(request)
    contract = services.contract_create(actor=user, department=user.department,
                                        **payload.dict())  # fmt: skip
    return Status(201, _contract(request, contract.pk))


def _act(request, pk: int, call) -> GovernmentContract:
    call(_contract(request, pk))
    return _contract(request, pk)


@router.post("/contracts/{pk}/versions", response=ContractsContractDetailOut)
def contract_version(request, pk: int, payload: ContractsVersionIn):
    return _act(request, pk, lambda c: services.contract_add_version(
        actor=request.user, contract=c, text=payload.text, note=payload.note,
        on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/submit", response=ContractsContractDetailOut)
def contract_submit(request, pk: int, payload: ContractsDayIn):
    return _act(request, pk, lambda c: services.contract_submit(
        actor=request.user, contract=c, on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/review/start", response=ContractsContractDetailOut)
def contract_start_review(request, pk: int, payload: ContractsDayIn):
    return _act(request, pk, lambda c: services.contract_start_review(
        actor=request.user, contract=c, on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/review/materials", response=ContractsContractDetailOut)
def contract_request_materials(request, pk: int, payload: ContractsReasonIn):
    return _act(request, pk, lambda c: services.contract_request_materials(
        actor=request.user, contract=c, reason=payload.reason, on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/review/materials-received", response=ContractsContractDetailOut)
def contract_materials_received(request, pk: int, payload: ContractsDayIn):
    return _act(request, pk, lambda c: services.contract_materials_received(
        actor=request.user, contract=c, on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/review/opinion", response=ContractsContractDetailOut)
def contract_opinion(request, pk: int, payload: ContractsOpinionIn):
    return _act(request, pk, lambda c: services.contract_return_opinion(
        actor=request.user, contract=c, conclusion=payload.conclusion,
        findings=payload.findings, legal_bases=payload.legal_bases, text=payload.text,
        on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/sign", response=ContractsContractDetailOut)
def contract_sign(request, pk: int, payload: ContractsSignIn):
    """Record the signing (the signed copy is uploaded on the contract page)."""
    return _act(request, pk, lambda c: services.contract_sign(
        actor=request.user, contract=c, on=payload.on, starts_on=payload.starts_on,
        expires_on=payload.expires_on))  # fmt: skip


@router.post("/contracts/{pk}/perform", response=ContractsContractDetailOut)
def contract_perform(request, pk: int, payload: ContractsDayIn):
    return _act(request, pk, lambda c: services.contract_start_performance(
        actor=request.user, contract=c, on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/milestones", response={201: ContractsMilestoneOut})
def milestone_add(request, pk: int, payload: ContractsMilestoneIn):
    milestone = services.milestone_add(
        actor=request.user, contract=_contract(request, pk), title=payload.title,
        due_on=payload.due_on, note=payload.note,
    )  # fmt: skip
    return Status(201, milestone)


@router.post("/contracts/{pk}/milestones/{milestone_id}/done", response=ContractsMilestoneOut)
def milestone_done(request, pk: int, milestone_id: int, payload: ContractsDayIn):
    milestone = get_object_or_404(_contract(request, pk).milestones, pk=milestone_id)
    return services.milestone_done(actor=request.user, milestone=milestone, on=payload.on)


@router.post("/contracts/{pk}/complete", response=ContractsContractDetailOut)
def contract_complete(request, pk: int, payload: ContractsDayIn):
    return _act(request, pk, lambda c: services.contract_complete(
        actor=request.user, contract=c, on=payload.on))  # fmt: skip


@router.post("/contracts/{pk}/terminate", response=ContractsContractDetailOut)
def contract_terminate(request, pk: int, payload: ContractsReasonIn):
    return _act(request, pk, lambda c: services.contract_terminate(
        actor=request.user, contract=c, reason=payload.reason, on=payload.on))  # fmt: skip


@router.get("/figures", summary="The register's annual figures (staff)")
def figures(request, year: int = Query(..., ge=2000, le=2100)):
    user = _staff(request)
    county = rules.county_of(user)
    return annual_figures(county, year) if county is not None else {}

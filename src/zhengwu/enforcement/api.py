"""The JSON API of the enforcement app (mounted by ``zhengwu.api`` at ``/api/enforcement``).

Public, without sign-in: the confirmed bodies and the certificate lookup (holder's name, body,
area and validity only; failed look-ups throttled per address). For staff: the annual figures,
the case files they may see, and the services that file and decide a case, issue a certificate
and file a major penalty decision (the errors of the services come back as ``code``/``message``).
"""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.catalog.models import Power
from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.enforcement import rules, selectors, services
from zhengwu.enforcement.figures import annual_figures
from zhengwu.enforcement.models import CaseFile
from zhengwu.enforcement.views import LOOKUPS, _client_key, _county
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Clock

router = Router(tags=["enforcement"])


def _staff(request):
    if not request.user.has_perm("enforcement.view_registry"):
        raise NotPermitted()
    return request.user


class EnforcementBodyOut(Schema):
    id: int
    name: str
    standing: str
    standing_label: str
    entrusting_agency: str | None
    entrustment_document: str
    entrusted_from: date | None
    entrusted_to: date | None
    batch: int | None
    approving_document: str
    acts: int


def _body_out(b) -> dict:
    return {
        "id": b.pk,
        "name": b.department.name,
        "standing": b.standing,
        "standing_label": str(b.get_standing_display()),
        "entrusting_agency": b.entrusting_body.name if b.entrusting_body else None,
        "entrustment_document": b.entrustment_document,
        "entrusted_from": b.entrusted_from,
        "entrusted_to": b.entrusted_to,
        "batch": b.batch.number if b.batch else None,
        "approving_document": b.batch.document if b.batch else "",
        "acts": b.acts,
    }


@router.get(
    "/bodies",
    response=list[EnforcementBodyOut],
    auth=None,
    summary="Confirmed enforcement bodies",
)
def list_bodies(request):
    county = home_county()
    if county is None:
        return []
    return [_body_out(b) for b in selectors.public_bodies(county)]


class CertificateOut(Schema):
    number: str
    holder: str
    body: str
    area: str
    issuing_authority: str
    valid_from: date
    valid_to: date
    status: str
    status_label: str


@router.get(
    "/certificates/{number}",
    response=CertificateOut,
    auth=None,
    summary="Check an enforcement certificate by its number",
)
def lookup_certificate(request, number: str):
    key = _client_key(request)
    if LOOKUPS.blocked(key):
        raise HttpError(429, _("Too many look-ups. Please try again later."))
    found = selectors.certificate_lookup(number)
    if found is None:
        LOOKUPS.failed(key)
        raise Http404
    return found.as_dict()


@router.get("/figures", summary="The registry's annual figures (staff)")
def figures(request, year: int = Query(..., ge=2000, le=2100)):
    user = _staff(request)
    return annual_figures(_county(user), year)


class CaseFileOut(Schema):
    id: int
    number: str
    body: str
    kind: str
    act: str
    parties: str
    is_major: bool
    status: str
    outcome: str
    filed_on: date
    decided_on: date | None
    decision_due: date | None
    penalty_amount: Decimal | None
    officials: list[str]


def _case_out(cf: CaseFile, *, clocks: dict | None = None) -> dict:
    """``clocks``: the decision clocks of a list's case files by id (else read here)."""
    clock = services.case_clock(cf, services.DECISION) if clocks is None else clocks.get(cf.pk)
    return {
        "id": cf.pk,
        "number": cf.number,
        "body": cf.body.department.name,
        "kind": cf.kind,
        "act": cf.power.current.name if cf.power.current else "",
        "parties": cf.parties,
        "is_major": cf.is_major,
        "status": cf.status,
        "outcome": cf.outcome,
        "filed_on": cf.filed_on,
        "decided_on": cf.decided_on,
        "decision_due": clock.due_date if clock else None,
        "penalty_amount": cf.penalty_amount,
        "officials": [o.full_name for o in cf.officials.all()],
    }


@router.get("/case-files", response=list[CaseFileOut], summary="Case files the user may see")
def list_case_files(
    request, status: str = "", limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)
):
    rows = selectors.case_files_visible_to(_staff(request)).prefetch_related("officials")
    if status:
        rows = rows.filter(status=status)
    rows = list(rows.order_by("-filed_on", "-id")[offset : offset + limit])
    clocks = {}  # the latest decision clock of each, as services.case_clock reads it
    for clock in Clock.objects.filter(
        owner_type=CaseFile._meta.label_lower,
        owner_id__in=[str(cf.pk) for cf in rows],
        purpose=services.DECISION,
    ).order_by("id"):
        clocks[int(clock.owner_id)] = clock
    return [_case_out(cf, clocks=clocks) for cf in rows]


@router.get("/case-files/{case_id}", response=CaseFileOut)
def get_case_file(request, case_id: int):
    return _case_out(
        get_object_or_404(selectors.case_files_visible_to(_staff(request)), pk=case_id)
    )


class CaseFileIn(Schema):
    body_id: int
    power_code: str = Field(description="the implementation code of the catalog power")
    number: str
    parties: str
    official_ids: list[int]
    filed_on: date | None = None
    is_major: bool = False
    facts: str = ""


@router.post("/case-files", response={201: CaseFileOut}, summary="File a case")
def file_case(request, payload: CaseFileIn):
    user = _staff(request)
    body = get_object_or_404(selectors.bodies_visible_to(user), pk=payload.body_id)
    power = Power.objects.filter(implementation_code=payload.power_code).first()
    if power is None:
        raise DomainError(_("Choose an enforcement act in force."), code="invalid_act")
    officials = list(body.officials.filter(pk__in=payload.official_ids))
    case_file = services.casefile_file(
        actor=user,
        body=body,
        power=power,
        number=payload.number,
        parties=payload.parties,
        officials=officials,
        filed_on=payload.filed_on,
        is_major=payload.is_major,
        facts=payload.facts,
    )
    return Status(201, _case_out(case_file))


class DecisionIn(Schema):
    outcome: str
    penalty_amount: Decimal | None = None
    on: date | None = None


@router.post("/case-files/{case_id}/decision", response=CaseFileOut, summary="Record a decision")
def decide(request, case_id: int, payload: DecisionIn):
    user = _staff(request)
    case_file = get_object_or_404(selectors.case_files_visible_to(user), pk=case_id)
    case_file = services.casefile_decide(
        actor=user,
        case_file=case_file,
        outcome=payload.outcome,
        penalty_amount=payload.penalty_amount,
        on=payload.on,
    )
    return _case_out(case_file)


class PenaltyFilingOut(Schema):
    case_file: str
    status: str
    due_on: date
    filed_on: date | None
    on_time: bool | None


@router.post(
    "/case-files/{case_id}/filing",
    response=PenaltyFilingOut,
    summary="File a major penalty decision with the legal-affairs office",
)
def submit_filing(request, case_id: int, on: date | None = None):
    user = _staff(request)
    case_file = get_object_or_404(selectors.case_files_visible_to(user), pk=case_id)
    filing = getattr(case_file, "filing", None)
    if filing is None:
        raise Http404
    filing = services.filing_submit(actor=user, filing=filing, on=on)
    return {
        "case_file": case_file.number,
        "status": filing.status,
        "due_on": filing.due_on,
        "filed_on": filing.filed_on,
        "on_time": filing.on_time,
    }


class ApplicationIn(Schema):
    number: str
    issuing_authority: str = "内蒙古自治区人民政府"
    area: str
    valid_to: date
    on: date | None = None


@router.post(
    "/officials/{official_id}/certificates",
    response={201: CertificateOut},
    summary="Apply for (and, when eligible, issue) a certificate",
)
def apply_certificate(request, official_id: int, payload: ApplicationIn):
    user = _staff(request)
    official = get_object_or_404(selectors.officials_visible_to(user), pk=official_id)
    if not rules.can_manage_registry(user, official.body.division):
        raise NotPermitted()
    certificate = services.certificate_apply(actor=user, official=official, **payload.dict())
    return Status(201, selectors.certificate_lookup(certificate.number).as_dict())

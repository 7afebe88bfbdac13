"""The JSON API of the dispute register (mounted by ``zhengwu.api`` at ``/api/disputes/``).

Staff only. Reads go through ``disputes_visible_to(request.user)``: a dispute the caller may not
see is a 404. Contact numbers come back masked. The actions call the services, whose refusals
become JSON errors through the handlers of ``zhengwu.api``. Schema names start with
``Disputes`` (ninja keeps one schema per name across the whole project).
"""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from zhengwu.common.errors import NotPermitted
from zhengwu.disputes import rules, selectors, services
from zhengwu.disputes.figures import annual_figures
from zhengwu.disputes.models import Dispute, SweepCampaign
from zhengwu.org.models import Division

router = Router(tags=["disputes"])


def _staff(request):
    if not request.user.has_perm("disputes.view_register"):
        raise NotPermitted()
    return request.user


class DisputesPartyOut(Schema):
    side: str
    name: str
    phone: str


class DisputesSessionOut(Schema):
    held_on: date
    place: str
    participants: str
    record: str


class DisputesVisitOut(Schema):
    visited_on: date
    visited_by: str
    agreement_kept: bool
    note: str


class DisputesClockOut(Schema):
    purpose: str
    day_kind: str
    started_on: date
    due_date: date
    status: str
    completed_on: date | None


class DisputesDisputeOut(Schema):
    id: int
    number: str
    township: str
    village: str | None
    campaign: int | None
    found_on: date
    how_found: str
    dispute_type: str
    summary: str
    amount: Decimal | None
    risk_level: str
    mediator_kind: str
    mediating_body: str
    mediator: str
    status: str
    accepted_on: date | None
    reported_on: date | None
    outcome_on: date | None
    agreement_form: str
    agreement_amount: Decimal | None
    failure_advice: str
    referred_to_kind: str
    referred_to: str
    version: int


class DisputesDisputeDetailOut(DisputesDisputeOut):
    agreement_text: str
    outcome_note: str
    parties: list[DisputesPartyOut]
    sessions: list[DisputesSessionOut]
    visits: list[DisputesVisitOut]
    clocks: list[DisputesClockOut]


def _out(d: Dispute, *, detail: bool = False) -> dict:
    row = {
        "id": d.pk, "number": d.number, "township": d.township.name,
        "village": d.village.name if d.village else None, "campaign": d.campaign_id,
        "found_on": d.found_on, "how_found": d.how_found, "dispute_type": d.dispute_type,
        "summary": d.summary, "amount": d.amount, "risk_level": d.risk_level,
        "mediator_kind": d.mediator_kind, "mediating_body": d.mediating_body,
        "mediator": d.mediator, "status": d.status, "accepted_on": d.accepted_on,
        "reported_on": d.reported_on, "outcome_on": d.outcome_on,
        "agreement_form": d.agreement_form, "agreement_amount": d.agreement_amount,
        "failure_advice": d.failure_advice, "referred_to_kind": d.referred_to_kind,
        "referred_to": d.referred_to, "version": d.version,
    }  # fmt: skip
    if detail:
        row.update({
            "agreement_text": d.agreement_text, "outcome_note": d.outcome_note,
            "parties": [{"side": p.side, "name": p.name, "phone": p.masked_phone}
                        for p in d.parties.all()],
            "sessions": list(d.sessions.all()), "visits": list(d.visits.all()),
            "clocks": selectors.dispute_clocks(d),
        })  # fmt: skip
    return row


def _dispute(request, pk: int) -> Dispute:
    return get_object_or_404(selectors.disputes_visible_to(_staff(request)), pk=pk)


@router.get("/disputes", response=list[DisputesDisputeOut], summary="Disputes the user may see")
def dispute_list(
    request, township: int | None = None, dispute_type: str = "", status: str = "",
    campaign: int | None = None, year: int | None = Query(None, ge=2000, le=2100),
    month: int | None = Query(None, ge=1, le=12),
    limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0),
):  # fmt: skip
    rows = selectors.disputes_visible_to(_staff(request))
    if township:
        rows = rows.filter(township_id=township)
    if dispute_type:
        rows = rows.filter(dispute_type=dispute_type)
    if status:
        rows = rows.filter(status=status)
    if campaign:
        rows = rows.filter(campaign_id=campaign)
    if year:
        rows = rows.filter(found_on__year=year)
    if month:
        rows = rows.filter(found_on__month=month)
    return [_out(d) for d in rows.order_by("-found_on", "-pk")[offset : offset + limit]]


@router.get("/disputes/{pk}", response=DisputesDisputeDetailOut)
def dispute_detail(request, pk: int):
    return _out(_dispute(request, pk), detail=True)


class DisputesPartyIn(Schema):
    name: str
    phone: str = ""
    side: str = "applicant"


class DisputesRegisterIn(Schema):
    township: int
    village: int | None = None
    found_on: date
    how_found: str
    dispute_type: str
    summary: str
    parties: list[DisputesPartyIn]
    mediator_kind: str
    mediating_body: str = ""
    mediator: str = ""
    amount: Decimal | None = None
    risk_level: str = "general"
    campaign: int | None = None
    accepted_on: date | None = None


@router.post("/disputes", response={201: DisputesDisputeDetailOut})
def dispute_create(request, payload: DisputesRegisterIn):
    user = _staff(request)
    county = rules.county_of(user)
    data = payload.dict()
    township = get_object_or_404(Division, pk=data.pop("township"), parent=county)
    village = data.pop("village")
    campaign = data.pop("campaign")
    dispute = services.dispute_register(
        actor=user, township=township,
        village=get_object_or_404(Division, pk=village) if village else None,
        campaign=get_object_or_404(SweepCampaign, pk=campaign, division=county)
        if campaign else None,
        **data,
    )  # fmt: skip
    return Status(201, _out(_dispute(request, dispute.pk), detail=True))


class DisputesDayIn(Schema):
    on: date | None = None


class DisputesSessionIn(Schema):
    held_on: date
    place: str
    participants: str
    record: str


class DisputesExtendIn(DisputesDayIn):
    days: int
    reason: str


class DisputesRiskIn(DisputesDayIn):
    risk_level: str
    reason: str = ""


class DisputesReportIn(DisputesDayIn):
    note: str


class DisputesSucceedIn(DisputesDayIn):
    agreement_form: str
    agreement_text: str = ""
    agreement_amount: Decimal | None = None
    version: int | None = None


class DisputesFailIn(DisputesDayIn):
    advice: str
    note: str = ""
    version: int | None = None


class DisputesReferIn(DisputesDayIn):
    referred_to_kind: str
    referred_to: str
    note: str = ""
    version: int | None = None


class DisputesFollowUpIn(DisputesDayIn):
    visited_by: str
    agreement_kept: bool = True
    note: str = ""


def _act(request, pk: int, call) -> dict:
    call(_dispute(request, pk))
    return _out(_dispute(request, pk), detail=True)


@router.post("/disputes/{pk}/accept", response=DisputesDisputeDetailOut)
def dispute_accept(request, pk: int, payload: DisputesDayIn):
    return _act(request, pk, lambda d: services.dispute_accept(
        actor=request.user, dispute=d, on=payload.on))  # fmt: skip


@router.post("/disputes/{pk}/sessions", response=DisputesDisputeDetailOut)
def dispute_session(request, pk: int, payload: DisputesSessionIn):
    return _act(request, pk, lambda d: services.session_record(
        actor=request.user, dispute=d, **payload.dict()))  # fmt: skip


@router.post("/disputes/{pk}/extend", response=DisputesDisputeDetailOut)
def dispute_extend(request, pk: int, payload: DisputesExtendIn):
    return _act(request, pk, lambda d: services.dispute_extend(
        actor=request.user, dispute=d, **payload.dict()))  # fmt: skip


@router.post("/disputes/{pk}/risk", response=DisputesDisputeDetailOut)
def dispute_risk(request, pk: int, payload: DisputesRiskIn):
    return _act(request, pk, lambda d: services.dispute_set_risk(
        actor=request.user, dispute=d, **payload.dict()))  # fmt: skip


@router.post("/disputes/{pk}/report", response=DisputesDisputeDetailOut)
def dispute_report(request, pk: int, payload: DisputesReportIn):
    return _act(request, pk, lambda d: services.dispute_report(
        actor=request.user, dispute=d, **payload.dict()))  # fmt: skip


@router.post("/disputes/{pk}/succeed", response=DisputesDisputeDetailOut)
def dispute_succeed(request, pk: int, payload: DisputesSucceedIn):
    data = payload.dict()
    version = data.pop("version")
    return _act(request, pk, lambda d: services.dispute_succeed(
        actor=request.user, dispute=d, expected_version=version, **data))  # fmt: skip


@router.post("/disputes/{pk}/fail", response=DisputesDisputeDetailOut)
def dispute_fail(request, pk: int, payload: DisputesFailIn):
    data = payload.dict()
    version = data.pop("version")
    return _act(request, pk, lambda d: services.dispute_fail(
        actor=request.user, dispute=d, expected_version=version, **data))  # fmt: skip


@router.post("/disputes/{pk}/refer", response=DisputesDisputeDetailOut)
def dispute_refer(request, pk: int, payload: DisputesReferIn):
    data = payload.dict()
    version = data.pop("version")
    return _act(request, pk, lambda d: services.dispute_refer(
        actor=request.user, dispute=d, expected_version=version, **data))  # fmt: skip


@router.post("/disputes/{pk}/follow-up", response=DisputesDisputeDetailOut)
def dispute_followup(request, pk: int, payload: DisputesFollowUpIn):
    return _act(request, pk, lambda d: services.followup_record(
        actor=request.user, dispute=d, **payload.dict()))  # fmt: skip


class DisputesCampaignOut(Schema):
    id: int
    name: str
    kind: str
    started_on: date
    ended_on: date
    organiser: str
    disputes: int


@router.get("/campaigns", response=list[DisputesCampaignOut])
def campaign_list(request):
    from django.db.models import Count

    rows = selectors.campaigns_visible_to(_staff(request)).annotate(n=Count("disputes"))
    return [{"id": c.pk, "name": c.name, "kind": c.kind, "started_on": c.started_on,
             "ended_on": c.ended_on, "organiser": c.organiser.name, "disputes": c.n}
            for c in rows.order_by("-started_on", "-pk")]  # fmt: skip


@router.get("/figures", summary="The year's figures of the user's county (or township)")
def figures(request, year: int = Query(..., ge=2000, le=2100)):
    user = _staff(request)
    division = rules.county_of(user) if rules.sees_everything(user) else rules.township_of(user)
    return annual_figures(division, year)

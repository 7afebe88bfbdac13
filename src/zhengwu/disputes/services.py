"""Every change to the dispute register. Each service locks the row it changes, checks the move
against ``TRANSITIONS``, bumps the row's ``version`` and writes one audit event in its
transaction.

The clocks (``workdays.Clock``, watched by e-supervision's generic near-due and overdue rules):

- ``disputes.mediation``: the mediation time limit, ``ZHENGWU_DISPUTE_MEDIATION_DAYS`` (30)
  CALENDAR days from the day after acceptance, extendable by agreement of the parties by up to
  ``ZHENGWU_DISPUTE_MEDIATION_EXTENSION_DAYS`` (30) days in all. The People's Mediation Law
  (人民调解法, 2010) sets no time limit; 30 days is local practice (the provinces' mediation
  rules and most counties' work rules). It stops at the outcome.
- ``disputes.report``: a dispute that may escalate (可能激化) is reported to the county within
  ``ZHENGWU_DISPUTE_REPORT_DAYS`` (1) WORKING day of being so assessed (local practice as well);
  it stops when the report is recorded.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import Conflict, IllegalTransition, NotPermitted
from zhengwu.disputes import rules
from zhengwu.disputes.models import (
    TRANSITIONS,
    AgreementForm,
    Dispute,
    DisputeParty,
    DisputeStatus,
    DisputeType,
    FailureAdvice,
    FollowUpVisit,
    HowFound,
    MediationSession,
    MediatorKind,
    ReferredTo,
    RiskLevel,
    SweepCampaign,
)
from zhengwu.org.models import Department, Division
from zhengwu.workdays import services as clocks
from zhengwu.workdays.models import Clock

S = DisputeStatus

# Clock purposes.
MEDIATION = "disputes.mediation"
REPORT = "disputes.report"

PHONE = re.compile(r"^[0-9+\- ]{5,20}$")


def mediation_days() -> int:
    return int(getattr(settings, "ZHENGWU_DISPUTE_MEDIATION_DAYS", 30))


def extension_days() -> int:
    return int(getattr(settings, "ZHENGWU_DISPUTE_MEDIATION_EXTENSION_DAYS", 30))


def report_days() -> int:
    return int(getattr(settings, "ZHENGWU_DISPUTE_REPORT_DAYS", 1))


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _lock(dispute: Dispute, expected_version: int | None = None) -> Dispute:
    locked = (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("division", "township")
        .get(pk=dispute.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise Conflict()
    return locked


def _move(dispute: Dispute, to: str) -> str:
    before = dispute.status
    if to not in TRANSITIONS[S(before)]:
        raise IllegalTransition(
            _("The dispute is “%(state)s” and cannot become “%(to)s”.")
            % {"state": dispute.get_status_display(), "to": S(to).label}
        )
    dispute.status = to
    return before


# Foreign keys are checked by the services and the database; the check constraints by the
# database (Django's validation of them costs one query each, on every save).
FKS = ("division", "township", "village", "campaign", "registered_by", "dispute", "recorded_by")


def _clean(obj) -> None:
    obj.full_clean(exclude=[f for f in FKS if hasattr(obj, f"{f}_id")],
                   validate_unique=False, validate_constraints=False)  # fmt: skip


def _save(dispute: Dispute) -> None:
    dispute.version += 1
    _clean(dispute)
    dispute.save()


def _audit(dispute, *, actor, action: str, before="", to_state=None, reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=dispute,
        from_state=before,
        to_state=to_state if to_state is not None else (dispute.status if before else ""),
        reason=reason,
        detail={"number": dispute.number, **(detail or {})},
        division=dispute.division,
    )


def _handler(actor, dispute: Dispute) -> None:
    if not rules.may_handle(actor, dispute):
        raise NotPermitted(
            _("Only the township's staff or the county's legal-affairs office may do this.")
        )


def _not_before(day: datetime.date, earliest: datetime.date | None, what, field="on") -> None:
    if earliest is not None and day < earliest:
        raise ValidationError(
            {
                field: _("This cannot be dated before %(what)s (%(date)s).")
                % {"what": what, "date": earliest.isoformat()}
            }
        )


def _clock(dispute: Dispute, purpose: str) -> Clock | None:
    return (
        Clock.objects.filter(
            owner_type=Dispute._meta.label_lower, owner_id=str(dispute.pk), purpose=purpose
        )
        .exclude(status=Clock.Status.COMPLETED)
        .first()
    )


def _amount(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        raise ValidationError({field: _("Give the amount in yuan, e.g. 12000.50.")}) from None
    if amount < 0 or not amount.is_finite():
        raise ValidationError({field: _("The amount cannot be negative.")})
    return amount.quantize(Decimal("0.01"))


def format_number(county: Division, year: int, sequence: int) -> str:
    """``152531-2012-0001``: the county's code, the year found, the sequence in the year."""
    return f"{county.code[:6]}-{year}-{sequence:04d}"


def next_number(county: Division, year: int) -> str:
    prefix = format_number(county, year, 0)[:-4]
    last = (
        Dispute.objects.filter(division=county, number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )  # zero-padded: the greatest string is the greatest number (up to 9999 a year)
    return format_number(county, year, int(last[len(prefix) :]) + 1 if last else 1)


def campaign_for(county: Division, day: datetime.date) -> SweepCampaign | None:
    """The sweep a dispute found by a sweep on ``day`` belongs to: a special sweep whose period
    covers the day, else the routine sweep covering it with the shortest period."""
    covering = list(
        SweepCampaign.objects.filter(division=county, started_on__lte=day, ended_on__gte=day)
    )
    covering.sort(
        key=lambda c: (c.kind != SweepCampaign.Kind.SPECIAL, c.ended_on - c.started_on, -c.pk)
    )
    return covering[0] if covering else None


def _start_report_clock(actor, dispute: Dispute, on: datetime.date) -> Clock:
    return clocks.clock_start(
        actor=actor, owner=dispute, purpose=REPORT, day_kind=Clock.DayKind.WORKING,
        started_on=on, limit_days=report_days(),
        legal_basis=_("Local practice: a dispute that may escalate is reported to the county"),
        division=dispute.division, department=_township_government(dispute.township),
    )  # fmt: skip


def _start_mediation_clock(actor, dispute: Dispute, on: datetime.date) -> Clock:
    return clocks.clock_start(
        actor=actor, owner=dispute, purpose=MEDIATION, day_kind=Clock.DayKind.CALENDAR,
        started_on=on, limit_days=mediation_days(), max_extension_days=extension_days(),
        legal_basis=_("Local practice: the mediation time limit from acceptance"),
        division=dispute.division, department=_township_government(dispute.township),
    )  # fmt: skip


def _township_government(township: Division) -> Department | None:
    return (
        Department.objects.filter(division=township, kind=Department.Kind.GOVERNMENT)
        .order_by("pk")
        .first()
    )


def _check_parties(parties) -> list[dict]:
    checked = []
    for party in parties or []:
        name = (party.get("name") or "").strip()
        phone = (party.get("phone") or "").strip()
        side = party.get("side") or DisputeParty.Side.APPLICANT
        if not name:
            continue
        if phone and not PHONE.match(phone):
            raise ValidationError({"parties": _("A contact number has only digits, + and -.")})
        if side not in DisputeParty.Side.values:
            raise ValidationError({"parties": _("Unknown side of a party.")})
        checked.append({"name": name[:100], "phone": phone, "side": side})
    if not checked:
        raise ValidationError({"parties": _("Name at least one party.")})
    return checked


# ---------------------------------------------------------------------------------------------
# Sweep campaigns
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    actor,
    organiser: Department,
    name: str,
    kind: str,
    started_on: datetime.date,
    ended_on: datetime.date,
    description: str = "",
) -> SweepCampaign:
    """A sweep organised by ``organiser`` in its county; the disputes already registered as
    found by a sweep in its period and attached to no sweep are attached to it."""
    county = organiser.division.county or organiser.division
    if not rules.may_organise_sweeps(actor, county):
        raise NotPermitted(_("Only the county's legal-affairs office organises sweeps."))
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Name the sweep.")
    if kind not in SweepCampaign.Kind.values:
        errors["kind"] = _("Choose a monthly, quarterly or special sweep.")
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = _("The sweep cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    campaign = SweepCampaign(
        division=county, name=name.strip(), kind=kind, started_on=started_on,
        ended_on=ended_on, organiser=organiser, description=description or "",
    )  # fmt: skip
    campaign.full_clean()
    campaign.save()
    attached = Dispute.objects.filter(
        division=county, campaign__isnull=True, how_found=HowFound.SWEEP,
        found_on__gte=started_on, found_on__lte=ended_on,
    ).update(campaign=campaign)  # fmt: skip
    audit_record(
        actor=actor, action="sweep_campaign_create", obj=campaign, division=county,
        detail={"name": campaign.name, "kind": kind, "started_on": started_on.isoformat(),
                "ended_on": ended_on.isoformat(), "attached": attached},
    )  # fmt: skip
    return campaign


# ---------------------------------------------------------------------------------------------
# Registration, acceptance, risk
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def dispute_register(
    *,
    actor,
    township: Division,
    found_on: datetime.date,
    how_found: str,
    dispute_type: str,
    summary: str,
    parties: list[dict],
    mediator_kind: str,
    mediating_body: str = "",
    mediator: str = "",
    village: Division | None = None,
    amount=None,
    risk_level: str = RiskLevel.GENERAL,
    campaign: SweepCampaign | None = None,
    accepted_on: datetime.date | None = None,
) -> Dispute:
    """Register a dispute found on ``found_on`` in ``township``. Found by a sweep, it is
    attached to ``campaign`` or to the sweep covering the day. With ``accepted_on`` it is
    accepted for mediation at once (the mediation clock starts); a dispute that may escalate
    starts the clock to report it to the county from ``found_on``."""
    if township is None or township.level != Division.Level.TOWNSHIP:
        raise ValidationError({"township": _("Choose a township.")})
    if not rules.may_handle_in(actor, township):
        raise NotPermitted(
            _("Only the township's staff or the county's legal-affairs office may register.")
        )
    found_on = act_day(found_on)
    county = township.county or township.parent
    errors = {}
    if village is not None and village.parent_id != township.pk:
        errors["village"] = _("The village or community must be in the township.")
    for field, value, enum in (
        ("how_found", how_found, HowFound), ("dispute_type", dispute_type, DisputeType),
        ("risk_level", risk_level, RiskLevel), ("mediator_kind", mediator_kind, MediatorKind),
    ):  # fmt: skip
        if value not in enum.values:
            errors[field] = _("Choose one of the listed values.")
    if not (summary or "").strip():
        errors["summary"] = _("Say what the dispute is about.")
    if campaign is not None and (
        campaign.division_id != county.pk
        or not campaign.started_on <= found_on <= campaign.ended_on
    ):
        errors["campaign"] = _("The dispute was not found during this sweep.")
    if errors:
        raise ValidationError(errors)
    if accepted_on is not None:
        accepted_on = act_day(accepted_on)
        _not_before(accepted_on, found_on, _("the day it was found"), "accepted_on")
    checked = _check_parties(parties)
    if campaign is None and how_found == HowFound.SWEEP:
        campaign = campaign_for(county, found_on)
    Division.objects.select_for_update().filter(pk=county.pk).first()  # numbers in order
    dispute = Dispute(
        division=county, township=township, village=village, campaign=campaign,
        number=next_number(county, found_on.year), found_on=found_on, how_found=how_found,
        dispute_type=dispute_type, summary=summary.strip(), amount=_amount(amount, "amount"),
        risk_level=risk_level, mediator_kind=mediator_kind,
        mediating_body=(mediating_body or "").strip(), mediator=(mediator or "").strip(),
        registered_by=actor,
    )  # fmt: skip
    if accepted_on is not None:
        dispute.status, dispute.accepted_on = S.MEDIATING, accepted_on
    _clean(dispute)
    dispute.save()
    DisputeParty.objects.bulk_create([DisputeParty(dispute=dispute, **p) for p in checked])
    _audit(dispute, actor=actor, action="dispute_register", to_state=dispute.status, detail={
        "status": dispute.status, "found_on": found_on.isoformat(), "type": dispute_type,
        "risk": risk_level, "campaign": campaign.pk if campaign else None,
        "accepted_on": accepted_on.isoformat() if accepted_on else None,
    })  # fmt: skip
    if accepted_on is not None:
        _start_mediation_clock(actor, dispute, accepted_on)
    if risk_level == RiskLevel.MAY_ESCALATE:
        _start_report_clock(actor, dispute, found_on)
    return dispute


@transaction.atomic
def dispute_accept(
    *, actor, dispute: Dispute, on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Dispute:  # fmt: skip
    """Accepted for mediation on ``on``: the mediation clock runs from the next day."""
    dispute = _lock(dispute, expected_version)
    _handler(actor, dispute)
    on = act_day(on)
    _not_before(on, dispute.found_on, _("the day it was found"))
    before = _move(dispute, S.MEDIATING)
    dispute.accepted_on = on
    _save(dispute)
    clock = _start_mediation_clock(actor, dispute, on)
    _audit(dispute, actor=actor, action="dispute_accept", before=before,
           detail={"on": on.isoformat(), "due": clock.due_date.isoformat()})  # fmt: skip
    return dispute


@transaction.atomic
def dispute_extend(
    *, actor, dispute: Dispute, days: int, reason: str, on: datetime.date | None = None,
) -> Clock:  # fmt: skip
    """The parties agree to more time for the mediation (at most the configured extension)."""
    dispute = _lock(dispute)
    _handler(actor, dispute)
    on = act_day(on)
    if dispute.status != S.MEDIATING:
        raise IllegalTransition(_("Only a dispute being mediated can be given more time."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record that the parties agreed, and why.")})
    clock = _clock(dispute, MEDIATION)
    clock = clocks.clock_extend(actor=actor, clock=clock, days=days, approved_by=actor,
                                approved_on=on, reason=reason.strip())  # fmt: skip
    _save(dispute)
    detail = {"on": on.isoformat(), "days": days, "due": clock.due_date.isoformat()}
    _audit(dispute, actor=actor, action="dispute_extend", reason=reason.strip(), detail=detail)
    return clock


@transaction.atomic
def dispute_set_risk(
    *, actor, dispute: Dispute, risk_level: str, reason: str = "",
    on: datetime.date | None = None,
) -> Dispute:  # fmt: skip
    """Re-assess the risk; raised to 'may escalate' it starts the clock to report it to the
    county (once: a report owed stays owed if the risk is lowered again)."""
    dispute = _lock(dispute)
    _handler(actor, dispute)
    on = act_day(on)
    if risk_level not in RiskLevel.values:
        raise ValidationError({"risk_level": _("Choose one of the listed values.")})
    if risk_level == dispute.risk_level:
        raise ValidationError({"risk_level": _("The dispute already has this risk level.")})
    if not dispute.is_open:
        raise IllegalTransition(_("The risk of a dispute with an outcome is not re-assessed."))
    before = dispute.risk_level
    dispute.risk_level = risk_level
    _save(dispute)
    if (
        risk_level == RiskLevel.MAY_ESCALATE
        and dispute.reported_on is None
        and not Clock.objects.filter(
            owner_type=Dispute._meta.label_lower, owner_id=str(dispute.pk), purpose=REPORT
        ).exists()
    ):
        _start_report_clock(actor, dispute, on)
    audit_record(actor=actor, action="dispute_set_risk", obj=dispute, from_state=before,
                 to_state=risk_level, reason=reason or "", division=dispute.division,
                 detail={"number": dispute.number, "on": on.isoformat()})  # fmt: skip
    return dispute


@transaction.atomic
def dispute_report(
    *, actor, dispute: Dispute, note: str, on: datetime.date | None = None
) -> Dispute:
    """The dispute that may escalate is reported to the county (its report clock stops)."""
    dispute = _lock(dispute)
    _handler(actor, dispute)
    on = act_day(on)
    clock = _clock(dispute, REPORT)
    if clock is None or dispute.reported_on is not None:
        raise IllegalTransition(_("No report to the county is owed for this dispute."))
    _not_before(on, dispute.found_on, _("the day it was found"))
    if not (note or "").strip():
        raise ValidationError({"note": _("Say to whom and what was reported.")})
    dispute.reported_on, dispute.report_note = on, note.strip()
    _save(dispute)
    clocks.clock_complete(actor=actor, clock=clock, on=on)
    _audit(dispute, actor=actor, action="dispute_report", reason=note.strip(),
           detail={"on": on.isoformat(), "due": clock.due_date.isoformat()})  # fmt: skip
    return dispute


# ---------------------------------------------------------------------------------------------
# Mediation and its outcome
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def session_record(
    *, actor, dispute: Dispute, held_on: datetime.date, place: str, participants: str,
    record: str,
) -> MediationSession:  # fmt: skip
    """A mediation session of a dispute being mediated."""
    dispute = _lock(dispute)
    _handler(actor, dispute)
    held_on = act_day(held_on)
    if dispute.status != S.MEDIATING:
        raise IllegalTransition(_("Sessions are recorded while the dispute is being mediated."))
    _not_before(held_on, dispute.accepted_on, _("the acceptance"), "held_on")
    errors = {}
    for field, value in (("place", place), ("participants", participants), ("record", record)):
        if not (value or "").strip():
            errors[field] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    session = MediationSession(dispute=dispute, held_on=held_on, place=place.strip(),
                               participants=participants.strip(), record=record.strip(),
                               recorded_by=actor)  # fmt: skip
    _clean(session)
    session.save()
    _save(dispute)
    _audit(dispute, actor=actor, action="session_record",
           detail={"on": held_on.isoformat(), "session": session.pk})  # fmt: skip
    return session


def _outcome(
    actor, dispute: Dispute, to: str, on: datetime.date | None
) -> tuple[str, datetime.date]:
    _handler(actor, dispute)
    on = act_day(on)
    _not_before(on, dispute.accepted_on or dispute.found_on, _("the acceptance"))
    before = _move(dispute, to)
    dispute.outcome_on = on
    return before, on


def _stop_mediation_clock(actor, dispute: Dispute, on: datetime.date) -> dict:
    clock = _clock(dispute, MEDIATION)
    if clock is None:
        return {}
    clock = clocks.clock_complete(actor=actor, clock=clock, on=on)
    return {"due": clock.due_date.isoformat(), "on_time": on <= clock.due_date}


@transaction.atomic
def dispute_succeed(
    *, actor, dispute: Dispute, agreement_form: str, agreement_text: str = "",
    agreement_amount=None, on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Dispute:  # fmt: skip
    """Mediated successfully (调解成功): an oral or a written agreement (a written one states
    its terms)."""
    dispute = _lock(dispute, expected_version)
    errors = {}
    if agreement_form not in AgreementForm.values:
        errors["agreement_form"] = _("Choose an oral or a written agreement.")
    if agreement_form == AgreementForm.WRITTEN and not (agreement_text or "").strip():
        errors["agreement_text"] = _("A written agreement states its terms.")
    if errors:
        raise ValidationError(errors)
    before, on = _outcome(actor, dispute, S.SUCCEEDED, on)
    dispute.agreement_form = agreement_form
    dispute.agreement_text = (agreement_text or "").strip()
    dispute.agreement_amount = _amount(agreement_amount, "agreement_amount")
    _save(dispute)
    timing = _stop_mediation_clock(actor, dispute, on)
    _audit(dispute, actor=actor, action="dispute_succeed", before=before,
           detail={"on": on.isoformat(), "form": agreement_form, **timing})  # fmt: skip
    return dispute


@transaction.atomic
def dispute_fail(
    *, actor, dispute: Dispute, advice: str, note: str = "", on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Dispute:  # fmt: skip
    """Mediation failed (调解不成): the parties are told where to go (court, arbitration...)."""
    dispute = _lock(dispute, expected_version)
    if advice not in FailureAdvice.values:
        raise ValidationError({"advice": _("Say what the parties were advised to do.")})
    before, on = _outcome(actor, dispute, S.FAILED, on)
    dispute.failure_advice, dispute.outcome_note = advice, (note or "").strip()
    _save(dispute)
    timing = _stop_mediation_clock(actor, dispute, on)
    _audit(dispute, actor=actor, action="dispute_fail", before=before, reason=note or "",
           detail={"on": on.isoformat(), "advice": advice, **timing})  # fmt: skip
    return dispute


@transaction.atomic
def dispute_refer(
    *, actor, dispute: Dispute, referred_to_kind: str, referred_to: str, note: str = "",
    on: datetime.date | None = None, expected_version: int | None = None,
) -> Dispute:  # fmt: skip
    """Referred (移交) to a court, labour arbitration, the petition office or a department,
    before or during mediation."""
    dispute = _lock(dispute, expected_version)
    errors = {}
    if referred_to_kind not in ReferredTo.values:
        errors["referred_to_kind"] = _("Choose where the dispute goes.")
    if not (referred_to or "").strip():
        errors["referred_to"] = _("Name the body that receives the dispute.")
    if errors:
        raise ValidationError(errors)
    before, on = _outcome(actor, dispute, S.REFERRED, on)
    dispute.referred_to_kind, dispute.referred_to = referred_to_kind, referred_to.strip()
    dispute.outcome_note = (note or "").strip()
    _save(dispute)
    timing = _stop_mediation_clock(actor, dispute, on)
    _audit(dispute, actor=actor, action="dispute_refer", before=before, reason=note or "",
           detail={"on": on.isoformat(), "to": referred_to_kind,
                   "receiver": dispute.referred_to, **timing})  # fmt: skip
    return dispute


@transaction.atomic
def followup_record(
    *, actor, dispute: Dispute, visited_by: str, agreement_kept: bool = True, note: str = "",
    on: datetime.date | None = None,
) -> FollowUpVisit:  # fmt: skip
    """A follow-up visit (回访) of a dispute mediated successfully."""
    dispute = _lock(dispute)
    _handler(actor, dispute)
    on = act_day(on)
    if dispute.status != S.SUCCEEDED:
        raise IllegalTransition(_("Only a dispute mediated successfully is visited."))
    _not_before(on, dispute.outcome_on, _("the agreement"))
    if not (visited_by or "").strip():
        raise ValidationError({"visited_by": _("Name who made the visit.")})
    if not agreement_kept and not (note or "").strip():
        raise ValidationError({"note": _("Say how the agreement is not kept.")})
    visit = FollowUpVisit(dispute=dispute, visited_on=on, visited_by=visited_by.strip(),
                          agreement_kept=agreement_kept, note=(note or "").strip(),
                          recorded_by=actor)  # fmt: skip
    _clean(visit)
    visit.save()
    _save(dispute)
    _audit(dispute, actor=actor, action="followup_record", reason=note or "",
           detail={"on": on.isoformat(), "kept": agreement_kept})  # fmt: skip
    return visit

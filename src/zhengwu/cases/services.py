"""State changes of cases. Every service runs in one transaction and writes one audit event.

A case walks its power's process definition (``catalog.Stage``): acceptance at a window, then one
task (待办) per stage for the stage's department and role. Stages of a parallel group open at the
same moment; a stage opens when the stages before it are done. One "disagree" stops the walk: the
open reviews are cancelled and the decision stage opens, where only a denial can be decided.

Every service locks the case row first, so two actions on one case run one after the other, and a
task is completed by a conditional update, so acting twice on one task fails with ``Conflict``.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.cases.models import (
    AgencyAuthorisation,
    Case,
    CaseMaterial,
    Channel,
    CorrectionNotice,
    Decision,
    DeliveryMethod,
    Rating,
    Task,
)
from zhengwu.cases.notify import notify
from zhengwu.cases.uploads import check_case_total, check_upload
from zhengwu.catalog.models import SERVICE_KINDS, Power, PowerVersion, Stage
from zhengwu.catalog.process import build_graph
from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.org.models import ServiceCentre, User
from zhengwu.org.roles import Role
from zhengwu.workdays import services as clocks
from zhengwu.workdays.models import Clock, ClockSuspension

# Which kind of post takes applications on which channel.
CHANNEL_OF_POST = {
    ServiceCentre.Kind.COUNTY_CENTRE: Channel.COUNTY_WINDOW,
    ServiceCentre.Kind.TOWNSHIP_HALL: Channel.TOWNSHIP_HALL,
    ServiceCentre.Kind.VILLAGE_POINT: Channel.VILLAGE_POINT,
}

# Statutory windows, in working days.
ACCEPTANCE_WINDOW_DAYS = 5  # 行政许可法 art. 32
DELIVERY_DAYS = 10  # 行政许可法 art. 44
FOLLOW_UP_DAYS = 15  # 政务服务“好差评”: a bad rating is answered within 15 working days

# Clock purposes of a case.
ACCEPTANCE = "approval.acceptance"
LEGAL = "approval.legal"
PROMISED = "approval.promised"
INSTANT = "approval.instant"
DELIVERY = "approval.delivery"
STAGE = "approval.stage"
FOLLOW_UP = "rating.follow_up"
CASE_CLOCKS = [LEGAL, PROMISED, INSTANT]

# Moves of a case's status, declared as data; each service checks its move against this.
TRANSITIONS = {
    Case.Status.SUBMITTED: {
        Case.Status.CORRECTION,
        Case.Status.ACCEPTED,
        Case.Status.REFUSED,
        Case.Status.WITHDRAWN,
    },
    Case.Status.CORRECTION: {Case.Status.SUBMITTED, Case.Status.WITHDRAWN},
    Case.Status.ACCEPTED: {Case.Status.IN_REVIEW, Case.Status.DECIDED, Case.Status.WITHDRAWN},
    Case.Status.IN_REVIEW: {Case.Status.DECIDED, Case.Status.WITHDRAWN},
    Case.Status.DECIDED: {Case.Status.DELIVERED, Case.Status.COMPLETED},
    Case.Status.DELIVERED: {Case.Status.COMPLETED},
    Case.Status.REFUSED: set(),
    Case.Status.COMPLETED: set(),
    Case.Status.WITHDRAWN: set(),
}

# The suspension ground recorded when a stage the law keeps out of the time limit opens.
SUSPENSION_FOR_KIND = {
    Stage.Kind.HEARING: ClockSuspension.Reason.HEARING,
    Stage.Kind.EXPERT_REVIEW: ClockSuspension.Reason.EXPERT_REVIEW,
    Stage.Kind.INSPECTION: ClockSuspension.Reason.INSPECTION,
}
DEFAULT_ROLE_FOR_KIND = {
    Stage.Kind.ACCEPT: Role.WINDOW_CLERK,
    Stage.Kind.DECIDE: Role.DEPARTMENT_HEAD,
    Stage.Kind.DELIVER: Role.WINDOW_CLERK,
}


def query_digest(number: str, code: str) -> str:
    return hashlib.sha256(f"{number}:{code.strip()}".encode()).hexdigest()


@dataclass(frozen=True)
class Submission:
    case: Case
    query_code: str | None  # shown once; None when a retried submission returned the first case
    created: bool


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


_day = act_day


def _lock(case: Case) -> Case:
    """The case row, locked until the end of the transaction (a no-op wait on SQLite, whose
    IMMEDIATE transactions already run one at a time)."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("power_version", "department__division", "applicant", "handling_centre")
        .get(pk=case.pk)
    )


def _move(case: Case, to: str) -> str:
    before = case.status
    if to not in TRANSITIONS[Case.Status(before)]:
        raise IllegalTransition(
            _("The case is %(state)s and cannot become %(to)s.")
            % {"state": case.get_status_display(), "to": Case.Status(to).label}
        )
    case.status = to
    return before


def _audit(case: Case, *, actor, action: str, before="", reason="", detail=None) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=case,
        from_state=before,
        to_state=case.status if before else "",
        reason=reason,
        detail={"number": case.number, **(detail or {})},
        division=case.department.division,
    )


def _touch(case: Case, *fields: str) -> None:
    case.last_activity_at = timezone.now()
    case.save(update_fields=[*fields, "last_activity_at"])
    # E-supervision re-evaluates the case as soon as the change is committed: once per service
    # call (each service locks and loads its own copy of the case), however often it touched it.
    if not case.__dict__.get("_recheck_queued"):
        case.__dict__["_recheck_queued"] = True
        transaction.on_commit(partial(_supervise, case.pk))


def _supervise(case_pk: int) -> None:
    from zhengwu.supervision.sweep import sweep

    sweep(scope=[case_pk])


def _clock(case_or_task, purpose: str, *, open_only: bool = True) -> Clock | None:
    clocks_ = Clock.objects.filter(
        owner_type=case_or_task._meta.label_lower, owner_id=str(case_or_task.pk), purpose=purpose
    )
    if open_only:
        clocks_ = clocks_.exclude(status=Clock.Status.COMPLETED)
    return clocks_.order_by("-id").first()


def _complete_clock(obj, purpose: str, *, actor, on: datetime.date) -> None:
    clock = _clock(obj, purpose)
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=max(on, clock.started_on))


def is_instant(case: Case) -> bool:
    return case.power_version.matter_type == PowerVersion.MatterType.INSTANT


def may_act(user: User, case: Case, *, department_id: int, role: str) -> bool:
    """Whether ``user`` may act for ``department_id`` in ``role`` on ``case``.

    The windows of the centre (or hall) that handles a case accept and deliver for every
    department stationed there; at the window an instant matter is also decided on the spot.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_applicant:
        return False
    at_window = (
        user.has_role(Role.WINDOW_CLERK)
        and user.service_centre_id is not None
        and user.service_centre_id == case.handling_centre_id
    )
    if user.has_role(role) and user.department_id == department_id:
        return True
    if role == Role.WINDOW_CLERK and at_window:
        return True
    return at_window and is_instant(case)


def _check_window(actor: User, case: Case) -> None:
    if not may_act(actor, case, department_id=case.department_id, role=Role.WINDOW_CLERK):
        raise NotPermitted(
            _("Only a window clerk of %(dept)s or of the centre handling the case may do this.")
            % {"dept": case.department.name}
        )


# ---------------------------------------------------------------------------------------------
# Submission
# ---------------------------------------------------------------------------------------------


def _agency_for(actor: User, applicant: User, day: datetime.date) -> AgencyAuthorisation | None:
    if actor.pk == applicant.pk or actor.is_applicant:
        return None
    for agency in AgencyAuthorisation.objects.filter(applicant=applicant, agent=actor):
        if agency.in_force_on(day):
            return agency
    return None


def _check_submitter(
    actor: User, applicant: User, agency: AgencyAuthorisation | None
) -> tuple[str, ServiceCentre | None]:
    """The channel and post of a submission, or NotPermitted."""
    if not applicant.is_applicant:
        raise DomainError(
            _("Applications are made by a citizen or an organisation."), code="not_an_applicant"
        )
    if actor.pk == applicant.pk:
        return Channel.ONLINE, None
    if agency is None and not (
        actor.has_role(Role.WINDOW_CLERK) or actor.has_role(Role.VILLAGE_AGENT)
    ):
        raise NotPermitted(
            _(
                "Only a window clerk, a village agent or an agency clerk authorised by the "
                "applicant files on someone's behalf."
            )
        )
    post = actor.service_centre
    if post is None or post.kind not in CHANNEL_OF_POST:
        raise NotPermitted(_("Your account has no post at a service centre, hall or point."))
    return CHANNEL_OF_POST[post.kind], post


def _applicable_version(power: Power) -> PowerVersion:
    power = Power.objects.select_related("current__department__division").get(pk=power.pk)
    version = power.current
    if version is None or power.status != Power.Status.IN_FORCE:
        raise DomainError(_("This matter is not open for applications."), code="not_in_force")
    if version.kind not in SERVICE_KINDS:
        raise DomainError(_("This matter is not applied for."), code="not_applicable")
    return version


def handling_centre_for(version: PowerVersion) -> ServiceCentre | None:
    """The centre whose windows handle applications for ``version``: the county centre for the
    matters stationed there, the township hall for a township's matters, else none (the
    department's own office)."""
    division = version.department.division
    if version.in_service_centre:
        kind = ServiceCentre.Kind.COUNTY_CENTRE
        if division.level == division.Level.LEAGUE:
            kind = ServiceCentre.Kind.LEAGUE_CENTRE
    elif division.level == division.Level.TOWNSHIP:
        kind = ServiceCentre.Kind.TOWNSHIP_HALL
    else:
        return None
    return (
        ServiceCentre.objects.filter(division=division, kind=kind, is_active=True)
        .order_by("id")
        .first()
    )


def _check_files(files: list | None, version_id: int, *, already: int = 0) -> list:
    """Check every file; each is an upload or a (catalog material, upload) pair. A material must
    belong to the case's version, and the case's files (``already`` bytes before these) must stay
    within the per-case limit."""
    checked = []
    for item in files or []:
        material, upload = item if isinstance(item, tuple) else (None, item)
        if material is not None and material.version_id != version_id:
            raise ValidationError({"files": _("A file is given for a material of another matter.")})
        checked.append((material, upload, check_upload(upload)))
    check_case_total(already, [info for _material, _upload, info in checked])
    return checked


def _store_materials(case: Case, actor: User, checked: list) -> None:
    for catalog_material, upload, info in checked:
        material = CaseMaterial(
            case=case,
            catalog_material=catalog_material,
            original_name=info.name,
            content_type=info.content_type,
            size=info.size,
            sha256=info.sha256,
            uploaded_by=actor,
        )
        # Stored under a generated name; the applicant's file name is kept only as text.
        material.file.save(f"{uuid.uuid4().hex}{_extension(info.name)}", File(upload), save=False)
        material.save()


def _start_acceptance_clock(case: Case, actor, day: datetime.date) -> None:
    clocks.clock_start(
        actor=actor,
        owner=case,
        purpose=ACCEPTANCE,
        day_kind=Clock.DayKind.WORKING,
        started_on=day,
        limit_days=ACCEPTANCE_WINDOW_DAYS,
        legal_basis=_("Administrative Licensing Law art. 32"),
        division=case.department.division,
        department=case.department,
    )


@transaction.atomic
def case_submit(
    *,
    actor: User,
    applicant: User,
    power: Power,
    idempotency_key: str,
    form_data: dict | None = None,
    files: list | None = None,
    received_on: datetime.date | None = None,
) -> Submission:
    """File an application. A retry with the same key returns the first case, unchanged."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError({"idempotency_key": _("Give a key of 1 to 64 characters.")})
    existing = Case.objects.filter(submitted_by=actor, idempotency_key=key).first()
    if existing is not None:
        return Submission(existing, None, created=False)
    today = timezone.localdate()
    agency = _agency_for(actor, applicant, today)
    channel, post = _check_submitter(actor, applicant, agency)
    version = _applicable_version(power)
    checked = _check_files(files, version.pk)
    received = _day(received_on)
    code = f"{secrets.randbelow(10**8):08d}"
    case = Case(
        number=f"~{uuid.uuid4().hex[:30]}",  # replaced below, in this transaction
        query_digest="",
        power_version=version,
        department=version.department,
        applicant=applicant,
        submitted_by=actor,
        channel=channel,
        service_centre=post,
        idempotency_key=key,
        form_data=form_data or {},
        received_on=received,
        materials_complete_on=received,
        handling_centre=_first_handling_centre(version, post),
        agency=agency,
    )
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # The same key committed by a concurrent retry in the meantime.
        return Submission(Case.objects.get(submitted_by=actor, idempotency_key=key), None, False)
    division = version.department.division
    case.number = f"{division.code[:6]}{today:%Y}{case.pk:08d}"
    case.query_digest = query_digest(case.number, code)
    Case.objects.filter(pk=case.pk).update(number=case.number, query_digest=case.query_digest)
    _store_materials(case, actor, checked)
    _start_acceptance_clock(case, actor, case.materials_complete_on)
    audit_record(
        actor=actor,
        action="case_submit",
        obj=case,
        to_state=Case.Status.SUBMITTED,
        detail={
            "number": case.number,
            "power": power.implementation_code,
            "version": version.number,
            "channel": channel,
            "materials": len(checked),
            "received_on": case.received_on.isoformat(),
            **({"agency": agency.pk} if agency else {}),
        },
        division=division,
    )
    notify(case, "submitted")
    return Submission(case, code, created=True)


def _first_handling_centre(version: PowerVersion, post: ServiceCentre | None):
    """Where the case is handled from the start; None when a point must forward it first."""
    target = handling_centre_for(version)
    if post is None or post == target:
        return target
    if post.kind == ServiceCentre.Kind.COUNTY_CENTRE and target is None:
        return post
    return None  # taken at a hall or point for another body: forwarded, receipt date kept


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


# ---------------------------------------------------------------------------------------------
# Forwarding and acceptance
# ---------------------------------------------------------------------------------------------


def needs_forwarding(case: Case) -> bool:
    return case.handling_centre_id is None and case.service_centre_id is not None


@transaction.atomic
def case_forward(*, actor: User, case: Case, on: datetime.date | None = None) -> Case:
    """Send an application taken at a hall or village point on to the centre that handles it.
    The day the materials arrived at the point stays the case's receipt date."""
    case = _lock(case)
    day = _day(on)
    if not needs_forwarding(case):
        raise IllegalTransition(_("This case does not need forwarding."))
    if case.status not in (Case.Status.SUBMITTED, Case.Status.CORRECTION):
        raise IllegalTransition(_("Only an application not yet accepted is forwarded."))
    if not at_post(actor, case):
        raise NotPermitted(_("Only the staff of the point that took the application forward it."))
    target = handling_centre_for(case.power_version)
    if target is None:
        raise DomainError(
            _("No service centre handles this matter; hand the application to %(dept)s.")
            % {"dept": case.department.name},
            code="no_centre",
        )
    case.handling_centre = target
    case.forwarded_on = day
    _touch(case, "handling_centre", "forwarded_on")
    _audit(
        case,
        actor=actor,
        action="case_forward",
        detail={
            "to": target.name,
            "on": day.isoformat(),
            "received_on": case.received_on.isoformat(),
        },
    )
    return case


def at_post(user: User, case: Case) -> bool:
    """Whether ``user`` works at the hall or point that took the application."""
    return (
        user.service_centre_id is not None
        and user.service_centre_id == case.service_centre_id
        and (user.has_role(Role.VILLAGE_AGENT) or user.has_role(Role.WINDOW_CLERK))
    )


def _check_acceptance_open(case: Case, day: datetime.date) -> None:
    if needs_forwarding(case):
        raise IllegalTransition(
            _("The application is still at %(point)s: it must be forwarded first.")
            % {"point": case.service_centre.name}
        )
    clock = _clock(case, ACCEPTANCE)
    if clock is not None and day > clock.due_date:
        raise DomainError(
            _(
                "The %(days)s working days for deciding on acceptance ended on %(due)s: the "
                "application is deemed accepted from the day its materials arrived (Administrative "
                "Licensing Law art. 32). Accept it."
            )
            % {"days": ACCEPTANCE_WINDOW_DAYS, "due": clock.due_date.isoformat()},
            code="acceptance_window_passed",
        )


@transaction.atomic
def case_request_correction(
    *,
    actor: User,
    case: Case,
    items: list[str],
    reason: str = "",
    on: datetime.date | None = None,
) -> CorrectionNotice:
    """Tell the applicant, in one notice, everything to correct or supply (一次性告知)."""
    case = _lock(case)
    day = _day(on)
    _check_window(actor, case)
    items = [str(item).strip() for item in items or [] if str(item).strip()]
    errors = {}
    if not items:
        errors["items"] = _("List every item to correct or supply, at once.")
    repeated = case.correction_count > 0
    if repeated and not reason.strip():
        errors["reason"] = _(
            "This case already had a correction request: all items must be told at once. A "
            "further request needs a reason, and it is reported to supervision."
        )
    if errors:
        raise ValidationError(errors)
    _check_acceptance_open(case, day)
    before = _move(case, Case.Status.CORRECTION)
    notice = CorrectionNotice.objects.create(
        case=case,
        items=items,
        reason=reason.strip(),
        flagged=repeated,
        issued_by=actor,
        issued_on=day,
    )
    case.correction_count += 1
    case.correction_flagged = case.correction_flagged or repeated
    _touch(case, "status", "correction_count", "correction_flagged")
    _complete_clock(case, ACCEPTANCE, actor=actor, on=day)
    _audit(
        case,
        actor=actor,
        action="case_request_correction",
        before=before,
        reason=reason.strip(),
        detail={"items": items, "notice": notice.pk, "flagged": repeated, "on": day.isoformat()},
    )
    notify(case, "correction", key=str(notice.pk), items="、".join(items))
    return notice


def may_file_for(user: User, case: Case) -> bool:
    """The applicant, whoever filed the case for them, and the agency clerk of the case."""
    return user.is_authenticated and (
        user.pk in (case.applicant_id, case.submitted_by_id)
        or (case.agency_id is not None and case.agency.agent_id == user.pk)
    )


@transaction.atomic
def case_supply_materials(
    *,
    actor: User,
    case: Case,
    files: list | None = None,
    note: str = "",
    on: datetime.date | None = None,
) -> Case:
    """The applicant hands in what the correction notice asked for; the acceptance window starts
    again from the day it arrives."""
    case = _lock(case)
    day = _day(on)
    if not may_file_for(actor, case):
        raise NotPermitted(_("Only the applicant or whoever filed the case supplies materials."))
    already = case.materials.aggregate(total=Sum("size"))["total"] or 0
    checked = _check_files(files, case.power_version_id, already=already)
    if not checked and not note.strip():
        raise ValidationError({"files": _("Upload the missing materials or explain the change.")})
    before = _move(case, Case.Status.SUBMITTED)
    notice = case.corrections.filter(answered_on__isnull=True).order_by("-id").first()
    if notice is not None:
        notice.answered_on = day
        notice.save(update_fields=["answered_on"])
    _store_materials(case, actor, checked)
    case.materials_complete_on = day
    _touch(case, "status", "materials_complete_on")
    _start_acceptance_clock(case, actor, day)
    _audit(
        case,
        actor=actor,
        action="case_supply_materials",
        before=before,
        reason=note.strip(),
        detail={"materials": len(checked), "on": day.isoformat()},
    )
    return case


@transaction.atomic
def case_refuse(*, actor: User, case: Case, reason: str, on: datetime.date | None = None) -> Case:
    """Decide not to accept the application (不予受理), with a written reason."""
    case = _lock(case)
    day = _day(on)
    _check_window(actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("A refusal needs a written reason.")})
    _check_acceptance_open(case, day)
    before = _move(case, Case.Status.REFUSED)
    case.refused_on = day
    case.refusal_reason = reason.strip()
    _touch(case, "status", "refused_on", "refusal_reason")
    _complete_clock(case, ACCEPTANCE, actor=actor, on=day)
    _audit(case, actor=actor, action="case_refuse", before=before, reason=reason.strip())
    notify(case, "refused", reason=reason.strip())
    return case


def _start_case_clocks(case: Case, actor, day: datetime.date) -> None:
    version = case.power_version
    common = {
        "actor": actor,
        "owner": case,
        "day_kind": version.day_kind,
        "started_on": day,
        "division": case.department.division,
        "department": case.department,
    }
    if is_instant(case):
        clocks.clock_start(
            purpose=INSTANT, limit_days=0, legal_basis=_("instant matter: same day"), **common
        )
        return
    if version.legal_limit_days is not None:
        clocks.clock_start(
            purpose=LEGAL,
            limit_days=version.legal_limit_days,
            max_extension_days=version.max_extension_days,
            legal_basis=_("legal time limit of the matter"),
            **common,
        )
    if version.promised_limit_days is not None:
        clocks.clock_start(
            purpose=PROMISED,
            limit_days=version.promised_limit_days,
            legal_basis=_("promised time limit of the matter"),
            **common,
        )


def _accept(case: Case, *, actor, day: datetime.date, deemed: bool) -> None:
    before = _move(case, Case.Status.ACCEPTED)
    case.accepted_on = case.materials_complete_on if deemed else day
    case.accepted_by = actor
    case.deemed_accepted = deemed
    _touch(case, "status", "accepted_on", "accepted_by", "deemed_accepted")
    _complete_clock(case, ACCEPTANCE, actor=actor, on=day)
    _start_case_clocks(case, actor, case.accepted_on)
    _audit(
        case,
        actor=actor,
        action="case_accept",
        before=before,
        detail={
            "accepted_on": case.accepted_on.isoformat(),
            "deemed": deemed,
            "instant": is_instant(case),
        },
    )
    accept_stage = next((s for s in process_of(case) if s.kind == Stage.Kind.ACCEPT), None)
    if accept_stage is not None:
        task = _open_task(case, accept_stage, actor=actor, day=day)
        _finish_task(task, actor=actor, day=day, verdict=Task.Verdict.AGREE, opinion="")
    _advance(case, actor=actor, day=day)
    notify(case, "accepted")


@transaction.atomic
def case_accept(*, actor: User, case: Case, on: datetime.date | None = None) -> Case:
    """Accept the application (受理); the case's clocks start. Accepted after the statutory
    window, it counts as accepted on the day its materials arrived, and is flagged so."""
    case = _lock(case)
    day = _day(on)
    _check_window(actor, case)
    if needs_forwarding(case):
        _check_acceptance_open(case, day)
    if case.status != Case.Status.SUBMITTED:
        _move(case, Case.Status.ACCEPTED)  # raises with a clear message
    clock = _clock(case, ACCEPTANCE)
    _accept(case, actor=actor, day=day, deemed=clock is not None and day > clock.due_date)
    return case


@transaction.atomic
def cases_deem_accepted(*, on: datetime.date | None = None) -> list[str]:
    """Accept, as the law deems, every application whose acceptance window has run out.
    Returns the case numbers. Safe to run any number of times (a periodic job)."""
    day = _day(on)
    due = Clock.objects.filter(
        purpose=ACCEPTANCE,
        owner_type=Case._meta.label_lower,
        status=Clock.Status.RUNNING,
        due_date__lt=day,
    ).values_list("owner_id", flat=True)
    numbers = []
    for case in Case.objects.filter(
        pk__in=[int(pk) for pk in due], status=Case.Status.SUBMITTED, handling_centre__isnull=False
    ):
        case = _lock(case)
        _accept(case, actor=None, day=day, deemed=True)
        numbers.append(case.number)
    return numbers


# ---------------------------------------------------------------------------------------------
# The process: tasks, review, decision, delivery, completion
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageSpec:
    code: str
    name: str
    kind: str
    department_id: int | None
    role: str
    limit_days: int | None
    clock_excluded: bool
    parallel_group: int | None
    after: list


def _default_process(case: Case) -> list[StageSpec]:
    dept = case.department_id
    if is_instant(case):
        specs = [("accept", _("acceptance"), "accept", "window_clerk")]
        specs.append(("decide", _("decision on the spot"), "decide", "window_clerk"))
    else:
        specs = [
            ("accept", _("acceptance"), "accept", "window_clerk"),
            ("review", _("review"), "review", "reviewer"),
            ("decide", _("decision"), "decide", "department_head"),
            ("deliver", _("delivery"), "deliver", "window_clerk"),
        ]
    return [StageSpec(c, n, k, dept, r, None, False, None, []) for c, n, k, r in specs]


def process_of(case: Case) -> list[StageSpec]:
    """The stages the case walks: its power version's process, or the plain default one. Read
    once per loaded case (a published version's process is frozen)."""
    cached = case.__dict__.get("_process")
    if cached is not None and cached[0] == case.power_version_id:
        return list(cached[1])
    stages = _read_process(case)
    case.__dict__["_process"] = (case.power_version_id, tuple(stages))
    return stages


def _read_process(case: Case) -> list[StageSpec]:
    stages = [
        StageSpec(
            s.code,
            s.name,
            s.kind,
            s.department_id or case.department_id,
            s.role or DEFAULT_ROLE_FOR_KIND.get(s.kind, Role.REVIEWER),
            s.limit_days,
            s.clock_excluded,
            s.parallel_group,
            list(s.after or []),
        )
        for s in Stage.objects.filter(version=case.power_version_id).order_by("position", "id")
    ]
    return stages or _default_process(case)


def _open_task(case: Case, stage: StageSpec, *, actor, day: datetime.date) -> Task:
    task = Task.objects.create(
        case=case,
        stage_code=stage.code,
        name=stage.name,
        kind=stage.kind,
        department_id=stage.department_id,
        role=stage.role,
        parallel_group=stage.parallel_group,
        clock_excluded=stage.clock_excluded,
        opened_on=day,
    )
    if stage.limit_days and stage.kind != Stage.Kind.ACCEPT:
        clock = clocks.clock_start(
            actor=actor,
            owner=task,
            purpose=STAGE,
            day_kind=Clock.DayKind.WORKING,
            started_on=day,
            limit_days=stage.limit_days,
            legal_basis=_("stage time limit of the process"),
            division=case.department.division,
            department=task.department,
        )
        task.due_on = clock.due_date
        task.save(update_fields=["due_on"])
    if stage.clock_excluded:
        for purpose in CASE_CLOCKS:
            clock = _clock(case, purpose)
            if clock is not None and clock.status == Clock.Status.RUNNING:
                clocks.clock_suspend(
                    actor=actor,
                    clock=clock,
                    on=day,
                    reason=SUSPENSION_FOR_KIND.get(stage.kind, ClockSuspension.Reason.OTHER),
                    note=stage.name,
                )
    return task


def _finish_task(task: Task, *, actor, day: datetime.date, verdict: str, opinion: str) -> None:
    """Mark the task done, unless someone did first: the conditional update is the guard."""
    done = Task.objects.filter(pk=task.pk, status=Task.Status.OPEN).update(
        status=Task.Status.DONE,
        verdict=verdict,
        opinion=opinion,
        completed_by=actor,
        completed_on=day,
        completed_at=timezone.now(),
    )
    if done != 1:
        raise Conflict(_("The task “%(task)s” has already been completed.") % {"task": task.name})
    task.refresh_from_db()
    _complete_clock(task, STAGE, actor=actor, on=day)


def _resume_if_no_excluded(case: Case, *, actor, day: datetime.date) -> None:
    if case.tasks.filter(status=Task.Status.OPEN, clock_excluded=True).exists():
        return
    for purpose in CASE_CLOCKS:
        clock = _clock(case, purpose)
        if clock is not None and clock.status == Clock.Status.SUSPENDED:
            clocks.clock_resume(actor=actor, clock=clock, on=day)


def _stopped(case: Case, tasks: dict[str, Task]) -> bool:
    return any(t.verdict == Task.Verdict.DISAGREE for t in tasks.values())


def _advance(case: Case, *, actor, day: datetime.date) -> list[Task]:
    """Open every stage whose predecessors are done; after a "no", cancel the open reviews and go
    straight to the decision. Completes the case when nothing is left."""
    stages = process_of(case)
    graph = build_graph(stages)
    by_code = {s.code: s for s in stages}
    tasks = {t.stage_code: t for t in case.tasks.all()}
    stopped = _stopped(case, tasks)
    closing = {Stage.Kind.DECIDE, Stage.Kind.DELIVER}
    if stopped:
        for task in tasks.values():
            if task.status == Task.Status.OPEN and task.kind not in closing:
                Task.objects.filter(pk=task.pk, status=Task.Status.OPEN).update(
                    status=Task.Status.CANCELLED, completed_on=day
                )
                task.status = Task.Status.CANCELLED
                _complete_clock(task, STAGE, actor=actor, on=day)
        _resume_if_no_excluded(case, actor=actor, day=day)

    def satisfied(code: str) -> bool:
        task = tasks.get(code)
        if task is not None:
            return task.status in (Task.Status.DONE, Task.Status.CANCELLED)
        return stopped and by_code[code].kind not in closing  # skipped after a "no"

    opened = []
    for code in graph.topological_order():
        stage = by_code[code]
        if code in tasks or (stopped and stage.kind not in closing):
            continue
        if all(satisfied(p) for p in graph.predecessors.get(code, [])):
            tasks[code] = _open_task(case, stage, actor=actor, day=day)
            opened.append(tasks[code])
    if not opened and all(satisfied(code) for code in by_code):
        _complete(case, actor=actor, day=day)
    return opened


def _complete(case: Case, *, actor, day: datetime.date) -> None:
    if case.status == Case.Status.COMPLETED:
        return
    if case.status not in (Case.Status.DECIDED, Case.Status.DELIVERED):
        raise IllegalTransition(_("A case is completed only after its decision."))
    before = _move(case, Case.Status.COMPLETED)
    case.completed_on = day
    _touch(case, "status", "completed_on")
    for purpose in (*CASE_CLOCKS, DELIVERY):
        _complete_clock(case, purpose, actor=actor, on=day)
    _audit(case, actor=actor, action="case_complete", before=before, detail={"on": day.isoformat()})
    notify(case, "completed")


def _locked_task(task: Task) -> tuple[Case, Task]:
    case = _lock(task.case)
    return case, Task.objects.select_related("department").get(pk=task.pk)


def _check_task_actor(actor: User, case: Case, task: Task) -> None:
    if not may_act(actor, case, department_id=task.department_id, role=task.role):
        raise NotPermitted(
            _("The task “%(task)s” belongs to the %(role)s of %(dept)s.")
            % {"task": task.name, "role": Role(task.role).label, "dept": task.department.name}
        )
    if task.status != Task.Status.OPEN:
        raise Conflict(_("The task “%(task)s” has already been completed.") % {"task": task.name})


@transaction.atomic
def task_complete(
    *,
    actor: User,
    task: Task,
    verdict: str,
    opinion: str = "",
    on: datetime.date | None = None,
) -> Task:
    """Record a review opinion (agree or disagree) and complete the task; the next stages open.
    A "disagree" needs reasons and stops the case: it can then only be denied."""
    case, task = _locked_task(task)
    day = _day(on)
    _check_task_actor(actor, case, task)
    if task.kind in (Stage.Kind.DECIDE, Stage.Kind.DELIVER, Stage.Kind.ACCEPT):
        raise IllegalTransition(
            _("The task “%(task)s” is completed by deciding or delivering.") % {"task": task.name}
        )
    if verdict not in Task.Verdict.values:
        raise ValidationError({"verdict": _("Choose agree or disagree.")})
    if verdict == Task.Verdict.DISAGREE and not opinion.strip():
        raise ValidationError({"opinion": _("Give the reasons for disagreeing.")})
    _finish_task(task, actor=actor, day=day, verdict=verdict, opinion=opinion.strip())
    before = case.status
    if case.status == Case.Status.ACCEPTED:
        _move(case, Case.Status.IN_REVIEW)
    _touch(case, "status")
    if task.clock_excluded:
        _resume_if_no_excluded(case, actor=actor, day=day)
    _audit(
        case,
        actor=actor,
        action="task_complete",
        before=before if before != case.status else "",
        reason=opinion.strip(),
        detail={"task": task.pk, "stage": task.stage_code, "verdict": verdict},
    )
    _advance(case, actor=actor, day=day)
    return task


def _open_task_of_kind(case: Case, kind: str, message: str) -> Task:
    task = case.tasks.filter(kind=kind, status=Task.Status.OPEN).first()
    if task is None:
        raise IllegalTransition(message)
    return task


@transaction.atomic
def case_decide(
    *,
    actor: User,
    case: Case,
    decision: str,
    reason: str = "",
    legal_basis: str = "",
    on: datetime.date | None = None,
) -> Case:
    """Decide the case (approve, or deny with reasons and the legal basis)."""
    case = _lock(case)
    day = _day(on)
    task = _open_task_of_kind(
        case,
        Stage.Kind.DECIDE,
        _("The case cannot be decided now: every review must be in first."),
    )
    _check_task_actor(actor, case, task)
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _("Choose approve or deny.")
    elif decision == Decision.DENY:
        if not reason.strip():
            errors["reason"] = _("A denial needs its reasons.")
        if not legal_basis.strip():
            errors["legal_basis"] = _("A denial names its legal basis.")
    elif _stopped(case, {t.stage_code: t for t in case.tasks.all()}):
        errors["decision"] = _("A review disagreed: the case can only be denied.")
    if errors:
        raise ValidationError(errors)
    _finish_task(task, actor=actor, day=day, verdict="", opinion=reason.strip())
    before = _move(case, Case.Status.DECIDED)
    case.decision = decision
    case.decision_reason = reason.strip()
    case.decision_basis = legal_basis.strip()
    case.decided_on = day
    _touch(case, "status", "decision", "decision_reason", "decision_basis", "decided_on")
    legal = _clock(case, LEGAL) or _clock(case, INSTANT)
    if legal is not None:
        clocks.clock_complete(actor=actor, clock=legal, on=day)
    if case.tasks.filter(kind=Stage.Kind.DELIVER).exists() or any(
        s.kind == Stage.Kind.DELIVER for s in process_of(case)
    ):
        clocks.clock_start(
            actor=actor,
            owner=case,
            purpose=DELIVERY,
            day_kind=Clock.DayKind.WORKING,
            started_on=day,
            limit_days=0 if is_instant(case) else DELIVERY_DAYS,
            legal_basis=_("Administrative Licensing Law art. 44"),
            division=case.department.division,
            department=case.department,
        )
    _audit(
        case,
        actor=actor,
        action="case_decide",
        before=before,
        reason=reason.strip(),
        detail={"decision": decision, "legal_basis": legal_basis.strip(), "task": task.pk},
    )
    notify(case, "decided", decision=Decision(decision).label)
    _advance(case, actor=actor, day=day)
    return case


@transaction.atomic
def case_deliver(
    *,
    actor: User,
    case: Case,
    method: str,
    licence_number: str = "",
    on: datetime.date | None = None,
) -> Case:
    """Deliver the decision (送达): the licence or document number and how it was delivered.
    The case is then completed (办结)."""
    case = _lock(case)
    day = _day(on)
    task = _open_task_of_kind(
        case, Stage.Kind.DELIVER, _("There is nothing to deliver: the case is not decided yet.")
    )
    _check_task_actor(actor, case, task)
    errors = {}
    if method not in DeliveryMethod.values:
        errors["method"] = _("Choose how the result is delivered.")
    if (
        case.decision == Decision.APPROVE
        and case.power_version.result_name
        and not (licence_number.strip())
    ):
        errors["licence_number"] = _("Give the number of the %(result)s.") % {
            "result": case.power_version.result_name
        }
    if errors:
        raise ValidationError(errors)
    _finish_task(task, actor=actor, day=day, verdict="", opinion="")
    before = _move(case, Case.Status.DELIVERED)
    case.delivery_method = method
    case.licence_number = licence_number.strip()
    case.delivered_on = day
    _touch(case, "status", "delivery_method", "licence_number", "delivered_on")
    _complete_clock(case, DELIVERY, actor=actor, on=day)
    _audit(
        case,
        actor=actor,
        action="case_deliver",
        before=before,
        detail={"method": method, "licence_number": case.licence_number, "task": task.pk},
    )
    _advance(case, actor=actor, day=day)
    return case


@transaction.atomic
def case_handle_instant(
    *,
    actor: User,
    case: Case,
    decision: str = Decision.APPROVE,
    reason: str = "",
    legal_basis: str = "",
    method: str = DeliveryMethod.WINDOW,
    licence_number: str = "",
    on: datetime.date | None = None,
) -> Case:
    """Accept, decide and deliver an instant matter at the window, the same day (即办)."""
    case = _lock(case)
    day = _day(on)
    if not is_instant(case):
        raise IllegalTransition(_("Only an instant matter is handled on the spot."))
    if case.status == Case.Status.SUBMITTED:
        case_accept(actor=actor, case=case, on=day)
    case_decide(
        actor=actor,
        case=case,
        decision=decision,
        reason=reason,
        legal_basis=legal_basis,
        on=day,
    )
    case.refresh_from_db()
    if case.tasks.filter(kind=Stage.Kind.DELIVER, status=Task.Status.OPEN).exists():
        case_deliver(actor=actor, case=case, method=method, licence_number=licence_number, on=day)
    case.refresh_from_db()
    return case


@transaction.atomic
def case_extend(
    *, actor: User, case: Case, days: int, reason: str, on: datetime.date | None = None
) -> Clock:
    """Extend the legal time limit, with the approval of the department's head (延期)."""
    case = _lock(case)
    day = _day(on)
    if not may_act(actor, case, department_id=case.department_id, role=Role.DEPARTMENT_HEAD):
        raise NotPermitted(
            _("An extension is approved by the head of %(dept)s.") % {"dept": case.department.name}
        )
    clock = _clock(case, LEGAL)
    if clock is None:
        raise IllegalTransition(_("The case has no running legal time limit to extend."))
    clock = clocks.clock_extend(
        actor=actor, clock=clock, days=days, approved_by=actor, approved_on=day, reason=reason
    )
    _touch(case)
    _audit(
        case,
        actor=actor,
        action="case_extend",
        reason=reason,
        detail={"days": days, "due_date": clock.due_date.isoformat()},
    )
    notify(case, "extended", key=str(clock.extended_days), due=clock.due_date.isoformat())
    return clock


@transaction.atomic
def case_withdraw(
    *, actor: User, case: Case, reason: str = "", on: datetime.date | None = None
) -> Case:
    """The applicant withdraws the application before it is decided."""
    case = _lock(case)
    day = _day(on)
    if not may_file_for(actor, case):
        raise NotPermitted(_("Only the applicant withdraws an application."))
    before = _move(case, Case.Status.WITHDRAWN)
    case.withdrawn_on = day
    _touch(case, "status", "withdrawn_on")
    for task in case.tasks.filter(status=Task.Status.OPEN):
        Task.objects.filter(pk=task.pk).update(status=Task.Status.CANCELLED, completed_on=day)
        _complete_clock(task, STAGE, actor=actor, on=day)
    for purpose in (ACCEPTANCE, *CASE_CLOCKS):
        _complete_clock(case, purpose, actor=actor, on=day)
    _audit(case, actor=actor, action="case_withdraw", before=before, reason=reason.strip())
    return case


# ---------------------------------------------------------------------------------------------
# Agency service and ratings
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def agency_authorise(
    *,
    actor: User,
    applicant: User,
    agent: User,
    project: str,
    document_reference: str,
    authorised_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    document=None,
) -> AgencyAuthorisation:
    """Assign a key project to an agency clerk, with the applicant's signed authorisation."""
    if not (actor.has_role(Role.DEPARTMENT_HEAD) or actor.has_role(Role.ADMINISTRATOR)):
        raise NotPermitted(_("Agency service is assigned by a department head."))
    errors = {}
    if not applicant.is_applicant:
        errors["applicant"] = _("Applications are made by a citizen or an organisation.")
    if agent.is_applicant or not agent.has_role(Role.WINDOW_CLERK) or agent.service_centre is None:
        errors["agent"] = _("An agency clerk is a window clerk posted at a service centre.")
    if not project.strip():
        errors["project"] = _("Name the project.")
    if not document_reference.strip():
        errors["document_reference"] = _("Record the applicant's signed authorisation.")
    day = _day(authorised_on)
    if valid_until is not None and valid_until < day:
        errors["valid_until"] = _("The authorisation cannot end before it begins.")
    if errors:
        raise ValidationError(errors)
    agency = AgencyAuthorisation(
        applicant=applicant,
        agent=agent,
        project=project.strip(),
        document_reference=document_reference.strip(),
        authorised_on=day,
        valid_until=valid_until,
        assigned_by=actor,
    )
    if document is not None:
        info = check_upload(document)
        agency.document.save(f"{uuid.uuid4().hex}{_extension(info.name)}", File(document), False)
    agency.save()
    audit_record(
        actor=actor,
        action="agency_authorise",
        obj=agency,
        to_state="authorised",
        detail={
            "applicant": applicant.pk,
            "agent": agent.pk,
            "project": agency.project,
            "reference": agency.document_reference,
        },
        division=agent.department.division if agent.department_id else None,
    )
    return agency


@transaction.atomic
def case_rate(
    *,
    actor: User,
    case: Case,
    level: int,
    comment: str = "",
    on: datetime.date | None = None,
) -> Rating:
    """The applicant rates a completed case (好差评). A bad rating opens a follow-up that must
    be answered within 15 working days."""
    case = _lock(case)
    day = _day(on)
    if actor.pk != case.applicant_id:
        raise NotPermitted(_("Only the applicant rates the service."))
    if case.status != Case.Status.COMPLETED:
        raise IllegalTransition(_("A case is rated once it is completed."))
    if Rating.objects.filter(case=case).exists():
        raise Conflict(_("This case has already been rated."))
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in Rating.Level.values:
        raise ValidationError({"level": _("Choose one of the five levels.")})
    if level in Rating.BAD_LEVELS and not comment.strip():
        raise ValidationError({"comment": _("Tell us what went wrong, so it can be put right.")})
    rating = Rating(case=case, level=level, comment=comment.strip(), rated_by=actor, rated_on=day)
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise Conflict(_("This case has already been rated.")) from None
    if rating.is_bad:
        clock = clocks.clock_start(
            actor=actor,
            owner=rating,
            purpose=FOLLOW_UP,
            day_kind=Clock.DayKind.WORKING,
            started_on=day,
            limit_days=FOLLOW_UP_DAYS,
            legal_basis=_("follow-up of a bad rating"),
            division=case.department.division,
            department=case.department,
        )
        rating.follow_up_due = clock.due_date
        rating.save(update_fields=["follow_up_due"])
    _touch(case)
    _audit(
        case,
        actor=actor,
        action="case_rate",
        reason=comment.strip(),
        detail={"level": level, "follow_up_due": str(rating.follow_up_due or "")},
    )
    return rating


def may_follow_up(user: User, case: Case) -> bool:
    """The head of the case's department, or a supervisor, answers a bad rating."""
    head = may_act(user, case, department_id=case.department_id, role=Role.DEPARTMENT_HEAD)
    return head or (user.is_authenticated and user.has_role(Role.SUPERVISOR))


@transaction.atomic
def rating_follow_up(
    *, actor: User, rating: Rating, answer: str, on: datetime.date | None = None
) -> Rating:
    """The department answers a bad rating (整改回访)."""
    rating = (
        Rating.objects.select_for_update()
        .select_related("case__department__division")
        .get(pk=rating.pk)
    )
    day = _day(on)
    case = rating.case
    if not may_follow_up(actor, case):
        raise NotPermitted(
            _("A bad rating is answered by the head of %(dept)s.") % {"dept": case.department.name}
        )
    if not rating.is_bad:
        raise IllegalTransition(_("Only a bad rating is followed up."))
    if rating.follow_up_on is not None:
        raise Conflict(_("This rating has already been followed up."))
    if not answer.strip():
        raise ValidationError({"answer": _("Describe what was done.")})
    rating.follow_up_answer = answer.strip()
    rating.follow_up_by = actor
    rating.follow_up_on = day
    rating.save(update_fields=["follow_up_answer", "follow_up_by", "follow_up_on"])
    _complete_clock(rating, FOLLOW_UP, actor=actor, on=day)
    _audit(case, actor=actor, action="rating_follow_up", reason=answer.strip())
    notify(case, "follow_up", answer=answer.strip())
    return rating

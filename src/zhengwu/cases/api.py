"""The JSON API of applications (cases): the whole lifecycle, with the services' permission rules.

Every case is looked up through ``cases_visible_to(request.user)`` and every task through the
cases the user may see, so a case or a task the caller may not see is a 404 — the same answer as
for one that does not exist — never a 403 that would confirm it exists. What the caller may *do*
with a case they see is decided by the services: their ``NotPermitted``, ``IllegalTransition``,
``Conflict`` and ``ValidationError`` become JSON errors through the handlers in ``zhengwu.api``.

Applicants see the public face of their cases (the timeline names departments, not officials;
review opinions and internal details are left out); staff see everything.

(No ``from __future__ import annotations`` here: ninja reads the parameters of a ``@paginate``d
function through its wrapper, whose module cannot resolve names given as strings.)
"""

import json
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from zhengwu.cases import services
from zhengwu.cases.models import (
    Case,
    CaseMaterial,
    Channel,
    Decision,
    DeliveryMethod,
    Rating,
    Task,
)
from zhengwu.cases.selectors import (
    TRACK_FIELDS,
    can_act_on_task,
    case_clocks,
    case_deadline,
    case_find,
    case_timeline,
    cases_visible_to,
    intake_for,
    is_waiting_for_forwarding,
    open_correction,
    tasks_for,
)
from zhengwu.catalog.models import Power
from zhengwu.common.errors import IllegalTransition, NotPermitted
from zhengwu.org.models import User
from zhengwu.org.roles import Role
from zhengwu.workdays.models import Clock
from zhengwu.workdays.selectors import ClockState, clock_state_on

router = Router(tags=["cases"])

# What each clock of a case counts, as the applicant and the clerk read it.
CLOCK_LABELS = {
    services.ACCEPTANCE: gettext_lazy("time to decide on acceptance"),
    services.LEGAL: gettext_lazy("legal time limit"),
    services.PROMISED: gettext_lazy("promised time limit"),
    services.INSTANT: gettext_lazy("same-day handling"),
    services.DELIVERY: gettext_lazy("time to deliver the result"),
}


class CasePagination(LimitOffsetPagination):
    """``limit`` (1–100, default 20) and ``offset``; the answer carries the total ``count``."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="How many items (at most 100)")
        offset: int = Field(0, ge=0, description="How many items to skip")


# ---------------------------------------------------------------------------------------------
# Output schemas (resolved from the model objects; ``context["request"]`` tells who is asking)
# ---------------------------------------------------------------------------------------------


def _public(context) -> bool:
    """Whether the answer is for the public (an applicant, or nobody signed in)."""
    user = getattr((context or {}).get("request"), "user", None)
    return getattr(user, "is_applicant", True)


def _user(context):
    return getattr((context or {}).get("request"), "user", None)


class MatterOut(Schema):
    implementation_code: str
    name: str
    matter_type: str = Field(description="instant (即办件) or promised (承诺件)")

    @staticmethod
    def resolve_implementation_code(obj) -> str:
        return obj.power.implementation_code


class ClockOut(Schema):
    purpose: str = Field(description="approval.acceptance, .legal, .promised, .instant, .delivery")
    purpose_label: str
    day_kind: str = Field(description="working or calendar days")
    started_on: date = Field(description="The triggering date; counting starts the day after")
    limit_days: int
    extended_days: int
    due_date: date
    provisional: bool = Field(description="Counted through a year with no official schedule")
    status: str = Field(description="running, suspended or completed")
    state: str = Field(
        description="Today: running, suspended, overdue, completed_on_time or completed_late"
    )
    state_label: str
    completed_on: date | None
    legal_basis: str

    @staticmethod
    def resolve_purpose_label(obj: Clock) -> str:
        return str(CLOCK_LABELS.get(obj.purpose, obj.purpose))

    @staticmethod
    def resolve_state(obj: Clock) -> str:
        return clock_state_on(obj, timezone.localdate())

    @staticmethod
    def resolve_state_label(obj: Clock) -> str:
        return str(ClockState(clock_state_on(obj, timezone.localdate())).label)


class TaskOut(Schema):
    id: int
    case: str = Field(description="The case number")
    stage_code: str
    name: str
    kind: str
    department: str
    role: str
    role_label: str
    parallel_group: int | None
    status: str = Field(description="open, done or cancelled")
    status_label: str
    opened_on: date
    due_on: date | None
    verdict: str = Field(
        description="agree or disagree; empty without an opinion, or for the public"
    )
    opinion: str = Field(description="The reviewer's opinion; staff only")
    completed_by: str | None = Field(description="The official who completed it; staff only")
    completed_on: date | None
    actionable: bool = Field(description="Whether the caller may complete this task now")

    # The opinions and names of officials are internal to the administration.

    @staticmethod
    def resolve_case(obj: Task) -> str:
        return obj.case.number

    @staticmethod
    def resolve_department(obj: Task) -> str:
        return obj.department.name

    @staticmethod
    def resolve_role_label(obj: Task) -> str:
        return str(Role(obj.role).label) if obj.role in Role.values else obj.role

    @staticmethod
    def resolve_status_label(obj: Task) -> str:
        return str(Task.Status(obj.status).label)

    @staticmethod
    def resolve_verdict(obj: Task, context) -> str:
        return "" if _public(context) else obj.verdict

    @staticmethod
    def resolve_opinion(obj: Task, context) -> str:
        return "" if _public(context) else obj.opinion

    @staticmethod
    def resolve_completed_by(obj: Task, context) -> str | None:
        if _public(context) or obj.completed_by_id is None:
            return None
        return str(obj.completed_by)

    @staticmethod
    def resolve_actionable(obj: Task, context) -> bool:
        return not _public(context) and can_act_on_task(_user(context), obj)


class InboxTaskOut(TaskOut):
    matter: str
    applicant: str
    case_status: str

    @staticmethod
    def resolve_matter(obj: Task) -> str:
        return obj.case.power_version.name

    @staticmethod
    def resolve_applicant(obj: Task) -> str:
        return str(obj.case.applicant)

    @staticmethod
    def resolve_case_status(obj: Task) -> str:
        return obj.case.status


class CorrectionOut(Schema):
    items: list[str] = Field(description="Everything to correct or supply, told at once")
    reason: str = Field(description="Why a further request was made (empty for the first)")
    issued_on: date
    flagged: bool


class MaterialOut(Schema):
    id: int
    name: str
    content_type: str
    size: int = Field(description="Bytes")
    uploaded_at: datetime

    @staticmethod
    def resolve_name(obj: CaseMaterial) -> str:
        return obj.original_name


class StepOut(Schema):
    at: datetime
    action: str
    label: str
    by: str = Field(description="Who acted: an official (staff) or a department (public)")
    reason: str
    detail: dict | None = Field(description="The audit detail; staff only")


class RatingOut(Schema):
    level: int = Field(description="5 (very satisfied) to 1 (very dissatisfied)")
    level_label: str
    comment: str
    rated_on: date
    follow_up_due: date | None
    follow_up_answer: str
    follow_up_on: date | None

    @staticmethod
    def resolve_level_label(obj: Rating) -> str:
        return str(Rating.Level(obj.level).label)


class CaseSummaryOut(Schema):
    number: str
    status: str
    status_label: str
    matter: MatterOut
    department: str
    applicant: str
    channel: str
    channel_label: str
    received_on: date = Field(description="The day the materials arrived, at any window or point")
    submitted_at: datetime
    accepted_on: date | None
    completed_on: date | None

    @staticmethod
    def resolve_status_label(obj: Case) -> str:
        return str(Case.Status(obj.status).label)

    @staticmethod
    def resolve_matter(obj: Case):
        return obj.power_version

    @staticmethod
    def resolve_department(obj: Case) -> str:
        return obj.department.name

    @staticmethod
    def resolve_applicant(obj: Case) -> str:
        return str(obj.applicant)

    @staticmethod
    def resolve_channel_label(obj: Case) -> str:
        return str(Channel(obj.channel).label)


class IntakeOut(CaseSummaryOut):
    acceptance_due: date | None = Field(
        description="The last day to accept, refuse or request correction"
    )
    correction_flagged: bool
    waiting_for_forwarding: bool = Field(
        description="Taken at a hall or village point: forward it to the handling centre first"
    )
    received_at: str | None = Field(description="The centre, hall or point that took it")

    @staticmethod
    def resolve_waiting_for_forwarding(obj: Case) -> bool:
        return is_waiting_for_forwarding(obj)

    @staticmethod
    def resolve_received_at(obj: Case) -> str | None:
        return obj.service_centre.name if obj.service_centre_id else None


def _steps(case: Case, *, public: bool) -> list[dict]:
    return [
        {
            "at": entry.at,
            "action": entry.action,
            "label": entry.label,
            "by": entry.by,
            # A review opinion is internal; every other reason is addressed to the applicant.
            "reason": "" if public and entry.action == "task_complete" else entry.reason,
            "detail": None if public else entry.detail,
        }
        for entry in case_timeline(case, for_public=public)
    ]


class CaseDetailOut(CaseSummaryOut):
    received_at: str | None = Field(description="The centre, hall or point that took it")
    handled_at: str | None = Field(description="The centre whose windows accept and deliver")
    forwarded_on: date | None
    form_data: dict
    materials_complete_on: date
    correction_count: int
    correction_flagged: bool
    deemed_accepted: bool
    refused_on: date | None
    refusal_reason: str
    decision: str = Field(description="approve, deny, or empty while undecided")
    decision_label: str
    decision_reason: str
    decision_basis: str
    decided_on: date | None
    licence_number: str
    delivery_method: str
    delivered_on: date | None
    withdrawn_on: date | None
    deadline: ClockOut | None = Field(description="The limit the applicant is told about")
    clocks: list[ClockOut]
    tasks: list[TaskOut]
    correction: CorrectionOut | None = Field(description="What is missing, while it is")
    materials: list[MaterialOut]
    timeline: list[StepOut]
    rating: RatingOut | None

    @staticmethod
    def resolve_received_at(obj: Case) -> str | None:
        return obj.service_centre.name if obj.service_centre_id else None

    @staticmethod
    def resolve_handled_at(obj: Case) -> str | None:
        return obj.handling_centre.name if obj.handling_centre_id else None

    @staticmethod
    def resolve_form_data(obj: Case) -> dict:
        return obj.form_data or {}

    @staticmethod
    def resolve_decision_label(obj: Case) -> str:
        return str(Decision(obj.decision).label) if obj.decision else ""

    @staticmethod
    def resolve_deadline(obj: Case) -> Clock | None:
        return case_deadline(obj)

    @staticmethod
    def resolve_clocks(obj: Case) -> list[Clock]:
        return case_clocks(obj)

    @staticmethod
    def resolve_tasks(obj: Case) -> list[Task]:
        tasks = list(obj.tasks.select_related("department", "completed_by").order_by("id"))
        for task in tasks:
            task.case = obj
        return tasks

    @staticmethod
    def resolve_correction(obj: Case):
        return open_correction(obj)

    @staticmethod
    def resolve_materials(obj: Case):
        return list(CaseMaterial.objects.filter(case=obj).order_by("uploaded_at", "id"))

    @staticmethod
    def resolve_timeline(obj: Case, context) -> list[dict]:
        return _steps(obj, public=_public(context))

    @staticmethod
    def resolve_rating(obj: Case) -> Rating | None:
        return Rating.objects.filter(case=obj).first()


class SubmissionOut(Schema):
    created: bool = Field(description="False when a retry returned the first case")
    query_code: str | None = Field(
        description="For tracking without login; shown once, when the case is created"
    )
    case: CaseDetailOut


class TrackOut(Schema):
    number: str
    matter: str
    department: str
    status: str
    status_label: str
    received_on: date
    accepted_on: date | None
    decision: str
    decision_label: str
    decided_on: date | None
    completed_on: date | None
    deadline: ClockOut | None
    missing: list[str] = Field(description="What the applicant still has to correct or supply")
    steps: list[StepOut]

    @staticmethod
    def resolve_matter(obj: Case) -> str:
        return obj.power_version.name

    @staticmethod
    def resolve_department(obj: Case) -> str:
        return obj.department.name

    @staticmethod
    def resolve_status_label(obj: Case) -> str:
        return str(Case.Status(obj.status).label)

    @staticmethod
    def resolve_decision_label(obj: Case) -> str:
        return str(Decision(obj.decision).label) if obj.decision else ""

    @staticmethod
    def resolve_deadline(obj: Case) -> Clock | None:
        return case_deadline(obj)

    @staticmethod
    def resolve_missing(obj: Case) -> list[str]:
        notice = open_correction(obj)
        return [str(item) for item in notice.items] if notice is not None else []

    @staticmethod
    def resolve_steps(obj: Case) -> list[dict]:
        return _steps(obj, public=True)


# ---------------------------------------------------------------------------------------------
# Input schemas
# ---------------------------------------------------------------------------------------------


class ApplyIn(Schema):
    power: str = Field(description="The implementation code of the matter applied for")
    idempotency_key: str = Field(
        description="1–64 characters; a retry with the same key returns the first case"
    )
    form_data: str = Field("{}", description="The application form, as a JSON object")
    applicant: str | None = Field(
        None,
        description="Username or id of the applicant, when a clerk or agent files for them",
    )


class ReasonIn(Schema):
    reason: str = ""


class CorrectionIn(Schema):
    items: list[str] = Field(description="Every item to correct or supply, in one notice")
    reason: str = Field("", description="Required for a second or later request")


class DecideIn(Schema):
    decision: str = Field(json_schema_extra={"enum": Decision.values})
    reason: str = Field("", description="Required for a denial")
    legal_basis: str = Field("", description="Required for a denial")


class DeliverIn(Schema):
    method: str = Field(json_schema_extra={"enum": DeliveryMethod.values})
    licence_number: str = Field("", description="Required when an approval issues a document")


class InstantIn(Schema):
    decision: str = Field(Decision.APPROVE, json_schema_extra={"enum": Decision.values})
    reason: str = ""
    legal_basis: str = ""
    method: str = Field(DeliveryMethod.WINDOW, json_schema_extra={"enum": DeliveryMethod.values})
    licence_number: str = ""


class ExtendIn(Schema):
    days: int = Field(description="Working days added to the legal time limit")
    reason: str = ""


class RateIn(Schema):
    level: int = Field(description="5 (very satisfied) to 1 (very dissatisfied)")
    comment: str = Field("", description="Required for a bad rating (2 or 1)")


class FollowUpIn(Schema):
    answer: str = ""


class TaskCompleteIn(Schema):
    verdict: str = Field(json_schema_extra={"enum": Task.Verdict.values})
    opinion: str = Field("", description="Required when disagreeing")


# ---------------------------------------------------------------------------------------------
# Building the answers
# ---------------------------------------------------------------------------------------------

CASE_RELATED = (
    "power_version__power",
    "department",
    "applicant",
    "service_centre",
    "handling_centre",
)


def _visible_cases(user) -> QuerySet[Case]:
    return cases_visible_to(user).select_related(*CASE_RELATED)


def _visible_case(request, number: str) -> Case:
    """The case with this number, if the caller may see it; else 404, as if it did not exist."""
    case = _visible_cases(request.user).filter(number=number).first()
    if case is None:
        raise Http404
    return case


def _fresh(case: Case) -> Case:
    """The case as it now stands, after a service changed it."""
    return Case.objects.select_related(*CASE_RELATED).get(pk=case.pk)


def _files_error(exc: ValidationError) -> ValidationError:
    """An upload refused by the checks, attributed to the ``files`` field."""
    if hasattr(exc, "error_dict"):
        return exc
    return ValidationError({"files": exc.error_list})


def _applicant_for(user: User, ref: str | None, errors: dict) -> User | None:
    """The applicant named by username or id; the caller themself when none is named."""
    ref = (ref or "").strip()
    if not ref or ref in (user.username, str(user.pk)):
        return user
    if user.is_applicant:
        # An applicant files only for themself; do not tell them which accounts exist.
        raise NotPermitted(
            _(
                "Only a window clerk, a village agent or an agency clerk authorised by the "
                "applicant files on someone's behalf."
            )
        )
    applicants = User.objects.filter(
        kind__in=[User.Kind.CITIZEN, User.Kind.ORGANISATION], is_active=True
    )
    found = applicants.filter(username=ref).first()
    if found is None and ref.isdigit():
        found = applicants.filter(pk=int(ref)).first()
    if found is None:
        errors["applicant"] = _("No applicant account has this username or id.")
    return found


# ---------------------------------------------------------------------------------------------
# Applying, listing, reading
# ---------------------------------------------------------------------------------------------


@router.post(
    "/cases",
    response={200: SubmissionOut, 201: SubmissionOut},
    summary="Apply for a matter (multipart: form fields and files)",
)
def case_apply(
    request,
    payload: Form[ApplyIn],
    files: File[list[UploadedFile]] = None,
):
    """File an application for a catalog power, with its materials as ``files`` (PDF, JPG, PNG,
    DOCX, XLSX or OFD). A window clerk, village agent or authorised agency clerk names the
    ``applicant``; an applicant files for themself.

    The answer is **201** with the new case and its ``query_code`` (shown this once), or **200**
    with the first case and no query code when the same ``idempotency_key`` was used before.
    """
    errors: dict = {}
    power = Power.objects.filter(implementation_code=payload.power.strip()).first()
    if power is None:
        errors["power"] = _("No matter has this implementation code.")
    try:
        form_data = json.loads(payload.form_data or "{}")
    except ValueError:
        form_data = None
    if not isinstance(form_data, dict):
        errors["form_data"] = _("Give the form data as a JSON object.")
    applicant = _applicant_for(request.user, payload.applicant, errors)
    if errors:
        raise ValidationError(errors)
    try:
        submission = services.case_submit(
            actor=request.user,
            applicant=applicant,
            power=power,
            idempotency_key=payload.idempotency_key,
            form_data=form_data,
            files=files or [],
        )
    except ValidationError as exc:
        raise _files_error(exc) from exc
    body = {
        "created": submission.created,
        "query_code": submission.query_code if submission.created else None,
        "case": _fresh(submission.case),
    }
    return Status(201 if submission.created else 200, body)


@router.get(
    "/cases",
    response=list[CaseSummaryOut],
    summary="The cases the caller may see, newest first",
)
@paginate(CasePagination)
def case_list(request, status: Case.Status | None = None):
    """An applicant sees their own cases; staff their department's or centre's; supervisors all.
    Filter by ``status``."""
    cases = _visible_cases(request.user)
    if status:
        cases = cases.filter(status=status)
    return cases.order_by("-submitted_at", "-id")


@router.get(
    "/cases/intake",
    response=list[IntakeOut],
    summary="The caller's intake queue: applications waiting for acceptance, oldest first",
)
@paginate(CasePagination)
def case_intake(request):
    """Applications at the caller's window (or point) waiting to be accepted, refused, sent back
    for correction or forwarded, with the last day of the acceptance window."""
    acceptance_due = (
        Clock.objects.filter(
            owner_type=Case._meta.label_lower,
            owner_id=Cast(OuterRef("pk"), CharField()),
            purpose=services.ACCEPTANCE,
        )
        .exclude(status=Clock.Status.COMPLETED)
        .order_by("-id")
        .values("due_date")[:1]
    )
    return (
        intake_for(request.user)
        .filter(pk__in=cases_visible_to(request.user).values("pk"))
        .select_related(*CASE_RELATED)
        .annotate(acceptance_due=Subquery(acceptance_due))
    )


@router.get(
    "/cases/{number}",
    response=CaseDetailOut,
    summary="One case: status, dates, clocks, tasks, what is missing, materials and timeline",
)
def case_detail(request, number: str):
    """A case the caller may not see is answered with 404, as if it did not exist."""
    return _visible_case(request, number)


# ---------------------------------------------------------------------------------------------
# Acting on a case
# ---------------------------------------------------------------------------------------------


@router.post(
    "/cases/{number}/forward",
    response=CaseDetailOut,
    summary="Forward an application taken at a hall or point to the handling centre",
)
def case_forward(request, number: str):
    """The receipt date at the point stays the case's receipt date."""
    case = services.case_forward(actor=request.user, case=_visible_case(request, number))
    return _fresh(case)


@router.post(
    "/cases/{number}/accept",
    response=CaseDetailOut,
    summary="Accept the application (受理): the clocks start and the first stages open",
)
def case_accept(request, number: str):
    case = services.case_accept(actor=request.user, case=_visible_case(request, number))
    return _fresh(case)


@router.post(
    "/cases/{number}/refuse",
    response=CaseDetailOut,
    summary="Refuse to accept the application (不予受理), with a written reason",
)
def case_refuse(request, number: str, payload: ReasonIn):
    case = services.case_refuse(
        actor=request.user, case=_visible_case(request, number), reason=payload.reason
    )
    return _fresh(case)


@router.post(
    "/cases/{number}/correction",
    response=CaseDetailOut,
    summary="Request correction, listing every missing item at once (一次性告知)",
)
def case_correction(request, number: str, payload: CorrectionIn):
    """A further request for the same case needs a ``reason`` and is flagged for supervision."""
    case = _visible_case(request, number)
    services.case_request_correction(
        actor=request.user, case=case, items=payload.items, reason=payload.reason
    )
    return _fresh(case)


@router.post(
    "/cases/{number}/materials",
    response=CaseDetailOut,
    summary="Supply the materials a correction notice asked for (multipart)",
)
def case_materials(
    request,
    number: str,
    note: Form[str] = "",
    files: File[list[UploadedFile]] = None,
):
    """The acceptance window starts again from the day the materials arrive."""
    case = _visible_case(request, number)
    try:
        services.case_supply_materials(actor=request.user, case=case, files=files or [], note=note)
    except ValidationError as exc:
        raise _files_error(exc) from exc
    return _fresh(case)


@router.post(
    "/cases/{number}/decide",
    response=CaseDetailOut,
    summary="Decide the case: approve, or deny with reasons and the legal basis",
)
def case_decide(request, number: str, payload: DecideIn):
    """Only once every review is in; after a review disagreed, only a denial."""
    case = _visible_case(request, number)
    services.case_decide(
        actor=request.user,
        case=case,
        decision=payload.decision,
        reason=payload.reason,
        legal_basis=payload.legal_basis,
    )
    return _fresh(case)


@router.post(
    "/cases/{number}/deliver",
    response=CaseDetailOut,
    summary="Deliver the result (送达); the case is then completed (办结)",
)
def case_deliver(request, number: str, payload: DeliverIn):
    case = _visible_case(request, number)
    services.case_deliver(
        actor=request.user,
        case=case,
        method=payload.method,
        licence_number=payload.licence_number,
    )
    return _fresh(case)


@router.post(
    "/cases/{number}/handle-instant",
    response=CaseDetailOut,
    summary="Accept, decide and deliver an instant matter at the window, the same day (即办)",
)
def case_handle_instant(request, number: str, payload: InstantIn):
    """Send ``{}`` to approve and hand the result over at the window."""
    case = services.case_handle_instant(
        actor=request.user,
        case=_visible_case(request, number),
        decision=payload.decision,
        reason=payload.reason,
        legal_basis=payload.legal_basis,
        method=payload.method,
        licence_number=payload.licence_number,
    )
    return _fresh(case)


@router.post(
    "/cases/{number}/extend",
    response=CaseDetailOut,
    summary="Extend the legal time limit, approved by the department head (延期)",
)
def case_extend(request, number: str, payload: ExtendIn):
    case = _visible_case(request, number)
    services.case_extend(actor=request.user, case=case, days=payload.days, reason=payload.reason)
    return _fresh(case)


@router.post(
    "/cases/{number}/withdraw",
    response=CaseDetailOut,
    summary="Withdraw the application before it is decided",
)
def case_withdraw(request, number: str, payload: ReasonIn):
    case = services.case_withdraw(
        actor=request.user, case=_visible_case(request, number), reason=payload.reason
    )
    return _fresh(case)


@router.post(
    "/cases/{number}/rate",
    response=CaseDetailOut,
    summary="Rate a completed case (好差评); a bad rating opens a follow-up",
)
def case_rate(request, number: str, payload: RateIn):
    case = _visible_case(request, number)
    services.case_rate(actor=request.user, case=case, level=payload.level, comment=payload.comment)
    return _fresh(case)


@router.post(
    "/cases/{number}/rating/follow-up",
    response=CaseDetailOut,
    summary="Answer a bad rating (整改回访), within 15 working days",
)
def case_rating_follow_up(request, number: str, payload: FollowUpIn):
    case = _visible_case(request, number)
    rating = Rating.objects.filter(case=case).first()
    if rating is None:
        raise IllegalTransition(_("This case has not been rated."))
    services.rating_follow_up(actor=request.user, rating=rating, answer=payload.answer)
    return _fresh(case)


# ---------------------------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------------------------


@router.get(
    "/tasks",
    response=list[InboxTaskOut],
    summary="The caller's open tasks (待办), the earliest due first",
)
@paginate(CasePagination)
def task_list(request):
    user = request.user
    return (
        tasks_for(user)
        .filter(case__in=cases_visible_to(user).values("pk"))
        .select_related("case__power_version", "case__applicant", "department", "completed_by")
    )


@router.post(
    "/tasks/{task_id}/complete",
    response=TaskOut,
    summary="Record a review opinion (agree or disagree) and complete the task",
)
def task_complete(request, task_id: int, payload: TaskCompleteIn):
    """A task of a case the caller may not see is answered with 404; a task of a case they see
    but that belongs to another department or role, with 403. Disagreeing needs reasons and
    stops the case: it can then only be denied. Decision and delivery tasks are completed by
    ``/decide`` and ``/deliver``."""
    user = request.user
    task = (
        Task.objects.select_related("case", "department")
        .filter(pk=task_id, case__in=cases_visible_to(user).values("pk"))
        .first()
    )
    if task is None:
        raise Http404
    services.task_complete(actor=user, task=task, verdict=payload.verdict, opinion=payload.opinion)
    return Task.objects.select_related("case", "department", "completed_by").get(pk=task.pk)


# ---------------------------------------------------------------------------------------------
# Public tracking
# ---------------------------------------------------------------------------------------------


@router.get(
    "/track",
    response=TrackOut,
    auth=None,
    summary="Track a case by its number and query code (no login)",
)
def case_track(request, number: str, code: str):
    """Every step with its date, the deadline and what is missing. A wrong number and a wrong
    code get the same 404, so the answer never tells whether a number exists."""
    case = case_find(number, code, fields=TRACK_FIELDS)
    if case is None:
        raise Http404
    return case

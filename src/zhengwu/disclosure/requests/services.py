"""State changes of disclosure requests. Each service locks the request row, checks the move
against ``TRANSITIONS``, writes one audit event, and tells the applicant after the commit.

Receipt (art. 31). An application taken in person, by post, fax or e-mail is entered by the office
with :func:`request_submit` and the day it was received (in person: that day; by post: the day it
was signed for; by fax or e-mail: the day both sides confirmed), and its clocks start at once. An
application made online waits as ``submitted`` until the office confirms it with
:func:`request_confirm_receipt`: the confirmed day is the receipt date, and the clocks start then.

The clocks, owned by the request:

- ``disclosure.reply``: 20 working days after receipt (art. 33), extendable once by at most 20
  working days with the approval of a department head (:func:`request_extend`); suspended while
  the applicant corrects the application (and restarted, from the day the corrected application
  arrives, by :func:`request_supply_correction`: art. 30) and while a third party or a co-authoring
  body is consulted (arts. 32, 33: that time is not counted).
- ``disclosure.correction``: the 7 working days in which the office may ask for a correction (art.
  30). It is completed when the office accepts the application into processing, asks for the
  correction, consults, replies, or the applicant withdraws. Left running past the 7 days, it
  shows in e-supervision as an application nobody examined in time.

The periodic work (:func:`requests_sweep`): applications whose correction period passed without a
correction are regarded as abandoned (outcome "other processing 1"), and third parties who did not
answer within 15 working days no longer hold the reply clock.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.identity import validate_credit_code, validate_id_number
from zhengwu.disclosure.models.requests import (
    ABANDONED_GROUND,
    OTHER_GROUND,
    STILL_UNCLEAR_GROUND,
    SUB_GROUNDS,
    ApplicantType,
    Consultation,
    DisclosureRequest,
    ObtainingMethod,
    Outcome,
    ProvisionForm,
    RequestChannel,
    RequestCorrection,
    outcome_label,
    validate_phone,
)
from zhengwu.disclosure.requests import reply as reply_document
from zhengwu.disclosure.requests.notify import notify
from zhengwu.org.models import Department, User
from zhengwu.org.roles import Role
from zhengwu.workdays import services as clocks
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock, ClockSuspension

# Clock purposes.
REPLY = "disclosure.reply"
CORRECTION_WINDOW = "disclosure.correction"

# Statutory periods, in working days (2019 Regulations).
REPLY_DAYS = 20  # art. 33
MAX_EXTENSION_DAYS = 20  # art. 33
CORRECTION_WINDOW_DAYS = 7  # art. 30: the office asks within 7 working days of receipt
THIRD_PARTY_DAYS = 15  # art. 32
DEFAULT_CORRECTION_PERIOD_DAYS = 15  # the applicant's "reasonable period"; ZHENGWU_DISCLOSURE_…
MAX_CORRECTION_PERIOD_DAYS = 60

S = DisclosureRequest.Status
TRANSITIONS = {
    S.SUBMITTED: {S.RECEIVED, S.WITHDRAWN},
    S.RECEIVED: {S.IN_PROCESS, S.CORRECTION, S.CONSULTATION, S.REPLIED, S.WITHDRAWN},
    S.CORRECTION: {S.IN_PROCESS, S.ABANDONED, S.WITHDRAWN},
    S.IN_PROCESS: {S.CONSULTATION, S.CORRECTION, S.REPLIED, S.WITHDRAWN},
    S.CONSULTATION: {S.CONSULTATION, S.IN_PROCESS, S.WITHDRAWN},
    S.REPLIED: set(),
    S.ABANDONED: set(),
    S.WITHDRAWN: set(),
}
# The staff roles that handle the requests addressed to their own department.
HANDLING_ROLES = [Role.DISCLOSURE_OFFICER, Role.DEPARTMENT_HEAD, Role.REVIEWER]

APPLICANT_FIELDS = [
    "applicant_type",
    "name",
    "id_number",
    "organisation_name",
    "credit_code",
    "contact_person",
    "phone",
    "address",
    "postcode",
    "email",
]
INFORMATION_FIELDS = [
    "description",
    "document_number",
    "purpose",
    "provision_form",
    "obtaining_method",
]


def correction_period_days() -> int:
    return int(
        getattr(settings, "ZHENGWU_DISCLOSURE_CORRECTION_DAYS", DEFAULT_CORRECTION_PERIOD_DAYS)
    )


def query_digest(number: str, code: str) -> str:
    """Only this digest of the query code is stored (as for cases)."""
    return hashlib.sha256(f"{number}:{(code or '').strip()}".encode()).hexdigest()


@dataclass(frozen=True)
class Submission:
    request: DisclosureRequest
    query_code: str | None  # shown once; None when a retried submission returned the first
    created: bool


# ---------------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------------


def _is_active_staff(user) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.kind == User.Kind.STAFF
    )


def county_of(user) -> int | None:
    """The id of the county the user's department lies in."""
    if user.department_id is None:
        return None
    county = user.department.division.county
    return county.pk if county is not None else None


def may_handle_department(user, department: Department) -> bool:
    """A disclosure officer of the department's county, or a disclosure officer, reviewer or
    head of the department itself."""
    if not _is_active_staff(user):
        return False
    county = department.division.county
    if (
        user.has_role(Role.DISCLOSURE_OFFICER)
        and county is not None
        and county_of(user) == county.pk
    ):
        return True
    return user.department_id == department.pk and any(user.has_role(r) for r in HANDLING_ROLES)


def may_handle(user, request: DisclosureRequest) -> bool:
    return may_handle_department(user, request.department)


def may_approve_extension(user, request: DisclosureRequest) -> bool:
    """The head of the department the application is addressed to (art. 33: the head of its
    disclosure working body)."""
    return (
        _is_active_staff(user)
        and user.has_role(Role.DEPARTMENT_HEAD)
        and user.department_id == request.department_id
    )


def is_applicant_of(user, request: DisclosureRequest) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and request.applicant_user_id is not None
        and user.pk == request.applicant_user_id
    )


def _check_handler(actor, request: DisclosureRequest) -> None:
    if not may_handle(actor, request):
        raise NotPermitted(
            _("Only the disclosure staff of %(dept)s or of its county handle this request.")
            % {"dept": request.department.name}
        )


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


_day = act_day


def _lock(request: DisclosureRequest) -> DisclosureRequest:
    return (
        DisclosureRequest.objects.select_for_update(of=("self",))
        .select_related("department__division", "division", "applicant_user")
        .get(pk=request.pk)
    )


def _move(request: DisclosureRequest, to: str) -> str:
    before = request.status
    if to not in TRANSITIONS[S(before)]:
        raise IllegalTransition(
            _("The request is %(state)s and cannot become %(to)s.")
            % {"state": request.get_status_display(), "to": S(to).label}
        )
    request.status = to
    return before


def _audit(request: DisclosureRequest, *, actor, action: str, before="", reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=request,
        from_state=before,
        to_state=request.status if before else "",
        reason=reason,
        detail={"number": request.number, **(detail or {})},
        division=request.division,
    )


def _not_before(day: datetime.date, earliest: datetime.date | None, what) -> None:
    if earliest is not None and day < earliest:
        raise DomainError(
            _("This cannot be dated before %(what)s (%(date)s).")
            % {"what": what, "date": earliest.isoformat()},
            code="invalid_date",
        )


def request_clock(request: DisclosureRequest, purpose: str, *, open_only: bool = True):
    """The latest clock of ``purpose`` on the request (only an open one by default)."""
    found = Clock.objects.filter(
        owner_type=DisclosureRequest._meta.label_lower,
        owner_id=str(request.pk),
        purpose=purpose,
    )
    if open_only:
        found = found.exclude(status=Clock.Status.COMPLETED)
    return found.order_by("-id").first()


def _complete(request: DisclosureRequest, purpose: str, *, actor, on: datetime.date) -> None:
    clock = request_clock(request, purpose)
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=max(on, clock.started_on))


def _start_reply_clock(request: DisclosureRequest, *, actor, day: datetime.date) -> Clock:
    return clocks.clock_start(
        actor=actor,
        owner=request,
        purpose=REPLY,
        day_kind=Clock.DayKind.WORKING,
        started_on=day,
        limit_days=REPLY_DAYS,
        max_extension_days=MAX_EXTENSION_DAYS,
        legal_basis=_("Regulations on Government Information Disclosure art. 33"),
        division=request.division,
        department=request.department,
    )


def _start_clocks(request: DisclosureRequest, *, actor, day: datetime.date) -> Clock:
    clocks.clock_start(
        actor=actor,
        owner=request,
        purpose=CORRECTION_WINDOW,
        day_kind=Clock.DayKind.WORKING,
        started_on=day,
        limit_days=CORRECTION_WINDOW_DAYS,
        legal_basis=_("Regulations on Government Information Disclosure art. 30"),
        division=request.division,
        department=request.department,
    )
    return _start_reply_clock(request, actor=actor, day=day)


def _assign_number(request: DisclosureRequest, year: int) -> None:
    """``YSQ`` + year + a serial of the year, four digits at least (YSQ20260001)."""
    prefix = f"YSQ{year}"
    for _attempt in range(5):
        taken = DisclosureRequest.objects.filter(number__startswith=prefix).values_list(
            "number", flat=True
        )
        serial = max(
            (int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), default=0
        )
        request.number = f"{prefix}{serial + 1:04d}"
        try:
            with transaction.atomic():
                DisclosureRequest.objects.filter(pk=request.pk).update(number=request.number)
            return
        except IntegrityError:  # a concurrent submission took the serial first
            continue
    raise DomainError(_("No request number could be given; please try again."), code="busy")


# ---------------------------------------------------------------------------------------------
# The application: what it must contain (art. 29)
# ---------------------------------------------------------------------------------------------


def clean_application(data: dict) -> dict:
    """Check and normalise the applicant's and the information's fields; every problem is
    reported next to its field at once. Fields of the other applicant kind are emptied."""
    values = {name: str(data.get(name) or "").strip() for name in APPLICANT_FIELDS}
    values |= {name: str(data.get(name) or "").strip() for name in INFORMATION_FIELDS}
    errors: dict[str, list] = {}

    def error(field, message):
        errors.setdefault(field, []).append(message)

    def required(field, message):
        if not values[field]:
            error(field, message)
            return False
        return True

    kind = values["applicant_type"]
    if kind not in ApplicantType.values:
        error(
            "applicant_type",
            _("Choose whether you apply as a natural person or for which kind of organisation."),
        )
    elif kind == ApplicantType.NATURAL_PERSON:
        required("name", _("Give your name."))
        if required("id_number", _("Give your ID number.")):
            try:
                values["id_number"] = validate_id_number(values["id_number"])
            except ValidationError as exc:
                error("id_number", exc.messages[0])
        values["organisation_name"] = values["credit_code"] = ""
    else:
        required("organisation_name", _("Give the name of the organisation."))
        if required("credit_code", _("Give the organisation's unified social credit code.")):
            try:
                values["credit_code"] = validate_credit_code(values["credit_code"])
            except ValidationError as exc:
                error("credit_code", exc.messages[0])
        required("contact_person", _("Give the name of the contact person."))
        values["id_number"] = ""
    if required("phone", _("Give a telephone number we can reach you on.")):
        try:
            values["phone"] = validate_phone(values["phone"])
        except ValidationError as exc:
            error("phone", exc.messages[0])
    if values["postcode"] and not (len(values["postcode"]) == 6 and values["postcode"].isdigit()):
        error("postcode", _("A postcode is 6 digits."))
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            error("email", _("Give a valid e-mail address."))
    required("description", _("Describe the government information you want."))
    if values["provision_form"] not in ProvisionForm.values:
        error("provision_form", _("Choose the form in which you want the information."))
    method = values["obtaining_method"]
    if method not in ObtainingMethod.values:
        error("obtaining_method", _("Choose how you want to obtain the information."))
    elif method == ObtainingMethod.POST:
        required("address", _("Give the postal address the information is to be sent to."))
    elif method == ObtainingMethod.EMAIL:
        required("email", _("Give the e-mail address the information is to be sent to."))
    if errors:
        raise ValidationError(errors)
    return values


def _account_of(values: dict) -> User | None:
    """The applicant's own account, found by the ID number or credit code on the application."""
    if values["applicant_type"] == ApplicantType.NATURAL_PERSON:
        return User.objects.filter(kind=User.Kind.CITIZEN, id_number=values["id_number"]).first()
    return User.objects.filter(
        kind=User.Kind.ORGANISATION, credit_code=values["credit_code"]
    ).first()


# ---------------------------------------------------------------------------------------------
# Receipt
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def request_submit(
    *,
    actor,
    department: Department,
    data: dict,
    channel: str = RequestChannel.ONLINE,
    received_on: datetime.date | None = None,
    idempotency_key: str = "",
) -> Submission:
    """File an application for government information.

    Online (``actor`` the applicant's account, or None for an applicant without one) it waits
    for the office to confirm receipt. In person, by post, fax or e-mail, a member of the office
    enters it with the day it was received (art. 31), and its clocks start from that day. A retry
    with the same idempotency key returns the first request unchanged.
    """
    key = (idempotency_key or "").strip()[:64]
    if key:
        existing = DisclosureRequest.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return Submission(existing, None, created=False)
    if channel not in RequestChannel.values:
        raise ValidationError({"channel": _("Choose how the application was received.")})
    online = channel == RequestChannel.ONLINE
    if online:
        if getattr(actor, "is_authenticated", False) and not actor.is_applicant:
            raise NotPermitted(
                _("Staff enter an application received in person, by post, fax or e-mail.")
            )
        if received_on is not None:
            raise DomainError(
                _("An online application is received on the day the office confirms it."),
                code="confirm_online",
            )
    else:
        if not may_handle_department(actor, department):
            raise NotPermitted(
                _("Only the disclosure staff of %(dept)s or of its county enter applications.")
                % {"dept": department.name}
            )
        if received_on is None:
            raise ValidationError({"received_on": _("Give the day the application was received.")})
        received_on = _day(received_on)
    if department.kind == Department.Kind.COMMITTEE or department.division.county is None:
        raise ValidationError({"department": _("Choose an administrative body of the county.")})
    values = clean_application(data)
    applicant_user = None
    if online and actor is not None and getattr(actor, "is_authenticated", False):
        applicant_user = actor
    elif not online:
        applicant_user = _account_of(values)
    code = f"{secrets.randbelow(10**8):08d}"
    request = DisclosureRequest(
        number=f"~{uuid.uuid4().hex[:30]}",  # replaced below, in this transaction
        query_digest="",
        idempotency_key=key,
        division=department.division.county,
        department=department,
        applicant_user=applicant_user,
        entered_by=None if online else actor,
        channel=channel,
        received_on=received_on,
        status=S.SUBMITTED if online else S.RECEIVED,
        **values,
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        existing = DisclosureRequest.objects.filter(idempotency_key=key).first() if key else None
        if existing is None:
            raise
        return Submission(existing, None, created=False)
    _assign_number(request, (received_on or timezone.localdate()).year)
    request.query_digest = query_digest(request.number, code)
    DisclosureRequest.objects.filter(pk=request.pk).update(query_digest=request.query_digest)
    reply_clock = None
    if not online:
        reply_clock = _start_clocks(request, actor=actor, day=received_on)
    audit_record(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action="request_submit",
        obj=request,
        to_state=request.status,
        detail={
            "number": request.number,
            "channel": channel,
            "department": department.pk,
            "applicant_type": request.applicant_type,
            **({"received_on": received_on.isoformat()} if received_on else {}),
        },
        division=request.division,
    )
    if reply_clock is not None:
        notify(
            request,
            "received",
            received=received_on.isoformat(),
            due=reply_clock.due_date.isoformat(),
        )
    return Submission(request, code, created=True)


@transaction.atomic
def request_confirm_receipt(
    *, actor, request: DisclosureRequest, on: datetime.date | None = None
) -> DisclosureRequest:
    """Confirm an online application: the confirmed day is its receipt date (art. 31(3))."""
    request = _lock(request)
    day = _day(on)
    _check_handler(actor, request)
    _not_before(day, timezone.localdate(request.submitted_at), _("the submission"))
    before = _move(request, S.RECEIVED)
    request.received_on = day
    request.save(update_fields=["status", "received_on", "last_activity_at"])
    reply_clock = _start_clocks(request, actor=actor, day=day)
    _audit(
        request,
        actor=actor,
        action="request_confirm_receipt",
        before=before,
        detail={"received_on": day.isoformat(), "due": reply_clock.due_date.isoformat()},
    )
    notify(request, "received", received=day.isoformat(), due=reply_clock.due_date.isoformat())
    return request


@transaction.atomic
def request_accept(
    *, actor, request: DisclosureRequest, on: datetime.date | None = None
) -> DisclosureRequest:
    """The application is complete: the office takes it into processing (no correction)."""
    request = _lock(request)
    day = _day(on)
    _check_handler(actor, request)
    _not_before(day, request.received_on, _("the receipt"))
    before = _move(request, S.IN_PROCESS)
    request.save(update_fields=["status", "last_activity_at"])
    _complete(request, CORRECTION_WINDOW, actor=actor, on=day)
    _audit(
        request, actor=actor, action="request_accept", before=before, detail={"on": day.isoformat()}
    )
    return request


# ---------------------------------------------------------------------------------------------
# Correction (art. 30)
# ---------------------------------------------------------------------------------------------


def correction_deadline(request: DisclosureRequest) -> datetime.date | None:
    """The last day the office may ask for a correction: 7 working days after receipt."""
    if request.received_on is None:
        return None
    return get_calendar().add_workdays(request.received_on, CORRECTION_WINDOW_DAYS).date


@transaction.atomic
def request_ask_correction(
    *,
    actor,
    request: DisclosureRequest,
    items: list[str],
    period_days: int | None = None,
    on: datetime.date | None = None,
) -> RequestCorrection:
    """Ask the applicant, once and listing everything at once, to correct the application
    within a period; the reply period stops and runs again from the corrected application."""
    request = _lock(request)
    day = _day(on)
    _check_handler(actor, request)
    if request.corrections.exists() or request.correction_requested_on is not None:
        raise DomainError(
            _(
                "A correction has already been requested on %(date)s: the law allows it only "
                "once, with every item told at once (art. 30 of the Regulations)."
            )
            % {"date": (request.correction_requested_on or day).isoformat()},
            code="correction_once",
        )
    if request.status not in (S.RECEIVED, S.IN_PROCESS):
        _move(request, S.CORRECTION)  # raises with a clear message
    _not_before(day, request.received_on, _("the receipt"))
    last = correction_deadline(request)
    if day > last:
        raise DomainError(
            _(
                "A correction must be requested within %(n)s working days of receipt, that is "
                "by %(last)s (art. 30 of the Regulations); the application must now be answered "
                "as it stands."
            )
            % {"n": CORRECTION_WINDOW_DAYS, "last": last.isoformat()},
            code="correction_window_passed",
        )
    items = [str(item).strip() for item in items or [] if str(item).strip()]
    period = correction_period_days() if period_days is None else period_days
    errors = {}
    if not items:
        errors["items"] = _("List everything to correct, at once.")
    if not isinstance(period, int) or not 1 <= period <= MAX_CORRECTION_PERIOD_DAYS:
        errors["period_days"] = _("Give the applicant between 1 and %(max)s working days.") % {
            "max": MAX_CORRECTION_PERIOD_DAYS
        }
    if errors:
        raise ValidationError(errors)
    due = get_calendar().add_workdays(day, period).date
    before = _move(request, S.CORRECTION)
    correction = RequestCorrection.objects.create(
        request=request,
        items=items,
        issued_on=day,
        issued_by=actor,
        period_days=period,
        due_on=due,
    )
    request.correction_requested_on = day
    request.correction_items = items
    request.correction_period_days = period
    request.correction_due_on = due
    request.save(
        update_fields=[
            "status",
            "correction_requested_on",
            "correction_items",
            "correction_period_days",
            "correction_due_on",
            "last_activity_at",
        ]
    )
    _complete(request, CORRECTION_WINDOW, actor=actor, on=day)
    reply = request_clock(request, REPLY)
    if reply is not None and reply.status == Clock.Status.RUNNING:
        clocks.clock_suspend(
            actor=actor,
            clock=reply,
            on=day,
            reason=ClockSuspension.Reason.CORRECTION,
            note="、".join(items),
        )
    _audit(
        request,
        actor=actor,
        action="request_ask_correction",
        before=before,
        detail={
            "items": items,
            "period_days": period,
            "due": due.isoformat(),
            "notice": correction.pk,
            "on": day.isoformat(),
        },
    )
    notify(request, "correction", items="、".join(items), due=due.isoformat())
    return correction


@transaction.atomic
def request_supply_correction(
    *,
    actor,
    request: DisclosureRequest,
    description: str = "",
    note: str = "",
    on: datetime.date | None = None,
) -> DisclosureRequest:
    """The corrected application arrives (from the applicant online, or entered by the office):
    the 20 working days of the reply count again from this day."""
    request = _lock(request)
    day = _day(on)
    if not (is_applicant_of(actor, request) or may_handle(actor, request)):
        raise NotPermitted(_("Only the applicant or the disclosure staff record a correction."))
    if request.status != S.CORRECTION:
        _move(request, S.IN_PROCESS)  # raises with a clear message
    _not_before(day, request.correction_requested_on, _("the correction notice"))
    if day > request.correction_due_on:
        raise DomainError(
            _(
                "The period for the correction ended on %(due)s: the application is regarded "
                "as abandoned (art. 30 of the Regulations)."
            )
            % {"due": request.correction_due_on.isoformat()},
            code="correction_period_passed",
        )
    description = (description or "").strip()
    note = (note or "").strip()
    if not description and not note:
        raise ValidationError(
            {"description": _("Give the corrected description, or describe the correction.")}
        )
    before = _move(request, S.IN_PROCESS)
    original = request.description
    if description:
        request.description = description
    request.corrected_on = day
    request.save(update_fields=["status", "description", "corrected_on", "last_activity_at"])
    RequestCorrection.objects.filter(request=request, answered_on__isnull=True).update(
        answered_on=day, answer=description or note
    )
    _complete(request, REPLY, actor=actor, on=day)  # the period of the first application ends
    reply = _start_reply_clock(request, actor=actor, day=day)
    _audit(
        request,
        actor=actor,
        action="request_supply_correction",
        before=before,
        reason=note,
        detail={
            "on": day.isoformat(),
            "due": reply.due_date.isoformat(),
            **({"original_description": original} if description else {}),
        },
    )
    return request


@transaction.atomic
def requests_abandon_expired(*, on: datetime.date | None = None) -> list[str]:
    """Regard as abandoned every application whose correction period has passed without a
    correction (art. 30): outcome "other processing 1". Returns the request numbers. Safe to run
    any number of times (the periodic job); the request is concluded the day after the period."""
    day = _day(on)
    numbers = []
    expired = DisclosureRequest.objects.filter(status=S.CORRECTION, correction_due_on__lt=day)
    for request in expired.order_by("correction_due_on", "pk"):
        request = _lock(request)
        if request.status != S.CORRECTION or request.correction_due_on >= day:
            continue
        lapsed = request.correction_due_on + datetime.timedelta(days=1)
        before = _move(request, S.ABANDONED)
        request.outcome = Outcome.OTHER
        request.sub_ground = ABANDONED_GROUND
        request.concluded_on = lapsed
        request.save(
            update_fields=["status", "outcome", "sub_ground", "concluded_on", "last_activity_at"]
        )
        RequestCorrection.objects.filter(request=request, answered_on__isnull=True).update(
            lapsed_on=lapsed
        )
        _complete(request, REPLY, actor=None, on=lapsed)
        _complete(request, CORRECTION_WINDOW, actor=None, on=lapsed)
        _audit(
            request,
            actor=None,
            action="request_abandon",
            before=before,
            detail={
                "correction_due": request.correction_due_on.isoformat(),
                "concluded_on": lapsed.isoformat(),
            },
        )
        notify(request, "abandoned", due=request.correction_due_on.isoformat())
        numbers.append(request.number)
    return numbers


# ---------------------------------------------------------------------------------------------
# Extension (art. 33)
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def request_extend(
    *,
    actor,
    request: DisclosureRequest,
    days: int,
    reason: str,
    approved_by: User | None = None,
    on: datetime.date | None = None,
) -> Clock:
    """Extend the reply period once, by at most 20 working days, with the approval of the head
    of the department; the applicant is told."""
    request = _lock(request)
    day = _day(on)
    approver = approved_by or actor
    if not may_approve_extension(approver, request):
        raise NotPermitted(
            _("An extension is approved by the head of %(dept)s.")
            % {"dept": request.department.name}
        )
    if actor != approver:
        _check_handler(actor, request)
    if request.status not in (S.RECEIVED, S.IN_PROCESS, S.CONSULTATION):
        raise IllegalTransition(
            _("The request is %(state)s: there is no reply period to extend.")
            % {"state": request.get_status_display()}
        )
    clock = request_clock(request, REPLY)
    if clock is None:
        raise IllegalTransition(_("The request has no running reply period to extend."))
    if clock.extended_days > 0 or clock.extensions.exists():
        raise DomainError(
            _("The reply period has already been extended once; it cannot be extended again."),
            code="extension_once",
        )
    if not reason.strip():
        raise ValidationError({"reason": _("An extension needs a reason.")})
    if not isinstance(days, int) or days < 1:
        raise DomainError(_("An extension must be at least one day."), code="invalid_extension")
    if days > MAX_EXTENSION_DAYS:
        raise DomainError(
            _("The reply period may be extended by at most %(max)s working days (art. 33).")
            % {"max": MAX_EXTENSION_DAYS},
            code="extension_exceeds_limit",
        )
    if day > clock.due_date:
        raise DomainError(
            _("The reply period ended on %(due)s: it can no longer be extended.")
            % {"due": clock.due_date.isoformat()},
            code="extension_too_late",
        )
    clock = clocks.clock_extend(
        actor=actor,
        clock=clock,
        days=days,
        approved_by=approver,
        approved_on=day,
        reason=reason.strip(),
    )
    request.save(update_fields=["last_activity_at"])
    _audit(
        request,
        actor=actor,
        action="request_extend",
        reason=reason.strip(),
        detail={"days": days, "approved_by": approver.pk, "due": clock.due_date.isoformat()},
    )
    notify(request, "extended", due=clock.due_date.isoformat(), reason=reason.strip())
    return clock


# ---------------------------------------------------------------------------------------------
# Consultation (arts. 32, 33)
# ---------------------------------------------------------------------------------------------

SUSPENSION_REASON = {
    Consultation.Kind.THIRD_PARTY: ClockSuspension.Reason.THIRD_PARTY,
    Consultation.Kind.CO_AUTHOR: ClockSuspension.Reason.OTHER,
}


@transaction.atomic
def request_consult(
    *,
    actor,
    request: DisclosureRequest,
    kind: str,
    party: str,
    question: str = "",
    on: datetime.date | None = None,
) -> Consultation:
    """Ask a third party (15 working days to answer) or a co-authoring body for its opinion;
    the reply period stops until every consultation is closed."""
    request = _lock(request)
    day = _day(on)
    _check_handler(actor, request)
    errors = {}
    if kind not in Consultation.Kind.values:
        errors["kind"] = _("Choose whom you consult.")
    if not party.strip():
        errors["party"] = _("Name the party consulted.")
    if errors:
        raise ValidationError(errors)
    _not_before(day, request.corrected_on or request.received_on, _("the receipt"))
    before = _move(request, S.CONSULTATION)
    due = None
    if kind == Consultation.Kind.THIRD_PARTY:
        due = get_calendar().add_workdays(day, THIRD_PARTY_DAYS).date
    consultation = Consultation.objects.create(
        request=request,
        kind=kind,
        party=party.strip(),
        question=question.strip(),
        sent_on=day,
        due_on=due,
        sent_by=actor,
    )
    request.save(update_fields=["status", "last_activity_at"])
    _complete(request, CORRECTION_WINDOW, actor=actor, on=day)
    reply = request_clock(request, REPLY)
    if reply is not None and reply.status == Clock.Status.RUNNING:
        clocks.clock_suspend(
            actor=actor, clock=reply, on=day, reason=SUSPENSION_REASON[kind], note=party.strip()
        )
    _audit(
        request,
        actor=actor,
        action="request_consult",
        before=before if before != request.status else "",
        detail={
            "kind": kind,
            "party": party.strip(),
            "consultation": consultation.pk,
            "on": day.isoformat(),
            **({"due": due.isoformat()} if due else {}),
        },
    )
    return consultation


def _effective_end(consultation: Consultation) -> datetime.date:
    """The day a consultation stopped holding the clock: its answer or lapse, and for a third
    party never later than its 15 working days."""
    end = consultation.answered_on or consultation.lapsed_on
    if consultation.due_on is not None:
        end = min(end, consultation.due_on)
    return max(end, consultation.sent_on)


def _resume_after_consultations(request: DisclosureRequest, *, actor) -> bool:
    """When no consultation is open any more: the reply clock runs again from the day the last
    one stopped holding it, and the request is back in process."""
    if request.consultations.filter(answered_on__isnull=True, lapsed_on__isnull=True).exists():
        return False
    reply = request_clock(request, REPLY)
    if reply is not None and reply.status == Clock.Status.SUSPENDED:
        since = (
            reply.suspensions.filter(ended_on__isnull=True)
            .values_list("started_on", flat=True)
            .first()
        )
        ends = [
            _effective_end(c)
            for c in request.consultations.all()
            if since is None or c.sent_on >= since
        ]
        resume_on = max([*ends, since]) if since is not None else max(ends)
        clocks.clock_resume(actor=actor, clock=reply, on=resume_on)
    if request.status == S.CONSULTATION:
        request.status = S.IN_PROCESS
        request.save(update_fields=["status", "last_activity_at"])
    return True


@transaction.atomic
def request_consultation_answered(
    *, actor, consultation: Consultation, answer: str, on: datetime.date | None = None
) -> Consultation:
    """Record the answer of a consulted party; with the last answer the reply clock runs again."""
    request = _lock(consultation.request)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    day = _day(on)
    _check_handler(actor, request)
    if not consultation.is_open:
        raise IllegalTransition(_("This consultation is already closed."))
    if not answer.strip():
        raise ValidationError({"answer": _("Record what the party answered.")})
    _not_before(day, consultation.sent_on, _("the consultation was sent"))
    consultation.answered_on = day
    consultation.answer = answer.strip()
    consultation.save(update_fields=["answered_on", "answer"])
    before = request.status
    resumed = _resume_after_consultations(request, actor=actor)
    _audit(
        request,
        actor=actor,
        action="request_consultation_answered",
        before=before if request.status != before else "",
        reason=answer.strip(),
        detail={
            "consultation": consultation.pk,
            "party": consultation.party,
            "on": day.isoformat(),
            "resumed": resumed,
        },
    )
    return consultation


@transaction.atomic
def consultations_expire(*, on: datetime.date | None = None) -> list[int]:
    """Close the third-party consultations whose 15 working days have passed without an answer
    (the office then decides itself, art. 32); their time stops being excluded. Returns their ids.
    Safe to run any number of times."""
    day = _day(on)
    closed = []
    late = Consultation.objects.filter(
        kind=Consultation.Kind.THIRD_PARTY,
        answered_on__isnull=True,
        lapsed_on__isnull=True,
        due_on__lt=day,
    )
    for consultation in late.select_related("request").order_by("due_on", "pk"):
        request = _lock(consultation.request)
        updated = Consultation.objects.filter(
            pk=consultation.pk, answered_on__isnull=True, lapsed_on__isnull=True
        ).update(lapsed_on=consultation.due_on)
        if not updated:
            continue
        before = request.status
        resumed = _resume_after_consultations(request, actor=None)
        _audit(
            request,
            actor=None,
            action="request_consultation_lapsed",
            before=before if request.status != before else "",
            detail={
                "consultation": consultation.pk,
                "party": consultation.party,
                "due": consultation.due_on.isoformat(),
                "resumed": resumed,
            },
        )
        closed.append(consultation.pk)
    return closed


def requests_sweep(*, on: datetime.date | None = None) -> dict[str, list]:
    """The periodic work of disclosure requests: lapsed consultations, abandoned applications."""
    return {
        "consultations_lapsed": consultations_expire(on=on),
        "abandoned": requests_abandon_expired(on=on),
    }


# ---------------------------------------------------------------------------------------------
# Reply (art. 36), fee (art. 42), withdrawal
# ---------------------------------------------------------------------------------------------


def check_outcome(outcome: str, sub_ground: int | None, *, corrected: bool) -> int | None:
    """The sub-ground as stored, or a ValidationError naming the field."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome of the request.")})
    grounds = SUB_GROUNDS.get(outcome)
    if not grounds:
        if sub_ground:
            raise ValidationError({"outcome": _("This outcome has no sub-grounds.")})
        return None
    if sub_ground not in grounds:
        raise ValidationError(
            {
                "outcome": _("Choose the ground of “%(outcome)s”.")
                % {"outcome": Outcome(outcome).label}
            }
        )
    if outcome == Outcome.OTHER and sub_ground == ABANDONED_GROUND:
        raise ValidationError(
            {
                "outcome": _(
                    "An application not corrected in time is regarded as abandoned by itself "
                    "when the correction period passes."
                )
            }
        )
    if outcome == Outcome.UNAVAILABLE and sub_ground == STILL_UNCLEAR_GROUND and not corrected:
        raise ValidationError(
            {
                "outcome": _(
                    "“Still unclear after correction” needs a correction: this application was "
                    "not corrected."
                )
            }
        )
    return sub_ground


@transaction.atomic
def request_reply(
    *,
    actor,
    request: DisclosureRequest,
    outcome: str,
    sub_ground: int | None = None,
    text: str,
    legal_basis: str = "",
    on: datetime.date | None = None,
) -> DisclosureRequest:
    """Reply to the application: the outcome (and its ground), the text and the legal basis. The
    written reply is generated as a DOCX and kept with the request."""
    request = _lock(request)
    day = _day(on)
    _check_handler(actor, request)
    if request.status == S.CONSULTATION:
        raise IllegalTransition(
            _(
                "A consultation is still open: record its answer first (a third party that has "
                "not answered within 15 working days is closed automatically)."
            )
        )
    sub_ground = check_outcome(outcome, sub_ground, corrected=request.corrected_on is not None)
    if not text.strip():
        raise ValidationError({"text": _("Write the reply: what is provided, or the reasons.")})
    _not_before(day, request.corrected_on or request.received_on, _("the receipt"))
    before = _move(request, S.REPLIED)
    request.outcome = outcome
    request.sub_ground = sub_ground
    request.reply_text = text.strip()
    request.legal_basis = (
        legal_basis.strip() or reply_document.legal_basis_for(outcome, sub_ground)
    )[:300]
    request.replied_on = day
    request.replied_by = actor
    request.concluded_on = day
    request.reply_document.save(
        f"{request.number}.docx", ContentFile(reply_document.render_reply(request)), save=False
    )
    request.save()
    _complete(request, REPLY, actor=actor, on=day)
    _complete(request, CORRECTION_WINDOW, actor=actor, on=day)
    _audit(
        request,
        actor=actor,
        action="request_reply",
        before=before,
        reason=request.reply_text,
        detail={
            "outcome": outcome,
            "sub_ground": sub_ground,
            "legal_basis": request.legal_basis,
            "on": day.isoformat(),
        },
    )
    notify(request, "replied", outcome=outcome_label(outcome, sub_ground))
    return request


@transaction.atomic
def request_record_fee(
    *,
    actor,
    request: DisclosureRequest,
    amount,
    on: datetime.date | None = None,
) -> DisclosureRequest:
    """Record a processing fee notice for an excessive volume (art. 42); billing is elsewhere."""
    request = _lock(request)
    day = _day(on)
    _check_handler(actor, request)
    if not request.is_open or request.status == S.SUBMITTED:
        raise IllegalTransition(_("A fee is recorded only on a request being processed."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Give the amount of the fee.")})
    request.processing_fee = amount
    request.fee_notice_on = day
    request.save(update_fields=["processing_fee", "fee_notice_on", "last_activity_at"])
    _audit(
        request,
        actor=actor,
        action="request_record_fee",
        detail={"amount": str(amount), "on": day.isoformat()},
    )
    return request


@transaction.atomic
def request_withdraw(
    *, actor, request: DisclosureRequest, reason: str = "", on: datetime.date | None = None
) -> DisclosureRequest:
    """The applicant withdraws the application (online, or in writing recorded by the office).
    In the annual report a withdrawal counts under "other processing 3 (other)"."""
    request = _lock(request)
    day = _day(on)
    if not (is_applicant_of(actor, request) or may_handle(actor, request)):
        raise NotPermitted(_("Only the applicant withdraws an application."))
    before = _move(request, S.WITHDRAWN)
    request.outcome = Outcome.OTHER
    request.sub_ground = OTHER_GROUND
    request.withdrawn_on = day
    request.withdrawal_reason = reason.strip()
    request.concluded_on = day
    request.save()
    Consultation.objects.filter(
        request=request, answered_on__isnull=True, lapsed_on__isnull=True
    ).update(lapsed_on=day)
    _complete(request, REPLY, actor=actor, on=day)
    _complete(request, CORRECTION_WINDOW, actor=actor, on=day)
    _audit(request, actor=actor, action="request_withdraw", before=before, reason=reason.strip())
    return request

"""State changes of messages. Every service runs in one transaction, locks the message row and
writes one audit event; moves are checked against ``Message.TRANSITIONS``.

The answer clock (``interaction.answer``, working days, ``limits.answer_limit(kind)``) starts when
a message is routed, counting from the day after it arrived, and belongs to the department it is
routed to: e-supervision watches it like every clock (yellow when near its due date, red when
past it). ``workdays`` has no service that moves a clock to another department, so rerouting
completes the clock of the wrong department on the day of the reroute and starts a new one for
the right department from the day the message arrived: the writer's time limit does not start
again, and supervision holds the new department to the same due date.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengwu.cases.models import Case
from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.identity import validate_id_number
from zhengwu.interaction import limits
from zhengwu.interaction.contact import validate_phone
from zhengwu.interaction.models import Message
from zhengwu.interaction.redaction import redact
from zhengwu.interaction.rules import can_answer, can_handle
from zhengwu.org.models import Department, Division, User
from zhengwu.org.selectors import divisions_under
from zhengwu.workdays import services as clocks
from zhengwu.workdays.models import Clock

ANSWER = "interaction.answer"
LEGAL_BASIS = {
    Message.Kind.CONSULTATION: gettext_lazy("time limit for answering an online consultation"),
    Message.Kind.COMPLAINT: gettext_lazy("time limit for handling a complaint"),
    Message.Kind.MAILBOX: gettext_lazy("time limit for answering a letter to the county head"),
}

SUBJECT_MAX = 200
BODY_MAX = 5000
ANSWER_MAX = 10000


def query_digest(number: str, code: str) -> str:
    return hashlib.sha256(f"{number}:{code.strip()}".encode()).hexdigest()


@dataclass(frozen=True)
class Submission:
    message: Message
    query_code: str | None  # shown once; None when a retried submission returned the first one
    created: bool


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


_day = act_day


def _lock(message: Message) -> Message:
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("division", "department")
        .get(pk=message.pk)
    )


def _move(message: Message, to: str) -> str:
    before = message.status
    if to not in Message.TRANSITIONS[Message.Status(before)]:
        raise IllegalTransition(
            _("The message is %(state)s and cannot become %(to)s.")
            % {"state": message.get_status_display(), "to": Message.Status(to).label}
        )
    message.status = to
    return before


def _not_before_arrival(message: Message, day: datetime.date) -> None:
    if day < message.submitted_on:
        raise DomainError(
            _("This cannot be dated before the message arrived (%(date)s).")
            % {"date": message.submitted_on.isoformat()},
            code="before_arrival",
        )


def _audit(
    message: Message, *, actor, action: str, before="", to_state=None, reason="", detail=None
) -> None:
    audit_record(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        obj=message,
        from_state=before,
        to_state=to_state if to_state is not None else (message.status if before else ""),
        reason=reason,
        detail={"number": message.number, "kind": message.kind, **(detail or {})},
        division=message.division,
    )


def _save(message: Message, *fields: str) -> None:
    message.last_activity_at = timezone.now()
    message.save(update_fields=[*fields, "last_activity_at"])


def _check_office(actor, message: Message) -> None:
    if not can_handle(actor, message):
        raise NotPermitted(
            _("Only the routing office of %(county)s may do this.")
            % {"county": message.division.name}
        )


def answer_clock(message: Message, *, open_only: bool = True) -> Clock | None:
    """The message's latest answer clock (the running one, unless ``open_only`` is False)."""
    found = Clock.objects.filter(
        owner_type=Message._meta.label_lower, owner_id=str(message.pk), purpose=ANSWER
    )
    if open_only:
        found = found.exclude(status=Clock.Status.COMPLETED)
    return found.order_by("-id").first()


def _start_clock(message: Message, actor, department: Department) -> Clock:
    return clocks.clock_start(
        actor=actor,
        owner=message,
        purpose=ANSWER,
        day_kind=Clock.DayKind.WORKING,
        started_on=message.submitted_on,
        limit_days=limits.answer_limit(message.kind),
        legal_basis=str(LEGAL_BASIS[Message.Kind(message.kind)]),
        division=message.division,
        department=department,
    )


def _stop_clock(message: Message, actor, day: datetime.date) -> Clock | None:
    clock = answer_clock(message)
    if clock is not None:
        clock = clocks.clock_complete(actor=actor, clock=clock, on=max(day, clock.started_on))
    return clock


def _check_department(message: Message, department: Department | None) -> Department:
    if department is None:
        raise ValidationError({"department": _("Choose the department that answers.")})
    in_county = divisions_under(message.division).filter(pk=department.division_id).exists()
    if not department.is_active or not in_county:
        raise ValidationError(
            {
                "department": _("%(dept)s is not an active department of %(county)s.")
                % {"dept": department.name, "county": message.division.name}
            }
        )
    return department


def _reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


# ---------------------------------------------------------------------------------------------
# Submission
# ---------------------------------------------------------------------------------------------


def _clean_submission(
    *,
    kind: str,
    division: Division | None,
    subject: str,
    body: str,
    name: str,
    phone: str,
    email: str,
    topic: str,
    id_number: str,
    case_number: str,
) -> tuple[dict, Case | None]:
    """The cleaned fields, or a ValidationError naming every field that is wrong."""
    errors: dict[str, list] = {}
    values = {
        "subject": (subject or "").strip(),
        "body": (body or "").strip(),
        "name": (name or "").strip(),
        "email": (email or "").strip(),
        "topic": (topic or "").strip(),
        "id_number": (id_number or "").strip(),
    }
    if kind not in Message.Kind.values:
        errors["kind"] = [_("Unknown kind of message.")]
    if division is None or division.level != Division.Level.COUNTY:
        errors["division"] = [_("Messages are written to a county.")]
    if not values["subject"]:
        errors["subject"] = [_("Give a subject.")]
    elif len(values["subject"]) > SUBJECT_MAX:
        errors["subject"] = [_("At most %(n)s characters.") % {"n": SUBJECT_MAX}]
    if not values["body"]:
        errors["body"] = [_("Write your message.")]
    elif len(values["body"]) > BODY_MAX:
        errors["body"] = [_("At most %(n)s characters.") % {"n": BODY_MAX}]
    if not values["name"]:
        errors["name"] = [_("Give your name, so that we can answer you.")]
    elif len(values["name"]) > 100:
        errors["name"] = [_("At most %(n)s characters.") % {"n": 100}]
    try:
        values["phone"] = validate_phone(phone)
    except ValidationError as error:
        errors["phone"] = error.messages
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = [_("Give a valid e-mail address, or leave it empty.")]
    if values["topic"] and values["topic"] not in Message.Topic.values:
        errors["topic"] = [_("Unknown topic.")]
    case = None
    is_complaint = kind == Message.Kind.COMPLAINT
    if values["id_number"]:
        if not is_complaint:
            errors["id_number"] = [_("An ID number is asked only with a complaint.")]
        else:
            try:
                values["id_number"] = validate_id_number(values["id_number"])
            except ValidationError as error:
                errors["id_number"] = error.messages
    number = (case_number or "").strip()
    if number:
        if not is_complaint:
            errors["case_number"] = [_("A case number is given only with a complaint.")]
        else:
            case = Case.objects.filter(number=number).first()
            if case is None:
                errors["case_number"] = [
                    _("No case has the number %(number)s. Check it, or leave it empty.")
                    % {"number": number}
                ]
    if errors:
        raise ValidationError(errors)
    return values, case


@transaction.atomic
def message_submit(
    *,
    actor,
    kind: str,
    division: Division | None,
    subject: str,
    body: str,
    name: str,
    phone: str,
    idempotency_key: str,
    email: str = "",
    topic: str = "",
    id_number: str = "",
    case_number: str = "",
    publication_consent: bool = False,
    on: datetime.date | None = None,
) -> Submission:
    """Take a message from the portal. Anyone may write (``actor`` is None or anonymous); a
    logged-in writer's account is linked. A retry with the same key returns the first message."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError({"idempotency_key": _("Give a key of 1 to 64 characters.")})
    existing = Message.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return Submission(existing, None, created=False)
    values, case = _clean_submission(
        kind=kind,
        division=division,
        subject=subject,
        body=body,
        name=name,
        phone=phone,
        email=email,
        topic=topic,
        id_number=id_number,
        case_number=case_number,
    )
    day = _day(on)
    user = actor if getattr(actor, "is_authenticated", False) else None
    message = Message(
        number=f"~{uuid.uuid4().hex[:30]}",  # replaced below, in this transaction
        query_digest="",
        idempotency_key=key,
        kind=kind,
        division=division,
        user=user,
        publication_consent=bool(publication_consent),
        case=case,
        submitted_on=day,
        **values,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # The same key committed by a concurrent retry in the meantime.
        return Submission(Message.objects.get(idempotency_key=key), None, created=False)
    code = f"{secrets.randbelow(10**8):08d}"
    message.number = f"{Message.PREFIXES[Message.Kind(kind)]}{day:%Y}{message.pk:06d}"
    message.query_digest = query_digest(message.number, code)
    Message.objects.filter(pk=message.pk).update(
        number=message.number, query_digest=message.query_digest
    )
    _audit(
        message,
        actor=user,
        action="message_submit",
        to_state=message.status,
        detail={
            "received_on": day.isoformat(),
            "consent": message.publication_consent,
            **({"case": case.number} if case else {}),
        },
    )
    return Submission(message, code, created=True)


# ---------------------------------------------------------------------------------------------
# Routing
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def message_route(
    *, actor: User, message: Message, department: Department, on: datetime.date | None = None
) -> Message:
    """Send the message to the department that answers it; its answer clock starts, counting
    from the day after the message arrived."""
    message = _lock(message)
    day = _day(on)
    _check_office(actor, message)
    if message.status == Message.Status.ROUTED:
        raise IllegalTransition(
            _("The message is already routed to %(dept)s: reroute it instead.")
            % {"dept": message.department.name}
        )
    department = _check_department(message, department)
    _not_before_arrival(message, day)
    before = _move(message, Message.Status.ROUTED)
    message.department = department
    message.routed_on = day
    _save(message, "status", "department", "routed_on")
    clock = _start_clock(message, actor, department)
    _audit(
        message,
        actor=actor,
        action="message_route",
        before=before,
        detail={
            "department": department.code,
            "on": day.isoformat(),
            "due_date": clock.due_date.isoformat(),
        },
    )
    return message


@transaction.atomic
def message_reroute(
    *,
    actor: User,
    message: Message,
    department: Department,
    reason: str,
    on: datetime.date | None = None,
) -> Message:
    """Send a message routed to the wrong department on to the right one. The clock of the first
    department is completed today and a new one runs for the right department from the day the
    message arrived (the writer's time limit does not start again)."""
    message = _lock(message)
    day = _day(on)
    _check_office(actor, message)
    if message.status != Message.Status.ROUTED:
        raise IllegalTransition(
            _("Only a message routed to a department and not yet answered can be rerouted.")
        )
    reason = _reason(reason, _("Say why the message goes to another department."))
    department = _check_department(message, department)
    if department.pk == message.department_id:
        raise ValidationError(
            {"department": _("The message is already routed to %(dept)s.") % {"dept": department}}
        )
    _not_before_arrival(message, day)
    before = message.status
    previous = message.department
    message.department = department
    message.routed_on = day
    _save(message, "department", "routed_on")
    _stop_clock(message, actor, day)
    clock = _start_clock(message, actor, department)
    _audit(
        message,
        actor=actor,
        action="message_reroute",
        before=before,
        reason=reason,
        detail={
            "from_department": previous.code if previous else "",
            "department": department.code,
            "on": day.isoformat(),
            "due_date": clock.due_date.isoformat(),
        },
    )
    return message


# ---------------------------------------------------------------------------------------------
# Answer
# ---------------------------------------------------------------------------------------------


def _tell_writer(message_pk: int) -> None:
    """E-mail the writer that the answer is ready (the answer itself is read on the portal)."""
    message = Message.objects.get(pk=message_pk)
    if not message.email:
        return
    send_mail(
        _("Your message %(number)s has been answered") % {"number": message.number},
        _(
            "The answer to your message %(number)s (%(subject)s) is ready. Read it on the "
            "portal's public interaction pages with your message number and query code."
        )
        % {"number": message.number, "subject": message.subject},
        None,
        [message.email],
        fail_silently=True,
    )


@transaction.atomic
def message_answer(
    *, actor: User, message: Message, answer: str, on: datetime.date | None = None
) -> Message:
    """The department's answer; the answer clock stops."""
    message = _lock(message)
    day = _day(on)
    if not can_answer(actor, message):
        raise NotPermitted(
            _("Only the staff of the department the message is routed to may answer it.")
        )
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    if len(answer) > ANSWER_MAX:
        raise ValidationError({"answer": _("At most %(n)s characters.") % {"n": ANSWER_MAX}})
    _not_before_arrival(message, day)
    before = _move(message, Message.Status.ANSWERED)
    message.answer = answer
    message.answered_by = actor
    message.answered_on = day
    _save(message, "status", "answer", "answered_by", "answered_on")
    clock = _stop_clock(message, actor, day)
    _audit(
        message,
        actor=actor,
        action="message_answer",
        before=before,
        detail={
            "on": day.isoformat(),
            "due_date": clock.due_date.isoformat() if clock else None,
            "on_time": bool(clock and day <= clock.due_date),
        },
    )
    transaction.on_commit(partial(_tell_writer, message.pk))
    return message


# ---------------------------------------------------------------------------------------------
# Publication
# ---------------------------------------------------------------------------------------------


def redacted_version(message: Message) -> dict[str, str]:
    """The automatic public version: subject, message and answer with personal data masked."""
    names = [message.name]
    return {
        "public_subject": redact(message.subject, names=names)[:SUBJECT_MAX],
        "public_body": redact(message.body, names=names),
        "public_answer": redact(message.answer, names=names),
    }


def publication_draft(message: Message) -> dict[str, str]:
    """What the office edits before publishing: its saved draft, else the automatic version."""
    if message.public_subject or message.public_body or message.public_answer:
        return {
            "public_subject": message.public_subject,
            "public_body": message.public_body,
            "public_answer": message.public_answer,
        }
    return redacted_version(message)


def _check_publishable(message: Message) -> None:
    if not message.publication_consent:
        raise DomainError(
            _("The writer did not agree to publication: the message cannot be published."),
            code="no_consent",
        )
    if message.status != Message.Status.ANSWERED:
        _move(message, Message.Status.PUBLISHED)  # raises with the state in the message


def _public_texts(
    message: Message, subject: str | None, body: str | None, answer: str | None
) -> dict[str, str]:
    texts = publication_draft(message)
    given = {"public_subject": subject, "public_body": body, "public_answer": answer}
    for field, value in given.items():
        if value is not None:
            texts[field] = value.strip()
    errors = {}
    if not texts["public_subject"]:
        errors["public_subject"] = _("Give the published subject.")
    elif len(texts["public_subject"]) > SUBJECT_MAX:
        errors["public_subject"] = _("At most %(n)s characters.") % {"n": SUBJECT_MAX}
    if not texts["public_body"]:
        errors["public_body"] = _("Give the published message.")
    if not texts["public_answer"]:
        errors["public_answer"] = _("Give the published answer.")
    if errors:
        raise ValidationError(errors)
    return texts


@transaction.atomic
def message_prepare_publication(
    *,
    actor: User,
    message: Message,
    public_subject: str,
    public_body: str,
    public_answer: str,
) -> Message:
    """Save the office's edited public version of an answered message, not yet published."""
    message = _lock(message)
    _check_office(actor, message)
    _check_publishable(message)
    texts = _public_texts(message, public_subject, public_body, public_answer)
    for field, value in texts.items():
        setattr(message, field, value)
    _save(message, *texts)
    _audit(
        message,
        actor=actor,
        action="message_prepare_publication",
        detail={"edited": texts != redacted_version(message)},
    )
    return message


@transaction.atomic
def message_publish(
    *,
    actor: User,
    message: Message,
    public_subject: str | None = None,
    public_body: str | None = None,
    public_answer: str | None = None,
    on: datetime.date | None = None,
) -> Message:
    """Publish an answered message whose writer agreed: the texts given, else the saved draft,
    else the automatic redaction. Only the public version is ever shown to the public."""
    message = _lock(message)
    day = _day(on)
    _check_office(actor, message)
    _check_publishable(message)
    texts = _public_texts(message, public_subject, public_body, public_answer)
    if message.answered_on and day < message.answered_on:
        raise DomainError(
            _("A message cannot be published before it was answered."), code="before_answer"
        )
    before = _move(message, Message.Status.PUBLISHED)
    for field, value in texts.items():
        setattr(message, field, value)
    message.published_on = day
    message.published_by = actor
    _save(message, "status", "published_on", "published_by", *texts)
    _audit(
        message,
        actor=actor,
        action="message_publish",
        before=before,
        detail={"on": day.isoformat(), "edited": texts != redacted_version(message)},
    )
    return message


# ---------------------------------------------------------------------------------------------
# Rejection and closing
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def message_reject(
    *, actor: User, message: Message, reason: str, on: datetime.date | None = None
) -> Message:
    """Reject spam or abuse, with the reason; a running answer clock stops."""
    message = _lock(message)
    day = _day(on)
    _check_office(actor, message)
    reason = _reason(reason, _("Say why the message is rejected."))
    _not_before_arrival(message, day)
    before = _move(message, Message.Status.REJECTED)
    message.closed_on = day
    message.reason = reason
    _save(message, "status", "closed_on", "reason")
    _stop_clock(message, actor, day)
    _audit(
        message,
        actor=actor,
        action="message_reject",
        before=before,
        reason=reason,
        detail={"on": day.isoformat()},
    )
    return message


@transaction.atomic
def message_close(
    *, actor: User, message: Message, reason: str = "", on: datetime.date | None = None
) -> Message:
    """Close a message: an answered one that will not be published (the reason is optional), or
    one that needs no answer — a duplicate, withdrawn by its writer — with the reason; a running
    answer clock stops."""
    message = _lock(message)
    day = _day(on)
    _check_office(actor, message)
    reason = (reason or "").strip()
    if message.status != Message.Status.ANSWERED:
        reason = _reason(reason, _("Say why the message is closed without an answer."))
    _not_before_arrival(message, day)
    before = _move(message, Message.Status.CLOSED)
    message.closed_on = day
    message.reason = reason
    _save(message, "status", "closed_on", "reason")
    _stop_clock(message, actor, day)
    _audit(
        message,
        actor=actor,
        action="message_close",
        before=before,
        reason=reason,
        detail={"on": day.isoformat()},
    )
    return message

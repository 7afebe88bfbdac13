"""Every change to the reconsideration and litigation registers. Each service locks the row it
changes, checks the move against ``TRANSITIONS``, and writes one audit event in its transaction.

The clocks (``workdays.Clock``, watched by e-supervision's near-due and overdue rules), to the
Administrative Reconsideration Law 2023; art. 88: periods of 3, 5, 7 and 10 days are working
days, the others calendar days:

- ``reconsideration.examination``: 5 working days from receipt (art. 30) to accept, refuse or
  ask for a correction; when it runs out with no refusal the application is deemed accepted
  from its last day (art. 30 para. 2, :func:`cases_sweep`). A correction notice (art. 31) lists
  every missing item at once, within the 5 days; the applicant has 10 working days
  (``correction_due_on``) to supply, else the application is deemed abandoned by the sweep; the
  supplied correction starts a new 5-day examination.
- ``reconsideration.send``: the application copied to the respondent within 7 working days of
  acceptance (art. 48), 3 in the simplified procedure (art. 54).
- ``reconsideration.answer``: the respondent's answer and evidence within 10 working days of
  receiving the copy (art. 48), 5 in the simplified procedure; the respondent's clock.
- ``reconsideration.decision``: 60 calendar days from acceptance (art. 62), extendable by at most
  30 with the approval of the head of the reconsideration office; 30 days and no extension in
  the simplified procedure. A suspension on an art. 39 ground stops it; resumption restarts it.
  Converted to the ordinary procedure (art. 55), a 60-day clock replaces the 30-day one.
- ``reconsideration.document_review``: the incidental review of a normative document (art. 56)
  handled within 30 calendar days of acceptance, or transferred to the competent authority within
  7 working days (the transfer's date is checked against those 7 days). When the office handles
  it, ``reconsideration.drafter_answer``: the body that made the document, notified within 3
  working days of the suspension, answers within 10 working days (art. 58).
- ``litigation.answer``: the defendant's answer 15 calendar days after service of the complaint
  (Administrative Litigation Law art. 67).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.dates import act_day
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.reconsideration import rules
from zhengwu.reconsideration.models import (
    IN_REVIEW,
    OPEN_STATUSES,
    TRANSITIONS,
    AppealResult,
    Applicant,
    CaseAttachment,
    CaseStatus,
    Channel,
    DecisionType,
    DocumentReviewOutcome,
    Hearing,
    Judgment,
    LitigationCase,
    ReconsiderationCase,
    ReviewMode,
    SuspensionGround,
    TerminationGround,
)
from zhengwu.workdays import services as clocks
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

S = CaseStatus

# Clock purposes.
EXAMINATION = "reconsideration.examination"
SEND = "reconsideration.send"
ANSWER = "reconsideration.answer"
DECISION = "reconsideration.decision"
DOCUMENT_REVIEW = "reconsideration.document_review"
DRAFTER_ANSWER = "reconsideration.drafter_answer"
LITIGATION_ANSWER = "litigation.answer"
CASE_PURPOSES = [EXAMINATION, SEND, ANSWER, DECISION, DOCUMENT_REVIEW, DRAFTER_ANSWER]

# The statutory periods (days) and their kind; each can be set by
# ``ZHENGWU_RECONSIDERATION_<NAME>_DAYS`` where a local rule or a later law says otherwise.
LIMITS: dict[str, tuple[int, str]] = {
    "application": (60, Clock.DayKind.CALENDAR),  # art. 20
    "examination": (5, Clock.DayKind.WORKING),  # art. 30
    "correction": (10, Clock.DayKind.WORKING),  # art. 31
    "send": (7, Clock.DayKind.WORKING),  # art. 48
    "answer": (10, Clock.DayKind.WORKING),  # art. 48
    "simplified_send": (3, Clock.DayKind.WORKING),  # art. 54
    "simplified_answer": (5, Clock.DayKind.WORKING),  # art. 54
    "decision": (60, Clock.DayKind.CALENDAR),  # art. 62
    "extension": (30, Clock.DayKind.CALENDAR),  # art. 62
    "simplified_decision": (30, Clock.DayKind.CALENDAR),  # art. 62
    "document_review": (30, Clock.DayKind.CALENDAR),  # art. 56
    "document_transfer": (7, Clock.DayKind.WORKING),  # art. 56
    "drafter_notice": (3, Clock.DayKind.WORKING),  # art. 58
    "drafter_answer": (10, Clock.DayKind.WORKING),  # art. 58
    "litigation_answer": (15, Clock.DayKind.CALENDAR),  # Administrative Litigation Law art. 67
}
BASIS = {
    "examination": "《行政复议法》第三十条",
    "send": "《行政复议法》第四十八条",
    "answer": "《行政复议法》第四十八条",
    "simplified_send": "《行政复议法》第五十四条",
    "simplified_answer": "《行政复议法》第五十四条",
    "decision": "《行政复议法》第六十二条",
    "simplified_decision": "《行政复议法》第六十二条",
    "document_review": "《行政复议法》第五十六条",
    "drafter_answer": "《行政复议法》第五十八条",
    "litigation_answer": "《行政诉讼法》第六十七条",
}


def limit(name: str) -> int:
    default, _kind = LIMITS[name]
    return int(getattr(settings, f"ZHENGWU_RECONSIDERATION_{name.upper()}_DAYS", default))


def day_kind(name: str) -> str:
    return LIMITS[name][1]


def add_days(name: str, start: datetime.date, n: int | None = None) -> datetime.date:
    """The last day of the period ``name`` starting the day after ``start``."""
    n = limit(name) if n is None else n
    calendar = get_calendar()
    if day_kind(name) == Clock.DayKind.WORKING:
        return calendar.add_workdays(start, n).date
    return calendar.add_calendar_days(start, n).date


def query_digest(number: str, code: str) -> str:
    return hashlib.sha256(f"{number}:{code.strip()}".encode()).hexdigest()


@dataclass(frozen=True)
class Registration:
    case: ReconsiderationCase
    query_code: str  # shown once to the applicant


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _lock(case: ReconsiderationCase) -> ReconsiderationCase:
    return (
        ReconsiderationCase.objects.select_for_update(of=("self",))
        .select_related("division", "respondent")
        .get(pk=case.pk)
    )


def _move(case: ReconsiderationCase, to: str) -> str:
    before = case.status
    if to not in TRANSITIONS[S(before)]:
        raise IllegalTransition(
            _("The case is “%(state)s” and cannot become “%(to)s”.")
            % {"state": case.get_status_display(), "to": S(to).label}
        )
    case.status = to
    return before


def _audit(obj, *, actor, action: str, division, before="", reason="", detail=None, number=""):
    audit_record(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        obj=obj,
        from_state=before,
        to_state=obj.status if before or action.endswith("_register") else "",
        reason=reason,
        detail={"number": number or str(obj), **(detail or {})},
        division=division,
    )


def _case_audit(case, *, actor, action, before="", reason="", detail=None):
    _audit(case, actor=actor, action=action, division=case.division, before=before,
           reason=reason, detail=detail, number=case.receipt_number)  # fmt: skip


def _legal(actor, case) -> None:
    """The legal-affairs office (the reconsideration office) of the case's county; ``None`` is
    the system (the sweep, the demo)."""
    if actor is not None and not rules.is_legal_office_of(actor, case.division):
        raise NotPermitted(_("Only the legal-affairs office of the county may do this."))


def _not_before(day: datetime.date, earliest: datetime.date | None, what) -> None:
    if earliest is not None and day < earliest:
        raise DomainError(
            _("This cannot be dated before %(what)s (%(date)s).")
            % {"what": what, "date": earliest.isoformat()},
            code="invalid_date",
        )


def case_clock(owner, purpose: str, *, open_only: bool = False) -> Clock | None:
    found = Clock.objects.filter(
        owner_type=owner._meta.label_lower, owner_id=str(owner.pk), purpose=purpose
    )
    if open_only:
        found = found.exclude(status=Clock.Status.COMPLETED)
    return found.order_by("-id").first()


def _complete(owner, purpose: str, *, actor, on: datetime.date) -> Clock | None:
    clock = case_clock(owner, purpose, open_only=True)
    if clock is not None:
        clock = clocks.clock_complete(actor=actor, clock=clock, on=max(on, clock.started_on))
    return clock


def _start(case, purpose: str, name: str, *, actor, on, department=None, extension=0) -> Clock:
    return clocks.clock_start(
        actor=actor, owner=case, purpose=purpose, day_kind=day_kind(name), started_on=on,
        limit_days=limit(name), max_extension_days=extension, legal_basis=BASIS.get(name, ""),
        division=case.division, department=department,
    )  # fmt: skip


def _reason(text: str, field: str = "reason") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("Give the reasons.")})
    return text


def county_of_department(department):
    return department.division.county or department.division


def _next_case_number(division, year: int) -> str:
    prefix = getattr(settings, "ZHENGWU_RECONSIDERATION_NUMBER_PREFIX", "") or (
        f"{division.name[:1]}政复字"
    )
    start = f"{prefix}〔{year}〕"
    used = ReconsiderationCase.objects.filter(
        division=division, case_number__startswith=start
    ).values_list("case_number", flat=True)
    numbers = [int(n[len(start) : -1]) for n in used if n[len(start) : -1].isdigit()]
    return f"{start}{max(numbers, default=0) + 1}号"


# ---------------------------------------------------------------------------------------------
# Registration and examination
# ---------------------------------------------------------------------------------------------


def _check_applicants(applicants: list[dict]) -> list[dict]:
    from zhengwu.common.identity import validate_credit_code, validate_id_number, validate_mobile

    cleaned = []
    for raw in applicants or []:
        name = (raw.get("name") or "").strip()
        if not name:
            continue
        kind = raw.get("kind") or Applicant.Kind.PERSON
        number = (raw.get("id_number") or "").strip().upper()
        phone = (raw.get("phone") or "").strip()
        try:
            if number:
                number = (
                    validate_credit_code(number)
                    if kind == Applicant.Kind.ORGANISATION
                    else validate_id_number(number)
                )
            if phone:
                phone = validate_mobile(phone)
        except ValidationError as error:
            raise ValidationError({"applicants": error.messages}) from None
        cleaned.append(
            {"kind": kind, "name": name[:100], "id_number": number or "", "phone": phone or "",
             "address": (raw.get("address") or "")[:200]}
        )  # fmt: skip
    if not cleaned:
        raise ValidationError({"applicants": _("Name at least one applicant.")})
    return cleaned


@transaction.atomic
def case_register(
    *,
    actor,
    respondent,
    applicants: list[dict],
    contested_act: str,
    knew_on: datetime.date,
    request: str,
    reasons: str = "",
    channel: str = Channel.WINDOW,
    received_on: datetime.date | None = None,
    is_disclosure: bool = False,
    normative_document=None,
    normative_document_text: str = "",
    uploads=(),
) -> Registration:
    """Register an application (by the office, or by the applicant online: ``actor`` None) and
    start the 5-working-day examination; an application made after the 60 days of art. 20 is
    registered and marked late, for the examination to refuse or to accept with a reason."""
    day = act_day(received_on)
    division = county_of_department(respondent)
    if (
        actor is not None
        and channel != Channel.ONLINE
        and not rules.is_legal_office_of(actor, division)
    ):
        raise NotPermitted(_("Only the legal-affairs office of the county may do this."))
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose the channel.")})
    errors = {}
    if not (contested_act or "").strip():
        errors["contested_act"] = _("Describe the contested administrative act.")
    if not (request or "").strip():
        errors["request"] = _("State the request.")
    if knew_on is None:
        errors["knew_on"] = _("Give the day the applicant knew of the act.")
    elif knew_on > day:
        errors["knew_on"] = _("The day of knowing cannot be after the application was received.")
    if normative_document is not None and normative_document.division_id != division.pk:
        errors["normative_document"] = _("Choose a normative document of this county.")
    if errors:
        raise ValidationError(errors)
    people = _check_applicants(applicants)
    last_day = add_days("application", knew_on)
    case = ReconsiderationCase.objects.create(
        division=division,
        receipt_number=f"tmp-{secrets.token_hex(8)}",
        channel=channel,
        respondent=respondent,
        contested_act=contested_act.strip(),
        knew_on=knew_on,
        request=request.strip(),
        reasons=(reasons or "").strip(),
        received_on=day,
        is_disclosure=is_disclosure,
        late_application=day > last_day,
        normative_document=normative_document,
        normative_document_text=(normative_document_text or "").strip()[:300]
        if normative_document is None else "",
    )  # fmt: skip
    code = f"{secrets.randbelow(10**8):08d}"
    case.receipt_number = f"FY{day:%Y}{case.pk:06d}"
    case.query_digest = query_digest(case.receipt_number, code)
    ReconsiderationCase.objects.filter(pk=case.pk).update(
        receipt_number=case.receipt_number, query_digest=case.query_digest
    )
    Applicant.objects.bulk_create([Applicant(case=case, **p) for p in people])
    _attach(case, uploads)
    _start(case, EXAMINATION, "examination", actor=actor, on=day)
    _case_audit(case, actor=actor, action="reconsideration_register", detail={
        "channel": channel, "received_on": day.isoformat(), "late": case.late_application,
        "apply_by": last_day.isoformat(), "applicants": len(people),
    })  # fmt: skip
    return Registration(case=case, query_code=code)


def _attach(case, uploads) -> None:
    from zhengwu.cases.uploads import check_upload

    for upload in uploads or ():
        checked = check_upload(upload)
        attachment = CaseAttachment(case=case, name=checked.name, size=checked.size)
        attachment.file.save(checked.name, upload, save=False)
        attachment.save()


def _examination_due(case) -> datetime.date:
    clock = case_clock(case, EXAMINATION, open_only=True)
    if clock is None:
        raise IllegalTransition(_("The case is not under examination."))
    return clock.due_date


def _within_examination(case, day: datetime.date) -> None:
    due = _examination_due(case)
    if day > due:
        raise DomainError(
            _(
                "The 5 working days of examination ended on %(date)s: the application is deemed "
                "accepted from that day (art. 30) and can no longer be refused or returned for "
                "correction."
            )
            % {"date": due.isoformat()},
            code="deemed_accepted",
        )


@transaction.atomic
def case_request_correction(
    *, actor, case: ReconsiderationCase, items: list[str], on: datetime.date | None = None
) -> ReconsiderationCase:
    """Ask for a correction, every missing item in one notice (art. 31), within the 5 working
    days of examination; the applicant has 10 working days from the notice to supply."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    items = [i.strip() for i in items or [] if i and i.strip()]
    if not items:
        raise ValidationError({"items": _("List every item to supply, all in this one notice.")})
    if case.correction_notified_on is not None:
        raise DomainError(
            _("A correction can be asked once only, listing every item at once (art. 31)."),
            code="correction_once",
        )
    _not_before(day, case.received_on, _("the receipt"))
    before = _move(case, S.CORRECTION)
    _within_examination(case, day)
    _complete(case, EXAMINATION, actor=actor, on=day)
    case.correction_items = items
    case.correction_notified_on = day
    case.correction_due_on = add_days("correction", day)
    case.save(update_fields=["status", "correction_items", "correction_notified_on",
                             "correction_due_on", "updated_at"])  # fmt: skip
    _case_audit(case, actor=actor, action="reconsideration_request_correction", before=before,
                detail={"on": day.isoformat(), "items": items,
                        "due": case.correction_due_on.isoformat()})  # fmt: skip
    return case


@transaction.atomic
def case_supply_correction(
    *, actor, case: ReconsiderationCase, on: datetime.date | None = None
) -> ReconsiderationCase:
    """The applicant supplied the items within the 10 working days: a new 5-day examination."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    _not_before(day, case.correction_notified_on, _("the correction notice"))
    if case.status == S.CORRECTION and day > case.correction_due_on:
        raise DomainError(
            _("The 10 working days to supply ended on %(date)s: the application is deemed "
              "abandoned (art. 31).") % {"date": case.correction_due_on.isoformat()},
            code="correction_late",
        )  # fmt: skip
    before = _move(case, S.RECEIVED)
    case.corrected_on = day
    case.save(update_fields=["status", "corrected_on", "updated_at"])
    _start(case, EXAMINATION, "examination", actor=actor, on=day)
    _case_audit(case, actor=actor, action="reconsideration_supply_correction", before=before,
                detail={"on": day.isoformat()})  # fmt: skip
    return case


def _accept(case, *, actor, day: datetime.date, deemed: bool, simplified: bool, number: str):
    before = _move(case, S.ACCEPTED)
    _complete(case, EXAMINATION, actor=actor, on=day)
    case.accepted_on = day
    case.deemed_accepted = deemed
    case.simplified = simplified
    case.case_number = (number or "").strip() or _next_case_number(case.division, day.year)
    case.save(update_fields=["status", "accepted_on", "deemed_accepted", "simplified",
                             "case_number", "late_reason", "updated_at"])  # fmt: skip
    prefix = "simplified_" if simplified else ""
    _start(case, SEND, f"{prefix}send", actor=actor, on=day)
    _start(case, DECISION, f"{prefix}decision", actor=actor, on=day,
           extension=0 if simplified else limit("extension"))  # fmt: skip
    if case.has_document_review:
        case.document_review_started_on = day
        case.save(update_fields=["document_review_started_on"])
        _start(case, DOCUMENT_REVIEW, "document_review", actor=actor, on=day)
    return before


@transaction.atomic
def case_accept(
    *,
    actor,
    case: ReconsiderationCase,
    simplified: bool = False,
    case_number: str = "",
    late_reason: str = "",
    on: datetime.date | None = None,
) -> ReconsiderationCase:
    """Accept the application (受理): the decision clock (60 days, 30 simplified), the clock to
    send the copy to the respondent and, with an incidental review, its 30 days start. A late
    application needs the reason it is accepted nonetheless (art. 20 para. 2)."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    _not_before(day, case.corrected_on or case.received_on, _("the receipt"))
    if case.status != S.RECEIVED:
        _move(case, S.ACCEPTED)  # raises
    due = _examination_due(case)
    if case.late_application and not (late_reason or "").strip():
        raise ValidationError({"late_reason": _(
            "The application was made after the 60 days (art. 20): give the reason it is "
            "accepted (force majeure or another good cause), or refuse it."
        )})  # fmt: skip
    case.late_reason = (late_reason or "").strip()
    deemed = day > due
    accepted = due if deemed else day
    before = _accept(case, actor=actor, day=accepted, deemed=deemed, simplified=simplified,
                     number=case_number)  # fmt: skip
    _case_audit(case, actor=actor, action="reconsideration_accept", before=before, detail={
        "on": accepted.isoformat(), "deemed": deemed, "simplified": simplified,
        "case_number": case.case_number,
    })  # fmt: skip
    return case


@transaction.atomic
def case_refuse(
    *, actor, case: ReconsiderationCase, reasons: str, on: datetime.date | None = None
) -> ReconsiderationCase:
    """Not accept (不予受理), with the reasons, within the 5 working days of examination."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    reasons = _reason(reasons, "reasons")
    _not_before(day, case.corrected_on or case.received_on, _("the receipt"))
    before = _move(case, S.REFUSED)
    _within_examination(case, day)
    _complete(case, EXAMINATION, actor=actor, on=day)
    case.refusal_reasons = reasons
    case.closed_on = day
    case.save(update_fields=["status", "refusal_reasons", "closed_on", "updated_at"])
    _case_audit(case, actor=actor, action="reconsideration_refuse", before=before,
                reason=reasons, detail={"on": day.isoformat()})  # fmt: skip
    return case


# ---------------------------------------------------------------------------------------------
# The review
# ---------------------------------------------------------------------------------------------


def _in_review(case, day) -> None:
    if case.status not in IN_REVIEW:
        raise IllegalTransition(_("The case is not under review."))
    _not_before(day, case.accepted_on, _("the acceptance"))


@transaction.atomic
def case_send_to_respondent(
    *, actor, case: ReconsiderationCase, on: datetime.date | None = None
) -> ReconsiderationCase:
    """The copy of the application sent to the respondent: its answer clock starts (10 working
    days, 5 simplified)."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    _in_review(case, day)
    if case.sent_on is not None:
        raise IllegalTransition(_("The application was already sent to the respondent."))
    case.sent_on = day
    case.save(update_fields=["sent_on", "updated_at"])
    _complete(case, SEND, actor=actor, on=day)
    _start(case, ANSWER, "simplified_answer" if case.simplified else "answer", actor=actor,
           on=day, department=case.respondent)  # fmt: skip
    _case_audit(case, actor=actor, action="reconsideration_send", detail={"on": day.isoformat()})
    return case


@transaction.atomic
def case_record_answer(
    *, actor, case: ReconsiderationCase, summary: str = "", on: datetime.date | None = None
) -> ReconsiderationCase:
    """The respondent's written answer and evidence received."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    _in_review(case, day)
    if case.sent_on is None:
        raise IllegalTransition(_("Send the application to the respondent first."))
    if case.answered_on is not None:
        raise IllegalTransition(_("The answer is already recorded."))
    _not_before(day, case.sent_on, _("the sending"))
    case.answered_on = day
    case.answer_summary = summary or ""
    case.save(update_fields=["answered_on", "answer_summary", "updated_at"])
    clock = _complete(case, ANSWER, actor=actor, on=day)
    _case_audit(case, actor=actor, action="reconsideration_answer", reason=summary, detail={
        "on": day.isoformat(), "on_time": clock is None or day <= clock.due_date,
    })  # fmt: skip
    return case


@transaction.atomic
def case_record_review(
    *, actor, case: ReconsiderationCase, mode: str, note: str = "", on: datetime.date | None = None
) -> ReconsiderationCase:
    """How the case is reviewed: in writing, by hearing the parties, or at a hearing (听证)."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    _in_review(case, day)
    if mode not in ReviewMode.values:
        raise ValidationError({"mode": _("Choose how the case is reviewed.")})
    case.review_mode = mode
    case.review_note = note or ""
    if mode == ReviewMode.HEARING:
        case.hearing_on = day
    case.save(update_fields=["review_mode", "review_note", "hearing_on", "updated_at"])
    _case_audit(case, actor=actor, action="reconsideration_review", reason=note,
                detail={"on": day.isoformat(), "mode": mode})  # fmt: skip
    return case


@transaction.atomic
def case_suspend(
    *, actor, case: ReconsiderationCase, ground: str, note: str = "", on=None
) -> ReconsiderationCase:
    """Suspend the review (中止) on a ground of art. 39: the decision clock stops from the day
    after ``on``."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    if ground not in SuspensionGround.values:
        raise ValidationError({"ground": _("Choose the ground of art. 39.")})
    _not_before(day, case.accepted_on, _("the acceptance"))
    before = _move(case, S.SUSPENDED)
    case.suspension_ground = ground
    case.save(update_fields=["status", "suspension_ground", "updated_at"])
    clock = case_clock(case, DECISION, open_only=True)
    clocks.clock_suspend(actor=actor, clock=clock, on=day, reason="suspension",
                         note=f"{SuspensionGround(ground).label} {note}".strip())  # fmt: skip
    _case_audit(case, actor=actor, action="reconsideration_suspend", before=before, reason=note,
                detail={"on": day.isoformat(), "ground": ground})  # fmt: skip
    return case


@transaction.atomic
def case_resume(*, actor, case: ReconsiderationCase, on=None) -> ReconsiderationCase:
    """The ground of the suspension ended on ``on``: the review resumes and the decision's due
    date moves out by the days suspended."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    before = _move(case, S.ACCEPTED)
    clock = clocks.clock_resume(actor=actor, clock=case_clock(case, DECISION, open_only=True),
                                on=day)  # fmt: skip
    case.suspension_ground = ""
    case.save(update_fields=["status", "suspension_ground", "updated_at"])
    _case_audit(case, actor=actor, action="reconsideration_resume", before=before,
                detail={"on": day.isoformat(), "due": clock.due_date.isoformat()})  # fmt: skip
    return case


@transaction.atomic
def case_extend(
    *, actor, case: ReconsiderationCase, days: int, reason: str, approved_by=None, on=None
) -> ReconsiderationCase:
    """Extend the 60 days by at most 30 with the approval of the head of the reconsideration
    office (art. 62); not in the simplified procedure."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    approver = approved_by or actor
    if approver is not None and not rules.is_legal_office_of(approver, case.division):
        raise NotPermitted(_("The head of the reconsideration office approves an extension."))
    if case.status not in IN_REVIEW:
        raise IllegalTransition(_("Only a case under review can be extended."))
    if case.simplified:
        raise DomainError(
            _("A case in the simplified procedure is decided within 30 days, with no extension."),
            code="simplified_no_extension",
        )
    reason = _reason(reason)
    clock = clocks.clock_extend(actor=actor, clock=case_clock(case, DECISION, open_only=True),
                                days=days, approved_by=approver, approved_on=day,
                                reason=reason)  # fmt: skip
    _case_audit(case, actor=actor, action="reconsideration_extend", reason=reason,
                detail={"on": day.isoformat(), "days": days,
                        "due": clock.due_date.isoformat()})  # fmt: skip
    return case


@transaction.atomic
def case_convert_to_ordinary(
    *, actor, case: ReconsiderationCase, reason: str, on=None
) -> ReconsiderationCase:
    """A simplified case found unfit for the simplified procedure goes to the ordinary one with
    the approval of the head of the reconsideration office (art. 55): the 30-day decision clock
    is completed and a 60-day one (extendable by 30) counts from the same acceptance, with the
    same suspensions excluded."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    reason = _reason(reason)
    if not case.simplified:
        raise IllegalTransition(_("The case is not in the simplified procedure."))
    if case.status != S.ACCEPTED:
        raise IllegalTransition(_("Only a case under review (not suspended) can be converted."))
    _not_before(day, case.accepted_on, _("the acceptance"))
    old = case_clock(case, DECISION, open_only=True)
    suspensions = list(old.suspensions.order_by("started_on", "pk"))
    clocks.clock_complete(actor=actor, clock=old, on=day)
    new = _start(case, DECISION, "decision", actor=actor, on=case.accepted_on,
                 extension=limit("extension"))  # fmt: skip
    for suspension in suspensions:
        clocks.clock_suspend(actor=actor, clock=new, on=suspension.started_on,
                             reason=suspension.reason, note=suspension.note)  # fmt: skip
        new = clocks.clock_resume(actor=actor, clock=new, on=suspension.ended_on)
    case.simplified = False
    case.save(update_fields=["simplified", "updated_at"])
    new.refresh_from_db()
    _case_audit(case, actor=actor, action="reconsideration_convert", reason=reason,
                detail={"on": day.isoformat(), "due": new.due_date.isoformat()})  # fmt: skip
    return case


def transfer_due_on(case: ReconsiderationCase) -> datetime.date | None:
    """The last day to transfer the incidental review to the competent authority."""
    if case.document_review_started_on is None:
        return None
    return add_days("document_transfer", case.document_review_started_on)


def _suspended_for_review_on(case) -> datetime.date | None:
    """The day the review was suspended for the incidental review (art. 39(9)), if it is."""
    from zhengwu.common.models import AuditEvent

    if case.status != S.SUSPENDED or case.suspension_ground != SuspensionGround.DOCUMENT_REVIEW:
        return None
    event = (
        AuditEvent.objects.filter(
            object_type=case._meta.label_lower, object_id=str(case.pk),
            action="reconsideration_suspend",
        )
        .order_by("-seq")
        .first()
    )  # fmt: skip
    return datetime.date.fromisoformat(event.detail["on"]) if event else None


@transaction.atomic
def case_notify_drafter(*, actor, case: ReconsiderationCase, on=None) -> ReconsiderationCase:
    """The office handles the incidental review itself: the body that made the document is
    notified in writing, within 3 working days of the suspension, to answer on the legality of
    the provisions within 10 working days (art. 58); the answer clock is the drafting
    department's when the document is in the registry."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    if not case.has_document_review or case.document_review_started_on is None:
        raise IllegalTransition(_("This case has no incidental review of a normative document."))
    if case.document_review_outcome:
        raise IllegalTransition(_("The incidental review is already done."))
    if case_clock(case, DRAFTER_ANSWER) is not None:
        raise IllegalTransition(_("The body that made the document was already notified."))
    _not_before(day, case.document_review_started_on, _("the start of the review"))
    suspended = _suspended_for_review_on(case)
    late = suspended is not None and day > add_days("drafter_notice", suspended)
    document = case.normative_document
    _start(case, DRAFTER_ANSWER, "drafter_answer", actor=actor, on=day,
           department=document.drafting_department if document else None)  # fmt: skip
    _case_audit(case, actor=actor, action="reconsideration_notify_drafter",
                detail={"on": day.isoformat(), "late": late})  # fmt: skip
    return case


@transaction.atomic
def case_record_drafter_answer(
    *, actor, case: ReconsiderationCase, note: str = "", on=None
) -> ReconsiderationCase:
    """The written answer of the body that made the document received."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    clock = case_clock(case, DRAFTER_ANSWER, open_only=True)
    if clock is None:
        raise IllegalTransition(_("No answer of the body that made the document is awaited."))
    _not_before(day, clock.started_on, _("the notice"))
    clocks.clock_complete(actor=actor, clock=clock, on=day)
    _case_audit(case, actor=actor, action="reconsideration_drafter_answer", reason=note,
                detail={"on": day.isoformat(), "on_time": day <= clock.due_date})  # fmt: skip
    return case


@transaction.atomic
def case_review_document(
    *, actor, case: ReconsiderationCase, outcome: str, note: str = "", to: str = "", on=None
) -> ReconsiderationCase:
    """The incidental review of the normative document done by the county (lawful or unlawful,
    within 30 days) or transferred to the authority competent for it (within 7 working days)."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    if not case.has_document_review or case.document_review_started_on is None:
        raise IllegalTransition(_("This case has no incidental review of a normative document."))
    if case.document_review_outcome:
        raise IllegalTransition(_("The incidental review is already done."))
    if outcome not in DocumentReviewOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome of the incidental review.")})
    _not_before(day, case.document_review_started_on, _("the start of the review"))
    late = False
    if outcome == DocumentReviewOutcome.TRANSFERRED:
        if not (to or "").strip():
            raise ValidationError({"to": _("Name the competent authority.")})
        late = day > transfer_due_on(case)
    case.document_review_outcome = outcome
    case.document_review_on = day
    case.document_review_note = note or ""
    case.transferred_to = (to or "").strip()[:200]
    case.save(update_fields=["document_review_outcome", "document_review_on",
                             "document_review_note", "transferred_to", "updated_at"])  # fmt: skip
    clock = _complete(case, DOCUMENT_REVIEW, actor=actor, on=day)
    _complete(case, DRAFTER_ANSWER, actor=actor, on=day)
    if outcome != DocumentReviewOutcome.TRANSFERRED:
        late = clock is not None and day > clock.due_date
    _case_audit(case, actor=actor, action="reconsideration_document_review", reason=note,
                detail={"on": day.isoformat(), "outcome": outcome, "late": late,
                        "to": case.transferred_to})  # fmt: skip
    return case


def _close_all(case, *, actor, day) -> None:
    for purpose in CASE_PURPOSES:
        _complete(case, purpose, actor=actor, on=day)


@transaction.atomic
def case_decide(
    *, actor, case: ReconsiderationCase, decision_type: str, text: str = "", on=None
) -> ReconsiderationCase:
    """The reconsideration decision (or the mediation or settlement that ends the case)."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    if decision_type not in DecisionType.values:
        raise ValidationError({"decision_type": _("Choose the decision.")})
    _not_before(day, case.accepted_on, _("the acceptance"))
    before = _move(case, S.DECIDED)
    if case.has_document_review and not case.document_review_outcome:
        raise DomainError(
            _("The incidental review of the normative document must be done (or transferred) "
              "before the decision (art. 56)."),
            code="document_review_pending",
        )  # fmt: skip
    clock = case_clock(case, DECISION, open_only=True)
    on_time = clock is None or day <= clock.due_date
    case.decision_type = decision_type
    case.decision_text = text or ""
    case.closed_on = day
    case.save(update_fields=["status", "decision_type", "decision_text", "closed_on",
                             "updated_at"])  # fmt: skip
    _close_all(case, actor=actor, day=day)
    _case_audit(case, actor=actor, action="reconsideration_decide", before=before, reason=text,
                detail={"on": day.isoformat(), "decision": decision_type,
                        "on_time": on_time})  # fmt: skip
    return case


@transaction.atomic
def case_withdraw(
    *, actor, case: ReconsiderationCase, reason: str = "", on=None
) -> ReconsiderationCase:
    """The applicant withdrew the application (art. 74); the case ends."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    _not_before(day, case.received_on, _("the receipt"))
    before = _move(case, S.WITHDRAWN)
    case.closed_on = day
    case.close_reason = reason or ""
    case.save(update_fields=["status", "closed_on", "close_reason", "updated_at"])
    _close_all(case, actor=actor, day=day)
    _case_audit(case, actor=actor, action="reconsideration_withdraw", before=before,
                reason=reason, detail={"on": day.isoformat()})  # fmt: skip
    return case


@transaction.atomic
def case_terminate(
    *, actor, case: ReconsiderationCase, ground: str, reason: str = "", on=None
) -> ReconsiderationCase:
    """Terminate the reconsideration (终止) on a ground of art. 41."""
    day = act_day(on)
    case = _lock(case)
    _legal(actor, case)
    if ground not in TerminationGround.values:
        raise ValidationError({"ground": _("Choose the ground of art. 41.")})
    _not_before(day, case.accepted_on, _("the acceptance"))
    before = _move(case, S.TERMINATED)
    case.termination_ground = ground
    case.closed_on = day
    case.close_reason = reason or ""
    case.save(update_fields=["status", "termination_ground", "closed_on", "close_reason",
                             "updated_at"])  # fmt: skip
    _close_all(case, actor=actor, day=day)
    _case_audit(case, actor=actor, action="reconsideration_terminate", before=before,
                reason=reason, detail={"on": day.isoformat(), "ground": ground})  # fmt: skip
    return case


@dataclass(frozen=True)
class SweepResult:
    deemed_accepted: list[str]
    abandoned: list[str]


def cases_sweep(on: datetime.date | None = None) -> SweepResult:
    """The dated consequences of time running out, each with its audit event: an application
    whose 5 working days of examination ended with no decision is deemed accepted from the last
    day (art. 30); one whose 10 working days to supply a correction ended is deemed abandoned
    (art. 31). Safe to run any number of times."""
    day = on or act_day(None)
    deemed, abandoned = [], []
    examining = Clock.objects.filter(
        purpose=EXAMINATION, status=Clock.Status.RUNNING, due_date__lt=day,
        owner_type=ReconsiderationCase._meta.label_lower,
    ).values_list("owner_id", "due_date")  # fmt: skip
    for owner_id, due in list(examining):
        with transaction.atomic():
            case = _lock(ReconsiderationCase(pk=int(owner_id)))
            if case.status != S.RECEIVED:
                continue
            before = _accept(case, actor=None, day=due, deemed=True, simplified=False, number="")
            _case_audit(case, actor=None, action="reconsideration_accept", before=before,
                        detail={"on": due.isoformat(), "deemed": True,
                                "case_number": case.case_number})  # fmt: skip
            deemed.append(case.receipt_number)
    late = ReconsiderationCase.objects.filter(status=S.CORRECTION, correction_due_on__lt=day)
    for pk in list(late.values_list("pk", flat=True)):
        with transaction.atomic():
            case = _lock(ReconsiderationCase(pk=pk))
            if case.status != S.CORRECTION:
                continue
            before = _move(case, S.ABANDONED)
            case.closed_on = case.correction_due_on + datetime.timedelta(days=1)
            case.save(update_fields=["status", "closed_on", "updated_at"])
            _case_audit(case, actor=None, action="reconsideration_abandon", before=before,
                        detail={"on": case.closed_on.isoformat(),
                                "due": case.correction_due_on.isoformat()})  # fmt: skip
            abandoned.append(case.receipt_number)
    return SweepResult(deemed, abandoned)


# ---------------------------------------------------------------------------------------------
# Litigation
# ---------------------------------------------------------------------------------------------


def _lock_suit(case: LitigationCase) -> LitigationCase:
    return (
        LitigationCase.objects.select_for_update(of=("self",))
        .select_related("division", "defendant")
        .get(pk=case.pk)
    )


def _suit_move(case: LitigationCase, to: str) -> str:
    before = case.status
    if to not in LitigationCase.TRANSITIONS[LitigationCase.Status(before)]:
        raise IllegalTransition(
            _("The suit is “%(state)s” and cannot become “%(to)s”.")
            % {"state": case.get_status_display(), "to": LitigationCase.Status(to).label}
        )
    case.status = to
    return before


def _may_litigate(actor, case_or_department) -> None:
    department = getattr(case_or_department, "defendant", case_or_department)
    if actor is not None and not rules.may_handle_suit_of(actor, department):
        raise NotPermitted(
            _("Only the legal-affairs office or the defendant department may do this.")
        )


def _suit_audit(case, *, actor, action, before="", reason="", detail=None):
    _audit(case, actor=actor, action=action, division=case.division, before=before,
           reason=reason, detail=detail)  # fmt: skip


@transaction.atomic
def litigation_register(
    *,
    actor,
    defendant,
    plaintiff: str,
    court: str,
    court_number: str,
    contested_act: str,
    filed_on: datetime.date,
    served_on: datetime.date | None = None,
    after_review: ReconsiderationCase | None = None,
    is_disclosure: bool = False,
) -> LitigationCase:
    """A suit against a department: the answer is due 15 days after the complaint was served."""
    served = act_day(served_on or filed_on)
    _may_litigate(actor, defendant)
    errors = {}
    for field, value, message in [
        ("plaintiff", plaintiff, _("Name the plaintiff.")),
        ("court", court, _("Name the court.")),
        ("court_number", court_number, _("Give the court case number.")),
        ("contested_act", contested_act, _("Describe the contested administrative act.")),
    ]:
        if not (value or "").strip():
            errors[field] = message
    if filed_on is None:
        errors["filed_on"] = _("Give the day the suit was filed.")
    elif served < filed_on:
        errors["served_on"] = _("The complaint cannot be served before the suit was filed.")
    if LitigationCase.objects.filter(
        court=(court or "").strip(), court_number=(court_number or "").strip()
    ).exists():
        errors["court_number"] = _("This court case number is already registered.")  # fmt: skip
    division = county_of_department(defendant)
    if after_review is not None and after_review.division_id != division.pk:
        errors["after_review"] = _("Choose a reconsideration case of this county.")
    if errors:
        raise ValidationError(errors)
    case = LitigationCase.objects.create(
        division=division, defendant=defendant, plaintiff=plaintiff.strip(), court=court.strip(),
        court_number=court_number.strip(), contested_act=contested_act.strip(),
        filed_on=filed_on, served_on=served, after_review=after_review,
        is_disclosure=is_disclosure,
    )  # fmt: skip
    _start(case, LITIGATION_ANSWER, "litigation_answer", actor=actor, on=served,
           department=defendant)  # fmt: skip
    _suit_audit(case, actor=actor, action="litigation_register", detail={
        "served_on": served.isoformat(), "after_review": after_review.pk if after_review else None,
    })  # fmt: skip
    return case


@transaction.atomic
def litigation_record_answer(*, actor, case: LitigationCase, on=None) -> LitigationCase:
    """The defendant's answer (答辩状) and evidence submitted to the court."""
    day = act_day(on)
    case = _lock_suit(case)
    _may_litigate(actor, case)
    _not_before(day, case.served_on, _("the service of the complaint"))
    before = _suit_move(case, LitigationCase.Status.ANSWERED)
    case.answered_on = day
    case.save(update_fields=["status", "answered_on"])
    clock = _complete(case, LITIGATION_ANSWER, actor=actor, on=day)
    _suit_audit(case, actor=actor, action="litigation_answer", before=before, detail={
        "on": day.isoformat(), "on_time": clock is None or day <= clock.due_date,
    })  # fmt: skip
    return case


@transaction.atomic
def litigation_record_hearing(
    *,
    actor,
    case: LitigationCase,
    held_on: datetime.date,
    head_appeared: bool = False,
    head_name: str = "",
    head_post: str = "",
    note: str = "",
) -> Hearing:
    """A court hearing, and whether the head of the agency appeared (负责人出庭应诉)."""
    day = act_day(held_on)
    case = _lock_suit(case)
    _may_litigate(actor, case)
    _not_before(day, case.filed_on, _("the filing"))
    if head_appeared and not (head_name or "").strip():
        raise ValidationError({"head_name": _("Name the head who appeared in court.")})
    hearing = Hearing.objects.create(
        case=case, held_on=day, head_appeared=head_appeared,
        head_name=(head_name or "").strip() if head_appeared else "",
        head_post=(head_post or "").strip() if head_appeared else "", note=note or "",
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    _suit_audit(case, actor=actor, action="litigation_hearing", detail={
        "on": day.isoformat(), "head_appeared": head_appeared, "head": hearing.head_name,
    })  # fmt: skip
    return hearing


@transaction.atomic
def litigation_record_judgment(
    *, actor, case: LitigationCase, result: str, on=None
) -> LitigationCase:
    """The first-instance judgment or ruling."""
    day = act_day(on)
    case = _lock_suit(case)
    _may_litigate(actor, case)
    if result not in Judgment.values:
        raise ValidationError({"result": _("Choose the result.")})
    _not_before(day, case.filed_on, _("the filing"))
    before = _suit_move(case, LitigationCase.Status.JUDGED)
    case.first_result = case.final_result = result
    case.first_judged_on = case.concluded_on = day
    case.save(update_fields=["status", "first_result", "final_result", "first_judged_on",
                             "concluded_on"])  # fmt: skip
    _complete(case, LITIGATION_ANSWER, actor=actor, on=day)
    _suit_audit(case, actor=actor, action="litigation_judgment", before=before,
                detail={"on": day.isoformat(), "result": result})  # fmt: skip
    return case


@transaction.atomic
def litigation_appeal(*, actor, case: LitigationCase, court: str, on=None) -> LitigationCase:
    """An appeal against the first-instance judgment: the suit is open again until the
    second-instance judgment."""
    day = act_day(on)
    case = _lock_suit(case)
    _may_litigate(actor, case)
    if not (court or "").strip():
        raise ValidationError({"court": _("Name the appeal court.")})
    _not_before(day, case.first_judged_on, _("the first-instance judgment"))
    before = _suit_move(case, LitigationCase.Status.APPEALED)
    case.appeal_filed_on = day
    case.appeal_court = court.strip()
    case.final_result, case.concluded_on = "", None
    case.save(update_fields=["status", "appeal_filed_on", "appeal_court", "final_result",
                             "concluded_on"])  # fmt: skip
    _suit_audit(case, actor=actor, action="litigation_appeal", before=before,
                detail={"on": day.isoformat(), "court": case.appeal_court})  # fmt: skip
    return case


@transaction.atomic
def litigation_record_appeal_result(
    *, actor, case: LitigationCase, result: str, final_result: str = "", on=None
) -> LitigationCase:
    """The second-instance judgment; ``final_result`` is the suit's result when the judgment was
    revised (upheld or a withdrawn appeal keep the first-instance result)."""
    day = act_day(on)
    case = _lock_suit(case)
    _may_litigate(actor, case)
    if result not in AppealResult.values:
        raise ValidationError({"result": _("Choose the second-instance result.")})
    if result in (AppealResult.UPHELD, AppealResult.WITHDRAWN):
        final = case.first_result
    elif result == AppealResult.REVISED:
        if final_result not in Judgment.values:
            raise ValidationError({"final_result": _("Give the result of the revised judgment.")})
        final = final_result
    else:
        final = final_result if final_result in Judgment.values else Judgment.OTHER
    _not_before(day, case.appeal_filed_on, _("the appeal"))
    before = _suit_move(case, LitigationCase.Status.CONCLUDED)
    case.appeal_result = result
    case.second_judged_on = case.concluded_on = day
    case.final_result = final
    case.save(update_fields=["status", "appeal_result", "second_judged_on", "concluded_on",
                             "final_result"])  # fmt: skip
    _suit_audit(case, actor=actor, action="litigation_appeal_result", before=before,
                detail={"on": day.isoformat(), "result": result, "final": final})  # fmt: skip
    return case


__all__ = ["OPEN_STATUSES"]

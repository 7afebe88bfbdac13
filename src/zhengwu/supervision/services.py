"""State changes of supervision: notices (督办), their replies, closing and escalation; alerts
resolved by a supervisor; fees charged on cases. Each writes one audit event."""

from __future__ import annotations

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.org.models import Department, User
from zhengwu.org.roles import Role
from zhengwu.supervision.models import Alert, FeeCharge, SupervisionNotice
from zhengwu.workdays import services as clocks
from zhengwu.workdays.models import Clock

__all__ = ["Conflict", "IllegalTransition", "NotPermitted", "ValidationError"]

REPLY = "supervision.reply"
DEFAULT_REPLY_DAYS = 5


def _day(on: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    if on is not None and on > today:
        raise DomainError(_("An act cannot be dated in the future."), code="future_date")
    return on or today


def is_supervisor(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(Role.SUPERVISOR)


def _check_supervisor(user: User) -> None:
    if not is_supervisor(user):
        raise NotPermitted(_("Only a supervisor may do this."))


def _audit(notice: SupervisionNotice, *, actor, action, before="", reason="", detail=None):
    audit_record(
        actor=actor,
        action=action,
        obj=notice,
        from_state=before,
        to_state=notice.status,
        reason=reason,
        detail={"number": notice.number, **(detail or {})},
        division=notice.department.division,
    )


def _move(notice: SupervisionNotice, to: str) -> str:
    before = notice.status
    if to not in SupervisionNotice.TRANSITIONS[SupervisionNotice.Status(before)]:
        raise IllegalTransition(
            _("The notice is %(state)s and cannot become %(to)s.")
            % {
                "state": notice.get_status_display(),
                "to": SupervisionNotice.Status(to).label,
            }
        )
    notice.status = to
    return before


@transaction.atomic
def notice_issue(
    *,
    actor: User,
    content: str,
    alert: Alert | None = None,
    case=None,
    department: Department | None = None,
    reply_days: int = DEFAULT_REPLY_DAYS,
    on: datetime.date | None = None,
) -> SupervisionNotice:
    """Issue a supervision notice on an alert or a case to the responsible department."""
    _check_supervisor(actor)
    day = _day(on)
    if alert is not None:
        case = case or alert.case
        department = department or alert.department
    if department is None and case is not None:
        department = case.department
    errors = {}
    if not content.strip():
        errors["content"] = _("State what is to be rectified.")
    if department is None:
        errors["department"] = _("Name the department supervised.")
    try:
        reply_days = int(reply_days)
    except (TypeError, ValueError):
        reply_days = 0
    if not 1 <= reply_days <= 30:
        errors["reply_days"] = _("Give between 1 and 30 working days to reply.")
    if errors:
        raise ValidationError(errors)
    notice = SupervisionNotice.objects.create(
        number=f"~{timezone.now().timestamp()}",
        alert=alert,
        case=case,
        department=department,
        content=content.strip(),
        issued_by=actor,
        issued_on=day,
        reply_days=reply_days,
        reply_due=day,
    )
    notice.number = f"督〔{day.year}〕{notice.pk}号"
    clock = clocks.clock_start(
        actor=actor,
        owner=notice,
        purpose=REPLY,
        day_kind=Clock.DayKind.WORKING,
        started_on=day,
        limit_days=reply_days,
        legal_basis=_("reply to a supervision notice"),
        division=department.division,
        department=department,
    )
    notice.reply_due = clock.due_date
    notice.save(update_fields=["number", "reply_due"])
    _audit(
        notice,
        actor=actor,
        action="notice_issue",
        reason=notice.content,
        detail={
            "alert": alert.pk if alert else None,
            "case": case.number if case else None,
            "department": department.pk,
            "reply_due": notice.reply_due.isoformat(),
        },
    )
    return notice


def may_reply(user: User, notice: SupervisionNotice) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.department_id == notice.department_id
        and (user.has_role(Role.DEPARTMENT_HEAD) or user.has_role(Role.REVIEWER))
    )


def _locked(notice: SupervisionNotice) -> SupervisionNotice:
    return (
        SupervisionNotice.objects.select_for_update(of=("self",))
        .select_related("department__division")
        .get(pk=notice.pk)
    )


def _stop_clock(notice, *, actor, on) -> None:
    clock = (
        Clock.objects.filter(owner_type="supervision.supervisionnotice", owner_id=str(notice.pk))
        .exclude(status=Clock.Status.COMPLETED)
        .first()
    )
    if clock is not None:
        clocks.clock_complete(actor=actor, clock=clock, on=max(on, clock.started_on))


@transaction.atomic
def notice_reply(
    *, actor: User, notice: SupervisionNotice, reply: str, on: datetime.date | None = None
) -> SupervisionNotice:
    """The department replies with what it has done."""
    notice = _locked(notice)
    day = _day(on)
    if not may_reply(actor, notice):
        raise NotPermitted(
            _("The notice is answered by %(dept)s.") % {"dept": notice.department.name}
        )
    if not reply.strip():
        raise ValidationError({"reply": _("Describe what was done.")})
    before = _move(notice, SupervisionNotice.Status.REPLIED)
    notice.reply, notice.replied_by, notice.replied_on = reply.strip(), actor, day
    notice.save(update_fields=["status", "reply", "replied_by", "replied_on"])
    _stop_clock(notice, actor=actor, on=day)
    _audit(notice, actor=actor, action="notice_reply", before=before, reason=notice.reply)
    return notice


@transaction.atomic
def notice_close(
    *, actor: User, notice: SupervisionNotice, conclusion: str, on: datetime.date | None = None
) -> SupervisionNotice:
    """The supervisor accepts the reply and closes the notice."""
    _check_supervisor(actor)
    notice = _locked(notice)
    day = _day(on)
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Record the conclusion.")})
    if notice.status == SupervisionNotice.Status.ESCALATED and not notice.replied_on:
        raise IllegalTransition(_("An escalated notice is closed after the department replies."))
    before = _move(notice, SupervisionNotice.Status.CLOSED)
    notice.conclusion, notice.closed_on = conclusion.strip(), day
    notice.save(update_fields=["status", "conclusion", "closed_on"])
    _stop_clock(notice, actor=actor, on=day)
    _audit(notice, actor=actor, action="notice_close", before=before, reason=notice.conclusion)
    return notice


@transaction.atomic
def notice_escalate(
    *,
    actor: User,
    notice: SupervisionNotice,
    to: str,
    reason: str,
    on: datetime.date | None = None,
) -> SupervisionNotice:
    """The supervisor escalates: no reply in time, or an unsatisfactory one."""
    _check_supervisor(actor)
    notice = _locked(notice)
    day = _day(on)
    errors = {}
    if not to.strip():
        errors["to"] = _("Name to whom the matter is escalated.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for escalating.")
    if errors:
        raise ValidationError(errors)
    before = _move(notice, SupervisionNotice.Status.ESCALATED)
    notice.escalated_on, notice.escalated_to = day, to.strip()
    notice.save(update_fields=["status", "escalated_on", "escalated_to"])
    _audit(notice, actor=actor, action="notice_escalate", before=before, reason=reason.strip())
    return notice


@transaction.atomic
def alert_resolve(
    *, actor: User, alert: Alert, note: str, on: datetime.date | None = None
) -> Alert:
    """A supervisor closes an alert about a fact of the past, with a note; it is not raised
    again for the same object."""
    _check_supervisor(actor)
    alert = Alert.objects.select_for_update().select_related("rule").get(pk=alert.pk)
    day = _day(on)
    if alert.status != Alert.Status.OPEN:
        raise Conflict(_("This alert is no longer open."))
    if not note.strip():
        raise ValidationError({"note": _("Record how it was dealt with.")})
    alert.status, alert.cleared_on, alert.resolved_by, alert.note = (
        Alert.Status.RESOLVED,
        day,
        actor,
        note.strip(),
    )
    alert.save(update_fields=["status", "cleared_on", "resolved_by", "note"])
    audit_record(
        actor=actor,
        action="alert_resolve",
        obj=alert,
        from_state=Alert.Status.OPEN,
        to_state=Alert.Status.RESOLVED,
        reason=alert.note,
        detail={"rule": alert.rule.code, "key": alert.key},
        division=alert.department.division if alert.department_id else None,
    )
    return alert


@transaction.atomic
def fee_charge(
    *,
    actor: User,
    case,
    fee,
    amount,
    receipt_number: str,
    on: datetime.date | None = None,
) -> FeeCharge:
    """Record a fee collected on a case, with the catalog's standard at that moment."""
    from zhengwu.cases.services import may_act

    day = _day(on)
    if not may_act(actor, case, department_id=case.department_id, role=Role.WINDOW_CLERK):
        raise NotPermitted(_("Fees are collected at the window that handles the case."))
    errors = {}
    try:
        amount = decimal.Decimal(str(amount))
        if amount < 0:
            errors["amount"] = _("The amount cannot be negative.")
    except decimal.InvalidOperation:
        errors["amount"] = _("Give the amount in yuan, e.g. 50.00.")
    if fee.version_id != case.power_version_id:
        errors["fee"] = _("This fee is not one of the matter's fees.")
    if not receipt_number.strip():
        errors["receipt_number"] = _("Give the receipt number.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            charge = FeeCharge.objects.create(
                case=case,
                fee=fee,
                amount=amount,
                standard=fee.amount,
                receipt_number=receipt_number.strip(),
                charged_on=day,
                charged_by=actor,
            )
    except IntegrityError:
        raise ValidationError(
            {"receipt_number": _("This receipt number has already been recorded.")}
        ) from None
    audit_record(
        actor=actor,
        action="fee_charge",
        obj=charge,
        to_state="charged",
        detail={
            "case": case.number,
            "amount": str(charge.amount),
            "standard": str(charge.standard) if charge.standard is not None else None,
            "receipt": charge.receipt_number,
        },
        division=case.department.division,
    )
    from zhengwu.supervision.sweep import supervise_case

    supervise_case(case)
    return charge

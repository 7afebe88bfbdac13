"""State changes of the calendar and of statutory clocks. Each writes audit events."""

from __future__ import annotations

import datetime
import uuid

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from zhengwu.common.audit import audit_record
from zhengwu.common.errors import DomainError, IllegalTransition
from zhengwu.workdays import redate
from zhengwu.workdays.counting import Counted, get_calendar
from zhengwu.workdays.models import (
    CalendarVersion,
    CalendarYear,
    Clock,
    ClockExtension,
    ClockSuspension,
    Day,
)
from zhengwu.workdays.schedule import YearSchedule

# ---------------------------------------------------------------------------------------------
# The calendar
# ---------------------------------------------------------------------------------------------


def _bump_version() -> None:
    CalendarVersion.objects.get_or_create(pk=1)
    CalendarVersion.objects.filter(pk=1).update(number=F("number") + 1, token=uuid.uuid4().hex)


def _rewrite_days(changes: dict[datetime.date, dict]) -> int:
    """Apply per-day changes and renumber the working-day ordinals from the first change on.

    The rows from the first changed date are deleted and inserted again: renumbering in place
    would collide with the unique working-day ordinals midway through an update.
    """
    first = min(changes)
    before = Day.objects.filter(date__lt=first).order_by("-number").first()
    ordinal = before.workday_ordinal if before else 0
    rows = list(Day.objects.filter(date__gte=first).order_by("number"))
    changed = 0
    for day in rows:
        change = changes.get(day.date)
        if change:
            for name, value in change.items():
                if getattr(day, name) != value:
                    setattr(day, name, value)
                    changed += 1
        ordinal += day.is_workday
        day.workday_ordinal = ordinal
    Day.objects.filter(date__gte=first).delete()
    Day.objects.bulk_create(rows, batch_size=2000)
    return changed


@transaction.atomic
def calendar_load_year(*, actor, schedule: YearSchedule) -> redate.RedateResult:
    """Load a year's official schedule, then re-date the open clocks whose deadline it moves."""
    schedule.validate()
    calendar = get_calendar()
    first = datetime.date(schedule.year, 1, 1)
    last = datetime.date(schedule.year, 12, 31)
    calendar.number(first)
    calendar.number(last)
    changes = {}
    day = first
    while day <= last:
        changes[day] = {
            "is_workday": schedule.is_workday(day),
            "holiday_name": schedule.holidays.get(day, ""),
            "is_adjusted_workday": day in schedule.adjusted_workdays,
            "provisional": False,
        }
        day += datetime.timedelta(days=1)
    changed = _rewrite_days(changes)
    CalendarYear.objects.update_or_create(
        year=schedule.year,
        defaults={"source": schedule.source[:200], "loaded_by": actor if actor else None},
    )
    _bump_version()
    audit_record(
        actor=actor,
        action="calendar_load_year",
        object_type="workdays.calendaryear",
        object_id=str(schedule.year),
        to_state="official",
        reason=schedule.source,
        detail={
            "holidays": len(schedule.holidays),
            "adjusted_workdays": len(schedule.adjusted_workdays),
            "fields_changed": changed,
        },
        division=None,
    )
    return redate.redate_open_clocks(
        actor=actor,
        since=first,
        reason=_("Official %(year)s schedule loaded") % {"year": schedule.year},
    )


@transaction.atomic
def calendar_set_day(
    *, actor, date: datetime.date, is_workday: bool, holiday_name: str = "", reason: str
) -> redate.RedateResult:
    """Correct one day by hand (e.g. a notice the package got wrong), then re-date clocks."""
    day = Day.objects.get(date=date)
    before = {"is_workday": day.is_workday, "holiday_name": day.holiday_name}
    _rewrite_days(
        {
            date: {
                "is_workday": is_workday,
                "holiday_name": holiday_name,
                "is_adjusted_workday": is_workday and date.weekday() >= 5,
            }
        }
    )
    _bump_version()
    audit_record(
        actor=actor,
        action="calendar_set_day",
        object_type="workdays.day",
        object_id=date.isoformat(),
        from_state="workday" if before["is_workday"] else "off",
        to_state="workday" if is_workday else "off",
        reason=reason,
        detail={"before": before, "holiday_name": holiday_name},
        division=None,
    )
    return redate.redate_open_clocks(actor=actor, since=date, reason=reason)


# ---------------------------------------------------------------------------------------------
# Clocks
# ---------------------------------------------------------------------------------------------


def compute_due(clock: Clock) -> Counted:
    """The due date of a clock from its triggering date and its budget of days."""
    calendar = get_calendar()
    if clock.day_kind == Clock.DayKind.WORKING:
        return calendar.add_workdays(clock.started_on, clock.budget_days)
    return calendar.add_calendar_days(clock.started_on, clock.budget_days)


def excluded_days(clock: Clock, start: datetime.date, end: datetime.date) -> int:
    """Days a suspension from ``start`` to ``end`` excludes, in the clock's kind of days."""
    if clock.day_kind == Clock.DayKind.WORKING:
        return get_calendar().workdays_between(start, end)
    return (end - start).days


def _audit_clock(
    clock: Clock, *, actor, action: str, from_state="", to_state="", reason="", detail=None
) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=clock.owner_type,
        object_id=clock.owner_id,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        detail={"clock": clock.pk, "purpose": clock.purpose, **(detail or {})},
        division=clock.division,
    )


def _check_move(clock: Clock, to: str) -> None:
    if to not in Clock.TRANSITIONS[clock.status]:
        raise IllegalTransition(
            _("The clock is %(state)s and cannot become %(to)s.")
            % {"state": clock.get_status_display(), "to": Clock.Status(to).label}
        )


def _refresh_due(clock: Clock) -> None:
    counted = compute_due(clock)
    clock.due_date, clock.provisional = counted.date, counted.provisional


@transaction.atomic
def clock_start(
    *,
    actor,
    owner: models.Model,
    purpose: str,
    day_kind: str,
    started_on: datetime.date,
    limit_days: int,
    max_extension_days: int = 0,
    legal_basis: str = "",
    division=None,
    department=None,
) -> Clock:
    """Start a clock on ``owner`` from the triggering date ``started_on``; ``department`` is the
    one whose time limit it is."""
    if limit_days < 0 or max_extension_days < 0:
        raise DomainError(_("The number of days cannot be negative."), code="negative_days")
    clock = Clock(
        purpose=purpose,
        owner_type=owner._meta.label_lower,
        owner_id=str(owner.pk),
        division=division,
        department=department,
        day_kind=day_kind,
        legal_basis=legal_basis,
        started_on=started_on,
        limit_days=limit_days,
        max_extension_days=max_extension_days,
    )
    _refresh_due(clock)
    clock.full_clean()
    clock.save()
    _audit_clock(
        clock,
        actor=actor,
        action="clock_start",
        to_state=clock.status,
        detail={
            "started_on": started_on.isoformat(),
            "limit_days": limit_days,
            "day_kind": day_kind,
            "due_date": clock.due_date.isoformat(),
            "provisional": clock.provisional,
        },
    )
    return clock


def _locked(clock: Clock) -> Clock:
    # The division comes along for the audit event's chain; only the clock's row is locked.
    return Clock.objects.select_for_update(of=("self",)).select_related("division").get(pk=clock.pk)


@transaction.atomic
def clock_extend(
    *, actor, clock: Clock, days: int, approved_by, approved_on: datetime.date, reason: str
) -> Clock:
    """Extend the limit with an approver's decision, within the extension the law allows."""
    clock = _locked(clock)
    if clock.status == Clock.Status.COMPLETED:
        raise IllegalTransition(_("A completed clock cannot be extended."))
    if days <= 0:
        raise DomainError(_("An extension must be at least one day."), code="invalid_extension")
    if not reason.strip():
        raise DomainError(_("An extension needs a reason."), code="reason_required")
    allowed = clock.max_extension_days - clock.extended_days
    if days > allowed:
        raise DomainError(
            _("The law allows at most %(max)s days of extension; %(left)s remain.")
            % {"max": clock.max_extension_days, "left": allowed},
            code="extension_exceeds_limit",
        )
    before = clock.due_date
    clock.extended_days += days
    _refresh_due(clock)
    clock.save(update_fields=["extended_days", "due_date", "provisional"])
    ClockExtension.objects.create(
        clock=clock,
        days=days,
        approved_by=approved_by,
        approved_on=approved_on,
        reason=reason,
        due_before=before,
        due_after=clock.due_date,
    )
    _audit_clock(
        clock,
        actor=actor,
        action="clock_extend",
        reason=reason,
        detail={
            "days": days,
            "approved_by": approved_by.pk,
            "due_before": before.isoformat(),
            "due_after": clock.due_date.isoformat(),
        },
    )
    return clock


@transaction.atomic
def clock_suspend(
    *, actor, clock: Clock, on: datetime.date, reason: str, note: str = ""
) -> ClockSuspension:
    """Stop the clock from the day after ``on`` for a period the law excludes."""
    clock = _locked(clock)
    _check_move(clock, Clock.Status.SUSPENDED)
    if reason not in ClockSuspension.Reason.values:
        raise DomainError(_("Unknown ground for suspension."), code="invalid_reason")
    if on < clock.started_on:
        raise DomainError(_("A clock cannot be suspended before it started."), code="invalid_date")
    suspension = ClockSuspension.objects.create(
        clock=clock, reason=reason, note=note, started_on=on
    )
    clock.status = Clock.Status.SUSPENDED
    clock.suspended_since = on
    clock.save(update_fields=["status", "suspended_since"])
    _audit_clock(
        clock,
        actor=actor,
        action="clock_suspend",
        from_state=Clock.Status.RUNNING,
        to_state=Clock.Status.SUSPENDED,
        reason=note,
        detail={"ground": reason, "on": on.isoformat()},
    )
    return suspension


def _close_suspension(clock: Clock, on: datetime.date) -> int:
    suspension = clock.suspensions.filter(ended_on__isnull=True).get()
    if on < suspension.started_on:
        raise DomainError(
            _("The clock cannot resume before it was suspended (%(date)s).")
            % {"date": suspension.started_on.isoformat()},
            code="invalid_date",
        )
    days = excluded_days(clock, suspension.started_on, on)
    suspension.ended_on = on
    suspension.excluded_days = days
    suspension.save(update_fields=["ended_on", "excluded_days"])
    clock.suspended_days += days
    clock.suspended_since = None
    return days


@transaction.atomic
def clock_resume(*, actor, clock: Clock, on: datetime.date) -> Clock:
    """Restart the clock: counting resumes the day after ``on``; the due date moves out."""
    clock = _locked(clock)
    _check_move(clock, Clock.Status.RUNNING)
    before = clock.due_date
    days = _close_suspension(clock, on)
    clock.status = Clock.Status.RUNNING
    _refresh_due(clock)
    clock.save(
        update_fields=["status", "suspended_days", "suspended_since", "due_date", "provisional"]
    )
    _audit_clock(
        clock,
        actor=actor,
        action="clock_resume",
        from_state=Clock.Status.SUSPENDED,
        to_state=Clock.Status.RUNNING,
        detail={
            "on": on.isoformat(),
            "excluded_days": days,
            "due_before": before.isoformat(),
            "due_after": clock.due_date.isoformat(),
        },
    )
    return clock


@transaction.atomic
def clock_complete(*, actor, clock: Clock, on: datetime.date) -> Clock:
    """Stop the clock for good: the act it times was done on ``on``."""
    clock = _locked(clock)
    _check_move(clock, Clock.Status.COMPLETED)
    before = clock.status
    if clock.status == Clock.Status.SUSPENDED:
        _close_suspension(clock, on)
        _refresh_due(clock)
    clock.status = Clock.Status.COMPLETED
    clock.completed_on = on
    clock.save()
    _audit_clock(
        clock,
        actor=actor,
        action="clock_complete",
        from_state=before,
        to_state=Clock.Status.COMPLETED,
        detail={
            "on": on.isoformat(),
            "due_date": clock.due_date.isoformat(),
            "on_time": on <= clock.due_date,
        },
    )
    return clock

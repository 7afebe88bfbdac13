"""The official calendar and statutory clocks.

``Day`` holds every date of the calendar's range. ``workday_ordinal`` counts the working days from
the start of the range up to and including the date, so "N working days after s" is the working
day whose ordinal is ``ordinal(s) + N`` and "working days after a up to b" is
``ordinal(b) - ordinal(a)``. ``number`` is the date's day count from the start of the range, so
calendar-day arithmetic is integer arithmetic on every database.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CALENDAR_START = datetime.date(2004, 1, 1)


class CalendarYear(models.Model):
    """A year whose official schedule (State Council notice) has been loaded."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    source = models.CharField(_("source"), max_length=200)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("official schedule year")
        verbose_name_plural = _("official schedule years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarVersion(models.Model):
    """One row that changes whenever the calendar does; caches compare against its token.

    The token is random, not a counter: a counter given back by a rolled-back transaction
    would be handed out again and match a cache built from the rolled-back calendar.
    """

    number = models.PositiveBigIntegerField(_("changes"), default=0)
    token = models.CharField(_("token"), max_length=32, default="seed")

    class Meta:
        verbose_name = _("calendar version")

    def __str__(self) -> str:
        return str(self.number)


class Day(models.Model):
    number = models.IntegerField(_("day number"), primary_key=True)
    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    holiday_name = models.CharField(_("holiday"), max_length=32, blank=True)
    is_adjusted_workday = models.BooleanField(
        _("adjusted working day"),
        default=False,
        help_text=_("a weekend day worked in lieu (调休上班)"),
    )
    workday_ordinal = models.IntegerField(_("working-day ordinal"))
    provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("the year has no official schedule yet: counted Monday to Friday"),
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["workday_ordinal"],
                condition=Q(is_workday=True),
                name="day_workday_ordinal_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["provisional", "date"], name="day_provisional_idx"),
            # Covers "the date of the working day with ordinal N" without reading the table.
            models.Index(
                fields=["workday_ordinal", "date"],
                condition=Q(is_workday=True),
                name="day_workday_date_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.date.isoformat()


class Clock(models.Model):
    """A legal or promised time limit running on some object (a case, a request, a filing)."""

    class DayKind(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUSPENDED = "suspended", _("suspended")
        COMPLETED = "completed", _("completed")

    # What the state of a clock can move to, and by which service.
    TRANSITIONS = {
        Status.RUNNING: {Status.SUSPENDED, Status.COMPLETED},
        Status.SUSPENDED: {Status.RUNNING, Status.COMPLETED},
        Status.COMPLETED: set(),
    }

    purpose = models.CharField(
        _("purpose"), max_length=64, help_text=_("e.g. approval.legal, disclosure.reply")
    )
    owner_type = models.CharField(_("owner type"), max_length=64)
    owner_id = models.CharField(_("owner id"), max_length=64)
    division = models.ForeignKey(
        "org.Division",
        verbose_name=_("division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("whose time limit it is: the department supervision holds to account"),
    )
    day_kind = models.CharField(_("kind of days"), max_length=8, choices=DayKind.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    started_on = models.DateField(
        _("triggering date"), help_text=_("counting starts on the following day")
    )
    limit_days = models.PositiveIntegerField(_("time limit (days)"))
    max_extension_days = models.PositiveIntegerField(_("extension allowed (days)"), default=0)
    extended_days = models.PositiveIntegerField(_("extended by (days)"), default=0)
    suspended_days = models.PositiveIntegerField(
        _("excluded days"), default=0, help_text=_("days of ended suspensions, in the clock's kind")
    )
    suspended_since = models.DateField(_("suspended since"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_("the due date is counted through a year with no official schedule"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RUNNING
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("statutory clock")
        verbose_name_plural = _("statutory clocks")
        constraints = [
            models.CheckConstraint(
                condition=Q(extended_days__lte=models.F("max_extension_days")),
                name="clock_extension_within_allowance",
            ),
            models.CheckConstraint(
                condition=Q(status="suspended", suspended_since__isnull=False)
                | (~Q(status="suspended") & Q(suspended_since__isnull=True)),
                name="clock_suspended_since_iff_suspended",
            ),
            models.CheckConstraint(
                condition=Q(status="completed", completed_on__isnull=False)
                | (~Q(status="completed") & Q(completed_on__isnull=True)),
                name="clock_completed_on_iff_completed",
            ),
        ]
        indexes = [
            models.Index(fields=["owner_type", "owner_id"], name="clock_owner_idx"),
            models.Index(fields=["status", "due_date"], name="clock_status_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.owner_type}#{self.owner_id}"

    @property
    def budget_days(self) -> int:
        """The days the due date lies after the triggering date: limit, extensions, exclusions."""
        return self.limit_days + self.extended_days + self.suspended_days


class ClockExtension(models.Model):
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField(_("days"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"))
    reason = models.TextField(_("reason"))
    due_before = models.DateField(_("due date before"))
    due_after = models.DateField(_("due date after"))

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["approved_on", "id"]

    def __str__(self) -> str:
        return f"+{self.days}"


class ClockSuspension(models.Model):
    """A period the law excludes from the time limit (补正, hearing, expert review, ...)."""

    class Reason(models.TextChoices):
        CORRECTION = "correction", _("correction of materials pending")
        HEARING = "hearing", _("hearing")
        EXPERT_REVIEW = "expert_review", _("expert review or appraisal")
        INSPECTION = "inspection", _("inspection, testing or quarantine")
        TENDER = "tender", _("tender or auction")
        THIRD_PARTY = "third_party", _("third-party consultation")
        SUSPENSION = "suspension", _("suspension of the proceedings on a statutory ground")
        OTHER = "other", _("other ground provided by law")

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    started_on = models.DateField(_("suspended on"))
    ended_on = models.DateField(_("resumed on"), null=True, blank=True)
    excluded_days = models.PositiveIntegerField(_("excluded days"), null=True, blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="suspension_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.started_on}–{self.ended_on or ''}"

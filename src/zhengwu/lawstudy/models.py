"""Law study and exams (学法用法): the study sessions of leadership groups, training courses, the
registry of units that sit the law exams, the exams with each unit's participation, and
individual results (which feed certificate eligibility in the enforcement registry).

Every figure (sessions held, people trained, participation and pass rates) is computed from
these records by ``figures.py``; the only allowed move of an exam's lifecycle is declared as
``Exam.TRANSITIONS`` and checked by ``services.py``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StudySession(models.Model):
    """A study session of a leadership group (集中学法, 会前学法, 中心组学习)."""

    class Kind(models.TextChoices):
        LEADERS = "leaders", _("concentrated law study of leading cadres")
        STANDING_MEETING = (
            "standing_meeting",
            _("law study before the county government's executive meeting"),
        )
        CENTRAL_GROUP = "central_group", _("central group study")

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of session"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    topic = models.CharField(pgettext_lazy("study session", "topic"), max_length=200)
    laws = models.TextField(_("laws studied"), blank=True, help_text=_("one per line"))
    lecturer = models.CharField(_("lecturer"), max_length=100, blank=True)
    attendee_count = models.PositiveIntegerField(_("number of attendees"))
    attendee_names = models.TextField(_("attendees"), blank=True, help_text=_("one per line"))
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["division", "held_on"], name="ls_session_div_day_idx")]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"

    @property
    def law_list(self) -> list[str]:
        return [line.strip() for line in self.laws.splitlines() if line.strip()]

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendee_names.splitlines() if line.strip()]


class TrainingCourse(models.Model):
    """A training course (培训班) with its participants."""

    class Kind(models.TextChoices):
        REFRESHER = "refresher", _("in-service refresher training of civil servants")
        NEW_STAFF = "new_staff", _("training of new section-level leaders and new hires")
        INITIAL = "initial", _("initial training")
        APPOINTMENT = "appointment", _("appointment training")
        ENFORCEMENT = "enforcement", _("training of enforcement staff")
        OTHER = "other", pgettext_lazy("training course", "other")

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(pgettext_lazy("training course", "title"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=100)
    kind = models.CharField(_("kind of course"), max_length=16, choices=Kind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours = models.DecimalField(_("class hours"), max_digits=6, decimal_places=1)
    participant_count = models.PositiveIntegerField(_("number of participants"))
    roster = models.TextField(_("roster"), blank=True, help_text=_("one name per line"))

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="ls_course_period"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="ls_course_hours_positive"),
        ]
        indexes = [models.Index(fields=["division", "starts_on"], name="ls_course_div_day_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def roster_list(self) -> list[str]:
        return [line.strip() for line in self.roster.splitlines() if line.strip()]


class ExamUnit(models.Model):
    """An administrative, enterprise or public institution whose staff sit the law exams."""

    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("administrative body")
        INSTITUTION = "institution", _("public institution")
        ENTERPRISE = "enterprise", _("enterprise")

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("unit"), max_length=100)
    kind = models.CharField(pgettext_lazy("exam unit", "kind"), max_length=16, choices=Kind.choices)
    department = models.OneToOneField(
        "org.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exam_unit",
        help_text=_("when the unit is a department or government in the organisation tree"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("exam unit")
        verbose_name_plural = _("exam units")
        ordering = ["division", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["division", "name"], name="ls_unit_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Exam(models.Model):
    """A law exam: the annual exam (普法考试), a pre-appointment exam for leaders (任前法律知识
    考试) or an enforcement qualification exam (执法人员资格考试)."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("annual law exam")
        PRE_APPOINTMENT = "pre_appointment", _("pre-appointment law exam for leaders")
        ENFORCEMENT = "enforcement", _("enforcement qualification exam")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("exam", "results being entered")
        CLOSED = "closed", pgettext_lazy("exam", "closed")

    TRANSITIONS = {
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of exam"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(pgettext_lazy("exam", "title"), max_length=200)
    held_on = models.DateField(_("exam date"))
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=1, default=60)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("law exam")
        verbose_name_plural = _("law exams")
        ordering = ["-year", "-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "year"],
                condition=Q(kind="annual"),
                name="ls_one_annual_exam_a_year",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100), name="ls_exam_pass_mark"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ExamParticipation(models.Model):
    """A unit's participation in an exam: eligible staff (应考), participants (参考), passed."""

    exam = models.ForeignKey(
        Exam, verbose_name=_("law exam"), on_delete=models.CASCADE, related_name="participation"
    )
    unit = models.ForeignKey(
        ExamUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="participation"
    )
    eligible = models.PositiveIntegerField(_("staff required to sit"))
    participants = models.PositiveIntegerField(_("staff who sat"))
    passed = models.PositiveIntegerField(_("passed"))
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("exam participation")
        verbose_name_plural = _("exam participation")
        ordering = ["exam", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "unit"], name="ls_participation_unique"),
            models.CheckConstraint(
                condition=Q(participants__lte=F("eligible")), name="ls_sat_not_above_eligible"
            ),
            models.CheckConstraint(
                condition=Q(passed__lte=F("participants")), name="ls_passed_not_above_sat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exam} {self.unit}"


class ExamResult(models.Model):
    """One person's result; for a pre-appointment exam, with the appointment it precedes."""

    exam = models.ForeignKey(
        Exam, verbose_name=_("law exam"), on_delete=models.CASCADE, related_name="results"
    )
    unit = models.ForeignKey(
        ExamUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
    )
    full_name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    id_number = models.CharField(_("ID number"), max_length=18)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"))
    appointment = models.CharField(_("appointment it precedes"), max_length=200, blank=True)
    official = models.ForeignKey(
        "enforcement.Official",
        verbose_name=_("enforcement official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")
        ordering = ["exam", "unit__name", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "id_number"], name="ls_result_unique"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="ls_result_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} {self.exam}"

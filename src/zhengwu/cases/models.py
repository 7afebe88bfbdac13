"""Applications (cases) for catalog powers, and the materials filed with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    COUNTY_WINDOW = "county_window", _("county service centre window")
    TOWNSHIP_HALL = "township_hall", _("township convenience hall")
    VILLAGE_POINT = "village_point", _("village agency point")


class Decision(models.TextChoices):
    APPROVE = "approve", _("approve")
    DENY = "deny", _("deny")


class DeliveryMethod(models.TextChoices):
    WINDOW = "window", _("collected at the window")
    POST = "post", _("sent by post")
    ELECTRONIC = "electronic", _("electronic certificate")
    HOME = "home", _("delivered to the applicant")


class Case(models.Model):
    """One application for one power, from submission to completion."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        CORRECTION = "correction", _("correction requested")
        ACCEPTED = "accepted", _("accepted")
        REFUSED = "refused", _("refused")
        IN_REVIEW = "in_review", _("in review")
        DECIDED = "decided", _("decided")
        DELIVERED = "delivered", _("delivered")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    number = models.CharField(_("case number"), max_length=32, unique=True)
    query_digest = models.CharField(_("query code digest"), max_length=64)
    power_version = models.ForeignKey(
        "catalog.PowerVersion",
        verbose_name=_("matter"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("implementing body"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="submitted_cases",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    service_centre = models.ForeignKey(
        "org.ServiceCentre",
        verbose_name=_("received at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    form_data = models.JSONField(_("form data"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    received_on = models.DateField(
        _("materials received on"),
        help_text=_("the day the materials arrived, at whichever window or point"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    handling_centre = models.ForeignKey(
        "org.ServiceCentre",
        verbose_name=_("handled at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        help_text=_("the centre or hall whose windows accept and deliver the case"),
    )
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    agency = models.ForeignKey(
        "AgencyAuthorisation",
        verbose_name=_("agency service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    materials_complete_on = models.DateField(
        _("materials complete on"),
        help_text=_("the day the application, or its last correction, arrived"),
    )
    correction_count = models.PositiveSmallIntegerField(_("correction requests"), default=0)
    correction_flagged = models.BooleanField(
        _("flagged: repeated correction request"), default=False
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deemed_accepted = models.BooleanField(
        _("deemed accepted"),
        default=False,
        help_text=_("no decision on acceptance within the statutory window"),
    )
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    decision_basis = models.CharField(_("legal basis of the decision"), max_length=300, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    licence_number = models.CharField(_("licence or document number"), max_length=64, blank=True)
    delivery_method = models.CharField(
        _("delivery method"), max_length=16, choices=DeliveryMethod.choices, blank=True
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    OPEN_STATUSES = ["submitted", "correction", "accepted", "in_review", "decided", "delivered"]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submitted_by", "idempotency_key"], name="case_idempotency_unique"
            ),
            models.CheckConstraint(
                condition=Q(channel="online") | Q(service_centre__isnull=False),
                name="case_window_has_centre",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "status"], name="case_department_status_idx"),
            models.Index(fields=["applicant", "-submitted_at"], name="case_applicant_idx"),
            models.Index(fields=["accepted_on"], name="case_accepted_on_idx"),
            models.Index(fields=["completed_on"], name="case_completed_on_idx"),
            models.Index(fields=["handling_centre", "status"], name="case_centre_status_idx"),
            # Covers the annual report's case figures (zhengwu.cases.stats.annual_figures): a
            # division's cases by department, centre, matter and dates, without the table.
            models.Index(
                fields=[
                    "department",
                    "handling_centre",
                    "power_version",
                    "accepted_on",
                    "completed_on",
                ],
                name="case_figures_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class CaseMaterial(models.Model):
    """A file filed with a case, stored under a generated name outside the web root."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    catalog_material = models.ForeignKey(
        "catalog.Material",
        verbose_name=_("required material"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="cases/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("filed material")
        verbose_name_plural = _("filed materials")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class CorrectionNotice(models.Model):
    """A request to correct or complete the application (补正), listing every item at once."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="corrections")
    items = models.JSONField(_("items to correct or supply"))
    reason = models.TextField(
        _("reason for a further request"),
        blank=True,
        help_text=_("required when the case already had a correction request"),
    )
    flagged = models.BooleanField(_("flagged for supervision"), default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction notice")
        verbose_name_plural = _("correction notices")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.issued_on}"


class Task(models.Model):
    """One stage of a case's process, for one department and role (a to-do item, 待办)."""

    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    class Verdict(models.TextChoices):
        AGREE = "agree", _("agree")
        DISAGREE = "disagree", _("disagree")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    stage_code = models.CharField(_("stage"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    role = models.CharField(_("responsible role"), max_length=32)
    parallel_group = models.PositiveSmallIntegerField(_("parallel group"), null=True, blank=True)
    clock_excluded = models.BooleanField(_("excluded from the time limit"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    verdict = models.CharField(_("opinion"), max_length=8, choices=Verdict.choices, blank=True)
    opinion = models.TextField(_("opinion text"), blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["opened_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage_code"], name="task_stage_unique"),
        ]
        indexes = [
            models.Index(fields=["department", "status", "role"], name="task_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.name}"


class AgencyAuthorisation(models.Model):
    """An applicant's authorisation for an agency clerk to file and follow a key project (代办)."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="agency_authorisations",
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agency clerk"),
        on_delete=models.PROTECT,
        related_name="agency_assignments",
    )
    project = models.CharField(_("project"), max_length=200)
    document = models.FileField(_("signed authorisation"), upload_to="agency/%Y/", blank=True)
    document_reference = models.CharField(_("authorisation reference"), max_length=100)
    authorised_on = models.DateField(_("authorised on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agency authorisation")
        verbose_name_plural = _("agency authorisations")
        ordering = ["-authorised_on", "id"]

    def __str__(self) -> str:
        return self.project

    def in_force_on(self, day) -> bool:
        return (
            self.authorised_on <= day
            and (self.valid_until is None or day <= self.valid_until)
            and (self.revoked_on is None or day < self.revoked_on)
        )


class Rating(models.Model):
    """The applicant's rating of a completed case (好差评), and its follow-up when bad."""

    class Level(models.IntegerChoices):
        VERY_SATISFIED = 5, _("very satisfied")
        SATISFIED = 4, _("satisfied")
        FAIR = 3, _("fair")
        DISSATISFIED = 2, _("dissatisfied")
        VERY_DISSATISFIED = 1, _("very dissatisfied")

    BAD_LEVELS = [Level.DISSATISFIED, Level.VERY_DISSATISFIED]

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="rating")
    level = models.PositiveSmallIntegerField(_("rating"), choices=Level.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rated by"), on_delete=models.PROTECT
    )
    rated_on = models.DateField(_("rated on"))
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_answer = models.TextField(_("follow-up"), blank=True)
    follow_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up_on = models.DateField(_("followed up on"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="rating_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level in self.BAD_LEVELS


class Notification(models.Model):
    """A message to an applicant about a step of their case, sent through the channels."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(_("event"), max_length=32)
    dedupe_key = models.CharField(_("key"), max_length=100, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject

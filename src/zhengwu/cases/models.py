"""Applications (cases) for catalog powers, and the materials filed with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    COUNTY_WINDOW = "county_window", _("county service centre window")
    TOWNSHIP_HALL = "township_hall", _("township convenience hall")
    VILLAGE_POINT = "village_point", _("village agency point")


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

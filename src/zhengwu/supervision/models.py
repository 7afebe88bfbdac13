"""Electronic supervision (电子监察): rules, the alerts they raise, supervision notices, fees.

A ``Rule`` is a configured instance of a rule kind (``supervision.rules``) with its severity and
parameters. The sweep raises an ``Alert`` for each object that breaks a rule, at most one open
alert per rule and object (a partial unique constraint), and clears it when the condition no
longer holds — except for rules about facts of the past (a repeated correction request, a fee
that differs from the standard), whose alerts stay until a supervisor resolves them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    YELLOW = "yellow", _("yellow: warning")
    RED = "red", _("red: violation")


class Rule(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind of rule"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("supervision rule")
        verbose_name_plural = _("supervision rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Alert(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLEARED = "cleared", _("cleared")
        RESOLVED = "resolved", _("resolved by a supervisor")

    # The composite indexes below serve the lookups by rule and by department, so the foreign
    # keys carry none of their own: every index costs time on each alert the sweep inserts.
    rule = models.ForeignKey(Rule, verbose_name=_("rule"), on_delete=models.PROTECT, db_index=False)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    key = models.CharField(
        _("object key"), max_length=80, help_text=_("the object the alert is about")
    )
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts",
        db_index=False,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    raised_on = models.DateField(_("raised on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-severity", "due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "key"],
                condition=Q(status="open"),
                name="alert_one_open_per_rule_and_object",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "severity"], name="alert_status_severity_idx"),
            # A resolved alert is not raised again: the sweep looks for one by (rule, key).
            models.Index(
                fields=["rule", "key"], condition=Q(status="resolved"), name="alert_resolved_idx"
            ),
            models.Index(fields=["department", "status"], name="alert_department_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.key}"


class SupervisionNotice(models.Model):
    """A supervision notice (督办) to a department, with a reply deadline."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("issued")
        REPLIED = "replied", _("replied")
        CLOSED = "closed", _("closed")
        ESCALATED = "escalated", _("escalated")

    TRANSITIONS = {
        Status.ISSUED: {Status.REPLIED, Status.ESCALATED},
        Status.REPLIED: {Status.CLOSED, Status.ESCALATED},
        Status.ESCALATED: {Status.REPLIED, Status.CLOSED},
        Status.CLOSED: set(),
    }

    number = models.CharField(_("notice number"), max_length=40, unique=True)
    alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department supervised"),
        on_delete=models.PROTECT,
        related_name="supervision_notices",
    )
    content = models.TextField(_("matters to rectify"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"))
    reply_days = models.PositiveSmallIntegerField(_("working days to reply"))
    reply_due = models.DateField(_("reply due"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ISSUED
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    escalated_to = models.CharField(_("escalated to"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number


class FeeCharge(models.Model):
    """A fee collected on a case, against the catalog's standard (统一收费)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="fees"
    )
    fee = models.ForeignKey(
        "catalog.Fee", verbose_name=_("fee item"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount charged (yuan)"), max_digits=12, decimal_places=2)
    standard = models.DecimalField(
        _("standard (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("the catalog's amount when the fee was charged; empty for a formula"),
    )
    receipt_number = models.CharField(_("receipt number"), max_length=40, unique=True)
    charged_on = models.DateField(_("charged on"))
    charged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("charged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("fee charged")
        verbose_name_plural = _("fees charged")
        ordering = ["-charged_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_charge_not_negative"),
        ]

    def __str__(self) -> str:
        return self.receipt_number

"""Contract legality review (合同合法性审查): the government contracts the county's departments
submit to the legal-affairs office before signing, their versions, the office's opinions,
the signing and the performance (milestones, expiry).

A contract's life is its ``status`` (the moves allowed are ``TRANSITIONS``). Every submission
of a version opens one :class:`ContractReview` with its clock (``workdays.Clock``, purpose
``contracts.review``, working days); the review ends with the office's opinion: lawful, amend
(with findings) or unlawful. Only a contract whose current version was found lawful can be
signed (see ``services.contract_sign``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContractKind(models.TextChoices):
    PROJECT_DEVELOPMENT = "project_development", pgettext_lazy("contract", "project development")
    CONSTRUCTION = "construction", pgettext_lazy("contract", "construction")
    PROCUREMENT = "procurement", pgettext_lazy("contract", "government procurement")
    FRANCHISE = "franchise", pgettext_lazy("contract", "franchise")
    LEASING = "leasing", pgettext_lazy("contract", "leasing")
    COOPERATION = "cooperation", pgettext_lazy("contract", "cooperation")
    OTHER = "other", pgettext_lazy("contract", "other")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("contract", "draft")
    SUBMITTED = "submitted", pgettext_lazy("contract", "submitted for review")
    UNDER_REVIEW = "under_review", pgettext_lazy("contract", "under legality review")
    RETURNED = "returned", pgettext_lazy("contract", "opinion returned")
    SIGNED = "signed", pgettext_lazy("contract", "signed")
    IN_PERFORMANCE = "in_performance", pgettext_lazy("contract", "in performance")
    COMPLETED = "completed", pgettext_lazy("contract", "performed")
    TERMINATED = "terminated", pgettext_lazy("contract", "terminated")
    EXPIRED = "expired", pgettext_lazy("contract", "expired")


S = ContractStatus

# What each status may move to (the services check every move against this).
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.UNDER_REVIEW},
    S.UNDER_REVIEW: {S.RETURNED},
    S.RETURNED: {S.SUBMITTED, S.SIGNED},
    S.SIGNED: {S.IN_PERFORMANCE, S.TERMINATED},
    S.IN_PERFORMANCE: {S.COMPLETED, S.TERMINATED, S.EXPIRED},
    S.COMPLETED: set(),
    S.TERMINATED: set(),
    S.EXPIRED: set(),
}
BEFORE_SIGNING = [S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED]
SIGNED_STATUSES = [S.SIGNED, S.IN_PERFORMANCE, S.COMPLETED, S.TERMINATED, S.EXPIRED]
ENDED_STATUSES = [S.COMPLETED, S.TERMINATED, S.EXPIRED]


class Conclusion(models.TextChoices):
    LAWFUL = "lawful", pgettext_lazy("contract", "lawful")
    AMEND = "amend", pgettext_lazy("contract", "amend (with findings)")
    UNLAWFUL = "unlawful", pgettext_lazy("contract", "unlawful")


class GovernmentContract(models.Model):
    """One government contract (政府合同) submitted by a department for legality review."""

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("submitting department"),
        on_delete=models.PROTECT,
        related_name="government_contracts",
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        pgettext_lazy("contract", "kind"), max_length=24, choices=ContractKind.choices
    )
    counterparty = models.CharField(_("counterparty"), max_length=200)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ContractStatus.choices, default=S.DRAFT
    )
    signed_on = models.DateField(pgettext_lazy("contract", "signed on"), null=True, blank=True)
    signed_copy = models.FileField(_("signed copy"), upload_to="contracts/%Y/", blank=True)
    signed_copy_name = models.CharField(_("signed copy file name"), max_length=200, blank=True)
    reviewed_before_signing = models.BooleanField(
        _("reviewed before signing"),
        default=True,
        help_text=_("false for a contract found signed without the legality review"),
    )
    starts_on = models.DateField(_("term starts on"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("the last day of the contract's term")
    )
    performance_started_on = models.DateField(_("performance started on"), null=True, blank=True)
    ended_on = models.DateField(pgettext_lazy("contract", "ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for the end"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("government contract")
        verbose_name_plural = _("government contracts")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="contract_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=["signed", "in_performance", "completed", "terminated", "expired"]
                )
                | Q(signed_on__isnull=False),
                name="contract_signed_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["completed", "terminated", "expired"])
                | Q(ended_on__isnull=False),
                name="contract_ended_dated",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(expires_on__gte=models.F("starts_on")),
                name="contract_term_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "status"], name="contract_division_status_idx"),
            models.Index(fields=["status", "expires_on"], name="contract_status_expires_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> ContractVersion | None:
        return self.versions.order_by("-number").first()


class ContractVersion(models.Model):
    """A numbered draft of the contract: an uploaded file, its text, or both. Each resubmission
    is of a new version."""

    contract = models.ForeignKey(
        GovernmentContract, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(pgettext_lazy("contract", "text"), blank=True)
    file = models.FileField(_("file"), upload_to="contracts/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    note = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_on = models.DateField(_("dated"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="contract_version_positive"),
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(file=""), name="contract_version_has_content"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} v{self.number}"


class ContractReview(models.Model):
    """One legality review of one submitted version, from submission to the opinion; its clock
    (purpose ``contracts.review``) runs in working days from the day after submission."""

    contract = models.ForeignKey(
        GovernmentContract, on_delete=models.CASCADE, related_name="reviews"
    )
    version = models.OneToOneField(ContractVersion, on_delete=models.PROTECT, related_name="review")
    submitted_on = models.DateField(_("submitted on"))
    started_on = models.DateField(_("review started on"), null=True, blank=True)
    due_on = models.DateField(_("opinion due on"))
    conclusion = models.CharField(
        pgettext_lazy("contract", "conclusion"),
        max_length=8,
        choices=Conclusion.choices,
        blank=True,
    )
    findings = models.JSONField(pgettext_lazy("contract", "findings"), default=list, blank=True)
    legal_bases = models.JSONField(
        pgettext_lazy("contract", "legal bases"), default=list, blank=True
    )
    text = models.TextField(_("opinion text"), blank=True)
    reviewed_on = models.DateField(_("opinion returned on"), null=True, blank=True)
    on_time = models.BooleanField(_("returned on time"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contract review")
        verbose_name_plural = _("contract reviews")
        ordering = ["submitted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=Q(reviewed_on__isnull=True),
                name="contract_one_open_review",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_on__isnull=True, conclusion="")
                | Q(reviewed_on__isnull=False, on_time__isnull=False)
                & ~Q(conclusion="")
                & Q(reviewer__isnull=False),
                name="contract_review_concluded",
            ),
        ]
        indexes = [models.Index(fields=["reviewed_on"], name="contract_review_on_idx")]

    def __str__(self) -> str:
        return f"{self.version} {self.get_conclusion_display() or '…'}"


class Milestone(models.Model):
    """A performance milestone (履约节点): due on a date, done on another."""

    contract = models.ForeignKey(
        GovernmentContract, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(pgettext_lazy("contract", "note"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="contract_milestone_due_idx")]

    def __str__(self) -> str:
        return self.title

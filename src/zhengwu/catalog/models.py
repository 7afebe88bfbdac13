"""The power list and service catalog (权力清单 / 事项清单).

A ``Power`` is one matter's identity (its codes and lifecycle status). Its content lives in
``PowerVersion`` rows: an edit creates a new draft version; publishing it makes it the current
version, and a published version never changes again (``PowerVersion.save`` refuses). Legal bases,
materials, fees and the process definition's stages belong to a version.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.catalog.process import CLOCK_EXCLUDED_KINDS


class PowerKind(models.TextChoices):
    LICENSING = "licensing", _("administrative licensing")
    OTHER_APPROVAL = "other_approval", _("non-licensing approval")
    PENALTY = "penalty", _("administrative penalty")
    COMPULSION = "compulsion", _("administrative compulsion")
    LEVY = "levy", _("administrative levy")
    CONFIRMATION = "confirmation", _("administrative confirmation")
    RULING = "ruling", _("administrative ruling")
    BENEFIT = "benefit", _("administrative benefit")
    REWARD = "reward", _("administrative reward")
    INSPECTION = "inspection", _("administrative inspection")
    PUBLIC_SERVICE = "public_service", _("public service")
    FEE = "fee", _("administrative fee")
    OTHER = "other", _("other administrative power")


# The kinds a citizen or enterprise applies for (handled as cases), and the enforcement acts.
SERVICE_KINDS = [
    PowerKind.LICENSING,
    PowerKind.OTHER_APPROVAL,
    PowerKind.PUBLIC_SERVICE,
    PowerKind.FEE,
]
ENFORCEMENT_KINDS = [
    PowerKind.PENALTY,
    PowerKind.CONFIRMATION,
    PowerKind.COMPULSION,
    PowerKind.LEVY,
    PowerKind.RULING,
    PowerKind.OTHER,
]


class BodyStanding(models.TextChoices):
    STATUTORY = "statutory", _("statutory agency")
    AUTHORISED = "authorised", _("organisation authorised by law")
    ENTRUSTED = "entrusted", _("entrusted organisation")


class Power(models.Model):
    """A matter of the catalog: its stable codes and where it is in its life."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_FORCE = "in_force", _("in force")
        SUSPENDED = "suspended", pgettext_lazy("power status", "suspended")
        REPEALED = "repealed", _("repealed")

    TRANSITIONS = {
        Status.DRAFT: {Status.IN_FORCE},
        Status.IN_FORCE: {Status.SUSPENDED, Status.REPEALED},
        Status.SUSPENDED: {Status.IN_FORCE, Status.REPEALED},
        Status.REPEALED: set(),
    }

    basic_code = models.CharField(
        _("basic code"), max_length=40, db_index=True, help_text=_("the matter's code nationwide")
    )
    implementation_code = models.CharField(
        _("implementation code"),
        max_length=64,
        unique=True,
        help_text=_("the code of this body's implementation of the matter"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    current = models.OneToOneField(
        "PowerVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("power")
        verbose_name_plural = _("powers")
        ordering = ["implementation_code"]

    def __str__(self) -> str:
        return f"{self.implementation_code} {self.current.name if self.current else ''}".strip()


class PowerVersion(models.Model):
    """The content of a power as published at one time. Immutable once published."""

    class Level(models.TextChoices):
        LEAGUE = "league", _("league / prefecture")
        COUNTY = "county", _("county")
        TOWNSHIP = "township", _("township")

    class MatterType(models.TextChoices):
        INSTANT = "instant", _("instant matter")
        PROMISED = "promised", _("promised matter")

    class OnlineDepth(models.IntegerChoices):
        INFORMATION = 1, _("level 1: information online")
        DOWNLOAD = 2, _("level 2: forms downloadable")
        APPLY = 3, _("level 3: apply and track online")
        FULL = 4, _("level 4: handled entirely online")

    power = models.ForeignKey(
        Power, verbose_name=_("power"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    change_note = models.CharField(_("change note"), max_length=200, blank=True)

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=PowerKind.choices)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("implementing body"),
        on_delete=models.PROTECT,
        related_name="power_versions",
    )
    standing = models.CharField(
        _("standing of the body"),
        max_length=16,
        choices=BodyStanding.choices,
        default=BodyStanding.STATUTORY,
    )
    entrusting_body = models.ForeignKey(
        "org.Department",
        verbose_name=_("entrusting body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted_power_versions",
    )
    level = models.CharField(
        _("level of exercise"), max_length=16, choices=Level.choices, default=Level.COUNTY
    )
    content = models.TextField(_("content"), blank=True)
    conditions = models.TextField(_("conditions for acceptance"), blank=True)
    quantity_limit = models.CharField(_("quantity limit"), max_length=200, blank=True)
    day_kind = models.CharField(
        _("kind of days"),
        max_length=8,
        choices=[("working", _("working days")), ("calendar", _("calendar days"))],
        default="working",
    )
    legal_limit_days = models.PositiveIntegerField(
        _("legal time limit (days)"), null=True, blank=True
    )
    promised_limit_days = models.PositiveIntegerField(
        _("promised time limit (days)"), null=True, blank=True
    )
    max_extension_days = models.PositiveIntegerField(_("extension allowed (days)"), default=0)
    matter_type = models.CharField(
        _("instant or promised"),
        max_length=8,
        choices=MatterType.choices,
        default=MatterType.PROMISED,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    consultation_channel = models.CharField(_("consultation"), max_length=200, blank=True)
    supervision_channel = models.CharField(
        _("complaints and supervision"), max_length=200, blank=True
    )
    result_name = models.CharField(_("result (licence or certificate)"), max_length=200, blank=True)
    online_depth = models.PositiveSmallIntegerField(
        _("online handling depth"), choices=OnlineDepth.choices, default=OnlineDepth.APPLY
    )
    visits_required = models.PositiveSmallIntegerField(_("visits required"), default=1)
    in_service_centre = models.BooleanField(_("handled in the service centre"), default=False)
    life_events = models.CharField(
        _("life events"), max_length=200, blank=True, help_text=_("separated by commas")
    )
    lead_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("lead department (parallel approval)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_power_versions",
    )

    class Meta:
        verbose_name = _("power version")
        verbose_name_plural = _("power versions")
        ordering = ["power", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["power", "number"], name="power_version_unique"),
            models.CheckConstraint(
                condition=Q(promised_limit_days__isnull=True)
                | Q(legal_limit_days__isnull=True)
                | Q(promised_limit_days__lte=models.F("legal_limit_days")),
                name="power_promised_within_legal",
            ),
            models.CheckConstraint(
                condition=~Q(standing="entrusted") | Q(entrusting_body__isnull=False),
                name="power_entrusted_names_entruster",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"

    def save(self, *args, **kwargs):
        if self.pk and PowerVersion.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise ValidationError(_("A published version cannot be changed: create a new version."))
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        errors = {}
        if self.standing == BodyStanding.ENTRUSTED and not self.entrusting_body_id:
            errors["entrusting_body"] = _(
                "An entrusted organisation must name the entrusting body."
            )
        if (
            self.promised_limit_days is not None
            and self.legal_limit_days is not None
            and self.promised_limit_days > self.legal_limit_days
        ):
            errors["promised_limit_days"] = _(
                "The promised time limit cannot be longer than the legal one."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def life_event_list(self) -> list[str]:
        return [e.strip() for e in self.life_events.replace("，", ",").split(",") if e.strip()]


class VersionPart(models.Model):
    """A row that belongs to a version and, like it, is frozen once the version is published."""

    version = models.ForeignKey(PowerVersion, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def save(self, *args, **kwargs):
        if PowerVersion.objects.filter(pk=self.version_id, published_at__isnull=False).exists():
            raise ValidationError(_("A published version cannot be changed: create a new version."))
        super().save(*args, **kwargs)


class LegalBasis(VersionPart):
    version = models.ForeignKey(PowerVersion, on_delete=models.CASCADE, related_name="legal_bases")
    title = models.CharField(_("law, regulation or rule"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    article = models.CharField(_("article"), max_length=100, blank=True)
    excerpt = models.TextField(_("text"), blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return f"《{self.title}》{self.article}"


class Material(VersionPart):
    class Form(models.TextChoices):
        ORIGINAL = "original", _("original")
        COPY = "copy", _("copy")
        ORIGINAL_AND_COPY = "both", _("original and copy")
        ELECTRONIC = "electronic", _("electronic")

    version = models.ForeignKey(PowerVersion, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("material"), max_length=200)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    required = models.BooleanField(_("required"), default=True)
    condition = models.CharField(
        _("required when"), max_length=200, blank=True, help_text=_("for a conditional material")
    )
    blank_form = models.FileField(_("blank form"), upload_to="catalog/forms/", blank=True)
    sample = models.FileField(_("filled-in sample"), upload_to="catalog/samples/", blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("required material")
        verbose_name_plural = _("required materials")

    def __str__(self) -> str:
        return self.name


class Fee(VersionPart):
    version = models.ForeignKey(PowerVersion, on_delete=models.CASCADE, related_name="fees")
    item = models.CharField(_("fee item"), max_length=200)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    formula = models.CharField(
        _("standard or formula"), max_length=200, blank=True, help_text=_("when not a fixed amount")
    )
    basis = models.CharField(_("basis for the fee"), max_length=200, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | ~Q(formula=""), name="fee_amount_or_formula"
            ),
        ]

    def __str__(self) -> str:
        return self.item


class Stage(VersionPart):
    """One stage of a power's process definition.

    Stages run in ``position`` order; stages that share a ``parallel_group`` run side by side
    (the co-reviews of parallel approval). ``after`` lists the codes of the stages that must end
    first; when empty, a stage follows the stage (or parallel group) before it.
    """

    class Kind(models.TextChoices):
        ACCEPT = "accept", _("acceptance")
        REVIEW = "review", _("review")
        CO_REVIEW = "co_review", _("co-review")
        HEARING = "hearing", _("hearing")
        EXPERT_REVIEW = "expert_review", _("expert review")
        INSPECTION = "inspection", _("inspection and testing")
        ON_SITE = "on_site", _("on-site check")
        DECIDE = "decide", _("decision")
        DELIVER = "deliver", _("delivery")

    # Stages the law keeps out of the time limit (Administrative Licensing Law art. 45).
    CLOCK_EXCLUDED_KINDS = CLOCK_EXCLUDED_KINDS

    version = models.ForeignKey(PowerVersion, on_delete=models.CASCADE, related_name="stages")
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("responsible role"), max_length=32, blank=True)
    limit_days = models.PositiveIntegerField(_("stage time limit (days)"), null=True, blank=True)
    clock_excluded = models.BooleanField(_("excluded from the time limit"), default=False)
    parallel_group = models.PositiveSmallIntegerField(_("parallel group"), null=True, blank=True)
    after = models.JSONField(_("after stages"), default=list, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("process stage")
        verbose_name_plural = _("process stages")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="stage_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

"""Law enforcement (行政执法): the registry of enforcement bodies and the laws they apply, the
officials and their certificates, enforcement case files with their evaluation, and the filing
of major penalty decisions.

A body's enforcement acts are not stored here: they are the in-force catalog powers of the body's
department whose kind is an enforcement kind (``acts_of``), so the registry cannot drift from
the published power list. Allowed moves of each lifecycle are declared as ``TRANSITIONS`` next to
the model; ``services.py`` checks them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.catalog.models import ENFORCEMENT_KINDS, BodyStanding, PowerKind

# The kinds of catalog power that are enforcement acts (the seed's six, and inspection).
ACT_KINDS = [*ENFORCEMENT_KINDS, PowerKind.INSPECTION]


class LawLevel(models.TextChoices):
    LAW = "law", _("law")
    ADMINISTRATIVE_REGULATION = "admin_regulation", _("administrative regulation")
    LOCAL_REGULATION = "local_regulation", _("local regulation")
    RULE = "rule", pgettext_lazy("law level", "rule")
    OTHER = "other", _("other")


class ConfirmationBatch(models.Model):
    """A batch in which the county government confirmed bodies' enforcement standing."""

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("batch number"))
    approved_on = models.DateField(_("approved on"))
    document = models.CharField(_("approving document"), max_length=100)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("confirmation batch")
        verbose_name_plural = _("confirmation batches")
        ordering = ["division", "number"]
        constraints = [
            models.UniqueConstraint(fields=["division", "number"], name="enf_batch_unique"),
        ]

    def __str__(self) -> str:
        return str(_("batch %(n)s") % {"n": self.number})


class EnforcementBody(models.Model):
    """A body whose enforcement standing (主体资格) is registered and, once, confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        REVOKED = "revoked", pgettext_lazy("enforcement body", "standing revoked")

    TRANSITIONS = {
        Status.PENDING: {Status.CONFIRMED},
        Status.CONFIRMED: {Status.REVOKED},
        Status.REVOKED: set(),
    }

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.OneToOneField(
        "org.Department",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="enforcement_body",
    )
    standing = models.CharField(_("standing"), max_length=16, choices=BodyStanding.choices)
    entrusting_body = models.ForeignKey(
        "org.Department",
        verbose_name=_("entrusting agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted_enforcement_bodies",
    )
    entrustment_document = models.CharField(_("entrustment document"), max_length=100, blank=True)
    entrusted_from = models.DateField(_("entrusted from"), null=True, blank=True)
    entrusted_to = models.DateField(_("entrusted until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    batch = models.ForeignKey(
        ConfirmationBatch,
        verbose_name=_("confirmation batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("enforcement body")
        verbose_name_plural = _("enforcement bodies")
        ordering = ["division", "standing", "department__code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(standing="entrusted")
                | (
                    Q(entrusting_body__isnull=False)
                    & ~Q(entrustment_document="")
                    & Q(entrusted_from__isnull=False)
                    & Q(entrusted_to__isnull=False)
                ),
                name="enf_entrusted_names_entrustment",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(batch__isnull=False),
                name="enf_confirmed_in_batch",
            ),
        ]

    def __str__(self) -> str:
        return self.department.name


class Law(models.Model):
    """A law, regulation or rule a body applies (执法依据), beyond those the catalog names."""

    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("body"), on_delete=models.CASCADE, related_name="laws"
    )
    title = models.CharField(_("law, regulation or rule"), max_length=200)
    level = models.CharField(
        pgettext_lazy("law", "level"), max_length=20, choices=LawLevel.choices, default=LawLevel.LAW
    )
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("law in use")
        verbose_name_plural = _("laws in use")
        ordering = ["body", "title"]
        constraints = [
            models.UniqueConstraint(fields=["body", "title"], name="enf_law_unique"),
        ]

    def __str__(self) -> str:
        return f"《{self.title}》"


class Official(models.Model):
    """A person carrying out enforcement for a body, with what certificate eligibility needs."""

    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="officials"
    )
    full_name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    id_number = models.CharField(_("ID number"), max_length=18)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    post = models.CharField(_("post"), max_length=100, blank=True)
    on_establishment = models.BooleanField(
        _("on the establishment"), default=True, help_text=_("在编: a post on the staffing plan")
    )
    in_enforcement_post = models.BooleanField(_("directly carries out enforcement"), default=True)
    sanctioned_until = models.DateField(
        _("under disciplinary sanction until"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("enforcement official")
        verbose_name_plural = _("enforcement officials")
        ordering = ["body", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["id_number"], name="enf_official_id_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name


class LawExamResult(models.Model):
    """A law-exam result, as eligibility needs it (the later training-and-exam registry feeds
    it through ``services.law_exam_result_record``)."""

    official = models.ForeignKey(
        Official, verbose_name=_("official"), on_delete=models.CASCADE, related_name="exam_results"
    )
    taken_on = models.DateField(_("exam date"))
    passed = models.BooleanField(_("passed"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("law exam result")
        verbose_name_plural = _("law exam results")
        ordering = ["official", "-taken_on"]

    def __str__(self) -> str:
        return f"{self.official} {self.taken_on}"


# Why an application for a certificate is refused (the codes the service records).
REFUSAL_REASONS = {
    "not_on_establishment": _("the official is not on the establishment"),
    "not_enforcement_post": _("the official does not directly carry out enforcement"),
    "no_exam": _("no law exam passed within the required period"),
    "sanctioned": _("the official is under disciplinary sanction"),
    "body_not_confirmed": _("the body's standing is not confirmed"),
}


class CertificateApplication(models.Model):
    class Status(models.TextChoices):
        APPROVED = "approved", _("approved")
        REFUSED = "refused", pgettext_lazy("certificate application", "refused")

    official = models.ForeignKey(
        Official,
        verbose_name=_("official"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    applied_on = models.DateField(_("applied on"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    reasons = models.JSONField(_("reasons for refusal"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate application")
        verbose_name_plural = _("certificate applications")
        ordering = ["-applied_on", "-id"]

    def __str__(self) -> str:
        return f"{self.official} {self.applied_on}"

    @property
    def reason_labels(self) -> list:
        return [REFUSAL_REASONS.get(code, code) for code in self.reasons]


class Certificate(models.Model):
    """An enforcement certificate (行政执法证)."""

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        SUSPENDED = "suspended", pgettext_lazy("certificate", "suspended")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", pgettext_lazy("certificate", "revoked")
        LOST = "lost", _("reported lost")

    TRANSITIONS = {
        Status.VALID: {Status.SUSPENDED, Status.EXPIRED, Status.REVOKED, Status.LOST},
        Status.SUSPENDED: {Status.VALID, Status.EXPIRED, Status.REVOKED, Status.LOST},
        Status.EXPIRED: set(),
        Status.REVOKED: set(),
        Status.LOST: set(),
    }

    official = models.ForeignKey(
        Official,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    issuing_authority = models.CharField(_("issuing authority"), max_length=100)
    area = models.CharField(_("enforcement area"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.VALID
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    last_review_year = models.PositiveSmallIntegerField(
        _("last annual review"), null=True, blank=True
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    application = models.ForeignKey(
        CertificateApplication,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("enforcement certificate")
        verbose_name_plural = _("enforcement certificates")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="enf_cert_period"
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_to"], name="enf_cert_status_to_idx")]

    def __str__(self) -> str:
        return self.number


class CertificateReview(models.Model):
    """The annual review (年审) of a certificate."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.CASCADE, related_name="reviews"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    passed = models.BooleanField(_("passed"))
    reviewed_on = models.DateField(_("reviewed on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        ordering = ["certificate", "year"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "year"], name="enf_review_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.certificate} {self.year}"


class CaseFile(models.Model):
    """An enforcement case file (执法案卷), from filing (立案) to closing (结案)."""

    class Status(models.TextChoices):
        FILED = "filed", _("filed")
        INVESTIGATED = "investigated", _("investigated")
        NOTIFIED = "notified", _("rights notified")
        HEARING = "hearing", _("hearing held")
        IN_REVIEW = "in_review", _("in legality review")
        REVIEWED = "reviewed", _("legality review passed")
        DECIDED = "decided", _("decided")
        SERVED = "served", _("decision served")
        EXECUTED = "executed", _("executed")
        CLOSED = "closed", pgettext_lazy("enforcement case", "closed")
        WITHDRAWN = "withdrawn", _("case withdrawn")

    TRANSITIONS = {
        Status.FILED: {Status.INVESTIGATED, Status.WITHDRAWN},
        Status.INVESTIGATED: {Status.NOTIFIED, Status.IN_REVIEW, Status.DECIDED, Status.WITHDRAWN},
        Status.NOTIFIED: {Status.HEARING, Status.IN_REVIEW, Status.DECIDED},
        Status.HEARING: {Status.IN_REVIEW, Status.DECIDED},
        Status.IN_REVIEW: {Status.REVIEWED, Status.INVESTIGATED},
        Status.REVIEWED: {Status.DECIDED},
        Status.DECIDED: {Status.SERVED},
        Status.SERVED: {Status.EXECUTED, Status.CLOSED},
        Status.EXECUTED: {Status.CLOSED},
        Status.CLOSED: set(),
        Status.WITHDRAWN: set(),
    }
    OPEN_STATUSES = [
        Status.FILED,
        Status.INVESTIGATED,
        Status.NOTIFIED,
        Status.HEARING,
        Status.IN_REVIEW,
        Status.REVIEWED,
    ]

    class Outcome(models.TextChoices):
        PENDING = "pending", _("not decided yet")
        PENALISED = "penalised", _("penalty imposed")
        NO_PENALTY = "no_penalty", _("no penalty")
        MEASURE = "measure", _("measure or decision taken")
        WITHDRAWN = "withdrawn", _("case withdrawn")

    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="case_files"
    )
    power = models.ForeignKey(
        "catalog.Power",
        verbose_name=_("enforcement act"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind of act"), max_length=16, choices=PowerKind.choices)
    number = models.CharField(
        pgettext_lazy("enforcement case", "case number"), max_length=64, unique=True
    )
    parties = models.CharField(_("parties"), max_length=200)
    facts = models.TextField(_("facts"), blank=True)
    is_major = models.BooleanField(_("major case"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.FILED
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    officials = models.ManyToManyField(
        Official, verbose_name=_("officials"), related_name="case_files", blank=True
    )
    filed_on = models.DateField(_("filed on"))
    investigated_on = models.DateField(_("investigation ended on"), null=True, blank=True)
    rights_notified_on = models.DateField(_("rights notified on"), null=True, blank=True)
    hearing_on = models.DateField(_("hearing held on"), null=True, blank=True)
    review_requested_on = models.DateField(_("legality review requested on"), null=True, blank=True)
    review_passed_on = models.DateField(_("legality review passed on"), null=True, blank=True)
    review_opinion = models.TextField(_("legality review opinion"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    served_on = models.DateField(_("served on"), null=True, blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    penalty_amount = models.DecimalField(
        _("penalty amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("enforcement case file")
        verbose_name_plural = _("enforcement case files")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(penalty_amount__isnull=True) | Q(penalty_amount__gte=0),
                name="enf_case_amount_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["body", "decided_on"], name="enf_case_body_decided_idx")]

    def __str__(self) -> str:
        return self.number


class MajorPenaltyFiling(models.Model):
    """The filing of a major penalty decision with the legal-affairs office (重大行政处罚备案)."""

    class Status(models.TextChoices):
        DUE = "due", _("to be filed")
        FILED = "filed", _("filed")
        ACCEPTED = "accepted", _("reviewed: no objection")
        CORRECTED = "corrected", _("reviewed: correction required")

    TRANSITIONS = {
        Status.DUE: {Status.FILED},
        Status.FILED: {Status.ACCEPTED, Status.CORRECTED},
        Status.ACCEPTED: set(),
        Status.CORRECTED: set(),
    }

    case_file = models.OneToOneField(
        CaseFile, verbose_name=_("case file"), on_delete=models.CASCADE, related_name="filing"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    due_on = models.DateField(_("to be filed by"))
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    on_time = models.BooleanField(_("filed on time"), null=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_opinion = models.TextField(_("review opinion"), blank=True)

    class Meta:
        verbose_name = _("major penalty filing")
        verbose_name_plural = _("major penalty filings")
        ordering = ["-due_on", "-id"]

    def __str__(self) -> str:
        return str(self.case_file)


class EvaluationCampaign(models.Model):
    """An annual case-file evaluation (案卷评查) with its checklist."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("evaluation campaign", "open")
        SAMPLED = "sampled", _("sampled")
        CLOSED = "closed", _("closed")

    TRANSITIONS = {
        Status.OPEN: {Status.SAMPLED},
        Status.SAMPLED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year evaluated"))
    title = models.CharField(_("title"), max_length=200)
    per_body = models.PositiveSmallIntegerField(_("case files sampled per body"), default=3)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("evaluation campaign")
        verbose_name_plural = _("evaluation campaigns")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["division", "year"], name="enf_campaign_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(models.Model):
    campaign = models.ForeignKey(
        EvaluationCampaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="checklist",
    )
    code = models.CharField(_("code"), max_length=32)
    label = models.CharField(_("criterion"), max_length=100)
    points = models.PositiveSmallIntegerField(_("points"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="enf_checklist_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Evaluation(models.Model):
    """One sampled case file in a campaign, and its score once evaluated."""

    campaign = models.ForeignKey(
        EvaluationCampaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    case_file = models.ForeignKey(
        CaseFile, verbose_name=_("case file"), on_delete=models.PROTECT, related_name="evaluations"
    )
    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("findings"), blank=True)

    class Meta:
        verbose_name = _("case-file evaluation")
        verbose_name_plural = _("case-file evaluations")
        ordering = ["campaign", "body", "case_file"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case_file"], name="enf_eval_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.case_file}"


class EvaluationMark(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="marks"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField(_("points given"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("mark")
        verbose_name_plural = _("marks")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="enf_mark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.points}"

"""The normative-documents registry (规范性文件): drafting, public comment, legality review,
adoption, signing and numbering, publication, filing, validity and clean-ups.

A document's life is its ``status`` (the moves allowed are ``TRANSITIONS``); the dates that
matter in court are stored as dates: ``published_on``, ``effective_from`` and ``effective_to``
(the last day of validity, inclusive) and ``lapses_on`` (the day after ``effective_to``: from
that day the document has lapsed by itself, whether or not anyone has recorded it). The
filing with each filing authority has its own row and its 30-day clock (``workdays.Clock``,
purpose ``rulemaking.filing``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("drafting")
    COMMENT = "comment", _("public comment")
    REVIEW = "review", _("legality review")
    REVIEWED = "reviewed", _("passed the legality review")
    REJECTED = "rejected", _("rejected by the legality review")
    ADOPTED = "adopted", _("adopted")
    SIGNED = "signed", _("signed and numbered")
    PUBLISHED = "published", pgettext_lazy("normative document", "published")
    AMENDED = "amended", _("superseded by an amendment")
    REPEALED = "repealed", _("repealed")
    LAPSED = "lapsed", _("lapsed")


S = DocumentStatus

# What each status may move to (the services check every move against this).
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.COMMENT, S.REVIEW},
    S.COMMENT: {S.DRAFT},
    S.REVIEW: {S.REVIEWED, S.DRAFT, S.REJECTED},
    S.REVIEWED: {S.ADOPTED},
    S.ADOPTED: {S.SIGNED},
    S.SIGNED: {S.PUBLISHED},
    S.PUBLISHED: {S.AMENDED, S.REPEALED, S.LAPSED},
    S.REJECTED: set(),
    S.AMENDED: set(),
    S.REPEALED: set(),
    S.LAPSED: set(),
}
ENDED_STATUSES = [S.AMENDED, S.REPEALED, S.LAPSED]
BEFORE_PUBLICATION = [S.DRAFT, S.COMMENT, S.REVIEW, S.REVIEWED, S.ADOPTED, S.SIGNED]


class ValidityState(models.TextChoices):
    """Where a document stands on a given day (computed from its dates, see ``selectors``)."""

    NOT_PUBLISHED = "not_published", _("not published")
    NOT_YET = "not_yet", _("published, not yet in force")
    IN_FORCE = "in_force", pgettext_lazy("normative document", "in force")
    AMENDED = "amended", _("superseded by an amendment")
    REPEALED = "repealed", _("repealed")
    LAPSED = "lapsed", _("lapsed")
    REJECTED = "rejected", pgettext_lazy("normative document", "rejected")


class Finding(models.TextChoices):
    """What the legality review found the draft to do."""

    COMPULSION = "compulsion", _("sets an administrative compulsion measure")
    LICENCE = "licence", _("sets an administrative licence")
    FEE = "fee", _("sets a fee")
    NO_BASIS = "no_basis", _("restricts rights or adds obligations without legal basis")
    INCONSISTENT = "inconsistent", _("inconsistent with a higher-level law or document")


class Opinion(models.TextChoices):
    PASS = "pass", _("pass")
    AMEND = "amend", _("amend and resubmit")
    REJECT = "reject", _("reject")


class ExpiryDecision(models.TextChoices):
    """What the drafting department decides when the end of validity approaches."""

    RENEW = "renew", _("renew for a further period")
    AMEND = "amend", _("amend (a new document will replace it)")
    LET_LAPSE = "let_lapse", _("let it lapse")


class NormativeDocument(models.Model):
    """One normative document (行政规范性文件) from its draft to its end."""

    division = models.ForeignKey(
        "org.Division",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        related_name="normative_documents",
    )
    issuer = models.ForeignKey(
        "org.Department",
        verbose_name=pgettext_lazy("normative document", "issuing body"),
        on_delete=models.PROTECT,
        related_name="issued_normative_documents",
        help_text=_("the government or department in whose name the document is issued"),
    )
    drafting_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("drafting department"),
        on_delete=models.PROTECT,
        related_name="drafted_normative_documents",
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(pgettext_lazy("normative document", "text"))
    is_interim = models.BooleanField(
        _("interim or trial"),
        default=False,
        help_text=_("暂行 or 试行: a shorter validity (2 years unless configured otherwise)"),
    )
    validity_years = models.PositiveSmallIntegerField(
        _("validity (years)"),
        null=True,
        blank=True,
        help_text=_("at most the configured maximum; the maximum when left empty"),
    )
    number_prefix = models.CharField(
        _("issuer's abbreviation"),
        max_length=16,
        help_text=_("the abbreviation in the document number, e.g. 多政发"),
    )
    comment_required = models.BooleanField(_("public comment required"), default=False)
    comment_opened_on = models.DateField(_("comment opened on"), null=True, blank=True)
    comment_closed_on = models.DateField(_("comment closed on"), null=True, blank=True)
    comment_summary = models.TextField(_("comments received"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=S.DRAFT
    )
    # Adoption by collective discussion.
    meeting = models.CharField(_("meeting"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    # Signing and numbering.
    signed_by = models.CharField(_("signed by"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("number year"), null=True, blank=True)
    number_sequence = models.PositiveIntegerField(_("number sequence"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    # Publication and validity.
    published_on = models.DateField(
        pgettext_lazy("normative document", "published on"), null=True, blank=True
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_to = models.DateField(
        pgettext_lazy("normative document", "in force until"), null=True, blank=True
    )
    lapses_on = models.DateField(
        _("lapses on"),
        null=True,
        blank=True,
        help_text=_("the day after the last day of validity"),
    )
    expiry_decision = models.CharField(
        _("decision on expiry"), max_length=16, choices=ExpiryDecision.choices, blank=True
    )
    expiry_decided_on = models.DateField(_("expiry decided on"), null=True, blank=True)
    expiry_note = models.TextField(_("note on the decision"), blank=True)
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text=_("the document this one replaces; it ends when this one is published"),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for the end"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("normative document")
        verbose_name_plural = _("normative documents")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_prefix", "number_year", "number_sequence"],
                condition=Q(number_sequence__isnull=False),
                name="normative_document_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(number_sequence__isnull=True) | Q(number_sequence__gte=1),
                name="normative_document_sequence_positive",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="normative_document_validity_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "amended", "repealed", "lapsed"])
                | Q(
                    published_on__isnull=False,
                    effective_from__isnull=False,
                    effective_to__isnull=False,
                    lapses_on__isnull=False,
                    number_sequence__isnull=False,
                ),
                name="normative_document_published_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["amended", "repealed", "lapsed"])
                | Q(ended_on__isnull=False),
                name="normative_document_ended_dated",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "status"], name="normdoc_division_status_idx"),
            models.Index(fields=["status", "lapses_on"], name="normdoc_status_lapses_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.title}" if self.document_number else self.title


class DocumentAttachment(models.Model):
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="rulemaking/%Y/")
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class LegalityReview(models.Model):
    """One legality review (合法性审核) by the legal-affairs office, with its findings."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="reviews"
    )
    opinion = models.CharField(_("opinion"), max_length=8, choices=Opinion.choices)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    text = models.TextField(_("opinion text"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("legality review")
        verbose_name_plural = _("legality reviews")
        ordering = ["reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.document} {self.get_opinion_display()}"

    @property
    def finding_labels(self) -> list[str]:
        return [str(Finding(f).label) for f in self.findings if f in Finding.values]


class Filing(models.Model):
    """The filing (备案) of a published document with one filing authority, within 30 days of
    publication (its clock is ``rulemaking.filing``)."""

    class AuthorityKind(models.TextChoices):
        HIGHER_GOVERNMENT = "higher_government", _("higher-level government")
        PEOPLES_CONGRESS = "peoples_congress", _("people's congress standing committee")
        GOVERNMENT = "government", _("the government at the same level")

    class Result(models.TextChoices):
        NONE = "", _("no result yet")
        NO_OBJECTION = "no_objection", _("filed, no objection")
        CORRECTION = "correction", _("correction required")
        REVOKE = "revoke", _("revocation required")

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="filings"
    )
    authority_kind = models.CharField(
        _("kind of filing authority"), max_length=24, choices=AuthorityKind.choices
    )
    authority = models.CharField(_("filing authority"), max_length=100)
    due_on = models.DateField(_("file by"))
    submitted_on = models.DateField(_("filed on"), null=True, blank=True)
    result = models.CharField(
        _("filing authority's review result"),
        max_length=16,
        choices=Result.choices,
        blank=True,
        default="",
    )
    result_on = models.DateField(_("result received on"), null=True, blank=True)
    result_note = models.TextField(_("result note"), blank=True)

    class Meta:
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        ordering = ["document", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "authority"], name="filing_one_per_authority"
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(submitted_on__isnull=False),
                name="filing_result_after_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.authority}"

    @property
    def state(self) -> str:
        """filed (on time), late (filed after the due date), or pending."""
        if self.submitted_on is None:
            return "pending"
        return "late" if self.submitted_on > self.due_on else "filed"


class CleanupCampaign(models.Model):
    """A clean-up (清理): periodic (every 2 years, every document in force) or special (a topic
    and its criteria, the documents it concerns)."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("periodic (full)")
        SPECIAL = "special", _("special")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("normative document", "open")
        CLOSED = "closed", pgettext_lazy("normative document", "closed")

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        pgettext_lazy("normative document", "kind"), max_length=16, choices=Kind.choices
    )
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(
        pgettext_lazy("normative document", "topic"), max_length=200, blank=True
    )
    criteria = models.TextField(_("criteria"), blank=True)
    basis = models.CharField(_("basis (notice)"), max_length=200, blank=True)
    started_on = models.DateField(_("started on"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(
        pgettext_lazy("normative document", "closed on"), null=True, blank=True
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("conducted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clean-up campaign")
        verbose_name_plural = _("clean-up campaigns")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | Q(status="closed", closed_on__isnull=False),
                name="cleanup_closed_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CleanupEntry(models.Model):
    """One document in a clean-up's scope and the decision on it."""

    class Decision(models.TextChoices):
        UNDECIDED = "", _("undecided")
        KEEP = "keep", _("keep")
        AMEND = "amend", _("amend")
        REPEAL = "repeal", _("repeal")
        LAPSE = "lapse", _("declare lapsed")

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="entries")
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_entries"
    )
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, blank=True, default=""
    )
    inconsistent = models.BooleanField(
        _("inconsistent with higher-level law"),
        default=False,
        help_text=_("found inconsistent with laws, regulations, rules or higher documents"),
    )
    reasons = models.TextField(_("reasons"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clean-up entry")
        verbose_name_plural = _("clean-up entries")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "document"], name="cleanup_entry_one_per_document"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_on__isnull=False),
                name="cleanup_entry_decided_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.document}"

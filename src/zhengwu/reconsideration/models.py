"""Administrative reconsideration (行政复议) and litigation (行政应诉) registers, to the
Administrative Reconsideration Law as revised in 2023 (in force 1 January 2024).

A reconsideration case's life is its ``status`` (the moves allowed are ``TRANSITIONS``); the
time limits are ``workdays.Clock`` rows (purposes in ``services``): the 5-working-day
examination (art. 30), sending the application to the respondent in 7 working days and the
respondent's answer in 10 (art. 48; 3 and 5 in the simplified procedure, art. 54), the decision
in 60 calendar days of acceptance (30 simplified; art. 62) which a suspension (art. 39) stops,
and the incidental review of a normative document (arts. 56-58). The applicant's 10 working
days to supply a correction (art. 31) are the applicant's time, not the office's, and are kept
as a date (``correction_due_on``), not as a clock e-supervision would hold the office to.

A litigation case (行政应诉) is a suit against a department of the county before a court, with
the answer due 15 calendar days after service of the complaint (Administrative Litigation Law
art. 67), its hearings (and whether the agency's head appeared, 行政机关负责人出庭应诉), the
first-instance judgment and the appeal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.common.identity import mask_id_number, mask_phone


class Channel(models.TextChoices):
    WINDOW = "window", _("in person at the window")
    POST = "post", _("by post")
    ONLINE = "online", _("online")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("under examination")
    CORRECTION = "correction", _("awaiting correction")
    ACCEPTED = "accepted", _("accepted, under review")
    SUSPENDED = "suspended", pgettext_lazy("reconsideration", "suspended")
    DECIDED = "decided", pgettext_lazy("reconsideration", "decided")
    REFUSED = "refused", _("not accepted")
    ABANDONED = "abandoned", _("deemed abandoned")
    WITHDRAWN = "withdrawn", _("withdrawn")
    TERMINATED = "terminated", pgettext_lazy("reconsideration", "terminated")


S = CaseStatus

TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.CORRECTION, S.ACCEPTED, S.REFUSED, S.WITHDRAWN},
    S.CORRECTION: {S.RECEIVED, S.ABANDONED, S.WITHDRAWN},
    S.ACCEPTED: {S.SUSPENDED, S.DECIDED, S.WITHDRAWN, S.TERMINATED},
    S.SUSPENDED: {S.ACCEPTED, S.WITHDRAWN, S.TERMINATED},
    S.DECIDED: set(),
    S.REFUSED: set(),
    S.ABANDONED: set(),
    S.WITHDRAWN: set(),
    S.TERMINATED: set(),
}
OPEN_STATUSES = [S.RECEIVED, S.CORRECTION, S.ACCEPTED, S.SUSPENDED]
CLOSED_STATUSES = [S.DECIDED, S.REFUSED, S.ABANDONED, S.WITHDRAWN, S.TERMINATED]
IN_REVIEW = [S.ACCEPTED, S.SUSPENDED]


class DecisionType(models.TextChoices):
    """The decisions of arts. 63-69, 73 and 74 (the outcome ``decided`` records)."""

    MAINTAIN = "maintain", _("maintain the act (维持)")
    CHANGE = "change", _("change the act (变更)")
    REVOKE = "revoke", _("revoke the act (撤销)")
    CONFIRM_ILLEGAL = "confirm_illegal", _("confirm the act illegal (确认违法)")
    CONFIRM_INVALID = "confirm_invalid", _("confirm the act invalid (确认无效)")
    ORDER_PERFORMANCE = "order_performance", _("order performance (责令履行)")
    DISMISS = "dismiss", _("dismiss the request (驳回)")
    MEDIATION = "mediation", _("mediation (调解)")
    SETTLEMENT = "settlement", _("settlement (和解)")


class ReviewMode(models.TextChoices):
    WRITTEN = "written", _("written review")
    OPINIONS = "opinions", _("hearing the parties' opinions")
    HEARING = "hearing", _("hearing (听证)")


class SuspensionGround(models.TextChoices):
    """The grounds of art. 39 on which the review is suspended (中止)."""

    DEATH = "death", _("the applicant died; the next of kin have not decided whether to join")
    INCAPACITY = "incapacity", _("the applicant lost capacity; no legal representative yet")
    MISSING = "missing", _("the applicant's whereabouts are unknown")
    ORG_ENDED = "org_ended", _("the applicant organisation ended; no successor determined yet")
    FORCE_MAJEURE = "force_majeure", _("a party cannot take part for force majeure or good cause")
    MEDIATION = "mediation", _("mediation or settlement, with both parties' consent")
    INTERPRETATION = (
        "interpretation",
        _("the law's application needs an authority's interpretation"),
    )
    OTHER_CASE = "other_case", _("the review depends on another case not yet concluded")
    DOCUMENT_REVIEW = (
        "document_review",
        _("incidental review of a normative document (arts. 56, 57)"),
    )
    OTHER = "other", _("another ground requiring suspension")


class TerminationGround(models.TextChoices):
    """The grounds of art. 41 on which the reconsideration is terminated (终止)."""

    NO_HEIR = "no_heir", _("the applicant died with no next of kin, or they waived")
    ORG_NO_SUCCESSOR = "org_no_successor", _("the organisation ended and its successor waived")
    CRIMINAL = "criminal", _("the applicant was detained for the same act under criminal law")
    SUSPENSION_LAPSED = "suspension_lapsed", _("60 days of suspension passed without resumption")
    OTHER = "other", _("another ground for termination")


class DocumentReviewOutcome(models.TextChoices):
    LAWFUL = "lawful", _("lawful: applied in the decision")
    UNLAWFUL = "unlawful", _("unlawful: not applied, its maker ordered to correct it")
    TRANSFERRED = "transferred", _("transferred to the competent authority")


class ReconsiderationCase(models.Model):
    """One application for administrative reconsideration to the county government."""

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    receipt_number = models.CharField(_("receipt number"), max_length=32, unique=True)
    query_digest = models.CharField(max_length=64, blank=True, editable=False)
    case_number = models.CharField(
        pgettext_lazy("reconsideration", "case number"), max_length=64, blank=True,
        help_text=_("the number given on acceptance, e.g. 多政复字〔2026〕3号"),
    )  # fmt: skip
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    respondent = models.ForeignKey(
        "org.Department",
        verbose_name=_("respondent"),
        on_delete=models.PROTECT,
        related_name="reconsideration_cases",
    )
    contested_act = models.TextField(_("contested administrative act"))
    knew_on = models.DateField(_("day the applicant knew of the act"))
    request = models.TextField(_("request"))
    reasons = models.TextField(_("facts and reasons"), blank=True)
    received_on = models.DateField(_("received on"))
    is_disclosure = models.BooleanField(
        _("concerns government information disclosure"), default=False
    )
    late_application = models.BooleanField(
        _("applied after the 60 days"),
        default=False,
        help_text=_("recorded by the examination (art. 20)"),
    )
    late_reason = models.TextField(_("reason accepted for the late application"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=S.RECEIVED
    )
    # Correction (补正).
    correction_items = models.JSONField(_("items to supply"), default=list, blank=True)
    correction_notified_on = models.DateField(_("correction notified on"), null=True, blank=True)
    correction_due_on = models.DateField(_("correction due on"), null=True, blank=True)
    corrected_on = models.DateField(_("correction supplied on"), null=True, blank=True)
    # Acceptance.
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    deemed_accepted = models.BooleanField(_("deemed accepted"), default=False)
    simplified = models.BooleanField(_("simplified procedure"), default=False)
    refusal_reasons = models.TextField(_("reasons for not accepting"), blank=True)
    # Respondent.
    sent_on = models.DateField(_("sent to the respondent on"), null=True, blank=True)
    answered_on = models.DateField(_("respondent answered on"), null=True, blank=True)
    answer_summary = models.TextField(_("answer and evidence"), blank=True)
    # Review.
    review_mode = models.CharField(
        _("review mode"), max_length=16, choices=ReviewMode.choices, blank=True
    )
    hearing_on = models.DateField(_("hearing held on"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    suspension_ground = models.CharField(
        _("ground of the suspension"), max_length=16, choices=SuspensionGround.choices, blank=True
    )
    # Incidental review of a normative document (arts. 56-58).
    normative_document = models.ForeignKey(
        "rulemaking.NormativeDocument",
        verbose_name=_("normative document under incidental review"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconsideration_cases",
    )
    normative_document_text = models.CharField(
        _("normative document (not in the registry)"), max_length=300, blank=True
    )
    document_review_started_on = models.DateField(
        _("incidental review started on"), null=True, blank=True
    )
    document_review_outcome = models.CharField(
        _("incidental review outcome"),
        max_length=16,
        choices=DocumentReviewOutcome.choices,
        blank=True,
    )
    document_review_on = models.DateField(_("incidental review done on"), null=True, blank=True)
    document_review_note = models.TextField(_("incidental review note"), blank=True)
    transferred_to = models.CharField(_("transferred to"), max_length=200, blank=True)
    # The end.
    decision_type = models.CharField(
        _("decision"), max_length=20, choices=DecisionType.choices, blank=True
    )
    decision_text = models.TextField(_("decision text"), blank=True)
    termination_ground = models.CharField(
        _("ground of termination"), max_length=20, choices=TerminationGround.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reconsideration case")
        verbose_name_plural = _("reconsideration cases")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["decided", "refused", "abandoned", "withdrawn", "terminated"],
                    closed_on__isnull=False,
                )
                | (
                    ~Q(status__in=["decided", "refused", "abandoned", "withdrawn", "terminated"])
                    & Q(closed_on__isnull=True)
                ),
                name="reconsideration_closed_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | ~Q(decision_type=""),
                name="reconsideration_decided_typed",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "suspended", "decided", "terminated"])
                | Q(accepted_on__isnull=False),
                name="reconsideration_accepted_dated",
            ),
            models.CheckConstraint(
                condition=Q(received_on__gte=models.F("knew_on")),
                name="reconsideration_received_after_knowing",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "status"], name="recon_division_status_idx"),
            models.Index(fields=["respondent", "closed_on"], name="recon_respondent_closed_idx"),
        ]

    def __str__(self) -> str:
        return self.case_number or self.receipt_number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_document_review(self) -> bool:
        return self.normative_document_id is not None or bool(self.normative_document_text)

    @property
    def document_label(self) -> str:
        if self.normative_document_id:
            return str(self.normative_document)
        return self.normative_document_text

    @property
    def applicant_names(self) -> str:
        return "、".join(a.name for a in self.applicants.all())


class Applicant(models.Model):
    """An applicant (申请人); a case may have several."""

    class Kind(models.TextChoices):
        PERSON = "person", _("natural person")
        ORGANISATION = "organisation", _("legal person or other organisation")

    case = models.ForeignKey(
        ReconsiderationCase, on_delete=models.CASCADE, related_name="applicants"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=100)
    id_number = models.CharField(_("ID number or credit code"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def id_masked(self) -> str:
        if self.kind == self.Kind.ORGANISATION:
            return self.id_number
        return mask_id_number(self.id_number) if self.id_number else ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone) if self.phone else ""


class CaseAttachment(models.Model):
    case = models.ForeignKey(
        ReconsiderationCase, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="reconsideration/%Y/")
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------------------------
# Litigation
# ---------------------------------------------------------------------------------------------


class Judgment(models.TextChoices):
    """The results of a suit (first instance, or the final result after an appeal)."""

    MAINTAIN = "maintain", _("claims dismissed, act maintained (维持/驳回诉讼请求)")
    REVOKE = "revoke", _("act revoked (撤销)")
    CHANGE = "change", _("act changed (变更)")
    CONFIRM_ILLEGAL = "confirm_illegal", _("act confirmed illegal (确认违法)")
    CONFIRM_INVALID = "confirm_invalid", _("act confirmed invalid (确认无效)")
    ORDER_PERFORMANCE = "order_performance", _("ordered to perform (责令履行)")
    WITHDRAWN = "withdrawn", _("suit withdrawn (撤诉)")
    MEDIATION = "mediation", _("mediation (调解)")
    OTHER = "other", _("other (e.g. suit dismissed by ruling)")


class AppealResult(models.TextChoices):
    UPHELD = "upheld", _("appeal dismissed, judgment upheld")
    REVISED = "revised", _("judgment revised")
    REMANDED = "remanded", _("remanded for retrial")
    WITHDRAWN = "withdrawn", _("appeal withdrawn")
    OTHER = "other", _("other")


class LitigationCase(models.Model):
    """One administrative suit against a department of the county (行政应诉)."""

    class Status(models.TextChoices):
        FILED = "filed", _("complaint served")
        ANSWERED = "answered", _("answer submitted")
        JUDGED = "judged", _("judged at first instance")
        APPEALED = "appealed", _("under appeal")
        CONCLUDED = "concluded", _("concluded at second instance")

    TRANSITIONS = {
        Status.FILED: {Status.ANSWERED, Status.JUDGED},
        Status.ANSWERED: {Status.JUDGED},
        Status.JUDGED: {Status.APPEALED},
        Status.APPEALED: {Status.CONCLUDED},
        Status.CONCLUDED: set(),
    }

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    defendant = models.ForeignKey(
        "org.Department",
        verbose_name=_("defendant"),
        on_delete=models.PROTECT,
        related_name="litigation_cases",
    )
    plaintiff = models.CharField(_("plaintiff"), max_length=200)
    court = models.CharField(_("court"), max_length=100)
    court_number = models.CharField(_("court case number"), max_length=64)
    contested_act = models.TextField(_("contested administrative act"))
    filed_on = models.DateField(_("filed on"))
    served_on = models.DateField(_("complaint served on"))
    after_review = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("after reconsideration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="litigation_cases",
    )
    is_disclosure = models.BooleanField(
        _("concerns government information disclosure"), default=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.FILED
    )
    answered_on = models.DateField(_("answer submitted on"), null=True, blank=True)
    first_result = models.CharField(
        _("first-instance result"), max_length=20, choices=Judgment.choices, blank=True
    )
    first_judged_on = models.DateField(_("first-instance judgment on"), null=True, blank=True)
    appeal_filed_on = models.DateField(_("appeal filed on"), null=True, blank=True)
    appeal_court = models.CharField(_("appeal court"), max_length=100, blank=True)
    appeal_result = models.CharField(
        _("second-instance result"), max_length=16, choices=AppealResult.choices, blank=True
    )
    second_judged_on = models.DateField(_("second-instance judgment on"), null=True, blank=True)
    # The effective result and the day the suit ended (the first-instance judgment unless it
    # was appealed, then the second-instance one): what the statistics count.
    final_result = models.CharField(
        _("result"), max_length=20, choices=Judgment.choices, blank=True
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("litigation case")
        verbose_name_plural = _("litigation cases")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "court_number"], name="litigation_court_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(served_on__gte=models.F("filed_on")),
                name="litigation_served_after_filing",
            ),
            models.CheckConstraint(
                condition=Q(final_result="", concluded_on__isnull=True)
                | (~Q(final_result="") & Q(concluded_on__isnull=False)),
                name="litigation_concluded_with_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.court} {self.court_number}"

    @property
    def head_appeared(self) -> bool:
        return any(h.head_appeared for h in self.hearings.all())


class Hearing(models.Model):
    """A court hearing (开庭) of a suit, and who appeared for the agency."""

    case = models.ForeignKey(LitigationCase, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField(_("hearing date"))
    head_appeared = models.BooleanField(_("the agency's head appeared in court"), default=False)
    head_name = models.CharField(_("head who appeared"), max_length=100, blank=True)
    head_post = models.CharField(_("post of the head"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("court hearing")
        verbose_name_plural = _("court hearings")
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(head_appeared=False) | ~Q(head_name=""),
                name="hearing_head_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"

"""Disclosure requests (依申请公开): applications for government information, their correction
notices and consultations, and the reply.

The columns and rows of section 3 of the annual disclosure report (国办公开办函〔2021〕30号) are
the choices here: the applicant types are its columns, the outcomes and their sub-grounds its
rows, so the table is a grouped count (``disclosure.requests.table``).

The dates the 2019 Regulations attach legal effects to are stored as dates: ``received_on``
(art. 31: the day the application is received — in person that day, by post the day it is
signed for, online, by fax or e-mail the day both sides confirm), the correction's dates (art.
30), ``replied_on`` and ``concluded_on`` (the day the request left the office's hands: replied,
abandoned or withdrawn). Time limits run on ``workdays.Clock`` rows owned by the request.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from zhengwu.common.identity import (
    CreditCodeValidator,
    IdNumberValidator,
    validate_mobile,
)

# --- Telephone numbers ----------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s()（）]+")
# A landline: area code 0 + 2 or 3 digits, a local number of 7 or 8 digits not starting with 0
# or 1, an optional extension.
_LANDLINE = re.compile(r"^(0\d{2,3})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?)(\d{1,6}))?$")


def validate_phone(value: str) -> str:
    """Validate a mainland mobile number or a landline with its area code; return it normalised
    (11 digits for a mobile, ``0479-4522123`` or ``0479-4522123-801`` for a landline)."""
    raw = _PHONE_SEPARATORS.sub("", value or "")
    if raw.startswith("0"):
        match = _LANDLINE.match(raw)
        if match is None:
            raise ValidationError(
                _(
                    "Give a mobile number (11 digits) or a landline with its area code, "
                    "e.g. 0479-4522123."
                ),
                code="phone_invalid",
            )
        area, local, extension = match.groups()
        return f"{area}-{local}" + (f"-{extension}" if extension else "")
    return validate_mobile(raw)


def is_mobile(value: str) -> bool:
    return bool(re.fullmatch(r"1[3-9]\d{9}", value or ""))


@deconstructible
class PhoneValidator:
    """Field validator for a mobile or landline number."""

    def __call__(self, value: str) -> None:
        validate_phone(value)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


# --- Choices: the columns and rows of the annual report's table ----------------------------


class ApplicantType(models.TextChoices):
    """The columns of section 3 of the annual report."""

    NATURAL_PERSON = "natural_person", _("natural person")
    COMMERCIAL = "commercial", _("commercial enterprise")
    RESEARCH = "research", _("research institution")
    PUBLIC_WELFARE = "public_welfare", _("social public-welfare organisation")
    LEGAL_SERVICE = "legal_service", _("legal-service institution")
    OTHER_ORGANISATION = "other_organisation", _("other organisation")


ORGANISATION_TYPES = [t for t in ApplicantType if t != ApplicantType.NATURAL_PERSON]


class RequestChannel(models.TextChoices):
    ONLINE = "online", _("online")
    IN_PERSON = "in_person", _("in person")
    POST = "post", _("by post")
    FAX = "fax", _("by fax")
    EMAIL = "email", _("by e-mail")


# Channels on which the receipt date is the day both sides confirm (art. 31(3)).
CONFIRMED_CHANNELS = [RequestChannel.ONLINE, RequestChannel.FAX, RequestChannel.EMAIL]


class ProvisionForm(models.TextChoices):
    """The form in which the applicant wants the information (art. 29(2)(3), art. 40)."""

    PAPER = "paper", _("on paper")
    ELECTRONIC = "electronic", _("electronic file")
    INSPECTION = "inspection", _("inspection and copying on the spot")


class ObtainingMethod(models.TextChoices):
    POST = "post", _("sent by post")
    COLLECT = "collect", _("collected in person")
    EMAIL = "email", _("sent by e-mail")
    ONLINE = "online", _("downloaded online")


class Outcome(models.TextChoices):
    """The rows 三(一)–(六) of section 3 of the annual report (art. 36 of the Regulations)."""

    DISCLOSED = "disclosed", _("disclosed")
    PARTLY_DISCLOSED = "partly_disclosed", _("partly disclosed")
    WITHHELD = "withheld", _("not disclosed")
    UNAVAILABLE = "unavailable", _("cannot be provided")
    NOT_PROCESSED = "not_processed", _("not processed")
    OTHER = "other", _("other processing")


# The numbered sub-rows of the outcomes that have them (the report's wording).
SUB_GROUNDS: dict[str, dict[int, object]] = {
    Outcome.WITHHELD: {
        1: _("classified as a state secret"),
        2: _("disclosure prohibited by other laws and administrative regulations"),
        3: _("would endanger national, public or economic security or social stability"),
        4: _("protection of the lawful rights and interests of a third party"),
        5: _("internal affairs information (three kinds)"),
        6: _("process information (four kinds)"),
        7: _("administrative law-enforcement case files"),
        8: _("administrative enquiry matters"),
    },
    Outcome.UNAVAILABLE: {
        1: _("the agency does not hold the information"),
        2: _("no existing information: it would have to be produced"),
        3: _("the application is still unclear after correction"),
    },
    Outcome.NOT_PROCESSED: {
        1: _("a petition, report or complaint made as an application"),
        2: _("a repeated application"),
        3: _("a request for public publications"),
        4: _("large numbers of repeated applications without good reason"),
        5: _("a request to confirm or re-issue information already obtained"),
    },
    Outcome.OTHER: {
        1: _(
            "the applicant did not correct the application in time without good reason; "
            "the agency no longer processes it"
        ),
        2: _(
            "the applicant did not pay the fee of the fee notice in time; the agency no longer "
            "processes the application"
        ),
        3: _("other"),
    },
}
ABANDONED_GROUND = 1  # 其他处理 1: no correction in time (art. 30)
UNPAID_FEE_GROUND = 2  # 其他处理 2: fee notice not paid (art. 42)
OTHER_GROUND = 3  # 其他处理 3: other — where a withdrawal counts
STILL_UNCLEAR_GROUND = 3  # 无法提供 3: still unclear after correction


def outcome_label(outcome: str, sub_ground: int | None) -> str:
    """ "Not disclosed — 4. protection of …", or the outcome alone."""
    if not outcome:
        return ""
    label = str(Outcome(outcome).label)
    if sub_ground:
        return f"{label} — {sub_ground}. {SUB_GROUNDS[outcome][sub_ground]}"
    return label


def _sub_ground_condition() -> Q:
    """A sub-ground exactly when the outcome has sub-rows, and within their range."""
    condition = Q(outcome__in=["", Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED]) & Q(
        sub_ground__isnull=True
    )
    for outcome, grounds in SUB_GROUNDS.items():
        condition |= Q(outcome=outcome, sub_ground__gte=1, sub_ground__lte=max(grounds))
    return condition


class DisclosureRequest(models.Model):
    """One application for government information (政府信息公开申请), from receipt to reply."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting confirmation of receipt")
        RECEIVED = "received", _("received by the office")
        CORRECTION = "correction", _("correction requested")
        IN_PROCESS = "in_process", _("in process")
        CONSULTATION = "consultation", _("in consultation")
        REPLIED = "replied", _("replied")
        ABANDONED = "abandoned", _("regarded as abandoned")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN_STATUSES = ["submitted", "received", "correction", "in_process", "consultation"]
    CONCLUDED_STATUSES = ["replied", "abandoned", "withdrawn"]

    number = models.CharField(_("request number"), max_length=32, unique=True)
    query_digest = models.CharField(_("query code digest"), max_length=64)
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, blank=True)
    division = models.ForeignKey(
        "org.Division",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
        help_text=_("the county whose annual report counts the request"),
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
        help_text=_("the administrative body the application is addressed to"),
    )
    # The applicant (art. 29(2)(1)).
    applicant_type = models.CharField(
        _("applicant type"), max_length=24, choices=ApplicantType.choices
    )
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("a natural person's name")
    )
    id_number = models.CharField(
        _("ID number"), max_length=18, blank=True, validators=[IdNumberValidator()]
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[CreditCodeValidator()],
    )
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=32, validators=[PhoneValidator()])
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "the member of staff who recorded an application received in person, by "
            "post, fax or e-mail"
        ),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=RequestChannel.choices)
    # The information sought (art. 29(2)(2)(3)).
    description = models.TextField(_("information sought"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    provision_form = models.CharField(
        _("form of provision"), max_length=16, choices=ProvisionForm.choices
    )
    obtaining_method = models.CharField(
        _("way of obtaining"), max_length=16, choices=ObtainingMethod.choices
    )
    # Receipt and state.
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    received_on = models.DateField(
        _("received on"),
        null=True,
        blank=True,
        help_text=_(
            "art. 31: in person the day itself, by post the day signed for, online, by "
            "fax or e-mail the day both sides confirm"
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    # The correction (art. 30): once, within 7 working days of receipt.
    correction_requested_on = models.DateField(_("correction requested on"), null=True, blank=True)
    correction_items = models.JSONField(_("items to correct"), default=list, blank=True)
    correction_period_days = models.PositiveSmallIntegerField(
        _("correction period (working days)"), null=True, blank=True
    )
    correction_due_on = models.DateField(_("correct by"), null=True, blank=True)
    corrected_on = models.DateField(
        _("corrected application received on"),
        null=True,
        blank=True,
        help_text=_("the reply period runs again from this day"),
    )
    # The processing fee for excessive volume (art. 42): recorded, not billed here.
    processing_fee = models.DecimalField(
        _("processing fee (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_notice_on = models.DateField(_("fee notice sent on"), null=True, blank=True)
    # The reply (art. 36).
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    sub_ground = models.PositiveSmallIntegerField(_("sub-ground"), null=True, blank=True)
    reply_text = models.TextField(_("reply text"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_document = models.FileField(
        _("written reply"), upload_to="disclosure/replies/%Y/", blank=True
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    concluded_on = models.DateField(
        _("concluded on"),
        null=True,
        blank=True,
        help_text=_("replied, regarded as abandoned or withdrawn on"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), auto_now=True)

    class Meta:
        verbose_name = _("disclosure request")
        verbose_name_plural = _("disclosure requests")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="disclosure_request_idempotency_unique",
            ),
            models.CheckConstraint(
                condition=~Q(applicant_type="natural_person") | (~Q(name="") & ~Q(id_number="")),
                name="disclosure_request_person_identified",
            ),
            models.CheckConstraint(
                condition=Q(applicant_type="natural_person")
                | (~Q(organisation_name="") & ~Q(credit_code="")),
                name="disclosure_request_organisation_identified",
            ),
            models.CheckConstraint(
                condition=Q(status="submitted")
                | Q(received_on__isnull=False)
                | Q(status="withdrawn"),
                name="disclosure_request_received_on_set",
            ),
            models.CheckConstraint(
                condition=_sub_ground_condition(), name="disclosure_request_sub_ground_fits"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        status__in=["replied", "abandoned", "withdrawn"],
                        concluded_on__isnull=False,
                    )
                    & ~Q(outcome="")
                )
                | (
                    ~Q(status__in=["replied", "abandoned", "withdrawn"])
                    & Q(concluded_on__isnull=True, outcome="")
                ),
                name="disclosure_request_concluded_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status="replied")
                | Q(replied_on__isnull=False, replied_by__isnull=False),
                name="disclosure_request_replied_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="abandoned") | Q(outcome="other", sub_ground=1),
                name="disclosure_request_abandoned_ground",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn")
                | Q(withdrawn_on__isnull=False, outcome="other", sub_ground=3),
                name="disclosure_request_withdrawn_ground",
            ),
            models.CheckConstraint(
                condition=Q(correction_requested_on__isnull=True)
                | Q(correction_due_on__gte=models.F("correction_requested_on")),
                name="disclosure_request_correction_due_after_request",
            ),
            models.CheckConstraint(
                condition=Q(corrected_on__isnull=True) | Q(correction_requested_on__isnull=False),
                name="disclosure_request_corrected_after_request",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "received_on"], name="disclosure_req_received_idx"),
            models.Index(fields=["division", "concluded_on"], name="disclosure_req_concluded_idx"),
            models.Index(fields=["department", "status"], name="disclosure_req_dept_status_idx"),
            models.Index(
                fields=["status", "correction_due_on"], name="disclosure_req_corr_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    @property
    def applicant_name(self) -> str:
        return self.organisation_name if self.is_organisation else self.name

    @property
    def outcome_text(self) -> str:
        return outcome_label(self.outcome, self.sub_ground)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class RequestCorrection(models.Model):
    """A correction notice (补正通知): everything to correct, listed at once, and the period."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="corrections"
    )
    items = models.JSONField(_("items to correct"))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_days = models.PositiveSmallIntegerField(_("period (working days)"))
    due_on = models.DateField(_("correct by"))
    answered_on = models.DateField(_("corrected application received on"), null=True, blank=True)
    answer = models.TextField(_("correction"), blank=True)
    lapsed_on = models.DateField(
        _("lapsed on"),
        null=True,
        blank=True,
        help_text=_("the period passed without a correction: the application is abandoned"),
    )

    class Meta:
        verbose_name = _("correction notice")
        verbose_name_plural = _("correction notices")
        ordering = ["issued_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("issued_on")),
                name="request_correction_due_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(lapsed_on__isnull=True),
                name="request_correction_answered_or_lapsed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.issued_on}"


class Consultation(models.Model):
    """A consultation whose time is not counted in the reply period (arts. 32, 33): a third
    party whose rights the disclosure may harm (15 working days to answer), or another body
    that made the information with the agency."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", _("third party")
        CO_AUTHOR = "co_author", _("co-authoring body")

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField(_("consulted"), max_length=16, choices=Kind.choices)
    party = models.CharField(_("consulted party"), max_length=200)
    question = models.TextField(_("what is asked"), blank=True)
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(
        _("answer due"),
        null=True,
        blank=True,
        help_text=_("a third party has 15 working days to answer"),
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    lapsed_on = models.DateField(
        _("lapsed on"),
        null=True,
        blank=True,
        help_text=_("the period passed without an answer"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("sent_on")),
                name="consultation_answered_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(lapsed_on__isnull=True),
                name="consultation_answered_or_lapsed",
            ),
            models.CheckConstraint(
                condition=~Q(kind="third_party") | Q(due_on__isnull=False),
                name="consultation_third_party_has_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.party}"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None and self.lapsed_on is None

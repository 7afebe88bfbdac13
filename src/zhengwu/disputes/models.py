"""Dispute screening and mediation (矛盾纠纷排查调处).

A dispute is found (in a sweep, at a walk-in, referred by the petition office, through the
hotline...) in a township, registered, accepted for mediation by a mediating organisation
(a village or township people's mediation committee, the judicial office...), mediated in one
or more sessions, and ends with an outcome: mediated successfully (an oral or written
agreement), failed (the parties told where to go next: litigation, arbitration...) or referred
to another body (a court, labour arbitration, the petition office, a department). A successful
mediation gets a follow-up visit (回访).

Its life is ``status`` (the moves allowed are ``TRANSITIONS``). Two clocks
(``workdays.Clock``): the mediation time limit from acceptance (``disputes.mediation``, 30
calendar days by local practice, extendable by agreement of the parties) and, for a dispute
that may escalate, the time to report it to the county (``disputes.report``, 1 working day).

A sweep campaign (排查活动) is a routine monthly or quarterly sweep or a special sweep (专项排查,
e.g. during a major national meeting); disputes a sweep finds in its period are attached to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.common.identity import mask_phone


class DisputeType(models.TextChoices):
    LAND = "land", _("land")
    NEIGHBOURS = "neighbours", _("neighbours")
    LABOUR = "labour", _("labour and wages")
    FAMILY = "family", _("marriage and family")
    CONTRACT = "contract", _("contracts")
    DEMOLITION = "demolition", _("land requisition and demolition")
    OTHER = "other", pgettext_lazy("dispute type", "other")


class HowFound(models.TextChoices):
    SWEEP = "sweep", _("found in a sweep")
    WALK_IN = "walk_in", _("walk-in")
    PETITION = "petition", _("referred by the petition office")
    HOTLINE = "hotline", _("hotline")
    OTHER = "other", pgettext_lazy("how found", "other")


class RiskLevel(models.TextChoices):
    GENERAL = "general", _("general")
    SERIOUS = "serious", _("serious")
    MAY_ESCALATE = "may_escalate", _("may escalate")


class MediatorKind(models.TextChoices):
    VILLAGE_COMMITTEE = "village_committee", _("village (community) people's mediation committee")
    TOWNSHIP_COMMITTEE = "township_committee", _("township people's mediation committee")
    JUDICIAL_OFFICE = "judicial_office", _("judicial office")
    TOWNSHIP = "township", _("township government")
    COUNTY = "county", _("county dispute mediation centre")
    OTHER = "other", pgettext_lazy("mediating organisation", "other")


class DisputeStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    MEDIATING = "mediating", _("being mediated")
    SUCCEEDED = "succeeded", _("mediated successfully")
    FAILED = "failed", _("mediation failed")
    REFERRED = "referred", _("referred")


S = DisputeStatus

# What each status may move to (the services check every move against this).
TRANSITIONS: dict[str, set[str]] = {
    S.REGISTERED: {S.MEDIATING, S.REFERRED},
    S.MEDIATING: {S.SUCCEEDED, S.FAILED, S.REFERRED},
    S.SUCCEEDED: set(),
    S.FAILED: set(),
    S.REFERRED: set(),
}
OPEN_STATUSES = [S.REGISTERED, S.MEDIATING]
OUTCOME_STATUSES = [S.SUCCEEDED, S.FAILED, S.REFERRED]


class AgreementForm(models.TextChoices):
    ORAL = "oral", _("oral agreement")
    WRITTEN = "written", _("written agreement")


class FailureAdvice(models.TextChoices):
    LITIGATION = "litigation", _("go to court")
    ARBITRATION = "arbitration", _("apply for arbitration")
    ADMINISTRATIVE = "administrative", _("apply to the competent authority")
    OTHER = "other", pgettext_lazy("advice", "other")


class ReferredTo(models.TextChoices):
    COURT = "court", _("people's court")
    LABOUR_ARBITRATION = "labour_arbitration", _("labour dispute arbitration commission")
    PETITION_OFFICE = "petition_office", _("petition office")
    DEPARTMENT = "department", _("competent department")
    OTHER = "other", pgettext_lazy("referred to", "other")


class SweepCampaign(models.Model):
    """A sweep (排查活动): routine monthly or quarterly, or special (专项排查)."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("routine monthly sweep")
        QUARTERLY = "quarterly", _("routine quarterly sweep")
        SPECIAL = "special", _("special sweep")

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(pgettext_lazy("sweep", "kind"), max_length=16, choices=Kind.choices)
    started_on = models.DateField(_("starts on"))
    ended_on = models.DateField(_("ends on"))
    organiser = models.ForeignKey(
        "org.Department",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("sweep campaign")
        verbose_name_plural = _("sweep campaigns")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__gte=models.F("started_on")), name="sweep_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Dispute(models.Model):
    """One dispute (矛盾纠纷) from its finding to its outcome."""

    division = models.ForeignKey(
        "org.Division",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="disputes",
    )
    township = models.ForeignKey(
        "org.Division",
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="township_disputes",
    )
    village = models.ForeignKey(
        "org.Division",
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="village_disputes",
        null=True,
        blank=True,
    )
    campaign = models.ForeignKey(
        SweepCampaign,
        verbose_name=_("sweep campaign"),
        on_delete=models.PROTECT,
        related_name="disputes",
        null=True,
        blank=True,
    )
    number = models.CharField(_("register number"), max_length=32, unique=True)
    found_on = models.DateField(_("found on"))
    how_found = models.CharField(_("how found"), max_length=16, choices=HowFound.choices)
    dispute_type = models.CharField(
        pgettext_lazy("dispute", "type"), max_length=16, choices=DisputeType.choices
    )
    summary = models.TextField(_("summary"))
    amount = models.DecimalField(
        _("amount involved (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    risk_level = models.CharField(
        _("risk level"), max_length=16, choices=RiskLevel.choices, default=RiskLevel.GENERAL
    )
    mediator_kind = models.CharField(
        _("mediating organisation"), max_length=24, choices=MediatorKind.choices
    )
    mediating_body = models.CharField(
        _("name of the mediating organisation"), max_length=200, blank=True
    )
    mediator = models.CharField(_("responsible mediator"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DisputeStatus.choices, default=S.REGISTERED
    )
    accepted_on = models.DateField(_("accepted for mediation on"), null=True, blank=True)
    reported_on = models.DateField(_("reported to the county on"), null=True, blank=True)
    report_note = models.TextField(_("report"), blank=True)
    # The outcome.
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    agreement_form = models.CharField(
        _("form of the agreement"), max_length=8, choices=AgreementForm.choices, blank=True
    )
    agreement_text = models.TextField(_("agreement"), blank=True)
    agreement_amount = models.DecimalField(
        _("amount agreed (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    failure_advice = models.CharField(
        _("advice given"), max_length=16, choices=FailureAdvice.choices, blank=True
    )
    referred_to_kind = models.CharField(
        _("referred to"), max_length=24, choices=ReferredTo.choices, blank=True
    )
    referred_to = models.CharField(_("name of the receiving body"), max_length=200, blank=True)
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-found_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="registered")
                | Q(status="referred")
                | Q(accepted_on__isnull=False),
                name="dispute_mediation_accepted_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["succeeded", "failed", "referred"])
                | Q(outcome_on__isnull=False),
                name="dispute_outcome_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="succeeded") | ~Q(agreement_form=""),
                name="dispute_success_has_agreement_form",
            ),
            models.CheckConstraint(
                condition=~Q(status="referred") | ~Q(referred_to_kind=""),
                name="dispute_referral_has_receiver",
            ),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("found_on")),
                name="dispute_accepted_after_found",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="dispute_amount_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "found_on"], name="dispute_division_found_idx"),
            models.Index(fields=["township", "found_on"], name="dispute_township_found_idx"),
            models.Index(fields=["status"], name="dispute_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.summary[:30]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class DisputeParty(models.Model):
    """A party to a dispute; the contact number is shown masked everywhere."""

    class Side(models.TextChoices):
        APPLICANT = "applicant", _("applicant")
        RESPONDENT = "respondent", _("respondent")
        OTHER = "other", pgettext_lazy("party", "other")

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("contact number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["dispute", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class MediationSession(models.Model):
    """One mediation session: when, where, who took part, what was said."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    participants = models.CharField(_("participants"), max_length=500)
    record = models.TextField(_("record"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["dispute", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.dispute.number} {self.held_on}"


class FollowUpVisit(models.Model):
    """A follow-up visit (回访) after a successful mediation: is the agreement kept?"""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"))
    visited_by = models.CharField(_("visited by"), max_length=100)
    agreement_kept = models.BooleanField(_("agreement kept"), default=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")
        ordering = ["dispute", "visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.dispute.number} {self.visited_on}"

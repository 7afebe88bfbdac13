"""Deputies' suggestions and CPPCC members' proposals (人大代表建议、批评和意见 · 政协委员提案).

A proposal is registered at a session (``Session``: the people's congress or the CPPCC
committee meeting of a year) under its number (第12号, unique per kind and session), then
assigned (交办) to a lead department (主办) and co-handling departments (协办), each an
``Assignment``. Co-handlers send their opinion to the lead within a number of calendar days
(clock ``proposals.cohandling``); the lead answers the proposer within the set number of months
(clock ``proposals.reply``) with a ``Reply`` classified A, B or C and signed by its head; the
proposer's ``Feedback`` (满意 / 基本满意 / 不满意) closes the proposal, or an unsatisfied reply
is handled again (重新办理): a new round, a new reply clock. A department that thinks the
proposal is not its business declines within a few working days and the office reassigns it
(交办单位调整).

The moves of a proposal are ``TRANSITIONS``; the latest reply's classification, the latest
feedback's satisfaction and the first round's punctuality are kept on the proposal for the
register's filters and the figures.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    DEPUTY = "deputy", _("deputy's suggestion")
    CPPCC = "cppcc", _("CPPCC proposal")


class Subject(models.TextChoices):
    ECONOMY = "economy", _("economy and investment")
    URBAN = "urban", _("urban and rural construction")
    AGRICULTURE = "agriculture", _("agriculture and animal husbandry")
    EDUCATION = "education", _("education")
    HEALTH = "health", _("health care")
    SOCIAL = "social", _("employment and social security")
    ENVIRONMENT = "environment", _("ecology and environment")
    TRANSPORT = "transport", _("transport")
    CULTURE = "culture", _("culture and tourism")
    GOVERNANCE = "governance", _("government and public order")


class Status(models.TextChoices):
    REGISTERED = "registered", _("registered, to be assigned")
    ASSIGNED = "assigned", _("being handled")
    REPLIED = "replied", _("replied, awaiting feedback")
    UNSATISFIED = "unsatisfied", _("reply not satisfactory")
    CLOSED = "closed", pgettext_lazy("proposal", "closed")


S = Status

# What each status may move to (the services check every move against this).
TRANSITIONS: dict[str, set[str]] = {
    S.REGISTERED: {S.ASSIGNED},
    S.ASSIGNED: {S.REPLIED},
    S.REPLIED: {S.CLOSED, S.UNSATISFIED},
    S.UNSATISFIED: {S.ASSIGNED, S.CLOSED},
    S.CLOSED: set(),
}
HANDLED_STATUSES = [S.ASSIGNED, S.REPLIED, S.UNSATISFIED, S.CLOSED]
REPLIED_STATUSES = [S.REPLIED, S.UNSATISFIED, S.CLOSED]


class Classification(models.TextChoices):
    """The usual ABC classification of a reply."""

    A = "A", _("A: solved or adopted")
    B = "B", _("B: being solved or planned")
    C = "C", _("C: kept for reference owing to present conditions")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASIC = "basic", _("basically satisfied")
    UNSATISFIED = "unsatisfied", _("not satisfied")


class Session(models.Model):
    """A session at which proposals are made: 多伦县第十五届人民代表大会第二次会议, 政协多伦县
    第九届委员会第二次会议."""

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(pgettext_lazy("proposal", "kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("session"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    opened_on = models.DateField(pgettext_lazy("proposal", "opened on"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "kind", "name"], name="proposal_session_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(pgettext_lazy("proposal", "kind"), max_length=8, choices=Kind.choices)
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="proposals"
    )
    number = models.PositiveIntegerField(pgettext_lazy("proposal", "number"))
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(pgettext_lazy("proposal", "content"))
    registered_on = models.DateField(_("registered on"))
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=S.REGISTERED)  # fmt: skip
    lead_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("lead department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(
        _("handling round"), default=0, help_text=_("1 when first assigned, +1 per re-handling")
    )
    reply_due_on = models.DateField(_("reply due on"), null=True, blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    classification = models.CharField(
        _("classification"), max_length=1, choices=Classification.choices, blank=True
    )
    satisfaction = models.CharField(
        _("satisfaction"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    feedback_on = models.DateField(_("feedback received on"), null=True, blank=True)
    first_reply_on_time = models.BooleanField(_("first reply on time"), null=True, blank=True)
    closed_on = models.DateField(pgettext_lazy("proposal", "closed on"), null=True, blank=True)
    close_note = models.TextField(_("note on closing"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-session__year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "session", "number"], name="proposal_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="proposal_number_positive"),
            models.CheckConstraint(
                condition=Q(status="registered")
                | Q(
                    lead_department__isnull=False,
                    assigned_on__isnull=False,
                    reply_due_on__isnull=False,
                    round__gte=1,
                ),
                name="proposal_assigned_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["replied", "unsatisfied", "closed"])
                | Q(replied_on__isnull=False),
                name="proposal_replied_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="proposal_closed_dated",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "status"], name="proposal_division_status_idx"),
            models.Index(fields=["lead_department", "status"], name="proposal_lead_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} {self.title}"

    @property
    def number_label(self) -> str:
        return f"第{self.number}号"

    @property
    def lead_proposer(self):
        return next((p for p in self.proposers.all() if p.is_lead), None)

    @property
    def subject_labels(self) -> list[str]:
        return [str(Subject(s).label) for s in self.subjects if s in Subject.values]


class Proposer(models.Model):
    """A deputy or member who made the proposal; one of them leads (领衔)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="proposers")
    name = models.CharField(pgettext_lazy("proposal", "name"), max_length=50)
    group = models.CharField(
        _("delegation or sector"),
        max_length=100,
        blank=True,
        help_text=_("the deputy's delegation (代表团) or the member's sector (界别)"),
    )
    is_lead = models.BooleanField(_("lead proposer"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("proposer")
        verbose_name_plural = _("proposers")
        ordering = ["proposal", "-is_lead", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"], condition=Q(is_lead=True), name="proposer_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A department's part in handling a proposal: lead (主办) or co-handling (协办)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead department")
        CO = "co", _("co-handling department")

    class Status(models.TextChoices):
        ACTIVE = "active", _("handling")
        DECLINED = "declined", _("asked to be relieved")
        REASSIGNED = "reassigned", _("reassigned to another department")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(pgettext_lazy("proposal", "role"), max_length=8, choices=Role.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.ACTIVE)  # fmt: skip
    assigned_on = models.DateField(_("assigned on"))
    decline_until = models.DateField(
        _("may decline until"), help_text=_("the last working day a decline is accepted")
    )
    declined_on = models.DateField(_("declined on"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decline_decided_on = models.DateField(_("decline decided on"), null=True, blank=True)
    decline_note = models.TextField(_("office's decision on the decline"), blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opinion_due_on = models.DateField(
        pgettext_lazy("proposal", "opinion due on"), null=True, blank=True
    )
    opinion = models.TextField(_("co-handling opinion"), blank=True)
    opinion_on = models.DateField(_("opinion sent on"), null=True, blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opinion sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["proposal", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(role="lead") & ~Q(status="reassigned"),
                name="assignment_one_lead",
            ),
            models.UniqueConstraint(
                fields=["proposal", "department"],
                condition=~Q(status="reassigned"),
                name="assignment_one_per_department",
            ),
            models.CheckConstraint(
                condition=Q(role="co") | Q(opinion_due_on__isnull=True, opinion_on__isnull=True),
                name="assignment_opinion_of_co_handler",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | Q(declined_on__isnull=False),
                name="assignment_declined_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.number_label} · {self.department} · {self.get_role_display()}"

    @property
    def opinion_pending(self) -> bool:
        return (
            self.role == self.Role.CO
            and self.status != self.Status.REASSIGNED
            and self.opinion_on is None
        )


class Reply(models.Model):
    """The lead department's answer of one handling round, signed by its head."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField(_("handling round"))
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    classification = models.CharField(
        _("classification"), max_length=1, choices=Classification.choices
    )
    text = models.TextField(_("reply text"))
    file = models.FileField(_("reply file"), upload_to="proposals/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    replied_on = models.DateField(_("replied on"))
    due_on = models.DateField(_("reply due on"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("the head of the lead department"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField(
        pgettext_lazy("proposal", "published on"),
        null=True,
        blank=True,
        help_text=_("the office approved the publication of the reply on the portal"),
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["proposal", "round"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="reply_one_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.number_label} {self.round} {self.classification}"

    @property
    def on_time(self) -> bool:
        return self.replied_on <= self.due_on


class Feedback(models.Model):
    """The proposer's evaluation of a reply (代表/委员意见反馈)."""

    reply = models.OneToOneField(Reply, on_delete=models.CASCADE, related_name="feedback")
    satisfaction = models.CharField(_("satisfaction"), max_length=16, choices=Satisfaction.choices)
    comment = models.TextField(pgettext_lazy("proposal", "comment"), blank=True)
    received_on = models.DateField(pgettext_lazy("proposal", "received on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["reply", "id"]

    def __str__(self) -> str:
        return f"{self.reply} {self.get_satisfaction_display()}"

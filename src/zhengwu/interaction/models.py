"""Public interaction (政民互动): consultations, complaints and letters to the county head.

One ``Message`` model holds the three kinds. A message arrives from the portal (anyone may write;
a logged-in citizen's account is linked), is routed by the routing office to the department that
answers it — which starts the answer clock (``interaction.answer``) — is answered, and, when the
writer agreed, published in a redacted form. Spam and abuse are rejected with a reason; a message
that needs no (further) work is closed.

The states and the moves between them are declared in ``TRANSITIONS``; the services in
``zhengwu.interaction.services`` make every move, row locked and audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengwu.interaction import limits


class Message(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = limits.CONSULTATION, _("online consultation")
        COMPLAINT = limits.COMPLAINT, _("complaint")
        MAILBOX = limits.MAILBOX, _("letter to the county head")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting to be routed")
        ROUTED = "routed", _("routed to a department")
        ANSWERED = "answered", _("answered")
        PUBLISHED = "published", _("published on the portal")
        CLOSED = "closed", _("closed, no further action")
        REJECTED = "rejected", _("rejected")

    class Topic(models.TextChoices):
        LICENCES = "licences", _("licences and approvals")
        SOCIAL_SECURITY = "social_security", _("social security and employment")
        MEDICAL_INSURANCE = "medical_insurance", _("medical insurance and health")
        EDUCATION = "education", _("education and schools")
        ROADS = "roads", _("roads and transport")
        LAND = "land", _("land, housing and construction")
        AGRICULTURE = "agriculture", _("farming, herding and grassland")
        ENVIRONMENT = "environment", _("environment")
        CIVIL_AFFAIRS = "civil_affairs", _("civil affairs and subsistence allowances")
        PUBLIC_SECURITY = "public_security", _("household registration and public security")
        MARKET = "market", _("markets, food and prices")
        OTHER = "other", _("other")

    # The number's prefix for each kind: 咨询 ZX, 投诉 TS, 信箱 XX.
    PREFIXES = {Kind.CONSULTATION: "ZX", Kind.COMPLAINT: "TS", Kind.MAILBOX: "XX"}

    # The moves of a message (rerouting changes the department of a routed message, not its
    # state).
    TRANSITIONS = {
        Status.SUBMITTED: {Status.ROUTED, Status.REJECTED, Status.CLOSED},
        Status.ROUTED: {Status.ANSWERED, Status.REJECTED, Status.CLOSED},
        Status.ANSWERED: {Status.PUBLISHED, Status.CLOSED},
        Status.PUBLISHED: set(),
        Status.CLOSED: set(),
        Status.REJECTED: set(),
    }
    OPEN_STATUSES = [Status.SUBMITTED, Status.ROUTED]

    number = models.CharField(_("message number"), max_length=32, unique=True)
    query_digest = models.CharField(_("query code digest"), max_length=64)
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    division = models.ForeignKey(
        "org.Division",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, blank=True)

    name = models.CharField(_("writer's name"), max_length=100)
    phone = models.CharField(
        _("telephone"), max_length=32, help_text=_("a mobile number or a landline")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    id_number = models.CharField(
        _("ID number"),
        max_length=18,
        blank=True,
        help_text=_("complaints only, optional; shown masked"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interaction_messages",
    )
    publication_consent = models.BooleanField(_("agrees to publication"), default=False)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case complained about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_on = models.DateField(_("received on"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("routed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interaction_messages",
    )
    routed_on = models.DateField(_("routed on"), null=True, blank=True)

    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_on = models.DateField(_("date of the answer"), null=True, blank=True)

    public_subject = models.CharField(_("published subject"), max_length=200, blank=True)
    public_body = models.TextField(_("published message"), blank=True)
    public_answer = models.TextField(_("published answer"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    closed_on = models.DateField(_("closed or rejected on"), null=True, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("why the message was rejected or closed")
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="complaint") | (Q(id_number="") & Q(case__isnull=True)),
                name="message_id_number_and_case_only_for_complaints",
            ),
            models.CheckConstraint(
                condition=Q(status="submitted")
                | Q(status="closed")
                | Q(status="rejected")
                | Q(department__isnull=False),
                name="message_routed_has_department",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "published"])
                | (Q(answered_on__isnull=False) & ~Q(answer="")),
                name="message_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(published_on__isnull=False) & Q(publication_consent=True)),
                name="message_published_with_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["closed", "rejected"]) | Q(closed_on__isnull=False),
                name="message_closed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "status"], name="message_division_status_idx"),
            models.Index(fields=["department", "status"], name="message_department_status_idx"),
            models.Index(
                fields=["kind", "-published_on"],
                condition=Q(status="published"),
                name="message_published_idx",
            ),
            models.Index(fields=["user", "-submitted_at"], name="message_user_idx"),
            models.Index(fields=["submitted_on"], name="message_submitted_on_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

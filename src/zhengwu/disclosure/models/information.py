"""The disclosure catalog (公开目录) and the government information published under it.

A county's catalog is a tree of categories and sub-items; the categories of proactive disclosure
that art. 20 of the 2019 Regulations requires are created with it (``disclosure.catalog``). An
``Item`` is one piece of government information: drafted, reviewed and published by disclosure
officers, or published automatically by another module (a normative document, a catalog power, a
statistics release), which is then its ``source``. The search index (``zhengwu.search``) holds
what is published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A node of a county's disclosure catalog: a category or one of its sub-items."""

    division = models.ForeignKey(
        "org.Division",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        related_name="disclosure_categories",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    statutory_item = models.PositiveSmallIntegerField(
        _("item of art. 20"),
        null=True,
        blank=True,
        help_text=_("the item of art. 20 of the Regulations this category discloses, if any"),
    )
    feed = models.CharField(
        _("filled automatically from"),
        max_length=32,
        blank=True,
        help_text=_("the module whose published records appear here automatically"),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("disclosure category")
        verbose_name_plural = _("disclosure categories")
        ordering = ["division", "code"]
        constraints = [
            models.UniqueConstraint(fields=["division", "code"], name="category_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ItemKind(models.TextChoices):
    DISCLOSURE = "disclosure", _("government information")
    SERVICE = "service", _("service information")


class Topic(models.TextChoices):
    """Topic classification (主题分类) used on county portals."""

    GOVERNMENT = "government", _("government affairs and organisation")
    FINANCE = "finance", _("finance, budget and audit")
    PLANNING = "planning", _("development planning")
    AGRICULTURE = "agriculture", _("agriculture, forestry and animal husbandry")
    INDUSTRY = "industry", _("industry, energy and transport")
    LAND = "land", _("land, resources and environment")
    CONSTRUCTION = "construction", _("urban and rural construction")
    EDUCATION = "education", _("education, science and culture")
    HEALTH = "health", _("health and family planning")
    SOCIAL = "social", _("employment and social security")
    CIVIL = "civil", _("civil affairs and poverty relief")
    SAFETY = "safety", _("public safety and emergencies")
    MARKET = "market", _("market regulation")
    LAW = "law", _("rule of law and law enforcement")
    OTHER = "other", _("other")


class Item(models.Model):
    """One piece of government information and its publication."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("awaiting review")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Validity(models.TextChoices):
        VALID = "valid", _("in force")
        AMENDED = "amended", _("amended")
        REPEALED = "repealed", _("repealed")
        LAPSED = "lapsed", _("lapsed")
        NOT_APPLICABLE = "", _("not applicable")

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="disclosure_items",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ItemKind.choices, default=ItemKind.DISCLOSURE
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, blank=True)
    index_number = models.CharField(
        _("index number"),
        max_length=48,
        blank=True,
        help_text=_("given at publication: issuing body code/year-sequence"),
    )
    title = models.CharField(_("title"), max_length=300)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    created_on = models.DateField(
        _("created or changed on"),
        help_text=_("the day the information was made or last changed (art. 26 counts from it)"),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    body = models.TextField(_("body text"))
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    validity = models.CharField(
        _("validity"), max_length=16, choices=Validity.choices, blank=True, default=""
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    source_type = models.CharField(
        _("source record type"),
        max_length=64,
        blank=True,
        help_text=_("the record of another module this item publishes"),
    )
    source_id = models.CharField(_("source record id"), max_length=64, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_note = models.TextField(_("review note"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "index_number"],
                condition=~Q(index_number=""),
                name="item_index_number_unique",
            ),
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=~Q(source_type=""),
                name="item_one_per_source",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(published_on__gte=models.F("created_on")),
                name="item_published_after_created",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_on"], name="item_status_published_idx"),
            models.Index(fields=["category", "status"], name="item_category_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ItemAttachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="disclosure/%Y/%m/")
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

"""The annual assessment of law-based administration (依法行政考核).

A county's ``AssessmentScheme`` for a year is a tree of ``Node`` rows: categories (组织领导,
制度建设, …) and leaf indicators under them, each with its points (the weight: a category's
points are the sum of its children's). A leaf is either COMPUTED — a code of
``zhengwu.assessment.indicators.registered_indicators()`` with a scoring rule (linear between a
floor and a target, or points deducted per occurrence) — or ASSESSED by the assessment team,
with evidence. A leaf applies to every assessed unit or to one unit group (the townships'
governments, or the county's working departments, offices and institutions).

The scheme is also the year's run: ``status`` moves DRAFT → COMPUTED → FINALISED
(``TRANSITIONS``). ``assessment_compute`` stores a ``Score`` per computed leaf and unit (the
value, the points and when it was computed); assessors record the assessed leaves' ``Score``;
``assessment_finalise`` freezes the run and stores each ``AssessedUnit``'s total, rank and grade.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assessment", "draft")
    COMPUTED = "computed", _("computed, being assessed")
    FINALISED = "finalised", _("finalised")


TRANSITIONS: dict[str, set[str]] = {
    SchemeStatus.DRAFT: {SchemeStatus.COMPUTED},
    SchemeStatus.COMPUTED: {SchemeStatus.COMPUTED, SchemeStatus.FINALISED},
    SchemeStatus.FINALISED: set(),
}


class UnitGroup(models.TextChoices):
    TOWNSHIP = "township", _("townships")
    DEPARTMENT = "department", _("working departments")


class AppliesTo(models.TextChoices):
    ALL = "all", _("every assessed unit")
    TOWNSHIP = "township", _("townships only")
    DEPARTMENT = "department", _("working departments only")


class Method(models.TextChoices):
    CATEGORY = "category", _("category")
    COMPUTED = "computed", _("computed from records")
    ASSESSED = "assessed", _("scored by the assessors")


class Rule(models.TextChoices):
    LINEAR = "linear", _("linear between a floor and a target")
    DEDUCTION = "deduction", _("points deducted per occurrence")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    PASS = "pass", pgettext_lazy("assessment grade", "pass")
    FAIL = "fail", _("fail")


def _threshold(name: str, default: int) -> Decimal:
    return Decimal(str(getattr(settings, f"ZHENGWU_ASSESSMENT_{name}", default)))


def default_excellent() -> Decimal:
    return _threshold("EXCELLENT_FROM", 90)


def default_good() -> Decimal:
    return _threshold("GOOD_FROM", 80)


def default_pass() -> Decimal:
    return _threshold("PASS_FROM", 60)


def default_public() -> bool:
    return bool(getattr(settings, "ZHENGWU_ASSESSMENT_PUBLIC_SCORECARDS", False))


class AssessmentScheme(models.Model):
    """A county's assessment of one year: the indicator tree, and the run over its units."""

    division = models.ForeignKey(
        "org.Division",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        related_name="assessment_schemes",
    )
    year = models.PositiveSmallIntegerField(_("year assessed"))
    title = models.CharField(_("title"), max_length=200)
    total_points = models.DecimalField(
        _("total points"), max_digits=6, decimal_places=2, default=Decimal("100")
    )
    assess_townships = models.BooleanField(_("assess the townships"), default=True)
    assess_departments = models.BooleanField(_("assess the working departments"), default=True)
    excellent_from = models.DecimalField(
        _("excellent from (percent of the points)"),
        max_digits=5,
        decimal_places=1,
        default=default_excellent,
    )
    good_from = models.DecimalField(
        _("good from (percent of the points)"), max_digits=5, decimal_places=1, default=default_good
    )
    pass_from = models.DecimalField(
        _("pass from (percent of the points)"), max_digits=5, decimal_places=1, default=default_pass
    )
    scorecards_public = models.BooleanField(
        _("scorecards open to every unit"),
        default=default_public,
        help_text=_("once finalised, every unit may see every scorecard and the ranking"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    tree_changed_at = models.DateTimeField(_("indicators last changed"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["-year", "division__code"]
        constraints = [
            models.UniqueConstraint(fields=["division", "year"], name="assessment_scheme_unique"),
            models.CheckConstraint(
                condition=Q(pass_from__gte=0)
                & Q(good_from__gt=models.F("pass_from"))
                & Q(excellent_from__gt=models.F("good_from"))
                & Q(excellent_from__lte=100),
                name="assessment_scheme_thresholds_ordered",
            ),
            models.CheckConstraint(
                condition=Q(total_points__gt=0), name="assessment_scheme_points_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="finalised") | Q(finalised_at__isnull=False),
                name="assessment_scheme_finalised_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finalised(self) -> bool:
        return self.status == SchemeStatus.FINALISED

    def groups(self) -> list[str]:
        out = []
        if self.assess_townships:
            out.append(UnitGroup.TOWNSHIP)
        if self.assess_departments:
            out.append(UnitGroup.DEPARTMENT)
        return out


class Node(models.Model):
    """A category or a leaf indicator of a scheme's tree."""

    scheme = models.ForeignKey(
        AssessmentScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=16, help_text=_("e.g. 3 or 3.2"))
    label = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    applies_to = models.CharField(
        _("applies to"), max_length=16, choices=AppliesTo.choices, default=AppliesTo.ALL
    )
    criteria = models.TextField(
        _("criteria"), blank=True, help_text=_("what the assessors look for, and the deductions")
    )
    # A computed leaf.
    indicator_code = models.CharField(_("indicator"), max_length=64, blank=True)
    rule = models.CharField(_("scoring rule"), max_length=16, choices=Rule.choices, blank=True)
    floor = models.DecimalField(
        _("floor"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("linear rule: the value that earns no points (all points for a lower-is-better "
                    "indicator)"),
    )  # fmt: skip
    target = models.DecimalField(
        _("target"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("linear rule: the value that earns all the points (none for a lower-is-better "
                    "indicator)"),
    )  # fmt: skip
    deduction = models.DecimalField(
        _("points deducted per occurrence"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["scheme", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="assessment_node_code_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="assessment_node_points"),
            models.CheckConstraint(
                condition=~Q(method="computed") | ~Q(indicator_code="") & ~Q(rule=""),
                name="assessment_node_computed_has_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def is_leaf(self) -> bool:
        return self.method != Method.CATEGORY

    def applies_to_group(self, group: str) -> bool:
        return self.applies_to in (AppliesTo.ALL, group)


class AssessedUnit(models.Model):
    """A unit assessed in a run, with its result once the run is finalised."""

    scheme = models.ForeignKey(
        AssessmentScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="units"
    )
    department = models.ForeignKey(
        "org.Department", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField(_("unit group"), max_length=16, choices=UnitGroup.choices)
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=2, null=True)
    max_points = models.DecimalField(
        _("points possible"), max_digits=7, decimal_places=2, null=True
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)

    class Meta:
        verbose_name = _("assessed unit")
        verbose_name_plural = _("assessed units")
        ordering = ["scheme", "group", "department__code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "department"], name="assessment_unit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.department}"


class Score(models.Model):
    """A leaf's value and points for one unit: computed (value, how) or assessed (evidence)."""

    unit = models.ForeignKey(
        AssessedUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="scores"
    )
    node = models.ForeignKey(
        Node, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4, null=True, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Assessed.
    reasoning = models.TextField(_("reasoning"), blank=True)
    deductions = models.JSONField(_("deductions"), default=list, blank=True)
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to="assessment/evidence/%Y/", max_length=300, blank=True
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    # Computed.
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["unit", "node__position", "node_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "node"], name="assessment_score_unique"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0),
                name="assessment_score_points_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.node.code}"

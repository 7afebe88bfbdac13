"""The annual report on law-based administration as the legal-affairs office drafts it.

A draft (:class:`AnnualReportDraft`) holds the document's frame (number, addressees, signatory,
date) and its narrative paragraphs (:class:`ReportBlock`, one row per paragraph, by section).
The quantitative sentences are not stored: they are made from the records each time the text is
shown or generated (:mod:`zhengwu.reports.narrative`). On approval the DOCX is generated and
stored with the figures it printed (``figures``), and the draft is frozen.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The report's sections in the seed's order (``PART`` says which part each belongs to)."""

    PREAMBLE = "preamble", _("the request this report answers")
    OVERVIEW = "overview", _("work done: overview")
    AWARENESS = "awareness", _("awareness and leadership")
    INSTITUTIONS = "institutions", _("institution building")
    APPROVAL = "approval", _("reform of administrative approval")
    DISCLOSURE = "disclosure", _("government information disclosure")
    COMPULSION = "compulsion", _("implementation of the Administrative Compulsion Law")
    NORMATIVE_DOCUMENTS = "normative_documents", _("normative documents")
    ENFORCEMENT = "enforcement", _("law enforcement")
    RECONSIDERATION = "reconsideration", _("reconsideration and litigation")
    PILOT = "pilot", _("the e-government pilot")
    GUARANTEES = "guarantees", _("guarantees")
    PROBLEMS = "problems", _("main problems")
    PLANS = "plans", _("next year's plans")


# The sub-sections of part one (一、工作情况), numbered (一)…(十) in the document.
WORK_SECTIONS = [
    Section.AWARENESS,
    Section.INSTITUTIONS,
    Section.APPROVAL,
    Section.DISCLOSURE,
    Section.COMPULSION,
    Section.NORMATIVE_DOCUMENTS,
    Section.ENFORCEMENT,
    Section.RECONSIDERATION,
    Section.PILOT,
    Section.GUARANTEES,
]


def _document_path(draft: AnnualReportDraft, filename: str) -> str:
    return f"reports/annual/{draft.year}/{draft.division.code}-v{draft.version}.docx"


class AnnualReportDraft(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")

    # Allowed moves: verb → (from, to).
    TRANSITIONS = {
        "submit": (Status.DRAFT, Status.SUBMITTED),
        "return": (Status.SUBMITTED, Status.DRAFT),
        "approve": (Status.SUBMITTED, Status.APPROVED),
    }

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT,
        related_name="annual_report_drafts",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    document_number = models.CharField(_("document number"), max_length=64)
    addressees = models.CharField(_("addressees"), max_length=200)
    signatory = models.CharField(_("signatory"), max_length=100)
    dated = models.DateField(_("date of the document"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to=_document_path, blank=True)
    figures = models.JSONField(_("figures snapshot"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("annual report draft")
        verbose_name_plural = _("annual report drafts")
        ordering = ["-year", "division__code"]
        constraints = [
            models.UniqueConstraint(fields=["division", "year"], name="annual_report_one_a_year"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(figures__isnull=False),
                name="annual_report_approved_has_figures",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.division.name}{self.year}年度推进依法行政工作情况的报告"

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def addressee_list(self) -> list[str]:
        return [a.strip() for a in self.addressees.replace(",", "、").split("、") if a.strip()]


class ReportBlock(models.Model):
    """One narrative paragraph of a section, written by the legal-affairs office."""

    draft = models.ForeignKey(
        AnnualReportDraft, verbose_name=_("draft"), on_delete=models.CASCADE,
        related_name="blocks",
    )  # fmt: skip
    section = models.CharField(_("section"), max_length=32, choices=Section.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report block")
        verbose_name_plural = _("report blocks")
        ordering = ["draft", "section", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "section", "order"], name="report_block_unique_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()} {self.order}"

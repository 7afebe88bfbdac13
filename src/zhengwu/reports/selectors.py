"""Reads of the annual report drafts, always through the user: a reader sees the drafts of
their own county only."""

from __future__ import annotations

from django.db.models import QuerySet

from zhengwu.reports.models import AnnualReportDraft
from zhengwu.reports.rules import county_of, may_read


def drafts_visible_to(user) -> QuerySet[AnnualReportDraft]:
    county = county_of(user)
    if county is None or not may_read(user):
        return AnnualReportDraft.objects.none()
    return AnnualReportDraft.objects.filter(division=county).select_related(
        "division", "submitted_by", "approved_by", "created_by"
    )


def report_sections(draft: AnnualReportDraft, figures: dict) -> list[dict]:
    """The draft's sections in document order: heading, blocks and generated sentences."""
    from zhengwu.reports.document import headings
    from zhengwu.reports.models import WORK_SECTIONS, Section
    from zhengwu.reports.narrative import section_sentences

    titles = headings()
    heading_of = {Section.PREAMBLE: "", Section.OVERVIEW: titles[0]}
    heading_of.update({s: titles[i] for i, s in enumerate(WORK_SECTIONS, start=1)})
    heading_of.update({Section.PROBLEMS: titles[-2], Section.PLANS: titles[-1]})
    blocks: dict[str, list] = {}
    for block in draft.blocks.all().order_by("section", "order"):
        blocks.setdefault(block.section, []).append(block)
    return [
        {
            "key": section.value,
            "label": section.label,
            "heading": heading_of[section],
            "blocks": blocks.get(section.value, []),
            "sentences": section_sentences(section.value, figures),
        }
        for section in Section
    ]


def draft_figures(draft: AnnualReportDraft) -> dict:
    """The figures the draft prints: its snapshot once approved, else computed now."""
    if draft.figures is not None:
        return draft.figures
    from zhengwu.reports.annual import annual_figures

    return annual_figures(draft.division, draft.year)

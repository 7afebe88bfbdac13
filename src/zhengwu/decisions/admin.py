"""Major decisions in the back office: shown, never edited by hand — every step changes through
the services (the workbench's decision pages), which audit them."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.decisions.models import (
    CollectiveDiscussion,
    Evaluation,
    ExpertArgumentation,
    Hearing,
    ImplementationChange,
    ImplementationReport,
    LegalityReview,
    MajorDecision,
    PublicComment,
    RiskAssessment,
)
from zhengwu.workdays.admin import ReadOnlyAdminMixin


def _inline(model_class, field_names):
    return type(
        f"{model_class.__name__}Inline",
        (ReadOnlyAdminMixin, admin.TabularInline),
        {"model": model_class, "fields": field_names, "readonly_fields": field_names, "extra": 0},
    )


@admin.register(MajorDecision)
class MajorDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "subject_area", "undertaking_department", "status", "adopted_on",
                    "published_on"]  # fmt: skip
    list_filter = ["status", "subject_area", "in_catalogue"]
    search_fields = ["title"]
    readonly_fields = [f.name for f in MajorDecision._meta.fields]
    inlines = [
        _inline(PublicComment, ["opened_on", "days", "closes_on", "closed_on", "opinions_count"]),
        _inline(Hearing, ["materials_sent_on", "held_on", "place"]),
        _inline(ExpertArgumentation, ["held_on", "form", "experts"]),
        _inline(RiskAssessment, ["assessed_on", "assessor", "level"]),
        _inline(LegalityReview, ["submitted_on", "due_on", "completed_on", "conclusion"]),
        _inline(CollectiveDiscussion, ["meeting_name", "meeting_kind", "held_on", "outcome"]),
        _inline(ImplementationReport, ["reported_on", "progress"]),
        _inline(Evaluation, ["evaluated_on", "evaluator", "recommendation"]),
        _inline(ImplementationChange, ["decided_on", "kind", "reason"]),
    ]

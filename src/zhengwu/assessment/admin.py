"""The assessment in the back office: shown, never edited by hand — schemes, their indicators
and the scores change through the services (the workbench's pages), which audit them."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.assessment.models import AssessedUnit, AssessmentScheme, Node, Score
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class NodeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Node
    fields = ["code", "label", "parent", "points", "method", "indicator_code", "rule"]
    readonly_fields = fields
    extra = 0


@admin.register(AssessmentScheme)
class SchemeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["year", "title", "division", "status", "computed_at", "finalised_at"]
    list_filter = ["status", "year"]
    inlines = [NodeInline]


@admin.register(AssessedUnit)
class UnitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["scheme", "department", "group", "total", "rank", "grade"]
    list_filter = ["scheme__year", "group", "grade"]


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "node", "value", "points", "assessor", "scored_at", "computed_at"]
    list_filter = ["node__method"]
    list_select_related = ["unit__department", "unit__scheme", "node", "assessor"]

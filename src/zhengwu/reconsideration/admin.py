"""The registers in the back office: shown, never edited by hand — cases and suits change
through the services (the workbench's pages), which audit them."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.reconsideration.models import (
    Applicant,
    CaseAttachment,
    Hearing,
    LitigationCase,
    ReconsiderationCase,
)
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class ApplicantInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Applicant
    fields = ["kind", "name", "id_masked", "phone_masked"]
    readonly_fields = fields
    extra = 0


class AttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CaseAttachment
    fields = ["name", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0


@admin.register(ReconsiderationCase)
class ReconsiderationCaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["receipt_number", "case_number", "respondent", "received_on", "status",
                    "decision_type", "closed_on"]  # fmt: skip
    list_filter = ["status", "decision_type", "channel", "simplified", "is_disclosure"]
    search_fields = ["receipt_number", "case_number", "contested_act"]
    date_hierarchy = "received_on"
    list_select_related = ["respondent"]
    inlines = [ApplicantInline, AttachmentInline]
    exclude = ["query_digest"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ReconsiderationCase._meta.fields if f.name != "query_digest"]


class HearingInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Hearing
    fields = ["held_on", "head_appeared", "head_name", "head_post", "note"]
    readonly_fields = fields
    extra = 0


@admin.register(LitigationCase)
class LitigationCaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["court_number", "court", "defendant", "filed_on", "status", "final_result"]
    list_filter = ["status", "final_result", "is_disclosure"]
    search_fields = ["court_number", "plaintiff"]
    list_select_related = ["defendant"]
    inlines = [HearingInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in LitigationCase._meta.fields]

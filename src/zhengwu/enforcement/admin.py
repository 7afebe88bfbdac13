"""The enforcement registry in the back office: shown, never edited by hand — every change goes
through the services (the workbench's enforcement pages), so each one is audited."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.enforcement.models import (
    CaseFile,
    Certificate,
    CertificateApplication,
    ConfirmationBatch,
    EnforcementBody,
    Evaluation,
    EvaluationCampaign,
    Law,
    MajorPenaltyFiling,
    Official,
)
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class ReadOnly(ReadOnlyAdminMixin, admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + [
            f.name for f in self.model._meta.many_to_many
        ]


@admin.register(ConfirmationBatch)
class BatchAdmin(ReadOnly):
    list_display = ["division", "number", "approved_on", "document"]


class LawInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Law
    fields = ["title", "level", "issuer"]
    readonly_fields = fields
    extra = 0


@admin.register(EnforcementBody)
class BodyAdmin(ReadOnly):
    list_display = ["department", "standing", "entrusting_body", "status", "batch", "confirmed_on"]
    list_filter = ["standing", "status", "division"]
    search_fields = ["department__name"]
    list_select_related = ["department", "entrusting_body", "batch"]
    inlines = [LawInline]


@admin.register(Official)
class OfficialAdmin(ReadOnly):
    list_display = ["full_name", "body", "post", "on_establishment", "in_enforcement_post"]
    list_filter = ["on_establishment", "in_enforcement_post"]
    search_fields = ["full_name"]
    list_select_related = ["body__department"]
    exclude = ["id_number", "phone"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Official._meta.fields if f.name not in self.exclude]


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    list_display = ["number", "official", "area", "valid_from", "valid_to", "status"]
    list_filter = ["status"]
    search_fields = ["number", "official__full_name"]
    list_select_related = ["official"]


@admin.register(CertificateApplication)
class ApplicationAdmin(ReadOnly):
    list_display = ["official", "applied_on", "status", "reasons"]
    list_filter = ["status"]


@admin.register(CaseFile)
class CaseFileAdmin(ReadOnly):
    list_display = [
        "number",
        "body",
        "kind",
        "is_major",
        "status",
        "outcome",
        "filed_on",
        "decided_on",
    ]
    list_filter = ["status", "outcome", "kind", "is_major"]
    search_fields = ["number", "parties"]
    date_hierarchy = "filed_on"
    list_select_related = ["body__department"]


@admin.register(MajorPenaltyFiling)
class FilingAdmin(ReadOnly):
    list_display = ["case_file", "status", "due_on", "filed_on", "on_time"]
    list_filter = ["status", "on_time"]


@admin.register(EvaluationCampaign)
class CampaignAdmin(ReadOnly):
    list_display = ["title", "year", "status", "per_body"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnly):
    list_display = ["campaign", "body", "case_file", "score", "evaluated_on"]
    list_filter = ["campaign"]

"""The registry in the back office: shown, never edited by hand — documents, filings and
clean-ups change through the services (the workbench's registry pages), which audit them."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.rulemaking.models import (
    CleanupCampaign,
    CleanupEntry,
    DocumentAttachment,
    Filing,
    LegalityReview,
    NormativeDocument,
)
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class ReviewInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = LegalityReview
    fields = ["reviewed_on", "opinion", "findings", "text", "reviewer"]
    readonly_fields = fields
    extra = 0


class FilingInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Filing
    fields = ["authority", "authority_kind", "due_on", "submitted_on", "result", "result_on"]
    readonly_fields = fields
    extra = 0


class AttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DocumentAttachment
    fields = ["name", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["document_number", "title", "issuer", "drafting_department", "status",
                    "published_on", "effective_to"]  # fmt: skip
    list_filter = ["status", "is_interim", "division"]
    search_fields = ["document_number", "title"]
    date_hierarchy = "published_on"
    list_select_related = ["issuer", "drafting_department"]
    inlines = [ReviewInline, FilingInline, AttachmentInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in NormativeDocument._meta.fields]


class EntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CleanupEntry
    fields = ["document", "decision", "inconsistent", "reasons", "decided_on"]
    readonly_fields = fields
    extra = 0


@admin.register(CleanupCampaign)
class CleanupCampaignAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "started_on", "status", "closed_on"]
    list_filter = ["kind", "status"]
    inlines = [EntryInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in CleanupCampaign._meta.fields]

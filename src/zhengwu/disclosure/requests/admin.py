"""Disclosure requests in the back office: shown, never edited by hand — they change through
the services (the workbench's request page). Imported by ``zhengwu.disclosure.admin``."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.disclosure.models.requests import Consultation, DisclosureRequest, RequestCorrection
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class CorrectionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RequestCorrection
    fields = ["issued_on", "items", "period_days", "due_on", "answered_on", "lapsed_on"]
    readonly_fields = fields
    extra = 0


class ConsultationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Consultation
    fields = ["kind", "party", "sent_on", "due_on", "answered_on", "answer", "lapsed_on"]
    readonly_fields = fields
    extra = 0


@admin.register(DisclosureRequest)
class DisclosureRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "department",
        "applicant_type",
        "channel",
        "status",
        "received_on",
        "outcome",
        "sub_ground",
        "concluded_on",
    ]
    list_filter = ["status", "outcome", "applicant_type", "channel", "division"]
    search_fields = ["number", "name", "organisation_name", "description"]
    date_hierarchy = "received_on"
    list_select_related = ["department"]
    exclude = ["query_digest", "idempotency_key"]
    inlines = [CorrectionInline, ConsultationInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in DisclosureRequest._meta.fields if f.name not in self.exclude]

"""The register in the back office: shown, never edited by hand — contracts change through the
services (the workbench's register pages), which audit them."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.contracts.models import ContractReview, ContractVersion, GovernmentContract, Milestone
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class VersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ContractVersion
    fields = ["number", "created_on", "file_name", "size", "note"]
    readonly_fields = fields
    extra = 0


class ReviewInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ContractReview
    fields = ["version", "submitted_on", "due_on", "conclusion", "reviewed_on", "on_time",
              "reviewer"]  # fmt: skip
    readonly_fields = fields
    extra = 0


class MilestoneInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Milestone
    fields = ["title", "due_on", "done_on", "note"]
    readonly_fields = fields
    extra = 0


@admin.register(GovernmentContract)
class GovernmentContractAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "department", "counterparty", "amount", "status",
                    "signed_on", "expires_on"]  # fmt: skip
    list_filter = ["status", "kind", "reviewed_before_signing", "division"]
    search_fields = ["title", "counterparty"]
    date_hierarchy = "signed_on"
    list_select_related = ["department"]
    inlines = [VersionInline, ReviewInline, MilestoneInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in GovernmentContract._meta.fields]

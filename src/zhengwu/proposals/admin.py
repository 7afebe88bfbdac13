"""The register in the back office: shown, never edited by hand — proposals change through the
services (the workbench's register pages), which audit them."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.proposals.models import Assignment, Proposal, Proposer, Reply, Session
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class ProposerInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Proposer
    fields = ["name", "group", "is_lead"]
    readonly_fields = fields
    extra = 0


class AssignmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Assignment
    fields = ["department", "role", "status", "assigned_on", "declined_on", "opinion_due_on",
              "opinion_on"]  # fmt: skip
    readonly_fields = fields
    extra = 0


class ReplyInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Reply
    fields = ["round", "classification", "replied_on", "due_on", "signed_by", "published_on"]
    readonly_fields = fields
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "title", "kind", "session", "lead_department", "status",
                    "reply_due_on", "classification", "satisfaction"]  # fmt: skip
    list_filter = ["kind", "status", "classification", "satisfaction", "session"]
    search_fields = ["title", "proposers__name"]
    list_select_related = ["session", "lead_department"]
    inlines = [ProposerInline, AssignmentInline, ReplyInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Proposal._meta.fields]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "year", "opened_on"]
    list_filter = ["kind", "year"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Session._meta.fields]

"""The register in the back office: shown, never edited by hand — disputes change through the
services (the workbench's pages), which audit them."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.disputes.models import (
    Dispute,
    DisputeParty,
    FollowUpVisit,
    MediationSession,
    SweepCampaign,
)
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class PartyInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DisputeParty
    fields = ["side", "name", "masked_phone"]
    readonly_fields = fields
    extra = 0


class SessionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MediationSession
    fields = ["held_on", "place", "participants", "record"]
    readonly_fields = fields
    extra = 0


class VisitInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = FollowUpVisit
    fields = ["visited_on", "visited_by", "agreement_kept", "note"]
    readonly_fields = fields
    extra = 0


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "found_on", "township", "dispute_type", "risk_level", "status"]
    list_filter = ["status", "dispute_type", "risk_level", "how_found"]
    search_fields = ["number", "summary"]
    exclude = ["version"]
    inlines = [PartyInline, SessionInline, VisitInline]


@admin.register(SweepCampaign)
class SweepCampaignAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "started_on", "ended_on", "organiser"]
    list_filter = ["kind"]

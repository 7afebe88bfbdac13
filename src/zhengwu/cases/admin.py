"""Cases in the back office: shown, never edited by hand — they change through the services.

Agency authorisations are added here by an administrator, through ``agency_authorise`` (which
checks the agent, records the signed authorisation and writes the audit event).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from zhengwu.cases import services
from zhengwu.cases.models import (
    AgencyAuthorisation,
    Case,
    CaseMaterial,
    CorrectionNotice,
    Notification,
    Rating,
    Task,
)
from zhengwu.common.errors import DomainError
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class TaskInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Task
    fields = ["name", "department", "role", "status", "opened_on", "due_on", "verdict", "opinion"]
    readonly_fields = fields
    extra = 0


class CorrectionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CorrectionNotice
    fields = ["issued_on", "items", "reason", "flagged", "answered_on"]
    readonly_fields = fields
    extra = 0


class MaterialInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CaseMaterial
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Case)
class CaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "power_version",
        "department",
        "channel",
        "status",
        "received_on",
        "accepted_on",
        "completed_on",
        "deemed_accepted",
        "correction_flagged",
    ]
    list_filter = ["status", "channel", "deemed_accepted", "correction_flagged", "department"]
    search_fields = ["number", "power_version__name", "applicant__full_name"]
    date_hierarchy = "received_on"
    list_select_related = ["power_version", "department"]
    exclude = ["query_digest", "idempotency_key", "form_data"]
    inlines = [CorrectionInline, TaskInline, MaterialInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Case._meta.fields if f.name not in self.exclude]


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["case", "level", "rated_on", "follow_up_due", "follow_up_on"]
    list_filter = ["level"]
    search_fields = ["case__number"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Rating._meta.fields]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "recipient", "event", "created_at", "sent_at", "channels"]
    list_filter = ["event"]
    search_fields = ["subject", "case__number"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Notification._meta.fields]


class AgencyForm(forms.ModelForm):
    """Records the authorisation through the service while validating, so that the service's
    refusals come back as field errors on the form."""

    actor = None
    created: AgencyAuthorisation | None = None

    class Meta:
        model = AgencyAuthorisation
        fields = [
            "applicant",
            "agent",
            "project",
            "document_reference",
            "document",
            "authorised_on",
            "valid_until",
        ]

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        data = self.cleaned_data
        try:
            with transaction.atomic():
                self.created = services.agency_authorise(
                    actor=self.actor,
                    applicant=data["applicant"],
                    agent=data["agent"],
                    project=data["project"],
                    document_reference=data["document_reference"],
                    authorised_on=data["authorised_on"],
                    valid_until=data.get("valid_until"),
                    document=data.get("document") or None,
                )
        except ValidationError as exc:
            self._update_errors(exc)
        except DomainError as exc:
            self.add_error(None, str(exc.message))


@admin.register(AgencyAuthorisation)
class AgencyAuthorisationAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ["project", "applicant", "agent", "authorised_on", "valid_until", "revoked_on"]
    search_fields = ["project", "document_reference", "applicant__full_name"]
    raw_id_fields = ["applicant", "agent"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user
        return form

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in AgencyAuthorisation._meta.fields] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change and form.created is not None:
            obj.pk = form.created.pk
            obj._state.adding = False

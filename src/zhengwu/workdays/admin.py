"""The calendar and the statutory clocks in the back office.

Official years are loaded with ``zhengwu workdays load``; here they are only shown. A day can be
corrected by hand (a notice the package got wrong), always through
``services.calendar_set_day`` with a reason, so the ordinals are renumbered, open clocks are
re-dated and an audit event is written. Clocks are read-only: they change through services.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zhengwu.workdays import services
from zhengwu.workdays.models import CalendarYear, Clock, ClockExtension, ClockSuspension, Day


class ReadOnlyAdminMixin:
    """Viewable, never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["year", "source", "loaded_at", "loaded_by"]
    search_fields = ["year", "source"]
    fields = ["year", "source", "loaded_at", "loaded_by"]
    readonly_fields = fields


class DayForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. the State Council notice that fixes this day; kept in the audit trail"),
    )

    class Meta:
        model = Day
        fields = ["is_workday", "holiday_name"]

    def clean(self):
        cleaned = super().clean()
        if not {"is_workday", "holiday_name"} & set(self.changed_data):
            raise forms.ValidationError(_("Nothing to change: the day is already like this."))
        return cleaned


@admin.register(Day)
class DayAdmin(admin.ModelAdmin):
    form = DayForm
    list_display = [
        "date",
        "weekday",
        "is_workday",
        "holiday_name",
        "is_adjusted_workday",
        "provisional",
        "workday_ordinal",
    ]
    list_filter = ["is_workday", "provisional", "is_adjusted_workday"]
    date_hierarchy = "date"
    search_fields = ["date", "holiday_name"]
    fields = [
        "date",
        "weekday",
        "is_workday",
        "holiday_name",
        "reason",
        "is_adjusted_workday",
        "provisional",
        "number",
        "workday_ordinal",
    ]
    readonly_fields = [
        "date",
        "weekday",
        "is_adjusted_workday",
        "provisional",
        "number",
        "workday_ordinal",
    ]
    list_per_page = 100

    @admin.display(description=_("weekday"))
    def weekday(self, obj):
        return WEEKDAYS[obj.date.weekday()]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        result = services.calendar_set_day(
            actor=request.user,
            date=obj.date,
            is_workday=form.cleaned_data["is_workday"],
            holiday_name=form.cleaned_data["holiday_name"],
            reason=form.cleaned_data["reason"],
        )
        if result.changed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d open clock was re-dated.",
                    "%(count)d open clocks were re-dated.",
                    len(result.changed),
                )
                % {"count": len(result.changed)},
            )


class ExtensionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ClockExtension
    fields = ["days", "approved_by", "approved_on", "reason", "due_before", "due_after"]
    readonly_fields = fields
    extra = 0


class SuspensionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ClockSuspension
    fields = ["reason", "note", "started_on", "ended_on", "excluded_days"]
    readonly_fields = fields
    extra = 0


@admin.register(Clock)
class ClockAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "purpose",
        "owner",
        "day_kind",
        "started_on",
        "limit_days",
        "due_date",
        "provisional",
        "status",
    ]
    list_filter = ["status", "day_kind", "provisional", "purpose"]
    search_fields = ["purpose", "owner_id", "legal_basis"]
    date_hierarchy = "due_date"
    list_select_related = ["division"]
    inlines = [ExtensionInline, SuspensionInline]

    @admin.display(description=_("owner"))
    def owner(self, obj):
        return f"{obj.owner_type} #{obj.owner_id}"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

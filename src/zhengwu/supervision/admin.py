"""E-supervision in the back office: the rules are configured here (severity, parameters, on or
off); alerts, notices and fees are shown, never edited by hand."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zhengwu.supervision.models import Alert, FeeCharge, Rule, SupervisionNotice
from zhengwu.supervision.rules import KINDS
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class RuleForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind of rule"))

    class Meta:
        model = Rule
        fields = ["code", "name", "kind", "severity", "enabled", "params", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(code, str(k.label)) for code, k in sorted(KINDS.items())]

    def clean(self):
        data = super().clean()
        kind, params = KINDS.get(data.get("kind") or ""), data.get("params")
        if kind is not None and isinstance(params, dict):
            unknown = sorted(set(params) - set(kind.defaults))
            if unknown:
                self.add_error(
                    "params",
                    _("Unknown parameters %(names)s; this kind takes %(known)s.")
                    % {
                        "names": "、".join(unknown),
                        "known": "、".join(sorted(kind.defaults)) or "—",
                    },
                )
        elif params is not None and not isinstance(params, dict):
            self.add_error("params", _("Give the parameters as a JSON object."))
        return data


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ["code", "name", "kind", "severity", "enabled"]
    list_filter = ["severity", "enabled"]
    list_editable = ["enabled"]

    def has_delete_permission(self, request, obj=None):
        return False  # alerts refer to their rule: switch a rule off instead


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["rule", "severity", "key", "department", "due_date", "raised_on", "status"]
    list_filter = ["status", "severity", "rule"]
    search_fields = ["key", "case__number"]
    list_select_related = ["rule", "department"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Alert._meta.fields]


@admin.register(SupervisionNotice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "department", "issued_on", "reply_due", "status"]
    list_filter = ["status"]
    search_fields = ["number", "content"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in SupervisionNotice._meta.fields]


@admin.register(FeeCharge)
class FeeChargeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["receipt_number", "case", "amount", "standard", "charged_on"]
    search_fields = ["receipt_number", "case__number"]
    date_hierarchy = "charged_on"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in FeeCharge._meta.fields]

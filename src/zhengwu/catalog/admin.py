"""The catalog in the back office.

Powers are created, versioned and published through ``zhengwu.catalog.services`` only, which
audit every change. A published version is read-only here; a draft version can be edited with
its legal bases, materials, fees and stages, and published with the "publish" action. The power
list links to the catalog export (.xlsx) and to the import page (with a dry run).
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from zhengwu.catalog import services
from zhengwu.catalog.models import Fee, LegalBasis, Material, Power, PowerVersion, Stage
from zhengwu.catalog.spreadsheet import SHEETS, export_catalog, import_catalog
from zhengwu.common.errors import DomainError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
IMPORT_PERMISSIONS = (
    "catalog.add_power",
    "catalog.add_powerversion",
    "catalog.change_powerversion",
)


def _is_draft(obj) -> bool:
    return obj is not None and not obj.is_published


# --- versions -----------------------------------------------------------------------------------


class VersionPartInline(admin.TabularInline):
    """The rows of a version: editable while it is a draft, frozen once it is published."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_delete_permission(request, obj)


class LegalBasisInline(VersionPartInline):
    model = LegalBasis
    fields = ["position", "title", "issuer", "article", "excerpt", "in_force_from", "in_force_to"]


class MaterialInline(VersionPartInline):
    model = Material
    fields = ["position", "name", "form", "copies", "required", "condition", "blank_form", "sample"]


class FeeInline(VersionPartInline):
    model = Fee
    fields = ["position", "item", "amount", "formula", "basis"]


class StageForm(forms.ModelForm):
    after = forms.CharField(
        label=_("after stages"),
        required=False,
        max_length=500,
        help_text=_("the codes of the stages that must end first, separated by commas"),
    )

    class Meta:
        model = Stage
        fields = [
            "position",
            "code",
            "name",
            "kind",
            "department",
            "role",
            "limit_days",
            "clock_excluded",
            "parallel_group",
            "after",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["after"] = ", ".join(self.instance.after or [])

    def clean_after(self) -> list[str]:
        text = self.cleaned_data["after"].replace("，", ",").replace("、", ",")
        return [code.strip() for code in text.split(",") if code.strip()]


class StageInline(VersionPartInline):
    model = Stage
    form = StageForm
    autocomplete_fields = ["department"]


@admin.register(PowerVersion)
class PowerVersionAdmin(admin.ModelAdmin):
    list_display = [
        "power",
        "number",
        "name",
        "kind",
        "department",
        "published_at",
        "superseded_at",
    ]
    list_display_links = ["power", "number"]
    list_filter = [("published_at", admin.EmptyFieldListFilter), "kind", "department"]
    list_select_related = ["power", "power__current", "department"]
    search_fields = ["name", "power__implementation_code", "power__basic_code"]
    autocomplete_fields = ["department", "entrusting_body", "lead_department"]
    readonly_fields = ["power", "number", "published_at", "superseded_at"]
    fieldsets = [
        (None, {"fields": ["power", "number", "published_at", "superseded_at", "change_note"]}),
        (
            _("The matter"),
            {
                "fields": [
                    "name",
                    "kind",
                    "department",
                    "standing",
                    "entrusting_body",
                    "level",
                    "content",
                    "conditions",
                    "quantity_limit",
                    "result_name",
                ]
            },
        ),
        (
            _("Time limits"),
            {
                "fields": [
                    "day_kind",
                    "legal_limit_days",
                    "promised_limit_days",
                    "max_extension_days",
                    "matter_type",
                    "lead_department",
                ]
            },
        ),
        (
            _("Where and how"),
            {
                "fields": [
                    "place",
                    "hours",
                    "consultation_channel",
                    "supervision_channel",
                    "online_depth",
                    "visits_required",
                    "in_service_centre",
                    "life_events",
                ]
            },
        ),
    ]
    inlines = [LegalBasisInline, MaterialInline, FeeInline, StageInline]
    actions = ["publish"]

    def has_add_permission(self, request):
        return False  # a version is started from its power ("start a new version")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """A draft's fields change through the service, which audits the edit."""
        fields = {
            name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data
        }
        services.power_version_update(actor=request.user, version=obj, **fields)

    @admin.action(description=_("Publish the selected draft versions"))
    def publish(self, request, queryset):
        published = 0
        for version in queryset.select_related("power").order_by("power", "number"):
            if version.is_published:
                self.message_user(
                    request,
                    gettext("%(version)s is already published.") % {"version": version},
                    messages.WARNING,
                )
                continue
            try:
                services.power_version_publish(actor=request.user, version=version)
            except ValidationError as exc:
                for message in exc.messages:
                    self.message_user(
                        request,
                        gettext("%(version)s was not published: %(reason)s")
                        % {"version": version, "reason": message},
                        messages.ERROR,
                    )
            except DomainError as exc:
                self.message_user(
                    request,
                    gettext("%(version)s was not published: %(reason)s")
                    % {"version": version, "reason": exc.message},
                    messages.ERROR,
                )
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d version was published.",
                    "%(count)d versions were published.",
                    published,
                )
                % {"count": published},
                messages.SUCCESS,
            )


# --- powers -------------------------------------------------------------------------------------


class VersionInline(admin.TabularInline):
    model = PowerVersion
    fk_name = "power"
    fields = ["number", "name", "published_at", "superseded_at", "change_note"]
    readonly_fields = fields
    ordering = ["-number"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("catalog workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("dry run: check every row, import nothing"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx workbook."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload


@admin.register(Power)
class PowerAdmin(admin.ModelAdmin):
    list_display = [
        "implementation_code",
        "current_name",
        "current_kind",
        "current_department",
        "status",
    ]
    list_filter = ["status", "current__kind", "current__department"]
    list_select_related = ["current", "current__department"]
    search_fields = ["implementation_code", "basic_code", "current__name"]
    fields = ["basic_code", "implementation_code", "status", "current", "created_at"]
    readonly_fields = fields
    inlines = [VersionInline]
    actions = ["start_new_version"]

    @admin.display(description=_("name"), ordering="current__name")
    def current_name(self, obj):
        return obj.current.name if obj.current else "—"

    @admin.display(description=_("kind"), ordering="current__kind")
    def current_kind(self, obj):
        return obj.current.get_kind_display() if obj.current else "—"

    @admin.display(description=_("implementing body"), ordering="current__department__name")
    def current_department(self, obj):
        return obj.current.department if obj.current else "—"

    def has_add_permission(self, request):
        return False  # powers are created by the import or by services.power_create

    def has_change_permission(self, request, obj=None):
        return False  # codes and status change through the services

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Start a new version (draft) of the selected powers"))
    def start_new_version(self, request, queryset):
        if not request.user.has_perm("catalog.change_powerversion"):
            raise PermissionDenied
        drafts = [
            services.power_version_draft(actor=request.user, power=power)
            for power in queryset.order_by("implementation_code")
        ]
        if len(drafts) == 1:
            return HttpResponseRedirect(
                reverse("admin:catalog_powerversion_change", args=[drafts[0].pk])
            )
        self.message_user(
            request,
            ngettext(
                "%(count)d draft version is ready to edit.",
                "%(count)d draft versions are ready to edit.",
                len(drafts),
            )
            % {"count": len(drafts)},
            messages.SUCCESS,
        )
        return None

    # Export and import.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms(IMPORT_PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_export_permission": self.has_view_permission(request),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        stream = io.BytesIO()
        export_catalog(stream)
        filename = f"catalog-{timezone.localdate().isoformat()}.xlsx"
        response = HttpResponse(stream.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                report = import_catalog(
                    form.cleaned_data["file"],
                    actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
                if report.ok and not report.dry_run:
                    self.message_user(
                        request,
                        ngettext(
                            "The catalog was imported: %(count)d power written.",
                            "The catalog was imported: %(count)d powers written.",
                            report.imported,
                        )
                        % {"count": report.imported},
                        messages.SUCCESS,
                    )
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Import catalog"),
            "form": form,
            "report": report,
            "part_counts": [(sheet.name, report.parts.get(sheet.name, 0)) for sheet in SHEETS[1:]]
            if report is not None
            else [],
        }
        return TemplateResponse(request, "admin/catalog/power/import.html", context)

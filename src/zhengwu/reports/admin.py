from django.contrib import admin

from zhengwu.reports.models import AnnualReportDraft, ReportBlock


class ReportBlockInline(admin.TabularInline):
    model = ReportBlock
    extra = 0
    readonly_fields = ["section", "order", "text", "updated_by", "updated_at"]
    can_delete = False


@admin.register(AnnualReportDraft)
class AnnualReportDraftAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the services (and the audit trail)."""

    list_display = ["division", "year", "document_number", "status", "version", "approved_at"]
    list_filter = ["status", "year"]
    inlines = [ReportBlockInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

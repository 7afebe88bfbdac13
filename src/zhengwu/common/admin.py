from django.contrib import admin

from zhengwu.common.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: audit events are never added, changed or deleted by hand."""

    list_display = [
        "created_at",
        "chain",
        "seq",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "chain"]
    search_fields = ["object_id", "actor_label", "action"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

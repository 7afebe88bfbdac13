"""The disclosure records in the back office. Items change through the office pages (their
services keep the clocks, index numbers and search index); here they are read-only."""

from django.contrib import admin

from zhengwu.disclosure.models import Category, Item, ItemAttachment
from zhengwu.disclosure.requests import admin as requests_admin  # noqa: F401 (registers)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division", "statutory_item", "feed", "is_active"]
    list_filter = ["division", "is_active"]
    search_fields = ["code", "name"]


class AttachmentInline(admin.TabularInline):
    model = ItemAttachment
    extra = 0
    readonly_fields = ["name", "file", "size", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "index_number", "department", "status", "published_on"]
    list_filter = ["status", "kind", "division"]
    search_fields = ["title", "index_number", "document_number"]
    date_hierarchy = "published_on"
    inlines = [AttachmentInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Item._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

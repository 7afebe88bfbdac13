"""Messages in the back office: shown, never edited by hand — they change through the services
(``zhengwu.interaction.services``), which lock, check and audit every step."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zhengwu.common.identity import mask_id_number
from zhengwu.interaction.models import Message
from zhengwu.workdays.admin import ReadOnlyAdminMixin


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "kind",
        "subject",
        "status",
        "department",
        "submitted_on",
        "answered_on",
        "published_on",
        "publication_consent",
    ]
    list_filter = ["kind", "status", "topic", "publication_consent", "department"]
    search_fields = ["number", "subject", "name"]
    date_hierarchy = "submitted_on"
    list_select_related = ["department"]
    exclude = ["query_digest", "idempotency_key", "id_number"]

    def get_readonly_fields(self, request, obj=None):
        fields = [f.name for f in Message._meta.fields if f.name not in self.exclude]
        return [*fields, "masked_id_number"]

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj: Message) -> str:
        return mask_id_number(obj.id_number) or "—"

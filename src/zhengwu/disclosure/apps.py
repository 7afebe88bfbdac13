from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "zhengwu.disclosure"
    verbose_name = _("government information disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.disclosure import links
        from zhengwu.supervision.links import register_object_link

        register_object_link("disclosure.item", links.item_links)
        register_object_link("disclosure.disclosurerequest", links.request_links)

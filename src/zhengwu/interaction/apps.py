from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "zhengwu.interaction"
    verbose_name = _("public interaction")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.interaction.links import message_links
        from zhengwu.supervision.links import register_object_link

        register_object_link("interaction.message", message_links)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "zhengwu.decisions"
    verbose_name = _("major administrative decisions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        pass

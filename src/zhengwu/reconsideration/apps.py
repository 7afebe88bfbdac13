from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReconsiderationConfig(AppConfig):
    name = "zhengwu.reconsideration"
    verbose_name = _("reconsideration and litigation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        pass

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "zhengwu.disputes"
    verbose_name = _("disputes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        pass

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "zhengwu.contracts"
    verbose_name = _("contract review")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        pass

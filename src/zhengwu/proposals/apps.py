from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "zhengwu.proposals"
    verbose_name = _("deputies' suggestions and proposals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        pass

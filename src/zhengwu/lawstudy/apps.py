from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawstudyConfig(AppConfig):
    name = "zhengwu.lawstudy"
    verbose_name = _("law study and exams")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        pass

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "zhengwu.supervision"
    verbose_name = _("e-supervision")
    default_auto_field = "django.db.models.BigAutoField"

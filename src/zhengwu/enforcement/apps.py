from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "zhengwu.enforcement"
    verbose_name = _("law enforcement")
    default_auto_field = "django.db.models.BigAutoField"

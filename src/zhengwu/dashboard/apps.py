from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "zhengwu.dashboard"
    verbose_name = _("leaders' dashboard")
    default_auto_field = "django.db.models.BigAutoField"

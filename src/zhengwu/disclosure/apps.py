from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "zhengwu.disclosure"
    verbose_name = _("government information disclosure")
    default_auto_field = "django.db.models.BigAutoField"

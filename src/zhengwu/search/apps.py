from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "zhengwu.search"
    verbose_name = _("full-text search")
    default_auto_field = "django.db.models.BigAutoField"

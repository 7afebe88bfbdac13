from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulemakingConfig(AppConfig):
    name = "zhengwu.rulemaking"
    verbose_name = _("normative documents")
    default_auto_field = "django.db.models.BigAutoField"

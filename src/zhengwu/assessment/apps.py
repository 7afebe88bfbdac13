from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "zhengwu.assessment"
    verbose_name = _("assessment of law-based administration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.assessment import rules  # noqa: F401
        from zhengwu.assessment.builtin import register_builtin

        register_builtin()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawstudyConfig(AppConfig):
    name = "zhengwu.lawstudy"
    verbose_name = _("law study and exams")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.assessment.indicators import Unit, register_indicator
        from zhengwu.lawstudy import figures, rules  # noqa: F401

        register_indicator(
            "exam_participation",
            _("participation rate in the annual law exam"),
            figures.exam_participation_by_department,
            unit=Unit.PERCENT,
            higher_is_better=True,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReconsiderationConfig(AppConfig):
    name = "zhengwu.reconsideration"
    verbose_name = _("reconsideration and litigation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.assessment.indicators import Unit, register_indicator
        from zhengwu.disclosure.annual_report import register_figure
        from zhengwu.reconsideration import figures, links, rules  # noqa: F401
        from zhengwu.supervision.links import register_object_link
        from zhengwu.supervision.sweep import register_sweep_job

        register_figure("reconsideration", figures.disclosure_reconsideration)
        register_figure("litigation_direct", figures.disclosure_litigation_direct)
        register_figure("litigation_after_review", figures.disclosure_litigation_after_review)
        register_indicator(
            "reconsideration_corrected",
            _("reconsideration decisions correcting the unit's acts"),
            figures.corrected_per_respondent,
            unit=Unit.COUNT,
            higher_is_better=False,
        )
        register_object_link("reconsideration.reconsiderationcase", links.case_links)
        register_object_link("reconsideration.litigationcase", links.suit_links)
        register_sweep_job("reconsideration.sweep", _sweep_job)


def _sweep_job(day):
    from zhengwu.reconsideration.services import cases_sweep

    result = cases_sweep(on=day)
    return len(result.deemed_accepted) + len(result.abandoned)

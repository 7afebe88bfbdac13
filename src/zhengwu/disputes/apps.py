from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "zhengwu.disputes"
    verbose_name = _("disputes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.assessment.indicators import Unit, register_indicator
        from zhengwu.disputes import figures, links, rules, supervision  # noqa: F401
        from zhengwu.supervision.links import register_object_link

        register_object_link("disputes.dispute", links.dispute_links)
        register_indicator(
            "dispute_success_rate",
            _("disputes mediated successfully (percent of those found)"),
            figures.township_success_rates,
            unit=Unit.PERCENT,
            higher_is_better=True,
        )

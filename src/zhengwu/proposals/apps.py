from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "zhengwu.proposals"
    verbose_name = _("deputies' suggestions and proposals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.assessment.indicators import Unit, register_indicator
        from zhengwu.proposals import figures, links, rules, supervision  # noqa: F401
        from zhengwu.supervision.links import register_object_link

        register_object_link("proposals.proposal", links.proposal_links)
        register_object_link("proposals.assignment", links.assignment_links)
        register_indicator(
            "proposal_reply_on_time",
            _("deputies' suggestions and CPPCC proposals answered on time (lead department)"),
            figures.reply_on_time_by_department,
            unit=Unit.PERCENT,
            higher_is_better=True,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulemakingConfig(AppConfig):
    name = "zhengwu.rulemaking"
    verbose_name = _("normative documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.disclosure.annual_report import register_figure
        from zhengwu.rulemaking import figures, links, rules, supervision  # noqa: F401
        from zhengwu.supervision.links import register_object_link
        from zhengwu.supervision.sweep import register_sweep_job

        register_object_link("rulemaking.normativedocument", links.document_links)
        register_object_link("rulemaking.filing", links.filing_links)
        register_sweep_job("rulemaking.lapse", _lapse_job)
        register_figure("normative_documents", figures.document_counts)


def _lapse_job(day):
    from zhengwu.rulemaking.services import documents_lapse_due

    return len(documents_lapse_due(on=day))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "zhengwu.enforcement"
    verbose_name = _("law enforcement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.disclosure.annual_report import register_figure
        from zhengwu.enforcement import alerts, figures, links, rules  # noqa: F401
        from zhengwu.enforcement.services import certificates_expire
        from zhengwu.supervision.links import register_object_link
        from zhengwu.supervision.sweep import register_sweep_job

        register_object_link("enforcement.casefile", links.case_file_links)
        register_object_link("enforcement.majorpenaltyfiling", links.filing_links)
        register_object_link("enforcement.certificate", links.certificate_links)
        register_object_link("enforcement.enforcementbody", links.body_links)
        register_sweep_job("enforcement.certificates_expire", certificates_expire)
        figures.register_disclosure_figures(register_figure)

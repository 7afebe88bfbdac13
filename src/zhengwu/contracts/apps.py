from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "zhengwu.contracts"
    verbose_name = _("contract review")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.assessment.indicators import Unit, register_indicator
        from zhengwu.contracts import figures, links, rules, supervision  # noqa: F401
        from zhengwu.supervision.links import register_object_link
        from zhengwu.supervision.sweep import register_sweep_job

        register_object_link("contracts.governmentcontract", links.contract_links)
        register_object_link("contracts.contractreview", links.review_links)
        register_object_link("contracts.milestone", links.milestone_links)
        register_sweep_job("contracts.expire", _expire_job)
        register_indicator(
            "contracts_reviewed_before_signing",
            _("government contracts signed after a lawful legality opinion"),
            figures.reviewed_before_signing,
            unit=Unit.PERCENT,
            higher_is_better=True,
        )


def _expire_job(day):
    from zhengwu.contracts.services import contracts_expire_due

    return len(contracts_expire_due(on=day))

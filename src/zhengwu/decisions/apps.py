from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "zhengwu.decisions"
    verbose_name = _("major administrative decisions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhengwu.decisions import indicators, links, rules  # noqa: F401
        from zhengwu.supervision.links import register_object_link

        register_object_link("decisions.majordecision", links.decision_links)
        indicators.register()

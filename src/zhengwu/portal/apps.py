from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zhengwu.portal"
    label = "portal"

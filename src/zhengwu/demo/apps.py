from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "zhengwu.demo"
    label = "demo"

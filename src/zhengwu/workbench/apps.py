from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "zhengwu.workbench"
    label = "workbench"

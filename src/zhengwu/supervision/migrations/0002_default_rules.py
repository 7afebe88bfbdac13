from django.db import migrations


def seed(apps, schema_editor):
    from zhengwu.supervision.rules import DEFAULT_RULES

    Rule = apps.get_model("supervision", "Rule")
    for code, kind, severity, name, params in DEFAULT_RULES:
        Rule.objects.get_or_create(
            code=code, defaults={"kind": kind, "severity": severity, "name": name, "params": params}
        )


def unseed(apps, schema_editor):
    apps.get_model("supervision", "Rule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

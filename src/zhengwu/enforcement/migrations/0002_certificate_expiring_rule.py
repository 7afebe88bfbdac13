"""Seed the supervision rule that warns of enforcement certificates about to expire."""

from django.db import migrations

RULE = ("certificate_expiring", "enforcement_certificate_expiring", "yellow", "执法证件即将到期",
        {"days": 30})


def seed(apps, schema_editor):
    Rule = apps.get_model("supervision", "Rule")
    code, kind, severity, name, params = RULE
    Rule.objects.get_or_create(
        code=code, defaults={"kind": kind, "severity": severity, "name": name, "params": params}
    )


def unseed(apps, schema_editor):
    apps.get_model("supervision", "Rule").objects.filter(code=RULE[0]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0001_initial"),
        ("supervision", "0006_disclosure_correction_not_watched"),
    ]
    operations = [migrations.RunPython(seed, unseed)]

"""Seed the supervision rule that warns of entrustments ending (or ended) while the entrusted
organisation's standing is still confirmed."""

from django.db import migrations

RULE = ("entrustment_ending", "enforcement_entrustment_ending", "yellow", "行政执法委托即将到期",
        {"days": 60})  # fmt: skip


def seed(apps, schema_editor):
    Rule = apps.get_model("supervision", "Rule")
    code, kind, severity, name, params = RULE
    Rule.objects.get_or_create(
        code=code, defaults={"kind": kind, "severity": severity, "name": name, "params": params}
    )


def unseed(apps, schema_editor):
    apps.get_model("supervision", "Rule").objects.filter(code=RULE[0]).delete()


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0002_certificate_expiring_rule")]
    operations = [migrations.RunPython(seed, unseed)]

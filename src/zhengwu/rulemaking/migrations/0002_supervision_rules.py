"""E-supervision rules of the registry: a document's validity ends within 6 months, within 3
months, and its drafting department has not decided to renew, amend or let it lapse."""

from django.db import migrations

RULES = [
    ("normative_expiry_6m", "normative_expiry", "yellow", "规范性文件有效期届满前6个月预警",
     {"months": 6}),
    ("normative_expiry_3m", "normative_expiry", "yellow", "规范性文件有效期届满前3个月预警",
     {"months": 3}),
]  # fmt: skip


def seed(apps, schema_editor):
    Rule = apps.get_model("supervision", "Rule")
    for code, kind, severity, name, params in RULES:
        Rule.objects.get_or_create(
            code=code, defaults={"kind": kind, "severity": severity, "name": name, "params": params}
        )


def unseed(apps, schema_editor):
    apps.get_model("supervision", "Rule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rulemaking", "0001_initial"),
        ("supervision", "0006_disclosure_correction_not_watched"),
    ]
    operations = [migrations.RunPython(seed, unseed)]

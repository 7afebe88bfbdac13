"""E-supervision rule of the register: a dispute mediated successfully has had no follow-up
visit within 30 days of the agreement. (The mediation and report clocks are watched by the
generic near-due and overdue rules.)"""

from django.db import migrations

RULES = [
    ("dispute_followup_30d", "dispute_followup_due", "yellow", "矛盾纠纷调解成功后30日内未回访",
     {"days": 30, "lookback_days": 120}),
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
        ("disputes", "0001_initial"),
        ("supervision", "0006_disclosure_correction_not_watched"),
    ]
    operations = [migrations.RunPython(seed, unseed)]

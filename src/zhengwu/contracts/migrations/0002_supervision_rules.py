"""E-supervision rules of the register: a milestone due within 7 days (yellow), a milestone
overdue (red), a contract's term ending soon (yellow: within
``ZHENGWU_CONTRACT_EXPIRY_WARNING_DAYS``, default 30, unless the rule is given ``days``)."""

from django.db import migrations

RULES = [
    ("contract_milestone_due", "contract_milestone_due", "yellow", "合同履约节点临近预警",
     {"days": 7}),
    ("contract_milestone_overdue", "contract_milestone_overdue", "red", "合同履约节点逾期",
     {}),
    ("contract_expiry", "contract_expiry", "yellow", "政府合同期限届满预警", {}),
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
        ("contracts", "0001_initial"),
        ("supervision", "0006_disclosure_correction_not_watched"),
    ]
    operations = [migrations.RunPython(seed, unseed)]

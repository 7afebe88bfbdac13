"""E-supervision rules of the registers: the respondent's answer overdue, the decision near due
(the rows are listed in ``zhengwu.reconsideration.supervision``, copied here so that the
migration does not change when the module does)."""

from django.db import migrations

RULES = [
    ("reconsideration_answer_overdue", "clock_overdue", "red", "行政复议被申请人逾期未答复",
     {"purposes": ["reconsideration.answer"]}),
    ("reconsideration_decision_near_due", "clock_near_due", "yellow",
     "行政复议决定期限临近", {"days": 10, "percent": 0, "purposes": ["reconsideration.decision"]}),
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
        ("reconsideration", "0001_initial"),
        ("supervision", "0006_disclosure_correction_not_watched"),
    ]
    operations = [migrations.RunPython(seed, unseed)]

"""The e-supervision rule of the register: a proposal whose proposer was not satisfied with the
reply, neither handled again nor closed 15 days after the feedback."""

from django.db import migrations

RULE = ("proposal_unsatisfied_15d", "proposal_unsatisfied_waiting", "yellow",
        "建议提案答复不满意逾期未重新办理", {"days": 15})  # fmt: skip


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
        ("proposals", "0001_initial"),
        ("supervision", "0006_disclosure_correction_not_watched"),
    ]
    operations = [migrations.RunPython(seed, unseed)]

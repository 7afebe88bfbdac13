"""The window for asking a correction of a disclosure request is not a duty: leave it out of the
near-due and overdue rules of installations seeded before it existed."""

from django.db import migrations

PURPOSE = "disclosure.correction"


def leave_out(apps, schema_editor):
    Rule = apps.get_model("supervision", "Rule")
    for rule in Rule.objects.filter(code__in=["near_due", "overdue"]):
        excluded = list(rule.params.get("exclude_purposes") or [])
        if PURPOSE not in excluded:
            rule.params = {**rule.params, "exclude_purposes": [*excluded, PURPOSE]}
            rule.save(update_fields=["params"])


def watch_again(apps, schema_editor):
    Rule = apps.get_model("supervision", "Rule")
    for rule in Rule.objects.filter(code__in=["near_due", "overdue"]):
        excluded = [p for p in rule.params.get("exclude_purposes") or [] if p != PURPOSE]
        rule.params = {**rule.params, "exclude_purposes": excluded}
        rule.save(update_fields=["params"])


class Migration(migrations.Migration):
    dependencies = [("supervision", "0005_resolved_alert_index")]
    operations = [migrations.RunPython(leave_out, watch_again)]

"""Indexes the supervision sweep reads on the case engine's tables (plain SQL, created here
because the queries are supervision's; the cases models are unchanged).

- cases_task (status, due_on): late stages and co-reviews, one range of open tasks by due date.
- cases_case (status, last_activity_at): stale cases, one range per open status.
"""

from django.db import migrations

INDEXES = {
    "supervision_task_status_due_idx": ("cases_task", "status, due_on"),
    "supervision_case_status_activity_idx": ("cases_case", "status, last_activity_at"),
}


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_default_rules"), ("cases", "0001_initial")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, (table, columns) in INDEXES.items()
    ]

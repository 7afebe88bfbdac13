"""Indexes for the supervision sweep's clock rules (created with SQL, outside the model state).

- (status, limit_days, due_date): the distinct limits of the running clocks (one probe each),
  and the near-due rule as one exact range per limit.
- (status, purpose, due_date): the distinct purposes of the running clocks, and the overdue rules
  as one exact range per purpose.

They are plain SQL so that they serve the sweep without changing ``Clock.Meta``; whoever next
edits that model may move them into ``Meta.indexes`` with ``SeparateDatabaseAndState``.
"""

from django.db import migrations

INDEXES = {
    "clock_status_limit_due_idx": "status, limit_days, due_date",
    "clock_status_purpose_due_idx": "status, purpose, due_date",
}


class Migration(migrations.Migration):
    dependencies = [("workdays", "0004_clock_department")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON workdays_clock ({columns})",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, columns in INDEXES.items()
    ]

"""The near-due index gains the purpose: (status, purpose, limit_days, due_date).

The near-due rule reads one exact range per (purpose, limit), so clocks of purposes it does not
watch (stage clocks, follow-ups) are no longer read and thrown away. Plain SQL, as in 0005.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workdays", "0005_clock_supervision_indexes")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX clock_status_limit_due_idx",
            reverse_sql="CREATE INDEX clock_status_limit_due_idx"
            " ON workdays_clock (status, limit_days, due_date)",
        ),
        migrations.RunSQL(
            "CREATE INDEX clock_status_purpose_limit_due_idx"
            " ON workdays_clock (status, purpose, limit_days, due_date)",
            reverse_sql="DROP INDEX clock_status_purpose_limit_due_idx",
        ),
    ]

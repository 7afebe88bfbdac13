"""Seed the calendar: official schedules 2004–2026 from chinesecalendar, Monday–Friday after."""

from django.db import migrations

from zhengwu.workdays.models import CALENDAR_START
from zhengwu.workdays.schedule import (
    CALENDAR_END,
    chinesecalendar_years,
    day_rows,
    from_chinesecalendar,
)


def seed(apps, schema_editor):
    Day = apps.get_model("workdays", "Day")
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarVersion = apps.get_model("workdays", "CalendarVersion")
    schedules = {year: from_chinesecalendar(year) for year in chinesecalendar_years()}
    rows = day_rows(CALENDAR_START, CALENDAR_END, schedules, first_number=0, ordinal_before=0)
    Day.objects.bulk_create([Day(**row) for row in rows], batch_size=2000)
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=year, source=s.source) for year, s in schedules.items()]
    )
    CalendarVersion.objects.update_or_create(pk=1, defaults={"number": 1})


def unseed(apps, schema_editor):
    apps.get_model("workdays", "Day").objects.all().delete()
    apps.get_model("workdays", "CalendarYear").objects.all().delete()
    apps.get_model("workdays", "CalendarVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

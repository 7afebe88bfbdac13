import datetime
from pathlib import Path

import pytest
from django.utils import translation

from zhengwu.workdays.schedule import (
    ScheduleError,
    from_chinesecalendar,
    parse_schedule,
    read_schedule_file,
)


def test_yaml_schedule():
    schedule = parse_schedule(
        "year: 2027\nsource: 通知\nholidays:\n"
        "  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}\n"
        "workdays: [2027-02-14]\n"
    )
    assert schedule.year == 2027 and schedule.source == "通知"
    assert schedule.holidays[datetime.date(2027, 1, 2)] == "元旦"
    assert schedule.is_workday(datetime.date(2027, 2, 14))
    assert not schedule.is_workday(datetime.date(2027, 1, 1))


def test_csv_schedule():
    schedule = parse_schedule(
        "kind,start,end,name\nholiday,2027-10-01,2027-10-07,国庆节\nworkday,2027-10-09,,\n",
        filename="2027.csv",
    )
    assert len(schedule.holidays) == 7 and schedule.adjusted_workdays == {
        datetime.date(2027, 10, 9)
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year: 2027\nholidays: 5\n", "must be a list"),
        ("year: 2027\nworkdays: 2027-02-14\n", "must be a list"),
        ("year: 2027\nworkdays: [2027-02-15]\n", "weekday"),
        ("year: 2027\nholidays:\n  - {name: X, start: 2027-13-01}\n", "impossible date"),
        ("year: 2027\nholidays:\n  - {name: X, start: 0101}\n", "not a date"),
        ("year: 2027\nholidays:\n  - {name: X, start: 2028-01-01}\n", "not in 2027"),
        ("holidays: []\n", "year"),
        ("kind,start,end,name\nvacation,2027-01-01,,x\n", "kind must be"),
        ("year: [\n", "not valid YAML"),
    ],
)
def test_bad_schedules_are_refused_with_a_reason(text, message):
    with translation.override("en"), pytest.raises(ScheduleError) as excinfo:
        parse_schedule(text)
    assert message in str(excinfo.value.message)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path):
    path = tmp_path / "2027.yaml"
    data = "year: 2027\nsource: 国务院办公厅关于部分节假日安排的通知\n".encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path.write_bytes(data)
    with pytest.raises(ScheduleError) as excinfo:
        read_schedule_file(path)
    assert "UTF-8" in str(excinfo.value.message)


def test_chinesecalendar_schedule_has_chinese_names():
    schedule = from_chinesecalendar(2026)
    assert schedule.holidays[datetime.date(2026, 10, 1)] == "国庆节"
    assert datetime.date(2026, 2, 14) in schedule.adjusted_workdays

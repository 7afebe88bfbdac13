"""Official holiday schedules: read from the ``chinesecalendar`` package or from a file.

A schedule file (YAML or CSV) describes one year as the State Council's notice does: holiday
ranges with their names, and the weekend days worked in lieu (调休上班).

YAML::

    year: 2027
    source: 国务院办公厅关于2027年部分节假日安排的通知
    holidays:
      - {name: 元旦, start: 2027-01-01, end: 2027-01-03}
      - {name: 春节, start: 2027-02-06, end: 2027-02-13}
    workdays: [2027-02-14, 2027-02-20]

CSV (header required; ``end`` and ``name`` may be empty for a working day)::

    kind,start,end,name
    holiday,2027-01-01,2027-01-03,元旦
    workday,2027-02-14,,
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from zhengwu.common.errors import DomainError

# chinesecalendar's English holiday names → the names in the State Council's notices.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class ScheduleError(DomainError):
    code = "invalid_schedule"
    status = 422


@dataclass
class YearSchedule:
    year: int
    source: str
    holidays: dict[datetime.date, str] = field(default_factory=dict)
    adjusted_workdays: set[datetime.date] = field(default_factory=set)

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.adjusted_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def validate(self) -> None:
        problems = []
        for day in [*self.holidays, *self.adjusted_workdays]:
            if day.year != self.year:
                problems.append(
                    _("%(date)s is not in %(year)s.") % {"date": day.isoformat(), "year": self.year}
                )
        for day in sorted(self.adjusted_workdays):
            if day.weekday() < 5:
                problems.append(
                    _("%(date)s is a weekday: only a weekend day can be an adjusted working day.")
                    % {"date": day.isoformat()}
                )
            if day in self.holidays:
                problems.append(
                    _("%(date)s is listed both as a holiday and as a working day.")
                    % {"date": day.isoformat()}
                )
        if problems:
            raise ScheduleError(" ".join(problems))


def from_chinesecalendar(year: int) -> YearSchedule:
    """The official schedule of ``year`` as shipped by the chinesecalendar package."""
    import chinese_calendar

    schedule = YearSchedule(year=year, source=f"chinesecalendar {_package_version()}")
    for day, name in chinese_calendar.holidays.items():
        if day.year == year:
            schedule.holidays[day] = HOLIDAY_NAMES.get(name, name)
    for day in chinese_calendar.workdays:
        if day.year == year and day.weekday() >= 5:
            schedule.adjusted_workdays.add(day)
    return schedule


def chinesecalendar_years() -> range:
    import chinese_calendar

    first = min(chinese_calendar.holidays).year
    last = max(chinese_calendar.holidays).year
    return range(first, last + 1)


def _package_version() -> str:
    from importlib.metadata import version

    return version("chinesecalendar")


def _parse_date(value, where: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ScheduleError(
            _("%(where)s: %(value)r is not a date (YYYY-MM-DD).") % {"where": where, "value": value}
        ) from None


def _date_range(start: datetime.date, end: datetime.date, where: str) -> list[datetime.date]:
    if end < start:
        raise ScheduleError(_("%(where)s: the range ends before it starts.") % {"where": where})
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


def parse_schedule(text: str, *, filename: str = "") -> YearSchedule:
    """A YearSchedule from the text of a YAML or CSV schedule file."""
    if filename.lower().endswith(".csv") or text.lstrip().lower().startswith("kind,"):
        return _parse_csv(text, filename)
    return _parse_yaml(text, filename)


def _parse_yaml(text: str, filename: str) -> YearSchedule:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScheduleError(_("The file is not valid YAML: %(error)s") % {"error": exc}) from None
    except ValueError as exc:  # a date-like value that is not a date, e.g. 2027-13-01
        raise ScheduleError(
            _("The file holds an impossible date: %(error)s") % {"error": exc}
        ) from None
    if not isinstance(data, dict) or "year" not in data:
        raise ScheduleError(_("The file must give the year (year: 2027)."))
    try:
        year = int(data["year"])
    except (TypeError, ValueError):
        raise ScheduleError(_("The year must be a number.")) from None
    schedule = YearSchedule(year=year, source=str(data.get("source") or filename or year))
    holidays = data.get("holidays") or []
    workdays = data.get("workdays") or []
    for key, value in (("holidays", holidays), ("workdays", workdays)):
        if not isinstance(value, list):
            raise ScheduleError(
                _("'%(key)s' must be a list (each item on its own line starting with '-').")
                % {"key": key}
            )
    for i, item in enumerate(holidays, start=1):
        where = _("holiday %(n)s") % {"n": i}
        if not isinstance(item, dict) or "start" not in item or "name" not in item:
            raise ScheduleError(_("%(where)s needs a name and a start date.") % {"where": where})
        start = _parse_date(item["start"], where)
        end = _parse_date(item.get("end") or item["start"], where)
        for day in _date_range(start, end, where):
            schedule.holidays[day] = str(item["name"])
    for i, value in enumerate(workdays, start=1):
        schedule.adjusted_workdays.add(_parse_date(value, _("working day %(n)s") % {"n": i}))
    schedule.validate()
    return schedule


def _parse_csv(text: str, filename: str) -> YearSchedule:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"kind", "start"} <= set(reader.fieldnames):
        raise ScheduleError(_("The CSV file needs the columns kind,start,end,name."))
    holidays: dict[datetime.date, str] = {}
    workdays: set[datetime.date] = set()
    for line, row in enumerate(reader, start=2):
        where = _("line %(n)s") % {"n": line}
        kind = (row.get("kind") or "").strip()
        start = _parse_date(row.get("start"), where)
        end = _parse_date(row.get("end") or row.get("start"), where)
        if kind == "holiday":
            name = (row.get("name") or "").strip()
            if not name:
                raise ScheduleError(_("%(where)s: a holiday needs a name.") % {"where": where})
            for day in _date_range(start, end, where):
                holidays[day] = name
        elif kind == "workday":
            workdays.update(_date_range(start, end, where))
        else:
            raise ScheduleError(
                _("%(where)s: kind must be 'holiday' or 'workday', not %(kind)r.")
                % {"where": where, "kind": kind}
            )
    days = [*holidays, *workdays]
    if not days:
        raise ScheduleError(_("The file lists no holidays and no working days."))
    years = {day.year for day in days}
    if len(years) != 1:
        raise ScheduleError(_("A schedule file describes one year; this one spans several."))
    schedule = YearSchedule(
        year=years.pop(), source=filename or "csv", holidays=holidays, adjusted_workdays=workdays
    )
    schedule.validate()
    return schedule


def read_schedule_file(path: Path) -> YearSchedule:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ScheduleError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
        ) from None
    except UnicodeDecodeError:
        raise ScheduleError(_("%(path)s is not a UTF-8 text file.") % {"path": path}) from None
    return parse_schedule(text, filename=path.name)


CALENDAR_END = datetime.date(2040, 12, 31)


def day_rows(
    first: datetime.date,
    last: datetime.date,
    schedules: dict[int, YearSchedule],
    *,
    first_number: int,
    ordinal_before: int,
) -> list[dict]:
    """Rows of the Day table from ``first`` to ``last``: official where a schedule is given,
    Monday to Friday (provisional) elsewhere, with running working-day ordinals."""
    rows = []
    ordinal = ordinal_before
    day = first
    number = first_number
    one = datetime.timedelta(days=1)
    while day <= last:
        schedule = schedules.get(day.year)
        if schedule is None:
            is_workday, name, adjusted, provisional = day.weekday() < 5, "", False, True
        else:
            is_workday = schedule.is_workday(day)
            name = schedule.holidays.get(day, "")
            adjusted = day in schedule.adjusted_workdays
            provisional = False
        ordinal += is_workday
        rows.append(
            {
                "number": number,
                "date": day,
                "is_workday": is_workday,
                "holiday_name": name,
                "is_adjusted_workday": adjusted,
                "workday_ordinal": ordinal,
                "provisional": provisional,
            }
        )
        day += one
        number += 1
    return rows

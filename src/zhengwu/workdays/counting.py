"""Working-day arithmetic in Python, on an in-memory copy of the ``Day`` table.

The copy is loaded once per process and reloaded when ``CalendarVersion`` changes, so every
process counts with the schedule that is in the database. The counting rules (LAW.md):

- a period starts on the day after the triggering event: "N working days after s" is the Nth
  working day strictly after s (from a Saturday, 1 working day is the next working day);
- working days are the official calendar's: weekends and statutory holidays off, adjusted
  weekend working days (调休上班) on;
- a calendar-day period whose last day is not a working day ends on the next working day;
- a day in a year with no official schedule is counted Monday to Friday and marks the result
  provisional.
"""

from __future__ import annotations

import datetime
import threading
from bisect import bisect_left
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from zhengwu.common.errors import DomainError
from zhengwu.workdays.models import CALENDAR_START, CalendarVersion, Day


class OutsideCalendar(DomainError):
    code = "outside_calendar"
    status = 422
    default_message = _("The date lies outside the loaded calendar.")


@dataclass(frozen=True)
class Counted:
    """A date counted on the calendar, and whether a provisional (unofficial) year was used."""

    date: datetime.date
    provisional: bool


@dataclass(frozen=True)
class Calendar:
    start: datetime.date
    # per day number: 1 working day, 0 not
    is_workday: bytes = field(repr=False)
    # per day number: working days from the start up to and including that day
    ordinal: tuple[int, ...] = field(repr=False)
    # the day numbers of the working days, in order (index = ordinal - 1)
    workday_numbers: tuple[int, ...] = field(repr=False)
    # the day numbers of the provisional days, in order
    provisional_numbers: tuple[int, ...] = field(repr=False)
    version: str

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=len(self.is_workday) - 1)

    def number(self, day: datetime.date) -> int:
        n = (day - self.start).days
        if n < 0 or n >= len(self.is_workday):
            raise OutsideCalendar(
                _("%(date)s lies outside the calendar (%(start)s to %(end)s).")
                % {"date": day.isoformat(), "start": self.start, "end": self.end}
            )
        return n

    def date_of(self, number: int) -> datetime.date:
        return self.start + datetime.timedelta(days=number)

    def day_is_workday(self, day: datetime.date) -> bool:
        return bool(self.is_workday[self.number(day)])

    def _provisional_between(self, first: int, last: int) -> bool:
        """Whether any day number in first..last (inclusive) is provisional."""
        i = bisect_left(self.provisional_numbers, first)
        return i < len(self.provisional_numbers) and self.provisional_numbers[i] <= last

    def add_workdays(self, start: datetime.date, n: int) -> Counted:
        """The Nth working day strictly after ``start`` (``start`` itself for N = 0)."""
        if n < 0:
            raise DomainError(_("The number of days cannot be negative."), code="negative_days")
        s = self.number(start)
        target = self.ordinal[s] + n
        if n == 0:
            return Counted(start, False)
        if target > len(self.workday_numbers):
            raise OutsideCalendar(
                _("%(n)s working days after %(date)s lie beyond the calendar's end (%(end)s).")
                % {"n": n, "date": start.isoformat(), "end": self.end}
            )
        due = self.workday_numbers[target - 1]
        return Counted(self.date_of(due), self._provisional_between(s + 1, due))

    def workdays_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative when b is before a)."""
        return self.ordinal[self.number(b)] - self.ordinal[self.number(a)]

    def between_is_provisional(self, a: datetime.date, b: datetime.date) -> bool:
        lo, hi = sorted((self.number(a), self.number(b)))
        return self._provisional_between(lo + 1, hi)

    def next_workday_on_or_after(self, day: datetime.date) -> datetime.date:
        n = self.number(day)
        if self.is_workday[n]:
            return day
        target = self.ordinal[n] + 1
        if target > len(self.workday_numbers):
            raise OutsideCalendar()
        return self.date_of(self.workday_numbers[target - 1])

    def add_calendar_days(self, start: datetime.date, n: int) -> Counted:
        """N calendar days after ``start``; a last day that is not a working day rolls forward."""
        if n < 0:
            raise DomainError(_("The number of days cannot be negative."), code="negative_days")
        raw = start + datetime.timedelta(days=n)
        due = self.next_workday_on_or_after(raw) if n else start
        return Counted(due, self._provisional_between(self.number(start) + 1, self.number(due)))


def build_calendar(rows, version: str) -> Calendar:
    """A Calendar from (is_workday, workday_ordinal, provisional) rows in day-number order."""
    flags = bytearray()
    ordinals: list[int] = []
    workday_numbers: list[int] = []
    provisional_numbers: list[int] = []
    for number, (is_workday, ordinal, provisional) in enumerate(rows):
        flags.append(1 if is_workday else 0)
        ordinals.append(ordinal)
        if is_workday:
            workday_numbers.append(number)
        if provisional:
            provisional_numbers.append(number)
    return Calendar(
        start=CALENDAR_START,
        is_workday=bytes(flags),
        ordinal=tuple(ordinals),
        workday_numbers=tuple(workday_numbers),
        provisional_numbers=tuple(provisional_numbers),
        version=version,
    )


_lock = threading.Lock()
_cached: Calendar | None = None


def current_version() -> str:
    return CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def get_calendar() -> Calendar:
    """The calendar as the database holds it now (reloaded when its version changed)."""
    global _cached
    version = current_version()
    cached = _cached
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        rows = Day.objects.order_by("number").values_list(
            "is_workday", "workday_ordinal", "provisional"
        )
        calendar = build_calendar(rows.iterator(chunk_size=5000), version)
        if not calendar.is_workday:
            raise OutsideCalendar(_("The working-day calendar has not been loaded."))
        _cached = calendar
        return calendar


def add_workdays(start: datetime.date, n: int) -> Counted:
    return get_calendar().add_workdays(start, n)


def workdays_between(a: datetime.date, b: datetime.date) -> int:
    return get_calendar().workdays_between(a, b)


def is_workday(day: datetime.date) -> bool:
    return get_calendar().day_is_workday(day)

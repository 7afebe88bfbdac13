"""The time limits of proposal handling, from the settings, and the months-based due date.

- the reply: ``ZHENGWU_PROPOSAL_REPLY_MONTHS`` (3) months from the assignment (交办之日起三个月内
  答复), counted by calendar months — the same day number of the month N months on, or that
  month's last day when it is shorter (2012-03-15 → 2012-06-15; 2012-11-30 → 2013-02-28;
  2011-11-30 → 2012-02-29). The workdays clock counts days, so the reply clock is a CALENDAR
  clock whose limit is the number of days from the assignment to that date; like every calendar
  period, one ending on a non-working day ends on the next working day (LAW.md, counting rules);
- a re-handling after an unsatisfactory reply: ``ZHENGWU_PROPOSAL_REHANDLE_MONTHS`` (1) month
  from the decision to handle it again, counted the same way;
- a co-handler's opinion to the lead: ``ZHENGWU_PROPOSAL_COHANDLING_DAYS`` (30) calendar days
  after the assignment;
- a department's request to be relieved of a proposal that is not its business:
  ``ZHENGWU_PROPOSAL_DECLINE_WORKDAYS`` (5) working days after the assignment.
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings


def reply_months() -> int:
    return int(getattr(settings, "ZHENGWU_PROPOSAL_REPLY_MONTHS", 3))


def rehandle_months() -> int:
    return int(getattr(settings, "ZHENGWU_PROPOSAL_REHANDLE_MONTHS", 1))


def cohandling_days() -> int:
    return int(getattr(settings, "ZHENGWU_PROPOSAL_COHANDLING_DAYS", 30))


def decline_workdays() -> int:
    return int(getattr(settings, "ZHENGWU_PROPOSAL_DECLINE_WORKDAYS", 5))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months on, clamped to the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def months_in_days(start: datetime.date, months: int) -> int:
    """The calendar days from ``start`` to the same day ``months`` on (the clock's limit)."""
    return (add_months(start, months) - start).days


def decline_until(assigned_on: datetime.date) -> datetime.date:
    """The last day a department may ask to be relieved: the Nth working day after assignment."""
    from zhengwu.workdays.counting import add_workdays

    return add_workdays(assigned_on, decline_workdays()).date

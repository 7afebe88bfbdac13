"""``zhengwu workdays``: working-day arithmetic and the official calendar from the command line.

- ``add DATE N``: the Nth working day strictly after DATE (``add -``: ``DATE N`` lines on stdin);
- ``between A B``: working days after A up to and including B;
- ``status``: loaded official years, provisional years, open deadlines in provisional years;
- ``load FILE``: load a year's official schedule (YAML or CSV) and re-date the open clocks.

A result counted through a year with no official schedule is followed by `` provisional``.
Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import datetime
import sys
from itertools import groupby
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhengwu.common.errors import DomainError
from zhengwu.workdays import services
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import CalendarYear
from zhengwu.workdays.schedule import read_schedule_file
from zhengwu.workdays.selectors import calendar_status

PROVISIONAL = " provisional"
REDATED_SHOWN = 20


class BadInput(ValueError):
    """A value on the command line or on stdin that cannot be used."""


def parse_date(text: str) -> datetime.date:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise BadInput(f"{text!r} is not a date (YYYY-MM-DD).")


def parse_days(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise BadInput(f"{text!r} is not a whole number of days.") from None
    if n < 0:
        raise BadInput(f"the number of days cannot be negative ({n}).")
    return n


def one_line(message) -> str:
    return " ".join(str(message).split())


def year_ranges(years) -> list[str]:
    """[2027, 2028, 2030] → ["2027–2028", "2030"]."""
    out = []
    for _, run in groupby(enumerate(sorted(years)), key=lambda pair: pair[1] - pair[0]):
        run = [year for _, year in run]
        out.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return out


class Command(BaseCommand):
    help = "Working days on the official calendar: add, between, status, load."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser(
            "add",
            help="the Nth working day strictly after DATE ('add -': 'DATE N' lines on stdin)",
        )
        add.add_argument("date", help="YYYY-MM-DD, or - to read 'DATE N' lines from stdin")
        add.add_argument("n", nargs="?", help="number of working days (0 or more)")
        between = sub.add_parser(
            "between", help="working days after A up to and including B (negative if B < A)"
        )
        between.add_argument("a", help="YYYY-MM-DD")
        between.add_argument("b", help="YYYY-MM-DD")
        sub.add_parser("status", help="loaded official years and provisional years")
        load = sub.add_parser("load", help="load a year's official schedule from a YAML/CSV file")
        load.add_argument("file", help="schedule file (.yaml, .yml or .csv)")

    def execute(self, *args, **options):
        # From the command line a CommandError becomes one "error: ..." line and its exit
        # status (Django would print "CommandError: ..."); call_command() still raises it.
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self._called_from_command_line or options.get("traceback"):
                raise
            self.stderr.write(f"error: {one_line(exc)}")
            sys.exit(exc.returncode)

    def handle(self, *args, action, **options):
        try:
            if action == "add":
                self.add(options["date"], options["n"])
            elif action == "between":
                self.between(options["a"], options["b"])
            elif action == "status":
                self.status()
            elif action == "load":
                self.load(options["file"])
        except (BadInput, DomainError) as exc:
            raise CommandError(one_line(getattr(exc, "message", exc)), returncode=2) from None

    # --- add / between ----------------------------------------------------------------------

    def add(self, date: str, n: str | None) -> None:
        if date == "-":
            if n is not None:
                raise BadInput("'add -' reads 'DATE N' lines from stdin and takes no N.")
            self.add_stdin()
            return
        if n is None:
            raise BadInput("add needs a date and a number of days: add DATE N.")
        counted = get_calendar().add_workdays(parse_date(date), parse_days(n))
        self.stdout.write(counted.date.isoformat() + (PROVISIONAL if counted.provisional else ""))

    def add_stdin(self) -> None:
        calendar = get_calendar()
        add = calendar.add_workdays
        dates: dict[str, datetime.date] = {}
        out: list[str] = []
        for lineno, line in enumerate(sys.stdin.read().splitlines(), start=1):
            fields = line.split()
            if not fields:
                continue
            try:
                if len(fields) != 2:
                    raise BadInput(f"expected 'DATE N', got {line.strip()!r}.")
                day = dates.get(fields[0])
                if day is None:
                    day = dates[fields[0]] = parse_date(fields[0])
                counted = add(day, parse_days(fields[1]))
            except (BadInput, DomainError) as exc:
                self.stdout.write("".join(out), ending="")
                message = one_line(getattr(exc, "message", exc))
                raise CommandError(f"line {lineno}: {message}", returncode=2) from None
            if counted.provisional:
                out.append(f"{counted.date.isoformat()}{PROVISIONAL}\n")
            else:
                out.append(f"{counted.date.isoformat()}\n")
        self.stdout.write("".join(out), ending="")

    def between(self, a: str, b: str) -> None:
        first, last = parse_date(a), parse_date(b)
        calendar = get_calendar()
        days = calendar.workdays_between(first, last)
        provisional = calendar.between_is_provisional(first, last)
        self.stdout.write(f"{days}{PROVISIONAL if provisional else ''}")

    # --- status -----------------------------------------------------------------------------

    def status(self) -> None:
        calendar = get_calendar()
        self.stdout.write(f"calendar: {calendar.start.isoformat()} to {calendar.end.isoformat()}")

        def loaded(row: CalendarYear) -> str:
            at = row.loaded_at
            return (timezone.localtime(at) if timezone.is_aware(at) else at).strftime(
                "%Y-%m-%d %H:%M"
            )

        def group_key(pair):
            index, row = pair
            return (row.year - index, row.source, loaded(row)[:10])

        years = list(CalendarYear.objects.order_by("year"))
        self.stdout.write("official schedules:" + ("" if years else " none"))
        for _, run in groupby(enumerate(years), key=group_key):
            rows = [row for _, row in run]
            span = str(rows[0].year) if len(rows) == 1 else f"{rows[0].year}–{rows[-1].year}"
            self.stdout.write(f"  {span} {rows[0].source} (loaded {loaded(rows[-1])})")

        status = calendar_status()
        ranges = year_ranges(status.provisional_years)
        self.stdout.write(
            "provisional years (counted Monday to Friday): " + (", ".join(ranges) or "none")
        )
        parts = [
            f"{year} ({n} clock{'' if n == 1 else 's'})"
            for year, n in status.open_provisional_by_year.items()
        ]
        self.stdout.write(
            "open deadlines in years without a schedule: " + (", ".join(parts) or "none")
        )

    # --- load -------------------------------------------------------------------------------

    def load(self, file: str) -> None:
        try:
            schedule = read_schedule_file(Path(file))
        except UnicodeDecodeError:
            raise BadInput(f"{file} is not a UTF-8 text file.") from None
        except (TypeError, AttributeError) as exc:
            # A list where a date is expected or the like, which the parser does not check.
            raise BadInput(f"{file} is not a valid schedule file ({exc}).") from None
        result = services.calendar_load_year(actor=None, schedule=schedule)
        names = list(dict.fromkeys(schedule.holidays[day] for day in sorted(schedule.holidays)))
        workdays = ", ".join(day.isoformat() for day in sorted(schedule.adjusted_workdays))
        self.stdout.write(f"loaded {schedule.year}: {schedule.source}")
        self.stdout.write(
            f"  holidays: {len(schedule.holidays)} days"
            + (f" ({', '.join(names)})" if names else "")
        )
        self.stdout.write(
            f"  adjusted working days: {len(schedule.adjusted_workdays)}"
            + (f" ({workdays})" if workdays else "")
        )
        changed = result.changed
        self.stdout.write(f"open clocks re-dated: {len(changed)} (of {result.examined} examined)")
        for pk, old, new in sorted(changed)[:REDATED_SHOWN]:
            self.stdout.write(f"  clock #{pk}: {old.isoformat()} → {new.isoformat()}")
        if len(changed) > REDATED_SHOWN:
            self.stdout.write(f"  … and {len(changed) - REDATED_SHOWN} more")

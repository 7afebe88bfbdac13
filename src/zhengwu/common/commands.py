"""What the registers' management commands (``zhengwu rulemaking``, ``zhengwu contracts``, ...)
share: bad input as one ``error: ...`` line on stderr with exit status 2, the ``--date`` of a
sweep, the ``stats`` subcommand's arguments, the division it reports on, and its output.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Callable, Iterable
from typing import NoReturn

from django.core.management.base import BaseCommand, CommandError

HOME_COUNTY_HELP = "the county's 12-digit code (default: home county)"
SWEEP_DATE_HELP = "the day to sweep as (default: today), YYYY-MM-DD"


def fail(message: str) -> NoReturn:
    """Refuse the input: ``error: <message>`` and exit status 2."""
    raise CommandError(f"error: {message}", returncode=2)


def parse_date(value: str | None) -> datetime.date | None:
    """``YYYY-MM-DD`` as a date; nothing given is None; anything else is refused."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"error: {value!r} is not a date (YYYY-MM-DD).", returncode=2) from None


class RegisterCommand(BaseCommand):
    """A register's command: run from the command line, a refusal is the one line of its
    message on stderr and the exit status it carries (no traceback, no ``CommandError:``)."""

    requires_system_checks = []

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self._called_from_command_line or options.get("traceback"):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    @staticmethod
    def add_sweep_parser(sub, *, help: str):
        """``sweep [--date D]``."""
        sweep = sub.add_parser("sweep", help=help)
        sweep.add_argument("--date", help=SWEEP_DATE_HELP)
        return sweep

    @staticmethod
    def add_stats_parser(
        sub, *, help: str = "the figures of a year", division_help: str = HOME_COUNTY_HELP
    ):
        """``stats --year Y [--division CODE] [--format text|json]``."""
        stats = sub.add_parser("stats", help=help)
        stats.add_argument("--year", type=int, required=True)
        stats.add_argument("--division", help=division_help)
        stats.add_argument("--format", choices=["text", "json"], default="text")
        return stats

    def division_of(
        self,
        code: str | None,
        *,
        levels=None,
        unknown: str = "no county {code!r}.",
        missing: str = "no county is loaded.",
    ):
        """The division ``--division CODE`` names (of one of ``levels``, if given), else the
        home county. Refused with ``unknown`` (formatted with ``code``) when no division has
        the code, with ``missing`` when no code is given and there is no home county."""
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county

        if code:
            divisions = Division.objects.filter(code=code)
            if levels is not None:
                divisions = divisions.filter(level__in=levels)
            division = divisions.first()
        else:
            division = home_county()
        if division is None:
            fail(unknown.format(code=code) if code else missing)
        return division

    def write_figures(
        self,
        division,
        year: int,
        figures: dict,
        fmt: str,
        *,
        text: Callable[[dict], Iterable[str]] | None = None,
    ) -> None:
        """``json``: one line, the figures with the division's code and the year (keys sorted,
        Chinese as it is). ``text``: the lines ``text(figures)`` gives, by default one
        ``key: value`` line a figure."""
        if fmt == "json":
            body = {"division": division.code, "year": year, **figures}
            self.stdout.write(json.dumps(body, ensure_ascii=False, sort_keys=True))
            return
        lines = text(figures) if text else (f"{key}: {value}" for key, value in figures.items())
        for line in lines:
            self.stdout.write(line)

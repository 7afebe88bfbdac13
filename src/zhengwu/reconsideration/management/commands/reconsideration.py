"""``zhengwu reconsideration``: the periodic work and the figures of the registers.

- ``sweep [--date D]``: applications whose 5 working days of examination ended with no
  decision are deemed accepted (art. 30), and those whose 10 working days to supply a
  correction ended are deemed abandoned (art. 31), each with an audit event. Safe to run any
  number of times (every full supervision sweep runs the same job).
- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures and the
  section-4 table (``reconsideration.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"error: {value!r} is not a date (YYYY-MM-DD).", returncode=2) from None


class Command(BaseCommand):
    help = "Reconsideration and litigation: the deemed-acceptance and abandonment sweep, figures."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="deemed acceptances and abandonments")
        sweep.add_argument("--date", help="the day to sweep as (default: today), YYYY-MM-DD")
        stats = sub.add_parser("stats", help="the figures of a year")
        stats.add_argument("--year", type=int, required=True)
        stats.add_argument("--division", help="the county's 12-digit code (default: home county)")
        stats.add_argument("--format", choices=["text", "json"], default="text")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self._called_from_command_line or options.get("traceback"):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def handle(self, *args, action, **options):
        if action == "sweep":
            return self._sweep(_date(options.get("date")) or timezone.localdate())
        return self._stats(options)

    def _sweep(self, day: datetime.date) -> None:
        from zhengwu.reconsideration.services import cases_sweep

        result = cases_sweep(on=day)
        self.stdout.write(
            _("%(deemed)d application(s) deemed accepted; %(abandoned)d deemed abandoned.")
            % {"deemed": len(result.deemed_accepted), "abandoned": len(result.abandoned)}
        )

    def _stats(self, options) -> None:
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county
        from zhengwu.reconsideration.figures import RESULT_COLUMNS, annual_figures

        code = options.get("division")
        division = Division.objects.filter(code=code).first() if code else home_county()
        if division is None:
            raise CommandError(
                f"error: no county {code!r}." if code else "error: no county is loaded.",
                returncode=2,
            )
        figures = annual_figures(division, options["year"])
        if options["format"] == "json":
            body = {"division": division.code, "year": options["year"], **figures}
            self.stdout.write(json.dumps(body, ensure_ascii=False, sort_keys=True))
            return
        for group in ("reconsideration", "litigation"):
            for key, value in figures[group].items():
                self.stdout.write(f"{group}.{key}: {value}")
        self.stdout.write("table: " + " ".join(RESULT_COLUMNS))
        for name, row in figures["table"].items():
            self.stdout.write(f"{name}: " + " ".join(str(row[c]) for c in RESULT_COLUMNS))

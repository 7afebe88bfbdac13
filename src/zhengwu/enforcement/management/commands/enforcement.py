"""``zhengwu enforcement``: the periodic work and the figures of the enforcement registry.

- ``sweep [--date D]``: certificates whose validity has ended become expired (the same dated job
  every full supervision sweep runs). Safe to run any number of times.
- ``stats --year Y [--division CODE] [--format text|json]``: the registry's annual figures
  (``enforcement.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


def _fail(message: str):
    raise CommandError(f"error: {message}", returncode=2)


class Command(BaseCommand):
    help = "The enforcement registry: expire certificates (sweep), annual figures (stats)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="expire certificates past their validity")
        sweep.add_argument("--date", help="the day to sweep as (default: today), YYYY-MM-DD")
        stats = sub.add_parser("stats", help="the annual figures")
        stats.add_argument("--year", type=int, required=True)
        stats.add_argument("--division", help="county code (default: the home county)")
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
            return self.sweep(options.get("date"))
        return self.stats(options["year"], options.get("division"), options["format"])

    def sweep(self, date: str | None) -> None:
        from zhengwu.enforcement.services import certificates_expire

        day = None
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError:
                _fail(f"{date!r} is not a date (YYYY-MM-DD).")
        expired = certificates_expire(day)
        self.stdout.write(_("%(n)d certificate(s) expired.") % {"n": len(expired)})

    def stats(self, year: int, code: str | None, fmt: str) -> None:
        from zhengwu.enforcement.figures import annual_figures
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county

        if not 2000 <= year <= 2100:
            _fail(f"{year} is not a year to report on.")
        if code:
            division = Division.objects.filter(code=code).first()
            if division is None:
                _fail(f"no division with code {code!r}.")
        else:
            division = home_county()
            if division is None:
                _fail("no county is set up yet (run `zhengwu demo`, or give --division).")
        figures = annual_figures(division, year)
        if fmt == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        lines = [
            f"{division.name} {year}",
            _("Bodies: %(statutory)d statutory, %(authorised)d authorised, %(entrusted)d entrusted")
            % figures["bodies"],
            _("Acts: %(total)d (penalty %(penalty)d, confirmation %(confirmation)d, "
              "compulsion %(compulsion)d, levy %(levy)d, ruling %(ruling)d, other %(other)d)")
            % figures["acts"],
            _("Laws and regulations in use: %(n)d") % {"n": figures["laws"]},
            _("Certificates: %(valid)d valid, %(expired)d expired, %(revoked)d revoked, "
              "%(suspended)d suspended") % figures["certificates"],
            _("Case files filed: %(total)d") % figures["case_files"],
            _("Major penalty filings: %(filed)d of %(required)d filed, %(on_time)d on time")
            % figures["filings"],
        ]  # fmt: skip
        self.stdout.write("\n".join(lines))

"""``zhengwu enforcement``: the periodic work and the figures of the enforcement registry.

- ``sweep [--date D]``: certificates whose validity has ended become expired (the same dated job
  every full supervision sweep runs). Safe to run any number of times.
- ``stats --year Y [--division CODE] [--format text|json]``: the registry's annual figures
  (``enforcement.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from zhengwu.common.commands import RegisterCommand, fail, parse_date


class Command(RegisterCommand):
    help = "The enforcement registry: expire certificates (sweep), annual figures (stats)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_sweep_parser(sub, help="expire certificates past their validity")
        self.add_stats_parser(
            sub, help="the annual figures", division_help="county code (default: the home county)"
        )

    def handle(self, *args, action, **options):
        if action == "sweep":
            return self.sweep(options.get("date"))
        return self.stats(options["year"], options.get("division"), options["format"])

    def sweep(self, date: str | None) -> None:
        from zhengwu.enforcement.services import certificates_expire

        expired = certificates_expire(parse_date(date))
        self.stdout.write(_("%(n)d certificate(s) expired.") % {"n": len(expired)})

    def stats(self, year: int, code: str | None, fmt: str) -> None:
        from zhengwu.enforcement.figures import annual_figures

        if not 2000 <= year <= 2100:
            fail(f"{year} is not a year to report on.")
        division = self.division_of(
            code,
            unknown="no division with code {code!r}.",
            missing="no county is set up yet (run `zhengwu demo`, or give --division).",
        )
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

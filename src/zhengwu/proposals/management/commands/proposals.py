"""``zhengwu proposals``: the figures of the proposals register.

- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``proposals.figures.annual_figures``): suggestions and proposals handled, reply rate, on-time
  rate, satisfaction, by classification, by kind and by lead department.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


class Command(BaseCommand):
    help = "The deputies' suggestions and CPPCC proposals register: the year's figures."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
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
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county
        from zhengwu.proposals.figures import annual_figures

        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"error: {year} is not a year between 2000 and 2100.", returncode=2)
        code = options.get("division")
        division = Division.objects.filter(code=code).first() if code else home_county()
        if division is None:
            raise CommandError(f"error: no division {code or '(home county)'}.", returncode=2)
        figures = annual_figures(division, year)
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2, default=str))
            return
        s = figures["satisfaction"]
        lines = [
            _("%(division)s, %(year)s: %(deputies)d deputies' suggestions and %(cppcc)d CPPCC "
              "proposals handled")
            % {"division": division.name, "year": year, "deputies": figures["deputies"],
               "cppcc": figures["cppcc"]},
            _("replied %(replied)d (reply rate %(rate)s), on time %(on_time)d (%(on_rate)s)")
            % {"replied": figures["replied"], "rate": _pct(figures["reply_rate"]),
               "on_time": figures["on_time"], "on_rate": _pct(figures["on_time_rate"])},
            _("feedback %(n)d: satisfied %(s)d, basically satisfied %(b)d, not satisfied %(u)d "
              "(satisfaction rate %(rate)s); handled again %(again)d")
            % {"n": figures["feedback"], "s": s["satisfied"], "b": s["basic"],
               "u": s["unsatisfied"], "rate": _pct(figures["satisfaction_rate"]),
               "again": figures["rehandled"]},
            _("classification: A %(A)d, B %(B)d, C %(C)d") % figures["by_classification"],
        ]  # fmt: skip
        for name, row in figures["by_department"].items():
            lines.append(f"  {name}: {row['handled']} · {row['replied']} · "
                         f"{_pct(row['on_time_rate'])}")  # fmt: skip
        self.stdout.write("\n".join(lines))

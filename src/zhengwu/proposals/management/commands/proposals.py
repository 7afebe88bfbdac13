"""``zhengwu proposals``: the figures of the proposals register.

- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``proposals.figures.annual_figures``): suggestions and proposals handled, reply rate, on-time
  rate, satisfaction, by classification, by kind and by lead department.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from zhengwu.common.commands import RegisterCommand, fail


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


class Command(RegisterCommand):
    help = "The deputies' suggestions and CPPCC proposals register: the year's figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_stats_parser(sub)

    def handle(self, *args, action, **options):
        from zhengwu.proposals.figures import annual_figures

        year = options["year"]
        if not 2000 <= year <= 2100:
            fail(f"{year} is not a year between 2000 and 2100.")
        division = self.division_of(
            options.get("division"),
            unknown="no division {code}.",
            missing="no division (home county).",
        )
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

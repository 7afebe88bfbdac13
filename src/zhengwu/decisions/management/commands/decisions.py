"""``zhengwu decisions``: the figures of major administrative decisions.

- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``decisions.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

from zhengwu.common.commands import RegisterCommand, fail


class Command(RegisterCommand):
    help = "Major administrative decisions: the year's figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_stats_parser(sub)

    def handle(self, *args, action, **options):
        from zhengwu.decisions.figures import annual_figures

        division = self.division_of(options.get("division"))
        if not 2000 <= options["year"] <= 2100:
            fail(f"{options['year']} is not a year.")
        figures = annual_figures(division, options["year"])
        self.write_figures(division, options["year"], figures, options["format"])

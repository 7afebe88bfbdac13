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

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.commands import RegisterCommand, parse_date


def _text(figures: dict):
    from zhengwu.reconsideration.figures import RESULT_COLUMNS

    for group in ("reconsideration", "litigation"):
        for key, value in figures[group].items():
            yield f"{group}.{key}: {value}"
    yield "table: " + " ".join(RESULT_COLUMNS)
    for name, row in figures["table"].items():
        yield f"{name}: " + " ".join(str(row[c]) for c in RESULT_COLUMNS)


class Command(RegisterCommand):
    help = "Reconsideration and litigation: the deemed-acceptance and abandonment sweep, figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_sweep_parser(sub, help="deemed acceptances and abandonments")
        self.add_stats_parser(sub)

    def handle(self, *args, action, **options):
        if action == "sweep":
            return self._sweep(parse_date(options.get("date")) or timezone.localdate())
        return self._stats(options)

    def _sweep(self, day: datetime.date) -> None:
        from zhengwu.reconsideration.services import cases_sweep

        result = cases_sweep(on=day)
        self.stdout.write(
            _("%(deemed)d application(s) deemed accepted; %(abandoned)d deemed abandoned.")
            % {"deemed": len(result.deemed_accepted), "abandoned": len(result.abandoned)}
        )

    def _stats(self, options) -> None:
        from zhengwu.reconsideration.figures import annual_figures

        division = self.division_of(options.get("division"))
        figures = annual_figures(division, options["year"])
        self.write_figures(division, options["year"], figures, options["format"], text=_text)

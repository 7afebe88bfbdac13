"""``zhengwu rulemaking``: the periodic work and the figures of the normative-documents
registry.

- ``sweep [--date D]``: records the lapse of every document whose validity has ended (with an
  audit event each) and lists the documents whose validity ends within 6 and within 3 months
  with no decision of their drafting department. Safe to run any number of times (the full
  supervision sweep runs the same lapse job and raises the warnings as alerts).
- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``rulemaking.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.commands import RegisterCommand, parse_date


class Command(RegisterCommand):
    help = "The normative-documents registry: the lapse and warning sweep, the year's figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_sweep_parser(sub, help="record lapses, list the expiry warnings")
        self.add_stats_parser(sub)

    def handle(self, *args, action, **options):
        if action == "sweep":
            return self._sweep(parse_date(options.get("date")) or timezone.localdate())
        return self._stats(options)

    def _sweep(self, day: datetime.date) -> None:
        from zhengwu.rulemaking.models import NormativeDocument
        from zhengwu.rulemaking.selectors import documents_expiring
        from zhengwu.rulemaking.services import documents_lapse_due

        lapsed = documents_lapse_due(on=day)
        everything = NormativeDocument.objects.all()
        six = documents_expiring(everything, day, 6).count()
        three = documents_expiring(everything, day, 3).count()
        self.stdout.write(
            _(
                "%(lapsed)d document(s) lapsed; %(six)d end within 6 months and %(three)d within "
                "3 months without a decision."
            )
            % {"lapsed": len(lapsed), "six": six, "three": three}
        )

    def _stats(self, options) -> None:
        from zhengwu.rulemaking.figures import annual_figures

        division = self.division_of(options.get("division"))
        figures = annual_figures(division, options["year"])
        self.write_figures(division, options["year"], figures, options["format"])

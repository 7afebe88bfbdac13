"""``zhengwu contracts``: the periodic work and the figures of the contract-review register.

- ``sweep [--date D]``: records the expiry of every contract in performance whose term has
  ended (an audit event each) and counts the contracts ending within
  ``ZHENGWU_CONTRACT_EXPIRY_WARNING_DAYS`` and the overdue milestones. Safe to run any number of
  times (the full supervision sweep runs the same expiry job and raises the alerts).
- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``contracts.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.commands import RegisterCommand, parse_date


class Command(RegisterCommand):
    help = "The contract-review register: the expiry sweep, the year's figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_sweep_parser(sub, help="record expiries, count the warnings")
        self.add_stats_parser(sub)

    def handle(self, *args, action, **options):
        if action == "sweep":
            return self._sweep(parse_date(options.get("date")) or timezone.localdate())
        return self._stats(options)

    def _sweep(self, day: datetime.date) -> None:
        from zhengwu.contracts.models import GovernmentContract
        from zhengwu.contracts.selectors import contracts_expiring, milestones_overdue
        from zhengwu.contracts.services import contracts_expire_due, expiry_warning_days

        expired = contracts_expire_due(on=day)
        days = expiry_warning_days()
        ending = contracts_expiring(GovernmentContract.objects.all(), day, days).count()
        overdue = milestones_overdue(day).count()
        self.stdout.write(
            _(
                "%(expired)d contract(s) expired; %(ending)d end within %(days)d days; "
                "%(overdue)d milestone(s) overdue."
            )
            % {"expired": len(expired), "ending": ending, "days": days, "overdue": overdue}
        )

    def _stats(self, options) -> None:
        from zhengwu.contracts.figures import annual_figures

        division = self.division_of(options.get("division"))
        figures = annual_figures(division, options["year"])
        self.write_figures(division, options["year"], figures, options["format"])

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
    help = "The contract-review register: the expiry sweep, the year's figures."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="record expiries, count the warnings")
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
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county

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
        for key, value in figures.items():
            self.stdout.write(f"{key}: {value}")

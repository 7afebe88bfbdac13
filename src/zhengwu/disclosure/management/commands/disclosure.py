"""``zhengwu disclosure``: the periodic work of government information disclosure.

- ``sweep [--date D]``: third-party consultations whose 15 working days have passed are closed
  (the reply clock runs again), applications not corrected within their period are regarded as
  abandoned (art. 30), and pending notifications are sent. Safe to run any number of times, from
  cron or the task queue.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "The periodic work of disclosure requests (sweep)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="lapsed consultations and abandoned applications")
        sweep.add_argument("--date", help="the day to sweep as (default: today), YYYY-MM-DD")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self._called_from_command_line or options.get("traceback"):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def handle(self, *args, action, **options):
        from zhengwu.cases.notify import send_pending
        from zhengwu.disclosure.requests.services import requests_sweep

        day = None
        if options.get("date"):
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"error: {options['date']!r} is not a date (YYYY-MM-DD).", returncode=2
                ) from None
        done = requests_sweep(on=day)
        sent = send_pending()
        self.stdout.write(
            _(
                "%(lapsed)d consultation(s) lapsed, %(abandoned)d application(s) regarded as "
                "abandoned, %(sent)d notification(s) sent."
            )
            % {
                "lapsed": len(done["consultations_lapsed"]),
                "abandoned": len(done["abandoned"]),
                "sent": sent,
            }
        )

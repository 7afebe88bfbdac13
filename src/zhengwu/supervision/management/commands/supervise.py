"""``zhengwu supervise [--date YYYY-MM-DD]``: run every supervision rule once (for cron).

Raises the alerts of the day and clears those whose condition has gone; running it again raises
nothing new. Prints how many alerts each rule raised and cleared.
"""

from __future__ import annotations

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zhengwu.supervision.sweep import sweep


class Command(BaseCommand):
    help = "Run the e-supervision sweep once."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="evaluate as of this day (default today)")

    def handle(self, *args, date=None, **options):
        on = None
        if date:
            try:
                on = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"error: {date!r} is not a date (YYYY-MM-DD).") from None
        started = time.monotonic()
        result = sweep(on=on)
        for code in sorted(result.raised):
            raised, cleared = result.raised[code], result.cleared.get(code, 0)
            if raised or cleared:
                self.stdout.write(f"  {code}: +{raised} −{cleared}")
        self.stdout.write(
            _("%(raised)d alert(s) raised, %(cleared)d cleared in %(seconds).1f s.")
            % {
                "raised": result.total_raised,
                "cleared": result.total_cleared,
                "seconds": time.monotonic() - started,
            }
        )

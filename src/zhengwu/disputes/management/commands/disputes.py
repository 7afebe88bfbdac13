"""``zhengwu disputes``: the register's figures.

- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``disputes.figures.annual_figures``) of the home county, or of the county or township
  ``CODE``.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "The dispute register: the year's figures."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("stats", help="the figures of a year")
        stats.add_argument("--year", type=int, required=True)
        stats.add_argument("--division", help="a county's or township's 12-digit code")
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
        from zhengwu.disputes.figures import annual_figures
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county

        code = options.get("division")
        division = (
            Division.objects.filter(
                code=code, level__in=[Division.Level.COUNTY, Division.Level.TOWNSHIP]
            ).first()
            if code
            else home_county()
        )
        if division is None:
            raise CommandError(
                f"error: no county or township {code!r}."
                if code
                else "error: no county is loaded.",
                returncode=2,
            )
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"error: {year} is not a year the register can hold.", returncode=2)
        figures = annual_figures(division, year)
        if options["format"] == "json":
            body = {"division": division.code, **figures}
            self.stdout.write(json.dumps(body, ensure_ascii=False, sort_keys=True))
            return
        self.stdout.write(f"{division.name} {year}")
        for key, value in figures.items():
            if isinstance(value, list):
                self.stdout.write(f"{key}:")
                for row in value:
                    name = (
                        row.get("label")
                        or row.get("township")
                        or row.get("name")
                        or row.get("month", "—")
                    )
                    self.stdout.write(
                        f"  {name}: found {row['found']}, mediated {row['mediated']}, "
                        f"succeeded {row['succeeded']}, success_rate {row['success_rate']}"
                    )
            else:
                self.stdout.write(f"{key}: {value}")

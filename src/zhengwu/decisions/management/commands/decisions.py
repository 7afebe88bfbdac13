"""``zhengwu decisions``: the figures of major administrative decisions.

- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``decisions.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Major administrative decisions: the year's figures."
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
        from zhengwu.decisions.figures import annual_figures
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county

        code = options.get("division")
        division = Division.objects.filter(code=code).first() if code else home_county()
        if division is None:
            raise CommandError(
                f"error: no county {code!r}." if code else "error: no county is loaded.",
                returncode=2,
            )
        if not 2000 <= options["year"] <= 2100:
            raise CommandError(f"error: {options['year']} is not a year.", returncode=2)
        figures = annual_figures(division, options["year"])
        if options["format"] == "json":
            body = {"division": division.code, "year": options["year"], **figures}
            self.stdout.write(json.dumps(body, ensure_ascii=False, sort_keys=True))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key}: {value}")

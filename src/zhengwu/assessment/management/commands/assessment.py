"""``zhengwu assessment``: compute a year's assessment and print its figures.

- ``compute --year Y [--division CODE] [--as USERNAME]``: computes every computed indicator
  of the county's scheme for the year for every unit (``assessment_compute``, audited as the
  legal officer named, by default the county's first active legal officer);
- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``assessment.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError


def _fail(message: str):
    raise CommandError(f"error: {message}", returncode=2)


class Command(BaseCommand):
    help = "The annual assessment: compute a year's indicators, print a year's figures."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="compute the computed indicators of a year")
        compute.add_argument("--year", type=int, required=True)
        compute.add_argument("--division", help="the county's 12-digit code (default: home county)")
        compute.add_argument("--as", dest="username", help="the legal officer to act as")
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

    def _division(self, code):
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county

        division = Division.objects.filter(code=code).first() if code else home_county()
        if division is None:
            _fail(f"no county {code!r}." if code else "no county is loaded.")
        return division

    def handle(self, *args, action, **options):
        division = self._division(options.get("division"))
        if action == "compute":
            return self._compute(division, options)
        return self._stats(division, options)

    def _compute(self, division, options) -> None:
        from zhengwu.assessment import services
        from zhengwu.assessment.models import AssessmentScheme
        from zhengwu.common.errors import DomainError
        from zhengwu.org.models import User
        from zhengwu.org.roles import Role

        year = options["year"]
        scheme = AssessmentScheme.objects.filter(division=division, year=year).first()
        if scheme is None:
            _fail(f"{division.name} has no assessment scheme for {year}.")
        users = User.objects.filter(is_active=True, kind=User.Kind.STAFF,
                                    groups__name=str(Role.LEGAL_OFFICER),
                                    department__division=division)  # fmt: skip
        if options.get("username"):
            users = User.objects.filter(username=options["username"], is_active=True)
        actor = users.order_by("pk").first()
        if actor is None:
            _fail("no legal officer to act as (use --as USERNAME).")
        try:
            counts = services.assessment_compute(actor=actor, scheme=scheme)
        except DomainError as error:
            _fail(str(error.message))
        self.stdout.write(
            f"{scheme.title}: {counts['units']} units, {counts['computed_leaves']} computed "
            f"indicators, {counts['scores']} scores; {counts['unscored']} assessed scores to go."
        )

    def _stats(self, division, options) -> None:
        from zhengwu.assessment.figures import annual_figures

        figures = annual_figures(division, options["year"])
        if options["format"] == "json":
            body = {"division": division.code, "year": options["year"], **figures}
            self.stdout.write(json.dumps(body, ensure_ascii=False, sort_keys=True))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key}: {value}")

"""``zhengwu assessment``: compute a year's assessment and print its figures.

- ``compute --year Y [--division CODE] [--as USERNAME]``: computes every computed indicator
  of the county's scheme for the year for every unit (``assessment_compute``, audited as the
  legal officer named, by default the county's first active legal officer);
- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``assessment.figures.annual_figures``).

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

from zhengwu.common.commands import RegisterCommand, fail


class Command(RegisterCommand):
    help = "The annual assessment: compute a year's indicators, print a year's figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="compute the computed indicators of a year")
        compute.add_argument("--year", type=int, required=True)
        compute.add_argument("--division", help="the county's 12-digit code (default: home county)")
        compute.add_argument("--as", dest="username", help="the legal officer to act as")
        self.add_stats_parser(sub)

    def handle(self, *args, action, **options):
        division = self.division_of(options.get("division"))
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
            fail(f"{division.name} has no assessment scheme for {year}.")
        users = User.objects.filter(is_active=True, kind=User.Kind.STAFF,
                                    groups__name=str(Role.LEGAL_OFFICER),
                                    department__division=division)  # fmt: skip
        if options.get("username"):
            users = User.objects.filter(username=options["username"], is_active=True)
        actor = users.order_by("pk").first()
        if actor is None:
            fail("no legal officer to act as (use --as USERNAME).")
        try:
            counts = services.assessment_compute(actor=actor, scheme=scheme)
        except DomainError as error:
            fail(str(error.message))
        self.stdout.write(
            f"{scheme.title}: {counts['units']} units, {counts['computed_leaves']} computed "
            f"indicators, {counts['scores']} scores; {counts['unscored']} assessed scores to go."
        )

    def _stats(self, division, options) -> None:
        from zhengwu.assessment.figures import annual_figures

        figures = annual_figures(division, options["year"])
        self.write_figures(division, options["year"], figures, options["format"])

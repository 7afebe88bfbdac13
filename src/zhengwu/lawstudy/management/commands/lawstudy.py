"""``zhengwu lawstudy``: the figures of law study and exams.

- ``stats --year Y [--division CODE] [--format text|json]``: the annual figures
  (``lawstudy.figures.annual_figures``): study sessions, courses and people trained, the annual
  law exam's units, examinees, participation and pass rates, pre-appointment exams.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


def _fail(message: str):
    raise CommandError(f"error: {message}", returncode=2)


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


class Command(BaseCommand):
    help = "Law study and exams: annual figures (stats)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        stats = sub.add_parser("stats", help="the annual figures")
        stats.add_argument("--year", type=int, required=True)
        stats.add_argument("--division", help="county code (default: the home county)")
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
        return self.stats(options["year"], options.get("division"), options["format"])

    def stats(self, year: int, code: str | None, fmt: str) -> None:
        from zhengwu.lawstudy.figures import annual_figures
        from zhengwu.org.models import Division
        from zhengwu.org.selectors import home_county

        if not 2000 <= year <= 2100:
            _fail(f"{year} is not a year to report on.")
        if code:
            division = Division.objects.filter(code=code).first()
            if division is None:
                _fail(f"no division with code {code!r}.")
        else:
            division = home_county()
            if division is None:
                _fail("no county is set up yet (run `zhengwu demo`, or give --division).")
        f = annual_figures(division, year)
        if fmt == "json":
            self.stdout.write(json.dumps(f, ensure_ascii=False, indent=2))
            return
        refresher = f["courses_by_kind"]["refresher"]
        new_staff = f["courses_by_kind"]["new_staff"]
        lines = [
            f"{division.name} {year}",
            _("Study sessions: %(n)d (central group %(c)d)")
            % {"n": f["study_sessions"], "c": f["study_sessions_by_kind"]["central_group"]},
            _("Training courses: %(n)d, %(t)d trained") % {"n": f["courses"], "t": f["trained"]},
            _("  refresher: %(n)d courses, %(t)d trained")
            % {"n": refresher["courses"], "t": refresher["trained"]},
            _("  new leaders and new hires: %(n)d courses, %(t)d trained")
            % {"n": new_staff["courses"], "t": new_staff["trained"]},
            _("Annual law exam: %(u)d units, %(p)d of %(e)d sat (%(r)s), %(ok)d passed (%(pr)s)")
            % {
                "u": f["exam_units"],
                "p": f["examinees"],
                "e": f["eligible"],
                "r": _pct(f["exam_participation_rate"]),
                "ok": f["passed"],
                "pr": _pct(f["pass_rate"]),
            },
            _("Pre-appointment exams: %(c)d candidates, %(p)d passed, %(f)d failed")
            % {
                "c": f["pre_appointment"]["candidates"],
                "p": f["pre_appointment"]["passed"],
                "f": f["pre_appointment"]["failed"],
            },
        ]
        self.stdout.write("\n".join(lines))

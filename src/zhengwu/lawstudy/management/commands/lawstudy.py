"""``zhengwu lawstudy``: the figures of law study and exams.

- ``stats --year Y [--division CODE] [--format text|json]``: the annual figures
  (``lawstudy.figures.annual_figures``): study sessions, courses and people trained, the annual
  law exam's units, examinees, participation and pass rates, pre-appointment exams.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from zhengwu.common.commands import RegisterCommand, fail


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


class Command(RegisterCommand):
    help = "Law study and exams: annual figures (stats)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_stats_parser(
            sub, help="the annual figures", division_help="county code (default: the home county)"
        )

    def handle(self, *args, action, **options):
        return self.stats(options["year"], options.get("division"), options["format"])

    def stats(self, year: int, code: str | None, fmt: str) -> None:
        from zhengwu.lawstudy.figures import annual_figures

        if not 2000 <= year <= 2100:
            fail(f"{year} is not a year to report on.")
        division = self.division_of(
            code,
            unknown="no division with code {code!r}.",
            missing="no county is set up yet (run `zhengwu demo`, or give --division).",
        )
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

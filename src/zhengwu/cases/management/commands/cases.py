"""``zhengwu cases``: the case figures from the command line.

- ``stats --year Y [--by department|centre|centre_kind|channel|month] [--format table|json]``:
  the year's figures (received, accepted, refused, completed, completion rate, on time, instant
  and promised, average working days, ratings) of the home county's cases, optionally per group;
  the county centre's figures as the annual report reads them; the to-date figures on
  31 December. The definitions are those of :mod:`zhengwu.cases.stats`.

- ``sweep``: the periodic job — accept, as the law deems, every application whose window for
  deciding on acceptance has run out, and send the notifications not sent yet. Safe to run any
  number of times, from cron or the task queue.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json
import sys
import unicodedata

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zhengwu.cases import stats
from zhengwu.org.selectors import home_county

FIRST_YEAR, LAST_YEAR = 1949, 2100


def width(text: str) -> int:
    """Columns the text takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    space = " " * max(0, columns - width(text))
    return space + text if right else text + space


def shown(value) -> str:
    """A count or a mean as printed; a missing one (nothing to average) as —."""
    if value is None:
        return "—"
    return str(value)


def percent(value) -> str:
    """A rate as printed, with its one decimal; a rate of nothing as —."""
    return "—" if value is None else f"{value:.1f}%"


def year_argument(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise CommandError(f"error: {text!r} is not a year.", returncode=2) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CommandError(
            f"error: the year must lie between {FIRST_YEAR} and {LAST_YEAR}.", returncode=2
        )
    return year


class Command(BaseCommand):
    help = "Case figures (stats) and the periodic sweep (sweep)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        st = sub.add_parser("stats", help="the case figures of a year")
        st.add_argument("--year", required=True, help="the year, e.g. 2012")
        st.add_argument("--by", choices=list(stats.GROUPINGS), help="group the figures")
        st.add_argument("--format", choices=["table", "json"], default="table")
        sub.add_parser("sweep", help="deemed acceptances and pending notifications")

    def execute(self, *args, **options):
        # From the command line a CommandError becomes its one-line message and its exit status
        # (Django would print "CommandError: ..."); call_command() still raises it.
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self._called_from_command_line or options.get("traceback"):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def handle(self, *args, action, **options):
        if action == "stats":
            self.do_stats(year_argument(options["year"]), options["by"], options["format"])
        elif action == "sweep":
            self.do_sweep()

    # --- sweep ------------------------------------------------------------------------------

    def do_sweep(self) -> None:
        from zhengwu.cases.notify import send_pending
        from zhengwu.cases.services import cases_deem_accepted

        deemed = cases_deem_accepted()
        sent = send_pending()
        self.stdout.write(
            _("%(deemed)d application(s) deemed accepted, %(sent)d notification(s) sent.")
            % {"deemed": len(deemed), "sent": sent}
        )
        for number in deemed:
            self.stdout.write(f"  {number}")

    # --- stats ------------------------------------------------------------------------------

    def do_stats(self, year: int, by: str | None, fmt: str) -> None:
        county = home_county()
        cases = stats.cases_of(county) if county is not None else None
        start, end = stats.year_period(year)
        figures = stats.case_figures(start, end, cases=cases)
        groups = stats.case_figures_by(start, end, by, cases=cases) if by else []
        annual = stats.annual_figures(year, cases=cases)
        if fmt == "json":
            out = {
                "year": year,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "county": county.name if county else None,
                "figures": figures.as_dict(),
                **({"by": by, "groups": [g.as_dict() for g in groups]} if by else {}),
                **annual,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        self.stdout.write("\n".join(self.table(year, county, figures, by, groups, annual)))

    def table(self, year, county, figures, by, groups, annual) -> list[str]:
        where = county.name if county else _("all divisions")
        out = [_("Cases of %(where)s, %(year)s:") % {"where": where, "year": year}]
        rows = [
            (_("received"), shown(figures.received)),
            (_("accepted"), shown(figures.accepted)),
            ("  " + _("of which promised matters"), shown(figures.promised)),
            ("  " + _("of which instant matters"), shown(figures.instant)),
            (_("refused"), shown(figures.refused)),
            (_("completed"), shown(figures.completed)),
            (_("completion rate"), percent(figures.completion_rate)),
            (_("completed on time"), shown(figures.on_time)),
            (_("on-time rate"), percent(figures.on_time_rate)),
            (_("average working days to completion"), shown(figures.average_working_days)),
            (_("ratings"), shown(figures.rated)),
            (_("satisfaction rate"), percent(figures.satisfaction_rate)),
        ]
        first = max(width(label) for label, _value in rows)
        out += [f"  {pad(label, first)}  {value}" for label, value in rows]
        if by:
            out.append("")
            out.append(_("By %(grouping)s:") % {"grouping": stats.GROUPING_LABELS[by]})
            out += self.group_table(groups)
        centre, to_date = annual["cases"], annual["service_centre"]
        out.append("")
        out.append(
            _(
                "County service centre, %(year)s: %(accepted)d accepted (%(promised)d promised, "
                "%(instant)d instant), %(completed)d completed, completion rate %(rate)s."
            )
            % {**centre, "year": year, "rate": percent(centre["completion_rate"])}
        )
        out.append(
            _(
                "To %(day)s: the county service centre accepted %(accepted)d and completed "
                "%(completed)d (%(rate)s); the township halls accepted %(halls)d."
            )
            % {
                "day": f"{year}-12-31",
                "accepted": to_date["accepted_to_date"],
                "completed": to_date["completed_to_date"],
                "rate": percent(to_date["completion_rate_to_date"]),
                "halls": to_date["township_halls_accepted_to_date"],
            }
        )
        return out

    def group_table(self, groups) -> list[str]:
        headers = [
            "",
            _("received"),
            _("accepted"),
            _("refused"),
            _("completed"),
            _("completion rate"),
            _("on-time rate"),
            _("instant"),
            _("promised"),
            _("days"),
            _("rated"),
            _("satisfaction rate"),
        ]
        body = [
            [
                g.label,
                shown(g.figures.received),
                shown(g.figures.accepted),
                shown(g.figures.refused),
                shown(g.figures.completed),
                percent(g.figures.completion_rate),
                percent(g.figures.on_time_rate),
                shown(g.figures.instant),
                shown(g.figures.promised),
                shown(g.figures.average_working_days),
                shown(g.figures.rated),
                percent(g.figures.satisfaction_rate),
            ]
            for g in groups
        ]
        widths = [max(width(row[i]) for row in [headers, *body]) for i in range(len(headers))]
        lines = []
        for row in [headers, *body]:
            cells = [pad(row[0], widths[0])]
            cells += [pad(cell, w, right=True) for cell, w in zip(row[1:], widths[1:], strict=True)]
            lines.append("  " + "  ".join(cells).rstrip())
        return lines

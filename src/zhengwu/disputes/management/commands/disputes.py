"""``zhengwu disputes``: the register's figures.

- ``stats --year Y [--division CODE] [--format text|json]``: the year's figures
  (``disputes.figures.annual_figures``) of the home county, or of the county or township
  ``CODE``.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

from zhengwu.common.commands import RegisterCommand, fail


def _text(division, year: int, figures: dict):
    yield f"{division.name} {year}"
    for key, value in figures.items():
        if not isinstance(value, list):
            yield f"{key}: {value}"
            continue
        yield f"{key}:"
        for row in value:
            name = (
                row.get("label") or row.get("township") or row.get("name") or row.get("month", "—")
            )
            yield (
                f"  {name}: found {row['found']}, mediated {row['mediated']}, "
                f"succeeded {row['succeeded']}, success_rate {row['success_rate']}"
            )


class Command(RegisterCommand):
    help = "The dispute register: the year's figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_stats_parser(sub, division_help="a county's or township's 12-digit code")

    def handle(self, *args, action, **options):
        from zhengwu.disputes.figures import annual_figures
        from zhengwu.org.models import Division

        division = self.division_of(
            options.get("division"),
            levels=[Division.Level.COUNTY, Division.Level.TOWNSHIP],
            unknown="no county or township {code!r}.",
        )
        year = options["year"]
        if not 2000 <= year <= 2100:
            fail(f"{year} is not a year the register can hold.")
        figures = annual_figures(division, year)
        self.write_figures(
            division, year, figures, options["format"], text=lambda f: _text(division, year, f)
        )

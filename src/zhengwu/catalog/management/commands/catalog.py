"""``zhengwu catalog``: the catalog as a spreadsheet, and its statistics.

- ``import FILE.xlsx [--dry-run]``: check every row; import nothing when any row is bad (each
  problem on a line ``row 12 · 事项 · 实施编码: reason``, a summary, exit status 1);
- ``export FILE.xlsx``: the current version of every power, with its legal bases, materials,
  fees and process stages;
- ``stats [--format json|text]``: the counts of the published catalog.

A file that cannot be read or written gives one ``error:`` line on stderr and exit status 2.
Progress is shown on stderr for files of more than 500 rows.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from zhengwu.catalog.models import BodyStanding, PowerKind
from zhengwu.catalog.selectors import catalog_stats
from zhengwu.catalog.spreadsheet import (
    SHEETS,
    ImportReport,
    export_catalog,
    import_catalog,
)

PROGRESS_THRESHOLD = 500


def width(text: str) -> int:
    """Columns the text takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(rows: list[tuple[str, object]], indent: str = "  ") -> list[str]:
    first = max((width(label) for label, _value in rows), default=0)
    return [f"{indent}{pad(label, first)}  {value}" for label, value in rows]


class Progress:
    """A tqdm bar on stderr, opened at the first report of a total above the threshold."""

    def __init__(self, stream, unit: str):
        self.stream = stream
        self.unit = unit
        self.bar: tqdm | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total <= PROGRESS_THRESHOLD:
                return
            self.bar = tqdm(total=total, file=self.stream, unit=self.unit, leave=True)
        if total != self.bar.total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def summary_of_import(report: ImportReport) -> str:
    counts = {
        "created": report.created,
        "updated": report.updated,
        "status": report.status_changed,
        "unchanged": report.unchanged,
    }
    if report.dry_run:
        line = _(
            "Dry run: no problems. An import would create %(created)d powers, give "
            "%(updated)d powers a new version and change the status of %(status)d; "
            "%(unchanged)d are unchanged."
        )
    else:
        line = _(
            "Imported: %(created)d new powers, %(updated)d new versions, %(status)d status "
            "changes; %(unchanged)d powers unchanged."
        )
    return line % counts


class Command(BaseCommand):
    help = "The power list and service catalog: import, export, stats."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a catalog workbook (.xlsx)")
        imp.add_argument("file", help="the workbook")
        imp.add_argument("--dry-run", action="store_true", help="check every row, import nothing")
        exp = sub.add_parser("export", help="export the catalog to a workbook (.xlsx)")
        exp.add_argument("file", help="the workbook to write")
        stats = sub.add_parser("stats", help="the counts of the published catalog")
        stats.add_argument("--format", choices=["json", "text"], default="text")

    def execute(self, *args, **options):
        # From the command line a CommandError becomes its message and its exit status (Django
        # would print "CommandError: ..."); call_command() still raises it.
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self._called_from_command_line or options.get("traceback"):
                raise
            if str(exc):
                self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def handle(self, *args, action, **options):
        if action == "import":
            self.do_import(Path(options["file"]), dry_run=options["dry_run"])
        elif action == "export":
            self.do_export(Path(options["file"]))
        elif action == "stats":
            self.do_stats(options["format"])

    # --- import -----------------------------------------------------------------------------

    def do_import(self, path: Path, *, dry_run: bool) -> None:
        if not path.is_file():
            raise CommandError(
                "error: " + _("%(file)s: no such file.") % {"file": path}, returncode=2
            )
        progress = Progress(self.stderr._out, _("rows"))
        try:
            report = import_catalog(path, actor=None, dry_run=dry_run, progress=progress)
        finally:
            progress.close()
        if report.problems:
            for problem in report.problems:
                self.stdout.write(str(problem))
            n = len(report.problems)
            self.stdout.write(
                ngettext(
                    "%(count)d problem, nothing was imported.",
                    "%(count)d problems, nothing was imported.",
                    n,
                )
                % {"count": n}
            )
            raise CommandError("", returncode=1)
        self.stdout.write(summary_of_import(report))
        for sheet in SHEETS[1:]:
            self.stdout.write(f"  {sheet.name}: {report.parts.get(sheet.name, 0)}")

    # --- export -----------------------------------------------------------------------------

    def do_export(self, path: Path) -> None:
        progress = Progress(self.stderr._out, _("powers"))
        try:
            counts = export_catalog(path, progress=progress)
        except OSError as exc:
            raise CommandError(
                "error: " + _("%(file)s: cannot write (%(error)s).") % {"file": path, "error": exc},
                returncode=2,
            ) from None
        finally:
            progress.close()
        self.stdout.write(_("Exported to %(file)s:") % {"file": path})
        for sheet in SHEETS:
            self.stdout.write(f"  {sheet.name}: {counts.get(sheet.name, 0)}")

    # --- stats ------------------------------------------------------------------------------

    def do_stats(self, fmt: str) -> None:
        stats = catalog_stats()
        if fmt == "json":
            self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
            return
        out = [_("Powers by kind:")]
        out += table([(str(PowerKind(k).label), n) for k, n in stats["by_kind"].items()])
        out.append(_("Total: %(n)d") % {"n": stats["total"]})
        out.append(
            _("Bodies implementing licensing, other approval, public service and fee items: %(n)d")
            % {"n": stats["implementing_bodies"]}
        )
        out.append(_("Bodies exercising enforcement acts, by standing:"))
        out += table(
            [(str(BodyStanding(k).label), n) for k, n in stats["enforcement_bodies"].items()]
        )
        line = _("Handled in the service centre: %(n)d powers")
        out.append(line % {"n": stats["service_centre"]})
        if "service_centre_departments" in stats:
            out[-1] += _(" (%(n)d departments)") % {"n": stats["service_centre_departments"]}
        out.append(_("Powers by department:"))
        out += table(list(stats["by_department"].items()))
        self.stdout.write("\n".join(out))

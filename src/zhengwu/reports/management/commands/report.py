"""``zhengwu report``: the reports the county sends up, written from the records.

- ``disclosure --year Y [--format json|docx|xlsx] [--output FILE] [--notes FILE] [--publish]``:
  the statutory annual report on government information disclosure (国办公开办函〔2021〕30号
  format) of the home county. JSON goes to stdout unless ``--output`` is given; DOCX and XLSX
  need ``--output``. ``--notes`` is a YAML file with the office's own text for sections 5 and 6
  (``problems: …``, ``other: …``). ``--publish`` also publishes it in the disclosure catalog
  (22.01, annual reports), or brings the published one up to date.

- ``annual --year Y [--division CODE] [--format json|text] [--out FILE.docx]``: the figures of
  the annual report on law-based administration (``zhengwu.reports.annual.annual_figures``) of
  the home county (or the division ``CODE``), as JSON (sorted keys) or a readable listing; with
  ``--out`` the report is written as a Word document instead.
- ``explain KEY --year Y [--division CODE] [--limit N] [--format text|json]``: where one figure
  comes from (``zhengwu.reports.explain``): the query, the number of records behind it and the
  first ``N`` of them. ``KEY`` is dotted: ``cases.completed``, ``enforcement.bodies.statutory``.

Bad input gives one line on stderr starting with ``error:`` and exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from zhengwu.cases.management.commands.cases import year_argument
from zhengwu.org.selectors import home_county


class Command(BaseCommand):
    help = "Reports written from the records (disclosure, annual, explain)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="report", required=True)
        d = sub.add_parser("disclosure", help="the annual government information disclosure report")
        d.add_argument("--year", required=True, help="the year, e.g. 2012")
        d.add_argument("--format", choices=["json", "docx", "xlsx"], default="json")
        d.add_argument("--output", help="write the report to this file")
        d.add_argument("--notes", help="YAML with the office's text for sections 5 and 6")
        d.add_argument(
            "--publish",
            action="store_true",
            help="also publish the report in the disclosure catalog (annual reports)",
        )
        a = sub.add_parser(
            "annual", help="the figures of the annual law-based administration report"
        )
        a.add_argument("--year", required=True, help="the year, e.g. 2012")
        a.add_argument("--division", help="the division's code (default: the home county)")
        a.add_argument("--format", choices=["json", "text"], default="json")
        a.add_argument("--out", help="write the report as a Word document (.docx) to this file")
        e = sub.add_parser("explain", help="the records behind one figure of the annual report")
        e.add_argument("key", help="the figure's dotted key, e.g. cases.completed")
        e.add_argument("--year", required=True, help="the year, e.g. 2012")
        e.add_argument("--division", help="the division's code (default: the home county)")
        e.add_argument("--limit", default="10", help="how many records to list (default 10)")
        e.add_argument("--format", choices=["text", "json"], default="text")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self._called_from_command_line or options.get("traceback"):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def handle(self, *args, report, **options):
        if report == "disclosure":
            self.disclosure(options)
        elif report == "annual":
            self.annual(options)
        elif report == "explain":
            self.explain(options)

    def _division(self, code: str | None):
        from zhengwu.org.models import Division

        if code:
            division = Division.objects.filter(code=code).first()
            if division is None:
                raise CommandError(f"error: there is no division {code!r}.", returncode=2)
            return division
        county = home_county()
        if county is None:
            raise CommandError("error: there is no county in the database.", returncode=2)
        return county

    def annual(self, options) -> None:
        from zhengwu.reports.annual import annual_figures

        year = year_argument(options["year"])
        division = self._division(options["division"])
        if options["out"]:
            out = options["out"]
            if not out.lower().endswith(".docx"):
                raise CommandError("error: --out must name a .docx file.", returncode=2)
            try:
                from zhengwu.reports.document import write_annual_report
            except ImportError:
                raise CommandError(
                    "error: the Word document of the annual report is not available "
                    "(zhengwu.reports.document.write_annual_report is missing).",
                    returncode=2,
                ) from None
            try:
                write_annual_report(division=division, year=year, path=out, actor=None)
            except OSError as exc:
                raise CommandError(f"error: cannot write {out}: {exc}", returncode=2) from None
            self.stdout.write(f"{out}: {Path(out).stat().st_size:,} bytes")
            return
        figures = annual_figures(division, year)
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, sort_keys=True, ensure_ascii=False, indent=2))
            return
        self.stdout.write("\n".join(annual_text(figures, division)))

    def explain(self, options) -> None:
        from zhengwu.reports.explain import UnknownKey, explain

        year = year_argument(options["year"])
        try:
            limit = int(options["limit"])
        except ValueError:
            limit = -1
        if limit < 0:
            raise CommandError(
                f"error: --limit must be a whole number >= 0, not {options['limit']!r}.",
                returncode=2,
            )
        division = self._division(options["division"])
        try:
            explanation = explain(division, year, options["key"], limit=limit)
        except UnknownKey as exc:
            raise CommandError(f"error: {exc}", returncode=2) from None
        if options["format"] == "json":
            data = explanation.as_dict()
            text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2, default=str)
            self.stdout.write(text)
            return
        self.stdout.write("\n".join(explanation_text(explanation)))

    def disclosure(self, options) -> None:
        from zhengwu.disclosure.annual_report import disclosure_report
        from zhengwu.disclosure.report_files import report_docx, report_xlsx

        year = year_argument(options["year"])
        fmt, output = options["format"], options["output"]
        if fmt != "json" and not output:
            raise CommandError(f"error: --format {fmt} needs --output FILE.", returncode=2)
        county = home_county()
        if county is None:
            raise CommandError("error: there is no county in the database.", returncode=2)
        notes = {}
        if options["notes"]:
            try:
                notes = yaml.safe_load(Path(options["notes"]).read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise CommandError(f"error: cannot read the notes: {exc}", returncode=2) from None
            if not isinstance(notes, dict):
                raise CommandError("error: the notes must be a YAML mapping.", returncode=2)
        report = disclosure_report(county, year, notes=notes)
        if options["publish"]:
            from django.utils import timezone

            from zhengwu.disclosure.annual_report import publish_disclosure_report
            from zhengwu.disclosure.guide import disclosure_office

            office = disclosure_office(county)
            if office is None:
                raise CommandError("error: the county has no disclosure office.", returncode=2)
            item = publish_disclosure_report(
                actor=None, report=report, department=office, on=timezone.localdate()
            )
            self.stderr.write(f"published: {item.index_number} {item.title}")
        if fmt == "json":
            text = json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
            if output:
                Path(output).write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        data = report_docx(report) if fmt == "docx" else report_xlsx(report)
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {len(data):,} bytes")


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}%"
    return f"{value:,}" if isinstance(value, int) else str(value)


def annual_text(figures: dict, division) -> list[str]:
    """The figures as an indented listing, section by section, in the report's order."""
    from zhengwu.reports.annual import SECTIONS

    lines = [f"{division.name} ({figures['division']}), {figures['year']}"]

    def walk(name: str, spec, value, depth: int) -> None:
        indent = "  " * depth
        if spec is None:
            lines.append(f"{indent}{name}: {_value(value)}")
            return
        lines.append(f"{indent}{name}:")
        items = spec.items() if isinstance(spec, dict) else ((k, None) for k in spec)
        for key, sub in items:
            walk(key, sub, value[key], depth + 1)

    for name, spec in SECTIONS.items():
        walk(name, spec, figures[name], 0)
    return lines


def explanation_text(e) -> list[str]:
    """An explanation as lines: the figure, how it is formed, the records behind it."""
    lines = [f"{e.key} = {_value(e.figure)}", f"  {e.description}"]
    if e.kind == "rate":
        for label, part in (("numerator", e.numerator), ("denominator", e.denominator)):
            if part.explanation is None:
                lines.append(f"  {label}: {part.key} = {_value(part.value)}")
            else:
                lines.append(f"  {label}: {_value(part.value)}")
                lines.extend("    " + line for line in _query_lines(part.explanation))
        return lines
    lines.extend(_query_lines(e))
    return lines


def _query_lines(e) -> list[str]:
    lines = [f"  model: {e.model} ({e.model_label})"]
    for f in e.filters:
        lines.append(f"  filter: {f}")
    if e.date_field:
        start = e.start.isoformat() if e.start else "…"
        end = e.end.isoformat() if e.end else "…"
        lines.append(f"  date: {e.date_field} from {start} to {end}")
    if e.source:
        lines.append(f"  source: {e.source}")
    lines.append(f"  records: {e.count:,}")
    if e.total is not None:
        lines.append(f"  sum of {e.value_field}: {e.total:,}")
    for r in e.records:
        date = r["date"].isoformat() if hasattr(r.get("date"), "isoformat") else (r["date"] or "")
        extra = f"  [{r['value']}]" if "value" in r else ""
        number = r["number"] or ""
        lines.append(
            f"    #{r['id'] if r['id'] is not None else '-'}  {number}  {r['title']}  "
            f"{date}{extra}".rstrip()
        )
    if e.count and len(e.records) < e.count:
        lines.append(f"    … {e.count - len(e.records):,} more")
    return lines

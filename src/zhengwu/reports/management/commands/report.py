"""``zhengwu report``: the reports the county sends up, written from the records.

- ``disclosure --year Y [--format json|docx|xlsx] [--output FILE] [--notes FILE] [--publish]``:
  the statutory annual report on government information disclosure (国办公开办函〔2021〕30号
  format) of the home county. JSON goes to stdout unless ``--output`` is given; DOCX and XLSX
  need ``--output``. ``--notes`` is a YAML file with the office's own text for sections 5 and 6
  (``problems: …``, ``other: …``). ``--publish`` also publishes it in the disclosure catalog
  (22.01, annual reports), or brings the published one up to date.

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
    help = "Reports written from the records (disclosure)."
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

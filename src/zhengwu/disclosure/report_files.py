"""The annual disclosure report as the files people exchange: DOCX (official-document layout,
GB/T 9704: title in a large serif, headings in a sans, body in fangsong) and XLSX (one sheet per
table). The text is in the site's language."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from zhengwu.disclosure.annual_report import RESULT_COLUMNS, DisclosureReport
from zhengwu.disclosure.models.requests import ApplicantType

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


def _headers() -> dict:
    return {
        "title": _("%(name)s annual report on government information disclosure, %(year)s"),
        "s1": _("1. Overview"),
        "s2": _("2. Proactive disclosure"),
        "s3": _("3. Requests for disclosure received and handled"),
        "s4": _("4. Administrative reconsideration and litigation about disclosure"),
        "s5": _("5. Main problems and improvements"),
        "s6": _("6. Other matters to report"),
    }


def _proactive_rows(report: DisclosureReport) -> list[tuple[str, list]]:
    p = report.proactive
    return [
        (_("Rules"), [p["rules"]["issued"], p["rules"]["repealed"], p["rules"]["in_force"]]),
        (_("Administrative normative documents"),
         [p["normative_documents"]["issued"], p["normative_documents"]["repealed"],
          p["normative_documents"]["in_force"]]),
    ]  # fmt: skip


def _decision_rows(report: DisclosureReport) -> list[tuple[str, object]]:
    p = report.proactive
    return [
        (_("Administrative licensing: decisions this year"), p["licensing"]),
        (_("Administrative penalties: decisions this year"), p["penalty"]),
        (_("Administrative compulsion: decisions this year"), p["compulsion"]),
        (_("Administrative fees: amount collected this year (10,000 yuan)"),
         p["fees_10k_yuan"]),
    ]  # fmt: skip


def _column_labels() -> list[str]:
    return [str(t.label) for t in ApplicantType] + [_("total")]


def _review_labels() -> list[str]:
    return [_("maintained"), _("corrected"), _("other result"), _("pending"), _("total")]


def _set_font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, *, font=BODY_FONT, size=16.0, bold=False, center=False, indent=True):
    paragraph = doc.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.line_spacing = Pt(28)
    _set_font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def _table(doc, header: list[str], rows: list[list]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _set_font(cell.paragraphs[0].add_run(str(text)), BODY_FONT, 10.5, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            _set_font(cell.paragraphs[0].add_run(str(value)), BODY_FONT, 10.5)


def _request_rows(report: DisclosureReport) -> list[list]:
    return [
        ["　" * line["level"] + line["label"], *line["cells"]]
        for line in report.as_dict()["requests_lines"]
        if line["cells"]
    ]


def report_docx(report: DisclosureReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        h = _headers()
        doc = Document()
        for section in doc.sections:
            section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
            section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        _paragraph(doc, h["title"] % {"name": report.division.name, "year": report.year},
                   font=TITLE_FONT, size=22, center=True)  # fmt: skip
        _paragraph(doc, h["s1"], font=HEADING_FONT, indent=True)
        for line in report.summary():
            _paragraph(doc, line)
        _paragraph(doc, h["s2"], font=HEADING_FONT)
        _table(
            doc,
            [_("Information"), _("issued this year"), _("repealed this year"), _("in force")],
            [[label, *values] for label, values in _proactive_rows(report)],
        )
        _table(doc, [_("Information"), _("figure")],
               [[label, value] for label, value in _decision_rows(report)])  # fmt: skip
        _paragraph(doc, h["s3"], font=HEADING_FONT)
        _table(doc, [_("Item"), *_column_labels()], _request_rows(report))
        check = report.requests["check"]
        _paragraph(
            doc,
            _("Check: new + carried over = handled + carried forward: %(result)s")
            % {"result": _("balanced") if check["ok"] else _("NOT balanced")},
            size=12,
        )
        _paragraph(doc, h["s4"], font=HEADING_FONT)
        _table(
            doc,
            [_("Proceeding"), *_review_labels()],
            [
                [_("Administrative reconsideration"),
                 *[report.review["reconsideration"][c] for c in RESULT_COLUMNS]],
                [_("Litigation without prior reconsideration"),
                 *[report.review["litigation_direct"][c] for c in RESULT_COLUMNS]],
                [_("Litigation after reconsideration"),
                 *[report.review["litigation_after_review"][c] for c in RESULT_COLUMNS]],
            ],
        )  # fmt: skip
        _paragraph(doc, h["s5"], font=HEADING_FONT)
        _paragraph(doc, report.notes.get("problems") or _("(Written by the disclosure office.)"))
        _paragraph(doc, h["s6"], font=HEADING_FONT)
        _paragraph(
            doc,
            _("Processing fees charged under art. 42 of the Regulations: %(amount)s yuan.")
            % {"amount": report.processing_fees},
        )
        if report.notes.get("other"):
            _paragraph(doc, report.notes["other"])
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def report_xlsx(report: DisclosureReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        bold = Font(bold=True)

        def sheet(title, header, rows, first=False):
            ws = book.active if first else book.create_sheet()
            ws.title = title[:31]
            ws.append([str(h) for h in header])
            for cell in ws[1]:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True)
            for row in rows:
                ws.append([float(v) if hasattr(v, "quantize") else v for v in row])
            ws.column_dimensions["A"].width = 48
            return ws

        rows = [[label, *values] for label, values in _proactive_rows(report)]
        rows += [[label, value] for label, value in _decision_rows(report)]
        header = [_("Information"), _("issued this year"), _("repealed this year"), _("in force")]
        sheet(_("Proactive disclosure"), header, rows, first=True)
        ws = sheet(_("Requests"), [_("Item"), *_column_labels()], _request_rows(report))
        ws.append([])
        ws.append([_("Check: new + carried over = handled + carried forward"),
                   "OK" if report.requests["check"]["ok"] else "NOT BALANCED"])  # fmt: skip
        sheet(
            _("Reconsideration and litigation"),
            [_("Proceeding"), *_review_labels()],
            [[key, *[report.review[key][c] for c in RESULT_COLUMNS]] for key in report.review],
        )
        out = io.BytesIO()
        book.save(out)
    return out.getvalue()

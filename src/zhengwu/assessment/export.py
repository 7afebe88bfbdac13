"""The ranking and the scorecards as XLSX workbooks."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zhengwu.assessment import selectors
from zhengwu.assessment.models import Method, UnitGroup
from zhengwu.common.xlsx import add_sheet, workbook_bytes


def _bold_header(sheet, headers) -> None:
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _num(value):
    return None if value is None else float(value)


def ranking_workbook(scheme) -> bytes:
    """One sheet per unit group: rank, unit, total, points possible, percent, grade."""
    book = Workbook()
    book.remove(book.active)
    for group, rows in selectors.ranking(scheme).items():
        sheet = book.create_sheet(str(UnitGroup(group).label)[:31])
        sheet.append([scheme.title])
        _bold_header(sheet, [_("Rank"), _("Unit"), _("Total"), _("Points possible"),
                             _("Percent"), _("Grade")])  # fmt: skip
        for row in rows:
            sheet.append([row.rank, row.unit.department.name, _num(row.total),
                          _num(row.max_points), _num(row.percent), row.grade_label])  # fmt: skip
        for column, width in zip("ABCDEF", [8, 36, 10, 12, 10, 10], strict=True):
            sheet.column_dimensions[column].width = width
    if not book.sheetnames:
        book.create_sheet(_("Ranking"))
    return workbook_bytes(book)


def scorecards_workbook(scheme, units) -> bytes:
    """One row per unit and leaf: the value, the points, the maximum, the evidence and how it
    was computed."""
    book = Workbook()
    add_sheet(book, _("Scorecards"), [
        _("Unit"), _("Code"), _("Indicator"), _("Method"), _("Value"), _("Points"), _("Maximum"),
        _("Note"), _("Reasoning"), _("Evidence link"), _("Assessor"), _("How it was computed"),
    ], _scorecard_rows(units), widths=[30, 8, 30, 14, 10, 8, 8, 20, 30, 30, 10, 50],
        first=True)  # fmt: skip
    return workbook_bytes(book)


def _scorecard_rows(units):
    for unit, lines in selectors.scorecards(units):
        for line in lines:
            node, score = line.node, line.score
            if node.method == Method.CATEGORY:
                yield [unit.department.name, node.code, node.label,
                       str(Method(node.method).label), None, _num(line.points),
                       _num(line.max_points)]  # fmt: skip
                continue
            yield [
                unit.department.name, node.code, node.label, str(Method(node.method).label),
                _num(score.value) if score else None, _num(line.points), _num(node.points),
                score.note if score else "", score.reasoning if score else "",
                score.evidence_link if score else "",
                score.assessor.full_name if score and score.assessor else "",
                f"{node.indicator_code}: {line.how}" if node.indicator_code else "",
            ]  # fmt: skip

"""Spreadsheets (XLSX) of the supervision room: the live list of alerts and the department
efficiency table, with their headers in the language of the request."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from zhengwu.supervision.models import Alert
from zhengwu.supervision.selectors import DepartmentEfficiency

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def card_label(severity: str) -> str:
    return _("red card") if severity == "red" else _("yellow card")


def _workbook(title: str, headers: list[str], rows: Iterable[list]) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(12, len(header) * 2 + 2)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def alert_headers() -> list[str]:
    return [
        _("Card"),
        _("Rule"),
        _("Case"),
        _("Matter"),
        _("Responsible department"),
        _("Handling centre"),
        _("Channel"),
        _("Due date"),
        _("Raised on"),
    ]


def alerts_xlsx(alerts: Iterable[Alert]) -> bytes:
    def row(a: Alert) -> list:
        case = a.case
        return [
            card_label(a.severity),
            a.rule.name,
            case.number if case else "",
            case.power_version.name if case else "",
            a.department.name if a.department else "",
            case.handling_centre.name if case and case.handling_centre else "",
            case.get_channel_display() if case else "",
            a.due_date,
            a.raised_on,
        ]

    return _workbook(_("Live alerts"), alert_headers(), (row(a) for a in alerts))


def efficiency_headers() -> list[str]:
    return [
        _("Department"),
        _("Cases received"),
        _("Cases accepted"),
        _("Cases completed"),
        _("On-time completion rate (%)"),
        _("Early-completion rate (%)"),
        _("Average working days"),
        _("Average promised limit (working days)"),
        _("Correction rate (%)"),
        _("Refusal rate (%)"),
        _("Ratings"),
        _("Average rating (1–5)"),
        _("Satisfaction rate (%)"),
        _("Red alerts"),
        _("Red alerts per 100 cases"),
        _("Yellow alerts"),
        _("Yellow alerts per 100 cases"),
    ]


def efficiency_xlsx(
    rows: Iterable[DepartmentEfficiency], start: datetime.date, end: datetime.date
) -> bytes:
    def row(r: DepartmentEfficiency) -> list:
        f = r.figures
        return [
            r.department.name,
            f.received,
            f.accepted,
            f.completed,
            f.on_time_rate,
            r.early_rate,
            f.average_working_days,
            r.average_promised_days,
            r.correction_rate,
            r.refusal_rate,
            f.rated,
            r.average_rating,
            f.satisfaction_rate,
            r.red_alerts,
            r.red_per_100,
            r.yellow_alerts,
            r.yellow_per_100,
        ]

    title = _("Efficiency %(start)s to %(end)s") % {
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    return _workbook(title, efficiency_headers(), (row(r) for r in rows))

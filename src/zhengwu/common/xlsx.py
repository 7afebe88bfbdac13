"""What the registers' XLSX exports share: a sheet of a header row in bold and one row per
record, the workbook as bytes, and the download response."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header_widths(headers: Iterable) -> list[int]:
    """Column widths from the headers: room for a header of Chinese characters, 12 at least."""
    return [max(12, len(str(header)) * 2 + 2) for header in headers]


def add_sheet(
    book: Workbook,
    title,
    headers: Sequence,
    rows: Iterable[Sequence],
    *,
    widths: Iterable[float] = (),
    first: bool = False,
    freeze_header: bool = False,
) -> Worksheet:
    """A sheet of ``book`` (its first, if ``first``; else a new one after the others) named
    ``title`` (cut to the 31 characters a sheet's name may have): the headers in bold in row 1,
    then the rows; the columns from A as wide as ``widths``; with ``freeze_header`` the header
    row stays in view."""
    sheet = book.active if first else book.create_sheet()
    sheet.title = str(title)[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if freeze_header:
        sheet.freeze_panes = "A2"
    return sheet


def workbook_bytes(book: Workbook) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_workbook(
    title,
    headers: Sequence,
    rows: Iterable[Sequence],
    *,
    widths: Iterable[float] = (),
    freeze_header: bool = False,
) -> bytes:
    """A workbook of the one sheet :func:`add_sheet` writes, as bytes."""
    book = Workbook()
    add_sheet(book, title, headers, rows, widths=widths, first=True, freeze_header=freeze_header)
    return workbook_bytes(book)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """The workbook ``content`` as a download named ``filename`` (an ASCII name)."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

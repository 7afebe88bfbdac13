"""Reading an uploaded XLSX sheet of per-unit participation or individual results.

The first row holds the column headers — the Chinese ones of the template (单位, 应考人数 …) or
the field names; the order does not matter, unknown columns are ignored. Each following
non-empty row becomes a dict with its sheet row number in ``row``; the services check the
values, row by row, and save all rows or none.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from zhengwu.lawstudy.services import (
    PARTICIPATION_COLUMNS,
    RESULT_COLUMNS,
    ImportRejected,
    RowError,
)

# Accepted headers of each column (the template's Chinese header first).
ALIASES = {
    "unit": ["单位名称", "unit"],
    "eligible": ["应考", "eligible"],
    "participants": ["参考", "实考人数", "participants"],
    "passed": ["及格人数", "通过人数", "passed"],
    "full_name": ["name", "full_name"],
    "id_number": ["身份证号码", "公民身份号码", "id_number"],
    "score": ["分数", "得分", "score"],
    "appointment": ["appointment"],
}
PARTICIPATION_HEADERS = {f: [h, *ALIASES[f]] for f, h in PARTICIPATION_COLUMNS.items()}
RESULT_HEADERS = {f: [h, *ALIASES.get(f, [])] for f, h in RESULT_COLUMNS.items()}
RESULT_HEADERS["passed"].append("合格")
REQUIRED = {
    "participation": ["unit", "eligible", "participants", "passed"],
    "results": ["full_name", "id_number"],
}
MAX_ROWS = 5000


def _norm(value) -> str:
    return str(value or "").strip().replace(" ", "").replace("\u3000", "").lower()


def read_sheet(upload, kind: str) -> list[dict]:
    """The rows of the first sheet of ``upload`` (a file object), as dicts of the fields of
    ``kind`` (``participation`` or ``results``); :class:`ImportRejected` when the file is
    not a readable XLSX or lacks a required column."""
    headers = PARTICIPATION_HEADERS if kind == "participation" else RESULT_HEADERS
    sheet_label = _("sheet")
    try:
        data = upload.read()
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportRejected(
            [RowError(1, sheet_label, _("The file is not an Excel workbook (.xlsx)."))]
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImportRejected([RowError(1, sheet_label, _("The sheet is empty."))])
    lookup = {_norm(alias): field for field, aliases in headers.items() for alias in aliases}
    columns = {}
    for index, title in enumerate(header):
        field = lookup.get(_norm(title))
        if field and field not in columns:
            columns[field] = index
    missing = [f for f in REQUIRED[kind] if f not in columns]
    if missing:
        raise ImportRejected(
            [
                RowError(
                    1,
                    headers[f][0],
                    _("The column “%(name)s” is missing from the first row.")
                    % {"name": headers[f][0]},
                )
                for f in missing
            ]
        )
    out = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(out) >= MAX_ROWS:
            raise ImportRejected(
                [
                    RowError(
                        number,
                        sheet_label,
                        _("A sheet holds at most %(n)s rows.") % {"n": MAX_ROWS},
                    )
                ]
            )
        row = {"row": number}
        for field, index in columns.items():
            value = values[index] if index < len(values) else None
            row[field] = value.strip() if isinstance(value, str) else value
        out.append(row)
    book.close()
    return out

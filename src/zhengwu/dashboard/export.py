"""The dashboard's XLSX: a sheet "指标" of every figure (key, label, value), then one sheet per
chart with its data (the categories down, one column per series)."""

from __future__ import annotations

from openpyxl import Workbook

from zhengwu.common.xlsx import add_sheet, workbook_bytes
from zhengwu.dashboard import figures
from zhengwu.reports.annual import figure_keys, lookup

FIGURES_SHEET = "指标"


def figures_workbook(numbers: dict, chart_list: list[dict]) -> bytes:
    from django.utils.translation import pgettext

    book = Workbook()
    add_sheet(
        book,
        FIGURES_SHEET,
        [
            pgettext("dashboard", "Key"),
            pgettext("dashboard", "Figure"),
            pgettext("dashboard", "Value"),
        ],
        [(key, figures.label(key), lookup(numbers, key)) for key in figure_keys()],
        widths=[40, 36, 14],
        first=True,
        freeze_header=True,
    )
    for chart in chart_list:
        headers = [chart["category_label"]] + [
            f"{s['name']} (%)" if chart["unit"] == "%" else s["name"] for s in chart["series"]
        ]
        rows = [
            [category] + [s["data"][i] for s in chart["series"]]
            for i, category in enumerate(chart["categories"])
        ]
        add_sheet(book, chart["title"], headers, rows, widths=[30] + [16] * len(chart["series"]))
    return workbook_bytes(book)

"""Section 3 of the annual disclosure report: how applications were received and handled, in
the layout of 国办公开办函〔2021〕30号.

Columns: natural person | legal person or other organisation (commercial enterprise, research
institution, social public-welfare organisation, legal-service institution, other) | total.

Rows, for the requests of a county (optionally of one department) that were received (an online
application the office never confirmed was never received, and is not counted):

- 一 new this year: received in the year;
- 二 carried over from last year: received before 1 January and not concluded before it;
- 三 outcomes of the year: concluded in the year (replied, regarded as abandoned, withdrawn), by
  outcome and sub-ground. A partly disclosed request counts only under "partly disclosed". A
  withdrawn application counts under "other processing 3 (other)", and one regarded as abandoned
  under "other processing 1" — each is stored with that outcome, so the rows are plain counts;
- 三(七) total handled;
- 四 carried forward: received by 31 December and not concluded by then.

``check``: 一 + 二 = 三(七) + 四 for every column; it holds by construction (every request
counted in 一 or 二 is either concluded in the year or carried forward) and is reported with the
table as the notice asks.

The figures are two grouped counts in the database; Python only arranges the grouped rows.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from zhengwu.disclosure.models.requests import (
    SUB_GROUNDS,
    ApplicantType,
    DisclosureRequest,
    Outcome,
)

COLUMNS = [*ApplicantType.values, "total"]
TOTAL = "total"


def _empty() -> dict[str, int]:
    return dict.fromkeys(COLUMNS, 0)


def _with_total(cells: dict[str, int]) -> dict[str, int]:
    cells[TOTAL] = sum(cells[c] for c in ApplicantType.values)
    return cells


def requests_table(year: int, division, department=None) -> dict:
    """The table of ``year`` for the county ``division`` (and one ``department``, if given)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    requests = DisclosureRequest.objects.filter(division=division, received_on__isnull=False)
    if department is not None:
        requests = requests.filter(department=department)

    not_concluded_before = Q(concluded_on__isnull=True) | Q(concluded_on__gte=first)
    not_concluded_by_end = Q(concluded_on__isnull=True) | Q(concluded_on__gt=last)
    flows = (
        requests.filter(received_on__lte=last)
        .order_by()
        .values("applicant_type")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=first)),
            carried_over=Count("pk", filter=Q(received_on__lt=first) & not_concluded_before),
            carried_forward=Count("pk", filter=not_concluded_by_end),
        )
    )
    outcomes = (
        requests.filter(concluded_on__range=(first, last))
        .order_by()
        .values("applicant_type", "outcome", "sub_ground")
        .annotate(n=Count("pk"))
    )

    new, carried_over, carried_forward = _empty(), _empty(), _empty()
    for row in flows:
        kind = row["applicant_type"]
        new[kind] = row["new"]
        carried_over[kind] = row["carried_over"]
        carried_forward[kind] = row["carried_forward"]

    results: dict[str, dict] = {}
    for outcome in Outcome.values:
        if outcome in SUB_GROUNDS:
            results[outcome] = {str(g): _empty() for g in SUB_GROUNDS[outcome]}
            results[outcome][TOTAL] = _empty()
        else:
            results[outcome] = _empty()
    handled = _empty()
    for row in outcomes:
        kind, outcome, ground = row["applicant_type"], row["outcome"], row["sub_ground"]
        if outcome in SUB_GROUNDS:
            results[outcome][str(ground)][kind] += row["n"]
            results[outcome][TOTAL][kind] += row["n"]
        else:
            results[outcome][kind] += row["n"]
        handled[kind] += row["n"]

    for cells in (new, carried_over, carried_forward, handled):
        _with_total(cells)
    for outcome, value in results.items():
        if outcome in SUB_GROUNDS:
            for cells in value.values():
                _with_total(cells)
        else:
            _with_total(value)

    check = {
        column: {
            "received": new[column] + carried_over[column],
            "handled_and_forward": handled[column] + carried_forward[column],
            "ok": new[column] + carried_over[column] == handled[column] + carried_forward[column],
        }
        for column in COLUMNS
    }
    return {
        "year": year,
        "division": division.pk,
        "department": department.pk if department is not None else None,
        "columns": COLUMNS,
        "new": new,
        "carried_over": carried_over,
        "outcomes": results,
        "handled": handled,
        "carried_forward": carried_forward,
        "check": {"ok": all(c["ok"] for c in check.values()), "columns": check},
    }


# The report's row labels, in its order, for whoever prints the table.
ROW_LABELS = {
    "new": _("1. New applications this year"),
    "carried_over": _("2. Applications carried over from last year"),
    "outcomes": _("3. Outcomes this year"),
    "handled": _("(7) Total"),
    "carried_forward": _("4. Carried forward to next year"),
}
OUTCOME_NUMERALS = {
    Outcome.DISCLOSED: "(1)",
    Outcome.PARTLY_DISCLOSED: "(2)",
    Outcome.WITHHELD: "(3)",
    Outcome.UNAVAILABLE: "(4)",
    Outcome.NOT_PROCESSED: "(5)",
    Outcome.OTHER: "(6)",
}


def table_lines(table: dict) -> list[dict]:
    """The table as printed, line by line: ``{"key", "label", "level", "cells"}``, the cells in
    the order of ``COLUMNS`` (level 0: a row of the report, 1: an outcome, 2: a sub-ground)."""

    def line(key, label, level, cells):
        return {
            "key": key,
            "label": str(label),
            "level": level,
            "cells": [cells[c] for c in COLUMNS],
        }

    lines = [
        line("new", ROW_LABELS["new"], 0, table["new"]),
        line("carried_over", ROW_LABELS["carried_over"], 0, table["carried_over"]),
        {"key": "outcomes", "label": str(ROW_LABELS["outcomes"]), "level": 0, "cells": []},
    ]
    for outcome in Outcome:
        value = table["outcomes"][outcome.value]
        label = f"{OUTCOME_NUMERALS[outcome]} {outcome.label}"
        if outcome.value in SUB_GROUNDS:
            lines.append(line(outcome.value, label, 1, value[TOTAL]))
            for ground, text in SUB_GROUNDS[outcome.value].items():
                lines.append(
                    line(f"{outcome.value}.{ground}", f"{ground}. {text}", 2, value[str(ground)])
                )
        else:
            lines.append(line(outcome.value, label, 1, value))
    lines.append(line("handled", ROW_LABELS["handled"], 1, table["handled"]))
    lines.append(
        line("carried_forward", ROW_LABELS["carried_forward"], 0, table["carried_forward"])
    )
    return lines

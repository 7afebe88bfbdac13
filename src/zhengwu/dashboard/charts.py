"""The dashboard's charts, each a few aggregate queries over the records of a county and a year.

Every chart is the same plain structure, which the page writes as JSON for ECharts, draws again
as a table for screen readers, and the XLSX export writes as a sheet::

    {"key": ..., "title": ..., "kind": "stacked" | "hbar" | "bar", "unit": "" | "%",
     "category_label": ..., "categories": [...], "series": [{"key", "name", "data": [...]}]}

``data[i]`` is the figure of ``categories[i]`` (``None`` for a rate with nothing to count).

- ``cases_by_month``: cases accepted (``accepted_on``) in each month of the year at every
  centre, hall and point of the county, one series per channel
  (:func:`zhengwu.cases.stats.case_figures_by` by month, once per channel);
- ``departments``: completion and on-time rates of each implementing body
  (``case_figures_by`` by department; the rates of :mod:`zhengwu.cases.stats`);
- ``alerts``: e-supervision alerts raised in each month, red and yellow (one grouped count);
- ``disclosure``: disclosure requests concluded in the year by outcome
  (:func:`zhengwu.disclosure.requests.table.requests_table`);
- ``normative_documents``: the registry's documents issued, repealed and in force at the end of
  the year, reviewed and filed (:func:`zhengwu.rulemaking.figures.annual_figures`);
- ``enforcement``: the enforcement acts in force by kind (the annual figures'
  ``enforcement.acts``, no query of its own).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import pgettext

from zhengwu.cases import stats
from zhengwu.cases.models import Channel
from zhengwu.catalog.models import PowerKind
from zhengwu.disclosure.models.requests import SUB_GROUNDS, Outcome
from zhengwu.org.models import Division
from zhengwu.org.selectors import divisions_under
from zhengwu.supervision.models import Alert, Severity

ACT_KINDS = ["penalty", "confirmation", "compulsion", "levy", "ruling", "other"]
DOCUMENT_FIGURES = ["issued", "repealed", "in_force", "reviewed", "filed"]


def _month(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _months(year: int) -> list[datetime.date]:
    return [datetime.date(year, m, 1) for m in range(1, 13)]


def _month_labels(year: int) -> list[str]:
    return [date_format(m, "YEAR_MONTH_FORMAT") for m in _months(year)]


def _chart(key, title, kind, category_label, categories, series, unit="") -> dict:
    return {
        "key": key,
        "title": str(title),
        "kind": kind,
        "unit": unit,
        "category_label": str(category_label),
        "categories": [str(c) for c in categories],
        "series": series,
    }


def cases_by_month(division: Division, year: int) -> dict:
    start, end = stats.year_period(year)
    cases = stats.cases_of(division)
    series = []
    for channel in Channel:
        groups = stats.case_figures_by(start, end, "month", cases=cases.filter(channel=channel))
        accepted = {g.key: g.figures.accepted for g in groups}
        series.append(
            {
                "key": channel.value,
                "name": str(channel.label),
                "data": [accepted.get(m, 0) for m in _months(year)],
            }
        )
    return _chart(
        "cases_by_month",
        pgettext("dashboard", "Cases accepted by month and channel"),
        "stacked",
        pgettext("dashboard", "Month"),
        _month_labels(year),
        series,
    )


def departments(division: Division, year: int) -> dict:
    start, end = stats.year_period(year)
    groups = [
        g
        for g in stats.case_figures_by(start, end, "department", cases=stats.cases_of(division))
        if g.figures.accepted or g.figures.completed
    ]
    return _chart(
        "departments",
        pgettext("dashboard", "Completion and on-time rates by department"),
        "hbar",
        pgettext("dashboard", "Department"),
        [g.label for g in groups],
        [
            {
                "key": "completion_rate",
                "name": pgettext("dashboard", "Completion rate"),
                "data": [g.figures.completion_rate for g in groups],
            },
            {
                "key": "on_time_rate",
                "name": pgettext("dashboard", "On-time rate"),
                "data": [g.figures.on_time_rate for g in groups],
            },
        ],
        unit="%",
    )


def alerts_of(division: Division):
    """The e-supervision alerts about the county's cases or its departments."""
    under = divisions_under(division)
    return Alert.objects.filter(
        Q(case__department__division__in=under) | Q(department__division__in=under)
    )


def alerts(division: Division, year: int) -> dict:
    start, end = stats.year_period(year)
    counts: dict[tuple, int] = {}
    rows = (
        alerts_of(division)
        .filter(raised_on__range=(start, end))
        .order_by()
        .values("severity", month=TruncMonth("raised_on"))
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[(row["severity"], _month(row["month"]))] = row["n"]
    series = [
        {
            "key": severity.value,
            "name": str(severity.label),
            "data": [counts.get((severity.value, m), 0) for m in _months(year)],
        }
        for severity in (Severity.RED, Severity.YELLOW)
    ]
    return _chart(
        "alerts",
        pgettext("dashboard", "E-supervision alerts by colour and month"),
        "stacked",
        pgettext("dashboard", "Month"),
        _month_labels(year),
        series,
    )


def disclosure(division: Division, year: int, table: dict | None = None) -> dict:
    from zhengwu.disclosure.requests.table import TOTAL, requests_table

    table = table or requests_table(year, division)
    outcomes = table["outcomes"]
    data = [
        outcomes[o.value][TOTAL][TOTAL] if o.value in SUB_GROUNDS else outcomes[o.value][TOTAL]
        for o in Outcome
    ]
    return _chart(
        "disclosure",
        pgettext("dashboard", "Disclosure requests concluded by outcome"),
        "bar",
        pgettext("dashboard", "Outcome"),
        [o.label for o in Outcome],
        [{"key": "requests", "name": pgettext("dashboard", "Requests"), "data": data}],
    )


def normative_documents(division: Division, year: int) -> dict:
    from zhengwu.rulemaking.figures import annual_figures

    figures = annual_figures(division, year)
    labels = {
        "issued": pgettext("dashboard", "Issued in the year"),
        "repealed": pgettext("dashboard", "Repealed or lapsed in the year"),
        "in_force": pgettext("dashboard", "In force at the end of the year"),
        "reviewed": pgettext("dashboard", "Reviewed for legality"),
        "filed": pgettext("dashboard", "Filed"),
    }
    return _chart(
        "normative_documents",
        pgettext("dashboard", "Normative documents"),
        "bar",
        pgettext("dashboard", "Figure"),
        [labels[k] for k in DOCUMENT_FIGURES],
        [
            {
                "key": "documents",
                "name": pgettext("dashboard", "Documents"),
                "data": [figures[k] for k in DOCUMENT_FIGURES],
            }
        ],
    )


def enforcement(figures: dict) -> dict:
    acts = figures["enforcement"]["acts"]
    return _chart(
        "enforcement",
        pgettext("dashboard", "Enforcement acts by kind"),
        "bar",
        pgettext("dashboard", "Kind"),
        [PowerKind(k).label for k in ACT_KINDS],
        [
            {
                "key": "acts",
                "name": pgettext("dashboard", "Enforcement acts"),
                "data": [acts[k] for k in ACT_KINDS],
            }
        ],
    )


def dashboard_charts(division: Division, year: int, figures: dict) -> list[dict]:
    """Every chart of the dashboard, in the page's order."""
    return [
        cases_by_month(division, year),
        alerts(division, year),
        disclosure(division, year),
        normative_documents(division, year),
        enforcement(figures),
        departments(division, year),  # the long one, drawn across the page
    ]


def years_with_records(division: Division) -> list[int]:
    """The years in which the county has cases, alerts, disclosure requests or normative
    documents, latest first (one query per register)."""
    from zhengwu.disclosure.models.requests import DisclosureRequest
    from zhengwu.rulemaking.models import NormativeDocument

    sources = [
        (stats.cases_of(division), "received_on"),
        (alerts_of(division), "raised_on"),
        (DisclosureRequest.objects.filter(division=division), "received_on"),
        (NormativeDocument.objects.filter(division=division), "published_on"),
    ]
    years: set[int] = set()
    for qs, field in sources:
        years.update(d.year for d in qs.order_by().dates(field, "year"))
    return sorted(years, reverse=True)


def chart_table(chart: dict) -> list[dict]:
    """The chart's figures as the rows of its table: the category and one text per series
    (rates with one decimal and "%", "—" for a rate with nothing to count)."""

    def text(value) -> str:
        if value is None:
            return "—"
        return f"{float(value):.1f}%" if chart["unit"] == "%" else str(value)

    return [
        {"category": category, "cells": [text(s["data"][i]) for s in chart["series"]]}
        for i, category in enumerate(chart["categories"])
    ]

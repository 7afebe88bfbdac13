"""The leaders' dashboard: the year's figures as tiles, the charts, the records behind each
figure, and the XLSX of all of it.

Who may see it is :func:`zhengwu.dashboard.rules.may_see_dashboard`; the figures are
:func:`zhengwu.reports.annual.annual_figures`, the charts :mod:`zhengwu.dashboard.charts`, the
records behind a figure :func:`zhengwu.reports.explain.explain`. The views only read them.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from zhengwu.common.views import forbidden
from zhengwu.common.xlsx import xlsx_response
from zhengwu.dashboard import charts, export, figures, rules

PER_PAGE = 50
# The URL names tried, in order, for the annual report's drafts (zhengwu.reports); the path
# when none of them exists yet.
REPORT_URL_NAMES = ("reports:annual_list", "reports:annual", "reports:index")
REPORT_PATH = "/reports/annual/"
# The staff page of a record behind a figure, by model: the URL name and which of the record's
# values names it ("id" or "number").
RECORD_PAGES = {
    "cases.case": ("cases:case", "number"),
    "disclosure.disclosurerequest": ("disclosure:request_detail", "number"),
    "disclosure.item": ("disclosure:office_item", "id"),
    "rulemaking.normativedocument": ("rulemaking:document", "id"),
    "enforcement.enforcementbody": ("enforcement:office_body", "id"),
    "enforcement.casefile": ("enforcement:case_file", "id"),
    "reconsideration.reconsiderationcase": ("reconsideration:case", "id"),
    "reconsideration.litigationcase": ("reconsideration:suit", "id"),
    "contracts.governmentcontract": ("contracts:contract", "id"),
    "proposals.proposal": ("proposals:proposal", "id"),
    "disputes.dispute": ("disputes:dispute", "id"),
    "lawstudy.studysession": ("lawstudy:session", "id"),
    "lawstudy.trainingcourse": ("lawstudy:course", "id"),
    "lawstudy.exam": ("lawstudy:exam", "id"),
    "supervision.alert": ("supervision:alert", "id"),
}


def report_drafts_url() -> str:
    for name in REPORT_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return REPORT_PATH


def _county(request, *, not_found: bool = False):
    """The county the signed-in reader may see; else the 403 page (a 404 with ``not_found``)."""
    county = rules.dashboard_county(request.user)
    if not rules.may_see_dashboard(request.user, county):
        if not_found:
            raise Http404
        return None
    return county


def _year(request, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is None or not 1900 <= year <= 2999:
        return years[0] if years else timezone.localdate().year
    return year


def _signed_in(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_signed_in
def dashboard(request):
    county = _county(request)
    if county is None:
        return forbidden(request)
    from zhengwu.reports.annual import annual_figures

    years = charts.years_with_records(county)
    year = _year(request, years)
    numbers = annual_figures(county, year)
    chart_list = charts.dashboard_charts(county, year, numbers)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "county": county,
            "year": year,
            "years": sorted({*years, year}, reverse=True),
            "sections": figures.tiles(numbers),
            "charts": [{**c, "rows": charts.chart_table(c)} for c in chart_list],
            "chart_data": {c["key"]: c for c in chart_list},
            "report_url": report_drafts_url(),
        },
    )


def _record_link(model_label: str, record: dict) -> str | None:
    page = RECORD_PAGES.get(model_label)
    if page is None:
        return None
    name, field = page
    value = record.get(field)
    if value in (None, ""):
        return None
    try:
        return reverse(name, args=[value])
    except NoReverseMatch:
        return None


def _page_records(trace, page):
    """The records of one page of ``trace``, read as :func:`zhengwu.reports.explain.explain`
    reads its first records (id, number, title, date, value)."""
    if trace.titles_only:
        rows = trace.queryset.order_by("title")
        paginator = Paginator(rows, PER_PAGE)
        page_obj = paginator.get_page(page)
        return page_obj, [
            {"id": None, "number": "", "title": t, "date": None} for (t,) in page_obj.object_list
        ]
    names = {"id": "pk"}
    for key, name in (
        ("number", trace.number),
        ("title", trace.title),
        ("date", trace.date_field),
        ("value", trace.value),
    ):
        if name:
            names[key] = name
    order = [trace.date_field] if trace.date_field else []
    rows = trace.queryset.order_by(*order, "pk").values(*names.values())
    page_obj = Paginator(rows, PER_PAGE).get_page(page)
    records = []
    for row in page_obj.object_list:
        record = {key: row[name] for key, name in names.items()}
        records.append(record)
    return page_obj, records


@_signed_in
def explain(request, key: str):
    county = _county(request, not_found=True)
    from zhengwu.reports import explain as explaining

    years = charts.years_with_records(county)
    year = _year(request, years)
    entries = explaining.registry()
    if key not in entries:
        raise Http404
    explanation = explaining.explain(county, year, key, limit=0)
    entry = entries[key]
    page_obj = records = None
    model_label = ""
    if not isinstance(entry, explaining.Rate):
        trace = entry.trace(county, year)
        model_label = trace.queryset.model._meta.label_lower
        page_obj, records = _page_records(trace, request.GET.get("page"))
        for record in records:
            record["url"] = _record_link(model_label, record)
    parts = []
    for side, part in (
        ("numerator", explanation.numerator),
        ("denominator", explanation.denominator),
    ):
        if part is None:
            continue
        parts.append(
            {
                "side": side,
                "key": part.key,
                "label": figures.label(part.key) if part.key else "",
                "value": part.value,
                "explanation": part.explanation,
            }
        )
    return render(
        request,
        "dashboard/explain.html",
        {
            "county": county,
            "year": year,
            "key": key,
            "label": figures.label(key),
            "figure_text": figures.display(key, explanation.figure),
            "explanation": explanation,
            "page_obj": page_obj,
            "records": records,
            "parts": parts,
            "has_values": bool(records) and any("value" in r for r in records),
        },
    )


@_signed_in
def figures_xlsx(request):
    county = _county(request)
    if county is None:
        return forbidden(request)
    from zhengwu.reports.annual import annual_figures

    year = _year(request, charts.years_with_records(county))
    numbers = annual_figures(county, year)
    content = export.figures_workbook(numbers, charts.dashboard_charts(county, year, numbers))
    return xlsx_response(content, f"figures-{year}.xlsx")

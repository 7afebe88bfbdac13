"""The public service catalog: browse and search, each power's page, its printable guide."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from zhengwu.catalog import browse
from zhengwu.catalog.flowchart import render_flowchart
from zhengwu.catalog.forms import CatalogFilterForm
from zhengwu.catalog.models import PowerKind

PER_PAGE = 20
FILTER_NAMES = ("q", "department", "kind", "event")


def _query(filters: browse.CatalogFilters, **changes) -> QueryDict:
    """The query string of ``filters`` with ``changes`` applied (None removes a filter)."""
    params = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        value = changes.get(name, getattr(filters, name))
        if value not in (None, ""):
            params[name] = str(value)
    return params


def catalog_index(request):
    filters = CatalogFilterForm(request.GET).filters()
    department = None
    if filters.department is not None:
        department = browse.department_of(filters.department)
        if department is None:
            filters = filters.without("department")
    page = Paginator(browse.filtered_versions(filters), PER_PAGE).get_page(request.GET.get("page"))

    applied = []
    if filters.q:
        applied.append((_("Name contains"), filters.q, "q"))
    if department is not None:
        applied.append((_("Implementing body"), department.name, "department"))
    if filters.kind:
        applied.append((_("Kind"), PowerKind(filters.kind).label, "kind"))
    if filters.event:
        applied.append((_("Life event"), filters.event, "event"))
    applied_filters = [
        {"label": label, "value": value, "remove": _query(filters, **{name: None}).urlencode()}
        for label, value, name in applied
    ]
    return render(
        request,
        "catalog/index.html",
        {
            "filters": filters,
            "params": _query(filters),
            "page_obj": page,
            "facets": browse.facets(filters),
            "applied_filters": applied_filters,
        },
    )


def _published_or_404(implementation_code: str):
    version = browse.published_version(implementation_code)
    if version is None:
        raise Http404(_("No published matter has this code."))
    return version


def _page_context(version) -> dict:
    return {
        "version": version,
        "power": version.power,
        # The SVG is built on the server from the process definition, every text in it escaped.
        "flowchart": mark_safe(  # noqa: S308 - SVG built and escaped by render_flowchart
            render_flowchart(version, id_prefix=f"flow-{version.power.implementation_code}")
        ),
        "life_events": browse.split_life_events(version.life_events),
    }


def power_detail(request, implementation_code: str):
    version = _published_or_404(implementation_code)
    return render(request, "catalog/detail.html", _page_context(version))


def power_guide(request, implementation_code: str):
    version = _published_or_404(implementation_code)
    page_url = request.build_absolute_uri(reverse("catalog:detail", args=[implementation_code]))
    return render(request, "catalog/guide.html", {**_page_context(version), "page_url": page_url})


def power_flowchart(request, implementation_code: str):
    """The flowchart alone, so that a phone can open it full size and zoom in."""
    version = _published_or_404(implementation_code)
    return HttpResponse(render_flowchart(version), content_type="image/svg+xml; charset=utf-8")


def material_file(request, implementation_code: str, material_id: int, which: str):
    """A published material's blank form or filled-in sample, as a download."""
    version = _published_or_404(implementation_code)
    material = get_object_or_404(version.materials, pk=material_id)
    field = {"form": material.blank_form, "sample": material.sample}.get(which)
    if not field:
        raise Http404(_("This material has no such file."))
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=field.name.rsplit("/", 1)[-1]
    )

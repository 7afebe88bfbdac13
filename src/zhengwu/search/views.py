"""The public search page over published government information."""

from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render

from zhengwu.disclosure.models import Category
from zhengwu.search.forms import SearchForm
from zhengwu.search.selectors import search_items

FILTER_NAMES = ("q", "date_from", "date_to", "category", "kind", "order")


def _params(form: SearchForm, category: Category | None) -> QueryDict:
    """The current search as a query string (usable values only, no page)."""
    params = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        value = category.pk if name == "category" and category else form.value(name)
        if name == "category" and category is None:
            value = None
        if value not in (None, "", "relevance"):
            params[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return params


def search(request):
    form = SearchForm(request.GET or None)
    category = None
    result = None
    if form.is_bound:
        form.is_valid()
        category_id = form.value("category")
        if category_id is not None:
            category = Category.objects.filter(pk=category_id, is_active=True).first()
        result = search_items(
            form.value("q") or "",
            category=category,
            kind=form.value("kind"),
            date_from=form.value("date_from"),
            date_to=form.value("date_to"),
            page=form.value("page") or 1,
            order=form.value("order") or "relevance",
        )
    params = _params(form, category) if form.is_bound else QueryDict()
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "result": result,
            "category": category,
            "params": params,
            "date_filter_open": bool(
                form.is_bound and (form.errors or form.value("date_from") or form.value("date_to"))
            ),
        },
    )

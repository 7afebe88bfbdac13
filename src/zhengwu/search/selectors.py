"""Searching the published information."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from zhengwu.disclosure.models import Category, Item
from zhengwu.search import backends, highlight
from zhengwu.search.text import parse_query

ORDERS = ("relevance", "date")
MAX_PER_PAGE = 100
# A result larger than this is ranked among its newest RANK_WINDOW items (its total, facets and
# date order stay exact): bm25 over 180,000 items takes longer than the page may.
RANK_WINDOW = 5_000


@dataclass(frozen=True)
class Hit:
    item: Item
    title: SafeString  # the title, the query's terms in <mark>
    snippet: SafeString  # a piece of the body around the first term, terms in <mark>
    score: float  # higher is better (bm25 or ts_rank; 0 when ordered by date)


@dataclass(frozen=True)
class Facet:
    category: Category  # a top-level category
    count: int


@dataclass
class SearchResult:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)  # for the result without its category filter
    page: int = 1
    per_page: int = 20
    order: str = "relevance"
    message: str = ""  # why there is nothing to search for, when there is not

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def first_number(self) -> int:
        """The position of the first hit on this page in the whole result (1-based)."""
        return (self.page - 1) * self.per_page + 1 if self.hits else 0


def _id(value) -> int | None:
    return getattr(value, "pk", value)


def _ranked(backend, parsed, filters, result: SearchResult) -> list[tuple[int, float]]:
    """The page's (item id, score). A result larger than RANK_WINDOW is ranked in two parts:
    its RANK_WINDOW newest items first, then the older ones, each part by relevance."""
    offset, limit = (result.page - 1) * result.per_page, result.per_page
    if result.order != "relevance" or result.total <= RANK_WINDOW:
        return backend.page(parsed, filters, order=result.order, limit=limit, offset=offset)
    floor = backend.nth_newest(parsed, filters, RANK_WINDOW)
    ranked = []
    if offset < RANK_WINDOW:
        ranked = backend.page(parsed, filters, order="relevance", offset=offset,
                              limit=min(limit, RANK_WINDOW - offset), id_min=floor)  # fmt: skip
    if len(ranked) < limit:
        ranked += backend.page(parsed, filters, order="relevance", limit=limit - len(ranked),
                               offset=max(0, offset - RANK_WINDOW), id_below=floor)  # fmt: skip
    return ranked


def search_items(
    query: str,
    *,
    division=None,
    category=None,
    kind: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    page: int = 1,
    per_page: int = 20,
    order: str = "relevance",
) -> SearchResult:
    """The published items matching ``query`` (every term, Traditional or Simplified), one page
    of them best first (or newest first with ``order="date"``), the total and the count per
    top-level category.

    ``division`` and ``category`` are instances or ids; a top-level category includes its
    sub-items. ``date_from``/``date_to`` bound the publication date (inclusive)."""
    per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    order = order if order in ORDERS else "relevance"
    parsed = parse_query(query)
    result = SearchResult(query=parsed.text, per_page=per_page, order=order)
    if parsed.empty:
        result.message = (
            _("Type a word, a phrase or a document number to search for.")
            if not parsed.text
            else _("The search has no Chinese characters, letters or digits to look for.")
        )
        return result

    category_obj = None
    if category is not None:
        category_obj = (category if isinstance(category, Category)
                        else Category.objects.filter(pk=category).first())  # fmt: skip
    top_id = sub_id = None
    if category_obj is not None:
        if category_obj.parent_id is None:
            top_id = category_obj.pk
        else:
            sub_id = category_obj.pk
    filters = backends.Filters(
        division_id=_id(division), category_id=sub_id, top_category_id=top_id, kind=kind or None,
        date_from=date_from, date_to=date_to,
    )  # fmt: skip
    backend = backends.backend()
    counts = backend.facets(parsed, filters.without_category())
    if category_obj is None:
        result.total = sum(counts.values())
    elif top_id is not None:
        result.total = counts.get(top_id, 0)
    else:
        result.total = backend.count(parsed, filters)
    tops = Category.objects.in_bulk(list(counts))
    result.facets = sorted(
        (Facet(tops[pk], n) for pk, n in counts.items() if pk in tops),
        key=lambda f: (f.category.code, f.category.pk),
    )
    if not result.total:
        return result

    result.page = min(max(1, int(page)), result.num_pages)
    ranked = _ranked(backend, parsed, filters, result)
    items = Item.objects.select_related("category", "department").in_bulk(
        [item_id for item_id, _score in ranked]
    )
    terms = parsed.highlight_terms()
    for item_id, score in ranked:
        item = items.get(item_id)
        if item is None or item.status != Item.Status.PUBLISHED:
            continue  # gone since (the index is mended by item_index or reindex)
        result.hits.append(
            Hit(
                item=item,
                title=highlight.marked(item.title, terms),
                snippet=highlight.snippet(item.body, terms),
                score=score if order == "relevance" else 0.0,
            )
        )
    return result

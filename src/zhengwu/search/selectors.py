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
# A result of at most this many items is ranked by bm25 (or ts_rank) as a whole. A larger one is
# ordered in two tiers, the items matching in their title (with document number and keywords)
# first, then the others, each newest first: its total, facets and date order stay exact. bm25
# costs a few microseconds a match (a second for 185,000), and for so common a term its idf is
# near zero anyway.
RANK_WINDOW = 1_000
# Up to this many title matches, the rest of a large result is read as all its matches without
# them (see ``_tiered``).
EXCLUDE_TITLES = 200


@dataclass(frozen=True)
class HitItem:
    """What a hit shows of its item (read as plain values: model instances cost more than the
    search itself)."""

    pk: int
    title: str
    published_on: datetime.date
    document_number: str
    department_name: str
    category_name: str
    category_code: str


@dataclass(frozen=True)
class FacetCategory:
    pk: int
    code: str
    name: str


@dataclass(frozen=True)
class Hit:
    item: HitItem
    title: SafeString  # the title, the query's terms in <mark>
    snippet: SafeString  # a piece of the body around the first term, terms in <mark>
    score: float  # higher is better (bm25 or ts_rank; 0 when ordered by date)


@dataclass(frozen=True)
class Facet:
    category: FacetCategory  # a top-level category
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


def _tiered(backend, parsed, filters, total: int, offset: int, limit: int) -> list[int]:
    """One page of a large result: the title matches, newest first, then the others."""
    in_title = backend.count(parsed, filters, title=True)
    page = []
    if offset < in_title:
        page = backend.newest(parsed, filters, part="title", offset=offset,
                              limit=min(limit, in_title - offset), size=in_title)  # fmt: skip
    rest, skip = limit - len(page), max(0, offset - in_title)
    if not rest:
        return page
    if in_title > EXCLUDE_TITLES:
        return page + backend.newest(parsed, filters, part="body", offset=skip, limit=rest,
                                     size=total - in_title)  # fmt: skip
    # Few title matches: the newest of all matches without them (cheaper than asking FTS5
    # which matches are not in the title).
    titles = set(
        backend.newest(parsed, filters, part="title", offset=0, limit=in_title, size=in_title)
        if in_title else ()
    )  # fmt: skip
    newest = backend.newest(parsed, filters, part="all", offset=0,
                            limit=skip + rest + in_title, size=total)  # fmt: skip
    return page + [i for i in newest if i not in titles][skip : skip + rest]


def _ranked(backend, parsed, filters, result: SearchResult) -> list[tuple[int, float]]:
    """The page's (item id, score)."""
    offset, limit = (result.page - 1) * result.per_page, result.per_page
    if result.order == "date":
        return [(item_id, 0.0) for item_id in
                backend.dated(parsed, filters, limit=limit, offset=offset)]  # fmt: skip
    if result.total <= RANK_WINDOW:
        return backend.ranked(parsed, filters, limit=limit, offset=offset)
    ids = _tiered(backend, parsed, filters, result.total, offset, limit)
    return [(item_id, 0.0) for item_id in ids]


def _tops(division) -> dict[int, FacetCategory]:
    """The top-level categories searched: all, or a division's."""
    tops = Category.objects.filter(parent__isnull=True)
    if division is not None:
        tops = tops.filter(division=division)
    return {pk: FacetCategory(pk, code, name) for pk, code, name in
            tops.values_list("pk", "code", "name")}  # fmt: skip


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
    tops = _tops(division)
    everywhere = division is None
    facet_filters = backends.Filters(
        tuple(tops), everywhere, None, kind or None, date_from, date_to
    )  # fmt: skip
    filters = facet_filters
    if category_obj is not None:
        top_id = category_obj.parent_id or category_obj.pk
        sub_id = category_obj.pk if category_obj.parent_id else None
        filters = backends.Filters((top_id,), False, sub_id, kind or None, date_from, date_to)
    backend = backends.backend()
    counts = backend.facets(parsed, facet_filters)
    if category_obj is None:
        result.total = sum(counts.values())
    elif filters.category_id is None:
        result.total = counts.get(filters.tops[0], 0)
    else:
        result.total = backend.count(parsed, filters)
    result.facets = sorted(
        (Facet(tops[pk], n) for pk, n in counts.items() if pk in tops),
        key=lambda f: (f.category.code, f.category.pk),
    )
    if not result.total:
        return result

    result.page = min(max(1, int(page)), result.num_pages)
    ranked = _ranked(backend, parsed, filters, result)
    # An item gone or withdrawn since it was indexed is left out (item_index or reindex mends
    # the index).
    # (By primary key alone: with the status in the WHERE clause SQLite may prefer the status
    # index and read every published item.)
    rows = Item.objects.filter(pk__in=[item_id for item_id, _score in ranked]).values_list(
        "pk", "title", "published_on", "document_number", "department__name",
        "category__name", "category__code", "body", "status",
    )  # fmt: skip
    items = {row[0]: row for row in rows if row[8] == Item.Status.PUBLISHED}
    terms = parsed.highlight_terms()
    for item_id, score in ranked:
        row = items.get(item_id)
        if row is None:
            continue
        item = HitItem(*row[:7])
        result.hits.append(
            Hit(
                item=item,
                title=highlight.marked(item.title, terms),
                snippet=highlight.snippet(row[7], terms),
                score=score if order == "relevance" else 0.0,
            )
        )
    return result

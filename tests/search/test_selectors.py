"""Searching: ranking, facets and filters, dates, highlighting, recall against a substring scan."""

import datetime
import random
import re

import pytest

from zhengwu.disclosure.corpus import create_items
from zhengwu.disclosure.models import Category, Item, ItemKind
from zhengwu.search import backends
from zhengwu.search.selectors import search_items
from zhengwu.search.services import reindex
from zhengwu.search.text import parse_query

pytestmark = pytest.mark.django_db


def ids(result) -> list[int]:
    return [hit.item.pk for hit in result.hits]


def everything() -> backends.Filters:
    tops = Category.objects.filter(parent__isnull=True).values_list("pk", flat=True)
    return backends.Filters(tuple(tops), everywhere=True)


def test_a_title_match_ranks_before_a_body_match(world):
    body_only = world.item("关于做好冬季取暖工作的通知", "做好供热保障，做好供热管网巡查。")
    in_title = world.item("城市集中供热价格调整的通知", "价格调整自十月起执行。")
    result = search_items("供热")
    assert ids(result) == [in_title.pk, body_only.pk]
    assert result.hits[0].score > result.hits[1].score > 0


def test_a_jieba_word_ranks_before_the_same_characters_across_words(world):
    across = world.item("加工作坊名单", "食品加工作坊登记。")
    word = world.item("年度工作计划", "全年工作安排。")
    assert ids(search_items("工作")) == [word.pk, across.pk]


def test_every_term_must_match(world):
    both = world.item("危房改造补助资金公示", "补助标准。")
    world.item("危房改造实施方案", "改造对象。")
    assert ids(search_items("危房改造 补助")) == [both.pk]
    assert search_items("危房改造 不存在的词").total == 0


def test_facets_count_top_level_categories_and_a_category_filters(world):
    a = world.item("危房改造资金分配公告", category="11.01")  # 民生保障 / 扶贫
    b = world.item("危房改造对象名单公示", category="11.04")  # 民生保障 / 社会保障
    c = world.item("危房改造工作动态", category="15.01")  # 其他主动公开信息
    result = search_items("危房改造")
    assert result.total == 3
    assert [(f.category.code, f.count) for f in result.facets] == [("11", 2), ("15", 1)]

    top = search_items("危房改造", category=world.categories["11"])
    assert set(ids(top)) == {a.pk, b.pk} and top.total == 2
    # The facets still show every category of the search, to switch between them.
    assert [(f.category.code, f.count) for f in top.facets] == [("11", 2), ("15", 1)]
    sub = search_items("危房改造", category=world.categories["11.04"].pk)
    assert ids(sub) == [b.pk] and sub.total == 1
    assert ids(search_items("危房改造", category=world.categories["15"])) == [c.pk]


def test_the_date_range_is_inclusive_and_date_order_is_newest_first(world):
    old = world.item("供热通知", published_on=datetime.date(2025, 12, 31))
    first = world.item("供热公告", published_on=datetime.date(2026, 1, 1))
    last = world.item("供热公示", published_on=datetime.date(2026, 1, 31))
    world.item("供热方案", published_on=datetime.date(2026, 2, 1))
    january = search_items(
        "供热", date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 1, 31)
    )
    assert set(ids(january)) == {first.pk, last.pk} and january.total == 2
    newest = search_items("供热", order="date", date_to=datetime.date(2026, 1, 31))
    assert ids(newest) == [last.pk, first.pk, old.pk]
    assert all(hit.score == 0 for hit in newest.hits)


def test_kind_and_division_filter(world):
    guide = world.item("不动产登记办事指南", kind=ItemKind.SERVICE, category="05.02")
    notice = world.item("不动产登记收费公告")
    assert ids(search_items("不动产登记", kind=ItemKind.SERVICE)) == [guide.pk]
    assert set(ids(search_items("不动产登记", division=world.county))) == {guide.pk, notice.pk}
    assert search_items("不动产登记", division=world.county.pk + 1000).total == 0


def test_pages(world):
    made = [world.item(f"第{n}号供热公告") for n in range(5)]
    first = search_items("供热", per_page=2, order="date")
    third = search_items("供热", per_page=2, page=3, order="date")
    beyond = search_items("供热", per_page=2, page=99, order="date")
    assert first.total == 5 and first.num_pages == 3 and first.has_next
    assert len(third.hits) == 1 and not third.has_next and third.has_previous
    assert beyond.page == 3  # a page past the end shows the last
    seen = ids(first) + ids(search_items("供热", per_page=2, page=2, order="date")) + ids(third)
    assert sorted(seen) == sorted(i.pk for i in made)


def test_empty_and_punctuation_queries_give_a_message(world):
    world.item("供热公告")
    for query in ("", "   ", "！？。", "<>"):
        result = search_items(query)
        assert result.message and result.total == 0 and not result.hits


def test_highlights_mark_the_terms_and_escape_the_text(world):
    world.item(
        "<b>危房改造</b> & 补助",
        "前言。" * 30 + "<script>alert(1)</script>危房改造资金。",
    )
    hit = search_items("危房改造").hits[0]
    assert hit.title == "&lt;b&gt;<mark>危房改造</mark>&lt;/b&gt; &amp; 补助"
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>危房改造</mark>资金" in hit.snippet
    assert hit.snippet.startswith("…")


def test_a_traditional_query_finds_simplified_items(world):
    item = world.item("关于进一步做好政府信息公开工作的通知", "规范性文件的公开。")
    assert ids(search_items("政府資訊")) == [item.pk]  # Taiwan's word for 信息
    assert ids(search_items("規範性文件")) == [item.pk]
    assert ids(search_items("政府資訊公開")) == [item.pk]
    assert "<mark>政府信息公开</mark>" in search_items("政府資訊公開").hits[0].title


def test_two_character_queries_find_exactly_what_a_substring_scan_finds(world):
    """The acceptance test: every two-character word drawn from a generated corpus finds every
    published item containing it, and nothing else."""
    create_items(world.county, 300, seed=5)
    withdrawn = Item.objects.filter(division=world.county).order_by("pk")[:10]
    Item.objects.filter(pk__in=[i.pk for i in withdrawn]).update(status=Item.Status.WITHDRAWN)
    reindex()
    published = list(
        Item.objects.filter(status=Item.Status.PUBLISHED).values_list(
            "pk", "title", "body", "keywords", "document_number"
        )
    )
    rng = random.Random(7)
    han = re.compile(r"[\u4e00-\u9fff]{2,}")
    words = set()
    for _pk, title, body, _kw, _no in rng.sample(published, 60):
        for run in han.findall(title + "。" + body):
            words.update(run[i : i + 2] for i in range(len(run) - 1))
    words = sorted(words)
    assert len(words) > 300
    backend = backends.backend()
    for word in rng.sample(words, 300):
        expected = {pk for pk, *fields in published if any(word in f for f in fields)}
        query = parse_query(word)
        found = set(backend.dated(query, everything(), limit=10_000, offset=0))
        assert found == expected, word
        assert search_items(word).total == len(expected), word


# Each plan of the SQLite backend and of the tiers: counted and sorted in one statement or per
# category range, the rest read without the title matches or as the matches not in the title.
PLANS = [(10_000, 30_000, 200), (1, 1, 200), (1, 1, 0), (10_000, 30_000, 0)]


@pytest.mark.parametrize(("facet_scan", "sort_scan", "exclude"), PLANS)
def test_a_large_result_puts_title_matches_first_each_tier_newest_first(
    world, monkeypatch, facet_scan, sort_scan, exclude
):
    from zhengwu.search import selectors

    monkeypatch.setattr(selectors, "RANK_WINDOW", 2)
    monkeypatch.setattr(selectors, "EXCLUDE_TITLES", exclude)
    monkeypatch.setattr(backends.SqliteBackend, "FACET_SCAN", facet_scan)
    monkeypatch.setattr(backends.SqliteBackend, "SORT_SCAN", sort_scan)
    old_title = world.item("供热价格公告", "供热。")
    body_a = world.item("冬季取暖通知", "做好供热保障。")
    new_title = world.item("供热管网改造", "管网。", category="11.01")  # another category
    body_b = world.item("冬季取暖安排", "供热管网巡查，供热服务热线。")
    order = [new_title.pk, old_title.pk, body_b.pk, body_a.pk]
    result = search_items("供热", per_page=2)
    assert result.total == 4
    assert [(f.category.code, f.count) for f in result.facets] == [("11", 1), ("15", 3)]
    assert ids(result) == order[:2]
    assert all(hit.score == 0 for hit in result.hits)
    # Each item on exactly one page, whichever page a tier ends on.
    assert ids(search_items("供热", per_page=2, page=2)) == order[2:]
    assert ids(search_items("供热", per_page=3)) == order[:3]
    assert ids(search_items("供热", per_page=3, page=2)) == order[3:]
    assert ids(search_items("供热", per_page=1, page=3)) == [body_b.pk]
    assert ids(search_items("供热", per_page=4)) == order
    # Within one category, and with a filter that reads the entries.
    assert ids(search_items("供热", category=world.categories["15"], per_page=1, page=2)) == [
        body_b.pk
    ]
    assert ids(search_items("供热", kind=old_title.kind, per_page=4)) == order
    # A result within the window is ranked by bm25 as a whole.
    monkeypatch.setattr(selectors, "RANK_WINDOW", 10)
    ranked = search_items("供热", per_page=4)
    assert set(ids(ranked)[:2]) == {old_title.pk, new_title.pk}
    assert ranked.hits[0].score > ranked.hits[3].score > 0

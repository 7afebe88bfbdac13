"""Keeping the index in step with published items, on the real database."""

import pytest

from zhengwu.disclosure.models import Item
from zhengwu.search.models import Entry
from zhengwu.search.selectors import search_items
from zhengwu.search.services import item_index, item_remove, reindex

pytestmark = pytest.mark.django_db


def found(query: str) -> set[int]:
    return {hit.item.pk for hit in search_items(query, per_page=100).hits}


def test_a_published_item_is_found_by_title_body_number_and_keywords(world):
    item = world.item(
        "关于做好农村牧区危房改造工作的通知",
        "各乡镇：请做好草原补奖资金发放。",
        document_number="多政发〔2012〕78号",
        keywords="住房保障",
    )
    for query in ("危房改造", "草原补奖", "多政发〔2012〕78号", "78号", "住房保障", "改"):
        assert found(query) == {item.pk}, query
    assert found("供热") == set()
    entry = Entry.objects.get(item_id=item.pk)
    assert entry.top_category_id == world.categories["15"].pk
    assert entry.category_id == world.categories["15.02"].pk


def test_an_unpublished_item_is_not_indexed_and_withdrawing_removes_it(world):
    draft = world.item("危房改造草案", status=Item.Status.DRAFT)
    assert not item_index(draft)
    assert found("危房改造") == set()

    item = world.item("危房改造实施方案")
    assert found("危房改造") == {item.pk}
    item.status = Item.Status.WITHDRAWN
    item.save()
    assert not item_index(item)
    assert found("危房改造") == set()
    assert not Entry.objects.filter(item_id=item.pk).exists()


def test_indexing_again_replaces_the_old_text(world):
    item = world.item("城市集中供热价格的通知", "供热价格每平方米22元。")
    item.title = "城乡居民医疗保险参保的通知"
    item.body = "参保缴费时间。"
    item.save()
    assert item_index(item)
    assert found("供热") == set()
    assert found("参保") == {item.pk}
    assert Entry.objects.count() == 1


def test_item_remove_takes_the_item_out_and_is_safe_to_repeat(world):
    item = world.item("森林草原火灾应急预案")
    item_remove(item)
    item_remove(item)
    assert found("应急预案") == set()
    assert not Entry.objects.exists()


def test_reindex_rebuilds_from_the_published_items(world):
    a = world.item("危房改造公示", index=False)
    b = world.item("危房改造名单", index=False)
    world.item("危房改造草稿", status=Item.Status.DRAFT, index=False)
    assert found("危房改造") == set()
    calls = []
    assert reindex(progress=lambda done, total: calls.append((done, total))) == 2
    assert found("危房改造") == {a.pk, b.pk}
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)
    # A withdrawn item is gone after the next rebuild, and rebuilding twice changes nothing.
    Item.objects.filter(pk=a.pk).update(status=Item.Status.WITHDRAWN)
    assert reindex() == 1
    assert reindex() == 1
    assert found("危房改造") == {b.pk}
    assert Entry.objects.count() == 1


def test_reindex_tokenises_in_worker_processes_for_many_items(world, monkeypatch):
    from zhengwu.search import services

    monkeypatch.setattr(services, "PARALLEL_FROM", 1)
    monkeypatch.setattr(services, "CHUNK", 2)
    made = [world.item(f"第{n}批危房改造名单", index=False) for n in range(5)]
    assert reindex() == 5
    assert found("危房改造") == {i.pk for i in made}
    # The index is incremental again afterwards: a new item goes in on its own.
    late = world.item("危房改造补充名单")
    assert late.pk in found("危房改造")

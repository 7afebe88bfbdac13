"""``zhengwu search reindex`` and ``zhengwu search query``."""

import io

import pytest
from django.core.management import call_command

from zhengwu.search.selectors import search_items

pytestmark = pytest.mark.django_db


def test_reindex_prints_the_count_and_rebuilds(world):
    world.item("危房改造公示", index=False)
    world.item("危房改造名单", index=False)
    out, err = io.StringIO(), io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert out.getvalue().strip().endswith("2 items indexed.")
    assert search_items("危房改造").total == 2


def test_query_prints_the_top_hits(world):
    a = world.item("危房改造公示", document_number="多政发〔2012〕78号")
    out = io.StringIO()
    call_command("search", "query", "危房改造", stdout=out)
    text = out.getvalue()
    assert "1 item matches '危房改造'." in text
    assert f"#{a.pk}" in text and "多政发〔2012〕78号" in text
    empty = io.StringIO()
    call_command("search", "query", "！！", stdout=empty)
    assert empty.getvalue().strip()

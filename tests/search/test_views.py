"""The public search page."""

import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


def test_the_page_without_a_search_shows_the_form(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html and 'type="date"' in html
    assert "<mark>" not in html


def test_hits_are_marked_linked_and_counted(client, world):
    item = world.item("关于做好农村牧区危房改造工作的通知", "各乡镇要做好危房改造。",
                      document_number="多政发〔2012〕78号")  # fmt: skip
    world.item("城市供热价格公告")
    response = client.get(URL, {"q": "危房改造"})
    html = response.content.decode()
    assert "<mark>危房改造</mark>" in html
    assert reverse("disclosure:item", args=[item.pk]) in html
    assert "多政发〔2012〕78号" in html
    assert "供热价格" not in html
    assert response.context["result"].total == 1


def test_html_in_item_text_is_escaped(client, world):
    world.item("<script>alert('x')</script>危房改造", "<img src=x onerror=alert(1)>危房改造")
    html = client.get(URL, {"q": "危房改造"}).content.decode()
    assert "<script>alert(" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html


def test_a_traditional_query_finds_a_simplified_item(client, world):
    world.item("关于公布规范性文件清理结果的决定", "经清理，继续有效的规范性文件。")
    html = client.get(URL, {"q": "規範性文件"}).content.decode()
    assert "<mark>规范性文件</mark>清理结果" in html


def test_nothing_found_and_an_empty_search_say_so(client, world):
    world.item("城市供热价格公告")
    nothing = client.get(URL, {"q": "草原补奖"})
    assert nothing.context["result"].total == 0
    assert "没有" in nothing.content.decode() or "Nothing published" in nothing.content.decode()
    empty = client.get(URL, {"q": "  "})
    assert empty.context["result"].message


def test_category_facets_link_to_a_filtered_search(client, world):
    world.item("危房改造资金分配公告", category="11.01")
    world.item("危房改造工作动态", category="15.01")
    html = client.get(URL, {"q": "危房改造"}).content.decode()
    link = f"?q=%E5%8D%B1%E6%88%BF%E6%94%B9%E9%80%A0&amp;category={world.categories['11'].pk}"
    assert link in html
    filtered = client.get(URL, {"q": "危房改造", "category": world.categories["11"].pk})
    assert filtered.context["result"].total == 1
    assert filtered.context["category"] == world.categories["11"]


def test_a_date_range_filters_and_is_shown_back_in_iso_form(client, world):
    world.item("供热公告", published_on=datetime.date(2026, 1, 15))
    world.item("供热公示", published_on=datetime.date(2026, 3, 15))
    response = client.get(URL, {"q": "供热", "date_from": "2026-01-01", "date_to": "2026-01-31"})
    assert response.context["result"].total == 1
    html = response.content.decode()
    assert 'value="2026-01-01"' in html and 'value="2026-01-31"' in html


def test_a_bad_date_is_reported_and_the_search_still_runs(client, world):
    world.item("供热公告")
    response = client.get(URL, {"q": "供热", "date_from": "2026-13-45"})
    form = response.context["form"]
    assert "date_from" in form.errors
    assert response.context["result"].total == 1
    assert 'value="供热"' in response.content.decode()
    backwards = client.get(URL, {"q": "供热", "date_from": "2026-03-01", "date_to": "2026-02-01"})
    assert "date_to" in backwards.context["form"].errors


def test_pagination_links_keep_the_search(client, world):
    for n in range(25):
        world.item(f"第{n}号供热公告")
    first = client.get(URL, {"q": "供热", "kind": "disclosure"})
    html = first.content.decode()
    assert len(first.context["result"].hits) == 20
    assert 'rel="next"' in html and "page=2" in html and "kind=disclosure" in html
    second = client.get(URL, {"q": "供热", "kind": "disclosure", "page": 2})
    assert len(second.context["result"].hits) == 5

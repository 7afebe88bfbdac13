"""The public catalog pages: browse and search, a matter's page and its printable guide."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from zhengwu.catalog import services
from zhengwu.catalog.models import Fee, LegalBasis, Material, Power, PowerVersion, Stage
from zhengwu.org.models import Department, Division

pytestmark = pytest.mark.django_db


# --- Data, built through the services -------------------------------------------------------


def make_departments() -> dict[str, Department]:
    league = Division.objects.create(code="152500000000", level="league", name="锡林郭勒盟")
    county = Division.objects.create(
        code="152531000000", level="county", parent=league, name="多伦县"
    )
    names = {
        "market": ("d01", "多伦县市场监督管理局"),
        "housing": ("d02", "多伦县住房和城乡建设局"),
        "health": ("d03", "多伦县卫生健康委员会"),
        "fire": ("d04", "多伦县消防救援大队"),
    }
    return {
        key: Department.objects.create(division=county, code=code, name=name, kind="department")
        for key, (code, name) in names.items()
    }


def make_power(
    code: str,
    name: str,
    kind: str,
    department: Department,
    *,
    publish: bool = True,
    materials=(),
    fees=(),
    bases=(),
    stages=(),
    **fields,
) -> PowerVersion:
    """A power with a draft version 1 holding the given parts, published unless told not to."""
    fields = {"legal_limit_days": 20, "promised_limit_days": 10, **fields}
    _power, version = services.power_create(
        actor=None,
        basic_code=f"B{code}",
        implementation_code=code,
        name=name,
        kind=kind,
        department=department,
        **fields,
    )
    for model, rows in ((Material, materials), (Fee, fees), (LegalBasis, bases), (Stage, stages)):
        for position, row in enumerate(rows):
            model.objects.create(version=version, position=position, **row)
    if publish:
        services.power_version_publish(actor=None, version=version)
    return PowerVersion.objects.get(pk=version.pk)


def food_licence(departments) -> PowerVersion:
    """A licence with every part: two materials, a fee, two legal bases, a parallel co-review."""
    return make_power(
        "11152531MB1234567X4000117001",
        "食品经营许可",
        "licensing",
        departments["market"],
        content="在本县从事食品销售和餐饮服务活动的许可。",
        conditions="具有与经营的食品品种、数量相适应的经营场所。",
        quantity_limit="无数量限制",
        place="多伦县政务服务中心二楼市场监管窗口",
        hours="周一至周五 8:30-12:00，14:30-17:30",
        consultation_channel="咨询电话 0479-4521234",
        supervision_channel="投诉电话 12345",
        result_name="食品经营许可证",
        in_service_centre=True,
        life_events="开办企业，开餐馆",
        lead_department=departments["market"],
        materials=[
            {"name": "食品经营许可申请书", "form": "original", "copies": 1, "required": True},
            {
                "name": "授权委托书",
                "form": "original",
                "copies": 1,
                "required": False,
                "condition": "委托他人代为办理的",
            },
        ],
        fees=[{"item": "证照工本费", "amount": Decimal("10.00"), "basis": "发改价格〔2020〕1号"}],
        bases=[
            {
                "title": "中华人民共和国食品安全法",
                "issuer": "全国人民代表大会常务委员会",
                "article": "第三十五条",
                "excerpt": "国家对食品生产经营实行许可制度。",
            },
            {"title": "食品经营许可和备案管理办法", "article": "第二条"},
        ],
        stages=[
            {"code": "accept", "name": "受理", "kind": "accept", "role": "window_clerk"},
            {
                "code": "review",
                "name": "审查",
                "kind": "review",
                "department": departments["market"],
                "limit_days": 5,
            },
            {
                "code": "fire",
                "name": "消防意见",
                "kind": "co_review",
                "department": departments["fire"],
                "limit_days": 3,
                "parallel_group": 1,
            },
            {
                "code": "health",
                "name": "卫生意见",
                "kind": "co_review",
                "department": departments["health"],
                "limit_days": 3,
                "parallel_group": 1,
            },
            {
                "code": "decide",
                "name": "决定",
                "kind": "decide",
                "department": departments["market"],
                "limit_days": 2,
            },
        ],
    )


def build_catalog() -> dict:
    """Published, suspended, draft-only and repealed powers across three departments."""
    departments = make_departments()
    food = food_licence(departments)
    business = make_power(
        "11152531MB1234567X4000117002",
        "个体工商户登记",
        "public_service",
        departments["market"],
        matter_type="instant",
        promised_limit_days=None,
        in_service_centre=True,
        life_events="开办企业",
    )
    drainage = make_power(
        "11152531MB1234567X4000117003",
        "城镇污水排入排水管网许可",
        "licensing",
        departments["housing"],
        day_kind="calendar",
        life_events="开办企业分支机构",
    )
    suspended = make_power(
        "11152531MB1234567X4000117004",
        "医疗机构执业登记",
        "licensing",
        departments["health"],
    )
    services.power_set_status(
        actor=None, power=suspended.power, status=Power.Status.SUSPENDED, reason="机构改革"
    )
    draft = make_power(
        "11152531MB1234567X4000117005",
        "建筑工程施工许可草稿",
        "licensing",
        departments["housing"],
        publish=False,
    )
    repealed = make_power(
        "11152531MB1234567X4000117006",
        "已取消的临时占道许可",
        "licensing",
        departments["housing"],
    )
    services.power_set_status(
        actor=None, power=repealed.power, status=Power.Status.REPEALED, reason="国务院取消"
    )
    return {
        "departments": departments,
        "food": food,
        "business": business,
        "drainage": drainage,
        "suspended": suspended,
        "draft": draft,
        "repealed": repealed,
    }


@pytest.fixture
def catalog():
    return build_catalog()


def page(client, url_name="catalog:index", *args, **params) -> str:
    response = client.get(reverse(url_name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def result_names(html: str) -> list[str]:
    return re.findall(r'<a class="power-name" href="[^"]+">([^<]+)</a>', html)


# --- The index: only what is published ------------------------------------------------------


def test_index_lists_published_powers_only(client, catalog):
    html = page(client)
    names = result_names(html)
    assert sorted(names) == sorted(
        ["食品经营许可", "个体工商户登记", "城镇污水排入排水管网许可", "医疗机构执业登记"]
    )
    assert "建筑工程施工许可草稿" not in html
    assert "已取消的临时占道许可" not in html


def test_a_suspended_power_is_listed_with_its_mark(client, catalog):
    html = page(client)
    item = html.split("医疗机构执业登记</a>")[1].split("</li>")[0]
    assert 'class="badge badge-suspended"' in item
    food_item = html.split("食品经营许可</a>")[1].split("</li>")[0]
    assert "badge-suspended" not in food_item


def test_results_show_kind_department_time_limit_and_service_centre(client, catalog):
    html = page(client)
    food = html.split("食品经营许可</a>")[1].split("</li>")[0]
    assert "多伦县市场监督管理局" in food
    assert "10" in food and 'class="centre-mark"' in food
    drainage = html.split("城镇污水排入排水管网许可</a>")[1].split("</li>")[0]
    assert 'class="centre-mark"' not in drainage
    assert reverse("catalog:detail", args=[catalog["food"].power.implementation_code]) in html


def test_browse_lists_count_only_what_exists(client, catalog):
    html = page(client)
    browse = html.split('class="catalog-browse"')[1]
    market = catalog["departments"]["market"]
    assert f'?department={market.pk}">多伦县市场监督管理局</a> <span class="count">(2)' in browse
    assert "多伦县消防救援大队" not in browse  # no power of its own
    assert "?kind=licensing" in browse and "?kind=public_service" in browse
    assert "?kind=penalty" not in browse
    kinds = re.findall(r"\?kind=(\w+)", browse)
    assert len(kinds) == len(set(kinds)) == 2
    events = dict(re.findall(r'\?event=[^"]+">([^<]+)</a> <span class="count">\((\d+)\)', browse))
    assert events == {"开办企业": "2", "开餐馆": "1", "开办企业分支机构": "1"}


# --- Filters and search ---------------------------------------------------------------------


def test_filter_by_department(client, catalog):
    housing = catalog["departments"]["housing"]
    html = page(client, department=housing.pk)
    assert result_names(html) == ["城镇污水排入排水管网许可"]
    applied = html.split('class="applied-filters"')[1].split("</div>")[0]
    assert "多伦县住房和城乡建设局" in applied
    assert 'href="/catalog/"' in applied  # removing the only condition shows everything


def test_filter_by_kind(client, catalog):
    html = page(client, kind="public_service")
    assert result_names(html) == ["个体工商户登记"]


def test_filter_by_life_event_matches_whole_events(client, catalog):
    html = page(client, event="开办企业")
    assert sorted(result_names(html)) == ["个体工商户登记", "食品经营许可"]
    assert result_names(page(client, event="开办企业分支机构")) == ["城镇污水排入排水管网许可"]


def test_search_by_name(client, catalog):
    assert result_names(page(client, q="食品")) == ["食品经营许可"]
    assert result_names(page(client, q="许可 排水")) == ["城镇污水排入排水管网许可"]
    code = catalog["business"].power.implementation_code
    assert result_names(page(client, q=code)) == ["个体工商户登记"]
    html = page(client, q="不存在的事项")
    assert result_names(html) == [] and 'class="notice"' in html


def test_search_never_finds_unpublished_powers(client, catalog):
    assert result_names(page(client, q="草稿")) == []
    assert result_names(page(client, q="占道")) == []


def test_filters_combine_and_each_can_be_removed(client, catalog):
    market = catalog["departments"]["market"]
    html = page(client, department=market.pk, kind="licensing", event="开办企业", q="食品")
    assert result_names(html) == ["食品经营许可"]
    applied = html.split('class="applied-filters"')[1].split("</div>")[0]
    removals = re.findall(r'class="remove-filter" href="([^"]+)"', applied)
    assert len(removals) == 4
    for href in removals:
        remaining = href.replace("&amp;", "&")
        assert remaining.startswith("/catalog/?")
        assert remaining.count("=") == 3
    assert 'class="remove-all" href="/catalog/"' in applied
    # The search form keeps the other conditions.
    form = html.split('<search class="catalog-search">')[1].split("</form>")[0]
    assert f'name="department" value="{market.pk}"' in form
    assert 'name="kind" value="licensing"' in form
    # Browse links keep the other conditions too.
    assert "?q=%E9%A3%9F%E5%93%81&amp;department=" in html


def test_a_stale_or_malformed_filter_is_ignored(client, catalog):
    html = page(client, department="999999", kind="nonsense", page="x")
    assert len(result_names(html)) == 4
    assert 'class="applied-filters"' not in html


def test_pagination_twenty_a_page(client):
    departments = make_departments()
    for n in range(25):
        make_power(f"P{n:03d}", f"测试事项{n:02d}", "public_service", departments["market"])
    first = page(client)
    assert len(result_names(first)) == 20
    assert "(25)" in first
    assert 'href="?page=2" rel="next"' in first
    second = page(client, page=2)
    assert len(result_names(second)) == 5
    assert 'href="?page=1" rel="prev"' in second
    kind_page = page(client, kind="public_service", page=2)
    assert 'href="?kind=public_service&amp;page=1"' in kind_page


def test_the_index_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    departments = make_departments()
    for n in range(20):
        make_power(f"P{n:03d}", f"测试事项{n:02d}", "licensing", departments["market"])
    with django_assert_max_num_queries(12):
        assert len(result_names(page(client, event="x"))) == 0
        assert len(result_names(page(client))) == 20


def test_nav_marks_the_catalog(client, catalog):
    html = page(client)
    nav = html.split('<nav class="main-nav"')[1].split("</nav>")[0]
    assert f'<a href="{reverse("catalog:index")}" aria-current="page">' in nav
    assert html.count("<h1") == 1


# --- A matter's page ------------------------------------------------------------------------


def test_detail_shows_every_part(client, catalog):
    food = catalog["food"]
    html = page(client, "catalog:detail", food.power.implementation_code)
    assert "<h1" in html and "食品经营许可</h1>" in html
    for text in (
        food.power.basic_code,
        food.power.implementation_code,
        "多伦县市场监督管理局",
        "在本县从事食品销售和餐饮服务活动的许可。",
        "具有与经营的食品品种、数量相适应的经营场所。",
        "无数量限制",
        "多伦县政务服务中心二楼市场监管窗口",
        "周一至周五 8:30-12:00，14:30-17:30",
        "食品经营许可证",
        "开办企业、开餐馆",
    ):
        assert text in html, text
    # Materials: both rows, the conditional one with its condition.
    materials = html.split('class="stack-table materials"')[1].split("</table>")[0]
    assert materials.count("<tr>") == 3
    assert "食品经营许可申请书" in materials and "委托他人代为办理的" in materials
    # Fees and legal bases.
    fees = html.split('class="stack-table fees"')[1].split("</table>")[0]
    assert "证照工本费" in fees and "10.00" in fees and "发改价格〔2020〕1号" in fees
    assert "《中华人民共和国食品安全法》</cite>第三十五条" in html
    assert "全国人民代表大会常务委员会" in html and "国家对食品生产经营实行许可制度。" in html
    assert "《食品经营许可和备案管理办法》</cite>第二条" in html
    # The flowchart, inline, and the stages in words.
    drawing = html.split('class="flowchart-drawing"')[1].split("</figure>")[0]
    assert "<svg" in drawing
    stages = html.split('class="stage-list"')[1].split("</ol>")[0]
    assert [s for s in ("受理", "审查", "消防意见", "卫生意见", "决定") if s in stages] == [
        "受理",
        "审查",
        "消防意见",
        "卫生意见",
        "决定",
    ]
    # Telephone numbers can be tapped.
    assert 'href="tel:04794521234"' in html and 'href="tel:12345"' in html
    assert reverse("catalog:guide", args=[food.power.implementation_code]) in html


def test_the_flowchart_opens_on_its_own(client, catalog):
    food = catalog["food"]
    response = client.get(reverse("catalog:flowchart", args=[food.power.implementation_code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response.content.decode().startswith("<svg")
    html = page(client, "catalog:detail", food.power.implementation_code)
    assert reverse("catalog:flowchart", args=[food.power.implementation_code]) in html
    draft = catalog["draft"].power.implementation_code
    assert client.get(reverse("catalog:flowchart", args=[draft])).status_code == 404


def test_stages_name_their_role_in_words(client, catalog):
    html = page(client, "catalog:detail", catalog["food"].power.implementation_code)
    stages = html.split('class="stage-list"')[1].split("</ol>")[0]
    assert "窗口人员" in stages and "window_clerk" not in stages


def test_detail_without_fees_says_free_of_charge(client, catalog):
    html = page(client, "catalog:detail", catalog["drainage"].power.implementation_code)
    assert 'class="stack-table fees"' not in html
    assert 'class="no-fee"' in html


def test_detail_of_a_suspended_power_says_so(client, catalog):
    html = page(client, "catalog:detail", catalog["suspended"].power.implementation_code)
    assert 'class="notice notice-warning"' in html
    assert 'class="badge badge-suspended"' in html
    food = page(client, "catalog:detail", catalog["food"].power.implementation_code)
    assert "notice-warning" not in food


@pytest.mark.parametrize("which", ["draft", "repealed"])
def test_unpublished_and_repealed_powers_are_not_found(client, catalog, which):
    code = catalog[which].power.implementation_code
    assert client.get(reverse("catalog:detail", args=[code])).status_code == 404
    assert client.get(reverse("catalog:guide", args=[code])).status_code == 404


def test_unknown_code_is_not_found(client, catalog):
    assert client.get(reverse("catalog:detail", args=["NO-SUCH-CODE"])).status_code == 404
    assert client.get(reverse("catalog:guide", args=["NO-SUCH-CODE"])).status_code == 404


def test_the_page_shows_the_current_version_only(client, catalog):
    food = catalog["food"]
    draft = services.power_version_draft(actor=None, power=food.power, change_note="改名")
    PowerVersion.objects.filter(pk=draft.pk).update(name="食品经营许可（新版草稿）")
    html = page(client, "catalog:detail", food.power.implementation_code)
    assert "新版草稿" not in html
    assert "新版草稿" not in page(client)


def test_user_text_is_escaped(client):
    departments = make_departments()
    version = make_power(
        "XSS1",
        "<script>alert(1)</script>事项",
        "public_service",
        departments["market"],
        consultation_channel="<b>0479-4521234</b>",
    )
    html = page(client, "catalog:detail", version.power.implementation_code)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;事项" in html
    assert "&lt;b&gt;" in html and "<b>0479" not in html


# --- The printable service guide ------------------------------------------------------------


def test_guide_is_a_printable_page_without_the_portal_chrome(client, catalog):
    food = catalog["food"]
    html = page(client, "catalog:guide", food.power.implementation_code)
    assert 'class="guide-site"' in html
    assert "zhengwu/css/zhengwu.css" in html and "zhengwu/js/print.js" in html
    assert "<nav" not in html and "main-nav" not in html and "site-footer" not in html
    assert "多伦县人民政府" in html  # the county's name (translation exists)
    assert re.search(r"\d{4}-\d{2}-\d{2}", html.split('class="guide-stamp"')[1])
    assert "data-print hidden" in html  # the print button appears only when it can work
    # All of the matter, the flowchart included.
    for text in ("食品经营许可申请书", "证照工本费", "《中华人民共和国食品安全法》", "消防意见"):
        assert text in html, text
    assert "<svg" in html.split('class="flowchart-drawing"')[1]
    assert f"http://testserver/catalog/{food.power.implementation_code}/" in html


def test_the_print_stylesheet_sets_a4_black_on_white_and_unbroken_tables():
    css = (Path(settings.PACKAGE_DIR) / "static/zhengwu/css/zhengwu.css").read_text()
    section = css.split("/* ---- Catalog ----")[1]
    printing = section.split("@media print {")[1]
    assert "size: A4" in printing
    assert "color: #000 !important" in printing and "background: transparent !important" in printing
    assert "break-inside: avoid" in printing
    assert ".guide-toolbar" in printing
    script = (Path(settings.PACKAGE_DIR) / "static/zhengwu/js/print.js").read_text()
    assert "window.print()" in script

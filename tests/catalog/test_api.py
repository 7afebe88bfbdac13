"""The catalog's public JSON API: list with filters and paging, detail, errors, schema."""

from __future__ import annotations

import pytest

from tests.catalog.test_views import build_catalog, make_departments, make_power

pytestmark = pytest.mark.django_db

LIST = "/api/catalog/powers"


@pytest.fixture
def catalog():
    return build_catalog()


def names(body: dict) -> list[str]:
    return sorted(item["name"] for item in body["items"])


def test_list_is_public_and_holds_published_powers_only(client, catalog):
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert names(body) == sorted(
        ["食品经营许可", "个体工商户登记", "城镇污水排入排水管网许可", "医疗机构执业登记"]
    )
    statuses = {item["name"]: item["status"] for item in body["items"]}
    assert statuses["医疗机构执业登记"] == "suspended"
    assert statuses["食品经营许可"] == "in_force"


def test_list_item_summary(client, catalog):
    food = catalog["food"]
    body = client.get(LIST, {"q": "食品"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    market = catalog["departments"]["market"]
    assert item == {
        "implementation_code": food.power.implementation_code,
        "basic_code": food.power.basic_code,
        "name": "食品经营许可",
        "kind": "licensing",
        "kind_label": item["kind_label"],
        "status": "in_force",
        "department": {"id": market.pk, "code": "d01", "name": "多伦县市场监督管理局"},
        "matter_type": "promised",
        "day_kind": "working",
        "legal_limit_days": 20,
        "promised_limit_days": 10,
        "in_service_centre": True,
        "life_events": ["开办企业", "开餐馆"],
        "url": f"/catalog/{food.power.implementation_code}/",
    }
    assert item["kind_label"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "public_service"}, ["个体工商户登记"]),
        ({"event": "开办企业"}, ["个体工商户登记", "食品经营许可"]),
        ({"event": "开办企业分支机构"}, ["城镇污水排入排水管网许可"]),
        ({"in_service_centre": "true"}, ["个体工商户登记", "食品经营许可"]),
        (
            {"in_service_centre": "false"},
            ["医疗机构执业登记", "城镇污水排入排水管网许可"],
        ),
        ({"q": "许可 排水"}, ["城镇污水排入排水管网许可"]),
        ({"q": "草稿"}, []),
        ({"q": "占道"}, []),
        ({"kind": "licensing", "event": "开办企业"}, ["食品经营许可"]),
    ],
)
def test_list_filters(client, catalog, params, expected):
    body = client.get(LIST, params).json()
    assert names(body) == sorted(expected)
    assert body["count"] == len(expected)


def test_list_filter_by_department(client, catalog):
    housing = catalog["departments"]["housing"]
    body = client.get(LIST, {"department": housing.pk}).json()
    assert names(body) == ["城镇污水排入排水管网许可"]  # the draft and the repealed one are hidden
    market = catalog["departments"]["market"]
    both = client.get(LIST, {"department": market.pk, "kind": "licensing"}).json()
    assert names(both) == ["食品经营许可"]


def test_list_rejects_an_unknown_kind_with_a_json_error(client, catalog):
    response = client.get(LIST, {"kind": "nonsense"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"][0]["field"] == "kind"


def test_list_pagination(client):
    departments = make_departments()
    for n in range(25):
        make_power(f"P{n:03d}", f"测试事项{n:02d}", "public_service", departments["market"])
    first = client.get(LIST).json()
    assert first["count"] == 25 and len(first["items"]) == 20  # 20 by default
    rest = client.get(LIST, {"limit": 10, "offset": 20}).json()
    assert rest["count"] == 25 and len(rest["items"]) == 5
    codes = [i["implementation_code"] for i in first["items"]] + [
        i["implementation_code"] for i in rest["items"]
    ]
    assert len(set(codes)) == 25  # a stable order: no item twice, none skipped
    assert client.get(LIST, {"limit": 101}).status_code == 422
    assert client.get(LIST, {"offset": -1}).status_code == 422


def test_detail_carries_every_part(client, catalog):
    food = catalog["food"]
    departments = catalog["departments"]
    response = client.get(f"{LIST}/{food.power.implementation_code}")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "食品经营许可"
    assert body["number"] == 1 and body["published_at"]
    assert body["standing"] == "statutory" and body["entrusting_body"] is None
    assert body["level"] == "county"
    assert body["conditions"] == "具有与经营的食品品种、数量相适应的经营场所。"
    assert body["place"] == "多伦县政务服务中心二楼市场监管窗口"
    assert body["consultation_channel"] == "咨询电话 0479-4521234"
    assert body["result_name"] == "食品经营许可证"
    assert body["online_depth"] == 3 and body["visits_required"] == 1
    assert body["lead_department"]["name"] == "多伦县市场监督管理局"
    assert [m["name"] for m in body["materials"]] == ["食品经营许可申请书", "授权委托书"]
    assert body["materials"][1] == {
        "name": "授权委托书",
        "form": "original",
        "copies": 1,
        "required": False,
        "condition": "委托他人代为办理的",
        "blank_form_url": None,
        "sample_url": None,
    }
    assert body["fees"] == [
        {"item": "证照工本费", "amount": "10.00", "formula": "", "basis": "发改价格〔2020〕1号"}
    ]
    assert [b["title"] for b in body["legal_bases"]] == [
        "中华人民共和国食品安全法",
        "食品经营许可和备案管理办法",
    ]
    assert body["legal_bases"][0]["article"] == "第三十五条"
    stages = {s["code"]: s for s in body["stages"]}
    assert list(stages) == ["accept", "review", "fire", "health", "decide"]
    assert stages["fire"] == {
        "code": "fire",
        "name": "消防意见",
        "kind": "co_review",
        "department": {
            "id": departments["fire"].pk,
            "code": "d04",
            "name": "多伦县消防救援大队",
        },
        "role": "",
        "limit_days": 3,
        "clock_excluded": False,
        "parallel_group": 1,
        "after": [],
    }
    assert stages["accept"]["department"] is None and stages["accept"]["role"] == "window_clerk"


def test_detail_of_a_suspended_power(client, catalog):
    body = client.get(f"{LIST}/{catalog['suspended'].power.implementation_code}").json()
    assert body["status"] == "suspended"


@pytest.mark.parametrize("which", ["draft", "repealed", None])
def test_detail_not_found_is_a_json_error(client, catalog, which):
    code = catalog[which].power.implementation_code if which else "NO-SUCH-CODE"
    response = client.get(f"{LIST}/{code}")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found"
    assert body["message"] == "所请求的记录不存在。"


def test_openapi_schema_lists_the_catalog(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/catalog/powers" in schema["paths"]
    assert "/api/catalog/powers/{implementation_code}" in schema["paths"]
    listing = schema["paths"]["/api/catalog/powers"]["get"]
    parameters = {p["name"] for p in listing["parameters"]}
    expected = {"department", "kind", "event", "q", "in_service_centre", "limit", "offset"}
    assert expected <= parameters
    assert listing.get("security") in (None, [])  # public
    components = schema["components"]["schemas"]
    detail = components["PowerDetailOut"]["properties"]
    for name in ("materials", "fees", "legal_bases", "stages", "conditions", "place", "hours"):
        assert name in detail, name
    stage = components["StageOut"]["properties"]
    assert set(stage) >= {
        "code",
        "name",
        "kind",
        "department",
        "limit_days",
        "clock_excluded",
        "parallel_group",
        "after",
    }

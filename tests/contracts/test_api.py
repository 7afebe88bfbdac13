"""The JSON API: visibility, the review through the services, the errors, the figures."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from tests.contracts.factories import create, make_world

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client, url, body):
    return client.post(url, json.dumps(body, default=str), content_type="application/json")


def test_list_and_detail_follow_visibility(world):
    mine = create(world, on=D(2012, 3, 1))
    theirs = create(world, on=D(2012, 3, 1), actor=world.outsider,
                    department=world.other_department)  # fmt: skip
    staff = client_for(world.staff)
    rows = staff.get("/api/contracts/contracts").json()
    assert [r["id"] for r in rows] == [mine.pk]
    assert staff.get(f"/api/contracts/contracts/{theirs.pk}").status_code == 404
    assert len(client_for(world.legal).get("/api/contracts/contracts").json()) == 2
    assert client_for().get("/api/contracts/contracts").status_code in (401, 403)


def test_the_review_through_the_api(world):
    staff, legal = client_for(world.staff), client_for(world.legal)
    created = post(staff, "/api/contracts/contracts", {
        "title": "多伦县城区集中供热特许经营协议", "kind": "franchise",
        "counterparty": "某热力公司",
        "amount": "8800000.00", "text": "第一条……", "on": "2012-03-01",
    })  # fmt: skip
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (
        post(staff, f"/api/contracts/contracts/{pk}/submit", {"on": "2012-03-01"}).json()["status"]
        == "submitted"
    )
    refused = post(staff, f"/api/contracts/contracts/{pk}/review/start", {"on": "2012-03-02"})
    assert refused.status_code == 403
    post(legal, f"/api/contracts/contracts/{pk}/review/start", {"on": "2012-03-02"})
    body = post(legal, f"/api/contracts/contracts/{pk}/review/opinion", {
        "conclusion": "unlawful", "findings": ["特许经营期限超过法定上限"],
        "legal_bases": ["《基础设施和公用事业特许经营管理办法》第六条"], "on": "2012-03-06",
    }).json()  # fmt: skip
    assert body["status"] == "returned" and body["reviews"][0]["conclusion"] == "unlawful"
    # Thursday 2012-03-01 + 7 working days = Monday 2012-03-12.
    assert body["reviews"][0]["due_on"] == "2012-03-12" and body["reviews"][0]["on_time"]
    sign = post(staff, f"/api/contracts/contracts/{pk}/sign", {"on": "2012-03-07"})
    assert sign.status_code == 409 and sign.json()["code"] == "unlawful"
    figures = legal.get("/api/contracts/figures", {"year": 2012}).json()
    assert figures["reviewed"] == 1 and figures["by_conclusion"]["unlawful"] == 1


def test_the_openapi_schema_names_the_contract_schemas(world):
    schema = client_for(world.legal).get("/api/openapi.json")
    assert schema.status_code == 200
    names = set(schema.json()["components"]["schemas"])
    assert {"ContractsContractOut", "ContractsContractDetailOut", "ContractsOpinionIn"} <= names
    assert "/api/contracts/contracts" in schema.json()["paths"]

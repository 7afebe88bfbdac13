"""The JSON API: visibility, the steps, and the adoption refused with a 409 listing every
missing step with its legal source."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from tests.decisions.factories import adopted, make_world, new_decision

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
    return client.post(url, json.dumps(body), content_type="application/json")


def test_adopt_refused_with_the_list_of_missing_steps(world):
    decision = new_decision(world, needs_expert=True)
    response = post(client_for(world.legal), f"/api/decisions/decisions/{decision.pk}/adopt",
                    {"on": "2026-06-01"})  # fmt: skip
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "steps_missing"
    assert [m["step"] for m in body["missing"]] == [
        "participation", "expert", "legality", "discussion"]  # fmt: skip
    legality = body["missing"][2]
    assert legality["source"] == "《重大行政决策程序暂行条例》第二十五条"
    assert legality["message"] == "缺少合法性审查(《重大行政决策程序暂行条例》第二十五条)"


def test_steps_through_the_api_and_their_refusals(world):
    client = client_for(world.undertaker)
    response = post(client, "/api/decisions/decisions", {
        "undertaking_department": world.undertaking.pk, "title": "多伦县城区道路改造工程",
        "subject_area": "major_project", "undertaking_official": "局长",
        "reviewing_official": "主任", "deciding_leader": "县长"})  # fmt: skip
    assert response.status_code == 201
    pk = response.json()["id"]
    assert [s["step"] for s in response.json()["checklist"] if s["required"]] == [
        "participation", "legality", "discussion"]  # fmt: skip
    short = post(client, f"/api/decisions/decisions/{pk}/comment/open",
                 {"channel": "网站", "on": "2026-06-01", "days": 15})  # fmt: skip
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "days"
    ok = post(client, f"/api/decisions/decisions/{pk}/comment/open",
              {"channel": "网站", "on": "2026-06-01"})  # fmt: skip
    assert ok.status_code == 200 and ok.json()["comments"][0]["closes_on"] == "2026-07-01"
    submitted = post(client, f"/api/decisions/decisions/{pk}/review/submit", {"on": "2026-09-28"})
    assert submitted.json()["reviews"][0]["earliest_on"] == "2026-10-13"
    early = post(client_for(world.legal), f"/api/decisions/decisions/{pk}/review/complete",
                 {"conclusion": "lawful", "legal_bases": "x", "on": "2026-10-12"})  # fmt: skip
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "on"
    forbidden = post(client, f"/api/decisions/decisions/{pk}/review/complete",
                     {"conclusion": "lawful", "legal_bases": "x", "on": "2026-10-13"})  # fmt: skip
    assert forbidden.status_code == 403


def test_the_public_sees_only_published_or_out_for_comment(world):
    published = adopted(world, start=D(2026, 1, 5), publish_on=D(2026, 5, 6))
    draft = new_decision(world)
    rows = client_for().get("/api/decisions/decisions").json()
    assert [r["id"] for r in rows] == [published.pk]
    assert client_for().get(f"/api/decisions/decisions/{draft.pk}").status_code == 404
    detail = client_for().get(f"/api/decisions/decisions/{published.pk}").json()
    assert detail["reviews"] == []  # internal
    assert client_for(world.legal).get(
        f"/api/decisions/decisions/{published.pk}").json()["reviews"]  # fmt: skip


def test_the_case_is_updated_through_the_api(world):
    decision = new_decision(world)
    response = post(client_for(world.undertaker), f"/api/decisions/decisions/{decision.pk}/update",
                    {"needs_expert": True})  # fmt: skip
    assert response.status_code == 200 and response.json()["needs_expert"] is True
    assert response.json()["deciding_leader"] == "县长 张某"  # untouched
    refused = post(client_for(world.outsider), f"/api/decisions/decisions/{decision.pk}/update",
                   {"needs_expert": False})  # fmt: skip
    assert refused.status_code == 404


def test_the_schemas_keep_their_own_names_in_the_project_openapi():
    from zhengwu.api import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert "checklist" in schemas["DecisionsDetailOut"]["properties"]
    assert "missing" in schemas["DecisionsRefusedOut"]["properties"]

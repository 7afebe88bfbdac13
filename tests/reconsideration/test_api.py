"""The registers' JSON API: reads through the visibility selectors, actions through the
services, refusals as JSON errors."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.reconsideration.world import ID, on, register

pytestmark = pytest.mark.django_db
D = datetime.date
BASE = "/api/reconsideration"


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_cases_listed_and_shown_to_those_who_may_see_them(w):
    mine = register(w, received=D(2026, 9, 28))
    register(w, received=D(2026, 9, 28), respondent=w.land)
    assert client_for().get(f"{BASE}/cases").status_code == 401
    assert client_for(w.legal).get(f"{BASE}/cases").json()["count"] == 2
    body = client_for(w.clerk).get(f"{BASE}/cases").json()
    assert body["count"] == 1 and body["items"][0]["receipt_number"] == mine.receipt_number
    land = client_for(w.legal).get(f"{BASE}/cases", {"respondent": w.land.pk}).json()
    assert land["count"] == 1
    detail = client_for(w.clerk).get(f"{BASE}/cases/{mine.pk}").json()
    assert detail["applicants"][0]["id_masked"] != ID and "id_number" not in detail["applicants"][0]
    assert [c["purpose"] for c in detail["clocks"]] == ["reconsideration.examination"]
    assert client_for(w.outsider).get(f"{BASE}/cases/{mine.pk}").status_code == 404


def test_register_and_act_through_the_api(w):
    legal = client_for(w.legal)
    with on(D(2026, 9, 30)):
        made = legal.post(f"{BASE}/cases", {
            "respondent": w.bureau.pk, "applicants": [{"name": "王某"}],
            "contested_act": "行政处罚", "knew_on": "2026-09-01", "request": "撤销",
        }, content_type="application/json")  # fmt: skip
        assert made.status_code == 201
        pk = made.json()["id"]
        refused = legal.post(f"{BASE}/cases/{pk}/actions/refuse", {"reasons": ""},
                             content_type="application/json")  # fmt: skip
        assert refused.status_code == 422
        accepted = legal.post(f"{BASE}/cases/{pk}/actions/accept", {"simplified": True},
                              content_type="application/json")  # fmt: skip
        assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
        again = legal.post(f"{BASE}/cases/{pk}/actions/accept", {},
                           content_type="application/json")  # fmt: skip
        assert again.status_code == 409 and again.json()["code"] == "illegal_transition"
        denied = client_for(w.clerk).post(f"{BASE}/cases/{pk}/actions/send", {},
                                          content_type="application/json")  # fmt: skip
        assert denied.status_code == 403
        assert legal.post(f"{BASE}/cases/{pk}/actions/nonsense", {},
                          content_type="application/json").status_code == 404  # fmt: skip
        suit = legal.post(f"{BASE}/suits", {
            "defendant": w.bureau.pk, "plaintiff": "某公司", "court": "多伦县人民法院",
            "court_number": "(2026)行初1号", "contested_act": "行政处罚",
            "filed_on": "2026-09-29", "after_review": pk,
        }, content_type="application/json")  # fmt: skip
        assert suit.status_code == 201 and suit.json()["after_review_id"] == pk
        sid = suit.json()["id"]
        heard = legal.post(f"{BASE}/suits/{sid}/actions/hearing",
                           {"held_on": "2026-09-30", "head_appeared": True, "head_name": "刘洋"},
                           content_type="application/json")  # fmt: skip
        assert heard.json()["hearings"][0]["head_name"] == "刘洋"
        stats = legal.get(f"{BASE}/stats", {"year": 2026}).json()
        assert stats["litigation"]["head_appeared"] == 1
        assert stats["table"]["litigation_after_review"]["pending"] == 1
        assert client_for(w.clerk).get(f"{BASE}/stats", {"year": 2026}).status_code == 403

"""The registry's JSON API: reads through the visibility selector, actions through the
services."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.rulemaking.factories import DraftFactory, make_world, publish

pytestmark = pytest.mark.django_db
D = datetime.date
BASE = "/api/rules"


@pytest.fixture
def world():
    return make_world()


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_public_lists_published_documents_with_their_validity(world):
    published = publish(world, on=D(2012, 3, 5))  # lapsed since 2017-03-05
    current = publish(world, on=D(2026, 3, 2))
    DraftFactory(world=world)
    body = client_for().get(f"{BASE}/documents").json()
    assert body["count"] == 2
    rows = {row["id"]: row for row in body["items"]}
    assert rows[published.pk]["validity"] == "lapsed"
    assert rows[current.pk]["validity"] == "in_force"
    assert rows[current.pk]["document_number"] == current.document_number
    detail = client_for().get(f"{BASE}/documents/{current.pk}").json()
    assert detail["reviews"] == [] and len(detail["filings"]) == 2
    staff = client_for(world.legal).get(f"{BASE}/documents/{current.pk}").json()
    assert staff["reviews"][0]["opinion"] == "pass"
    only = client_for().get(f"{BASE}/documents", {"validity": "in_force"}).json()
    assert [row["id"] for row in only["items"]] == [current.pk]


def test_a_draft_is_not_found_by_the_public(world):
    draft = DraftFactory(world=world)
    assert client_for().get(f"{BASE}/documents/{draft.pk}").status_code == 404
    assert client_for(world.drafter).get(f"{BASE}/documents/{draft.pk}").status_code == 200


def test_the_lifecycle_through_the_api(world):
    drafter, legal = client_for(world.drafter), client_for(world.legal)
    response = drafter.post(f"{BASE}/documents", {
        "drafting_department": world.drafting.pk, "issuer": world.government.pk,
        "title": "多伦县城区集中供热管理办法", "text": "第一条", "number_prefix": "多政发",
    }, content_type="application/json")  # fmt: skip
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert drafter.post(f"{BASE}/documents/{pk}/submit", {}, content_type="application/json"
                        ).json()["status"] == "review"  # fmt: skip
    refused = drafter.post(f"{BASE}/documents/{pk}/review", {"opinion": "pass"},
                           content_type="application/json")  # fmt: skip
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    invalid = legal.post(f"{BASE}/documents/{pk}/review", {"opinion": "amend"},
                         content_type="application/json")  # fmt: skip
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["field"] == "text"
    for action, payload in [("review", {"opinion": "pass"}), ("adopt", {"meeting": "常务会议"}),
                            ("sign", {"signed_by": "县长"}), ("publish", {})]:  # fmt: skip
        response = legal.post(f"{BASE}/documents/{pk}/{action}", payload,
                              content_type="application/json")  # fmt: skip
        assert response.status_code == 200, (action, response.content)
    body = response.json()
    assert body["status"] == "published" and body["document_number"].startswith("多政发〔")
    illegal = legal.post(f"{BASE}/documents/{pk}/adopt", {"meeting": "x"},
                         content_type="application/json")  # fmt: skip
    assert illegal.status_code == 409 and illegal.json()["code"] == "illegal_transition"
    filing = body["filings"][0]["id"]
    filed = legal.post(f"{BASE}/filings/{filing}/submit", {}, content_type="application/json")
    assert filed.json()["state"] == "filed"


def test_cleanups_through_the_api(world):
    from zhengwu.rulemaking.models import CleanupCampaign

    document = publish(world, on=D(2025, 3, 3))
    legal = client_for(world.legal)
    created = legal.post(f"{BASE}/cleanups", {"kind": "periodic", "title": "全面清理"},
                         content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    campaign = CleanupCampaign.objects.get(pk=created.json()["id"])
    assert client_for().get(f"{BASE}/cleanups").json() == []  # not closed: not public yet
    entry = legal.get(f"{BASE}/cleanups/{campaign.pk}").json()["entries"][0]
    assert entry["document"] == document.pk and entry["decision"] == ""
    closing = legal.post(f"{BASE}/cleanups/{campaign.pk}/close", {},
                         content_type="application/json")  # fmt: skip
    assert closing.status_code == 409 and closing.json()["code"] == "cleanup_undecided"
    decided = legal.post(f"{BASE}/cleanups/{campaign.pk}/entries/{entry['id']}/decide",
                         {"decision": "keep"}, content_type="application/json")  # fmt: skip
    assert decided.json()["decision"] == "keep"
    closed = legal.post(f"{BASE}/cleanups/{campaign.pk}/close", {},
                        content_type="application/json")  # fmt: skip
    assert closed.json()["status"] == "closed"
    assert [c["id"] for c in client_for().get(f"{BASE}/cleanups").json()] == [campaign.pk]


def test_the_list_searches_title_and_number(world):
    heating = publish(world, on=D(2026, 3, 2), title="多伦县城区集中供热管理办法")
    other = publish(world, on=D(2026, 3, 3), title="多伦县殡葬管理办法")
    by_title = client_for().get(f"{BASE}/documents", {"q": "供热"}).json()
    assert [row["id"] for row in by_title["items"]] == [heating.pk]
    by_number = client_for().get(f"{BASE}/documents", {"q": other.document_number}).json()
    assert [row["id"] for row in by_number["items"]] == [other.pk]


def test_comment_and_filing_result_through_the_api(world):
    drafter, legal = client_for(world.drafter), client_for(world.legal)
    draft = DraftFactory(world=world, comment_required=True)
    opened = drafter.post(f"{BASE}/documents/{draft.pk}/comment/open", {"on": "2026-03-05"},
                          content_type="application/json")  # fmt: skip
    assert opened.json()["status"] == "comment"
    early = drafter.post(f"{BASE}/documents/{draft.pk}/comment/close",
                         {"on": "2026-04-06", "summary": "无"},
                         content_type="application/json")  # fmt: skip
    assert early.status_code == 422  # the period runs to 2026-04-07 (see test_services)
    closed = drafter.post(f"{BASE}/documents/{draft.pk}/comment/close",
                          {"on": "2026-04-07", "summary": "无"},
                          content_type="application/json")  # fmt: skip
    assert closed.json()["status"] == "draft"
    document = publish(world, on=D(2026, 3, 2))
    filing = document.filings.first()
    legal.post(f"{BASE}/filings/{filing.pk}/submit", {"on": "2026-03-20"},
               content_type="application/json")  # fmt: skip
    result = legal.post(f"{BASE}/filings/{filing.pk}/result", {"result": "no_objection"},
                        content_type="application/json")  # fmt: skip
    assert result.json()["result"] == "no_objection"

"""The JSON API: the public replies, the register for staff (404 beyond one's proposals), the
services through the API, and their errors as code/message."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from tests.proposals.factories import assigned, make_world, register, replied
from zhengwu.proposals import services

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def test_public_replies_need_no_login_and_show_names_only(client, world):
    proposal = replied(world, title="关于城区路灯的建议")
    replied(world, title="未公开的建议")
    services.proposal_publish_reply(actor=world.legal, proposal=proposal, on=D(2012, 6, 1))
    rows = client.get("/api/proposals/replies").json()
    assert [r["title"] for r in rows] == ["关于城区路灯的建议"]
    assert rows[0]["proposers"] == ["王建华", "李秀英"]
    assert client.get("/api/proposals/proposals").status_code in (401, 403)


def test_the_register_through_the_api(client, world):
    mine = assigned(world, title="住建局主办的建议")
    other = register(world, title="未交办的建议")
    client.force_login(world.lead_reviewer)
    rows = client.get("/api/proposals/proposals").json()
    assert [r["title"] for r in rows] == ["住建局主办的建议"]
    assert client.get(f"/api/proposals/proposals/{other.pk}").status_code == 404
    detail = client.get(f"/api/proposals/proposals/{mine.pk}").json()
    assert detail["reply_due_on"] == "2012-06-15"
    assert {a["role"] for a in detail["assignments"]} == {"lead", "co"}
    assert {c["purpose"] for c in detail["clocks"]} == {"proposals.reply", "proposals.cohandling"}
    client.force_login(world.legal)
    rows = client.get("/api/proposals/proposals", {"status": "registered"}).json()
    assert [r["id"] for r in rows] == [other.pk]


def test_the_services_through_the_api(client, world):
    proposal = register(world, title="经API交办的建议")
    client.force_login(world.legal)
    with time_machine.travel("2012-03-15 10:00 +0800", tick=False):
        client.force_login(world.legal)
        response = client.post(
            f"/api/proposals/proposals/{proposal.pk}/assign", {"lead": world.lead.pk},
            content_type="application/json",
        )  # fmt: skip
    assert response.status_code == 200 and response.json()["status"] == "assigned"
    with time_machine.travel("2012-04-20 10:00 +0800", tick=False):
        client.force_login(world.lead_head)
        response = client.post(f"/api/proposals/proposals/{proposal.pk}/reply",
                               {"classification": "X", "text": ""},
                               content_type="application/json")  # fmt: skip
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} >= {"classification", "text"}
        response = client.post(f"/api/proposals/proposals/{proposal.pk}/reply",
                               {"classification": "A", "text": "已解决"},
                               content_type="application/json")  # fmt: skip
        assert response.status_code == 200
        assert response.json()["replies"][0]["on_time"] is True
        response = client.post(
            f"/api/proposals/proposals/{proposal.pk}/feedback", {"satisfaction": "satisfied"},
            content_type="application/json",
        )  # fmt: skip
        assert response.status_code == 403
        client.force_login(world.legal)
        response = client.post(f"/api/proposals/proposals/{proposal.pk}/rehandle", {},
                               content_type="application/json")  # fmt: skip
        assert response.status_code == 409 and response.json()["code"] == "illegal_transition"
        figures = client.get("/api/proposals/figures", {"year": 2012}).json()
    assert figures["deputies"] == 1 and figures["reply_rate"] == 100.0

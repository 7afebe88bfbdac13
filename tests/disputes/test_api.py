"""The register's JSON API: reads through the visibility selector (another township's dispute
is a 404, contact numbers masked), actions through the services."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.disputes.factories import make_world, register

pytestmark = pytest.mark.django_db
D = datetime.date
BASE = "/api/disputes"


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_reads_follow_visibility_and_mask_contacts():
    world = make_world()
    own = register(world, found_on=D(2026, 3, 2))
    other = register(world, actor=world.other_staff, township=world.other_township, village=None)
    assert client_for().get(f"{BASE}/disputes").status_code in (401, 403)
    assert client_for(world.county_staff).get(f"{BASE}/disputes").status_code == 403
    rows = client_for(world.township_staff).get(f"{BASE}/disputes").json()
    assert [r["id"] for r in rows] == [own.pk]
    assert len(client_for(world.legal).get(f"{BASE}/disputes").json()) == 2
    assert client_for(world.township_staff).get(f"{BASE}/disputes/{other.pk}").status_code == 404
    detail = client_for(world.township_staff).get(f"{BASE}/disputes/{own.pk}").json()
    assert detail["parties"][0]["phone"] == "139****1234"
    filtered = client_for(world.legal).get(f"{BASE}/disputes", {"year": 2026, "month": 4}).json()
    assert filtered == []
    assert client_for(world.legal).get(f"{BASE}/disputes", {"month": 13}).status_code == 422


def test_register_and_mediate_through_the_api():
    world = make_world()
    client = client_for(world.township_staff)
    payload = {
        "township": world.township.pk,
        "found_on": "2026-03-05",
        "how_found": "hotline",
        "dispute_type": "labour",
        "summary": "拖欠工资",
        "mediator_kind": "judicial_office",
        "parties": [{"name": "工人甲", "phone": "13904790000"}],
        "accepted_on": "2026-03-05",
    }
    created = client.post(f"{BASE}/disputes", payload, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "mediating"
    # 30 calendar days after 2026-03-05: Saturday 04-04 in the Qingming holiday -> 04-07.
    assert body["clocks"][0]["due_date"] == "2026-04-07"
    pk = body["id"]
    illegal = client.post(f"{BASE}/disputes/{pk}/accept", {}, content_type="application/json")
    assert illegal.status_code == 409 and illegal.json()["code"] == "illegal_transition"
    stale = client.post(
        f"{BASE}/disputes/{pk}/succeed",
        {"agreement_form": "oral", "version": 99, "on": "2026-03-20"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    done = client.post(
        f"{BASE}/disputes/{pk}/succeed",
        {"agreement_form": "oral", "version": body["version"], "on": "2026-03-20"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "succeeded"
    other = client_for(world.other_staff).post(
        f"{BASE}/disputes/{pk}/follow-up", {"visited_by": "王"}, content_type="application/json"
    )
    assert other.status_code == 404
    figures = client.get(f"{BASE}/figures", {"year": 2026}).json()
    assert (figures["found"], figures["mediated"], figures["success_rate"]) == (1, 1, 100.0)

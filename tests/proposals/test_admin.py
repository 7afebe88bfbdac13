"""The register in the back office: listed and shown, never changed by hand."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import Role, StaffFactory
from tests.proposals.factories import make_world, replied

pytestmark = pytest.mark.django_db


def test_proposals_are_shown_read_only(client):
    world = make_world()
    proposal = replied(world, title="关于城区排水的建议")
    admin = StaffFactory(department=world.office, roles=[Role.ADMINISTRATOR], is_staff=True,
                         is_superuser=True)  # fmt: skip
    client.force_login(admin)
    listing = client.get(reverse("admin:proposals_proposal_changelist"))
    assert listing.status_code == 200 and proposal.title in listing.content.decode()
    page = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
    assert page.status_code == 200 and "王建华" in page.content.decode()
    assert client.get(reverse("admin:proposals_proposal_add")).status_code == 403
    client.post(reverse("admin:proposals_proposal_change", args=[proposal.pk]), {"title": "改"})
    proposal.refresh_from_db()
    assert proposal.title == "关于城区排水的建议"

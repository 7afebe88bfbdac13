"""The back office shows the register and never edits it by hand; contacts are masked."""

import datetime

import pytest
from django.urls import reverse

from tests.disputes.factories import make_world, register
from tests.factories import Role, StaffFactory

pytestmark = pytest.mark.django_db


def test_the_register_is_read_only_in_the_back_office(client):
    world = make_world()
    dispute = register(world, found_on=datetime.date(2026, 3, 2))
    admin = StaffFactory(
        department=world.legal_office, roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    for model in ("dispute", "sweepcampaign"):
        assert client.get(reverse(f"admin:disputes_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:disputes_{model}_add")).status_code == 403
    page = client.get(reverse("admin:disputes_dispute_change", args=[dispute.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "139****1234" in html and "13904791234" not in html
    response = client.post(
        reverse("admin:disputes_dispute_change", args=[dispute.pk]), {"summary": "改过的"}
    )
    assert response.status_code == 403
    dispute.refresh_from_db()
    assert dispute.summary == "宅基地界墙纠纷"

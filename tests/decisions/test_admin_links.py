"""The back office shows decisions read-only; supervision links a decision's clocks to its page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.decisions.factories import make_world, new_decision
from tests.factories import Role, StaffFactory
from zhengwu.decisions.links import decision_links

pytestmark = pytest.mark.django_db


def test_admin_is_read_only_and_links_name_the_decision():
    world = make_world()
    decision = new_decision(world, title="多伦县城区供热工程")
    admin = StaffFactory(department=world.legal_office, roles=[Role.ADMINISTRATOR],
                         is_staff=True, is_superuser=True)  # fmt: skip
    client = Client()
    client.force_login(admin)
    page = client.get(f"/admin/decisions/majordecision/{decision.pk}/change/")
    assert page.status_code == 200 and "多伦县城区供热工程" in page.content.decode()
    assert client.get("/admin/decisions/majordecision/add/").status_code == 403
    label, url = decision_links([str(decision.pk)])[str(decision.pk)]
    assert "多伦县城区供热工程" in label and url.endswith(f"/register/{decision.pk}/")
    assert datetime.date.today().year >= 2026

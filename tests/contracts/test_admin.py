"""The register in the back office: listed and shown, never changed by hand."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.contracts.factories import create, make_world, review
from tests.factories import Role, StaffFactory

pytestmark = pytest.mark.django_db


def test_contracts_are_shown_read_only(client):
    world = make_world()
    contract = create(world, on=datetime.date(2012, 3, 1), title="后台可见的合同")
    review(world, contract, submitted=datetime.date(2012, 3, 1),
           returned=datetime.date(2012, 3, 5))  # fmt: skip
    admin = StaffFactory(department=world.legal_office, roles=[Role.ADMINISTRATOR],
                         is_staff=True, is_superuser=True)  # fmt: skip
    client.force_login(admin)
    listing = client.get(reverse("admin:contracts_governmentcontract_changelist"))
    assert listing.status_code == 200 and "后台可见的合同" in listing.content.decode()
    page = client.get(reverse("admin:contracts_governmentcontract_change", args=[contract.pk]))
    assert page.status_code == 200 and "锡林郭勒盟路桥建设有限公司" in page.content.decode()
    assert client.get(reverse("admin:contracts_governmentcontract_add")).status_code == 403
    changed = client.post(
        reverse("admin:contracts_governmentcontract_change", args=[contract.pk]),
        {"title": "改过的标题"},
    )
    assert changed.status_code == 403
    contract.refresh_from_db()
    assert contract.title == "后台可见的合同"

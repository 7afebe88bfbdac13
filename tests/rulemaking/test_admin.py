"""The registry in the back office: listed and shown, never changed by hand."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.factories import Role, StaffFactory
from tests.rulemaking.factories import make_world, publish

pytestmark = pytest.mark.django_db


def test_documents_are_shown_read_only(client):
    world = make_world()
    document = publish(world, on=datetime.date(2012, 3, 5))
    admin = StaffFactory(department=world.government, roles=[Role.ADMINISTRATOR],
                         is_staff=True, is_superuser=True)  # fmt: skip
    client.force_login(admin)
    listing = client.get(reverse("admin:rulemaking_normativedocument_changelist"))
    assert listing.status_code == 200 and document.document_number in listing.content.decode()
    page = client.get(reverse("admin:rulemaking_normativedocument_change", args=[document.pk]))
    assert page.status_code == 200 and "锡林郭勒盟行政公署" in page.content.decode()
    assert client.get(reverse("admin:rulemaking_normativedocument_add")).status_code == 403
    changed = client.post(
        reverse("admin:rulemaking_normativedocument_change", args=[document.pk]),
        {"title": "改过的标题"},
    )
    assert changed.status_code == 403
    document.refresh_from_db()
    assert document.title != "改过的标题"
    assert client.get(reverse("admin:rulemaking_cleanupcampaign_changelist")).status_code == 200

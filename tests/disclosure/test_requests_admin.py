"""Disclosure requests in the back office: listed and shown, never changed by hand."""

import pytest
from django.urls import reverse

from tests.disclosure.requests_world import build_world, receive
from tests.factories import Role, StaffFactory
from zhengwu.disclosure.requests import admin as requests_admin  # registers the models

pytestmark = pytest.mark.django_db


def test_the_back_office_lists_and_shows_requests_read_only(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    w = build_world()
    request = receive(w)
    admin = StaffFactory(
        department=w.office, roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    listing = client.get(reverse("admin:disclosure_disclosurerequest_changelist"))
    assert listing.status_code == 200 and request.number in listing.content.decode()
    page = client.get(reverse("admin:disclosure_disclosurerequest_change", args=[request.pk]))
    assert page.status_code == 200 and "马丽" in page.content.decode()
    assert "query_digest" not in page.content.decode()
    model_admin = requests_admin.DisclosureRequestAdmin
    assert not model_admin.has_change_permission(None, None, request)
    assert client.get(reverse("admin:disclosure_disclosurerequest_add")).status_code == 403

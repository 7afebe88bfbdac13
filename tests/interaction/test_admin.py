"""Messages in the back office: listed and shown, never added, changed or deleted by hand; the ID
number shown masked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import Role, StaffFactory
from tests.interaction.world import build_world, submit
from zhengwu.interaction.models import Message

pytestmark = pytest.mark.django_db


def test_messages_are_read_only_in_the_back_office(client):
    w = build_world()
    message = submit(w, id_number="152531195806150024").message
    admin = StaffFactory(roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:interaction_message_changelist"))
    assert listing.status_code == 200 and message.number in listing.content.decode()
    page = client.get(reverse("admin:interaction_message_change", args=[message.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "152531********0024" in html and "152531195806150024" not in html
    assert message.query_digest not in html
    assert client.get(reverse("admin:interaction_message_add")).status_code == 403
    response = client.post(
        reverse("admin:interaction_message_change", args=[message.pk]), {"subject": "改过的"}
    )
    assert response.status_code == 403
    delete = reverse("admin:interaction_message_delete", args=[message.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Message.objects.get().subject == message.subject

"""The back office shows the registry and never edits it by hand."""

import pytest
from django.urls import reverse

from tests.enforcement.world import build_world, file_case
from tests.factories import Role, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_registry_is_read_only_in_the_back_office(client):
    w = build_world()
    case_file = file_case(w)
    admin = StaffFactory(
        department=w.office, roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    for model in ("enforcementbody", "official", "certificate", "casefile"):
        assert client.get(reverse(f"admin:enforcement_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:enforcement_{model}_add")).status_code == 403
    page = client.get(reverse("admin:enforcement_official_change", args=[w.officials[0].pk]))
    assert w.officials[0].id_number not in page.content.decode()
    response = client.post(
        reverse("admin:enforcement_casefile_change", args=[case_file.pk]), {"parties": "改过的"}
    )
    assert response.status_code == 403
    case_file.refresh_from_db()
    assert case_file.parties == "多伦县某建筑公司"

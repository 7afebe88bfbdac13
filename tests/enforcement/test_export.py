"""The XLSX exports of the registries."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from tests.enforcement.world import build_world, file_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return build_world()


def test_each_registry_exports_to_xlsx(client, w):
    file_case(w)
    client.force_login(w.legal)
    for registry, expected in [
        ("bodies", w.bureau.name),
        ("laws", "中华人民共和国行政强制法"),
        ("certificates", w.officials[0].full_name),
        ("case-files", "多伦县某建筑公司"),
    ]:
        response = client.get(reverse("enforcement:export", args=[registry]))
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [str(c.value) for row in sheet.iter_rows(min_row=2) for c in row]
        assert expected in values
        assert w.officials[0].id_number not in values

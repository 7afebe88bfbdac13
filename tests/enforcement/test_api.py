"""The JSON API: public bodies and certificate lookup (see test_views), staff endpoints."""

import datetime

import pytest
from django.core.cache import cache

from tests.enforcement.world import build_world, file_case, on

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


def test_the_api_files_a_case_and_reports_the_figures(client, w):
    assert client.get("/api/enforcement/bodies").json()[0]["acts"] == 2
    client.force_login(w.handler)
    with on(D(2026, 3, 5)):
        response = client.post(
            "/api/enforcement/case-files",
            {
                "body_id": w.body.pk,
                "power_code": w.penalty.implementation_code,
                "number": "API-1",
                "parties": "某公司",
                "official_ids": [w.officials[0].pk],
            },
            content_type="application/json",
        )
        assert response.status_code == 409
        assert response.json()["code"] == "two_officials_required"
        response = client.post(
            "/api/enforcement/case-files",
            {
                "body_id": w.body.pk,
                "power_code": w.penalty.implementation_code,
                "number": "API-1",
                "parties": "某公司",
                "official_ids": [o.pk for o in w.officials[:2]],
            },
            content_type="application/json",
        )
    assert response.status_code == 201
    assert response.json()["decision_due"] == "2026-06-03"
    client.force_login(w.legal)
    figures = client.get("/api/enforcement/figures", {"year": 2026}).json()
    assert figures["case_files"]["total"] == 1 and figures["bodies"]["statutory"] == 1


def test_the_api_decides_and_files_a_major_case_and_issues_certificates(client, w):
    from tests.enforcement.world import OfficialFactory
    from zhengwu.enforcement.models import LawExamResult

    case_file = file_case(w, day=D(2026, 8, 3), is_major=True)
    client.force_login(w.handler)
    with on(D(2026, 9, 30)):
        response = client.post(
            f"/api/enforcement/case-files/{case_file.pk}/decision",
            {"outcome": "penalised", "penalty_amount": "100000"},
            content_type="application/json",
        )
        assert response.status_code == 409
        assert response.json()["code"] == "legality_review_required"
    official = OfficialFactory(body=w.body, on_establishment=False)
    LawExamResult.objects.create(official=official, taken_on=D(2026, 6, 1), passed=True)
    client.force_login(w.legal)
    with on(D(2026, 12, 3)):
        response = client.post(
            f"/api/enforcement/officials/{official.pk}/certificates",
            {"number": "API-C1", "area": "多伦县", "valid_to": "2029-12-31"},
            content_type="application/json",
        )
    assert response.status_code == 409 and response.json()["code"] == "certificate_refused"
    assert "不在编" in response.json()["message"]
    client.force_login(w.outsider)
    assert client.get(f"/api/enforcement/case-files/{case_file.pk}").status_code == 404
    client.logout()
    assert client.get("/api/enforcement/figures", {"year": 2026}).status_code == 401

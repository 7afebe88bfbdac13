import pytest
from django.test import Client

from tests.factories import CitizenFactory, Role, StaffFactory, TownshipFactory
from zhengwu.org.models import ApiToken
from zhengwu.org.services import api_token_issue, api_token_revoke

pytestmark = pytest.mark.django_db


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/me" in paths and "/api/org/divisions" in paths
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"openapi.json" in docs.content


def test_health_is_public(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["database"] in {"sqlite", "postgresql"}


def test_unauthenticated_request_gets_a_json_error_in_chinese(client):
    response = client.get("/api/me")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "not_authenticated"
    assert body["message"] == "请先登录。"


def test_english_error_message_when_chosen(client):
    client.cookies["django_language"] = "en"
    response = client.get("/api/me")
    assert response.json()["message"] == "Please log in first."


def test_the_owner_sees_their_own_personal_data(client):
    user = CitizenFactory(phone="13812345678")
    client.force_login(user)
    body = client.get("/api/me").json()
    assert body["kind"] == "citizen"
    assert body["id_number"] == user.id_number
    assert body["phone"] == "13812345678"


def test_session_post_requires_csrf():
    user = StaffFactory(roles=[Role.REVIEWER])
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/api/auth/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code in {401, 403}
    assert not ApiToken.objects.exists()


def test_token_auth_and_revocation(client):
    user = StaffFactory(roles=[Role.REVIEWER])
    token, raw = api_token_issue(actor=user, user=user, name="报表脚本")
    assert raw.startswith("zw_") and token.digest != raw
    assert ApiToken.objects.filter(digest=raw).count() == 0
    ok = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert ok.status_code == 200 and ok.json()["username"] == user.username
    assert ok.json()["roles"] == ["reviewer"]
    api_token_revoke(actor=user, token=token)
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer zw_forged").status_code == 401


def test_issuing_a_token_over_the_api_returns_it_once(client):
    user = StaffFactory(roles=[Role.REVIEWER])
    client.force_login(user)
    response = client.post("/api/auth/tokens", {"name": "脚本"}, content_type="application/json")
    assert response.status_code == 201
    raw = response.json()["token"]
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_validation_errors_name_the_field(client):
    client.force_login(StaffFactory(roles=[Role.REVIEWER]))
    response = client.post(
        "/api/auth/tokens", {"expires_at": "不是日期"}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error" and body["message"] == "提交的数据有误。"
    fields = {e["field"] for e in body["errors"]}
    assert {"name", "expires_at"} <= fields


def test_not_found_is_json(client):
    response = client.get("/api/org/divisions/999999999999/departments")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_division_listing_filters(client):
    township = TownshipFactory()
    body = client.get("/api/org/divisions", {"level": "township"}).json()
    assert [d["code"] for d in body] == [township.code]
    assert body[0]["parent"] == township.parent.code
    bad = client.get("/api/org/divisions", {"level": "planet"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "level"

import pytest

from tests.factories import Role, StaffFactory
from zhengwu.common.audit import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = StaffFactory(roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_admin_is_in_chinese(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-hans"' in html
    assert "站点管理" in html or "管理" in html


def test_audit_events_are_read_only_in_the_admin(admin_client):
    event = audit_record(actor=None, action="x")
    change = admin_client.get(f"/admin/common/auditevent/{event.pk}/change/")
    assert change.status_code == 200
    assert b'name="reason"' not in change.content
    assert admin_client.post(f"/admin/common/auditevent/{event.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/common/auditevent/add/").status_code == 403


def test_non_administrators_cannot_enter_the_admin(client):
    client.force_login(StaffFactory(roles=[Role.WINDOW_CLERK]))
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url

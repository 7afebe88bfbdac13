import pytest
from django.urls import reverse

from tests.factories import Role, StaffFactory
from zhengwu.supervision.models import Rule
from zhengwu.supervision.rules import DEFAULT_RULES

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_admin(client):
    client.force_login(StaffFactory(roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True))
    return client


def test_the_default_rules_are_there_and_configurable(client_admin):
    # The twelve rules of supervision itself (other modules seed their own).
    assert Rule.objects.filter(code__in=[r[0] for r in DEFAULT_RULES]).count() == 12
    rule = Rule.objects.get(code="near_due")
    url = reverse("admin:supervision_rule_change", args=[rule.pk])
    form = {
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind,
        "severity": "yellow",
        "enabled": "on",
        "params": '{"days": 3, "percnt": 10}',
        "description": "",
    }
    response = client_admin.post(url, form)
    assert response.status_code == 200
    assert "params" in response.context["adminform"].form.errors
    response = client_admin.post(url, form | {"params": '{"days": 3, "percent": 10}'})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.params == {"days": 3, "percent": 10}
    assert client_admin.get(reverse("admin:supervision_alert_changelist")).status_code == 200

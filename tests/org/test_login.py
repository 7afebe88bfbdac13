import time

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import CitizenFactory, Role, StaffFactory
from zhengwu.common.middleware import LOGIN_TIME_KEY

pytestmark = pytest.mark.django_db
PASSWORD = "Correct-horse-9"


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2():
    user = StaffFactory()
    assert user.password.startswith("argon2")


def test_login_succeeds_and_opens_the_workbench(client):
    StaffFactory(username="wang", roles=[Role.WINDOW_CLERK])
    response = attempt(client, "wang", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("workbench:home")
    assert client.get(reverse("workbench:home")).status_code == 200


def test_account_is_locked_after_repeated_failures(client):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    StaffFactory(username="li", roles=[Role.REVIEWER])
    for _ in range(limit - 1):
        response = attempt(client, "li", "wrong-password")
        assert response.status_code == 200
        assert response.context["form"].errors
    response = attempt(client, "li", "wrong-password")
    assert response.status_code == 429
    # Now even the right password is refused, from any client, until unlocked.
    from django.test import Client

    other = Client(REMOTE_ADDR="10.9.9.9")
    response = attempt(other, "li", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in other.session


def test_unlocking_by_an_administrator_restores_access(client):
    from axes.utils import reset

    StaffFactory(username="zhao", roles=[Role.REVIEWER])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "zhao", "nope")
    assert attempt(client, "zhao", PASSWORD).status_code == 429
    reset(username="zhao")
    assert attempt(client, "zhao", PASSWORD).status_code == 302


def test_failures_of_one_account_do_not_lock_another(client):
    StaffFactory(username="a1", roles=[Role.REVIEWER])
    StaffFactory(username="a2", roles=[Role.REVIEWER])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "a1", "nope")
    assert attempt(client, "a2", PASSWORD).status_code == 302


def test_idle_timeout_is_thirty_minutes_and_refreshed_each_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_absolute_session_timeout_logs_out(client, settings):
    settings.ZHENGWU_SESSION_ABSOLUTE_SECONDS = 60
    StaffFactory(username="sun", roles=[Role.SUPERVISOR])
    attempt(client, "sun", PASSWORD)
    assert client.get(reverse("workbench:home")).status_code == 200
    session = client.session
    session[LOGIN_TIME_KEY] = int(time.time()) - 61
    session.save()
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_logout_invalidates_the_session(client):
    StaffFactory(username="ma", roles=[Role.SUPERVISOR])
    attempt(client, "ma", PASSWORD)
    key = client.session.session_key
    client.post(reverse("logout"))
    from django.contrib.sessions.backends.db import SessionStore

    assert not SessionStore().exists(key)
    assert client.get(reverse("workbench:home")).status_code == 302


def test_applicants_cannot_use_the_workbench(client):
    CitizenFactory(username="c1")
    attempt(client, "c1", PASSWORD)
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302 and response.url == reverse("portal:home")


def test_staff_without_a_role_is_refused_the_workbench(client):
    StaffFactory(username="norole")
    attempt(client, "norole", PASSWORD)
    assert client.get(reverse("workbench:home")).status_code == 403


def test_login_success_failure_and_logout_are_audited(client):
    from zhengwu.common.models import AuditEvent

    user = StaffFactory(username="audited", roles=[Role.REVIEWER])
    attempt(client, "audited", "wrong")
    attempt(client, "audited", PASSWORD)
    client.post(reverse("logout"))
    events = list(
        AuditEvent.objects.order_by("created_at", "id").values_list("action", "object_id")
    )
    assert events == [
        ("login_failed", "audited"),
        ("login", str(user.pk)),
        ("logout", str(user.pk)),
    ]

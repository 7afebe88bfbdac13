"""The second factor: administrators and supervisors must enrol and give a TOTP code after the
password; other staff only once they have enrolled; every attempt audited."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CitizenFactory, Role, StaffFactory
from zhengwu.common.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "Correct-horse-9"


@pytest.fixture(autouse=True)
def production_roles(settings):
    settings.ZHENGWU_OTP_REQUIRED_ROLES = ["administrator", "supervisor"]


def code(device: TOTPDevice, *, shift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + shift * device.step
    return f"{totp.token():0{device.digits}d}"


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def actions(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="org.user", object_id=str(user.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_supervisor_must_enrol_before_reaching_any_staff_page(client):
    supervisor = StaffFactory(username="jian", roles=[Role.SUPERVISOR])
    log_in(client, supervisor)
    page = client.get(reverse("workbench:home"))
    assert page.status_code == 302 and page.url.startswith(reverse("otp_setup"))
    setup = client.get(page.url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert setup.status_code == 200
    body = setup.content.decode()
    assert "<svg" in body and "设置第二重身份验证" in body
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    other = "000000" if code(device) != "000000" else "111111"
    wrong = client.post(reverse("otp_setup"), {"token": other}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "验证码不正确或已过期" in " ".join(wrong.context["form"].errors["token"])
    # Right after a wrong code, the device waits a second before it checks another.
    hurried = client.post(
        reverse("otp_setup"), {"token": code(device)}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "秒后再试" in " ".join(hurried.context["form"].errors["token"])
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(
        reverse("otp_setup"), {"token": code(device), "next": reverse("workbench:home")}
    )
    assert done.status_code == 302 and done.url == reverse("workbench:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("workbench:home")).status_code == 200
    assert actions(supervisor)[-2:] == ["login_otp_failed", "otp_enrolled"]


def test_an_enrolled_administrator_gives_the_code_after_the_password(client):
    admin = StaffFactory(username="guan", roles=[Role.ADMINISTRATOR])
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    log_in(client, admin)
    page = client.get(reverse("workbench:home"))
    assert page.status_code == 302 and page.url.startswith(reverse("otp_verify"))
    # The API answers too, with a message instead of a page.
    api = client.get("/api/catalog/powers")
    assert api.status_code == 403 and "second factor" in api.json()["detail"].lower()
    wrong = client.post(page.url, {"token": "12345x"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "验证码只能是数字" in " ".join(wrong.context["form"].errors["token"])
    stale = client.post(
        page.url, {"token": code(device, shift=-10)}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "验证码不正确或已过期" in " ".join(stale.context["form"].errors["token"])
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(page.url, {"token": code(device)})
    assert ok.status_code == 302 and ok.url == reverse("workbench:home")
    assert client.get(reverse("workbench:home")).status_code == 200
    assert actions(admin)[-3:] == ["login", "login_otp_failed", "login_otp"]


def test_a_code_is_accepted_once(client):
    admin = StaffFactory(username="once", roles=[Role.ADMINISTRATOR])
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    token = code(device)
    log_in(client, admin)
    assert client.post(reverse("otp_verify"), {"token": token}).status_code == 302
    client.post(reverse("logout"))
    log_in(client, admin)
    again = client.post(reverse("otp_verify"), {"token": token})
    assert again.status_code == 200 and again.context["form"].errors["token"]


def test_other_staff_are_asked_only_once_they_have_enrolled(client):
    clerk = StaffFactory(username="chuang", roles=[Role.WINDOW_CLERK])
    log_in(client, clerk)
    assert client.get(reverse("workbench:home")).status_code == 200
    client.post(reverse("logout"))
    TOTPDevice.objects.create(user=clerk, name="phone", confirmed=True)
    log_in(client, clerk)
    page = client.get(reverse("workbench:home"))
    assert page.status_code == 302 and page.url.startswith(reverse("otp_verify"))


def test_citizens_never_see_the_second_factor(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    assert client.get(reverse("cases:mine")).status_code == 200
    assert client.get(reverse("otp_setup")).status_code == 302


def test_the_required_roles_are_configurable(client, settings):
    settings.ZHENGWU_OTP_REQUIRED_ROLES = ["window_clerk"]
    clerk = StaffFactory(username="must", roles=[Role.WINDOW_CLERK])
    supervisor = StaffFactory(username="free", roles=[Role.SUPERVISOR])
    log_in(client, clerk)
    assert client.get(reverse("workbench:home")).url.startswith(reverse("otp_setup"))
    client.post(reverse("logout"))
    log_in(client, supervisor)
    assert client.get(reverse("workbench:home")).status_code == 200

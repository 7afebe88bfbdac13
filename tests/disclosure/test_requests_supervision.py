"""E-supervision watches the clocks of disclosure requests with its default rules: a reply past
its 20 working days is a red "overdue" alert, cleared once the reply is made; an application
nobody examined within the 7 working days for a correction is one too. The alerts belong to no
case (supervision finds no case for this owner type)."""

import datetime

import pytest

from tests.disclosure.requests_world import build_world, on, receive
from zhengwu.disclosure.requests import services
from zhengwu.disclosure.requests.services import CORRECTION_WINDOW, REPLY, request_clock
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def w():
    return build_world()


def run(day):
    with on(day):
        return sweep(on=day)


def open_alerts():
    return {
        (a.rule.code, a.key): a for a in Alert.objects.filter(status="open").select_related("rule")
    }


def test_a_late_reply_raises_a_red_overdue_alert_and_the_reply_clears_it(w):
    request = receive(w)  # Wed 30 Sep: reply due Tue 3 Nov
    with on(D(2026, 10, 8)):
        services.request_accept(actor=w.officer, request=request)
    reply = request_clock(request, REPLY)
    key = f"clock:{reply.pk}"
    run(D(2026, 11, 3))  # the last day: a warning at most, no violation
    assert ("overdue", key) not in open_alerts()
    assert ("near_due", key) in open_alerts()
    run(D(2026, 11, 4))
    alert = open_alerts()[("overdue", key)]
    assert (alert.severity, alert.object_type, alert.object_id) == (
        "red",
        "disclosure.disclosurerequest",
        str(request.pk),
    )
    assert (alert.case_id, alert.department_id, alert.due_date) == (
        None,
        w.bureau.pk,
        D(2026, 11, 3),
    )
    with on(D(2026, 11, 5)):
        services.request_reply(actor=w.officer, request=request, outcome="disclosed", text="见附件")
    run(D(2026, 11, 5))
    assert ("overdue", key) not in open_alerts()
    assert Alert.objects.get(key=key, rule__code="overdue").status == "cleared"


def test_the_window_for_asking_a_correction_is_not_a_duty_and_raises_no_alert(w):
    request = receive(w)  # a correction could be asked until Thu 15 Oct
    window = request_clock(request, CORRECTION_WINDOW)
    reply = request_clock(request, REPLY)
    for day in (D(2026, 10, 14), D(2026, 10, 15), D(2026, 10, 16)):
        run(day)
        alerts = {rule for rule, key in open_alerts() if key == f"clock:{window.pk}"}
        assert alerts == set(), day
    # The reply clock is watched all the same.
    run(reply.due_date)
    assert ("near_due", f"clock:{reply.pk}") in open_alerts()


def test_a_suspended_reply_clock_is_not_overdue(w):
    request = receive(w)
    with on(D(2026, 10, 9)):
        services.request_consult(
            actor=w.officer,
            request=request,
            kind="co_author",
            party="多伦县财政局",
            question="是否同意公开",
        )
    run(D(2026, 11, 4))
    reply = request_clock(request, REPLY)
    assert ("overdue", f"clock:{reply.pk}") not in open_alerts()

"""E-supervision watches the answer clock like every clock: a yellow card when the due date is
near, a red one when it has passed, both cleared once the message is answered.

A complaint arrives on Wednesday 30 September 2026 and is routed on 8 October: 10 working days
(8, 9, 10 (Saturday, worked), 12–16, 19, 20 October) → due Tuesday 20 October. The near-due rule
warns at max(2 days, 20 % of 10 days) = 2 working days left: on Friday 16 October the two
working days ahead are 19 and 20 October, so the due date is near; on Thursday 15 October they
are 16 and 19 October, so it is not yet.
"""

from __future__ import annotations

import datetime

import pytest

from tests.interaction.world import build_world, on, submit
from zhengwu.interaction import services
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


def alerts(key):
    return {
        (a.rule.code, a.severity, a.status)
        for a in Alert.objects.filter(key=key).select_related("rule")
    }


def test_an_unanswered_complaint_gets_a_yellow_then_a_red_card():
    w = build_world()
    message = submit(w).message
    with on(D(2026, 10, 8)):
        services.message_route(actor=w.office, message=message, department=w.housing)
    clock = Clock.objects.get(owner_type="interaction.message", owner_id=str(message.pk))
    key = f"clock:{clock.pk}"
    assert clock.due_date == D(2026, 10, 20)

    sweep(on=D(2026, 10, 15))
    assert alerts(key) == set()

    sweep(on=D(2026, 10, 16))
    assert alerts(key) == {("near_due", "yellow", "open")}
    alert = Alert.objects.get(key=key)
    assert (alert.object_type, alert.object_id, alert.department, alert.due_date) == (
        "interaction.message",
        str(message.pk),
        w.housing,
        D(2026, 10, 20),
    )
    assert alert.case is None  # not a case: supervision finds no case for it

    sweep(on=D(2026, 10, 20))  # due today: still a warning, not yet a violation
    assert alerts(key) == {("near_due", "yellow", "open")}

    sweep(on=D(2026, 10, 21))
    assert alerts(key) == {("near_due", "yellow", "cleared"), ("overdue", "red", "open")}
    red = Alert.objects.get(key=key, severity="red")
    assert (red.raised_on, red.department) == (D(2026, 10, 21), w.housing)

    with on(D(2026, 10, 22)):
        services.message_answer(actor=w.housing_reviewer, message=message, answer="已处理。")
    sweep(on=D(2026, 10, 22))
    assert alerts(key) == {("near_due", "yellow", "cleared"), ("overdue", "red", "cleared")}


def test_after_a_reroute_the_red_card_goes_to_the_right_department():
    w = build_world()
    message = submit(w).message
    with on(D(2026, 10, 8)):
        services.message_route(actor=w.office, message=message, department=w.social)
    sweep(on=D(2026, 10, 21))
    assert {a.department for a in Alert.objects.filter(status="open")} == {w.social}
    with on(D(2026, 10, 21)):
        services.message_reroute(
            actor=w.office, message=message, department=w.housing, reason="房屋登记归房管局"
        )
    sweep(on=D(2026, 10, 21))
    open_red = Alert.objects.get(status="open", severity="red")
    assert (open_red.department, open_red.due_date) == (w.housing, D(2026, 10, 20))
    assert Alert.objects.filter(department=w.social, status="cleared").count() == 1

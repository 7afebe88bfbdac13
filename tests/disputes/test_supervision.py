"""E-supervision over the register: the generic rules watch the mediation and report clocks
(an overdue mediation is a red card), the follow-up rule watches agreements not visited."""

from __future__ import annotations

import datetime

import pytest

from tests.disputes.factories import make_world, register
from zhengwu.disputes import services
from zhengwu.supervision.links import attach_object_links
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def open_alerts(code):
    return Alert.objects.filter(rule__code=code, status="open")


def test_an_overdue_mediation_and_a_late_report_are_red_cards():
    world = make_world()
    # Accepted Monday 2026-03-02: due 30 calendar days later, Wednesday 04-01.
    late = register(world, found_on=D(2026, 3, 2), accepted_on=D(2026, 3, 2))
    # Found Friday 03-06, may escalate: report due Monday 03-09.
    hot = register(world, found_on=D(2026, 3, 6), risk_level="may_escalate")
    sweep(on=D(2026, 3, 9))
    assert not open_alerts("overdue").exists()
    sweep(on=D(2026, 3, 10))
    alert = open_alerts("overdue").get()
    assert (alert.object_type, alert.object_id, alert.due_date) == (
        "disputes.dispute",
        str(hot.pk),
        D(2026, 3, 9),
    )
    attach_object_links([alert])
    assert alert.object_link[1] == f"/disputes/{hot.pk}/"
    services.dispute_report(
        actor=world.township_staff, dispute=hot, note="已报告", on=D(2026, 3, 10)
    )
    sweep(on=D(2026, 4, 2))
    overdue = open_alerts("overdue").get()
    assert overdue.object_id == str(late.pk) and overdue.due_date == D(2026, 4, 1)


def test_an_agreement_not_visited_within_30_days_is_flagged():
    world = make_world()
    dispute = register(world, found_on=D(2026, 3, 2), accepted_on=D(2026, 3, 2))
    services.dispute_succeed(
        actor=world.township_staff, dispute=dispute, agreement_form="oral", on=D(2026, 3, 10)
    )
    sweep(on=D(2026, 4, 8))  # 29 days after the agreement
    assert not open_alerts("dispute_followup_30d").exists()
    sweep(on=D(2026, 4, 9))  # 30 days after
    alert = open_alerts("dispute_followup_30d").get()
    assert alert.object_id == str(dispute.pk) and alert.due_date == D(2026, 4, 9)
    assert alert.department.name == "多伦淖尔镇人民政府"
    services.followup_record(
        actor=world.township_staff, dispute=dispute, visited_by="王", on=D(2026, 4, 10)
    )
    sweep(on=D(2026, 4, 10))
    assert not open_alerts("dispute_followup_30d").exists()

"""E-supervision sees the decisions' clocks through its generic near-due and overdue rules (by
purpose): the legality review past its 15 working days, the implementation report not made."""

from __future__ import annotations

import datetime

import pytest

from tests.decisions.factories import adopted, make_world, new_decision
from zhengwu.decisions import services
from zhengwu.supervision.links import attach_object_links
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def alerts(code, decision):
    return Alert.objects.filter(rule__code=code, status="open", object_id=str(decision.pk),
                                object_type="decisions.majordecision")  # fmt: skip


def test_a_legality_review_past_its_limit_is_overdue_and_links_to_the_case():
    world = make_world()
    decision = new_decision(world, title="多伦县城区供热价格调整方案")
    services.review_submit(actor=world.undertaker, decision=decision, on=D(2026, 9, 28),
                           reviewing_department=world.legal_office)  # fmt: skip
    # Due 10-23 (the 15th working day after 09-28, National Day and Saturday 10-10 counted).
    sweep(on=D(2026, 10, 23))
    assert not alerts("overdue", decision).exists()
    assert alerts("near_due", decision).exists()
    sweep(on=D(2026, 10, 24))
    alert = alerts("overdue", decision).get()
    assert alert.department_id == world.legal_office.pk
    attach_object_links([alert])
    assert "多伦县城区供热价格调整方案" in alert.object_link[0]
    assert alert.object_link[1] == f"/decisions/register/{decision.pk}/"


def test_an_implementation_report_not_made_is_overdue():
    world = make_world()
    decision = adopted(world, start=D(2025, 6, 2), publish_on=D(2025, 10, 9))
    # 180 calendar days after Thursday 2025-10-09: 22 to 10-31, + 30 + 31 + 31 + 28 + 31 = 173 to
    # 03-31, + 7: Tuesday 2026-04-07, a working day (just after Qingming, 04-04..04-06).
    sweep(on=D(2026, 4, 7))
    assert not alerts("overdue", decision).exists()
    sweep(on=D(2026, 4, 8))
    assert alerts("overdue", decision).get().department_id == world.undertaking.pk


def test_the_comment_period_closing_is_visible_near_its_end():
    world = make_world()
    decision = new_decision(world)
    services.comment_open(actor=world.undertaker, decision=decision, channel="网站",
                          on=D(2026, 6, 1))  # fmt: skip
    # Closes Wednesday 07-01; the near-due rule warns within 20% of 30 days (6 days) or 2 days.
    sweep(on=D(2026, 6, 10))
    assert not alerts("near_due", decision).exists()
    sweep(on=D(2026, 6, 29))
    alert = alerts("near_due", decision).get()
    assert alert.department_id == world.undertaking.pk and alert.due_date == D(2026, 7, 1)

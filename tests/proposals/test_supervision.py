"""E-supervision over the register: the generic near-due and overdue rules watch the reply and
co-handling clocks; the register's own rule flags an unsatisfactory reply left waiting."""

from __future__ import annotations

import datetime

import pytest

from tests.proposals.factories import assigned, make_world, replied
from zhengwu.proposals import services
from zhengwu.supervision.links import attach_object_links
from zhengwu.supervision.models import Alert, Rule
from zhengwu.supervision.sweep import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def open_alerts(code, object_type):
    return Alert.objects.filter(rule__code=code, status="open", object_type=object_type)


def test_an_unanswered_proposal_is_overdue_the_day_after_its_due_date():
    world = make_world()
    proposal = assigned(world, on=D(2012, 3, 15))  # reply due 2012-06-15, opinion 04-16
    sweep(on=D(2012, 4, 17))
    co = open_alerts("overdue", "proposals.assignment").get()
    assert co.department_id == world.co.pk
    attach_object_links([co])
    assert co.object_link == ("多伦县财政局对建议提案第1号的协办意见",
                              f"/proposals/register/{proposal.pk}/")  # fmt: skip
    sweep(on=D(2012, 6, 15))
    assert not open_alerts("overdue", "proposals.proposal").exists()
    assert open_alerts("near_due", "proposals.proposal").exists()
    sweep(on=D(2012, 6, 16))
    alert = open_alerts("overdue", "proposals.proposal").get()
    assert (alert.object_id, alert.department_id) == (str(proposal.pk), world.lead.pk)
    attach_object_links([alert])
    assert alert.object_link[0].startswith("建议提案第1号")


def test_an_unsatisfied_reply_left_waiting_is_flagged_after_15_days():
    world = make_world()
    assert Rule.objects.filter(code="proposal_unsatisfied_15d",
                               kind="proposal_unsatisfied_waiting").exists()  # fmt: skip
    proposal = replied(world, on=D(2012, 5, 20))
    services.proposal_record_feedback(actor=world.legal, proposal=proposal,
                                      satisfaction="unsatisfied", on=D(2012, 6, 1))  # fmt: skip
    sweep(on=D(2012, 6, 16))  # 15 days after: not yet
    assert not open_alerts("proposal_unsatisfied_15d", "proposals.proposal").exists()
    sweep(on=D(2012, 6, 17))
    alert = open_alerts("proposal_unsatisfied_15d", "proposals.proposal").get()
    assert alert.department_id == world.lead.pk
    services.proposal_rehandle(actor=world.legal, proposal=proposal, on=D(2012, 6, 18))
    sweep(on=D(2012, 6, 18))
    assert not open_alerts("proposal_unsatisfied_15d", "proposals.proposal").exists()

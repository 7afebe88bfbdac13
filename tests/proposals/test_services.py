"""The register's services: every move, its audit event, its clock, and the moves refused.
Dates are worked out by hand in the comments (the official calendar of 2012)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.proposals.factories import assigned, make_world, register, replied
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.proposals import services
from zhengwu.proposals.models import Assignment, Proposal
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def one_event(obj, action, *, actor, from_state, to_state):
    found = list(
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
        )
    )
    assert len(found) == 1, action
    event = found[0]
    assert (event.actor_id, event.from_state, event.to_state) == (actor.pk, from_state, to_state)
    return event


def reply_clocks(proposal):
    return Clock.objects.filter(purpose=services.REPLY, owner_id=str(proposal.pk)).order_by("pk")


# --- registration ---------------------------------------------------------------------------


def test_register_numbers_per_kind_and_session(world):
    first = register(world, number=12)
    assert (first.status, first.number_label, first.kind) == ("registered", "第12号", "deputy")
    assert [p.name for p in first.proposers.all()] == ["王建华", "李秀英"]
    assert first.lead_proposer.name == "王建华"
    one_event(first, "proposal_register", actor=world.legal, from_state="", to_state="")
    with pytest.raises(ValidationError) as error:  # 第12号 of the same session is taken
        register(world, number=12, title="另一件")
    assert "number" in error.value.message_dict
    # The same number in the CPPCC session is another proposal.
    assert register(world, session=world.cppcc, number=12).number == 12
    # Without a number: the next free one.
    assert register(world, title="关于建设农贸市场的建议").number == 13
    with pytest.raises(NotPermitted):
        services.proposal_register(actor=world.lead_head, session=world.deputies, title="x",
                                   content="y", proposers=[("某", "")])  # fmt: skip
    with pytest.raises(ValidationError) as error:
        register(world, title="", proposers=[], on=D(2012, 2, 1))
    assert {"title", "on"} <= set(error.value.message_dict)


# --- assignment -----------------------------------------------------------------------------


def test_assign_starts_the_reply_and_cohandling_clocks(world):
    proposal = register(world)
    proposal = services.proposal_assign(actor=world.legal, proposal=proposal, lead=world.lead,
                                        co_handlers=[world.co], on=D(2012, 3, 15))  # fmt: skip
    assert proposal.status == "assigned" and proposal.round == 1
    assert proposal.lead_department == world.lead and proposal.reply_due_on == D(2012, 6, 15)
    one_event(proposal, "proposal_assign", actor=world.legal, from_state="registered",
              to_state="assigned")  # fmt: skip
    roles = dict(proposal.assignments.values_list("department__code", "role"))
    assert roles == {"zjj": "lead", "czj": "co"}
    assert reply_clocks(proposal).get().status == "running"
    with pytest.raises(IllegalTransition):  # once
        services.proposal_assign(actor=world.legal, proposal=proposal, lead=world.lead)


def test_assign_refuses_the_lead_as_co_handler_and_non_office(world):
    proposal = register(world)
    with pytest.raises(ValidationError) as error:
        services.proposal_assign(actor=world.legal, proposal=proposal, lead=world.lead,
                                 co_handlers=[world.lead], on=D(2012, 3, 15))  # fmt: skip
    assert "co_handlers" in error.value.message_dict
    with pytest.raises(NotPermitted):
        services.proposal_assign(actor=world.supervisor, proposal=proposal, lead=world.lead)
    proposal.refresh_from_db()
    assert proposal.status == "registered"


# --- declining and reassignment -------------------------------------------------------------


def test_decline_within_5_working_days_then_reassign(world, settings):
    proposal = assigned(world, on=D(2012, 3, 15))  # may decline until Thursday 03-22
    lead = proposal.assignments.get(role="lead")
    with pytest.raises(NotPermitted):  # a reviewer is not the head
        services.assignment_decline(actor=world.lead_reviewer, assignment=lead, reason="x",
                                    on=D(2012, 3, 20))  # fmt: skip
    with pytest.raises(ValidationError):
        services.assignment_decline(actor=world.lead_head, assignment=lead, reason="",
                                    on=D(2012, 3, 20))  # fmt: skip
    with pytest.raises(DomainError) as error:  # Friday 03-23 is the 6th working day
        services.assignment_decline(actor=world.lead_head, assignment=lead, reason="非本单位职责",
                                    on=D(2012, 3, 23))  # fmt: skip
    assert error.value.code == "decline_window_passed"
    lead = services.assignment_decline(actor=world.lead_head, assignment=lead,
                                       reason="属教育部门职责", on=D(2012, 3, 22))  # fmt: skip
    assert lead.status == "declined"
    one_event(lead, "assignment_decline", actor=world.lead_head, from_state="active",
              to_state="declined")  # fmt: skip
    # Pending decline: the lead cannot reply.
    with pytest.raises(DomainError) as error:
        services.proposal_reply(actor=world.lead_head, proposal=proposal, classification="A",
                                text="答复", on=D(2012, 3, 26))  # fmt: skip
    assert error.value.code == "decline_pending"
    with pytest.raises(NotPermitted):
        services.assignment_reassign(actor=world.lead_head, assignment=lead,
                                     department=world.other)  # fmt: skip
    new = services.assignment_reassign(actor=world.legal, assignment=lead, department=world.other,
                                       note="调整由教育局主办", on=D(2012, 3, 26))  # fmt: skip
    lead.refresh_from_db()
    assert lead.status == "reassigned" and lead.replaced_by == new
    one_event(lead, "assignment_reassign", actor=world.legal, from_state="declined",
              to_state="reassigned")  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.lead_department == world.other and new.role == "lead"
    # The reply clock restarts from the reassignment: 2012-03-26 → 2012-06-26 (a Tuesday).
    old_clock, new_clock = reply_clocks(proposal)
    assert old_clock.status == "completed" and new_clock.department == world.other
    assert proposal.reply_due_on == new_clock.due_date == D(2012, 6, 26)
    # Monday 03-26 → Tue 27, Wed 28, Thu 29, Fri 30, Sat 31 (worked in lieu): until 03-31.
    assert new.decline_until == D(2012, 3, 31)
    with pytest.raises(IllegalTransition):  # an ended assignment is not reassigned again
        services.assignment_reassign(actor=world.legal, assignment=lead, department=world.lead)


def test_a_refused_decline_keeps_the_department(world):
    proposal = assigned(world, on=D(2012, 3, 15))
    co = proposal.assignments.get(role="co")
    services.assignment_decline(actor=world.co_head, assignment=co, reason="不涉及资金",
                                on=D(2012, 3, 16))  # fmt: skip
    with pytest.raises(ValidationError):
        services.assignment_keep(actor=world.legal, assignment=co, note="")
    co = services.assignment_keep(
        actor=world.legal, assignment=co, note="改造资金需财政统筹，仍由财政局协办",
        on=D(2012, 3, 19),
    )  # fmt: skip
    assert co.status == "active"
    one_event(co, "assignment_keep", actor=world.legal, from_state="declined", to_state="active")
    with pytest.raises(IllegalTransition):  # the office has decided: no second decline
        services.assignment_decline(actor=world.co_head, assignment=co, reason="再次申请",
                                    on=D(2012, 3, 20))  # fmt: skip


# --- co-handling and reply ------------------------------------------------------------------


def test_the_lead_waits_for_the_cohandling_opinion_until_its_deadline(world):
    proposal = assigned(world, on=D(2012, 3, 15))  # opinion due 2012-04-16
    co = proposal.assignments.get(role="co")
    with pytest.raises(DomainError) as error:
        services.proposal_reply(actor=world.lead_head, proposal=proposal, classification="A",
                                text="答复", on=D(2012, 4, 10))  # fmt: skip
    assert error.value.code == "cohandling_pending"
    with pytest.raises(NotPermitted):
        services.assignment_give_opinion(actor=world.lead_head, assignment=co, text="意见")
    with pytest.raises(IllegalTransition):  # the lead sends no opinion to itself
        services.assignment_give_opinion(
            actor=world.lead_reviewer, assignment=proposal.assignments.get(role="lead"),
            text="意见", on=D(2012, 4, 1))  # fmt: skip
    co = services.assignment_give_opinion(
        actor=world.co_reviewer, assignment=co, text="财政局同意安排配套资金", on=D(2012, 4, 9)
    )
    assert co.opinion_on == D(2012, 4, 9) and co.opinion_by == world.co_reviewer
    one_event(co, "assignment_give_opinion", actor=world.co_reviewer, from_state="",
              to_state="")  # fmt: skip
    clock = Clock.objects.get(purpose=services.COHANDLING, owner_id=str(co.pk))
    assert clock.status == "completed" and clock.completed_on == D(2012, 4, 9)
    with pytest.raises(IllegalTransition):
        services.assignment_give_opinion(actor=world.co_reviewer, assignment=co, text="again",
                                         on=D(2012, 4, 9))  # fmt: skip
    reply = services.proposal_reply(
        actor=world.lead_head, proposal=proposal, classification="A", text="已列入改造计划",
        on=D(2012, 4, 10),
    )  # fmt: skip
    assert reply.signed_by == world.lead_head and reply.on_time


def test_a_late_cohandler_does_not_hold_up_the_reply(world):
    proposal = assigned(world, on=D(2012, 3, 15))  # opinion due 2012-04-16
    services.proposal_reply(actor=world.lead_head, proposal=proposal, classification="B",
                            text="正在解决", on=D(2012, 4, 17))  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "replied"


def test_reply_signed_by_the_head_stops_the_clock(world):
    proposal = assigned(world, on=D(2012, 3, 15), co=False)
    with pytest.raises(NotPermitted):
        services.proposal_reply(actor=world.co_head, proposal=proposal, classification="A",
                                text="答复", on=D(2012, 5, 2))  # fmt: skip
    with pytest.raises(ValidationError) as error:  # a reviewer records, the head signs
        services.proposal_reply(actor=world.lead_reviewer, proposal=proposal,
                                classification="D", text="", on=D(2012, 5, 2))  # fmt: skip
    assert {"classification", "text", "signed_by"} <= set(error.value.message_dict)
    reply = services.proposal_reply(actor=world.lead_reviewer, proposal=proposal,
                                    classification="C", text="因条件限制留作参考",
                                    signed_by=world.lead_head, on=D(2012, 6, 18))  # fmt: skip
    proposal.refresh_from_db()
    # Due 2012-06-15; replied Monday 06-18: late.
    assert (proposal.status, proposal.classification, proposal.replied_on) == (
        "replied", "C", D(2012, 6, 18))  # fmt: skip
    assert not reply.on_time and proposal.first_reply_on_time is False
    one_event(proposal, "proposal_reply", actor=world.lead_reviewer, from_state="assigned",
              to_state="replied")  # fmt: skip
    clock = reply_clocks(proposal).get()
    assert clock.status == "completed" and clock.completed_on == D(2012, 6, 18)
    with pytest.raises(IllegalTransition):
        services.proposal_reply(actor=world.lead_head, proposal=proposal, classification="A",
                                text="again", on=D(2012, 6, 19))  # fmt: skip


# --- feedback, re-handling, closing, publication ----------------------------------------------


def test_satisfied_feedback_closes(world):
    proposal = replied(world)
    with pytest.raises(NotPermitted):
        services.proposal_record_feedback(actor=world.lead_head, proposal=proposal,
                                          satisfaction="satisfied")  # fmt: skip
    with pytest.raises(ValidationError):
        services.proposal_record_feedback(actor=world.legal, proposal=proposal,
                                          satisfaction="great", on=D(2012, 6, 1))  # fmt: skip
    services.proposal_record_feedback(actor=world.legal, proposal=proposal, satisfaction="basic",
                                      on=D(2012, 6, 1))  # fmt: skip
    proposal.refresh_from_db()
    assert (proposal.status, proposal.satisfaction, proposal.closed_on) == (
        "closed", "basic", D(2012, 6, 1))  # fmt: skip
    one_event(proposal, "proposal_record_feedback", actor=world.legal, from_state="replied",
              to_state="closed")  # fmt: skip
    with pytest.raises(IllegalTransition):
        services.proposal_rehandle(actor=world.legal, proposal=proposal, on=D(2012, 6, 2))


def test_unsatisfied_reply_is_handled_again_with_a_new_clock(world):
    proposal = replied(world, on=D(2012, 5, 20))
    services.proposal_record_feedback(actor=world.legal, proposal=proposal,
                                      satisfaction="unsatisfied", comment="未见实际行动",
                                      on=D(2012, 5, 28))  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "unsatisfied" and proposal.feedback_on == D(2012, 5, 28)
    one_event(proposal, "proposal_record_feedback", actor=world.legal, from_state="replied",
              to_state="unsatisfied")  # fmt: skip
    with pytest.raises(IllegalTransition):  # no reply while not being handled
        services.proposal_reply(actor=world.lead_head, proposal=proposal, classification="A",
                                text="x", on=D(2012, 5, 29))  # fmt: skip
    proposal = services.proposal_rehandle(
        actor=world.legal, proposal=proposal, note="代表不满意，重新办理", on=D(2012, 5, 31)
    )
    one_event(proposal, "proposal_rehandle", actor=world.legal, from_state="unsatisfied",
              to_state="assigned")  # fmt: skip
    # One month from 2012-05-31: June has 30 days, so 2012-06-30, a Saturday → Monday 07-02.
    assert proposal.round == 2 and proposal.reply_due_on == D(2012, 7, 2)
    first, second = reply_clocks(proposal)
    assert first.status == "completed" and second.status == "running"
    assert second.limit_days == 30
    services.proposal_reply(actor=world.lead_head, proposal=proposal, classification="A",
                            text="已完成改造", on=D(2012, 6, 25))  # fmt: skip
    services.proposal_record_feedback(actor=world.legal, proposal=proposal,
                                      satisfaction="satisfied", on=D(2012, 6, 28))  # fmt: skip
    proposal.refresh_from_db()
    assert (proposal.status, proposal.satisfaction, proposal.classification) == (
        "closed", "satisfied", "A")  # fmt: skip
    assert proposal.first_reply_on_time is True  # the first round's punctuality
    assert list(proposal.replies.values_list("round", "feedback__satisfaction")) == [
        (1, "unsatisfied"), (2, "satisfied")]  # fmt: skip


def test_close_without_feedback_needs_a_reason(world):
    proposal = replied(world)
    with pytest.raises(ValidationError):
        services.proposal_close(actor=world.legal, proposal=proposal, note="", on=D(2012, 7, 1))
    services.proposal_close(actor=world.legal, proposal=proposal, note="代表逾期未反馈",
                            on=D(2012, 7, 1))  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "closed" and proposal.satisfaction == ""
    one_event(proposal, "proposal_close", actor=world.legal, from_state="replied",
              to_state="closed")  # fmt: skip
    with pytest.raises(IllegalTransition):
        services.proposal_close(actor=world.legal, proposal=proposal, note="again")


def test_publication_of_a_reply_is_approved_once(world):
    proposal = assigned(world, co=False)
    with pytest.raises(IllegalTransition):
        services.proposal_publish_reply(actor=world.legal, proposal=proposal)
    proposal = replied(world, title="关于增设公交线路的建议")
    with pytest.raises(NotPermitted):
        services.proposal_publish_reply(actor=world.lead_head, proposal=proposal)
    reply = services.proposal_publish_reply(actor=world.legal, proposal=proposal,
                                            on=D(2012, 6, 1))  # fmt: skip
    assert reply.published_on == D(2012, 6, 1)
    assert AuditEvent.objects.filter(action="proposal_publish_reply",
                                     object_id=str(proposal.pk)).count() == 1  # fmt: skip
    with pytest.raises(IllegalTransition):
        services.proposal_publish_reply(actor=world.legal, proposal=proposal)


def test_the_transitions_are_declared_for_every_status():
    from zhengwu.proposals.models import TRANSITIONS, Status

    assert set(TRANSITIONS) == set(Status.values)
    assert TRANSITIONS[Status.CLOSED] == set()
    assert Proposal.objects.count() == 0 and Assignment.objects.count() == 0

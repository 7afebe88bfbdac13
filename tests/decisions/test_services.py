"""The services of major decisions: each step's checks with hand-worked dates, the adoption
gate naming every missing step and its article, the audit events, the permissions.

The calendar of 2026 used below: the Mid-autumn holiday is 09-25 to 09-27, National Day 10-01
to 10-07, and Saturday 10-10 is an adjusted working day."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.decisions.factories import adopted, make_world, new_decision, prepare
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.decisions import services
from zhengwu.decisions.models import MajorDecision
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def events(obj, action):
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
    )


def one_event(obj, action, *, actor, from_state="", to_state=""):
    found = list(events(obj, action))
    assert len(found) == 1, action
    event = found[0]
    assert (event.actor_id, event.from_state, event.to_state) == (actor.pk, from_state, to_state)
    return event


# --- the case ---------------------------------------------------------------------------------


def test_a_case_is_created_with_its_responsible_persons_and_body(world):
    decision = new_decision(world, needs_risk=True, in_catalogue=True, catalogue_year=2026)
    assert decision.status == "preparing" and decision.decision_body == world.government
    assert decision.division == world.county and decision.in_catalogue
    event = one_event(decision, "decision_create", actor=world.undertaker)
    assert event.detail["responsible"] == ["住建局局长 王某", "法制办主任 李某", "县长 张某"]
    assert [s.code for s in decision.required_steps()] == [
        "participation", "risk", "legality", "discussion"]  # fmt: skip
    with pytest.raises(NotPermitted):
        new_decision(world, actor=world.outsider)
    with pytest.raises(ValidationError) as error:
        new_decision(world, deciding_leader=" ", subject_area="nonsense")
    assert {"deciding_leader", "subject_area"} <= set(error.value.message_dict)


# --- public participation ---------------------------------------------------------------------


def test_the_comment_period_is_at_least_30_days_and_cannot_close_early(world):
    decision = new_decision(world)
    with pytest.raises(ValidationError) as error:
        services.comment_open(actor=world.undertaker, decision=decision, channel="县政府网站",
                              on=D(2026, 6, 1), days=29)  # fmt: skip
    assert "至少" in error.value.message_dict["days"][0]
    assert not decision.comments.exists()
    comment = services.comment_open(actor=world.undertaker, decision=decision,
                                    channel="县政府网站", on=D(2026, 6, 1))  # fmt: skip
    # Opened Monday 06-01: 30 calendar days from 06-02 end on Wednesday 07-01, a working day.
    assert comment.closes_on == D(2026, 7, 1)
    clock = Clock.objects.get(purpose=services.COMMENT, owner_id=str(decision.pk))
    assert (clock.day_kind, clock.due_date, clock.status) == ("calendar", D(2026, 7, 1), "running")
    one_event(decision, "comment_open", actor=world.undertaker)
    with pytest.raises(IllegalTransition):
        services.comment_open(actor=world.undertaker, decision=decision, channel="x",
                              on=D(2026, 6, 2))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.comment_close(actor=world.undertaker, decision=decision, summary="意见3条",
                               adoption="采纳2条", opinions_count=3, on=D(2026, 6, 30))  # fmt: skip
    assert "2026-07-01" in error.value.message_dict["on"][0]
    with pytest.raises(ValidationError) as error:
        services.comment_close(actor=world.undertaker, decision=decision, summary="",
                               adoption="", opinions_count=3, on=D(2026, 7, 1))  # fmt: skip
    assert {"summary", "adoption"} <= set(error.value.message_dict)
    services.comment_close(actor=world.undertaker, decision=decision, summary="意见3条",
                           adoption="采纳2条", opinions_count=3, on=D(2026, 7, 1))  # fmt: skip
    clock.refresh_from_db()
    assert clock.status == "completed" and clock.completed_on == D(2026, 7, 1)
    one_event(decision, "comment_close", actor=world.undertaker)
    assert "participation" not in {m.code for m in services.missing_steps(decision)}


def test_hearing_materials_must_reach_participants_7_days_before(world):
    decision = new_decision(world)
    kwargs = {"place": "县政府三楼会议室", "participants": "被征收户代表15人",
              "summary": "意见12条", "adoption": "采纳8条"}  # fmt: skip
    # Sent Monday 06-01, held Sunday 06-07: 6 days — refused.
    with pytest.raises(ValidationError) as error:
        services.hearing_record(actor=world.undertaker, decision=decision,
                                materials_sent_on=D(2026, 6, 1), held_on=D(2026, 6, 7),
                                **kwargs)  # fmt: skip
    message = error.value.message_dict["materials_sent_on"][0]
    assert "7" in message and "6" in message
    assert not decision.hearings.exists()
    # Held Monday 06-08: 7 days — accepted, and public participation is recorded.
    services.hearing_record(
        actor=world.undertaker,
        decision=decision,
        materials_sent_on=D(2026, 6, 1),
        held_on=D(2026, 6, 8),
        **kwargs,
    )
    one_event(decision, "hearing_record", actor=world.undertaker)
    assert "participation" not in {m.code for m in services.missing_steps(decision)}


# --- legality review --------------------------------------------------------------------------


def test_the_legality_review_is_allowed_7_working_days_across_national_day(world):
    decision = new_decision(world)
    review = services.review_submit(actor=world.undertaker, decision=decision, on=D(2026, 9, 28))
    # Working days after Monday 09-28: 09-29 (1), 09-30 (2), [10-01..10-07 National Day],
    # 10-08 (3), 10-09 (4), Saturday 10-10 adjusted (5), 10-12 (6), 10-13 (7).
    assert review.earliest_on == D(2026, 10, 13)
    # The office's 15 working days: 10-14 (8) ... 10-16 (10), 10-19 (11) ... 10-23 (15).
    assert review.due_on == D(2026, 10, 23)
    clock = Clock.objects.get(purpose=services.LEGALITY, owner_id=str(decision.pk))
    assert (clock.day_kind, clock.due_date) == ("working", D(2026, 10, 23))
    one_event(decision, "review_submit", actor=world.undertaker)
    with pytest.raises(NotPermitted):
        services.review_complete(actor=world.undertaker, decision=decision, conclusion="lawful",
                                 legal_bases="《城乡规划法》", on=D(2026, 10, 13))  # fmt: skip
    with pytest.raises(ValidationError) as error:  # the 6th working day
        services.review_complete(actor=world.legal, decision=decision, conclusion="lawful",
                                 legal_bases="《城乡规划法》", on=D(2026, 10, 12))  # fmt: skip
    assert "2026-10-13" in error.value.message_dict["on"][0]
    with pytest.raises(ValidationError) as error:
        services.review_complete(actor=world.legal, decision=decision, conclusion="unlawful",
                                 legal_bases="《城乡规划法》", on=D(2026, 10, 13))  # fmt: skip
    assert "opinion" in error.value.message_dict
    review = services.review_complete(actor=world.legal, decision=decision, conclusion="lawful",
                                      legal_bases="《城乡规划法》", on=D(2026, 10, 13))  # fmt: skip
    assert review.on_time is True and review.reviewer == world.legal
    clock.refresh_from_db()
    assert clock.status == "completed"
    one_event(decision, "review_complete", actor=world.legal)
    with pytest.raises(IllegalTransition):  # nothing under review any more
        services.review_complete(actor=world.legal, decision=decision, conclusion="lawful",
                                 legal_bases="x", on=D(2026, 10, 14))  # fmt: skip


def test_an_unlawful_review_blocks_the_meeting_and_the_adoption(world):
    decision = new_decision(world)
    services.hearing_record(actor=world.undertaker, decision=decision,
                            materials_sent_on=D(2026, 6, 1), held_on=D(2026, 6, 8),
                            place="会议室", participants="代表", summary="意见",
                            adoption="采纳")  # fmt: skip
    services.review_submit(actor=world.undertaker, decision=decision, on=D(2026, 6, 9))
    services.review_complete(actor=world.legal, decision=decision, conclusion="unlawful",
                             legal_bases="《土地管理法》第四十七条", opinion="未履行征收程序",
                             on=D(2026, 6, 30))  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.discussion_record(
            actor=world.legal, decision=decision, meeting_kind="executive", meeting_name="常务会议",
            held_on=D(2026, 7, 2), members_total=9, members_present=9, outcome="approve",
        )  # fmt: skip
    assert error.value.code == "review_required"
    with pytest.raises(services.StepsMissing) as error:
        services.decision_adopt(actor=world.legal, decision=decision, on=D(2026, 7, 3))
    assert "合法性审查认为决策草案不合法(《重大行政决策程序暂行条例》第二十五条)" in str(
        error.value.message
    )


# --- the gate ---------------------------------------------------------------------------------


def test_a_decision_without_legality_review_cannot_be_adopted(world):
    decision = new_decision(world)
    services.hearing_record(actor=world.undertaker, decision=decision,
                            materials_sent_on=D(2026, 6, 1), held_on=D(2026, 6, 8),
                            place="会议室", participants="代表", summary="意见",
                            adoption="采纳")  # fmt: skip
    with pytest.raises(services.StepsMissing) as error:
        services.decision_adopt(actor=world.legal, decision=decision, on=D(2026, 7, 3))
    missing = {m.code: m.message for m in error.value.missing}
    assert missing["legality"] == "缺少合法性审查(《重大行政决策程序暂行条例》第二十五条)"
    assert error.value.status == 409
    decision.refresh_from_db()
    assert decision.status == "preparing" and not events(decision, "decision_adopt").exists()


def test_every_missing_step_is_named_at_once_with_its_article(world):
    decision = new_decision(world, needs_expert=True, needs_risk=True)
    with pytest.raises(services.StepsMissing) as error:
        services.decision_adopt(actor=world.legal, decision=decision, on=D(2026, 7, 3))
    assert [m.message for m in error.value.missing] == [
        "缺少公众参与(《重大行政决策程序暂行条例》第十四条)",
        "缺少专家论证(《重大行政决策程序暂行条例》第十九条)",
        "缺少风险评估(《重大行政决策程序暂行条例》第二十二条)",
        "缺少合法性审查(《重大行政决策程序暂行条例》第二十五条)",
        "缺少集体讨论决定(《重大行政决策程序暂行条例》第三十条)",
    ]
    assert str(error.value.message).count("缺少") == 5
    # Without the flags only the steps always required are missing.
    plain = new_decision(world)
    with pytest.raises(services.StepsMissing) as error:
        services.decision_adopt(actor=world.legal, decision=plain, on=D(2026, 7, 3))
    assert [m.code for m in error.value.missing] == ["participation", "legality", "discussion"]


def test_a_comment_still_open_is_not_participation_and_a_meeting_must_approve(world):
    decision = new_decision(world)
    services.comment_open(actor=world.undertaker, decision=decision, channel="网站",
                          on=D(2026, 5, 4))  # fmt: skip
    services.review_submit(actor=world.undertaker, decision=decision, on=D(2026, 5, 6))
    services.review_complete(actor=world.legal, decision=decision, conclusion="amend",
                             legal_bases="《城乡规划法》", opinion="修改第三条",
                             on=D(2026, 5, 20))  # fmt: skip
    services.discussion_record(
        actor=world.legal, decision=decision, meeting_kind="plenary", meeting_name="全体会议",
        held_on=D(2026, 5, 25), members_total=20, members_present=18, outcome="again",
    )  # fmt: skip
    codes = [m.code for m in services.missing_steps(decision)]
    assert codes == ["participation", "discussion"]
    assert "再次讨论" in services.missing_steps(decision)[1].message


def test_adoption_with_every_step_then_publication_and_implementation(world):
    decision = new_decision(world, needs_expert=True, needs_risk=True)
    prepare(world, decision, start=D(2026, 3, 2))
    meeting = services.latest_discussion(decision).held_on
    with pytest.raises(NotPermitted):
        services.decision_adopt(actor=world.undertaker, decision=decision, on=meeting)
    with pytest.raises(ValidationError):
        services.decision_adopt(actor=world.legal, decision=decision,
                                on=meeting - datetime.timedelta(1))  # fmt: skip
    services.decision_adopt(actor=world.legal, decision=decision, on=meeting)
    decision.refresh_from_db()
    assert decision.status == "adopted" and decision.adopted_on == meeting
    one_event(decision, "decision_adopt", actor=world.legal, from_state="preparing",
              to_state="adopted")  # fmt: skip
    with pytest.raises(IllegalTransition):
        services.decision_adopt(actor=world.legal, decision=decision, on=meeting)
    with pytest.raises(IllegalTransition):  # steps are closed after adoption
        services.review_submit(actor=world.undertaker, decision=decision, on=meeting)
    publish_on = meeting + datetime.timedelta(5)
    services.decision_publish(actor=world.legal, decision=decision,
                              channel="县政府网站、《多伦报》", on=publish_on)  # fmt: skip
    decision.refresh_from_db()
    assert decision.status == "published" and decision.publication_channel.startswith("县政府")
    one_event(decision, "decision_publish", actor=world.legal, from_state="adopted",
              to_state="published")  # fmt: skip
    follow = Clock.objects.get(purpose=services.FOLLOW_UP, owner_id=str(decision.pk))
    assert follow.due_date >= publish_on + datetime.timedelta(180)
    report_on = publish_on + datetime.timedelta(30)
    services.report_record(actor=world.undertaker, decision=decision, progress="已完成一期",
                           on=report_on)  # fmt: skip
    follow.refresh_from_db()
    assert follow.status == "completed"
    assert Clock.objects.filter(purpose=services.FOLLOW_UP, owner_id=str(decision.pk),
                                status="running", started_on=report_on).count() == 1  # fmt: skip
    one_event(decision, "report_record", actor=world.undertaker)
    services.evaluation_record(actor=world.legal, decision=decision, evaluator="第三方评估机构",
                               third_party=True, conclusion="效果良好", recommendation="continue",
                               on=report_on)  # fmt: skip
    one_event(decision, "evaluation_record", actor=world.legal)
    services.implementation_change(actor=world.legal, decision=decision, kind="suspend",
                                   reason="情况紧急", on=report_on)  # fmt: skip
    one_event(decision, "implementation_suspend", actor=world.legal, from_state="published",
              to_state="suspended")  # fmt: skip
    with pytest.raises(IllegalTransition):
        services.implementation_change(actor=world.legal, decision=decision, kind="suspend",
                                       reason="再次", on=report_on)  # fmt: skip
    services.implementation_change(actor=world.legal, decision=decision, kind="resume",
                                   reason="风险消除", on=report_on)  # fmt: skip
    services.implementation_change(actor=world.legal, decision=decision, kind="change",
                                   reason="调整补偿标准", on=report_on)  # fmt: skip
    services.implementation_change(actor=world.legal, decision=decision, kind="stop",
                                   reason="评估建议停止", on=report_on)  # fmt: skip
    decision.refresh_from_db()
    assert decision.status == "stopped" and decision.ended_on == report_on
    assert not Clock.objects.filter(purpose=services.FOLLOW_UP, owner_id=str(decision.pk),
                                    status="running").exists()  # fmt: skip
    with pytest.raises(IllegalTransition):
        services.report_record(actor=world.undertaker, decision=decision, progress="x",
                               on=report_on)  # fmt: skip


def test_the_steps_need_the_undertaking_department_or_the_legal_office(world):
    decision = new_decision(world)
    with pytest.raises(NotPermitted):
        services.comment_open(actor=world.outsider, decision=decision, channel="网站",
                              on=D(2026, 6, 1))  # fmt: skip
    with pytest.raises(NotPermitted):
        services.review_submit(actor=world.supervisor, decision=decision, on=D(2026, 6, 1))
    with pytest.raises(NotPermitted):
        services.discussion_record(
            actor=world.undertaker, decision=decision, meeting_kind="executive",
            meeting_name="常务会议", held_on=D(2026, 6, 1), members_total=9, members_present=9,
            outcome="approve",
        )  # fmt: skip
    # The legal office may record a step for the undertaking department.
    services.expert_record(actor=world.legal, decision=decision, held_on=D(2026, 6, 1),
                           form="written", experts="专家3人", opinions="可行")  # fmt: skip
    assert decision.experts.count() == 1


def test_an_adopted_decision_has_the_factory_steps(world):
    decision = adopted(world, start=D(2026, 1, 5), publish_on=D(2026, 4, 1), hearing=True)
    assert decision.status == "published" and decision.hearings.count() == 1
    assert MajorDecision.objects.filter(status="published").count() == 1

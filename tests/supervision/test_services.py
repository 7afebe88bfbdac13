"""Supervision notices (督办): issue, reply, close, escalate — each audited, illegal moves raise."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.cases.world import build_world, pdf
from tests.factories import Role, StaffFactory
from zhengwu.cases import services as cases
from zhengwu.common.errors import IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.supervision import services
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


def on(day):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False)


@pytest.fixture
def late(settings, tmp_path):
    """A co-review of 自然资源局 past its limit (due Tue 17 Nov) on 18 Nov, with its red alert."""
    settings.MEDIA_ROOT = tmp_path / "media"
    w = build_world()
    with on(D(2026, 11, 2)):
        case = cases.case_submit(
            actor=w.citizen, applicant=w.citizen, power=w.joint, idempotency_key="n", files=[pdf()]
        ).case
    with on(D(2026, 11, 3)):
        cases.case_accept(actor=w.clerk, case=case)
        cases.task_complete(
            actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
        )
    with on(D(2026, 11, 18)):
        sweep(on=D(2026, 11, 18))
    alert = Alert.objects.get(rule__code="co_review_late", department=w.co[1])
    return w, case, alert, StaffFactory(roles=[Role.SUPERVISOR])


def last(action):
    return AuditEvent.objects.filter(action=action).latest("pk")


def test_a_notice_is_issued_answered_and_closed(late):
    w, case, alert, supervisor = late
    with on(D(2026, 11, 18)):
        with pytest.raises(NotPermitted):
            services.notice_issue(actor=w.head, alert=alert, content="请说明超时原因")
        with pytest.raises(ValidationError) as bad:
            services.notice_issue(actor=supervisor, alert=alert, content=" ", reply_days=0)
        assert set(bad.value.message_dict) == {"content", "reply_days"}
        notice = services.notice_issue(
            actor=supervisor,
            alert=alert,
            content="联合审查已超期，请说明原因并限期办结",
            reply_days=3,
        )
    # Issued Wed 18 Nov, 3 working days to reply: 19, 20, 23 Nov.
    assert (notice.department, notice.case, notice.reply_due) == (w.co[1], case, D(2026, 11, 23))
    assert notice.number == f"督〔2026〕{notice.pk}号"
    event = last("notice_issue")
    assert (event.actor, event.to_state, event.object_id) == (supervisor, "issued", str(notice.pk))
    reply_clock = Clock.objects.get(owner_type="supervision.supervisionnotice")
    assert (reply_clock.department, reply_clock.due_date) == (w.co[1], D(2026, 11, 23))

    with on(D(2026, 11, 19)):
        with pytest.raises(NotPermitted):  # another department cannot answer
            services.notice_reply(actor=w.co_reviewers[0], notice=notice, reply="已办结")
        with pytest.raises(IllegalTransition):  # nothing to close before the reply
            services.notice_close(actor=supervisor, notice=notice, conclusion="同意")
        services.notice_reply(
            actor=w.co_reviewers[1], notice=notice, reply="已完成联合审查，今后加强时限管理"
        )
    reply_clock.refresh_from_db()
    assert (reply_clock.status, reply_clock.completed_on) == ("completed", D(2026, 11, 19))
    event = last("notice_reply")
    assert (event.from_state, event.to_state, event.actor) == (
        "issued",
        "replied",
        w.co_reviewers[1],
    )

    with on(D(2026, 11, 20)):
        with pytest.raises(NotPermitted):
            services.notice_close(actor=w.co_reviewers[1], notice=notice, conclusion="好")
        services.notice_close(actor=supervisor, notice=notice, conclusion="整改到位，予以销号")
        with pytest.raises(IllegalTransition):
            services.notice_escalate(
                actor=supervisor, notice=notice, to="县政府", reason="再次超期"
            )
    notice.refresh_from_db()
    assert (notice.status, notice.closed_on) == ("closed", D(2026, 11, 20))
    assert last("notice_close").from_state == "replied"


def test_an_unanswered_notice_is_escalated_and_closed_only_after_a_reply(late):
    w, _case, alert, supervisor = late
    with on(D(2026, 11, 18)):
        notice = services.notice_issue(actor=supervisor, alert=alert, content="请限期办结")
    with on(D(2026, 11, 26)):
        with pytest.raises(ValidationError) as bad:
            services.notice_escalate(actor=supervisor, notice=notice, to="", reason="")
        assert set(bad.value.message_dict) == {"to", "reason"}
        services.notice_escalate(
            actor=supervisor, notice=notice, to="县人民政府办公室", reason="逾期未回复"
        )
        with pytest.raises(IllegalTransition):
            services.notice_close(actor=supervisor, notice=notice, conclusion="销号")
        services.notice_reply(actor=w.co_reviewers[1], notice=notice, reply="已办结并追责")
        services.notice_close(actor=supervisor, notice=notice, conclusion="销号")
    events = AuditEvent.objects.filter(object_type="supervision.supervisionnotice")
    assert list(events.order_by("pk").values_list("action", flat=True)) == [
        "clock_start",
        "notice_issue",
        "notice_escalate",
        "clock_complete",
        "notice_reply",
        "notice_close",
    ]

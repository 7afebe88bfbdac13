"""The interaction services: each move, its audit event, its clock, and the moves that must fail.

Dates on the official 2026 calendar: 1–7 October is the National Day holiday, Thursday 8 October
and Saturday 10 October are working days. A message that arrives on Wednesday 30 September has
its working days counted from the day after: 8 (1), 9 (2), 10 (3), 12 (4), 13 (5), 14 (6),
15 (7), 16 (8), 19 (9), 20 (10) … 21, 22, 23, 26, 27 (15) October.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from tests.cases.world import build_world as build_case_world
from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory
from tests.interaction.world import build_world, on, submit
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.interaction import limits, services
from zhengwu.interaction.models import Message
from zhengwu.interaction.selectors import message_find
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date
ARRIVED = D(2026, 9, 30)


@pytest.fixture
def w():
    return build_world()


def clocks_of(message):
    return list(
        Clock.objects.filter(owner_type="interaction.message", owner_id=str(message.pk)).order_by(
            "id"
        )
    )


def last_event(action):
    return AuditEvent.objects.filter(action=action).latest("pk")


def route(w, message, day=None, department=None):
    with on(day or D(2026, 10, 8)):
        return services.message_route(
            actor=w.office, message=message, department=department or w.housing
        )


def answer(w, message, day, actor=None):
    with on(day):
        return services.message_answer(
            actor=actor or w.housing_reviewer,
            message=message,
            answer="已核实，请携带身份证到窗口办理。",
        )


# --- Submission ---------------------------------------------------------------------------------


def test_anyone_submits_and_gets_a_number_by_kind_and_a_query_code(w):
    sent = submit(w)
    message = sent.message
    assert sent.created and len(sent.query_code) == 8 and sent.query_code.isdigit()
    assert message.number == f"TS2026{message.pk:06d}"
    assert (message.status, message.submitted_on, message.user, message.department) == (
        "submitted",
        ARRIVED,
        None,
        None,
    )
    # Only a digest of the code is stored; the code finds the message, a wrong one does not.
    assert sent.query_code not in message.query_digest
    assert message_find(message.number, sent.query_code) == message
    assert (
        message_find(message.number, "00000000" if sent.query_code != "00000000" else "1") is None
    )
    event = last_event("message_submit")
    assert (event.actor, event.to_state, event.detail["number"]) == (
        None,
        "submitted",
        message.number,
    )
    assert not clocks_of(message)  # the clock starts when the message is routed

    consultation = submit(w, kind="consultation", body="请问城乡居民医保怎么缴费？").message
    letter = submit(w, kind="mailbox", body="建议在滦河边修建步道。").message
    assert consultation.number.startswith("ZX2026") and letter.number.startswith("XX2026")


def test_a_logged_in_writer_is_linked_and_a_retry_returns_the_first_message(w):
    first = submit(w, actor=w.citizen, idempotency_key="same")
    again = submit(w, actor=w.citizen, idempotency_key="same", subject="另一个主题")
    assert first.message.user == w.citizen
    assert again.message == first.message and again.query_code is None and not again.created
    assert Message.objects.count() == 1


def test_every_bad_field_is_named_at_once(w):
    with pytest.raises(ValidationError) as bad:
        submit(
            w,
            kind="consultation",
            subject=" ",
            body="",
            name="",
            phone="12345",
            email="not-an-address",
            id_number="152531195806150024",
            case_number="1525312026",
        )
    assert set(bad.value.message_dict) == {
        "subject",
        "body",
        "name",
        "phone",
        "email",
        "id_number",  # an ID number only with a complaint
        "case_number",
    }
    with pytest.raises(ValidationError) as complaint:
        submit(w, id_number="152531195806150025", case_number="nope", phone="0479-123")
    assert set(complaint.value.message_dict) == {"id_number", "case_number", "phone"}
    assert not Message.objects.exists()


def test_a_complaint_names_the_case_it_is_about_and_a_valid_id_number(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cw = build_case_world()
    from zhengwu.cases import services as case_services

    with on(D(2026, 9, 28)):
        case = case_services.case_submit(
            actor=cw.citizen, applicant=cw.citizen, power=cw.simple, idempotency_key="c1"
        ).case
    message = submit(
        w, id_number="152531195806150024", case_number=case.number, phone="0479 4522345"
    ).message
    assert (message.case, message.id_number, message.phone) == (
        case,
        "152531195806150024",
        "0479-4522345",
    )


# --- Routing and the clock ----------------------------------------------------------------------


def test_routing_starts_the_answer_clock_from_the_day_after_arrival(w):
    message = submit(w).message
    route(w, message)
    message.refresh_from_db()
    assert (message.status, message.department, message.routed_on) == (
        "routed",
        w.housing,
        D(2026, 10, 8),
    )
    [clock] = clocks_of(message)
    # 10 working days after Wed 30 Sep: 8, 9, 10 (Sat, worked), 12–16, 19, 20 Oct.
    assert (clock.purpose, clock.started_on, clock.limit_days, clock.due_date) == (
        "interaction.answer",
        ARRIVED,
        10,
        D(2026, 10, 20),
    )
    assert (clock.department, clock.division, clock.status) == (w.housing, w.county, "running")
    event = last_event("message_route")
    assert (event.actor, event.from_state, event.to_state) == (w.office, "submitted", "routed")
    assert event.detail["due_date"] == "2026-10-20"


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        ("consultation", D(2026, 10, 13)),  # 8, 9, 10, 12, 13 Oct
        ("mailbox", D(2026, 10, 27)),  # … 20, then 21, 22, 23, 26, 27 Oct
    ],
)
def test_each_kind_has_its_own_limit(w, kind, due):
    message = submit(w, kind=kind).message
    route(w, message)
    assert clocks_of(message)[0].due_date == due
    assert clocks_of(message)[0].limit_days == limits.DEFAULT_ANSWER_LIMITS[kind]


def test_a_message_sent_on_a_holiday_weekend_counts_from_the_next_day(w):
    # Sat 26 Sep (Mid-Autumn): 5 working days → Mon 28, Tue 29, Wed 30 Sep, Thu 8, Fri 9 Oct.
    message = submit(w, kind="consultation", day=D(2026, 9, 26)).message
    route(w, message, day=D(2026, 9, 28))
    assert clocks_of(message)[0].due_date == D(2026, 10, 9)


def test_the_limits_come_from_the_setting(w, settings):
    settings.ZHENGWU_INTERACTION_LIMITS = {"complaint": 3}
    assert limits.answer_limits() == {"consultation": 5, "complaint": 3, "mailbox": 15}
    message = submit(w).message
    route(w, message)
    # 3 working days after 30 Sep: 8, 9, 10 Oct.
    assert clocks_of(message)[0].due_date == D(2026, 10, 10)
    settings.ZHENGWU_INTERACTION_LIMITS = {"petition": 30}
    with pytest.raises(ImproperlyConfigured):
        limits.answer_limits()
    settings.ZHENGWU_INTERACTION_LIMITS = {"complaint": 0}
    with pytest.raises(ImproperlyConfigured):
        limits.answer_limits()


def test_only_the_routing_office_of_the_county_routes(w):
    message = submit(w).message
    outsider = StaffFactory(department=DepartmentFactory(division=w.county), roles=[Role.REVIEWER])
    for actor in (w.housing_reviewer, outsider, w.citizen):
        with on(D(2026, 10, 8)), pytest.raises(NotPermitted):
            services.message_route(actor=actor, message=message, department=w.housing)
    # A disclosure officer of another county is not this county's routing office.
    other_county = CountyFactory(code="152530000000", name="正蓝旗")
    stranger = StaffFactory(
        department=DepartmentFactory(division=other_county), roles=[Role.DISCLOSURE_OFFICER]
    )
    with on(D(2026, 10, 8)), pytest.raises(NotPermitted):
        services.message_route(actor=stranger, message=message, department=w.housing)
    # The supervisor is the routing office too; a township's department may answer.
    with on(D(2026, 10, 8)):
        services.message_route(actor=w.supervisor, message=message, department=w.township)
    assert Message.objects.get().department == w.township


def test_routing_refuses_a_department_outside_the_county_and_a_date_before_arrival(w):
    message = submit(w).message
    elsewhere = DepartmentFactory(division=CountyFactory(code="152530000000", name="正蓝旗"))
    with on(D(2026, 10, 8)), pytest.raises(ValidationError) as outside:
        services.message_route(actor=w.office, message=message, department=elsewhere)
    assert "department" in outside.value.message_dict
    with on(D(2026, 10, 8)), pytest.raises(DomainError) as early:
        services.message_route(
            actor=w.office, message=message, department=w.housing, on=D(2026, 9, 29)
        )
    assert early.value.code == "before_arrival"
    with on(D(2026, 10, 8)), pytest.raises(DomainError) as future:
        services.message_route(
            actor=w.office, message=message, department=w.housing, on=D(2026, 10, 9)
        )
    assert future.value.code == "future_date"
    assert Message.objects.get().status == "submitted" and not clocks_of(message)


def test_rerouting_completes_the_wrong_clock_and_keeps_the_writers_due_date(w):
    message = submit(w).message
    route(w, message, department=w.social)
    with on(D(2026, 10, 12)):
        with pytest.raises(ValidationError) as no_reason:
            services.message_reroute(
                actor=w.office, message=message, department=w.housing, reason=" "
            )
        assert "reason" in no_reason.value.message_dict
        with pytest.raises(ValidationError) as same:
            services.message_reroute(
                actor=w.office, message=message, department=w.social, reason="错了"
            )
        assert "department" in same.value.message_dict
        services.message_reroute(
            actor=w.office, message=message, department=w.housing, reason="房屋登记归住建局"
        )
    message.refresh_from_db()
    assert (message.status, message.department, message.routed_on) == (
        "routed",
        w.housing,
        D(2026, 10, 12),
    )
    old, new = clocks_of(message)
    assert (old.department, old.status, old.completed_on, old.due_date) == (
        w.social,
        "completed",
        D(2026, 10, 12),
        D(2026, 10, 20),
    )
    assert (new.department, new.status, new.started_on, new.due_date) == (
        w.housing,
        "running",
        ARRIVED,
        D(2026, 10, 20),
    )
    event = last_event("message_reroute")
    assert (event.actor, event.from_state, event.to_state, event.reason) == (
        w.office,
        "routed",
        "routed",
        "房屋登记归住建局",
    )
    assert (event.detail["from_department"], event.detail["department"]) == ("rsj", "fgc")
    # The first department can no longer answer; the new one can.
    with on(D(2026, 10, 13)), pytest.raises(NotPermitted):
        services.message_answer(actor=w.social_reviewer, message=message, answer="答复")
    answer(w, message, D(2026, 10, 13))
    assert clocks_of(message)[1].status == "completed"


def test_a_message_not_routed_cannot_be_rerouted_nor_routed_twice(w):
    message = submit(w).message
    with on(D(2026, 10, 8)), pytest.raises(IllegalTransition):
        services.message_reroute(actor=w.office, message=message, department=w.housing, reason="x")
    route(w, message)
    with on(D(2026, 10, 8)), pytest.raises(IllegalTransition):
        services.message_route(actor=w.office, message=message, department=w.social)
    assert len(clocks_of(message)) == 1


# --- Answer -------------------------------------------------------------------------------------


def test_the_department_answers_and_the_clock_stops_on_time(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    message = submit(w, email="ma@example.cn").message
    route(w, message)
    with on(D(2026, 10, 9)), pytest.raises(NotPermitted):
        services.message_answer(actor=w.social_reviewer, message=message, answer="答复")
    with on(D(2026, 10, 9)), pytest.raises(ValidationError) as empty:
        services.message_answer(actor=w.housing_reviewer, message=message, answer="  ")
    assert "answer" in empty.value.message_dict
    with on(D(2026, 10, 9)), pytest.raises(NotPermitted):  # the office routes, it does not answer
        services.message_answer(actor=w.office, message=message, answer="答复")
    with on(D(2026, 10, 20)), django_capture_on_commit_callbacks(execute=True):
        services.message_answer(actor=w.housing_head, message=message, answer=" 已答复。 ")
    message.refresh_from_db()
    assert (message.status, message.answer, message.answered_by, message.answered_on) == (
        "answered",
        "已答复。",
        w.housing_head,
        D(2026, 10, 20),
    )
    [clock] = clocks_of(message)
    assert (clock.status, clock.completed_on) == ("completed", D(2026, 10, 20))
    event = last_event("message_answer")
    assert (event.actor, event.from_state, event.to_state) == (w.housing_head, "routed", "answered")
    assert event.detail["on_time"] is True
    # The writer is told by e-mail, once the answer is committed.
    assert [m.to for m in mailoutbox] == [["ma@example.cn"]]
    assert message.number in mailoutbox[0].subject


def test_an_answer_after_the_due_date_is_late(w):
    message = submit(w).message
    route(w, message)
    answer(w, message, D(2026, 10, 21))
    assert last_event("message_answer").detail["on_time"] is False
    assert clocks_of(message)[0].completed_on > clocks_of(message)[0].due_date


def test_only_a_routed_message_is_answered(w):
    message = submit(w).message
    with on(D(2026, 10, 8)), pytest.raises(NotPermitted):  # no department yet
        services.message_answer(actor=w.housing_reviewer, message=message, answer="答复")
    route(w, message)
    answer(w, message, D(2026, 10, 9))
    with on(D(2026, 10, 9)), pytest.raises(IllegalTransition):
        services.message_answer(actor=w.housing_reviewer, message=message, answer="再答复")


# --- Publication --------------------------------------------------------------------------------


def answered(w, **fields):
    message = submit(w, **fields).message
    route(w, message)
    return answer(w, message, D(2026, 10, 9))


def test_publishing_stores_the_redacted_text_by_default(w):
    message = answered(
        w,
        subject="马秀英反映办证难",
        body="我叫马秀英，身份证152531195806150024，电话13904791234，邮箱ma@example.cn。",
    )
    with on(D(2026, 10, 12)):
        services.message_publish(actor=w.office, message=message)
    message.refresh_from_db()
    assert (message.status, message.published_on, message.published_by) == (
        "published",
        D(2026, 10, 12),
        w.office,
    )
    assert message.public_subject == "×××反映办证难"
    assert message.public_body == "我叫×××，身份证***，电话***，邮箱***。"
    assert message.public_answer == "已核实，请携带身份证到窗口办理。"
    # The writer's own text is kept as it was.
    assert "13904791234" in message.body
    event = last_event("message_publish")
    assert (event.actor, event.from_state, event.to_state, event.detail["edited"]) == (
        w.office,
        "answered",
        "published",
        False,
    )


def test_the_office_edits_and_saves_the_public_version_before_publishing(w):
    message = answered(w, body="我叫马秀英，邻居张三家的狗总在夜里叫。")
    with on(D(2026, 10, 12)):
        services.message_prepare_publication(
            actor=w.office,
            message=message,
            public_subject="反映邻里噪音",
            public_body="我叫×××，邻居家的狗总在夜里叫。",
            public_answer="已转社区调解。",
        )
    message.refresh_from_db()
    assert message.status == "answered" and message.public_body == "我叫×××，邻居家的狗总在夜里叫。"
    assert last_event("message_prepare_publication").detail["edited"] is True
    with on(D(2026, 10, 12)), pytest.raises(ValidationError) as empty:
        services.message_publish(actor=w.office, message=message, public_answer="")
    assert "public_answer" in empty.value.message_dict
    with on(D(2026, 10, 13)):
        services.message_publish(actor=w.office, message=message)  # the saved draft
    message.refresh_from_db()
    assert (message.public_subject, message.public_answer) == ("反映邻里噪音", "已转社区调解。")
    with on(D(2026, 10, 13)), pytest.raises(IllegalTransition):
        services.message_publish(actor=w.office, message=message)


def test_without_consent_nothing_is_published(w):
    message = answered(w, publication_consent=False)
    with on(D(2026, 10, 12)), pytest.raises(DomainError) as refused:
        services.message_publish(actor=w.office, message=message)
    assert refused.value.code == "no_consent"
    with on(D(2026, 10, 12)), pytest.raises(DomainError):
        services.message_prepare_publication(
            actor=w.office, message=message, public_subject="a", public_body="b", public_answer="c"
        )
    assert Message.objects.get().status == "answered"


def test_only_an_answered_message_is_published_and_only_by_the_office(w):
    message = submit(w).message
    with on(D(2026, 10, 8)), pytest.raises(IllegalTransition):
        services.message_publish(actor=w.office, message=message)
    route(w, message)
    answer(w, message, D(2026, 10, 9))
    with on(D(2026, 10, 9)), pytest.raises(NotPermitted):
        services.message_publish(actor=w.housing_reviewer, message=message)


# --- Rejection and closing ----------------------------------------------------------------------


def test_rejecting_spam_needs_a_reason_and_stops_the_clock(w):
    message = submit(w, kind="mailbox", body="广告：低价代办各类证件，加微信。").message
    route(w, message)
    with on(D(2026, 10, 9)), pytest.raises(ValidationError) as no_reason:
        services.message_reject(actor=w.office, message=message, reason="")
    assert "reason" in no_reason.value.message_dict
    with on(D(2026, 10, 9)):
        services.message_reject(actor=w.office, message=message, reason="广告信息")
    message.refresh_from_db()
    assert (message.status, message.closed_on, message.reason) == (
        "rejected",
        D(2026, 10, 9),
        "广告信息",
    )
    assert clocks_of(message)[0].status == "completed"
    event = last_event("message_reject")
    assert (event.from_state, event.to_state, event.reason) == ("routed", "rejected", "广告信息")
    for call in (
        lambda: services.message_close(actor=w.office, message=message, reason="x"),
        lambda: services.message_answer(actor=w.housing_reviewer, message=message, answer="x"),
        lambda: services.message_reject(actor=w.office, message=message, reason="x"),
    ):
        with on(D(2026, 10, 9)), pytest.raises((IllegalTransition, NotPermitted)):
            call()


def test_closing_an_answered_message_needs_no_reason_an_open_one_does(w):
    done = answered(w, publication_consent=False)
    with on(D(2026, 10, 12)):
        services.message_close(actor=w.office, message=done)
    done.refresh_from_db()
    assert (done.status, done.closed_on, done.reason) == ("closed", D(2026, 10, 12), "")
    duplicate = submit(w).message
    with on(D(2026, 10, 8)), pytest.raises(ValidationError):
        services.message_close(actor=w.office, message=duplicate)
    with on(D(2026, 10, 8)):
        services.message_close(actor=w.office, message=duplicate, reason="与TS重复")
    assert last_event("message_close").from_state == "submitted"
    with on(D(2026, 10, 8)), pytest.raises(IllegalTransition):
        services.message_route(actor=w.office, message=duplicate, department=w.housing)


def test_a_published_message_is_final(w):
    message = answered(w)
    with on(D(2026, 10, 12)):
        services.message_publish(actor=w.office, message=message)
    for call in (
        lambda: services.message_close(actor=w.office, message=message, reason="x"),
        lambda: services.message_reject(actor=w.office, message=message, reason="x"),
    ):
        with on(D(2026, 10, 12)), pytest.raises(IllegalTransition):
            call()
    assert Message.TRANSITIONS[Message.Status.PUBLISHED] == set()


def test_each_step_writes_exactly_one_message_event(w):
    message = answered(w)
    with on(D(2026, 10, 12)):
        services.message_publish(actor=w.office, message=message)
    actions = list(
        AuditEvent.objects.filter(object_type="interaction.message", object_id=str(message.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert [a for a in actions if a.startswith("message_")] == [
        "message_submit",
        "message_route",
        "message_answer",
        "message_publish",
    ]

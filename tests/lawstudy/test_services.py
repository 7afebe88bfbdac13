"""The services of law study and exams: one audit event per change, field errors, permissions,
the exam's one move, and results passed on to the enforcement registry."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from tests.enforcement.world import OfficialFactory
from tests.lawstudy.world import HELD, id_number
from zhengwu.catalog.models import BodyStanding
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.enforcement.models import ConfirmationBatch, EnforcementBody, LawExamResult
from zhengwu.enforcement.services import certificate_eligibility
from zhengwu.lawstudy import services
from zhengwu.lawstudy.models import Exam, ExamParticipation, ExamResult

D = datetime.date


def last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("pk")


# --- Sessions and courses -----------------------------------------------------------------------


def test_a_session_is_recorded_with_its_attendees_counted_from_the_names(w):
    session = services.session_record(
        actor=w.legal,
        division=w.county,
        kind="central_group",
        held_on=D(2025, 3, 13),
        topic="学习《行政复议法》",
        laws=["中华人民共和国行政复议法", " ", "行政复议法实施条例"],
        lecturer="县司法局局长",
        attendee_names="张三\n李四\n\n王五",
    )
    assert session.attendee_count == 3 and session.attendee_list == ["张三", "李四", "王五"]
    assert session.law_list == ["中华人民共和国行政复议法", "行政复议法实施条例"]
    event = last_event("lawstudy_session_create")
    assert event.actor == w.legal and event.object_id == str(session.pk)
    assert event.detail["attendees"] == 3


def test_a_session_with_fewer_attendees_than_names_or_in_the_future_is_refused(w):
    with pytest.raises(DomainError) as error:
        services.session_record(
            actor=w.legal,
            division=w.county,
            kind="central_group",
            held_on=D(2099, 1, 1),
            topic="",
            attendee_count=1,
            attendee_names="张三\n李四",
        )
    assert set(error.value.params["errors"]) == {"held_on", "topic", "attendee_count"}
    assert not AuditEvent.objects.filter(action="lawstudy_session_create").exists()


def test_only_the_legal_office_of_the_county_records_sessions_and_courses(w):
    for actor in (w.finance_clerk, w.supervisor, w.outsider):
        with pytest.raises(NotPermitted):
            services.session_record(
                actor=actor,
                division=w.county,
                kind="leaders",
                held_on=D(2025, 3, 1),
                topic="学法",
                attendee_count=10,
            )
    with pytest.raises(NotPermitted):
        services.course_record(
            actor=w.finance_clerk, division=w.county, title="培训", organiser="人社局",
            kind="refresher", starts_on=D(2025, 3, 1), ends_on=D(2025, 3, 2), hours=8,
            participant_count=10,
        )  # fmt: skip


def test_a_course_cannot_end_before_it_starts_and_counts_its_roster(w):
    with pytest.raises(DomainError) as error:
        services.course_record(
            actor=w.legal, division=w.county, title="公务员更新知识培训班", organiser="人社局",
            kind="refresher", starts_on=D(2025, 3, 5), ends_on=D(2025, 3, 4), hours=0,
        )  # fmt: skip
    assert set(error.value.params["errors"]) == {"ends_on", "hours", "participant_count"}
    course = services.course_record(
        actor=w.legal, division=w.county, title="公务员更新知识培训班", organiser="人社局",
        kind="refresher", starts_on=D(2025, 3, 5), ends_on=D(2025, 3, 9), hours="40",
        roster="张三\n李四",
    )  # fmt: skip
    assert course.participant_count == 2 and course.hours == Decimal("40")
    assert last_event("lawstudy_course_create").detail["participants"] == 2


# --- Units and exams ----------------------------------------------------------------------------


def test_a_department_is_registered_as_one_unit_only(w):
    with pytest.raises(DomainError) as error:
        services.unit_register(
            actor=w.legal, division=w.county, name="财政局（重复）", kind="administrative",
            department=w.finance,
        )  # fmt: skip
    assert "department" in error.value.params["errors"]
    with pytest.raises(DomainError) as error:
        services.unit_register(
            actor=w.legal, division=w.county, name="多伦县第一中学", kind="institution"
        )
    assert "name" in error.value.params["errors"]


def test_one_annual_exam_a_year(w):
    with pytest.raises(DomainError) as error:
        services.exam_create(
            actor=w.legal, division=w.county, kind="annual", year=2025, title="又一次",
            held_on=D(2025, 12, 1),
        )  # fmt: skip
    assert "year" in error.value.params["errors"]
    exam = services.exam_create(
        actor=w.legal, division=w.county, kind="pre_appointment", year=2025,
        title="任前考试", held_on=D(2025, 12, 1), pass_mark="70",
    )  # fmt: skip
    assert exam.status == "open" and exam.pass_mark == Decimal("70")
    event = last_event("lawstudy_exam_create")
    assert event.to_state == "open" and event.actor == w.legal


def test_closing_an_exam_is_audited_and_happens_once(w):
    exam = services.exam_close(actor=w.legal, exam=w.exam)
    assert exam.status == "closed"
    event = last_event("lawstudy_exam_close")
    assert (event.from_state, event.to_state, event.actor) == ("open", "closed", w.legal)
    with pytest.raises(IllegalTransition):
        services.exam_close(actor=w.legal, exam=exam)
    with pytest.raises(NotPermitted):
        services.exam_close(actor=w.finance_clerk, exam=w.exam)


# --- Participation ------------------------------------------------------------------------------


def test_a_units_staff_enter_their_own_units_participation_and_only_theirs(w):
    row = services.participation_record(
        actor=w.finance_clerk, exam=w.exam, unit=w.finance_unit,
        eligible=40, participants=39, passed=37,
    )  # fmt: skip
    assert (row.eligible, row.participants, row.passed, row.version) == (40, 39, 37, 1)
    event = last_event("lawstudy_participation_record")
    assert (event.actor, event.from_state, event.to_state) == (w.finance_clerk, "", "39/40")
    with pytest.raises(NotPermitted):
        services.participation_record(
            actor=w.finance_clerk, exam=w.exam, unit=w.housing_unit,
            eligible=10, participants=10, passed=10,
        )  # fmt: skip
    with pytest.raises(NotPermitted):  # the school has no department: the legal office enters it
        services.participation_record(
            actor=w.finance_clerk, exam=w.exam, unit=w.school,
            eligible=10, participants=10, passed=10,
        )  # fmt: skip
    corrected = services.participation_record(
        actor=w.legal, exam=w.exam, unit=w.finance_unit,
        eligible=40, participants=40, passed=38, version=1,
    )  # fmt: skip
    assert corrected.version == 2 and corrected.participants == 40
    event = last_event("lawstudy_participation_record")
    assert (event.from_state, event.to_state) == ("39/40", "40/40")
    assert ExamParticipation.objects.count() == 1


def test_a_stale_version_is_refused_rather_than_overwritten(w):
    services.participation_record(
        actor=w.legal, exam=w.exam, unit=w.school, eligible=30, participants=30, passed=30
    )
    services.participation_record(
        actor=w.legal, exam=w.exam, unit=w.school, eligible=30, participants=29, passed=29,
        version=1,
    )  # fmt: skip
    with pytest.raises(Conflict):
        services.participation_record(
            actor=w.legal, exam=w.exam, unit=w.school, eligible=30, participants=28, passed=28,
            version=1,
        )  # fmt: skip
    assert ExamParticipation.objects.get(unit=w.school).participants == 29


def test_participants_cannot_exceed_eligible_nor_passed_exceed_participants(w):
    with pytest.raises(DomainError) as error:
        services.participation_record(
            actor=w.legal, exam=w.exam, unit=w.school, eligible=30, participants=31, passed=32
        )
    assert set(error.value.params["errors"]) == {"participants", "passed"}
    assert not ExamParticipation.objects.exists()


def test_nothing_is_entered_in_a_closed_exam_or_before_the_exam_is_held(w):
    services.exam_close(actor=w.legal, exam=w.exam)
    with pytest.raises(IllegalTransition):
        services.participation_record(
            actor=w.legal, exam=w.exam, unit=w.school, eligible=3, participants=3, passed=3
        )
    # On 2025-11-19 the exam of the 20th has not been held yet.
    exam = Exam.objects.create(
        division=w.county, kind="pre_appointment", year=2025, title="任前", held_on=HELD
    )
    with (
        time_machine.travel(datetime.datetime(2025, 11, 19, 10, 0), tick=False),
        pytest.raises(DomainError) as error,
    ):
        services.participation_record(
            actor=w.legal, exam=exam, unit=w.school, eligible=3, participants=3, passed=3
        )
    assert error.value.code == "exam_not_held"


# --- Individual results -------------------------------------------------------------------------


def test_passing_is_read_from_the_score_and_the_pass_mark(w):
    failed = services.result_record(
        actor=w.legal, exam=w.exam, full_name="张三", id_number=id_number(1),
        unit=w.finance_unit, score=Decimal("59.5"),
    )  # fmt: skip
    passed = services.result_record(
        actor=w.legal, exam=w.exam, full_name="李四", id_number=id_number(2), score=Decimal("60")
    )
    assert failed.passed is False and passed.passed is True
    event = last_event("lawstudy_result_record")
    assert event.to_state == "passed" and event.actor == w.legal
    with pytest.raises(DomainError) as error:  # same person twice
        services.result_record(
            actor=w.legal, exam=w.exam, full_name="李四", id_number=id_number(2), score=80
        )
    assert "id_number" in error.value.params["errors"]
    with pytest.raises(DomainError) as error:  # a score that contradicts the stated result
        services.result_record(
            actor=w.legal, exam=w.exam, full_name="王五", id_number=id_number(3), score=50,
            passed=True,
        )  # fmt: skip
    assert "passed" in error.value.params["errors"]


def test_a_pre_appointment_result_names_the_appointment_and_a_failure_is_kept(w):
    exam = services.exam_create(
        actor=w.legal, division=w.county, kind="pre_appointment", year=2025,
        title="拟任科级领导干部任前法律知识考试", held_on=D(2025, 6, 10),
    )  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.result_record(
            actor=w.legal, exam=exam, full_name="张三", id_number=id_number(4), score=88
        )
    assert "appointment" in error.value.params["errors"]
    result = services.result_record(
        actor=w.legal, exam=exam, full_name="张三", id_number=id_number(4), score=52,
        appointment="多伦县财政局副局长",
    )  # fmt: skip
    assert result.passed is False and result.appointment == "多伦县财政局副局长"
    assert ExamResult.objects.filter(exam=exam, passed=False).get() == result


def test_a_unit_clerk_cannot_record_individual_results(w):
    with pytest.raises(NotPermitted):
        services.result_record(
            actor=w.finance_clerk, exam=w.exam, full_name="张三", id_number=id_number(5),
            score=80,
        )  # fmt: skip


# --- The feed into the enforcement registry -----------------------------------------------------


def _official(w, **fields):
    batch = ConfirmationBatch.objects.create(
        division=w.county, number=1, approved_on=D(2012, 6, 1), document="多政发〔2012〕45号"
    )
    body = EnforcementBody.objects.create(
        division=w.county, department=w.housing, standing=BodyStanding.STATUTORY,
        status=EnforcementBody.Status.CONFIRMED, batch=batch, confirmed_on=D(2012, 6, 1),
    )  # fmt: skip
    return OfficialFactory(body=body, **fields)


def test_a_passed_result_makes_an_official_with_no_exam_eligible(w):
    official = _official(w, id_number=id_number(7))
    day = D(2025, 12, 1)
    assert "no_exam" in [code for code, _m in certificate_eligibility(official, day)]
    result = services.result_record(
        actor=w.legal, exam=w.exam, full_name=official.full_name, id_number=official.id_number,
        unit=w.housing_unit, score=Decimal("82.5"),
    )  # fmt: skip
    assert result.official == official
    fed = LawExamResult.objects.get(official=official)
    assert (fed.taken_on, fed.passed, fed.score) == (HELD, True, Decimal("82.5"))
    assert fed.source == w.exam.title
    assert certificate_eligibility(official, day) == []
    assert last_event("enforcement_exam_record").actor == w.legal
    assert last_event("lawstudy_result_record").detail["fed"] == 1


def test_a_failed_result_is_passed_on_but_does_not_make_the_official_eligible(w):
    official = _official(w, id_number=id_number(8))
    services.results_import(
        actor=w.legal,
        exam=w.exam,
        rows=[
            {"row": 2, "full_name": official.full_name, "id_number": official.id_number,
             "score": 40},
            {"row": 3, "full_name": "路人", "id_number": id_number(9), "score": 90},
        ],
    )  # fmt: skip
    assert LawExamResult.objects.get(official=official).passed is False
    assert LawExamResult.objects.count() == 1  # the second person is no official
    assert "no_exam" in [c for c, _m in certificate_eligibility(official, D(2025, 12, 1))]
    assert ExamResult.objects.get(id_number=id_number(9)).official is None


def test_a_session_or_course_is_corrected_with_a_reason_and_the_changes_audited(w):
    session = services.session_record(
        actor=w.legal, division=w.county, kind="central_group", held_on=D(2025, 3, 13),
        topic="学习《行政复议法》", attendee_count=28,
    )  # fmt: skip
    values = {"kind": "central_group", "held_on": D(2025, 3, 13), "topic": "学习《行政复议法》",
              "attendee_count": 29}  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.session_correct(actor=w.legal, session=session, reason=" ", **values)
    assert "reason" in error.value.params["errors"]
    with pytest.raises(NotPermitted):
        services.session_correct(actor=w.finance_clerk, session=session, reason="笔误", **values)
    session = services.session_correct(actor=w.legal, session=session, reason="漏记一人", **values)
    assert session.attendee_count == 29
    event = last_event("lawstudy_session_correct")
    assert event.detail == {"changed": {"attendee_count": ["28", "29"]}}
    assert event.reason == "漏记一人" and event.actor == w.legal
    course = services.course_record(
        actor=w.legal, division=w.county, title="培训班", organiser="人社局", kind="refresher",
        starts_on=D(2025, 3, 5), ends_on=D(2025, 3, 9), hours=40, participant_count=180,
    )  # fmt: skip
    course = services.course_correct(
        actor=w.legal, course=course, reason="按签到表更正", title="培训班", organiser="人社局",
        kind="refresher", starts_on=D(2025, 3, 5), ends_on=D(2025, 3, 9), hours=40,
        participant_count=182,
    )  # fmt: skip
    assert course.participant_count == 182
    assert last_event("lawstudy_course_correct").detail["changed"] == {
        "participant_count": ["180", "182"]
    }

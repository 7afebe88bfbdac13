"""The services of the reconsideration and litigation registers, each clock with dates worked out
by hand on the 2026 official calendar: National Day 1–7 October off, Thursday 8 October and
Saturday 10 October worked; Tomb-sweeping 4–6 April off; Labour Day 1–5 May off."""

import datetime

import pytest

from tests.reconsideration.world import ID, accept, on, register
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.reconsideration import services
from zhengwu.reconsideration.models import (
    Applicant,
    LitigationCase,
    ReconsiderationCase,
    SuspensionGround,
)
from zhengwu.reconsideration.services import (
    ANSWER,
    DECISION,
    DOCUMENT_REVIEW,
    EXAMINATION,
    LITIGATION_ANSWER,
    SEND,
    case_clock,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def last_event(action):
    return AuditEvent.objects.filter(action=action).latest("pk")


# --- Registration and the 60 days of art. 20 ------------------------------------------------


def test_registration_starts_the_5_working_day_examination_across_the_national_day(w):
    # Received Wednesday 30 September: 1–7 October are off, so the working days are Thursday
    # 8 (1), Friday 9 (2), Saturday 10 (3, worked), Monday 12 (4), Tuesday 13 October (5).
    case = register(w, received=D(2026, 9, 30))
    clock = case_clock(case, EXAMINATION)
    assert (clock.day_kind, clock.limit_days, clock.due_date) == ("working", 5, D(2026, 10, 13))
    assert case.status == "received" and case.receipt_number == f"FY2026{case.pk:06d}"
    assert case.division == w.county and not case.late_application
    event = last_event("reconsideration_register")
    assert (event.actor, event.from_state, event.to_state) == (w.legal, "", "received")
    applicant = case.applicants.get()
    assert applicant.id_number == ID and applicant.id_masked != ID
    assert applicant.id_masked.startswith(ID[:6]) and "*" in applicant.phone_masked


def test_an_application_after_60_days_is_registered_late_and_needs_a_reason_to_accept(w):
    # Knew on Wednesday 1 July: the 60th day is Sunday 30 August, so the period ends on the
    # next working day, Monday 31 August.
    in_time = register(w, received=D(2026, 8, 31), knew=D(2026, 7, 1))
    assert not in_time.late_application
    late = register(w, received=D(2026, 9, 1), knew=D(2026, 7, 1))
    assert late.late_application and late.status == "received"
    assert last_event("reconsideration_register").detail["apply_by"] == "2026-08-31"
    with on(D(2026, 9, 2)), pytest.raises(services.ValidationError) as refused:
        services.case_accept(actor=w.legal, case=late)
    assert "late_reason" in refused.value.error_dict
    with on(D(2026, 9, 2)):
        case = services.case_accept(actor=w.legal, case=late, late_reason="申请人住院治疗，有证明")
    assert case.status == "accepted" and case.late_reason


def test_registration_refuses_bad_input_field_by_field_and_only_the_office_registers(w):
    with on(D(2026, 9, 30)):
        with pytest.raises(services.ValidationError) as bad:
            services.case_register(
                actor=w.legal, respondent=w.bureau, applicants=[], contested_act="",
                knew_on=D(2026, 10, 1), request="",
            )  # fmt: skip
        assert set(bad.value.error_dict) == {"contested_act", "request", "knew_on"}
        with pytest.raises(services.ValidationError) as bad:
            services.case_register(
                actor=w.legal, respondent=w.bureau, contested_act="x", request="y",
                applicants=[{"name": "李某", "id_number": "123"}], knew_on=D(2026, 9, 1),
            )  # fmt: skip
        assert "applicants" in bad.value.error_dict
        with pytest.raises(NotPermitted):
            register(w, received=D(2026, 9, 30), actor=w.clerk)
        # Online, by the applicant (no account): allowed, with the query code.
        made = services.case_register(actor=None, respondent=w.bureau, channel="online",
                                      applicants=[{"name": "赵某"}], contested_act="x",
                                      knew_on=D(2026, 9, 1), request="y")  # fmt: skip
    assert made.case.channel == "online" and len(made.query_code) == 8
    assert made.case.query_digest == services.query_digest(made.case.receipt_number,
                                                           made.query_code)  # fmt: skip
    assert last_event("reconsideration_register").actor is None


# --- Examination: correction, acceptance, refusal, deemed acceptance -------------------------


def test_correction_within_5_days_then_10_working_days_to_supply_else_abandoned(w):
    case = register(w, received=D(2026, 9, 30))
    with on(D(2026, 10, 9)):
        case = services.case_request_correction(
            actor=w.legal, case=case, items=["申请人身份证明", "行政处罚决定书复印件"]
        )
    # Notified Friday 9 October: Saturday 10 (1, worked), 12–16 (2–6), 19–22 October (7–10):
    # due Thursday 22 October.
    assert (case.status, case.correction_due_on) == ("correction", D(2026, 10, 22))
    assert case_clock(case, EXAMINATION).completed_on == D(2026, 10, 9)
    event = last_event("reconsideration_request_correction")
    assert (event.from_state, event.to_state, event.detail["items"]) == (
        "received", "correction", ["申请人身份证明", "行政处罚决定书复印件"])  # fmt: skip
    with on(D(2026, 10, 9)), pytest.raises(DomainError) as twice:  # one notice, all at once
        services.case_request_correction(actor=w.legal, case=case, items=["其他"])
    assert twice.value.code == "correction_once"
    # The sweep on the last day leaves it; the day after, it is deemed abandoned.
    assert services.cases_sweep(on=D(2026, 10, 22)).abandoned == []
    assert services.cases_sweep(on=D(2026, 10, 23)).abandoned == [case.receipt_number]
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("abandoned", D(2026, 10, 23))
    event = last_event("reconsideration_abandon")
    assert (event.actor, event.from_state, event.to_state) == (None, "correction", "abandoned")
    assert services.cases_sweep(on=D(2026, 10, 24)).abandoned == []  # idempotent


def test_a_correction_notice_after_the_5_days_is_refused_the_application_is_deemed_accepted(w):
    case = register(w, received=D(2026, 9, 30))
    with on(D(2026, 10, 14)):
        with pytest.raises(DomainError) as late:
            services.case_request_correction(actor=w.legal, case=case, items=["身份证明"])
        assert late.value.code == "deemed_accepted"
        with pytest.raises(DomainError):
            services.case_refuse(actor=w.legal, case=case, reasons="不属于受案范围")
    assert services.cases_sweep(on=D(2026, 10, 13)).deemed_accepted == []
    assert services.cases_sweep(on=D(2026, 10, 14)).deemed_accepted == [case.receipt_number]
    case.refresh_from_db()
    # Deemed accepted from the last day of the examination, Tuesday 13 October.
    assert (case.status, case.accepted_on, case.deemed_accepted) == (
        "accepted", D(2026, 10, 13), True)  # fmt: skip
    assert case.case_number == "多政复字〔2026〕1号"
    assert case_clock(case, DECISION).started_on == D(2026, 10, 13)
    event = last_event("reconsideration_accept")
    assert (event.actor, event.from_state, event.to_state) == (None, "received", "accepted")


def test_a_supplied_correction_restarts_the_examination(w):
    case = register(w, received=D(2026, 9, 30))
    with on(D(2026, 10, 9)):
        services.case_request_correction(actor=w.legal, case=case, items=["身份证明"])
    with on(D(2026, 10, 23)), pytest.raises(DomainError):  # after the 10 days
        services.case_supply_correction(actor=w.legal, case=case)
    with on(D(2026, 10, 16)):
        case = services.case_supply_correction(actor=w.legal, case=case)
    # Supplied Friday 16 October: 19–23 October are the 5 working days.
    assert case.status == "received"
    assert case_clock(case, EXAMINATION, open_only=True).due_date == D(2026, 10, 23)
    event = last_event("reconsideration_supply_correction")
    assert (event.from_state, event.to_state) == ("correction", "received")


def test_refusal_needs_reasons_and_closes_the_case(w):
    case = register(w, received=D(2026, 9, 30))
    with on(D(2026, 10, 8)):
        with pytest.raises(services.ValidationError):
            services.case_refuse(actor=w.legal, case=case, reasons=" ")
        with pytest.raises(NotPermitted):
            services.case_refuse(actor=w.clerk, case=case, reasons="不属于受案范围")
        case = services.case_refuse(actor=w.legal, case=case, reasons="不属于行政复议受案范围")
    assert (case.status, case.closed_on) == ("refused", D(2026, 10, 8))
    event = last_event("reconsideration_refuse")
    assert (event.actor, event.from_state, event.to_state) == (w.legal, "received", "refused")
    with on(D(2026, 10, 8)), pytest.raises(IllegalTransition):
        services.case_accept(actor=w.legal, case=case)


# --- Review: respondent, decision, suspension, extension --------------------------------------


def test_acceptance_starts_the_send_and_decision_clocks_and_the_respondent_answers_in_10(w):
    case = register(w, received=D(2026, 9, 28))
    case = accept(w, case, day=D(2026, 9, 30))
    assert case.case_number == "多政复字〔2026〕1号"
    # 7 working days from Wednesday 30 September: 8, 9, 10, 12, 13, 14, 15 October.
    send = case_clock(case, SEND)
    assert (send.day_kind, send.due_date) == ("working", D(2026, 10, 15))
    # 60 calendar days: 1 in September, 31 in October (32), 28 in November: Saturday 28
    # November is not a working day, so the decision is due Monday 30 November.
    decision = case_clock(case, DECISION)
    assert (decision.day_kind, decision.limit_days, decision.max_extension_days) == (
        "calendar", 60, 30)  # fmt: skip
    assert decision.due_date == D(2026, 11, 30)
    event = last_event("reconsideration_accept")
    assert (event.actor, event.from_state, event.to_state) == (w.legal, "received", "accepted")
    with on(D(2026, 10, 15)):
        with pytest.raises(IllegalTransition):
            services.case_record_answer(actor=w.legal, case=case)
        case = services.case_send_to_respondent(actor=w.legal, case=case)
    # Sent Thursday 15 October: 16 (1), 19–23 (2–6), 26–29 October (7–10).
    answer = case_clock(case, ANSWER)
    assert (answer.due_date, answer.department) == (D(2026, 10, 29), w.bureau)
    assert case_clock(case, SEND).completed_on == D(2026, 10, 15)
    with on(D(2026, 10, 30)):
        case = services.case_record_answer(actor=w.legal, case=case, summary="答复书及证据12份")
    assert last_event("reconsideration_answer").detail["on_time"] is False
    with on(D(2026, 11, 10)):
        case = services.case_record_review(actor=w.legal, case=case, mode="hearing",
                                           note="公开听证")  # fmt: skip
        assert case.hearing_on == D(2026, 11, 10)
        with pytest.raises(services.ValidationError):
            services.case_decide(actor=w.legal, case=case, decision_type="nonsense")
        case = services.case_decide(actor=w.legal, case=case, decision_type="revoke",
                                    text="撤销被申请人作出的行政处罚决定")  # fmt: skip
    assert (case.status, case.closed_on, case.decision_type) == (
        "decided", D(2026, 11, 10), "revoke")  # fmt: skip
    assert case_clock(case, DECISION).completed_on == D(2026, 11, 10)
    event = last_event("reconsideration_decide")
    assert (event.from_state, event.to_state, event.detail["on_time"]) == (
        "accepted", "decided", True)  # fmt: skip
    with on(D(2026, 11, 10)), pytest.raises(IllegalTransition):
        services.case_withdraw(actor=w.legal, case=case)


def test_the_simplified_procedure_3_to_send_5_to_answer_30_to_decide_no_extension(w):
    case = register(w, received=D(2026, 9, 28))
    case = accept(w, case, day=D(2026, 9, 30), simplified=True)
    # 3 working days: 8, 9, Saturday 10 October; 30 calendar days: Friday 30 October.
    assert case_clock(case, SEND).due_date == D(2026, 10, 10)
    decision = case_clock(case, DECISION)
    assert (decision.limit_days, decision.due_date, decision.max_extension_days) == (
        30, D(2026, 10, 30), 0)  # fmt: skip
    with on(D(2026, 10, 10)):
        case = services.case_send_to_respondent(actor=w.legal, case=case)
    # 5 working days from Saturday 10 October: 12–16 October.
    assert case_clock(case, ANSWER).due_date == D(2026, 10, 16)
    with on(D(2026, 10, 12)), pytest.raises(DomainError) as refused:
        services.case_extend(actor=w.legal, case=case, days=10, reason="案情复杂")
    assert refused.value.code == "simplified_no_extension"


def test_a_suspension_stops_the_60_days_and_resumption_restarts_them(w):
    case = register(w, received=D(2026, 1, 28))
    case = accept(w, case, day=D(2026, 2, 2))
    # Accepted Monday 2 February: 26 days remain in February, 31 in March (57), so the 60th
    # day is Friday 3 April, a working day.
    assert case_clock(case, DECISION).due_date == D(2026, 4, 3)
    with on(D(2026, 3, 2)):
        with pytest.raises(services.ValidationError):
            services.case_suspend(actor=w.legal, case=case, ground="boredom")
        case = services.case_suspend(actor=w.legal, case=case, ground="other_case",
                                     note="等待法院民事判决")  # fmt: skip
    assert (case.status, case.suspension_ground) == ("suspended", "other_case")
    assert case_clock(case, DECISION).status == "suspended"
    suspension = case_clock(case, DECISION).suspensions.get()
    assert (suspension.reason, suspension.started_on) == ("suspension", D(2026, 3, 2))
    assert suspension.note.startswith(str(SuspensionGround("other_case").label))
    event = last_event("reconsideration_suspend")
    assert (event.from_state, event.to_state) == ("accepted", "suspended")
    with on(D(2026, 3, 5)), pytest.raises(IllegalTransition):  # no decision while suspended
        services.case_decide(actor=w.legal, case=case, decision_type="maintain")
    with on(D(2026, 3, 13)):
        case = services.case_resume(actor=w.legal, case=case)
    # Suspended from the day after 2 March to 13 March: 11 days excluded, 3 April + 11 =
    # Tuesday 14 April.
    assert case.status == "accepted"
    assert case_clock(case, DECISION).due_date == D(2026, 4, 14)
    event = last_event("reconsideration_resume")
    assert (event.from_state, event.to_state, event.detail["due"]) == (
        "suspended", "accepted", "2026-04-14")  # fmt: skip
    with on(D(2026, 3, 13)), pytest.raises(IllegalTransition):
        services.case_resume(actor=w.legal, case=case)


def test_the_extension_by_at_most_30_days_with_approval(w):
    case = register(w, received=D(2026, 1, 28))
    case = accept(w, case, day=D(2026, 2, 2))
    with on(D(2026, 3, 20)):
        with pytest.raises(services.ValidationError):
            services.case_extend(actor=w.legal, case=case, days=30, reason="")
        with pytest.raises(NotPermitted):
            services.case_extend(actor=w.legal, case=case, days=30, reason="案情复杂",
                                 approved_by=w.clerk)  # fmt: skip
        with pytest.raises(DomainError):
            services.case_extend(actor=w.legal, case=case, days=31, reason="案情复杂")
        case = services.case_extend(actor=w.legal, case=case, days=30, reason="案情复杂")
    # 3 April + 30 = Sunday 3 May, in the Labour Day holiday (1–5 May): due Wednesday 6 May.
    clock = case_clock(case, DECISION)
    assert (clock.extended_days, clock.due_date) == (30, D(2026, 5, 6))
    assert last_event("reconsideration_extend").detail["due"] == "2026-05-06"
    with on(D(2026, 3, 21)), pytest.raises(DomainError):  # nothing left to extend by
        services.case_extend(actor=w.legal, case=case, days=1, reason="再次延期")


def test_withdrawal_and_termination_close_every_clock(w):
    first = accept(w, register(w, received=D(2026, 9, 28)), day=D(2026, 9, 30))
    with on(D(2026, 10, 9)):
        first = services.case_withdraw(actor=w.legal, case=first, reason="双方和解，申请人撤回")
    assert (first.status, first.closed_on) == ("withdrawn", D(2026, 10, 9))
    assert case_clock(first, DECISION).status == "completed"
    assert case_clock(first, SEND).status == "completed"
    second = accept(w, register(w, received=D(2026, 9, 28)), day=D(2026, 9, 30))
    with on(D(2026, 10, 9)):
        services.case_suspend(actor=w.legal, case=second, ground="death")
        with pytest.raises(services.ValidationError):
            services.case_terminate(actor=w.legal, case=second, ground="x")
        second = services.case_terminate(actor=w.legal, case=second, ground="no_heir")
    assert (second.status, second.termination_ground) == ("terminated", "no_heir")
    event = last_event("reconsideration_terminate")
    assert (event.from_state, event.to_state) == ("suspended", "terminated")


# --- Incidental review of a normative document -------------------------------------------------


def test_the_incidental_review_handled_in_30_days_or_transferred_in_7_working_days(w):
    case = register(w, received=D(2026, 9, 28),
                    normative_document_text="多伦县城区建筑垃圾处置管理规定")  # fmt: skip
    assert case.has_document_review
    case = accept(w, case, day=D(2026, 9, 30))
    clock = case_clock(case, DOCUMENT_REVIEW)
    # 30 calendar days from 30 September: Friday 30 October; the transfer: 7 working days,
    # Thursday 15 October.
    assert (clock.day_kind, clock.due_date) == ("calendar", D(2026, 10, 30))
    assert services.transfer_due_on(case) == D(2026, 10, 15)
    with on(D(2026, 10, 16)):
        with pytest.raises(DomainError) as pending:
            services.case_decide(actor=w.legal, case=case, decision_type="maintain")
        assert pending.value.code == "document_review_pending"
        with pytest.raises(services.ValidationError):
            services.case_review_document(actor=w.legal, case=case, outcome="transferred")
        case = services.case_review_document(actor=w.legal, case=case, outcome="transferred",
                                             to="锡林郭勒盟行政公署")  # fmt: skip
    assert last_event("reconsideration_document_review").detail["late"] is True  # after the 15th
    assert case_clock(case, DOCUMENT_REVIEW).completed_on == D(2026, 10, 16)
    with on(D(2026, 10, 16)):
        case = services.case_decide(actor=w.legal, case=case, decision_type="maintain")
    assert case.status == "decided"
    plain = accept(w, register(w, received=D(2026, 9, 28)), day=D(2026, 9, 30))
    with on(D(2026, 10, 9)), pytest.raises(IllegalTransition):
        services.case_review_document(actor=w.legal, case=plain, outcome="lawful")


# --- Litigation ----------------------------------------------------------------------------------


def test_a_suit_answer_due_15_days_after_service_hearing_judgment_and_appeal(w):
    # Served Friday 18 September: the 15th day is Saturday 3 October, in the holiday: due
    # Thursday 8 October.
    with on(D(2026, 9, 18)):
        suit = services.litigation_register(
            actor=w.legal, defendant=w.bureau, plaintiff="多伦县某建筑公司",
            court="多伦县人民法院", court_number="(2026)内2531行初5号",
            contested_act="责令限期拆除决定", filed_on=D(2026, 9, 15), served_on=D(2026, 9, 18),
        )  # fmt: skip
        with pytest.raises(services.ValidationError) as dup:
            services.litigation_register(
                actor=w.legal,
                defendant=w.bureau,
                plaintiff="x",
                court="多伦县人民法院",
                court_number="(2026)内2531行初5号",
                contested_act="y",
                filed_on=D(2026, 9, 15),
            )
        assert "court_number" in dup.value.error_dict
        with pytest.raises(NotPermitted):
            services.litigation_register(
                actor=w.outsider,
                defendant=w.bureau,
                plaintiff="x",
                court="c",
                court_number="n",
                contested_act="y",
                filed_on=D(2026, 9, 15),
            )
    clock = case_clock(suit, LITIGATION_ANSWER)
    assert (clock.day_kind, clock.due_date, clock.department) == (
        "calendar", D(2026, 10, 8), w.bureau)  # fmt: skip
    assert last_event("litigation_register").to_state == "filed"
    with on(D(2026, 9, 30)):  # the defendant's own staff record its suit's steps
        suit = services.litigation_record_answer(actor=w.clerk, case=suit)
    assert case_clock(suit, LITIGATION_ANSWER).completed_on == D(2026, 9, 30)
    with on(D(2026, 10, 20)):
        with pytest.raises(services.ValidationError):
            services.litigation_record_hearing(actor=w.legal, case=suit, held_on=D(2026, 10, 20),
                                               head_appeared=True)  # fmt: skip
        services.litigation_record_hearing(actor=w.legal, case=suit, held_on=D(2026, 10, 20),
                                           head_appeared=True, head_name="刘洋",
                                           head_post="局长")  # fmt: skip
    assert suit.head_appeared
    with on(D(2026, 11, 5)):
        suit = services.litigation_record_judgment(actor=w.legal, case=suit, result="maintain")
    assert (suit.status, suit.final_result, suit.concluded_on) == (
        "judged", "maintain", D(2026, 11, 5))  # fmt: skip
    with on(D(2026, 11, 15)):
        suit = services.litigation_appeal(actor=w.legal, case=suit, court="锡林郭勒盟中级人民法院")
    assert (suit.status, suit.final_result, suit.concluded_on) == ("appealed", "", None)
    with on(D(2026, 12, 20)):
        with pytest.raises(services.ValidationError):
            services.litigation_record_appeal_result(actor=w.legal, case=suit, result="revised")
        suit = services.litigation_record_appeal_result(
            actor=w.legal, case=suit, result="revised", final_result="revoke"
        )
    assert (suit.status, suit.final_result, suit.concluded_on) == (
        "concluded", "revoke", D(2026, 12, 20))  # fmt: skip
    event = last_event("litigation_appeal_result")
    assert (event.from_state, event.to_state) == ("appealed", "concluded")
    with on(D(2026, 12, 20)), pytest.raises(IllegalTransition):
        services.litigation_appeal(actor=w.legal, case=suit, court="x")
    assert LitigationCase.objects.count() == 1 and ReconsiderationCase.objects.count() == 0
    assert Applicant.objects.count() == 0


def test_an_incidental_review_names_a_document_of_the_registry(w):
    from tests.factories import DepartmentFactory
    from tests.rulemaking.factories import World as RulemakingWorld
    from tests.rulemaking.factories import publish
    from zhengwu.org.models import Department

    government = DepartmentFactory(division=w.county, code="zf", name="多伦县人民政府",
                                   kind=Department.Kind.GOVERNMENT)  # fmt: skip
    document = publish(RulemakingWorld(
        county=w.county, government=government, legal_office=w.legal_office, drafting=w.bureau,
        legal=w.legal, drafter=w.clerk, outsider=w.outsider, supervisor=w.supervisor,
    ), on=D(2026, 3, 2), title="多伦县城区停车场管理办法")  # fmt: skip
    case = register(
        w,
        received=D(2026, 9, 28),
        normative_document=document,
        normative_document_text="ignored when the document is in the registry",
    )
    assert case.normative_document == document and case.normative_document_text == ""
    assert case.has_document_review and "停车场" in case.document_label
    assert list(document.reconsideration_cases.all()) == [case]


def test_handled_by_the_office_the_document_s_maker_is_notified_in_3_and_answers_in_10(w):
    case = register(w, received=D(2026, 9, 28), normative_document_text="多伦县某管理办法")
    case = accept(w, case, day=D(2026, 9, 30))
    with on(D(2026, 10, 9)):
        case = services.case_suspend(actor=w.legal, case=case, ground="document_review")
    with on(D(2026, 10, 14)):
        case = services.case_notify_drafter(actor=w.legal, case=case)
        with pytest.raises(IllegalTransition):
            services.case_notify_drafter(actor=w.legal, case=case)
    # Suspended Friday 9 October: the notice was due within 3 working days — Saturday 10
    # (worked), Monday 12, Tuesday 13 October — so the notice of the 14th is late.
    assert last_event("reconsideration_notify_drafter").detail["late"] is True
    # The answer: 10 working days from Wednesday 14 October: 15, 16, 19–23, 26, 27, 28.
    clock = case_clock(case, services.DRAFTER_ANSWER)
    assert (clock.day_kind, clock.due_date) == ("working", D(2026, 10, 28))
    with on(D(2026, 10, 27)):
        case = services.case_record_drafter_answer(actor=w.legal, case=case, note="书面答复")
        with pytest.raises(IllegalTransition):
            services.case_record_drafter_answer(actor=w.legal, case=case)
    assert last_event("reconsideration_drafter_answer").detail["on_time"] is True
    assert case_clock(case, services.DRAFTER_ANSWER).completed_on == D(2026, 10, 27)
    with on(D(2026, 10, 28)):
        case = services.case_review_document(actor=w.legal, case=case, outcome="lawful")
        case = services.case_resume(actor=w.legal, case=case)
        case = services.case_decide(actor=w.legal, case=case, decision_type="maintain")
    assert case.status == "decided"


def test_a_simplified_case_converted_to_the_ordinary_procedure_keeps_its_suspensions(w):
    case = accept(w, register(w, received=D(2026, 1, 28)), day=D(2026, 2, 2), simplified=True)
    # 30 days from Monday 2 February: Wednesday 4 March.
    assert case_clock(case, DECISION).due_date == D(2026, 3, 4)
    with on(D(2026, 2, 10)):
        services.case_suspend(actor=w.legal, case=case, ground="force_majeure")
    with on(D(2026, 2, 13)):
        case = services.case_resume(actor=w.legal, case=case)
    with on(D(2026, 2, 20)):
        with pytest.raises(services.ValidationError):
            services.case_convert_to_ordinary(actor=w.legal, case=case, reason="")
        case = services.case_convert_to_ordinary(actor=w.legal, case=case,
                                                 reason="案情复杂，争议较大")  # fmt: skip
        with pytest.raises(IllegalTransition):
            services.case_convert_to_ordinary(actor=w.legal, case=case, reason="再次")
    # 60 days from 2 February is Friday 3 April; the 3 days suspended (11–13 February) move it
    # to Monday 6 April, in the Tomb-sweeping holiday (4–6 April): due Tuesday 7 April.
    clock = case_clock(case, DECISION, open_only=True)
    assert (clock.limit_days, clock.suspended_days, clock.max_extension_days) == (60, 3, 30)
    assert clock.due_date == D(2026, 4, 7) and not case.simplified
    event = last_event("reconsideration_convert")
    assert (event.actor, event.detail["due"]) == (w.legal, "2026-04-07")
    with on(D(2026, 2, 20)):
        services.case_extend(actor=w.legal, case=case, days=10, reason="需要鉴定")

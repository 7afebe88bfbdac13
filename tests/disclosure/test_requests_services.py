"""The services of disclosure requests: receipt, correction, extension, consultation, reply and
withdrawal, with every clock rule on dates worked out by hand on the official calendar (see
``requests_world``: received Wed 30 Sep 2026 → correction asked by Thu 15 Oct, reply by Tue
3 Nov)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from tests.disclosure.requests_world import (
    ID_NUMBER,
    RECEIVED,
    apply_online,
    build_world,
    on,
    organisation_data,
    person_data,
    receive,
)
from zhengwu.cases.models import Notification
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.disclosure.models import Consultation, DisclosureRequest, RequestCorrection
from zhengwu.disclosure.requests import services
from zhengwu.disclosure.requests.services import CORRECTION_WINDOW, REPLY, request_clock
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def w():
    return build_world()


def reply_clock(request, open_only=False):
    return request_clock(request, REPLY, open_only=open_only)


def last_event(action):
    return AuditEvent.objects.filter(action=action).latest("pk")


# --- Receipt ------------------------------------------------------------------------------------


def test_an_application_taken_in_person_is_received_that_day_and_its_clocks_start(w):
    request = receive(w)
    assert request.number == "YSQ20260001"
    assert (request.status, request.received_on, request.channel) == (
        "received",
        RECEIVED,
        "in_person",
    )
    assert request.division == w.county and request.entered_by == w.officer
    # The applicant's account is found by the ID number on the application.
    assert request.applicant_user == w.citizen
    assert reply_clock(request).due_date == D(2026, 11, 3)
    assert request_clock(request, CORRECTION_WINDOW).due_date == D(2026, 10, 15)
    second = receive(w, data=organisation_data())
    assert second.number == "YSQ20260002" and second.applicant_user == w.company
    event = last_event("request_submit")
    assert (event.actor, event.to_state, event.detail["received_on"]) == (
        w.officer,
        "received",
        "2026-09-30",
    )
    assert Notification.objects.filter(recipient=w.citizen, event="disclosure.received").exists()


def test_an_online_application_is_received_on_the_day_the_office_confirms_it(w):
    submission = apply_online(w, day=D(2026, 9, 29))
    request = submission.request
    assert submission.query_code and len(submission.query_code) == 8
    assert request.query_digest != submission.query_code  # only the digest is stored
    assert (request.status, request.received_on, request.applicant_user) == (
        "submitted",
        None,
        w.citizen,
    )
    assert reply_clock(request) is None
    with on(D(2026, 9, 30)), pytest.raises(NotPermitted):
        services.request_confirm_receipt(actor=w.other_head, request=request)
    with on(D(2026, 10, 8)):
        services.request_confirm_receipt(actor=w.officer, request=request, on=RECEIVED)
    request.refresh_from_db()
    assert (request.status, request.received_on) == ("received", RECEIVED)
    assert reply_clock(request).due_date == D(2026, 11, 3)
    event = last_event("request_confirm_receipt")
    assert (event.from_state, event.to_state, event.actor) == ("submitted", "received", w.officer)
    with on(D(2026, 10, 8)), pytest.raises(IllegalTransition):
        services.request_confirm_receipt(actor=w.officer, request=request)


def test_a_retried_submission_returns_the_first_request(w):
    with on(RECEIVED):
        first = services.request_submit(
            actor=None, department=w.bureau, data=person_data(), idempotency_key="abc"
        )
        again = services.request_submit(
            actor=None, department=w.bureau, data=person_data(), idempotency_key="abc"
        )
    assert first.created and not again.created and again.query_code is None
    assert again.request.pk == first.request.pk
    assert DisclosureRequest.objects.count() == 1
    assert first.request.applicant_user is None  # made without an account


def test_the_application_is_checked_field_by_field(w):
    wrong = ID_NUMBER[:-1] + ("1" if ID_NUMBER[-1] != "1" else "2")
    bad = person_data(
        id_number=wrong, phone="12345", postcode="0273", description="", provision_form="fax"
    )
    with on(RECEIVED), pytest.raises(ValidationError) as refused:
        services.request_submit(actor=w.citizen, department=w.bureau, data=bad)
    assert set(refused.value.message_dict) == {
        "id_number",
        "phone",
        "postcode",
        "description",
        "provision_form",
    }
    company = organisation_data(
        credit_code="", contact_person="", obtaining_method="email", email=""
    )
    with on(RECEIVED), pytest.raises(ValidationError) as refused:
        services.request_submit(actor=None, department=w.bureau, data=company)
    assert set(refused.value.message_dict) == {"credit_code", "contact_person", "email"}
    # Staff enter what arrives at the office; applicants cannot back-date receipt.
    with on(RECEIVED), pytest.raises(NotPermitted):
        services.request_submit(
            actor=w.citizen,
            department=w.bureau,
            data=person_data(),
            channel="post",
            received_on=RECEIVED,
        )
    assert not DisclosureRequest.objects.exists()


def test_a_landline_and_a_mobile_are_both_telephone_numbers(w):
    request = receive(w, data=organisation_data(phone="(0479) 452 2123 转 801"))
    assert request.phone == "0479-4522123-801"
    other = receive(w, data=person_data(phone="+86 139 0479 1234"))
    assert other.phone == "13904791234"


# --- Correction (art. 30) -----------------------------------------------------------------------


def test_a_correction_is_asked_once_within_7_working_days(w):
    late = receive(w)
    # Fri 16 Oct is the 8th working day after 30 Sep: too late.
    with on(D(2026, 10, 16)), pytest.raises(DomainError) as refused:
        services.request_ask_correction(actor=w.officer, request=late, items=["请明确文件名称"])
    assert refused.value.code == "correction_window_passed"
    assert "2026-10-15" in str(refused.value.message)
    # Thu 15 Oct, the 7th working day, is still in time; 15 working days to correct: 16, 19–23,
    # 26–30 Oct, 2–5 Nov → Thu 5 Nov.
    with on(D(2026, 10, 15)):
        notice = services.request_ask_correction(
            actor=w.officer, request=late, items=["请明确文件名称", "请说明所涉小区"]
        )
    assert (notice.issued_on, notice.period_days, notice.due_on) == (
        D(2026, 10, 15),
        15,
        D(2026, 11, 5),
    )
    late.refresh_from_db()
    assert (late.status, late.correction_due_on) == ("correction", D(2026, 11, 5))
    event = last_event("request_ask_correction")
    assert (event.from_state, event.to_state, event.actor) == ("received", "correction", w.officer)
    assert reply_clock(late).status == Clock.Status.SUSPENDED
    assert request_clock(late, CORRECTION_WINDOW, open_only=False).completed_on == D(2026, 10, 15)
    # Only once: a second notice is refused with a message a clerk can read.
    with on(D(2026, 10, 15)), pytest.raises(DomainError) as again:
        services.request_ask_correction(actor=w.officer, request=late, items=["身份证明"])
    assert again.value.code == "correction_once"
    assert RequestCorrection.objects.count() == 1


def test_the_correction_period_is_a_setting(w, settings):
    settings.ZHENGWU_DISCLOSURE_CORRECTION_DAYS = 5
    request = receive(w)
    # 5 working days after Mon 12 Oct: 13, 14, 15, 16, 19 → Mon 19 Oct.
    with on(D(2026, 10, 12)):
        notice = services.request_ask_correction(actor=w.officer, request=request, items=["x"])
    assert notice.due_on == D(2026, 10, 19)
    with on(D(2026, 10, 12)), pytest.raises(ValidationError) as refused:
        services.request_ask_correction(
            actor=w.officer, request=receive(w), items=[" "], period_days=0
        )
    assert set(refused.value.message_dict) == {"items", "period_days"}


def test_the_reply_period_restarts_from_the_corrected_application(w):
    request = receive(w)
    with on(D(2026, 10, 12)):
        services.request_ask_correction(actor=w.officer, request=request, items=["请明确年份"])
    # Corrected online by the applicant on Fri 23 Oct: 20 working days after it are 26–30 Oct
    # (5), 2–6 Nov (10), 9–13 Nov (15), 16–20 Nov (20) → Fri 20 Nov.
    with on(D(2026, 10, 23)):
        services.request_supply_correction(
            actor=w.citizen, request=request, description="2026年老旧小区改造实施方案（第一批）"
        )
    request.refresh_from_db()
    assert (request.status, request.corrected_on) == ("in_process", D(2026, 10, 23))
    assert request.description == "2026年老旧小区改造实施方案（第一批）"
    assert reply_clock(request).due_date == D(2026, 11, 20)
    first, second = Clock.objects.filter(purpose=REPLY).order_by("id")
    assert (first.status, first.completed_on) == ("completed", D(2026, 10, 23))
    assert (second.started_on, second.status) == (D(2026, 10, 23), "running")
    assert RequestCorrection.objects.get().answered_on == D(2026, 10, 23)
    event = last_event("request_supply_correction")
    assert event.detail["original_description"].startswith("2026年多伦县城区")


def test_no_correction_in_time_means_the_application_is_abandoned(w):
    request = receive(w)
    other = receive(w)
    with on(D(2026, 10, 12)):
        # Due Mon 2 Nov (15 working days after 12 Oct: 13–16, 19–23, 26–30 Oct, 2 Nov).
        services.request_ask_correction(actor=w.officer, request=request, items=["请明确年份"])
    # On the last day of the period nothing happens.
    with on(D(2026, 11, 2)):
        assert services.requests_abandon_expired() == []
    request.refresh_from_db()
    assert request.status == "correction"
    # The day after the period, the periodic job regards it as abandoned.
    with on(D(2026, 11, 3)):
        assert services.requests_abandon_expired() == [request.number]
        assert services.requests_abandon_expired() == []
    request.refresh_from_db()
    assert (request.status, request.outcome, request.sub_ground, request.concluded_on) == (
        "abandoned",
        "other",
        1,
        D(2026, 11, 3),
    )
    assert request_clock(request, REPLY) is None  # closed
    assert RequestCorrection.objects.get().lapsed_on == D(2026, 11, 3)
    event = last_event("request_abandon")
    assert (event.actor, event.from_state, event.to_state) == (None, "correction", "abandoned")
    other.refresh_from_db()
    assert other.status == "received"
    # A correction arriving too late is refused; so is replying "abandoned" by hand.
    with on(D(2026, 11, 3)), pytest.raises(IllegalTransition):
        services.request_supply_correction(actor=w.citizen, request=request, description="x")
    with on(D(2026, 11, 3)), pytest.raises(ValidationError) as refused:
        services.request_reply(
            actor=w.officer, request=other, outcome="other", sub_ground=1, text="x"
        )
    assert "outcome" in refused.value.message_dict


def test_a_correction_after_its_period_is_refused(w):
    request = receive(w)
    with on(D(2026, 10, 12)):
        services.request_ask_correction(actor=w.officer, request=request, items=["年份"])
    with on(D(2026, 11, 3)), pytest.raises(DomainError) as refused:
        services.request_supply_correction(actor=w.officer, request=request, note="当面补正")
    assert refused.value.code == "correction_period_passed"


# --- Extension (art. 33) ------------------------------------------------------------------------


def test_the_reply_period_is_extended_once_by_at_most_20_working_days_by_a_head(w):
    request = receive(w)
    with on(D(2026, 10, 20)):
        with pytest.raises(DomainError) as too_long:
            services.request_extend(actor=w.head, request=request, days=21, reason="需调档")
        assert too_long.value.code == "extension_exceeds_limit"
        for approver in (w.reviewer, w.other_head, w.officer):
            with pytest.raises(NotPermitted):
                services.request_extend(
                    actor=w.officer, approved_by=approver, request=request, days=10, reason="需调档"
                )
        with pytest.raises(ValidationError):
            services.request_extend(actor=w.head, request=request, days=10, reason=" ")
        # The officer records the head's approval: 20 working days after Tue 3 Nov are 4–6 Nov
        # (3), 9–13 (8), 16–20 (13), 23–27 (18), 30 Nov (19), 1 Dec (20) → Tue 1 Dec.
        clock = services.request_extend(
            actor=w.officer, approved_by=w.head, request=request, days=20, reason="涉及档案调取"
        )
        assert clock.due_date == D(2026, 12, 1)
        with pytest.raises(DomainError) as again:
            services.request_extend(actor=w.head, request=request, days=1, reason="再延")
        assert again.value.code == "extension_once"
    assert clock.extensions.get().approved_by == w.head
    event = last_event("request_extend")
    assert (event.actor, event.detail["approved_by"], event.reason) == (
        w.officer,
        w.head.pk,
        "涉及档案调取",
    )
    note = Notification.objects.get(recipient=w.citizen, event="disclosure.extended")
    assert "2026-12-01" in note.body


def test_an_overdue_reply_period_cannot_be_extended(w):
    request = receive(w)
    with on(D(2026, 11, 4)), pytest.raises(DomainError) as refused:
        services.request_extend(actor=w.head, request=request, days=5, reason="来不及")
    assert refused.value.code == "extension_too_late"


# --- Consultation (arts. 32, 33) ----------------------------------------------------------------


def test_a_third_party_consultation_is_not_counted_in_the_reply_period(w):
    request = receive(w)
    with on(D(2026, 10, 8)):
        services.request_accept(actor=w.reviewer, request=request)
    # Sent Fri 9 Oct: the third party has 15 working days, 10 (Sat), 12–16, 19–23, 26–29 Oct →
    # Thu 29 Oct.
    with on(D(2026, 10, 9)):
        consultation = services.request_consult(
            actor=w.officer, request=request, kind="third_party", party="多伦县草原乳业有限公司"
        )
    assert consultation.due_on == D(2026, 10, 29)
    request.refresh_from_db()
    assert request.status == "consultation"
    assert reply_clock(request).status == Clock.Status.SUSPENDED
    with on(D(2026, 10, 20)), pytest.raises(IllegalTransition):
        services.request_reply(actor=w.officer, request=request, outcome="disclosed", text="x")
    # Answered Wed 21 Oct: 9 working days (10, 12–16, 19–21 Oct) are not counted, so the
    # reply is due 9 working days after 3 Nov: 4–6, 9–13, 16 Nov → Mon 16 Nov.
    with on(D(2026, 10, 21)):
        services.request_consultation_answered(
            actor=w.officer, consultation=consultation, answer="同意公开"
        )
    request.refresh_from_db()
    clock = reply_clock(request)
    assert (request.status, clock.status, clock.due_date) == (
        "in_process",
        "running",
        D(2026, 11, 16),
    )
    suspension = clock.suspensions.get()
    assert (suspension.reason, suspension.excluded_days) == ("third_party", 9)


def test_an_unanswered_third_party_holds_the_clock_for_15_working_days_only(w):
    request = receive(w)
    with on(D(2026, 10, 9)):
        consultation = services.request_consult(
            actor=w.officer, request=request, kind="third_party", party="第三方"
        )
    with on(D(2026, 10, 29)):
        assert services.consultations_expire() == []
    # The day after its 15 working days the clock runs again from 29 Oct: the reply is due 15
    # working days after 3 Nov: 4–6, 9–13, 16–20, 23, 24 Nov → Tue 24 Nov.
    with on(D(2026, 10, 30)):
        assert services.requests_sweep() == {
            "consultations_lapsed": [consultation.pk],
            "abandoned": [],
        }
    consultation.refresh_from_db()
    request.refresh_from_db()
    assert consultation.lapsed_on == D(2026, 10, 29) and request.status == "in_process"
    assert reply_clock(request).due_date == D(2026, 11, 24)


def test_a_co_authoring_body_is_consulted_without_a_fixed_period(w):
    request = receive(w)
    with on(D(2026, 10, 9)):
        consultation = services.request_consult(
            actor=w.officer, request=request, kind="co_author", party="多伦县财政局"
        )
        second = services.request_consult(
            actor=w.officer, request=request, kind="third_party", party="某公司"
        )
    assert consultation.due_on is None
    assert reply_clock(request).suspensions.get().reason == "other"
    # The clock stays stopped until both have answered; the later answer ends the exclusion.
    with on(D(2026, 10, 12)):
        services.request_consultation_answered(
            actor=w.officer, consultation=second, answer="不同意公开"
        )
    assert reply_clock(request).status == Clock.Status.SUSPENDED
    with on(D(2026, 10, 14)):
        services.request_consultation_answered(
            actor=w.officer, consultation=consultation, answer="无意见"
        )
    # Excluded 10, 12, 13, 14 Oct (4 working days): 4 after 3 Nov → Mon 9 Nov.
    assert reply_clock(request).due_date == D(2026, 11, 9)
    with on(D(2026, 10, 14)), pytest.raises(IllegalTransition):
        services.request_consultation_answered(
            actor=w.officer, consultation=consultation, answer="again"
        )


# --- Reply, withdrawal ----------------------------------------------------------------------


def test_the_reply_generates_the_written_reply_and_closes_the_clocks(w):
    request = receive(w)
    with on(D(2026, 10, 20)):
        services.request_reply(
            actor=w.officer,
            request=request,
            outcome="withheld",
            sub_ground=4,
            text="该信息涉及第三方商业秘密，经征求意见，第三方不同意公开。",
        )
    request.refresh_from_db()
    assert (request.status, request.outcome, request.sub_ground) == ("replied", "withheld", 4)
    assert (request.replied_on, request.concluded_on, request.replied_by) == (
        D(2026, 10, 20),
        D(2026, 10, 20),
        w.officer,
    )
    assert request.legal_basis == "《中华人民共和国政府信息公开条例》第十五条"
    clock = reply_clock(request)
    assert (clock.status, clock.completed_on) == ("completed", D(2026, 10, 20))
    assert request_clock(request, CORRECTION_WINDOW, open_only=False).status == "completed"

    document = Document(io.BytesIO(request.reply_document.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert w.bureau.name in text and request.number in text and "马丽：" in text
    assert "本机关于2026年9月30日收到您提出的政府信息公开申请" in text
    assert "公开会对第三方合法权益造成损害，本机关决定不予公开" in text
    assert "该信息涉及第三方商业秘密" in text
    assert "第十五条" in text
    assert "六十日内向多伦县人民政府申请行政复议" in text and "六个月内" in text
    assert "2026年10月20日" in text and "（印章）" in text

    event = last_event("request_reply")
    assert (event.from_state, event.to_state, event.actor) == ("received", "replied", w.officer)
    assert Notification.objects.filter(recipient=w.citizen, event="disclosure.replied").exists()
    with on(D(2026, 10, 20)), pytest.raises(IllegalTransition):
        services.request_withdraw(actor=w.citizen, request=request)


def test_the_outcome_and_its_ground_must_go_together(w):
    request = receive(w)
    with on(D(2026, 10, 20)):
        for outcome, ground in [
            ("withheld", None),
            ("withheld", 9),
            ("disclosed", 1),
            ("unavailable", 3),
            ("bogus", None),
        ]:
            with pytest.raises(ValidationError) as refused:
                services.request_reply(
                    actor=w.officer, request=request, outcome=outcome, sub_ground=ground, text="x"
                )
            assert "outcome" in refused.value.message_dict
        with pytest.raises(ValidationError) as no_text:
            services.request_reply(actor=w.officer, request=request, outcome="disclosed", text="")
        assert "text" in no_text.value.message_dict
        with pytest.raises(NotPermitted):
            services.request_reply(
                actor=w.other_head, request=request, outcome="disclosed", text="x"
            )
    request.refresh_from_db()
    assert request.status == "received"


def test_a_withdrawal_is_counted_as_other_processing(w):
    request = receive(w)
    with on(D(2026, 10, 9)):
        services.request_withdraw(actor=w.citizen, request=request, reason="已通过其他途径获取")
        with pytest.raises(NotPermitted):
            services.request_withdraw(actor=w.other_citizen, request=receive(w))
    request.refresh_from_db()
    assert (request.status, request.outcome, request.sub_ground, request.concluded_on) == (
        "withdrawn",
        "other",
        3,
        D(2026, 10, 9),
    )
    assert not Clock.objects.filter(owner_id=str(request.pk)).exclude(status="completed").exists()
    # Withdrawn before the office confirmed it, an online application was never received.
    online = apply_online(w).request
    with on(RECEIVED):
        services.request_withdraw(actor=w.citizen, request=online)
    online.refresh_from_db()
    assert (online.status, online.received_on) == ("withdrawn", None)


def test_a_consultation_needs_a_party_and_the_transitions_are_checked(w):
    request = receive(w)
    with on(D(2026, 10, 9)):
        with pytest.raises(ValidationError) as refused:
            services.request_consult(actor=w.officer, request=request, kind="x", party=" ")
        assert set(refused.value.message_dict) == {"kind", "party"}
        services.request_accept(actor=w.officer, request=request)
        with pytest.raises(IllegalTransition):
            services.request_accept(actor=w.officer, request=request)
    assert Consultation.objects.count() == 0
    event = last_event("request_accept")
    assert (event.from_state, event.to_state) == ("received", "in_process")


def test_the_database_keeps_outcomes_and_sub_grounds_together(w):
    from django.db import IntegrityError, transaction

    request = receive(w)
    for changes in [
        {"status": "replied"},  # a replied request without an outcome
        {"outcome": "withheld", "sub_ground": None},  # an outcome without its sub-ground
        {"outcome": "disclosed", "sub_ground": 2},  # a sub-ground of no outcome
        {"outcome": "other", "sub_ground": 4},  # out of range
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            DisclosureRequest.objects.filter(pk=request.pk).update(**changes)

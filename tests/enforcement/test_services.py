"""The services of the enforcement registry: bodies, certificates, case files on their clocks,
major-penalty filings and the evaluation campaign, with dates worked out by hand on the 2026
official calendar (National Day 1–7 October off, Saturday 10 October worked)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from tests.enforcement.world import (
    CertificateFactory,
    OfficialFactory,
    build_world,
    certified,
    decide,
    file_case,
    on,
)
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.enforcement import services
from zhengwu.enforcement.models import (
    CaseFile,
    Certificate,
    CertificateApplication,
    EnforcementBody,
    Evaluation,
    LawExamResult,
    MajorPenaltyFiling,
)
from zhengwu.enforcement.services import DECISION, FILING, SERVICE, case_clock
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def w():
    return build_world()


def last_event(action):
    return AuditEvent.objects.filter(action=action).latest("pk")


# --- Bodies and batches -------------------------------------------------------------------------


def test_an_entrusted_body_names_its_agency_document_and_period_field_by_field(w):
    with pytest.raises(DomainError) as refused:
        services.body_register(actor=w.legal, department=w.squad, standing="entrusted")
    assert set(refused.value.params["errors"]) == {
        "entrusting_body",
        "entrustment_document",
        "entrusted_to",
    }
    with pytest.raises(DomainError) as refused:
        services.body_register(
            actor=w.legal,
            department=w.squad,
            standing="entrusted",
            entrusting_body=w.bureau,
            entrustment_document="多住建委〔2012〕3号",
            entrusted_from=D(2012, 6, 1),
            entrusted_to=D(2012, 5, 1),
        )
    assert set(refused.value.params["errors"]) == {"entrusted_to"}
    body = services.body_register(
        actor=w.legal,
        department=w.squad,
        standing="entrusted",
        entrusting_body=w.bureau,
        entrustment_document="多住建委〔2012〕3号",
        entrusted_from=D(2012, 6, 1),
        entrusted_to=D(2017, 5, 31),
    )
    assert (body.status, body.entrusting_body, body.division) == ("pending", w.bureau, w.county)
    event = last_event("enforcement_body_create")
    assert (event.actor, event.to_state) == (w.legal, "pending")


def test_a_body_is_confirmed_in_a_batch_once_and_revoked_with_a_reason(w):
    body = services.body_register(actor=w.legal, department=w.squad, standing="authorised")
    with pytest.raises(NotPermitted):
        services.body_confirm(actor=w.handler, body=body, batch=w.batch)
    body = services.body_confirm(actor=w.legal, body=body, batch=w.batch)
    assert (body.status, body.batch, body.confirmed_on) == ("confirmed", w.batch, D(2012, 6, 1))
    event = last_event("enforcement_body_confirm")
    assert (event.actor, event.from_state, event.to_state) == (w.legal, "pending", "confirmed")
    with pytest.raises(IllegalTransition):
        services.body_confirm(actor=w.legal, body=body, batch=w.batch)
    with on(D(2026, 3, 1)):
        with pytest.raises(DomainError):
            services.body_revoke(actor=w.legal, body=body, reason=" ")
        body = services.body_revoke(actor=w.legal, body=body, reason="机构撤并")
    assert (body.status, body.revoked_on) == ("revoked", D(2026, 3, 1))
    event = last_event("enforcement_body_revoke")
    assert (event.from_state, event.to_state, event.reason) == ("confirmed", "revoked", "机构撤并")
    with pytest.raises(IllegalTransition):
        services.body_confirm(actor=w.legal, body=body, batch=w.batch)


def test_a_batch_needs_its_document_and_a_free_number(w):
    with pytest.raises(DomainError):
        services.batch_create(
            actor=w.legal, division=w.county, number=2, approved_on=D(2013, 5, 1), document=""
        )
    with pytest.raises(DomainError):
        services.batch_create(
            actor=w.legal,
            division=w.county,
            number=1,
            approved_on=D(2013, 5, 1),
            document="多政发〔2013〕8号",
        )
    batch = services.batch_create(
        actor=w.legal,
        division=w.county,
        number=2,
        approved_on=D(2013, 5, 1),
        document="多政发〔2013〕8号",
    )
    assert str(batch.number) == "2"


# --- Certificates -------------------------------------------------------------------------------


APPLIED = D(2026, 12, 3)


def apply(w, official, *, day=APPLIED, number="15253199990001"):
    with on(day):
        return services.certificate_apply(
            actor=w.legal,
            official=official,
            number=number,
            issuing_authority="内蒙古自治区人民政府",
            area="多伦县行政区域",
            valid_to=D(2029, 12, 31),
        )


def test_an_official_not_on_the_establishment_is_refused_with_that_reason(w):
    official = OfficialFactory(body=w.body, on_establishment=False)
    LawExamResult.objects.create(official=official, taken_on=D(2026, 6, 1), passed=True)
    with translation.override("en"), pytest.raises(services.CertificateRefused) as refused:
        apply(w, official)
    assert "not on the establishment" in refused.value.message
    assert refused.value.params["reasons"] == ["not_on_establishment"]
    # The refusal is kept: in the registry and, with its reason, in the audit trail.
    application = CertificateApplication.objects.get(official=official)
    assert (application.status, application.reasons) == ("refused", ["not_on_establishment"])
    event = last_event("enforcement_certificate_apply")
    assert (event.actor, event.to_state) == (w.legal, "refused")
    assert "not on the establishment" in event.reason
    assert not Certificate.objects.filter(official=official).exists()
    with translation.override("zh-hans"), pytest.raises(services.CertificateRefused) as again:
        apply(w, official)
    assert "不在编" in again.value.message


def test_the_law_exam_counts_for_three_years_and_a_sanction_bars_the_certificate(w):
    official = OfficialFactory(body=w.body, in_enforcement_post=False)
    # Applied on 2026-12-03: an exam passed on 2023-12-03 is three years old and no longer counts.
    LawExamResult.objects.create(official=official, taken_on=D(2023, 12, 3), passed=True)
    LawExamResult.objects.create(official=official, taken_on=D(2026, 5, 1), passed=False)
    official.sanctioned_until = D(2026, 12, 3)
    official.save()
    codes = [c for c, _m in services.certificate_eligibility(official, D(2026, 12, 3))]
    assert codes == ["not_enforcement_post", "no_exam", "sanctioned"]
    # One day later than three years, and the sanction over the day before.
    LawExamResult.objects.create(official=official, taken_on=D(2023, 12, 4), passed=True)
    official.sanctioned_until, official.in_enforcement_post = D(2026, 12, 2), True
    official.save()
    assert services.certificate_eligibility(official, D(2026, 12, 3)) == []


def test_an_eligible_official_is_issued_a_certificate(w):
    official = OfficialFactory(body=w.body)
    with on(D(2026, 12, 1)):
        services.law_exam_result_record(
            actor=w.legal,
            official=official,
            taken_on=D(2026, 11, 20),
            passed=True,
            score=Decimal("86"),
            source="2026年度学法考试",
        )
    certificate = apply(w, official)
    assert (certificate.status, certificate.valid_from, certificate.valid_to) == (
        "valid",
        D(2026, 12, 3),
        D(2029, 12, 31),
    )
    assert last_event("enforcement_certificate_apply").to_state == "approved"
    with pytest.raises(DomainError) as taken:  # the number is unique
        apply(w, certified(w.body), number=certificate.number)
    assert "number" in taken.value.params["errors"]


def test_suspension_reinstatement_revocation_and_their_audit(w):
    certificate = w.officials[0].certificates.get()
    with on(D(2026, 4, 1)):
        certificate = services.certificate_suspend(
            actor=w.legal, certificate=certificate, reason="涉嫌违纪，暂扣"
        )
        assert (certificate.status, certificate.status_changed_on) == ("suspended", D(2026, 4, 1))
        event = last_event("enforcement_certificate_suspend")
        assert (event.actor, event.from_state, event.to_state) == (w.legal, "valid", "suspended")
        with pytest.raises(IllegalTransition):
            services.certificate_suspend(actor=w.legal, certificate=certificate, reason="再次")
        certificate = services.certificate_reinstate(
            actor=w.legal, certificate=certificate, reason="调查结束"
        )
        assert certificate.status == "valid"
        certificate = services.certificate_revoke(
            actor=w.legal, certificate=certificate, reason="调离执法岗位"
        )
        event = last_event("enforcement_certificate_revoke")
        assert (event.from_state, event.to_state) == ("valid", "revoked")
        with pytest.raises(IllegalTransition):
            services.certificate_reinstate(actor=w.legal, certificate=certificate, reason="x")


def test_a_lost_certificate_is_reissued_once_under_a_new_number(w):
    certificate = w.officials[0].certificates.get()
    with on(D(2026, 5, 6)):
        with pytest.raises(IllegalTransition):  # not reported lost
            services.certificate_reissue(actor=w.legal, certificate=certificate, number="N1")
        certificate = services.certificate_report_lost(actor=w.legal, certificate=certificate)
        new = services.certificate_reissue(actor=w.legal, certificate=certificate, number="N1")
        with pytest.raises(IllegalTransition):
            services.certificate_reissue(actor=w.legal, certificate=certificate, number="N2")
    assert (new.status, new.replaces, new.valid_from, new.valid_to) == (
        "valid",
        certificate,
        D(2026, 5, 6),
        certificate.valid_to,
    )
    assert last_event("enforcement_certificate_reissue").detail["replaces"] == certificate.number


def test_a_failed_annual_review_suspends_the_certificate(w):
    certificate = w.officials[0].certificates.get()
    with on(D(2026, 3, 2)):
        services.certificate_review(actor=w.legal, certificate=certificate, year=2025, passed=True)
        certificate.refresh_from_db()
        assert (certificate.status, certificate.last_review_year) == ("valid", 2025)
        with pytest.raises(DomainError):
            services.certificate_review(
                actor=w.legal, certificate=certificate, year=2025, passed=True
            )
        services.certificate_review(
            actor=w.legal, certificate=certificate, year=2026, passed=False, note="年度考核不合格"
        )
    certificate.refresh_from_db()
    assert certificate.status == "suspended"
    event = last_event("enforcement_certificate_review")
    assert (event.from_state, event.to_state, event.reason) == (
        "valid",
        "suspended",
        "年度考核不合格",
    )


def test_certificates_expire_the_day_after_their_last_valid_day_once(w):
    certificate = CertificateFactory(official=w.officials[0], valid_to=D(2026, 12, 31))
    assert services.certificates_expire(D(2026, 12, 31)) == []  # still valid on its last day
    assert services.certificates_expire(D(2027, 1, 1)) == [certificate.number]
    assert services.certificates_expire(D(2027, 1, 2)) == []
    certificate.refresh_from_db()
    assert (certificate.status, certificate.status_changed_on) == ("expired", D(2027, 1, 1))
    event = last_event("enforcement_certificate_expire")
    assert (event.actor, event.from_state, event.to_state) == (None, "valid", "expired")


# --- Case files ---------------------------------------------------------------------------------


def test_a_case_file_needs_two_certified_officials_of_the_body(w):
    with pytest.raises(services.NotCertified) as one:
        file_case(w, officials=w.officials[:1])
    assert one.value.code == "two_officials_required"
    uncertified = OfficialFactory(body=w.body, full_name="钱进")
    with translation.override("en"), pytest.raises(services.NotCertified) as refused:
        file_case(w, officials=[w.officials[0], uncertified])
    assert "钱进" in refused.value.message and "no valid enforcement certificate" in str(
        refused.value.message
    )
    # A certificate that is suspended, or not valid yet on the day, does not count either.
    services.certificate_suspend(
        actor=w.legal,
        certificate=w.officials[2].certificates.get(),
        on=D(2026, 3, 1),
        reason="暂扣",
    )
    with pytest.raises(services.NotCertified):
        file_case(w, officials=[w.officials[0], w.officials[2]])
    with pytest.raises(services.NotCertified):
        file_case(w, day=D(2026, 1, 4))  # the certificates are valid from 5 January
    assert CaseFile.objects.count() == 0
    case_file = file_case(w)
    assert set(case_file.officials.all()) == set(w.officials[:2])


def test_only_certified_officials_can_be_assigned_to_an_open_case_file(w):
    case_file = file_case(w)
    expired = OfficialFactory(body=w.body, full_name="孙超")
    CertificateFactory(official=expired, valid_from=D(2023, 1, 1), valid_to=D(2026, 3, 31))
    with on(D(2026, 4, 1)), pytest.raises(services.NotCertified):
        services.casefile_assign_officials(
            actor=w.handler, case_file=case_file, officials=[w.officials[0], expired]
        )
    with on(D(2026, 3, 31)):  # its last valid day
        services.casefile_assign_officials(
            actor=w.handler, case_file=case_file, officials=[w.officials[0], expired]
        )
    assert set(case_file.officials.all()) == {w.officials[0], expired}
    assert last_event("enforcement_casefile_assign").actor == w.handler


def test_a_penalty_case_is_decided_within_90_calendar_days_of_filing(w):
    # Filed Thursday 5 March 2026: 26 days remain in March, 30 in April (56), 31 in May (87),
    # so the 90th day is Wednesday 3 June, a working day.
    case_file = file_case(w, day=D(2026, 3, 5))
    clock = case_clock(case_file, DECISION)
    assert (clock.day_kind, clock.limit_days, clock.due_date) == ("calendar", 90, D(2026, 6, 3))
    assert clock.department == w.bureau
    event = last_event("enforcement_casefile_file")
    assert (event.actor, event.from_state, event.to_state) == (w.handler, "", "filed")
    # Filed Saturday 4 July: 27 days remain in July, 31 in August (58), 30 in September (88),
    # the 90th day is Friday 2 October, in the National Day holiday: due the next working day,
    # Thursday 8 October.
    later = file_case(w, day=D(2026, 7, 4))
    assert case_clock(later, DECISION).due_date == D(2026, 10, 8)
    # A compulsion case has no 90-day clock.
    assert case_clock(file_case(w, power=w.compulsion), DECISION) is None


def test_the_decision_stops_the_clock_and_starts_the_7_working_day_service_clock(w):
    case_file = file_case(w, day=D(2026, 8, 3))
    case_file = decide(w, case_file, day=D(2026, 9, 30))
    assert (case_file.status, case_file.outcome, case_file.penalty_amount) == (
        "decided",
        "penalised",
        Decimal("5000"),
    )
    decision = case_clock(case_file, DECISION)
    assert (decision.status, decision.completed_on) == ("completed", D(2026, 9, 30))
    # Decided Wednesday 30 September: working days 8 (1), 9 (2), Saturday 10 (3), 12, 13, 14 and
    # 15 October (7): served by Thursday 15 October.
    service = case_clock(case_file, SERVICE)
    assert (service.day_kind, service.due_date) == ("working", D(2026, 10, 15))
    event = last_event("enforcement_casefile_decide")
    assert (event.actor, event.from_state, event.to_state) == (w.handler, "investigated", "decided")
    assert not MajorPenaltyFiling.objects.exists()  # not a major case
    with on(D(2026, 10, 16)):
        with pytest.raises(IllegalTransition):
            services.casefile_close(actor=w.handler, case_file=case_file)
        case_file = services.casefile_serve(
            actor=w.handler, case_file=case_file, on=D(2026, 10, 14)
        )
        service.refresh_from_db()
        assert (service.status, service.completed_on) == ("completed", D(2026, 10, 14))
        case_file = services.casefile_record_execution(actor=w.handler, case_file=case_file)
        case_file = services.casefile_close(actor=w.handler, case_file=case_file)
    assert (case_file.status, case_file.closed_on) == ("closed", D(2026, 10, 16))
    event = last_event("enforcement_casefile_close")
    assert (event.from_state, event.to_state) == ("executed", "closed")
    with on(D(2026, 10, 16)), pytest.raises(IllegalTransition):
        services.casefile_withdraw(actor=w.handler, case_file=case_file, reason="x")


def test_a_major_decision_cannot_be_recorded_before_its_legality_review_passed(w):
    case_file = file_case(w, day=D(2026, 8, 3), is_major=True)
    with on(D(2026, 9, 1)):
        case_file = services.casefile_record_investigation(actor=w.handler, case_file=case_file)
        with pytest.raises(services.ReviewRequired):
            services.casefile_decide(
                actor=w.handler,
                case_file=case_file,
                outcome="penalised",
                penalty_amount=Decimal("200000"),
            )
        case_file = services.casefile_request_review(actor=w.handler, case_file=case_file)
        with pytest.raises(services.ReviewRequired):
            services.casefile_decide(
                actor=w.handler,
                case_file=case_file,
                outcome="penalised",
                penalty_amount=Decimal("200000"),
            )
        with pytest.raises(NotPermitted):  # the legal-affairs office reviews, not the body
            services.casefile_record_review(
                actor=w.handler, case_file=case_file, passed=True, opinion="合法"
            )
        case_file = services.casefile_record_review(
            actor=w.legal, case_file=case_file, passed=False, opinion="证据不足，补充调查"
        )
        assert (case_file.status, case_file.review_passed_on) == ("investigated", None)
        event = last_event("enforcement_casefile_review")
        assert (event.actor, event.from_state, event.to_state) == (
            w.legal,
            "in_review",
            "investigated",
        )
        with pytest.raises(services.ReviewRequired):
            services.casefile_decide(
                actor=w.handler,
                case_file=case_file,
                outcome="penalised",
                penalty_amount=Decimal("200000"),
            )
        services.casefile_request_review(actor=w.handler, case_file=case_file)
        case_file = services.casefile_record_review(
            actor=w.legal, case_file=case_file, passed=True, opinion="合法"
        )
        case_file = services.casefile_decide(
            actor=w.handler,
            case_file=case_file,
            outcome="penalised",
            penalty_amount=Decimal("200000"),
        )
    assert (case_file.status, case_file.review_passed_on) == ("decided", D(2026, 9, 1))
    assert CaseFile.objects.get(pk=case_file.pk).filing.status == "due"


def test_only_a_major_case_goes_to_legality_review(w):
    case_file = file_case(w)
    with on(D(2026, 3, 6)):
        services.casefile_record_investigation(actor=w.handler, case_file=case_file)
        with pytest.raises(IllegalTransition):
            services.casefile_request_review(actor=w.handler, case_file=case_file)


def test_a_major_penalty_is_filed_within_15_working_days_on_time_or_late(w):
    # Decided Wednesday 30 September: working days 8, 9, 10 (Sat), 12, 13, 14, 15, 16 October
    # (8), 19, 20, 21, 22, 23 (13), 26 (14), 27 (15): to be filed by Tuesday 27 October.
    first = decide(w, file_case(w, day=D(2026, 8, 3), is_major=True), day=D(2026, 9, 30))
    second = decide(w, file_case(w, day=D(2026, 8, 3), is_major=True), day=D(2026, 9, 30))
    filing, late = first.filing, second.filing
    clock = Clock.objects.get(
        owner_type="enforcement.majorpenaltyfiling", owner_id=str(filing.pk), purpose=FILING
    )
    assert (filing.due_on, clock.due_date, clock.limit_days) == (D(2026, 10, 27),) * 2 + (15,)
    with on(D(2026, 10, 28)):
        filing = services.filing_submit(actor=w.handler, filing=filing, on=D(2026, 10, 27))
        late = services.filing_submit(actor=w.handler, filing=late)
        with pytest.raises(IllegalTransition):
            services.filing_submit(actor=w.handler, filing=late)
    assert (filing.status, filing.on_time, late.on_time) == ("filed", True, False)
    event = last_event("enforcement_filing_submit")
    assert (event.actor, event.from_state, event.to_state) == (w.handler, "due", "filed")
    clock.refresh_from_db()
    assert clock.status == "completed"
    with on(D(2026, 10, 30)):
        with pytest.raises(NotPermitted):
            services.filing_review(actor=w.handler, filing=filing, accepted=True)
        with pytest.raises(DomainError):  # a correction says what
            services.filing_review(actor=w.legal, filing=late, accepted=False)
        filing = services.filing_review(actor=w.legal, filing=filing, accepted=True)
    assert filing.status == "accepted"
    assert last_event("enforcement_filing_review").to_state == "accepted"


def test_the_filing_period_is_configurable(w, settings):
    settings.ZHENGWU_ENFORCEMENT_MAJOR_FILING_DAYS = 7
    # 7 working days after Wednesday 30 September is Thursday 15 October (see above).
    case_file = decide(w, file_case(w, day=D(2026, 8, 3), is_major=True), day=D(2026, 9, 30))
    assert case_file.filing.due_on == D(2026, 10, 15)


def test_a_withdrawn_case_stops_its_clock(w):
    case_file = file_case(w, day=D(2026, 3, 5))
    with on(D(2026, 3, 20)):
        with pytest.raises(DomainError):
            services.casefile_withdraw(actor=w.handler, case_file=case_file, reason="")
        case_file = services.casefile_withdraw(
            actor=w.handler, case_file=case_file, reason="违法事实不成立"
        )
    assert (case_file.status, case_file.outcome) == ("withdrawn", "withdrawn")
    assert case_clock(case_file, DECISION).completed_on == D(2026, 3, 20)


def test_only_the_bodys_staff_or_the_legal_office_handle_its_case_files(w):
    with pytest.raises(NotPermitted), on(D(2026, 3, 5)):
        services.casefile_file(
            actor=w.outsider,
            body=w.body,
            power=w.penalty,
            number="X1",
            parties="某公司",
            officials=w.officials[:2],
        )


def test_a_case_file_is_filed_under_an_act_of_its_body(w):
    from tests.enforcement.world import make_power

    elsewhere = make_power(w.squad)
    with pytest.raises(DomainError) as refused:
        file_case(w, power=elsewhere)
    assert refused.value.code == "invalid_act"


# --- Evaluation ---------------------------------------------------------------------------------


def decided_files(w, n, *, year=2026):
    return [
        decide(
            w, file_case(w, day=D(year, 3, 5), number=f"多住建罚〔{year}〕{i}号"), day=D(year, 4, 1)
        )
        for i in range(1, n + 1)
    ]


def test_the_campaign_samples_the_same_case_files_whoever_draws_them(w):
    decided_files(w, 5)
    file_case(w, day=D(2026, 5, 6), number="未决案")  # not decided: not sampled
    with on(D(2026, 12, 1)):
        campaign = services.campaign_create(
            actor=w.legal,
            division=w.county,
            year=2026,
            title="2026年度行政执法案卷评查",
            per_body=3,
        )
        sampled = services.campaign_sample(actor=w.legal, campaign=campaign)
    numbers = sorted(e.case_file.number for e in sampled)
    expected = sorted(
        sorted(
            CaseFile.objects.filter(decided_on__isnull=False).values_list("number", flat=True),
            key=lambda n: services.sample_key(campaign, n),
        )[:3]
    )
    assert numbers == expected and len(numbers) == 3
    event = last_event("enforcement_campaign_sample")
    assert (event.from_state, event.to_state, event.detail["sampled"]) == ("open", "sampled", 3)
    with pytest.raises(IllegalTransition):
        services.campaign_sample(actor=w.legal, campaign=campaign)


def test_scores_are_checked_against_the_weighted_checklist_and_bodies_ranked(w):
    from zhengwu.enforcement.figures import evaluation_figures

    decided_files(w, 2)
    with on(D(2026, 12, 1)):
        campaign = services.campaign_create(
            actor=w.legal, division=w.county, year=2026, title="评查", per_body=2
        )
        first, second = services.campaign_sample(actor=w.legal, campaign=campaign)
        full = dict(
            subject=10, facts=15, evidence=20, procedure=20, law=15, discretion=10, documents=10
        )
        with pytest.raises(DomainError) as refused:
            services.evaluation_score(
                actor=w.legal, evaluation=first, marks={**full, "evidence": 21, "documents": None}
            )
        assert set(refused.value.params["errors"]) == {"evidence", "documents"}
        with pytest.raises(IllegalTransition):
            services.campaign_close(actor=w.legal, campaign=campaign)
        first = services.evaluation_score(actor=w.legal, evaluation=first, marks=full)
        second = services.evaluation_score(
            actor=w.legal, evaluation=second, marks={**full, "procedure": 12, "documents": 7.5}
        )
        services.campaign_close(actor=w.legal, campaign=campaign)
    # 100 and 100 − 8 − 2.5 = 89.5: the body averages (100 + 89.5) / 2 = 94.75 → 94.8.
    assert (first.score, second.score) == (Decimal("100"), Decimal("89.5"))
    figures = evaluation_figures(w.county, 2026)
    assert (figures["sampled"], figures["scored"], figures["average"]) == (2, 2, 94.8)
    assert figures["ranking"] == [
        {"rank": 1, "body": w.bureau.name, "body_id": w.body.pk, "average": 94.8, "scored": 2}
    ]
    assert Evaluation.objects.filter(score__isnull=True).count() == 0
    assert last_event("enforcement_campaign_close").to_state == "closed"


def test_a_pending_body_cannot_file_or_have_certified_officials(w):
    body = EnforcementBody.objects.create(
        division=w.county, department=w.squad, standing="authorised"
    )
    official = OfficialFactory(body=body)
    codes = [c for c, _m in services.certificate_eligibility(official, D(2026, 12, 3))]
    assert "body_not_confirmed" in codes


def test_a_hearing_stops_the_90_days_and_the_head_may_extend_them(w):
    from tests.factories import StaffFactory
    from zhengwu.org.roles import Role

    case_file = file_case(w, day=D(2026, 3, 5))  # due Wednesday 3 June (see above)
    with on(D(2026, 4, 11)):
        with pytest.raises(DomainError):
            services.casefile_suspend_clock(
                actor=w.handler, case_file=case_file, reason="correction", on=D(2026, 4, 1)
            )
        services.casefile_suspend_clock(
            actor=w.handler,
            case_file=case_file,
            reason="hearing",
            note="当事人申请听证",
            on=D(2026, 4, 1),
        )
        clock = case_clock(case_file, DECISION)
        assert clock.status == "suspended"
        with pytest.raises(IllegalTransition):
            services.casefile_suspend_clock(
                actor=w.handler, case_file=case_file, reason="hearing", on=D(2026, 4, 2)
            )
        services.casefile_resume_clock(actor=w.handler, case_file=case_file, on=D(2026, 4, 11))
    # Stopped from 1 to 11 April: 10 days out, so 100 days after 5 March: 6 June + 10 =
    # Saturday 13 June, not a working day: due Monday 15 June.
    clock = case_clock(case_file, DECISION)
    assert (clock.status, clock.suspended_days, clock.due_date) == ("running", 10, D(2026, 6, 15))
    event = AuditEvent.objects.filter(action="clock_resume").latest("pk")
    assert (event.actor, event.from_state, event.to_state) == (w.handler, "suspended", "running")
    head = StaffFactory(department=w.bureau, roles=[Role.DEPARTMENT_HEAD])
    with on(D(2026, 5, 20)):
        with pytest.raises(NotPermitted):  # only the body's head approves
            services.casefile_extend(actor=w.handler, case_file=case_file, days=30, reason="复杂")
        with pytest.raises(DomainError):  # at most 30 days
            services.casefile_extend(actor=head, case_file=case_file, days=31, reason="复杂")
        services.casefile_extend(actor=head, case_file=case_file, days=30, reason="案情复杂")
    # 90 + 10 + 30 = 130 days after 5 March: 26 (Mar) + 30 (Apr) + 31 (May) + 30 (Jun) = 117,
    # 13 July, a Monday.
    assert case_clock(case_file, DECISION).due_date == D(2026, 7, 13)
    assert AuditEvent.objects.filter(action="clock_extend").latest("pk").actor == head


def test_an_entrusted_organisation_files_cases_only_within_its_entrustment(w):
    from tests.enforcement.world import make_power

    squad = EnforcementBody.objects.create(
        division=w.county,
        department=w.squad,
        standing="entrusted",
        entrusting_body=w.bureau,
        entrustment_document="多住建委〔2022〕3号",
        entrusted_from=D(2022, 6, 1),
        entrusted_to=D(2026, 5, 31),
        status="confirmed",
        batch=w.batch,
        confirmed_on=D(2022, 6, 1),
    )
    power = make_power(w.squad, standing="entrusted", entrusting_body=w.bureau)
    officials = [certified(squad), certified(squad)]

    def file(day, number):
        with on(day):
            return services.casefile_file(
                actor=w.legal,
                body=squad,
                power=power,
                number=number,
                parties="某商户",
                officials=officials,
                filed_on=day,
            )

    assert file(D(2026, 5, 29), "城管罚〔2026〕1号").status == "filed"  # within the entrustment
    with pytest.raises(DomainError) as refused:
        file(D(2026, 6, 1), "城管罚〔2026〕2号")  # the day after it ended
    assert refused.value.code == "outside_entrustment"


def test_an_official_leaving_the_establishment_is_no_longer_eligible(w):
    official = w.officials[0]
    assert services.certificate_eligibility(official, D(2026, 12, 3)) == []
    with pytest.raises(DomainError):
        services.official_update(
            actor=w.legal,
            official=official,
            post="",
            phone="",
            on_establishment=False,
            in_enforcement_post=True,
            reason="",
        )
    services.official_update(
        actor=w.legal,
        official=official,
        post="协管员",
        phone="",
        on_establishment=False,
        in_enforcement_post=True,
        reason="调整为编外人员",
    )
    official.refresh_from_db()
    codes = [c for c, _m in services.certificate_eligibility(official, D(2026, 12, 3))]
    assert codes == ["not_on_establishment"]
    event = last_event("enforcement_official_update")
    assert event.actor == w.legal and event.detail["changed"]["on_establishment"] == [True, False]
    assert "phone" not in event.detail["changed"]  # the phone stays out of the audit trail

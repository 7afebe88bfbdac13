"""The register's services: every move, its audit event, its clocks, its refusals. Dates are
worked out by hand in the comments (the official calendar of 2026)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.disputes.factories import make_world, register
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.disputes import services
from zhengwu.disputes.models import Dispute
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


def one_event(obj, action, *, actor, from_state, to_state):
    found = list(events(obj, action))
    assert len(found) == 1, action
    event = found[0]
    assert (event.actor_id, event.from_state, event.to_state) == (
        actor.pk,
        from_state,
        to_state,
    )
    return event


def clock(dispute, purpose):
    return Clock.objects.get(
        owner_type="disputes.dispute", owner_id=str(dispute.pk), purpose=purpose
    )


# --- registration and acceptance --------------------------------------------------------------


def test_register_then_accept_starts_the_30_calendar_day_mediation_clock(world):
    dispute = register(world, found_on=D(2026, 3, 4))
    assert dispute.status == "registered" and dispute.division == world.county
    assert dispute.number == "152531-2026-0001"
    one_event(
        dispute,
        "dispute_register",
        actor=world.township_staff,
        from_state="",
        to_state="registered",
    )
    assert [p.masked_phone for p in dispute.parties.all()] == ["139****1234", ""]
    assert not Clock.objects.filter(owner_id=str(dispute.pk)).exists()
    with pytest.raises(ValidationError) as error:  # not before it was found
        services.dispute_accept(actor=world.township_staff, dispute=dispute, on=D(2026, 3, 3))
    assert "on" in error.value.message_dict
    services.dispute_accept(actor=world.township_staff, dispute=dispute, on=D(2026, 3, 5))
    dispute.refresh_from_db()
    assert dispute.status == "mediating" and dispute.accepted_on == D(2026, 3, 5)
    one_event(
        dispute,
        "dispute_accept",
        actor=world.township_staff,
        from_state="registered",
        to_state="mediating",
    )
    mediation = clock(dispute, services.MEDIATION)
    # 30 calendar days after 2026-03-05 is 04-04, a Saturday of the Qingming holiday (04-04 to
    # 04-06): the period ends on the next working day, Tuesday 04-07.
    assert (mediation.day_kind, mediation.limit_days, mediation.due_date) == (
        "calendar",
        30,
        D(2026, 4, 7),
    )
    assert mediation.department.name == "多伦淖尔镇人民政府"
    with pytest.raises(IllegalTransition):
        services.dispute_accept(actor=world.township_staff, dispute=dispute, on=D(2026, 3, 6))
    second = register(world, found_on=D(2026, 3, 9))
    assert second.number == "152531-2026-0002"


def test_the_limit_is_configurable(world, settings):
    settings.ZHENGWU_DISPUTE_MEDIATION_DAYS = 15
    dispute = register(world, found_on=D(2026, 3, 2), accepted_on=D(2026, 3, 2))
    # 15 calendar days after Monday 2026-03-02 is Tuesday 03-17.
    assert clock(dispute, services.MEDIATION).due_date == D(2026, 3, 17)


def test_registration_refuses_bad_input_field_by_field(world):
    with pytest.raises(ValidationError) as error:
        register(world, dispute_type="weather", summary=" ", village=world.other_township)
    assert {"dispute_type", "summary", "village"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        register(world, parties=[{"name": " "}])
    assert "parties" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        register(world, parties=[{"name": "张三", "phone": "电话"}])
    assert "parties" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        register(world, found_on=D(2026, 3, 5), accepted_on=D(2026, 3, 4))
    assert "accepted_on" in error.value.message_dict
    with pytest.raises(DomainError) as future:
        register(world, found_on=D(2099, 1, 1))
    assert future.value.code == "future_date"
    assert not Dispute.objects.exists()


def test_who_may_register_and_mediate(world):
    with pytest.raises(NotPermitted):  # another township's staff
        register(world, actor=world.other_staff)
    with pytest.raises(NotPermitted):  # a county department that is not the legal office
        register(world, actor=world.county_staff)
    with pytest.raises(NotPermitted):  # supervisors watch, they do not mediate
        register(world, actor=world.supervisor)
    dispute = register(world, actor=world.legal)
    with pytest.raises(NotPermitted):
        services.dispute_accept(actor=world.other_staff, dispute=dispute)
    services.dispute_accept(actor=world.legal, dispute=dispute, on=D(2026, 3, 2))


# --- more time by agreement, the report clock ------------------------------------------------


def test_the_parties_agree_to_more_time_within_the_configured_extension(world):
    dispute = register(world, found_on=D(2026, 3, 5), accepted_on=D(2026, 3, 5))
    with pytest.raises(ValidationError):  # the agreement must be recorded
        services.dispute_extend(
            actor=world.township_staff, dispute=dispute, days=15, reason=" ", on=D(2026, 3, 30)
        )
    services.dispute_extend(
        actor=world.township_staff,
        dispute=dispute,
        days=15,
        reason="双方同意延长，待测量",
        on=D(2026, 3, 30),
    )
    # 45 calendar days after 2026-03-05 is Sunday 04-19: the next working day, Monday 04-20.
    assert clock(dispute, services.MEDIATION).due_date == D(2026, 4, 20)
    assert events(dispute, "dispute_extend").get().reason == "双方同意延长，待测量"
    with pytest.raises(DomainError) as error:  # 30 days at most in all, 15 remain
        services.dispute_extend(
            actor=world.township_staff, dispute=dispute, days=16, reason="再延长", on=D(2026, 4, 1)
        )
    assert error.value.code == "extension_exceeds_limit"
    registered = register(world)
    with pytest.raises(IllegalTransition):
        services.dispute_extend(
            actor=world.township_staff, dispute=registered, days=5, reason="双方同意"
        )


def test_a_dispute_that_may_escalate_is_reported_within_one_working_day(world):
    # Found Friday 2026-04-03; the Qingming holiday runs 04-04 to 04-06: one working day after
    # is Tuesday 04-07.
    dispute = register(
        world, found_on=D(2026, 4, 3), risk_level="may_escalate", dispute_type="demolition"
    )
    report = clock(dispute, services.REPORT)
    assert (report.day_kind, report.limit_days, report.due_date) == ("working", 1, D(2026, 4, 7))
    with pytest.raises(ValidationError):
        services.dispute_report(
            actor=world.township_staff, dispute=dispute, note="", on=D(2026, 4, 7)
        )
    services.dispute_report(
        actor=world.township_staff, dispute=dispute, note="报告县调处中心", on=D(2026, 4, 7)
    )
    report.refresh_from_db()
    assert report.status == "completed" and report.completed_on == D(2026, 4, 7)
    dispute.refresh_from_db()
    assert dispute.reported_on == D(2026, 4, 7)
    assert events(dispute, "dispute_report").get().detail["due"] == "2026-04-07"
    with pytest.raises(IllegalTransition):  # reported once
        services.dispute_report(actor=world.township_staff, dispute=dispute, note="再报")
    general = register(world)
    with pytest.raises(IllegalTransition):  # nothing is owed for a general dispute
        services.dispute_report(actor=world.township_staff, dispute=general, note="报告")


def test_raising_the_risk_starts_the_report_clock_from_that_day(world, settings):
    dispute = register(world, found_on=D(2026, 3, 2), accepted_on=D(2026, 3, 2))
    services.dispute_set_risk(
        actor=world.township_staff, dispute=dispute, risk_level="serious", on=D(2026, 3, 4)
    )
    assert not Clock.objects.filter(owner_id=str(dispute.pk), purpose=services.REPORT).exists()
    services.dispute_set_risk(
        actor=world.township_staff,
        dispute=dispute,
        risk_level="may_escalate",
        reason="扬言上访",
        on=D(2026, 3, 6),
    )
    # Friday 2026-03-06: one working day after is Monday 03-09.
    assert clock(dispute, services.REPORT).due_date == D(2026, 3, 9)
    event = events(dispute, "dispute_set_risk").order_by("seq").last()
    assert (event.from_state, event.to_state, event.reason) == (
        "serious",
        "may_escalate",
        "扬言上访",
    )
    # Lowered and raised again, the report owed is not owed twice.
    services.dispute_set_risk(
        actor=world.township_staff, dispute=dispute, risk_level="general", on=D(2026, 3, 7)
    )
    services.dispute_set_risk(
        actor=world.township_staff, dispute=dispute, risk_level="may_escalate", on=D(2026, 3, 8)
    )
    assert Clock.objects.filter(owner_id=str(dispute.pk), purpose=services.REPORT).count() == 1
    with pytest.raises(ValidationError):
        services.dispute_set_risk(
            actor=world.township_staff, dispute=dispute, risk_level="may_escalate"
        )
    settings.ZHENGWU_DISPUTE_REPORT_DAYS = 3
    other = register(world, found_on=D(2026, 3, 6), risk_level="may_escalate")
    # Three working days after Friday 03-06: Mon 03-09, Tue 03-10, Wed 03-11.
    assert clock(other, services.REPORT).due_date == D(2026, 3, 11)


# --- sessions and outcomes -------------------------------------------------------------------


def test_sessions_only_while_mediating_and_not_before_acceptance(world):
    dispute = register(world, found_on=D(2026, 3, 2))
    data = {"place": "村委会", "participants": "双方、调解员", "record": "说明情况"}
    with pytest.raises(IllegalTransition):
        services.session_record(
            actor=world.township_staff, dispute=dispute, held_on=D(2026, 3, 3), **data
        )
    services.dispute_accept(actor=world.township_staff, dispute=dispute, on=D(2026, 3, 3))
    with pytest.raises(ValidationError) as error:
        services.session_record(
            actor=world.township_staff, dispute=dispute, held_on=D(2026, 3, 2), **data
        )
    assert "held_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.session_record(
            actor=world.township_staff,
            dispute=dispute,
            held_on=D(2026, 3, 4),
            **{**data, "record": ""},
        )
    assert "record" in error.value.message_dict
    session = services.session_record(
        actor=world.township_staff, dispute=dispute, held_on=D(2026, 3, 4), **data
    )
    assert session.dispute_id == dispute.pk
    assert events(dispute, "session_record").get().detail["session"] == session.pk


def test_mediated_successfully_stops_the_clock_and_is_visited_afterwards(world):
    dispute = register(world, found_on=D(2026, 3, 5), accepted_on=D(2026, 3, 5))
    with pytest.raises(ValidationError) as error:  # a written agreement states its terms
        services.dispute_succeed(
            actor=world.township_staff, dispute=dispute, agreement_form="written", on=D(2026, 3, 20)
        )
    assert "agreement_text" in error.value.message_dict
    with pytest.raises(IllegalTransition):  # only a success is visited
        services.followup_record(actor=world.township_staff, dispute=dispute, visited_by="王")
    services.dispute_succeed(
        actor=world.township_staff,
        dispute=dispute,
        agreement_form="written",
        agreement_text="界墙原址重建",
        agreement_amount="3000",
        on=D(2026, 4, 8),
    )
    dispute.refresh_from_db()
    assert dispute.status == "succeeded" and dispute.outcome_on == D(2026, 4, 8)
    assert str(dispute.agreement_amount) == "3000.00"
    event = one_event(
        dispute,
        "dispute_succeed",
        actor=world.township_staff,
        from_state="mediating",
        to_state="succeeded",
    )
    # Due Tuesday 04-07 (see above), the agreement came a day late.
    assert (event.detail["due"], event.detail["on_time"]) == ("2026-04-07", False)
    mediation = clock(dispute, services.MEDIATION)
    assert mediation.status == "completed" and mediation.completed_on == D(2026, 4, 8)
    for illegal in (
        lambda: services.dispute_fail(
            actor=world.township_staff, dispute=dispute, advice="litigation"
        ),
        lambda: services.dispute_refer(
            actor=world.township_staff,
            dispute=dispute,
            referred_to_kind="court",
            referred_to="多伦县人民法院",
        ),
        lambda: services.dispute_accept(actor=world.township_staff, dispute=dispute),
    ):
        with pytest.raises(IllegalTransition):
            illegal()
    with pytest.raises(ValidationError):  # not before the agreement
        services.followup_record(
            actor=world.township_staff, dispute=dispute, visited_by="王", on=D(2026, 4, 7)
        )
    with pytest.raises(ValidationError):  # an agreement not kept says how
        services.followup_record(
            actor=world.township_staff,
            dispute=dispute,
            visited_by="王",
            agreement_kept=False,
            on=D(2026, 4, 20),
        )
    visit = services.followup_record(
        actor=world.township_staff,
        dispute=dispute,
        visited_by="王调解",
        on=D(2026, 4, 20),
        note="已履行",
    )
    assert visit.agreement_kept and events(dispute, "followup_record").count() == 1


def test_failed_mediation_records_the_advice(world):
    dispute = register(world, found_on=D(2026, 3, 5), accepted_on=D(2026, 3, 5))
    with pytest.raises(ValidationError) as error:
        services.dispute_fail(actor=world.township_staff, dispute=dispute, advice="pray")
    assert "advice" in error.value.message_dict
    services.dispute_fail(
        actor=world.township_staff,
        dispute=dispute,
        advice="arbitration",
        note="告知申请劳动仲裁",
        on=D(2026, 3, 20),
    )
    dispute.refresh_from_db()
    assert (dispute.status, dispute.failure_advice) == ("failed", "arbitration")
    one_event(
        dispute,
        "dispute_fail",
        actor=world.township_staff,
        from_state="mediating",
        to_state="failed",
    )
    assert clock(dispute, services.MEDIATION).status == "completed"


def test_referral_before_mediation_needs_no_clock_and_names_the_receiver(world):
    dispute = register(world, found_on=D(2026, 3, 5))
    with pytest.raises(ValidationError) as error:
        services.dispute_refer(
            actor=world.township_staff, dispute=dispute, referred_to_kind="court", referred_to=" "
        )
    assert "referred_to" in error.value.message_dict
    services.dispute_refer(
        actor=world.township_staff,
        dispute=dispute,
        referred_to_kind="labour_arbitration",
        referred_to="多伦县劳动人事争议仲裁委员会",
        on=D(2026, 3, 6),
    )
    dispute.refresh_from_db()
    assert dispute.status == "referred" and dispute.accepted_on is None
    one_event(
        dispute,
        "dispute_refer",
        actor=world.township_staff,
        from_state="registered",
        to_state="referred",
    )
    assert not Clock.objects.filter(owner_id=str(dispute.pk)).exists()


def test_a_stale_version_is_refused(world):
    dispute = register(world, found_on=D(2026, 3, 5), accepted_on=D(2026, 3, 5))
    stale = dispute.version
    services.session_record(
        actor=world.township_staff,
        dispute=dispute,
        held_on=D(2026, 3, 6),
        place="村委会",
        participants="双方",
        record="调解",
    )
    with pytest.raises(Conflict):
        services.dispute_succeed(
            actor=world.township_staff,
            dispute=dispute,
            agreement_form="oral",
            expected_version=stale,
        )
    dispute.refresh_from_db()
    services.dispute_succeed(
        actor=world.township_staff,
        dispute=dispute,
        agreement_form="oral",
        expected_version=dispute.version,
        on=D(2026, 3, 7),
    )


# --- sweeps ----------------------------------------------------------------------------------


def test_sweeps_take_the_disputes_found_in_their_period(world):
    early = register(world, found_on=D(2026, 5, 6), how_found="sweep")
    walk_in = register(world, found_on=D(2026, 5, 6))
    with pytest.raises(NotPermitted):
        services.campaign_create(
            actor=world.township_staff,
            organiser=world.legal_office,
            name="五月排查",
            kind="monthly",
            started_on=D(2026, 5, 1),
            ended_on=D(2026, 5, 31),
        )
    with pytest.raises(ValidationError) as error:
        services.campaign_create(
            actor=world.legal,
            organiser=world.legal_office,
            name="倒置",
            kind="monthly",
            started_on=D(2026, 5, 31),
            ended_on=D(2026, 5, 1),
        )
    assert "ended_on" in error.value.message_dict
    monthly = services.campaign_create(
        actor=world.legal,
        organiser=world.legal_office,
        name="2026年5月矛盾纠纷排查",
        kind="monthly",
        started_on=D(2026, 5, 1),
        ended_on=D(2026, 5, 31),
    )
    early.refresh_from_db()
    walk_in.refresh_from_db()
    assert early.campaign == monthly and walk_in.campaign is None
    assert events(monthly, "sweep_campaign_create").get().detail["attached"] == 1
    special = services.campaign_create(
        actor=world.legal,
        organiser=world.legal_office,
        name="重要会议期间专项排查",
        kind="special",
        started_on=D(2026, 5, 10),
        ended_on=D(2026, 5, 20),
    )
    # A sweep dispute in both periods goes to the special sweep; outside it, to the monthly.
    inside = register(world, found_on=D(2026, 5, 12), how_found="sweep")
    outside = register(world, found_on=D(2026, 5, 25), how_found="sweep")
    assert (inside.campaign, outside.campaign) == (special, monthly)
    with pytest.raises(ValidationError) as error:  # a sweep it was not found in
        register(world, found_on=D(2026, 5, 25), how_found="sweep", campaign=special)
    assert "campaign" in error.value.message_dict

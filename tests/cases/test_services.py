"""The case services: each transition, its audit event, and the moves that must fail."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.cases.world import build_world, pdf
from tests.factories import (
    CitizenFactory,
    Role,
    ServiceCentreFactory,
    StaffFactory,
    TownshipFactory,
)
from zhengwu.cases import services
from zhengwu.cases.models import Case, Notification, Task
from zhengwu.cases.notify import dispatch
from zhengwu.cases.selectors import cases_visible_to, intake_for, tasks_for
from zhengwu.catalog.models import Stage
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import ServiceCentre
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


def on(day):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path


@pytest.fixture
def w():
    return build_world()


def submit(w, power=None, key="k", day=None, actor=None, applicant=None):
    day = day or D(2026, 11, 2)
    applicant = applicant or w.citizen
    with on(day):
        return services.case_submit(
            actor=actor or applicant,
            applicant=applicant,
            power=power or w.simple,
            idempotency_key=key,
            files=[pdf()],
        ).case


def clock(case, purpose):
    return Clock.objects.get(owner_type="cases.case", owner_id=str(case.pk), purpose=purpose)


def last_event(action):
    return AuditEvent.objects.filter(action=action).latest("pk")


def test_late_acceptance_is_deemed_from_the_day_the_materials_arrived(w):
    # Mon 2 Nov: window 3, 4, 5, 6, 9 Nov → due 9 Nov.
    case = submit(w)
    assert clock(case, "approval.acceptance").due_date == D(2026, 11, 9)
    with on(D(2026, 11, 10)):
        with pytest.raises(DomainError) as refused:
            services.case_refuse(actor=w.clerk, case=case, reason="不符合条件")
        assert refused.value.code == "acceptance_window_passed"
        with pytest.raises(DomainError):
            services.case_request_correction(actor=w.clerk, case=case, items=["营业执照"])
        services.case_accept(actor=w.clerk, case=case)
    case.refresh_from_db()
    assert (case.status, case.accepted_on, case.deemed_accepted) == (
        "accepted",
        D(2026, 11, 2),
        True,
    )
    # Legal 20 working days from 2 Nov: 3–6, 9–13, 16–20, 23–27, 30 Nov → due 30 Nov.
    assert clock(case, "approval.legal").due_date == D(2026, 11, 30)
    event = last_event("case_accept")
    assert event.detail["deemed"] is True and event.actor == w.clerk


def test_the_sweep_accepts_what_the_law_deems_accepted_once(w):
    case = submit(w)
    other = submit(w, key="k2", day=D(2026, 11, 5))  # window due 12 Nov
    with on(D(2026, 11, 10)):
        assert services.cases_deem_accepted() == [case.number]
        assert services.cases_deem_accepted() == []
    case.refresh_from_db()
    other.refresh_from_db()
    assert (case.status, case.deemed_accepted, case.accepted_by) == ("accepted", True, None)
    assert other.status == "submitted"
    assert last_event("case_accept").actor is None


def test_a_second_correction_request_needs_a_reason_and_is_flagged(w):
    case = submit(w)
    with on(D(2026, 11, 3)):
        with pytest.raises(ValidationError) as empty:
            services.case_request_correction(actor=w.clerk, case=case, items=["", "  "])
        assert "items" in empty.value.message_dict
        services.case_request_correction(actor=w.clerk, case=case, items=["营业执照"])
    with on(D(2026, 11, 4)):
        services.case_supply_materials(actor=w.citizen, case=case, files=[pdf("营业执照.pdf")])
    with on(D(2026, 11, 5)):
        with pytest.raises(ValidationError) as no_reason:
            services.case_request_correction(actor=w.clerk, case=case, items=["法人身份证明"])
        assert "reason" in no_reason.value.message_dict
        notice = services.case_request_correction(
            actor=w.clerk, case=case, items=["法人身份证明"], reason="营业执照显示法人变更"
        )
    case.refresh_from_db()
    assert notice.flagged and case.correction_flagged and case.correction_count == 2
    assert last_event("case_request_correction").detail["flagged"] is True


def test_refusal_needs_a_reason_and_ends_the_case(w):
    case = submit(w)
    with on(D(2026, 11, 3)):
        with pytest.raises(ValidationError):
            services.case_refuse(actor=w.clerk, case=case, reason=" ")
        services.case_refuse(actor=w.clerk, case=case, reason="不属于本机关职权范围")
        event = last_event("case_refuse")
        assert (event.from_state, event.to_state, event.actor) == ("submitted", "refused", w.clerk)
        with pytest.raises(IllegalTransition):
            services.case_accept(actor=w.clerk, case=case)
    assert clock(case, "approval.acceptance").status == "completed"


def test_only_the_window_of_the_case_takes_acceptance_decisions(w):
    case = submit(w)
    other_centre = ServiceCentreFactory(division=w.lead.division)
    stranger = StaffFactory(roles=[Role.WINDOW_CLERK], service_centre=other_centre)
    with on(D(2026, 11, 3)):
        for actor in (stranger, w.reviewer, w.citizen):
            with pytest.raises(NotPermitted):
                services.case_accept(actor=actor, case=case)
    assert Case.objects.get(pk=case.pk).status == "submitted"


def accept_and_review(w, case, day=None):
    day = day or D(2026, 11, 3)
    with on(day):
        services.case_accept(actor=w.clerk, case=case)
        review = case.tasks.get(stage_code="review")
        services.task_complete(actor=w.reviewer, task=review, verdict="agree", opinion="齐全")
    return list(case.tasks.filter(kind="co_review").order_by("stage_code"))


def test_one_no_in_parallel_review_stops_the_case_with_its_reason(w):
    case = submit(w, power=w.joint)
    co = accept_and_review(w, case)
    with on(D(2026, 11, 4)):
        services.task_complete(actor=w.co_reviewers[0], task=co[0], verdict="agree")
        with pytest.raises(ValidationError):
            services.task_complete(actor=w.co_reviewers[1], task=co[1], verdict="disagree")
        services.task_complete(
            actor=w.co_reviewers[1], task=co[1], verdict="disagree", opinion="不符合规划条件"
        )
    statuses = dict(case.tasks.values_list("stage_code", "status"))
    assert statuses == {
        "accept": "done",
        "review": "done",
        "co1": "done",
        "co2": "done",
        "co3": "cancelled",
        "decide": "open",
    }
    # The cancelled co-review's stage clock is stopped; the third reviewer has nothing to do.
    assert not tasks_for(w.co_reviewers[2]).exists()
    with on(D(2026, 11, 5)):
        with pytest.raises(ValidationError) as approve:
            services.case_decide(actor=w.head, case=case, decision="approve")
        assert "decision" in approve.value.message_dict
        with pytest.raises(ValidationError) as bare:
            services.case_decide(actor=w.head, case=case, decision="deny")
        assert set(bare.value.message_dict) == {"reason", "legal_basis"}
        services.case_decide(
            actor=w.head,
            case=case,
            decision="deny",
            reason="自然资源局审查意见：不符合规划条件",
            legal_basis="《中华人民共和国行政许可法》第三十八条第二款",
        )
        services.case_deliver(actor=w.clerk, case=case, method="post")
    case.refresh_from_db()
    assert (case.status, case.decision, case.licence_number) == ("completed", "deny", "")


def test_illegal_moves_raise_clear_errors(w):
    case = submit(w, power=w.joint)
    with on(D(2026, 11, 3)):
        with pytest.raises(IllegalTransition):  # nothing to decide before acceptance
            services.case_decide(actor=w.head, case=case, decision="approve")
        with pytest.raises(IllegalTransition):
            services.case_deliver(actor=w.clerk, case=case, method="window")
    co = accept_and_review(w, case)
    with on(D(2026, 11, 4)):
        with pytest.raises(NotPermitted):  # a reviewer of another department
            services.task_complete(actor=w.co_reviewers[2], task=co[0], verdict="agree")
        with pytest.raises(NotPermitted):  # the lead's reviewer is not a co-reviewer
            services.task_complete(actor=w.reviewer, task=co[0], verdict="agree")
        services.task_complete(actor=w.co_reviewers[0], task=co[0], verdict="agree")
        with pytest.raises(Conflict):  # acting twice on the same task
            services.task_complete(actor=w.co_reviewers[0], task=co[0], verdict="agree")
        with pytest.raises(IllegalTransition):  # the rating comes after completion
            services.case_rate(actor=w.citizen, case=case, level=5)
        with pytest.raises(ValidationError):
            services.task_complete(actor=w.co_reviewers[1], task=co[1], verdict="maybe")
    assert Task.objects.get(pk=co[1].pk).status == "open"
    # A reviewer of another department sees neither the task nor, before it, the case.
    outsider = StaffFactory(roles=[Role.REVIEWER])
    assert not tasks_for(outsider).exists() and not cases_visible_to(outsider).exists()
    assert set(tasks_for(w.co_reviewers[1])) == {co[1]}
    assert case in cases_visible_to(w.co_reviewers[1])


def test_an_instant_matter_is_accepted_decided_and_delivered_the_same_day(w):
    case = submit(w, power=w.instant, actor=w.clerk, day=D(2026, 11, 6))
    assert case.channel == "county_window" and case.service_centre == w.centre
    with on(D(2026, 11, 6)):
        services.case_handle_instant(actor=w.clerk, case=case, licence_number="ZZ-2026-0001")
    case.refresh_from_db()
    assert (case.status, case.accepted_on, case.decided_on, case.completed_on) == (
        "completed",
        D(2026, 11, 6),
        D(2026, 11, 6),
        D(2026, 11, 6),
    )
    instant = clock(case, "approval.instant")
    assert (instant.due_date, instant.completed_on) == (D(2026, 11, 6), D(2026, 11, 6))
    with pytest.raises(IllegalTransition):
        services.case_handle_instant(actor=w.clerk, case=submit(w, key="x"))


def test_an_application_taken_at_a_village_point_is_forwarded_with_its_receipt_date(w):
    township = TownshipFactory(parent=w.lead.division)
    village_point = ServiceCentreFactory(
        division=township, name="某村代办点", kind=ServiceCentre.Kind.VILLAGE_POINT
    )
    agent = StaffFactory(roles=[Role.VILLAGE_AGENT], service_centre=village_point)
    case = submit(w, actor=agent, day=D(2026, 11, 2))
    assert (case.channel, case.handling_centre) == ("village_point", None)
    assert case in intake_for(agent) and case not in intake_for(w.clerk)
    with on(D(2026, 11, 4)):
        with pytest.raises(NotPermitted):
            services.case_accept(actor=w.clerk, case=case)
        with pytest.raises(NotPermitted):
            services.case_forward(actor=w.clerk, case=case)
        services.case_forward(actor=agent, case=case)
        with pytest.raises(IllegalTransition):
            services.case_forward(actor=agent, case=case)
    case.refresh_from_db()
    assert (case.handling_centre, case.forwarded_on, case.received_on) == (
        w.centre,
        D(2026, 11, 4),
        D(2026, 11, 2),
    )
    assert case in intake_for(w.clerk)
    # The acceptance window runs from the day the point received the materials.
    assert clock(case, "approval.acceptance").due_date == D(2026, 11, 9)


def test_a_hearing_stops_the_clocks_while_it_runs(w):
    from zhengwu.catalog import services as catalog

    version = catalog.power_version_draft(actor=None, power=w.simple)
    Stage.objects.filter(version=version, code="review").update(position=1)
    Stage.objects.create(
        version=version,
        position=2,
        code="hearing",
        name="听证",
        kind="hearing",
        department=w.lead,
        role="reviewer",
        clock_excluded=True,
    )
    Stage.objects.filter(version=version, code__in=["decide", "deliver"]).update(
        position=models_F_position()
    )
    catalog.power_version_publish(actor=None, version=version)
    w.simple.refresh_from_db()
    case = submit(w)
    with on(D(2026, 11, 3)):
        services.case_accept(actor=w.clerk, case=case)
        services.task_complete(
            actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
        )
    legal = clock(case, "approval.legal")
    # Accepted 3 Nov, 20 working days → 1 Dec; suspended from 3 Nov.
    assert (legal.status, legal.suspended_since) == ("suspended", D(2026, 11, 3))
    with on(D(2026, 11, 10)):
        services.task_complete(
            actor=w.reviewer, task=case.tasks.get(stage_code="hearing"), verdict="agree"
        )
    legal.refresh_from_db()
    # 4, 5, 6, 9, 10 Nov excluded: 1 Dec + 5 working days → 8 Dec.
    assert (legal.status, legal.suspended_days, legal.due_date) == ("running", 5, D(2026, 12, 8))


def models_F_position():
    from django.db.models import F

    return F("position") + 10


def test_an_agency_clerk_files_and_follows_with_the_applicants_authorisation(w):
    enterprise = CitizenFactory()
    agent = StaffFactory(
        department=w.clerk.department, service_centre=w.centre, roles=[Role.WINDOW_CLERK]
    )
    stranger = StaffFactory(roles=[Role.REVIEWER], service_centre=w.centre)
    with on(D(2026, 11, 2)):
        with pytest.raises(NotPermitted):
            services.agency_authorise(
                actor=w.reviewer,
                applicant=enterprise,
                agent=agent,
                project="草原乳业扩建项目",
                document_reference="代办委托书〔2026〕3号",
            )
        with pytest.raises(ValidationError) as bad:
            services.agency_authorise(
                actor=w.head,
                applicant=enterprise,
                agent=stranger,
                project="",
                document_reference="",
            )
        assert set(bad.value.message_dict) == {"agent", "project", "document_reference"}
        agency = services.agency_authorise(
            actor=w.head,
            applicant=enterprise,
            agent=agent,
            project="草原乳业扩建项目",
            document_reference="代办委托书〔2026〕3号",
        )
        with pytest.raises(NotPermitted):
            services.case_submit(
                actor=stranger, applicant=enterprise, power=w.simple, idempotency_key="s"
            )
    case = submit(w, actor=agent, applicant=enterprise, key="agency")
    assert case.agency == agency and case.submitted_by == agent
    assert case in cases_visible_to(agent)
    assert last_event("case_submit").detail["agency"] == agency.pk


def test_the_applicant_withdraws_and_the_open_work_is_cancelled(w):
    case = submit(w, power=w.joint)
    accept_and_review(w, case)
    with on(D(2026, 11, 5)):
        with pytest.raises(NotPermitted):
            services.case_withdraw(actor=CitizenFactory(), case=case)
        services.case_withdraw(actor=w.citizen, case=case, reason="项目取消")
    case.refresh_from_db()
    assert case.status == "withdrawn" and case.withdrawn_on == D(2026, 11, 5)
    assert not case.tasks.filter(status="open").exists()
    assert (
        not Clock.objects.filter(owner_type="cases.case", owner_id=str(case.pk))
        .exclude(status="completed")
        .exists()
    )


def test_a_stored_notification_is_sent_once(w, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        case = submit(w)
    notification = Notification.objects.get(case=case, event="submitted")
    assert notification.sent_at is not None and len(mail.outbox) == 1
    assert dispatch(notification.pk) is False and len(mail.outbox) == 1
    assert case.number in mail.outbox[0].subject


def test_a_co_reviewer_past_its_stage_limit_is_visible(w):
    from zhengwu.cases.selectors import tasks_overdue

    case = submit(w, power=w.joint)
    co = accept_and_review(w, case)  # co-reviews open Tue 3 Nov, 10 working days → 17 Nov
    assert {t.due_on for t in co} == {D(2026, 11, 17)}
    with on(D(2026, 11, 16)):
        services.task_complete(actor=w.co_reviewers[0], task=co[0], verdict="agree")
    assert not tasks_overdue(on=D(2026, 11, 17)).exists()
    late = list(tasks_overdue(on=D(2026, 11, 18)))
    assert late == co[1:] and [t.department for t in late] == w.co[1:]


def test_files_are_filed_against_the_matters_own_materials(w):
    from zhengwu.catalog.models import Material

    own = Material.objects.get(version=w.simple.current, name="营业执照")
    foreign = Material.objects.get(version=w.joint.current, name="营业执照")
    with on(D(2026, 11, 2)):
        with pytest.raises(ValidationError) as wrong:
            services.case_submit(
                actor=w.citizen,
                applicant=w.citizen,
                power=w.simple,
                idempotency_key="m1",
                files=[(foreign, pdf())],
            )
        assert "files" in wrong.value.message_dict
        case = services.case_submit(
            actor=w.citizen,
            applicant=w.citizen,
            power=w.simple,
            idempotency_key="m2",
            files=[(own, pdf("执照.pdf")), pdf("其他.pdf")],
        ).case
    assert [(m.original_name, m.catalog_material) for m in case.materials.order_by("id")] == [
        ("执照.pdf", own),
        ("其他.pdf", None),
    ]

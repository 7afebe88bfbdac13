"""Which alerts the sweep raises, on dates worked out by hand (November 2026: no holidays;
Mondays 2, 9, 16, 23, 30 Nov)."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from tests.cases.world import build_world, pdf
from zhengwu.cases import services as cases
from zhengwu.cases.models import Task
from zhengwu.catalog.models import Fee
from zhengwu.supervision import services
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep
from zhengwu.workdays import services as clocks
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


def submit(w, power, key, day):
    with on(day):
        return cases.case_submit(
            actor=w.citizen, applicant=w.citizen, power=power, idempotency_key=key, files=[pdf()]
        ).case


def open_alerts(**filters):
    return {
        (a.rule.code, a.key)
        for a in Alert.objects.filter(status="open", **filters).select_related("rule")
    }


def clock_key(case, purpose):
    clock = Clock.objects.get(owner_type="cases.case", owner_id=str(case.pk), purpose=purpose)
    return f"clock:{clock.pk}"


def run(day):
    with on(day):
        return sweep(on=day)


def test_warnings_before_the_limit_violations_after_and_closing_clears_them(w):
    # Accepted Mon 2 Nov. Promised 10 working days → Mon 16 Nov; legal 20 → Mon 30 Nov.
    # Review done Tue 3 Nov; the decision stage (10 days) is due Tue 17 Nov.
    case = submit(w, w.simple, "a", D(2026, 11, 2))
    with on(D(2026, 11, 2)):
        cases.case_accept(actor=w.clerk, case=case)
    with on(D(2026, 11, 3)):
        cases.task_complete(
            actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
        )
    promised, legal = clock_key(case, "approval.promised"), clock_key(case, "approval.legal")
    decide = case.tasks.get(stage_code="decide")

    # Wed 11 Nov: 2 working days ahead is Fri 13 Nov; the promised clock (16 Nov) is not near.
    assert run(D(2026, 11, 11)).total_raised == 0
    # Thu 12 Nov: 2 working days ahead is Mon 16 Nov → yellow on the promised clock. The legal
    # clock (limit 20: threshold 20% = 4 days → Wed 18 Nov) is not near.
    result = run(D(2026, 11, 12))
    assert open_alerts() == {("near_due", promised)}
    assert result.raised == {**dict.fromkeys(result.raised, 0), "near_due": 1}
    # The same day again: nothing new, no duplicate.
    assert run(D(2026, 11, 12)).total_raised == 0
    assert Alert.objects.count() == 1
    # Tue 17 Nov: the promised clock is overdue (red); its warning is cleared.
    run(D(2026, 11, 17))
    assert open_alerts() == {("overdue", promised)}
    assert Alert.objects.get(key=promised, rule__code="near_due").status == "cleared"
    # Wed 18 Nov: the decision stage (due 17 Nov) is late (yellow), and nothing has happened
    # since 3 Nov — the day 10 working days before 18 Nov is 4 Nov → stale (yellow).
    run(D(2026, 11, 18))
    assert open_alerts() == {
        ("overdue", promised),
        ("stage_late", f"task:{decide.pk}"),
        ("stale_case", f"case:{case.pk}"),
    }
    # Tue 24 Nov: the legal clock has 4 working days left (25, 26, 27, 30 Nov) → yellow.
    run(D(2026, 11, 24))
    assert ("near_due", legal) in open_alerts()
    alert = Alert.objects.get(key=legal, status="open")
    assert (alert.severity, alert.department, alert.case, alert.due_date) == (
        "yellow",
        w.lead,
        case,
        D(2026, 11, 30),
    )
    # Decided and delivered on 25 Nov: completing the case clears its clock alerts.
    with on(D(2026, 11, 25)):
        cases.case_decide(actor=w.head, case=case, decision="approve")
        cases.case_deliver(actor=w.clerk, case=case, method="window", licence_number="L-1")
    run(D(2026, 11, 25))
    assert open_alerts() == set()


def test_acceptance_decided_late_is_red_and_the_deemed_acceptance_stays_on_record(w):
    case = submit(w, w.simple, "b", D(2026, 11, 2))  # window: 3, 4, 5, 6, 9 Nov
    window = clock_key(case, "approval.acceptance")
    run(D(2026, 11, 4))  # 2 working days ahead: 6 Nov
    assert open_alerts() == set()
    run(D(2026, 11, 5))  # 2 working days ahead: 9 Nov → warning
    assert open_alerts() == {("near_due", window)}
    run(D(2026, 11, 10))
    assert open_alerts() == {("acceptance_late", window)}
    with on(D(2026, 11, 10)):
        cases.case_accept(actor=w.clerk, case=case)
    run(D(2026, 11, 10))
    assert open_alerts() == {("deemed_acceptance", f"case:{case.pk}")}
    # A fact of the past: it stays, even after the case is completed, until resolved.
    alert = Alert.objects.get(status="open")
    with pytest.raises(services.NotPermitted):
        services.alert_resolve(actor=w.head, alert=alert, note="已整改")
    with on(D(2026, 11, 11)):
        services.alert_resolve(actor=supervisor(), alert=alert, note="已约谈窗口负责人")
    run(D(2026, 11, 12))
    assert not open_alerts(rule__code="deemed_acceptance")
    assert Alert.objects.filter(rule__code="deemed_acceptance").count() == 1
    # Its clocks run from 2 Nov (the day the materials arrived): promised due 16 Nov, so on
    # 12 Nov the case is already near its limit.
    assert open_alerts() == {("near_due", clock_key(case, "approval.promised"))}


def supervisor():
    from tests.factories import Role, StaffFactory

    return StaffFactory(roles=[Role.SUPERVISOR])


def test_a_second_correction_request_and_a_fee_off_the_standard_are_violations(w):
    case = submit(w, w.simple, "c", D(2026, 11, 2))
    with on(D(2026, 11, 3)):
        cases.case_request_correction(actor=w.clerk, case=case, items=["营业执照"])
        cases.case_supply_materials(actor=w.citizen, case=case, files=[pdf()])
        run(D(2026, 11, 3))
        assert open_alerts() == set()
        cases.case_request_correction(
            actor=w.clerk, case=case, items=["法人身份证明"], reason="法人变更"
        )
    run(D(2026, 11, 3))
    assert open_alerts() == {("repeated_correction", f"case:{case.pk}")}
    with on(D(2026, 11, 4)):
        cases.case_supply_materials(actor=w.citizen, case=case, files=[pdf()])
        cases.case_accept(actor=w.clerk, case=case)
        fee = Fee.objects.get(version=case.power_version)
        ok = services.fee_charge(
            actor=w.clerk, case=case, fee=fee, amount="50.00", receipt_number="R-001"
        )
        wrong = services.fee_charge(
            actor=w.clerk, case=case, fee=fee, amount="80", receipt_number="R-002"
        )
        with pytest.raises(services.ValidationError) as duplicate:
            services.fee_charge(
                actor=w.clerk, case=case, fee=fee, amount="50", receipt_number="R-002"
            )
        assert "receipt_number" in duplicate.value.message_dict
    # fee_charge re-evaluates the case at once: no sweep needed.
    assert ("fee_mismatch", f"fee:{wrong.pk}") in open_alerts()
    assert ("fee_mismatch", f"fee:{ok.pk}") not in open_alerts()


def test_late_co_reviews_are_red_for_their_own_departments(w):
    case = submit(w, w.joint, "d", D(2026, 11, 2))
    with on(D(2026, 11, 3)):
        cases.case_accept(actor=w.clerk, case=case)
        cases.task_complete(
            actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
        )
    co1, co2, co3 = (case.tasks.get(stage_code=c) for c in ("co1", "co2", "co3"))
    with on(D(2026, 11, 16)):
        cases.task_complete(actor=w.co_reviewers[0], task=co1, verdict="agree")
    run(D(2026, 11, 17))  # due 17 Nov: not late yet
    assert not open_alerts(rule__code="co_review_late")
    run(D(2026, 11, 18))
    assert open_alerts(rule__code="co_review_late") == {
        ("co_review_late", f"task:{co2.pk}"),
        ("co_review_late", f"task:{co3.pk}"),
    }
    assert set(
        Alert.objects.filter(rule__code="co_review_late").values_list("department", flat=True)
    ) == {w.co[1].pk, w.co[2].pk}
    with on(D(2026, 11, 18)):
        cases.task_complete(actor=w.co_reviewers[1], task=co2, verdict="agree")
    run(D(2026, 11, 18))
    assert open_alerts(rule__code="co_review_late") == {("co_review_late", f"task:{co3.pk}")}


def test_a_bad_rating_not_followed_up_in_15_working_days(w):
    case = submit(w, w.instant, "e", D(2026, 11, 2))
    with on(D(2026, 11, 2)):
        cases.case_handle_instant(actor=w.clerk, case=case, licence_number="X-1")
        cases.case_rate(actor=w.citizen, case=case, level=1, comment="态度差")
    # Follow-up due: 3–6, 9–13, 16–20, 23 Nov (15 working days) → Mon 23 Nov.
    run(D(2026, 11, 23))
    assert not open_alerts(rule__code="rating_follow_up_late")
    run(D(2026, 11, 24))
    assert open_alerts(rule__code="rating_follow_up_late") == {
        ("rating_follow_up_late", f"rating:{case.rating.pk}")
    }


def test_a_suspension_without_a_reason_or_running_too_long(w):
    case = submit(w, w.simple, "f", D(2026, 11, 2))
    with on(D(2026, 11, 2)):
        cases.case_accept(actor=w.clerk, case=case)
        legal = Clock.objects.get(owner_id=str(case.pk), purpose="approval.legal")
        promised = Clock.objects.get(owner_id=str(case.pk), purpose="approval.promised")
        bare = clocks.clock_suspend(actor=w.head, clock=legal, on=D(2026, 11, 2), reason="other")
        noted = clocks.clock_suspend(
            actor=w.head, clock=promised, on=D(2026, 11, 2), reason="hearing", note="申请人要求听证"
        )
    run(D(2026, 11, 3))
    assert open_alerts(rule__code="suspension_overrun") == {
        ("suspension_overrun", f"suspension:{bare.pk}")
    }
    # 20 working days after 2 Nov is 30 Nov: on 30 Nov it is not yet too long, on 1 Dec it is.
    run(D(2026, 11, 30))
    assert ("suspension_overrun", f"suspension:{noted.pk}") not in open_alerts()
    run(D(2026, 12, 1))
    assert ("suspension_overrun", f"suspension:{noted.pk}") in open_alerts()


def test_a_case_completed_without_a_required_stage(w):
    case = submit(w, w.simple, "g", D(2026, 11, 2))
    with on(D(2026, 11, 2)):
        cases.case_accept(actor=w.clerk, case=case)
        cases.task_complete(
            actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
        )
        cases.case_decide(actor=w.head, case=case, decision="approve")
        cases.case_deliver(actor=w.clerk, case=case, method="window", licence_number="L-2")
    run(D(2026, 11, 3))
    assert not open_alerts(rule__code="missing_stages")
    # A record that skipped its review (e.g. migrated from another system) is a violation.
    Task.objects.filter(case=case, stage_code="review").delete()
    run(D(2026, 11, 3))
    assert open_alerts(rule__code="missing_stages") == {("missing_stages", f"case:{case.pk}")}


def test_every_change_of_a_case_re_evaluates_it_at_once(w, django_capture_on_commit_callbacks):
    case = submit(w, w.simple, "h", D(2026, 11, 2))
    with on(D(2026, 11, 10)), django_capture_on_commit_callbacks(execute=True):
        cases.case_accept(actor=w.clerk, case=case)  # deemed: the window ended 9 Nov
    assert open_alerts() == {("deemed_acceptance", f"case:{case.pk}")}


def test_the_command_runs_the_sweep_and_reports(w):
    case = submit(w, w.simple, "i", D(2026, 11, 2))
    out = io.StringIO()
    with on(D(2026, 11, 10)):
        call_command("supervise", stdout=out)
    assert "acceptance_late: +1" in out.getvalue()
    assert open_alerts() == {("acceptance_late", clock_key(case, "approval.acceptance"))}


def test_a_full_sweep_runs_the_registered_jobs_of_that_day_first(w, monkeypatch):
    from zhengwu.supervision import sweep as sweep_module

    seen = []
    monkeypatch.setattr(sweep_module, "_JOBS", {})
    sweep_module.register_sweep_job("test.lapse", lambda day: seen.append(day) or len(seen))
    result = sweep(on=D(2026, 11, 18))
    assert seen == [D(2026, 11, 18)]
    assert result.jobs == {"test.lapse": 1}
    case = submit(w, w.joint, "job-scope", D(2026, 11, 16))
    seen.clear()
    assert sweep(on=D(2026, 11, 18), scope=[case.pk]).jobs == {}
    assert seen == []


def _outcome(work, cases_):
    """The alerts of ``cases_`` after ``work()``, rolled back afterwards."""
    from django.db import transaction

    with transaction.atomic():
        work()
        seen = set(
            Alert.objects.filter(case__in=cases_).values_list(
                "rule__code", "key", "status", "case_id", "department_id", "due_date", "cleared_on"
            )
        )
        transaction.set_rollback(True)
    return seen


def test_a_sweep_of_each_case_alone_ends_as_the_full_sweep_does(w, monkeypatch):
    from zhengwu.supervision import sweep as sweep_module

    monkeypatch.setattr(sweep_module, "_JOBS", {})
    late = submit(w, w.simple, "eq-late", D(2026, 11, 2))
    joint = submit(w, w.joint, "eq-joint", D(2026, 11, 2))
    suspended = submit(w, w.simple, "eq-suspended", D(2026, 11, 2))
    done = submit(w, w.instant, "eq-done", D(2026, 11, 2))
    everyone = [late, joint, suspended, done]
    with on(D(2026, 11, 3)):
        for case in (joint, suspended):
            cases.case_accept(actor=w.clerk, case=case)
        cases.task_complete(
            actor=w.reviewer, task=joint.tasks.get(stage_code="review"), verdict="agree"
        )
        legal = Clock.objects.get(owner_id=str(suspended.pk), purpose="approval.legal")
        clocks.clock_suspend(actor=w.head, clock=legal, on=D(2026, 11, 3), reason="other")
        cases.case_handle_instant(actor=w.clerk, case=done, licence_number="X-9")
        cases.case_rate(actor=w.citizen, case=done, level=1, comment="慢")
    compared, statuses = 0, set()
    for day in (D(2026, 11, 4), D(2026, 11, 12), D(2026, 11, 18), D(2026, 11, 25)):
        with on(day):
            if day == D(2026, 11, 25):  # a change between sweeps: its alert must clear
                cases.task_complete(
                    actor=w.co_reviewers[0], task=joint.tasks.get(stage_code="co1"), verdict="agree"
                )

            def each(day=day):
                for case in everyone:
                    sweep(on=day, scope=[case.pk])

            alone = _outcome(each, everyone)
            together = _outcome(lambda day=day: sweep(on=day), everyone)
            assert alone == together
            compared += len(together)
            statuses |= {alert[2] for alert in together}
            sweep(on=day)  # the state the next day starts from
    assert compared > 10
    assert statuses == {"open", "cleared"}

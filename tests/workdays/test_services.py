import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import CountyFactory, Role, StaffFactory
from zhengwu.common.audit import audit_verify
from zhengwu.common.errors import DomainError, IllegalTransition
from zhengwu.common.models import AuditEvent
from zhengwu.workdays import services
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock, ClockSuspension
from zhengwu.workdays.redate import recompute_due_dates
from zhengwu.workdays.schedule import parse_schedule

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def owner():
    return CountyFactory()


@pytest.fixture
def clerk():
    return StaffFactory(roles=[Role.REVIEWER])


def start(owner, actor, **kwargs):
    defaults = {
        "purpose": "approval.legal",
        "day_kind": Clock.DayKind.WORKING,
        "started_on": D(2026, 9, 30),
        "limit_days": 20,
        "max_extension_days": 10,
        "legal_basis": "《行政许可法》第四十二条",
        "division": owner,
    }
    return services.clock_start(actor=actor, owner=owner, **{**defaults, **kwargs})


def test_clock_start_sets_the_due_date_and_audits(owner, clerk):
    clock = start(owner, clerk)
    assert clock.due_date == D(2026, 11, 3) and clock.status == "running"
    event = AuditEvent.objects.get(action="clock_start")
    assert (event.object_type, event.object_id) == ("org.division", str(owner.pk))
    assert event.actor == clerk and event.to_state == "running"
    assert event.detail["due_date"] == "2026-11-03"


def test_suspended_for_a_hearing_for_seven_working_days(owner, clerk):
    clock = start(owner, clerk)
    # Hearing notice sent Mon 2026-10-12; hearing held and clock resumed Wed 2026-10-21:
    # excluded working days after 10-12 up to 10-21: 13,14,15,16,19,20,21 = 7.
    services.clock_suspend(
        actor=clerk, clock=clock, on=D(2026, 10, 12), reason="hearing", note="申请人要求听证"
    )
    clock.refresh_from_db()
    assert clock.status == "suspended" and clock.suspended_since == D(2026, 10, 12)
    clock = services.clock_resume(actor=clerk, clock=clock, on=D(2026, 10, 21))
    suspension = ClockSuspension.objects.get(clock=clock)
    assert suspension.excluded_days == 7 and clock.suspended_days == 7
    # 2026-11-03 plus 7 working days: 11-04,05,06,09,10,11,12 → Thu 2026-11-12.
    assert clock.due_date == D(2026, 11, 12)
    actions = list(
        AuditEvent.objects.filter(action__startswith="clock_").values_list(
            "action", "from_state", "to_state"
        )
    )
    assert actions == [
        ("clock_start", "", "running"),
        ("clock_suspend", "running", "suspended"),
        ("clock_resume", "suspended", "running"),
    ]


def test_extension_within_the_allowance_only(owner, clerk):
    head = StaffFactory(roles=[Role.DEPARTMENT_HEAD])
    clock = start(owner, clerk)
    clock = services.clock_extend(
        actor=clerk,
        clock=clock,
        days=10,
        approved_by=head,
        approved_on=D(2026, 10, 30),
        reason="情况复杂，经负责人批准延长",
    )
    # 20 + 10 working days after 2026-09-30: 11-03 (20) then 11-04..06 (23), 11-09..13 (28),
    # 11-16, 11-17 (30).
    assert clock.due_date == D(2026, 11, 17)
    assert clock.extensions.get().due_before == D(2026, 11, 3)
    with pytest.raises(DomainError) as excinfo:
        services.clock_extend(
            actor=clerk,
            clock=clock,
            days=1,
            approved_by=head,
            approved_on=D(2026, 10, 30),
            reason="再延",
        )
    assert excinfo.value.code == "extension_exceeds_limit"
    with pytest.raises(DomainError):
        services.clock_extend(
            actor=clerk,
            clock=clock,
            days=1,
            approved_by=head,
            approved_on=D(2026, 10, 30),
            reason=" ",
        )


def test_illegal_moves_raise(owner, clerk):
    clock = start(owner, clerk)
    with pytest.raises(IllegalTransition):
        services.clock_resume(actor=clerk, clock=clock, on=D(2026, 10, 9))
    services.clock_complete(actor=clerk, clock=clock, on=D(2026, 10, 20))
    for call in (
        lambda: services.clock_suspend(
            actor=clerk, clock=clock, on=D(2026, 10, 21), reason="hearing"
        ),
        lambda: services.clock_complete(actor=clerk, clock=clock, on=D(2026, 10, 21)),
    ):
        with pytest.raises(IllegalTransition):
            call()
    with pytest.raises(IllegalTransition):
        services.clock_extend(
            actor=clerk,
            clock=clock,
            days=1,
            approved_by=clerk,
            approved_on=D(2026, 10, 21),
            reason="x",
        )


def test_completing_while_suspended_closes_the_suspension(owner, clerk):
    clock = start(owner, clerk)
    services.clock_suspend(actor=clerk, clock=clock, on=D(2026, 10, 12), reason="correction")
    clock = services.clock_complete(actor=clerk, clock=clock, on=D(2026, 10, 14))
    assert clock.status == "completed" and clock.suspended_since is None
    assert clock.suspensions.get().excluded_days == 2


def test_calendar_day_clock(owner, clerk):
    clock = start(
        owner,
        clerk,
        purpose="reconsideration.decision",
        day_kind=Clock.DayKind.CALENDAR,
        started_on=D(2026, 7, 8),
        limit_days=60,
        max_extension_days=30,
    )
    assert clock.due_date == D(2026, 9, 7)


def test_disclosure_request_into_2027_is_redated_when_the_schedule_is_loaded(owner, clerk):
    admin = StaffFactory(roles=[Role.ADMINISTRATOR])
    clock = start(
        owner,
        clerk,
        purpose="disclosure.reply",
        started_on=D(2026, 12, 10),
        max_extension_days=20,
        legal_basis="《政府信息公开条例》第三十三条",
    )
    assert (clock.due_date, clock.provisional) == (D(2027, 1, 7), True)
    done = start(owner, clerk, started_on=D(2026, 12, 1))
    services.clock_complete(actor=clerk, clock=done, on=D(2026, 12, 20))
    schedule = parse_schedule(
        "year: 2027\nsource: 测试通知\n"
        "holidays:\n  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}\n"
        "  - {name: 春节, start: 2027-02-06, end: 2027-02-12}\n"
        "workdays: [2027-02-14, 2027-02-20]\n"
    )
    result = services.calendar_load_year(actor=admin, schedule=schedule)
    clock.refresh_from_db()
    # Counting after 2026-12-10: 12-11 (1), 12-14..18 (6), 12-21..25 (11), 12-28..31 (15);
    # 2027-01-01 is now 元旦, so 01-04..08 (20): Fri 2027-01-08, no longer provisional.
    assert (clock.due_date, clock.provisional) == (D(2027, 1, 8), False)
    assert result.changed == [(clock.pk, D(2027, 1, 7), D(2027, 1, 8))]
    [event] = AuditEvent.objects.filter(action="clock_redate")
    assert event.object_id == str(owner.pk) and event.detail["due_after"] == "2027-01-08"
    assert event.actor == admin
    assert AuditEvent.objects.filter(action="calendar_load_year").count() == 1
    assert get_calendar().add_workdays(D(2026, 12, 10), 20).provisional is False
    assert audit_verify().ok


def test_setting_one_day_by_hand_renumbers_and_redates(owner, clerk):
    admin = StaffFactory(roles=[Role.ADMINISTRATOR])
    clock = start(owner, clerk)
    services.calendar_set_day(
        actor=admin,
        date=D(2026, 10, 20),
        is_workday=False,
        holiday_name="临时停工",
        reason="上级通知",
    )
    clock.refresh_from_db()
    assert clock.due_date == D(2026, 11, 4)
    assert get_calendar().workdays_between(D(2026, 10, 19), D(2026, 10, 21)) == 1


clock_params = st.tuples(
    st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31)),
    st.integers(min_value=0, max_value=90),
    st.sampled_from([Clock.DayKind.WORKING, Clock.DayKind.CALENDAR]),
    st.integers(min_value=0, max_value=15),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(clock_params, min_size=1, max_size=30))
def test_set_based_due_dates_agree_with_python(owner, params):
    Clock.objects.all().delete()
    clocks = [
        Clock(
            purpose="p",
            owner_type="org.division",
            owner_id="1",
            day_kind=kind,
            started_on=started,
            limit_days=limit,
            suspended_days=excluded,
            due_date=D(2000, 1, 1),
        )
        for started, limit, kind, excluded in params
    ]
    Clock.objects.bulk_create(clocks)
    recompute_due_dates(Clock.objects.all())
    for clock in Clock.objects.all():
        expected = services.compute_due(clock)
        assert (clock.due_date, clock.provisional) == (expected.date, expected.provisional), clock


def test_calendar_cache_is_not_fooled_by_a_rolled_back_change():
    from django.db import transaction

    admin = StaffFactory(roles=[Role.ADMINISTRATOR])
    x, y = D(2026, 10, 20), D(2026, 10, 21)
    assert get_calendar().day_is_workday(x) and get_calendar().day_is_workday(y)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.calendar_set_day(actor=admin, date=x, is_workday=False, reason="撤回的修改")
        assert not get_calendar().day_is_workday(x)  # cached inside the doomed transaction
        raise RuntimeError("roll back")
    services.calendar_set_day(actor=admin, date=y, is_workday=False, reason="真正的修改")
    calendar = get_calendar()
    assert calendar.day_is_workday(x) and not calendar.day_is_workday(y)


def test_progress_counts_days_left_and_used(owner, clerk):
    from zhengwu.workdays.selectors import clock_progress

    clock = start(owner, clerk)  # 20 working days after Wed 2026-09-30: due Tue 2026-11-03
    # On Tue 2026-10-13: used 10-08, 10-09, 10-10 (adjusted), 10-12, 10-13 = 5; left 15.
    progress = clock_progress(clock, D(2026, 10, 13))
    assert (progress.state, progress.elapsed, progress.working_days_left) == ("running", 5, 15)
    # Suspended on 10-13 for a hearing: the count stands still however late it is looked at.
    services.clock_suspend(actor=clerk, clock=clock, on=D(2026, 10, 13), reason="hearing")
    clock.refresh_from_db()
    later = clock_progress(clock, D(2026, 10, 23))
    assert (later.state, later.elapsed, later.working_days_left) == ("suspended", 5, 15)
    # Resumed 10-16 (3 working days excluded: 14, 15, 16): due moves to Fri 2026-11-06.
    clock = services.clock_resume(actor=clerk, clock=clock, on=D(2026, 10, 16))
    assert clock.due_date == D(2026, 11, 6)
    # On 11-09 it is overdue by one working day; used: 24 working days after 09-30 up to
    # 11-09, less the 3 excluded = 21.
    overdue = clock_progress(clock, D(2026, 11, 9))
    assert (overdue.state, overdue.working_days_left) == ("overdue", -1)
    assert overdue.elapsed == 21

"""The demo county's cases reproduce the seed's figures, and every state has an open case."""

import datetime

import pytest
from django.utils import timezone

from zhengwu.cases import stats
from zhengwu.cases.demo import CENTRE_YEARS, HALL_YEARS
from zhengwu.cases.models import Case, Rating, Task
from zhengwu.cases.selectors import intake_for, tasks_for
from zhengwu.cases.services import needs_forwarding
from zhengwu.common.audit import audit_verify
from zhengwu.common.identity import validate_credit_code, validate_id_number
from zhengwu.common.models import AuditEvent
from zhengwu.demo.registry import LOADERS, DemoContext, demo_load
from zhengwu.org.models import User
from zhengwu.org.selectors import home_county
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

D = datetime.date


def test_the_year_table_adds_up_to_the_seeds_totals():
    """42,756 accepted and 41,473 completed to the end of 2012; 4,300 / 582 / 4,284 in 2012."""
    assert sum(accepted for accepted, _i, _w in CENTRE_YEARS.values()) == 42_756
    assert sum(a - w for a, _i, w in CENTRE_YEARS.values()) == 41_473
    assert CENTRE_YEARS[2012] == (4300, 582, 4300 - 4284)
    assert sum(HALL_YEARS.values()) == 2280
    assert LOADERS.index("zhengwu.cases.demo") > LOADERS.index("zhengwu.catalog.demo")


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_cases_give_the_seeds_figures_and_open_cases_in_every_state(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    messages = []
    demo_load(DemoContext(report=messages.append))
    assert any("current cases" in m for m in messages)
    county = home_county()
    cases = stats.cases_of(county)

    # The seed's figures, through the one set of definitions.
    assert stats.annual_figures(2012, cases=cases) == {
        "cases": {
            "accepted": 4300,
            "completed": 4284,
            "completion_rate": 99.6,
            "promised": 3718,
            "instant": 582,
        },
        "service_centre": {
            "accepted_to_date": 42_756,
            "completed_to_date": 41_473,
            "completion_rate_to_date": 97.0,
            "township_halls_accepted_to_date": 2280,
        },
    }
    # The 16 of 2012 not completed were withdrawn after acceptance; none is left open.
    centre_2012 = Case.objects.filter(handling_centre__kind="county_centre", accepted_on__year=2012)
    assert centre_2012.filter(status="withdrawn").count() == 16
    assert centre_2012.exclude(status__in=["completed", "withdrawn"]).count() == 0
    # No case of an earlier year is completed in 2012, so the year's 4,284 are its own.
    assert not Case.objects.filter(completed_on__year=2012, accepted_on__lt=D(2012, 1, 1)).exists()
    # Instant matters are accepted, decided and completed the same day.
    instant = centre_2012.filter(power_version__matter_type="instant")
    assert instant.count() == 582
    assert all(c.accepted_on == c.completed_on for c in instant.only("accepted_on", "completed_on"))
    by_kind = {
        g.key: g.figures for g in stats.case_figures_by(*stats.year_period(2012), "centre_kind")
    }
    assert by_kind["county_centre"].accepted == 4300
    assert by_kind["township_hall"].accepted == HALL_YEARS[2012]
    # Most promised cases met their promised limit, a few did not.
    centre = by_kind["county_centre"]
    assert 90 < centre.on_time_rate < 100 and 1 < centre.average_working_days < 10
    figures = stats.case_figures(*stats.year_period(2012), cases=cases)
    assert figures.rated > 500 and 0 < figures.satisfaction_rate < 100
    # The spread: every channel, most departments stationed in the centre, every month.
    by_channel = stats.case_figures_by(*stats.year_period(2012), "channel")
    assert {g.key for g in by_channel} == {
        "online",
        "county_window",
        "township_hall",
        "village_point",
    }
    assert len(stats.case_figures_by(*stats.year_period(2012), "department")) >= 29
    months = stats.case_figures_by(*stats.year_period(2012), "month")
    assert all(g.figures.accepted > 100 for g in months)

    # The historic clocks were dated by the calendar, as the services date them.
    calendar = get_calendar()
    sample = Clock.objects.filter(owner_type="cases.case", started_on__year=2008).order_by("pk")
    for clock in sample[:: max(sample.count() // 50, 1)]:
        assert clock.due_date == calendar.add_workdays(clock.started_on, clock.limit_days).date
    bad = Rating.objects.filter(level__lte=2, case__accepted_on__year__lte=2012)
    assert bad.exists()
    for rating in bad:
        assert rating.follow_up_on and rating.follow_up_answer
        assert rating.follow_up_due == calendar.add_workdays(rating.rated_on, 15).date

    # The applicants: valid identifiers, no usable password.
    pool = User.objects.filter(kind__in=["citizen", "organisation"]).exclude(
        username__in=["citizen", "enterprise"]
    )
    assert pool.count() >= 3000
    for user in pool:
        if user.kind == "citizen":
            assert validate_id_number(user.id_number) == user.id_number
        else:
            assert validate_credit_code(user.credit_code) == user.credit_code
        assert not user.has_usable_password()
    assert User.objects.get(username="citizen").has_usable_password()

    # The open cases, dated in the last weeks, in every state.
    today = timezone.localdate()
    recent = Case.objects.filter(received_on__gt=today - datetime.timedelta(days=45))
    # "delivered" is not a state a case rests in: delivery completes it when nothing follows.
    states = set(Case.Status.values) - {"delivered"}
    assert set(recent.values_list("status", flat=True)) == states
    assert recent.filter(status="completed", delivered_on__isnull=False).exists()
    assert all(c.submitted_at.date() >= today - datetime.timedelta(days=1) for c in recent)
    at_point = [c for c in recent.filter(status="submitted") if needs_forwarding(c)]
    assert len(at_point) == 1 and at_point[0].channel == "village_point"
    joint = recent.filter(power_version__name="建筑工程施工许可", status="in_review")
    open_co = {c.pk: c.tasks.filter(kind="co_review", status="open").count() for c in joint}
    assert sorted(open_co.values()) == [1, 3]
    late = Task.objects.get(case__in=joint, kind="co_review", status="open", due_on__lt=today)
    assert late.department.code == "hbj"
    awaiting = Rating.objects.get(case__in=recent, level__lte=2)
    assert awaiting.follow_up_on is None and awaiting.follow_up_due >= today
    assert (
        Clock.objects.get(
            owner_type="cases.rating", owner_id=str(awaiting.pk), status="running"
        ).due_date
        == awaiting.follow_up_due
    )
    for case in recent:  # driven through the services: each has its audit trail
        assert AuditEvent.objects.filter(
            object_type="cases.case", object_id=str(case.pk), action="case_submit"
        ).exists()

    # Every demo account finds work.
    user = {u.username: u for u in User.objects.filter(kind="staff")}
    assert intake_for(user["clerk"]).count() >= 3
    assert {t.kind for t in tasks_for(user["clerk"])} >= {"deliver"}
    assert [c.channel for c in intake_for(user["agent"])] == ["village_point"]
    assert {t.kind for t in tasks_for(user["reviewer"])} == {"review"}
    assert "decide" in {t.kind for t in tasks_for(user["head"])}
    citizen = User.objects.get(username="citizen")
    enterprise = User.objects.get(username="enterprise")
    assert recent.filter(applicant=citizen).count() >= 3
    assert recent.filter(applicant=enterprise, status="correction").exists()

    # One audit event for the bulk load, and the chains are intact.
    load = AuditEvent.objects.get(action="demo_load_cases")
    assert load.detail["cases"] == Case.objects.filter(received_on__year__lte=2012).count()
    assert audit_verify().ok

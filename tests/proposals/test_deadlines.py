"""The months-based reply limit and the working-day window for declining, worked out by hand."""

from __future__ import annotations

import datetime

import pytest

from tests.proposals.factories import assigned, make_world
from zhengwu.proposals import deadlines, services
from zhengwu.workdays.models import Clock

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (D(2012, 3, 15), 3, D(2012, 6, 15)),  # the same day number, 3 months on
        (D(2012, 11, 30), 3, D(2013, 2, 28)),  # February 2013 has 28 days: clamped
        (D(2011, 11, 30), 3, D(2012, 2, 29)),  # 2012 is a leap year: 29 February
        (D(2012, 12, 31), 2, D(2013, 2, 28)),
        (D(2012, 10, 15), 3, D(2013, 1, 15)),  # across the year
        (D(2012, 3, 31), 3, D(2012, 6, 30)),  # June has 30 days
        (D(2012, 1, 31), 1, D(2012, 2, 29)),
        (D(2012, 5, 10), 0, D(2012, 5, 10)),
    ],
)
def test_add_months_by_hand(start, months, due):
    assert deadlines.add_months(start, months) == due


def test_the_limit_in_days_is_the_days_to_that_date():
    # 2012-03-15 → 2012-06-15: 16 days left in March + 30 (April) + 31 (May) + 15 = 92.
    assert deadlines.months_in_days(D(2012, 3, 15), 3) == 92
    # 2012-11-30 → 2013-02-28: 31 (December) + 31 (January) + 28 = 90.
    assert deadlines.months_in_days(D(2012, 11, 30), 3) == 90


@pytest.mark.django_db
def test_the_reply_clock_is_a_calendar_clock_to_the_month_date(settings):
    world = make_world()
    proposal = assigned(world, on=D(2012, 3, 15))
    clock = Clock.objects.get(purpose=services.REPLY, owner_id=str(proposal.pk))
    assert (clock.day_kind, clock.limit_days) == ("calendar", 92)
    # 2012-06-15 is a Friday, a working day: the reply is due that day.
    assert clock.due_date == proposal.reply_due_on == D(2012, 6, 15)
    assert clock.department == world.lead
    # Assigned 2012-03-31: 3 months on is 2012-06-30, a Saturday, so the period ends on the
    # next working day, Monday 2012-07-02 (a calendar period ending on a day off rolls on).
    late = assigned(world, on=D(2012, 3, 31), title="关于城区集中供热的建议", co=False)
    assert late.reply_due_on == D(2012, 7, 2)
    # A configured limit of 2 months: 2012-03-15 → 2012-05-15 (a Tuesday).
    settings.ZHENGWU_PROPOSAL_REPLY_MONTHS = 2
    two = assigned(world, on=D(2012, 3, 15), title="关于农村牧区道路硬化的建议", co=False)
    assert two.reply_due_on == D(2012, 5, 15)


@pytest.mark.django_db
def test_the_cohandling_opinion_is_due_30_calendar_days_after_assignment():
    world = make_world()
    proposal = assigned(world, on=D(2012, 3, 15))
    co = proposal.assignments.get(role="co")
    clock = Clock.objects.get(purpose=services.COHANDLING, owner_id=str(co.pk))
    # 30 days after 2012-03-15 is 2012-04-14, a Saturday: the next working day is Monday 04-16.
    assert clock.due_date == co.opinion_due_on == D(2012, 4, 16)
    assert clock.department == world.co and clock.day_kind == "calendar"


@pytest.mark.django_db
def test_the_decline_window_is_5_working_days():
    world = make_world()
    # Assigned Thursday 2012-03-15: Fri 16, Mon 19, Tue 20, Wed 21, Thu 22 → until 03-22.
    proposal = assigned(world, on=D(2012, 3, 15))
    assert proposal.assignments.get(role="lead").decline_until == D(2012, 3, 22)
    # Assigned Thursday 2012-03-29, before the Qingming holiday (04-02 to 04-04, with Sat 31
    # March and Sun 1 April worked in lieu): Fri 30, Sat 31, Sun 1, Thu 5, Fri 6 → until 04-06.
    other = assigned(world, on=D(2012, 3, 29), title="关于新建城区公园的建议")
    assert other.assignments.get(role="lead").decline_until == D(2012, 4, 6)

"""Working-day arithmetic against chinese_calendar as an independent oracle."""

import datetime

import chinese_calendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.common.errors import DomainError
from zhengwu.workdays.counting import Counted, OutsideCalendar, get_calendar
from zhengwu.workdays.models import Day

pytestmark = pytest.mark.django_db
ONE = datetime.timedelta(days=1)
FIRST = datetime.date(2004, 1, 1)
LAST = datetime.date(2026, 12, 31)


def oracle_add(start: datetime.date, n: int) -> datetime.date:
    """Count working days one by one after ``start`` with chinese_calendar.is_workday."""
    day = start
    counted = 0
    while counted < n:
        day += ONE
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def oracle_between(a: datetime.date, b: datetime.date) -> int:
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    count = 0
    day = lo + ONE
    while day <= hi:
        count += chinese_calendar.is_workday(day)
        day += ONE
    return sign * count


dates = st.dates(min_value=FIRST, max_value=datetime.date(2026, 9, 30))
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(start=dates, n=st.integers(min_value=0, max_value=60))
def test_add_agrees_with_chinese_calendar(start, n):
    counted = get_calendar().add_workdays(start, n)
    assert counted.date == oracle_add(start, n)
    assert counted.provisional is False


@SETTINGS
@given(a=dates, b=dates)
def test_between_agrees_with_chinese_calendar(a, b):
    if abs((b - a).days) > 400:
        b = a + datetime.timedelta(days=(b - a).days % 400)
    if b > LAST:
        b = LAST
    assert get_calendar().workdays_between(a, b) == oracle_between(a, b)


def test_every_seeded_day_agrees_with_chinese_calendar():
    mismatches = [
        d
        for d, is_workday in Day.objects.filter(date__lte=LAST).values_list("date", "is_workday")
        if is_workday != chinese_calendar.is_workday(d)
    ]
    assert mismatches == []


def test_adjusted_working_weekend_days_are_working_days():
    calendar = get_calendar()
    for day in (datetime.date(2026, 2, 14), datetime.date(2026, 10, 10)):
        assert day.weekday() == 5 and calendar.day_is_workday(day)
        assert Day.objects.get(date=day).is_adjusted_workday
    assert Day.objects.get(date=datetime.date(2026, 10, 1)).holiday_name == "国庆节"
    assert Day.objects.get(date=datetime.date(2026, 2, 17)).holiday_name == "春节"


def test_ordinals_are_cumulative_working_days():
    rows = list(Day.objects.order_by("number").values_list("is_workday", "workday_ordinal"))
    running = 0
    for is_workday, ordinal in rows:
        running += is_workday
        assert ordinal == running


def test_licence_accepted_before_the_2026_national_day_holiday():
    # Accepted Wed 2026-09-30, the last working day before 国庆 (10-01..10-07 off).
    # Counting starts 10-01: Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 adjusted working day (3),
    # 10-12..16 (4-8), 10-19..23 (9-13), 10-26..30 (14-18), Mon 11-02 (19), Tue 11-03 (20).
    counted = get_calendar().add_workdays(datetime.date(2026, 9, 30), 20)
    assert counted.date == datetime.date(2026, 11, 3) and not counted.provisional


def test_counting_from_a_saturday_starts_on_the_next_working_day():
    calendar = get_calendar()
    # Sat 2026-11-28: 1 working day later is Mon 11-30, not Tue 12-01 as find_workday gives.
    assert calendar.add_workdays(datetime.date(2026, 11, 28), 1).date == datetime.date(2026, 11, 30)
    assert chinese_calendar.find_workday(1, datetime.date(2026, 11, 28)) == datetime.date(
        2026, 12, 1
    )


def test_a_deadline_counted_into_a_year_without_schedule_is_provisional():
    # Received Thu 2026-12-10; 2027 has no schedule yet, so Monday to Friday is assumed:
    # 12-11 (1), 12-14..18 (2-6), 12-21..25 (7-11), 12-28..31 (12-15), 2027-01-01 (16),
    # 01-04..07 (17-20).
    counted = get_calendar().add_workdays(datetime.date(2026, 12, 10), 20)
    assert counted.date == datetime.date(2027, 1, 7) and counted.provisional
    assert get_calendar().add_workdays(datetime.date(2026, 12, 10), 14).provisional is False


def test_sixty_calendar_days_ending_on_a_sunday_roll_to_monday():
    # Decision period of 60 calendar days from Wed 2026-07-08: 07-09..07-31 (23 days),
    # August (31, total 54), 09-01..09-06 (60): Sunday 2026-09-06, so it ends Mon 2026-09-07.
    calendar = get_calendar()
    start = datetime.date(2026, 7, 8)
    raw = start + datetime.timedelta(days=60)
    assert raw == datetime.date(2026, 9, 6) and raw.weekday() == 6
    assert calendar.add_calendar_days(start, 60) == Counted(datetime.date(2026, 9, 7), False)


def test_sixty_calendar_days_ending_inside_a_holiday_roll_past_it():
    # From Tue 2026-03-03, 60 days is Sat 2026-05-02, inside the 劳动节 break (05-01..05-05):
    # the period ends on the first working day after it, Wed 2026-05-06.
    start = datetime.date(2026, 3, 3)
    assert start + datetime.timedelta(days=60) == datetime.date(2026, 5, 2)
    assert get_calendar().add_calendar_days(start, 60).date == datetime.date(2026, 5, 6)


def test_bad_input_is_refused():
    calendar = get_calendar()
    with pytest.raises(OutsideCalendar):
        calendar.add_workdays(datetime.date(2003, 12, 31), 1)
    with pytest.raises(DomainError):
        calendar.add_workdays(datetime.date(2026, 1, 5), -1)
    with pytest.raises(OutsideCalendar):
        calendar.add_workdays(datetime.date(2040, 12, 1), 100)

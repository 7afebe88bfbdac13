import datetime

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse

from tests.factories import CountyFactory, Role, StaffFactory
from zhengwu.workdays import services
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


def test_calendar_page_marks_holidays_and_adjusted_days(client):
    html = client.get(reverse("workdays:calendar"), {"year": 2026}).content.decode()
    assert "国庆节" in html and "春节" in html
    assert html.count('class="day-adjusted') >= 6  # 2026 has several 调休上班 Saturdays/Sundays
    assert "暂定" not in html.split('id="year-title"')[1].split("</section>")[0]


def test_a_year_without_schedule_says_so(client):
    html = client.get(reverse("workdays:calendar"), {"year": 2027}).content.decode()
    assert "2027" in html and "暂定" in html
    assert 'class="day-holiday' not in html


def test_deadline_calculator(client):
    response = client.get(
        reverse("workdays:calendar"),
        {"year": 2026, "start": "2026-09-30", "days": 20, "day_kind": "working"},
    )
    html = response.content.decode()
    assert 'datetime="2026-11-03"' in html
    assert "次日起算" in html
    provisional = client.get(
        reverse("workdays:calendar"), {"start": "2026-12-10", "days": 20, "day_kind": "working"}
    ).content.decode()
    assert 'datetime="2027-01-07"' in provisional and "暂定" in provisional


def test_deadline_calculator_explains_bad_input_field_by_field(client):
    html = client.get(
        reverse("workdays:calendar"), {"start": "2003-05-01", "days": "-2", "day_kind": "working"}
    ).content.decode()
    assert html.count('class="field-error"') == 1  # days is wrong; start is only checked after
    html = client.get(
        reverse("workdays:calendar"), {"start": "2003-05-01", "days": "3", "day_kind": "working"}
    ).content.decode()
    assert "2003-05-01" in html and 'class="field-error"' in html
    html = client.get(
        reverse("workdays:calendar"), {"start": "不是日期", "days": "x", "day_kind": "working"}
    ).content.decode()
    assert html.count('class="field-error"') == 2


def test_out_of_range_year_is_404(client):
    assert client.get(reverse("workdays:calendar"), {"year": 1999}).status_code == 404
    assert client.get(reverse("workdays:calendar"), {"year": "abc"}).status_code == 404


@time_machine.travel(datetime.datetime(2026, 10, 20, 10, 0, tzinfo=datetime.UTC))
def test_clock_card_shows_days_left_and_rules():
    county = CountyFactory()
    clerk = StaffFactory(roles=[Role.REVIEWER])
    clock = services.clock_start(
        actor=clerk,
        owner=county,
        purpose="approval.legal",
        day_kind=Clock.DayKind.WORKING,
        started_on=D(2026, 9, 30),
        limit_days=20,
        legal_basis="《行政许可法》第四十二条",
    )
    html = Template("{% load clocks %}{% clock_card clock %}").render(Context({"clock": clock}))
    # On 2026-10-20, working days after it up to 2026-11-03: 10-21..23 (3), 10-26..30 (8),
    # 11-02, 11-03 (10).
    assert 'datetime="2026-11-03"' in html and "10" in html
    assert "《行政许可法》第四十二条" in html and "badge-running" in html


@time_machine.travel(datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC))
def test_workbench_warns_when_next_years_schedule_is_missing(client):
    county = CountyFactory()
    clerk = StaffFactory(roles=[Role.WINDOW_CLERK])
    services.clock_start(
        actor=clerk,
        owner=county,
        purpose="disclosure.reply",
        day_kind=Clock.DayKind.WORKING,
        started_on=D(2026, 12, 10),
        limit_days=20,
    )
    client.force_login(clerk)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "notice-warning" in html and "2027" in html

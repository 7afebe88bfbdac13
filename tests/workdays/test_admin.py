"""The calendar and clocks in the back office: days are corrected only through the service."""

import datetime

import pytest

from zhengwu.common.models import AuditEvent
from zhengwu.org.models import Division, User
from zhengwu.workdays import services
from zhengwu.workdays.models import CalendarVersion, Clock, Day

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_client(client):
    root = User.objects.create_superuser(
        username="root", password="Correct-horse-9", email="", kind="staff", full_name="管理员"
    )
    client.force_login(root)
    return client


def day_url(date: str, what: str = "change") -> str:
    number = Day.objects.get(date=date).number
    return f"/admin/workdays/day/{number}/{what}/"


def test_day_list_filters_and_search(root_client):
    response = root_client.get("/admin/workdays/day/", {"q": "2026-10-10"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    response = root_client.get(
        "/admin/workdays/day/", {"is_adjusted_workday__exact": "1", "date__year": "2026"}
    )
    dates = {day.date.isoformat() for day in response.context["cl"].queryset}
    assert {"2026-01-04", "2026-10-10"} <= dates
    assert root_client.get("/admin/workdays/day/", {"provisional__exact": "1"}).status_code == 200


def test_editing_a_day_goes_through_the_service(root_client):
    # Make Mon 2026-06-01 a day off by hand.
    day = Day.objects.get(date="2026-06-01")
    later = Day.objects.get(date="2026-06-02")
    assert day.is_workday
    version = CalendarVersion.objects.get(pk=1).number
    url = day_url("2026-06-01")
    form = root_client.get(url)
    assert form.status_code == 200
    assert b'name="reason"' in form.content
    assert b'name="workday_ordinal"' not in form.content  # read-only
    assert b'name="number"' not in form.content

    # Without a reason the form is refused and nothing changes.
    response = root_client.post(url, {"holiday_name": "儿童节", "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["adminform"].form.errors
    assert Day.objects.get(date="2026-06-01").is_workday

    response = root_client.post(url, {"holiday_name": "儿童节", "reason": "测试：临时调整"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    day.refresh_from_db()
    assert not day.is_workday
    assert day.holiday_name == "儿童节"
    assert day.workday_ordinal == later.workday_ordinal - 2  # 05-29, the working day before
    assert Day.objects.get(date="2026-06-02").workday_ordinal == later.workday_ordinal - 1
    last = Day.objects.get(date="2040-12-31")
    assert last.workday_ordinal == Day.objects.filter(is_workday=True).count()
    event = AuditEvent.objects.get(action="calendar_set_day")
    assert event.object_id == "2026-06-01"
    assert event.reason == "测试：临时调整"
    assert (event.from_state, event.to_state) == ("workday", "off")
    assert CalendarVersion.objects.get(pk=1).number == version + 1


def test_editing_a_day_redates_open_clocks(root_client):
    league = Division.objects.create(code="152500000000", name="锡林郭勒盟", level="league")
    # Fri 2026-05-29: 1 Mon 06-01, 2 Tue 06-02, 3 Wed 06-03.
    clock = services.clock_start(
        actor=None,
        owner=league,
        purpose="approval.legal",
        day_kind=Clock.DayKind.WORKING,
        started_on=datetime.date(2026, 5, 29),
        limit_days=3,
    )
    assert clock.due_date == datetime.date(2026, 6, 3)
    response = root_client.post(
        day_url("2026-06-01"), {"holiday_name": "", "reason": "测试"}, follow=True
    )
    assert response.status_code == 200
    clock.refresh_from_db()
    # 06-01 off: 1 Tue 06-02, 2 Wed 06-03, 3 Thu 06-04.
    assert clock.due_date == datetime.date(2026, 6, 4)
    assert AuditEvent.objects.filter(action="clock_redate").count() == 1


def test_saving_an_unchanged_day_is_refused(root_client):
    response = root_client.post(
        day_url("2026-06-01"), {"is_workday": "on", "holiday_name": "", "reason": "无"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert not AuditEvent.objects.filter(action="calendar_set_day").exists()


def test_days_cannot_be_added_or_deleted(root_client):
    assert root_client.get("/admin/workdays/day/add/").status_code == 403
    assert root_client.post(day_url("2026-06-01", "delete")).status_code == 403
    assert Day.objects.filter(date="2026-06-01").exists()


def test_calendar_years_are_read_only(root_client):
    response = root_client.get("/admin/workdays/calendaryear/")
    assert response.status_code == 200
    assert "2026" in response.content.decode()
    assert root_client.get("/admin/workdays/calendaryear/2026/change/").status_code == 200
    assert root_client.get("/admin/workdays/calendaryear/add/").status_code == 403
    assert root_client.post("/admin/workdays/calendaryear/2026/delete/").status_code == 403
    response = root_client.post("/admin/workdays/calendaryear/2026/change/", {"source": "x"})
    assert response.status_code == 403


def test_clocks_are_read_only_with_their_extensions_and_suspensions(root_client):
    league = Division.objects.create(code="152500000000", name="锡林郭勒盟", level="league")
    root = User.objects.get(username="root")
    clock = services.clock_start(
        actor=None,
        owner=league,
        purpose="disclosure.reply",
        day_kind=Clock.DayKind.WORKING,
        started_on=datetime.date(2026, 3, 2),
        limit_days=20,
        max_extension_days=20,
    )
    services.clock_extend(
        actor=root,
        clock=clock,
        days=20,
        approved_by=root,
        approved_on=datetime.date(2026, 3, 20),
        reason="负责人批准延长",
    )
    services.clock_suspend(
        actor=root, clock=clock, on=datetime.date(2026, 3, 23), reason="third_party"
    )
    listing = root_client.get("/admin/workdays/clock/")
    assert listing.status_code == 200
    assert "disclosure.reply" in listing.content.decode()
    url = f"/admin/workdays/clock/{clock.pk}/change/"
    page = root_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "负责人批准延长" in html
    assert 'name="due_date"' not in html
    assert root_client.post(url, {"limit_days": "1"}).status_code == 403
    assert root_client.get("/admin/workdays/clock/add/").status_code == 403
    assert root_client.post(f"/admin/workdays/clock/{clock.pk}/delete/").status_code == 403

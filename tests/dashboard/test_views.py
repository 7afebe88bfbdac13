"""The leaders' dashboard, checked against records made by hand.

The records of 2025 (a year far from the demo's, with no holiday in March–May that matters):

- cases of the county centre: 3 accepted in March at the county window, 2 accepted in March
  online; 2 of the window cases completed in April (the lead department: 5 accepted,
  2 completed: the report's completion rate 40.0%); 1 township-hall case of the lead
  department accepted in May (not a county centre case: counted in the charts, 33.3% for the
  department, not in the report's ``cases``);
- a case of 2024 (so the year selector lists 2025 and 2024);
- alerts: 2 red in March, 1 yellow in May;
- disclosure requests: 2 disclosed, 1 partly disclosed, concluded in 2025.
"""

from __future__ import annotations

import datetime
import io
import itertools
import json
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cases.world import build_world
from tests.disclosure.requests_world import ID_NUMBER
from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory
from zhengwu.cases.models import Case
from zhengwu.disclosure.models import DisclosureRequest
from zhengwu.supervision.models import Alert, Rule

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = 2025
MARCH = 2  # index of March in the chart's months
serial = itertools.count(1)


@pytest.fixture(autouse=True)
def fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Scene:
    def __init__(self):
        self.w = build_world()
        self.county = self.w.centre.division
        self.office = DepartmentFactory(
            division=self.county, code="gov-office", name="多伦县人民政府办公室", kind="office"
        )
        self.legal = StaffFactory(department=self.office, roles=[Role.LEGAL_OFFICER])
        self.window = [self.case("county_window", D(YEAR, 3, 2 + i)) for i in range(3)]
        self.online = [self.case("online", D(YEAR, 3, 10 + i)) for i in range(2)]
        for case in self.window[:2]:
            self.complete(case, D(YEAR, 4, 1))
        hall = self.w.centre.__class__.objects.create(
            division=self.county, name="某镇便民服务大厅", kind="township_hall"
        )
        self.hall_case = self.case("township_hall", D(YEAR, 5, 6), centre=hall)
        self.old = self.case("county_window", D(YEAR - 1, 6, 2))
        self.alert("red", D(YEAR, 3, 20))
        self.alert("red", D(YEAR, 3, 25))
        self.alert("yellow", D(YEAR, 5, 8))
        for outcome in ("disclosed", "disclosed", "partly_disclosed"):
            self.request(outcome, D(YEAR, 2, 3), D(YEAR, 2, 20))

    def case(self, channel, accepted, *, centre=None, department=None):
        n = next(serial)
        version = self.w.simple.current
        return Case.objects.create(
            number=f"T{YEAR}{n:06d}",
            query_digest="-",
            power_version=version,
            department=department or version.department,
            applicant=self.w.citizen,
            submitted_by=self.w.citizen if channel == "online" else self.w.clerk,
            channel=channel,
            service_centre=None if channel == "online" else (centre or self.w.centre),
            idempotency_key=f"k{n}",
            received_on=accepted,
            materials_complete_on=accepted,
            handling_centre=centre or self.w.centre,
            status="accepted",
            accepted_on=accepted,
        )

    def complete(self, case, on):
        Case.objects.filter(pk=case.pk).update(
            status="completed", decision="approve", decided_on=on, completed_on=on
        )

    def alert(self, severity, raised, case=None):
        case = case or self.window[0]
        return Alert.objects.create(
            rule=Rule.objects.get(code="overdue" if severity == "red" else "near_due"),
            severity=severity,
            key=f"t:{next(serial)}",
            object_type="cases.case",
            object_id=str(case.pk),
            case=case,
            department=case.department,
            raised_on=raised,
        )

    def request(self, outcome, received, concluded):
        return DisclosureRequest.objects.create(
            number=f"R{next(serial):06d}",
            query_digest="x",
            division=self.county,
            department=self.w.lead,
            applicant_type="natural_person",
            name="马丽",
            id_number=ID_NUMBER,
            phone="13904791234",
            channel="in_person",
            description="某信息",
            provision_form="paper",
            obtaining_method="collect",
            status="replied",
            received_on=received,
            outcome=outcome,
            concluded_on=concluded,
            replied_on=concluded,
            replied_by=self.legal,
        )


@pytest.fixture
def s():
    return Scene()


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def tile(html: str, key: str) -> str:
    match = re.search(
        rf'id="tile-{re.escape(key)}"[^>]*>\s*<span class="db-value">([^<]*)</span>', html
    )
    assert match, key
    return match.group(1)


def chart_data(html: str) -> dict:
    match = re.search(
        r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert match
    return json.loads(match.group(1))


def series(chart: dict, key: str) -> list:
    return next(x["data"] for x in chart["series"] if x["key"] == key)


def dashboard_url(year=YEAR):
    return f"{reverse('dashboard:dashboard')}?year={year}"


def test_the_tiles_show_the_figures_counted_from_the_records(client, s):
    html = get(client, s.legal, dashboard_url()).content.decode()
    # The county centre's cases of 2025: 5 accepted (3 window + 2 online), 2 completed.
    assert tile(html, "cases.accepted") == "5"
    assert tile(html, "cases.completed") == "2"
    assert tile(html, "cases.completion_rate") == "40.0%"
    # Requests received in 2025: 3.
    assert tile(html, "disclosure.requests") == "3"
    # Nothing proposed: a rate with nothing to count is "—".
    assert tile(html, "proposals.reply_rate") == "—"
    # Each tile links to the records behind it.
    explain = reverse("dashboard:explain", args=["cases.accepted"])
    assert f'href="{explain}?year={YEAR}"' in html


def test_the_charts_data_matches_hand_counts(client, s):
    html = get(client, s.legal, dashboard_url()).content.decode()
    data = chart_data(html)
    cases = data["cases_by_month"]
    assert len(cases["categories"]) == 12
    assert series(cases, "county_window")[MARCH] == 3
    assert series(cases, "online")[MARCH] == 2
    assert series(cases, "township_hall")[4] == 1  # May
    assert sum(series(cases, "county_window")) == 3  # the 2024 case is not in 2025
    departments = data["departments"]
    i = departments["categories"].index(s.w.lead.name)
    # The lead department's cases of every centre: 6 accepted (with the hall's), 2 completed.
    assert series(departments, "completion_rate")[i] == 33.3
    # No clock on these cases: no on-time rate, null in the JSON, "—" in the table.
    assert series(departments, "on_time_rate")[i] is None
    alerts = data["alerts"]
    assert series(alerts, "red")[MARCH] == 2
    assert series(alerts, "yellow")[4] == 1
    assert sum(series(alerts, "red")) + sum(series(alerts, "yellow")) == 3
    disclosure = data["disclosure"]
    assert disclosure["series"][0]["data"][:2] == [2, 1]  # disclosed, partly disclosed
    assert sum(disclosure["series"][0]["data"]) == 3
    # The enforcement chart is the tiles' figures.
    acts = data["enforcement"]["series"][0]["data"]
    assert sum(acts) == int(tile(html, "enforcement.acts.total"))
    # Every chart has its table of the same figures; the script is a static file, not inline.
    march = re.search(r'id="table-cases_by_month".*?</table>', html, re.S).group(0)
    assert re.search(r"2025年3月</th><td class=\"num\">2</td><td class=\"num\">3</td>", march)
    # The department's on-time rate, null in the JSON, reads "—" in its table.
    rates = re.search(r'id="table-departments".*?</table>', html, re.S).group(0)
    lead_row = re.search(rf"{s.w.lead.name}</th>(.*?)</tr>", rates).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', lead_row) == ["33.3%", "—"]
    assert "dashboard/dashboard.js" in html and "vendor/echarts-5.6.0/echarts.min.js" in html
    assert "<script>" not in html


def test_the_year_selector_lists_the_years_with_records_and_defaults_to_the_latest(client, s):
    html = get(client, s.legal, reverse("dashboard:dashboard")).content.decode()
    years = re.findall(r'<option value="(\d+)"( selected)?>', html)
    assert years == [(str(YEAR), " selected"), (str(YEAR - 1), "")]
    assert tile(html, "cases.accepted") == "5"
    older = get(client, s.legal, dashboard_url(YEAR - 1)).content.decode()
    assert tile(older, "cases.accepted") == "1"
    assert tile(older, "cases.completion_rate") == "0.0%"
    empty = get(client, s.legal, dashboard_url(2019)).content.decode()
    assert tile(empty, "cases.accepted") == "0"
    assert tile(empty, "cases.completion_rate") == "—"


def test_the_explain_page_lists_the_records_behind_a_figure(client, s):
    url = reverse("dashboard:explain", args=["cases.accepted"]) + f"?year={YEAR}"
    html = get(client, s.legal, url).content.decode()
    count = int(re.search(r'data-count="(\d+)"', html).group(1))
    assert count == 5
    numbers = {c.number for c in s.window + s.online}
    for number in numbers:
        assert f'href="{reverse("cases:case", args=[number])}"' in html
    assert s.hall_case.number not in html and s.old.number not in html
    # A rate shows its parts, each linking to its own figure.
    rate = get(
        client,
        s.legal,
        reverse("dashboard:explain", args=["cases.completion_rate"]) + f"?year={YEAR}",
    )
    text = rate.content.decode()
    assert re.search(r'id="figure">40.0%<', text)
    assert reverse("dashboard:explain", args=["cases.completed"]) in text
    assert get(client, s.legal, reverse("dashboard:explain", args=["no.such"])).status_code == 404


def test_the_explain_page_is_paginated(client, s):
    for i in range(55):
        s.case("county_window", D(YEAR, 6, 1) + datetime.timedelta(days=i % 20))
    url = reverse("dashboard:explain", args=["cases.accepted"]) + f"?year={YEAR}"
    first = get(client, s.legal, url).content.decode()
    assert re.search(r'data-count="(\d+)"', first).group(1) == "60"
    assert first.count('href="/cases/') == 50
    second = client.get(url + "&page=2").content.decode()
    assert second.count('href="/cases/') == 10
    assert "year=2025" in re.search(r'rel="prev"[^>]*|href="[^"]*" rel="prev"', second).group(0)


def test_the_xlsx_has_every_figure_and_every_chart(client, s):
    response = get(client, s.legal, reverse("dashboard:figures_xlsx") + f"?year={YEAR}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "指标"
    rows = {r[0]: r[2] for r in book["指标"].iter_rows(min_row=2, values_only=True)}
    assert rows["cases.accepted"] == 5
    assert rows["cases.completion_rate"] == 40.0
    assert rows["proposals.reply_rate"] is None
    assert len(book.sheetnames) == 7
    cases = book.worksheets[1]
    header = [c.value for c in cases[1]]
    march = [c.value for c in cases[2 + MARCH]]
    assert march[header.index(str(Case._meta.get_field("channel").choices[0][1]))] == 2
    assert sum(march[1:]) == 5


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("legal", True),
        ("supervisor", True),
        ("administrator", True),
        ("office_head", True),
        ("bureau_head", False),
        ("clerk", False),
        ("citizen", False),
    ],
)
def test_who_may_see_the_dashboard(client, s, who, allowed):
    users = {
        "legal": s.legal,
        "supervisor": StaffFactory(department=s.w.lead, roles=[Role.SUPERVISOR]),
        "administrator": StaffFactory(department=s.w.lead, roles=[Role.ADMINISTRATOR]),
        "office_head": StaffFactory(department=s.office, roles=[Role.DEPARTMENT_HEAD]),
        "bureau_head": s.w.head,
        "clerk": s.w.clerk,
        "citizen": s.w.citizen,
    }
    user = users[who]
    explain = reverse("dashboard:explain", args=["cases.accepted"]) + f"?year={YEAR}"
    xlsx = reverse("dashboard:figures_xlsx") + f"?year={YEAR}"
    codes = [get(client, user, url).status_code for url in (dashboard_url(), explain, xlsx)]
    assert codes == ([200, 200, 200] if allowed else [403, 404, 403])


def test_a_reader_of_another_county_sees_that_county_only(client, s):
    other = DepartmentFactory(division=CountyFactory(code="152530000000", name="正蓝旗"))
    reader = StaffFactory(department=other, roles=[Role.LEGAL_OFFICER])
    html = get(client, reader, dashboard_url()).content.decode()
    assert "正蓝旗" in html
    assert tile(html, "cases.accepted") == "0"
    explain = reverse("dashboard:explain", args=["cases.accepted"]) + f"?year={YEAR}"
    listed = client.get(explain).content.decode()
    assert re.search(r'data-count="(\d+)"', listed).group(1) == "0"
    assert not any(c.number in listed for c in s.window + s.online)


def test_the_anonymous_are_sent_to_log_in(client, s):
    response = client.get(dashboard_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_dashboard_links_to_the_annual_report_drafts(client, s):
    html = get(client, s.legal, dashboard_url()).content.decode()
    assert f'href="{reverse("reports:annual_list")}"' in html


def test_the_number_of_queries_does_not_grow_with_the_records(client, s):
    client.force_login(s.legal)
    client.get(dashboard_url())  # warm the caches (the user's roles, the calendar)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(dashboard_url()).status_code == 200
        return len(captured.captured_queries)

    small = queries()
    assert small <= 200  # a bounded page: a few queries per chart and per register
    channels = ["county_window", "online", "village_point", "township_hall"]
    extra_department = DepartmentFactory(division=s.county, name="多伦县某局")
    for i in range(40):
        case = s.case(
            channels[i % 4],
            D(YEAR, 1 + i % 12, 3),
            department=extra_department if i % 3 else None,
        )
        if i % 2:
            s.complete(case, D(YEAR, 1 + i % 12, 20))
        s.alert("red" if i % 2 else "yellow", D(YEAR, 1 + i % 12, 21), case=case)
    assert queries() == small


@pytest.mark.parametrize(
    "key,expected",
    [
        ("cases.accepted", 5),
        ("cases.completed", 2),
        ("service_centre.accepted_to_date", 6),  # with the case of 2024
        ("service_centre.township_halls_accepted_to_date", 1),
        ("disclosure.requests", 3),
    ],
)
def test_the_explain_page_counts_what_the_tile_shows(client, s, key, expected):
    html = get(client, s.legal, dashboard_url()).content.decode()
    assert tile(html, key) == str(expected)
    page = client.get(reverse("dashboard:explain", args=[key]) + f"?year={YEAR}")
    text = page.content.decode()
    assert re.search(r'data-count="(\d+)"', text).group(1) == str(expected)
    assert re.search(r'id="figure">(\d+)<', text).group(1) == str(expected)
    rows = re.search(r'<table class="db-table db-records">.*?</table>', text, re.S).group(0)
    assert rows.count("<tr>") == expected + 1  # the header and one row per record

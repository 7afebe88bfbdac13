"""The case figures, checked against numbers worked out by hand.

The 2026 calendar: 14 and 28 February (Saturdays) are worked in lieu of the Spring Festival
(15–23 February); 4–6 April are the Qingming holiday; March has no holiday.

The cases (``simple``: a promised matter, 20 legal / 10 promised working days; ``instant``: an
instant matter; H is a township's own matter, with no time limit):

====  ==============  ========  ========  =========  =========  ===========================
case  channel         received  accepted  completed  other      deadline clock (due)
====  ==============  ========  ========  =========  =========  ===========================
A     county window   Mon 3-02  3-02      Fri 3-06              promised, 10 days → 3-16
B     online          Tue 3-03  Wed 3-04  Fri 3-20              promised → 3-18 (late);
                                                                legal 20 → 4-01 (met at 3-19)
C     county window   Wed 3-04  3-04      3-04                  instant → 3-04
D     village point   Thu 3-05  Mon 3-09            withdrawn
                                                    3-12
E     county window   Tue 3-10            refused 3-11
F     county window   Thu 2-26  2-26      Tue 3-03              legal only, 20 → 3-25
H     township hall   Tue 3-10  3-10      3-10                  none
J     online          Fri 3-13  Mon 3-16                        (open)
I     online          Tue 3-31  Wed 4-01                        (open)
====  ==============  ========  ========  =========  =========  ===========================

Due dates: A 3-02 + 10 working days: 3, 4, 5, 6, 9–13, 16 → 3-16. B 3-04 + 10: 5, 6, 9–13,
16, 17, 18 → 3-18; + 20: … 19, 20, 23–27, 30, 31, 4-01 → 4-01. F 2-26 + 20: 27, 28 (Saturday,
worked), 3-02…06, 9–13, 16–20, 23, 24, 25 → 3-25.

Working days from acceptance to completion: A 4 (3, 4, 5, 6), B 12 (5, 6, 9–13, 16–20), C 0,
F 4 (27, 28, 3-02, 3-03), H 0.

Ratings: A very satisfied (3-09), C satisfied (3-04), B dissatisfied (3-23), F fair (4-01).
"""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command

from tests.cases.world import build_world
from tests.factories import DepartmentFactory, ServiceCentreFactory, TownshipFactory
from zhengwu.cases import services, stats
from zhengwu.cases.models import Case, Channel, Rating
from zhengwu.catalog import services as catalog
from zhengwu.org.models import Department, Division
from zhengwu.workdays.models import Clock
from zhengwu.workdays.redate import recompute_due_dates

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH = (D(2026, 3, 1), D(2026, 3, 31))


class Records:
    """The cases of the table above, made directly, with their clocks and ratings."""

    def __init__(self):
        w = build_world()
        self.w = w
        county = w.centre.division
        township = TownshipFactory(parent=county, code="152531100000", name="多伦淖尔镇")
        village = Division.objects.create(
            code="152531100201", name="兴盛社区", level="village", parent=township
        )
        self.government = DepartmentFactory(
            division=township, code="zf", name="多伦淖尔镇人民政府", kind="government"
        )
        self.hall = ServiceCentreFactory(
            division=township, name="多伦淖尔镇便民服务大厅", kind="township_hall"
        )
        point = ServiceCentreFactory(division=village, name="兴盛社区代办点", kind="village_point")
        power, version = catalog.power_create(
            actor=None,
            basic_code="FEE1",
            implementation_code="152531-zf-FEE1",
            name="农村宅基地使用审核",
            kind="other_approval",
            department=self.government,
        )
        catalog.power_version_publish(actor=None, version=version)
        power.refresh_from_db()
        township_matter = power.current
        simple, instant = w.simple.current, w.instant.current
        centre = w.centre
        self.n = 0
        self.a = self.case(simple, "county_window", centre, D(2026, 3, 2), accepted=D(2026, 3, 2))
        self.finish(self.a, D(2026, 3, 5), D(2026, 3, 6))
        self.b = self.case(simple, "online", None, D(2026, 3, 3), accepted=D(2026, 3, 4))
        self.finish(self.b, D(2026, 3, 19), D(2026, 3, 20))
        self.c = self.case(instant, "county_window", centre, D(2026, 3, 4), accepted=D(2026, 3, 4))
        self.finish(self.c, D(2026, 3, 4), D(2026, 3, 4))
        self.d = self.case(simple, "village_point", point, D(2026, 3, 5), accepted=D(2026, 3, 9))
        Case.objects.filter(pk=self.d.pk).update(status="withdrawn", withdrawn_on=D(2026, 3, 12))
        self.e = self.case(simple, "county_window", centre, D(2026, 3, 10))
        Case.objects.filter(pk=self.e.pk).update(
            status="refused", refused_on=D(2026, 3, 11), refusal_reason="不属于本机关职权范围"
        )
        self.f = self.case(simple, "county_window", centre, D(2026, 2, 26), accepted=D(2026, 2, 26))
        self.finish(self.f, D(2026, 3, 2), D(2026, 3, 3))
        self.h = self.case(
            township_matter,
            "township_hall",
            self.hall,
            D(2026, 3, 10),
            accepted=D(2026, 3, 10),
            handled_at=self.hall,
        )
        self.finish(self.h, D(2026, 3, 10), D(2026, 3, 10))
        self.j = self.case(simple, "online", None, D(2026, 3, 13), accepted=D(2026, 3, 16))
        self.i = self.case(simple, "online", None, D(2026, 3, 31), accepted=D(2026, 4, 1))

        # The deadline clocks, completed where the case is, dated by the database.
        self.clock(self.a, "approval.promised", D(2026, 3, 2), 10, D(2026, 3, 6))
        self.clock(self.a, "approval.legal", D(2026, 3, 2), 20, D(2026, 3, 5))
        self.clock(self.b, "approval.promised", D(2026, 3, 4), 10, D(2026, 3, 20))
        self.clock(self.b, "approval.legal", D(2026, 3, 4), 20, D(2026, 3, 19))
        self.clock(self.c, "approval.instant", D(2026, 3, 4), 0, D(2026, 3, 4))
        self.clock(self.f, "approval.legal", D(2026, 2, 26), 20, D(2026, 3, 2))
        self.clock(self.j, "approval.promised", D(2026, 3, 16), 10, None)
        recompute_due_dates(Clock.objects.all())

        for case, level, day in [
            (self.a, 5, D(2026, 3, 9)),
            (self.c, 4, D(2026, 3, 4)),
            (self.b, 2, D(2026, 3, 23)),
            (self.f, 3, D(2026, 4, 1)),
        ]:
            Rating.objects.create(case=case, level=level, rated_by=w.citizen, rated_on=day)

    def case(self, version, channel, post, received, *, accepted=None, handled_at=None):
        self.n += 1
        return Case.objects.create(
            number=f"152531202600{self.n:06d}",
            query_digest="-",
            power_version=version,
            department=version.department,
            applicant=self.w.citizen,
            submitted_by=self.w.citizen if channel == "online" else self.w.clerk,
            channel=channel,
            service_centre=post,
            idempotency_key=f"k{self.n}",
            received_on=received,
            materials_complete_on=received,
            handling_centre=handled_at or self.w.centre,
            status="accepted" if accepted else "submitted",
            accepted_on=accepted,
        )

    def finish(self, case, decided, completed):
        Case.objects.filter(pk=case.pk).update(
            status="completed", decision="approve", decided_on=decided, completed_on=completed
        )

    def clock(self, case, purpose, started, limit, completed):
        Clock.objects.create(
            purpose=purpose,
            owner_type="cases.case",
            owner_id=str(case.pk),
            day_kind="working",
            started_on=started,
            limit_days=limit,
            due_date=started,
            status="completed" if completed else "running",
            completed_on=completed,
        )


@pytest.fixture
def records():
    return Records()


def due(case, purpose):
    return Clock.objects.get(owner_type="cases.case", owner_id=str(case.pk), purpose=purpose)


def test_the_clocks_are_due_on_the_days_worked_out_by_hand(records):
    r = records
    assert due(r.a, "approval.promised").due_date == D(2026, 3, 16)
    assert due(r.b, "approval.promised").due_date == D(2026, 3, 18)
    assert due(r.b, "approval.legal").due_date == D(2026, 4, 1)
    assert due(r.c, "approval.instant").due_date == D(2026, 3, 4)
    assert due(r.f, "approval.legal").due_date == D(2026, 3, 25)


def test_the_figures_of_march(records, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):  # one aggregate query per figure, whatever the cases
        figures = stats.case_figures(*MARCH)
    assert figures.as_dict() == {
        "received": 8,  # A B C D E H J I; F arrived in February
        "accepted": 6,  # A B C D H J; F in February, I in April, E refused
        "refused": 1,  # E
        "completed": 5,  # F C A H B
        "completion_rate": 83.3,  # 5 / 6
        # A, C (instant) and F (legal clock, having no promised one) met their deadline; B met
        # its legal limit but not its promised one, which counts; H has no time limit.
        "on_time": 3,
        "timed": 4,  # F C A B; H has no time limit
        "on_time_rate": 75.0,  # 3 / 4
        "instant": 1,  # C
        "promised": 5,  # A B D H J
        "average_working_days": 4.0,  # (4 + 12 + 0 + 4 + 0) / 5
        "ratings": {
            "very_satisfied": 1,
            "satisfied": 1,
            "fair": 0,  # F's was given in April
            "dissatisfied": 1,
            "very_dissatisfied": 0,
        },
        "rated": 3,
        "satisfaction_rate": 66.7,  # 2 / 3
    }


def test_a_period_with_nothing_in_it_gives_zeros_and_no_rates(records):
    figures = stats.case_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (figures.accepted, figures.completed, figures.rated) == (0, 0, 0)
    assert figures.completion_rate is None
    assert figures.on_time_rate is None
    assert figures.average_working_days is None
    assert figures.satisfaction_rate is None


def test_the_figures_by_channel(records):
    groups = {g.key: g for g in stats.case_figures_by(*MARCH, "channel")}
    assert set(groups) == {"county_window", "online", "village_point", "township_hall"}
    window = groups["county_window"].figures
    # received A C E; accepted A C; completed A C F, all on time; 4 + 0 + 4 days.
    assert (window.received, window.accepted, window.refused, window.completed) == (3, 2, 1, 3)
    assert (window.on_time, window.on_time_rate, window.average_working_days) == (3, 100.0, 2.7)
    assert (window.rated, window.satisfaction_rate) == (2, 100.0)
    online = groups["online"].figures  # received B J I; accepted B J; B completed late
    assert (online.received, online.accepted, online.completed, online.on_time) == (3, 2, 1, 0)
    assert (online.completion_rate, online.on_time_rate, online.satisfaction_rate) == (
        50.0,
        0.0,
        0.0,
    )
    point = groups["village_point"].figures  # D: accepted, then withdrawn
    assert (point.received, point.accepted, point.completed) == (1, 1, 0)
    assert (point.completion_rate, point.on_time_rate) == (0.0, None)
    hall = groups["township_hall"].figures
    # H: no time limit, so neither on time nor late.
    assert (hall.accepted, hall.completed, hall.on_time, hall.on_time_rate) == (1, 1, 0, None)
    assert groups["online"].label == str(Channel.ONLINE.label)


def test_the_figures_by_department_centre_and_kind_of_centre(records):
    r = records
    by_dept = {g.key: g for g in stats.case_figures_by(*MARCH, "department")}
    assert set(by_dept) == {r.w.lead.pk, r.government.pk}
    lead = by_dept[r.w.lead.pk]
    assert lead.label == r.w.lead.name
    assert (lead.figures.received, lead.figures.accepted, lead.figures.completed) == (7, 5, 4)
    township = by_dept[r.government.pk].figures
    assert (township.received, township.accepted, township.completed) == (1, 1, 1)

    by_centre = {g.key: g for g in stats.case_figures_by(*MARCH, "centre")}
    assert set(by_centre) == {r.w.centre.pk, r.hall.pk}
    assert by_centre[r.hall.pk].label == "多伦淖尔镇便民服务大厅"
    county = by_centre[r.w.centre.pk].figures
    assert (county.accepted, county.completed, county.on_time, county.on_time_rate) == (
        5,
        4,
        3,
        75.0,
    )

    by_kind = {g.key: g.figures for g in stats.case_figures_by(*MARCH, "centre_kind")}
    assert by_kind["county_centre"].as_dict() == county.as_dict()
    assert by_kind["township_hall"].accepted == 1


def test_the_figures_by_month_count_each_figure_in_the_month_of_its_own_date(records):
    groups = stats.case_figures_by(D(2026, 2, 1), D(2026, 4, 30), "month")
    assert [g.label for g in groups] == ["2026-02", "2026-03", "2026-04"]
    february, march, april = (g.figures for g in groups)
    # F: received and accepted in February, completed in March.
    assert (february.received, february.accepted, february.completed) == (1, 1, 0)
    assert march.as_dict() == stats.case_figures(*MARCH).as_dict()
    # I accepted on 1 April, F rated (fair) on 1 April.
    assert (april.received, april.accepted, april.completed) == (0, 1, 0)
    assert (april.ratings["fair"], april.satisfaction_rate) == (1, 0.0)
    assert groups[0].as_dict()["key"] == "2026-02"


def test_an_unknown_grouping_is_refused(records):
    with pytest.raises(ValueError, match="grouping"):
        stats.case_figures_by(*MARCH, "applicant")


def test_the_to_date_figures_and_the_annual_report(records):
    assert stats.service_centre_to_date(D(2026, 3, 31)) == {
        "accepted_to_date": 6,  # A B C D F J at the county centre; I on 1 April
        "completed_to_date": 4,  # A B C F
        "completion_rate_to_date": 66.7,
        "township_halls_accepted_to_date": 1,  # H
    }
    assert stats.service_centre_to_date(D(2026, 2, 28)) == {
        "accepted_to_date": 1,  # F
        "completed_to_date": 0,
        "completion_rate_to_date": 0.0,
        "township_halls_accepted_to_date": 0,
    }
    assert stats.service_centre_to_date(D(2026, 2, 25))["completion_rate_to_date"] is None
    assert stats.annual_figures(2026) == {
        "cases": {  # the county centre's cases: H is the township hall's
            "accepted": 7,  # A B C D F J I
            "completed": 4,  # A B C F
            "completion_rate": 57.1,
            "promised": 6,
            "instant": 1,
        },
        "service_centre": {
            "accepted_to_date": 7,
            "completed_to_date": 4,
            "completion_rate_to_date": 57.1,
            "township_halls_accepted_to_date": 1,
        },
    }


def test_a_scope_restricts_every_figure(records):
    r = records
    other = DepartmentFactory(division=r.w.centre.division, code="other", name="多伦县其他局")
    Case.objects.filter(pk=r.a.pk).update(department=other)
    scope = Case.objects.filter(department=r.w.lead)
    figures = stats.case_figures(*MARCH, cases=scope)
    # Without A: accepted B C D J, completed F C B, on time C F, A's rating gone.
    assert (figures.accepted, figures.completed, figures.on_time, figures.rated) == (4, 3, 2, 2)
    assert stats.cases_of(r.w.centre.division).count() == 9
    assert stats.cases_of(Department.objects.get(pk=r.government.pk).division).count() == 1


def test_rates_are_rounded_half_up_to_one_decimal():
    assert stats.rate(4284, 4300) == 99.6
    assert stats.rate(41473, 42756) == 97.0
    assert stats.rate(1, 8) == 12.5
    assert stats.rate(1, 16) == 6.3  # 6.25 rounds up, not to the even 6.2
    assert stats.rate(0, 0) is None


def test_cases_walked_through_the_services_are_counted_with_their_own_clocks(settings, tmp_path):
    """Two promised cases and an instant one, by the real services: one promised case done in
    3 working days, the other late for its promised limit (10 days → due Mon 16 March)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    w = build_world()

    def on(day):
        return time_machine.travel(datetime.datetime(2026, 3, day, 10, 0), tick=False)

    def walk(key, accepted, reviewed, decided, delivered):
        with on(accepted):
            case = services.case_submit(
                actor=w.citizen, applicant=w.citizen, power=w.simple, idempotency_key=key
            ).case
            services.case_accept(actor=w.clerk, case=case)
        with on(reviewed):
            services.task_complete(
                actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
            )
        with on(decided):
            services.case_decide(actor=w.head, case=case, decision="approve")
        with on(delivered):
            services.case_deliver(actor=w.clerk, case=case, method="window", licence_number="L1")
        return case

    walk("quick", 2, 3, 4, 5)  # accepted Mon 2, completed Thu 5: 3 working days
    walk("late", 2, 9, 18, 20)  # completed Fri 20: 14 working days, promised due 16
    with on(4):
        case = services.case_submit(
            actor=w.citizen, applicant=w.citizen, power=w.instant, idempotency_key="now"
        ).case
        case = services.case_handle_instant(actor=w.clerk, case=case)
    assert case.status == "completed"
    figures = stats.case_figures(*MARCH)
    assert (figures.received, figures.accepted, figures.completed) == (3, 3, 3)
    assert (figures.instant, figures.promised) == (1, 2)
    assert (figures.on_time, figures.on_time_rate) == (2, 66.7)
    assert figures.average_working_days == 5.7  # (3 + 14 + 0) / 3


def test_the_stats_command_prints_the_figures_as_json_and_as_a_table(records):
    out = io.StringIO()
    call_command(
        "cases", "stats", "--year", "2026", "--by", "month", "--format", "json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["county"] == "多伦县"
    assert data["figures"]["accepted"] == 8  # F in February, I in April, the rest in March
    assert data["figures"]["completed"] == 5  # A B C F H
    assert data["cases"]["accepted"] == 7 and data["cases"]["completion_rate"] == 57.1
    assert data["service_centre"]["township_halls_accepted_to_date"] == 1
    months = {g["key"]: g for g in data["groups"]}
    assert len(months) == 12
    assert (months["2026-03"]["accepted"], months["2026-04"]["accepted"]) == (6, 1)
    assert months["2026-12"]["completion_rate"] is None

    out = io.StringIO()
    call_command("cases", "stats", "--year", "2026", "--by", "centre", stdout=out)
    lines = out.getvalue().splitlines()
    assert "多伦县" in lines[0] and "2026" in lines[0]
    assert lines[2].split()[-1] == "8"  # accepted
    rate = next(line for line in lines if "62.5%" in line)  # the year's rate: 5 / 8
    assert rate.split()[-1] == "62.5%"
    county = next(line for line in lines if "多伦县行政服务中心" in line)
    assert "57.1%" in county.split()  # A B C F of A B C D F J I
    hall = next(line for line in lines if "多伦淖尔镇便民服务大厅" in line)
    assert hall.split()[1:5] == ["1", "1", "0", "1"]  # received, accepted, refused, completed


def test_the_stats_command_refuses_a_bad_year():
    with pytest.raises(CommandError, match="not a year"):
        call_command("cases", "stats", "--year", "twenty")
    with pytest.raises(CommandError, match="between"):
        call_command("cases", "stats", "--year", "12")

"""``zhengwu generate`` and ``zhengwu.demo.generate``: synthetic records at scale, checked at a
small size against counts worked out here from the rows."""

from __future__ import annotations

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from zhengwu.cases.models import Case, Rating, Task
from zhengwu.cases.stats import case_figures
from zhengwu.catalog.models import PowerVersion
from zhengwu.demo.generate import OPEN_MIX, generate
from zhengwu.disclosure.models import DisclosureRequest, Item
from zhengwu.org.models import Division, ServiceCentre
from zhengwu.reports.annual import annual_figures
from zhengwu.supervision.models import Alert, FeeCharge
from zhengwu.workdays.models import Clock, ClockSuspension, Day

TODAY = datetime.date(2026, 12, 4)
ALL_STATES = {*(s for s, _ in OPEN_MIX), "completed", "refused", "withdrawn"}

pytestmark = pytest.mark.django_db


def _generate(**options):
    params = {"cases": 500, "years": 2, "documents": 100, "requests": 40, "seed": 3}
    params.update(options)
    return generate(today=TODAY, **params)


def test_counts_per_table_and_every_state():
    result = _generate()
    assert Case.objects.count() == 500
    assert set(Case.objects.values_list("status", flat=True)) == ALL_STATES
    assert result.by_status == dict(Counter(Case.objects.values_list("status", flat=True)))
    # Every table the result names holds what it says, and has something in it.
    for model, table in [(Case, "case"), (Task, "task"), (Clock, "clock"), (Rating, "rating"),
                         (FeeCharge, "fee"), (ClockSuspension, "suspension")]:  # fmt: skip
        assert model.objects.count() == result.rows[table] > 0, table
    assert Item.objects.filter(status=Item.Status.PUBLISHED).count() == result.documents == 100
    assert DisclosureRequest.objects.count() == result.requests == 40
    assert Alert.objects.filter(status=Alert.Status.OPEN).count() == result.alerts > 0
    # Cases span the years: the oldest received about two years ago, none after today.
    days = Case.objects.values_list("received_on", flat=True)
    assert min(days) < datetime.date(2025, 1, 31) and max(days) <= TODAY
    assert not Case.objects.filter(completed_on__gt=TODAY).exists()
    # Parallel co-reviews and every kind of stage are there.
    kinds = set(Task.objects.values_list("kind", flat=True))
    assert {"accept", "review", "co_review", "on_site", "decide"} <= kinds
    assert Task.objects.filter(kind="co_review", status="open").exists()


def test_clocks_are_consistent_with_cases():
    _generate()
    ordinal = dict(Day.objects.values_list("date", "workday_ordinal"))
    workday = {o: d for d, o, w in Day.objects.values_list("date", "workday_ordinal",
                                                           "is_workday") if w}  # fmt: skip
    clocks: dict[tuple[str, int], dict[str, Clock]] = {}
    for clock in Clock.objects.all():
        # The due date is the working day limit (plus excluded days) after the start.
        budget = clock.limit_days + clock.suspended_days
        assert clock.due_date == workday[ordinal[clock.started_on] + budget], clock.pk
        assert (clock.status == "completed") == (clock.completed_on is not None)
        clocks.setdefault((clock.owner_type, int(clock.owner_id)), {})[clock.purpose] = clock
    instant = set(PowerVersion.objects.filter(matter_type="instant").values_list("pk", flat=True))
    for case in Case.objects.all():
        own = clocks.get(("cases.case", case.pk), {})
        assert "approval.acceptance" in own, case.pk
        if case.accepted_on is None:
            assert set(own) == {"approval.acceptance"}
            continue
        assert own["approval.acceptance"].completed_on == case.accepted_on
        deadline = ["approval.instant"] if case.power_version_id in instant else [
            "approval.legal", "approval.promised"]  # fmt: skip
        for purpose in deadline:
            clock = own[purpose]
            assert clock.started_on == case.accepted_on
            if case.decided_on is not None:
                assert clock.status == "completed" and clock.completed_on == case.decided_on
            if case.status in ("accepted", "in_review"):
                assert clock.status in ("running", "suspended")
        if case.status == "completed":
            assert case.completed_on == case.delivered_on >= case.decided_on >= case.accepted_on
    # Every task with a time limit has its stage clock, closed when the task is.
    for task in Task.objects.exclude(due_on=None):
        clock = clocks[("cases.task", task.pk)]["approval.stage"]
        assert clock.due_date == task.due_on
        assert (clock.status == "completed") == (task.status != "open")
    # Bad ratings have their follow-up clock.
    for rating in Rating.objects.filter(level__lte=2):
        assert clocks[("cases.rating", rating.pk)]["rating.follow_up"].started_on == rating.rated_on


def _snapshot() -> dict[str, list]:
    def rows(model, exclude=()):
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in exclude]
        return list(model.objects.order_by(*names).values_list(*names))

    return {
        "case": rows(Case),
        "task": rows(Task),
        "clock": rows(Clock),
        "rating": rows(Rating),
        "suspension": rows(ClockSuspension),
        "fee": rows(FeeCharge),
        # Rows whose ids the database assigns: compared without them.
        "item": rows(Item, ["id"]),
        "request": rows(DisclosureRequest, ["id"]),
        "alert": rows(Alert, ["id"]),
    }


def _delete_generated() -> None:
    Alert.objects.all().delete()
    FeeCharge.objects.all().delete()
    ClockSuspension.objects.all().delete()
    Clock.objects.all().delete()
    Rating.objects.all().delete()
    Task.objects.all().delete()
    Case.objects.all().delete()
    Item.objects.all().delete()
    DisclosureRequest.objects.all().delete()


def test_the_same_seed_gives_the_same_rows():
    _generate(cases=300, documents=30, requests=20)
    once = _snapshot()
    _delete_generated()
    _generate(cases=300, documents=30, requests=20)
    assert _snapshot() == once
    _delete_generated()
    _generate(cases=300, documents=30, requests=20, seed=4)
    assert _snapshot()["case"] != once["case"]


def test_the_selectors_give_the_figures_counted_from_the_rows():
    _generate(cases=800, years=3)
    county = Division.objects.get(code="159901000000")
    centre = ServiceCentre.Kind.COUNTY_CENTRE
    hall = ServiceCentre.Kind.TOWNSHIP_HALL
    types = dict(PowerVersion.objects.values_list("pk", "matter_type"))
    rows = list(
        Case.objects.values_list("handling_centre__kind", "power_version_id", "received_on",
                                 "accepted_on", "refused_on", "completed_on")
    )  # fmt: skip
    rated = list(Rating.objects.values_list("rated_on", "level"))

    def in_year(day, year):
        return day is not None and day.year == year

    for year in (2024, 2025, 2026):
        end = datetime.date(year, 12, 31)
        figures = annual_figures(county, year)
        at_centre = [r for r in rows if r[0] == centre]
        accepted = [r for r in at_centre if in_year(r[3], year)]
        assert figures["cases"]["accepted"] == len(accepted) > 0
        assert figures["cases"]["completed"] == sum(in_year(r[5], year) for r in at_centre)
        assert figures["cases"]["instant"] == sum(types[r[1]] == "instant" for r in accepted)
        assert figures["cases"]["promised"] == sum(types[r[1]] == "promised" for r in accepted)
        assert figures["cases"]["instant"] > 0
        service = figures["service_centre"]
        assert service["accepted_to_date"] == sum(r[3] is not None and r[3] <= end
                                                  for r in at_centre)  # fmt: skip
        assert service["completed_to_date"] == sum(r[5] is not None and r[5] <= end
                                                   for r in at_centre)  # fmt: skip
        assert service["township_halls_accepted_to_date"] == sum(
            r[0] == hall and r[3] is not None and r[3] <= end for r in rows
        )
        assert figures["catalog"]["total"] == 20
        # The whole county's figures of the year.
        all_figures = case_figures(datetime.date(year, 1, 1), end)
        assert all_figures.received == sum(in_year(r[2], year) for r in rows)
        assert all_figures.refused == sum(in_year(r[4], year) for r in rows)
        assert all_figures.completed == sum(in_year(r[5], year) for r in rows)
        assert all_figures.rated == sum(in_year(day, year) for day, _level in rated)
        assert all_figures.ratings["very_satisfied"] == sum(
            in_year(day, year) and level == 5 for day, level in rated
        )
    # Disclosure: the items on the portal on 31 December, the requests received in the year.
    figures = annual_figures(county, 2025)
    end = datetime.date(2025, 12, 31)
    assert (
        figures["disclosure"]["published_to_date"]
        == Item.objects.filter(published_on__lte=end).count()
    )
    assert (
        figures["disclosure"]["requests"]
        == DisclosureRequest.objects.filter(received_on__year=2025).count()
    )


def test_the_command():
    out = StringIO()
    call_command("generate", cases=120, years=1, documents=10, today=TODAY, stdout=out)
    assert Case.objects.count() == 120
    assert Item.objects.count() == 10
    assert DisclosureRequest.objects.count() == 0  # one for every 200 cases: none for 120
    assert "Cases by state" in out.getvalue()
    assert Alert.objects.exists()

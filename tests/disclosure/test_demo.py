"""The demo county's government information: the seed's figures come from the records, search
finds what is published, and the annual report's section 3 balances with every cell equal to a
count made here, request by request."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.disclosure.annual_report import disclosure_report
from zhengwu.disclosure.models import DisclosureRequest, Item
from zhengwu.disclosure.requests.table import COLUMNS, TOTAL
from zhengwu.org.selectors import home_county
from zhengwu.search.selectors import search_items
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(
        DemoContext(report=lambda _m: None),
        only=["org", "catalog", "disclosure", "requests"],
    )
    return home_county()


def test_the_seed_figures_come_from_the_published_items(county):
    report = disclosure_report(county, 2012)
    assert report.publication["published_to_date"] == 10_277
    assert report.publication["service_items"] == 336
    assert report.publication["disclosure_items"] == 740
    # Counted again, item by item.
    items = Item.objects.filter(division=county, published_on__lte=datetime.date(2012, 12, 31))
    assert items.count() == 10_277
    kinds = Counter(items.filter(published_on__year=2012).values_list("kind", flat=True))
    assert kinds == {"service": 336, "disclosure": 740}
    # Every published item has its index number and a completed publication clock.
    assert not items.filter(index_number="").exists()
    clocks = Clock.objects.filter(purpose="disclosure.publication", status="completed")
    assert clocks.count() >= 10_277
    # Late ones are the clocks completed after their due date.
    late = sum(1 for c in clocks.filter(completed_on__year=2012) if c.completed_on > c.due_date)
    assert report.publication["late"] == late


def test_search_finds_the_demo_items(county):
    sample = Item.objects.filter(division=county, status="published").order_by("pk")[500]
    word = sample.title[:4]
    found = search_items(word, division=county)
    assert found.total >= 1
    assert sample.pk in {hit.item.pk for hit in search_items(sample.title, division=county).hits}


def _direct(requests, year: int) -> dict:
    """Section 3 counted request by request, in Python."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    cells: dict[str, Counter] = {}

    def add(row: str, column: str) -> None:
        cells.setdefault(row, Counter())[column] += 1
        cells[row][TOTAL] += 1

    for r in requests:
        if r.received_on is None or r.received_on > last:
            continue
        open_at_start = r.concluded_on is None or r.concluded_on >= first
        if r.received_on >= first:
            add("new", r.applicant_type)
        elif open_at_start:
            add("carried_over", r.applicant_type)
        if r.concluded_on is not None and first <= r.concluded_on <= last:
            add("handled", r.applicant_type)
            row = f"{r.outcome}.{r.sub_ground}" if r.sub_ground else r.outcome
            add(row, r.applicant_type)
        if r.concluded_on is None or r.concluded_on > last:
            add("carried_forward", r.applicant_type)
    return cells


def test_section_3_balances_and_every_cell_is_a_direct_count(county):
    report = disclosure_report(county, 2012)
    table = report.requests
    direct = _direct(DisclosureRequest.objects.filter(division=county), 2012)
    for row in ("new", "carried_over", "handled", "carried_forward"):
        for column in COLUMNS:
            assert table[row][column] == direct.get(row, Counter())[column], (row, column)
    for outcome, value in table["outcomes"].items():
        if isinstance(value.get(TOTAL), dict):  # an outcome with sub-grounds
            for ground, counts in value.items():
                if ground == TOTAL:
                    continue
                for column in COLUMNS:
                    expected = direct.get(f"{outcome}.{ground}", Counter())[column]
                    assert counts[column] == expected, (outcome, ground, column)
        else:
            for column in COLUMNS:
                assert value[column] == direct.get(outcome, Counter())[column], (outcome, column)
    assert table["check"]["ok"]
    for column in COLUMNS:
        assert (
            table["new"][column] + table["carried_over"][column]
            == table["handled"][column] + table["carried_forward"][column]
        )
    assert table["new"][TOTAL] > 0 and table["carried_over"][TOTAL] > 0

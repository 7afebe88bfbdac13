"""The registers' reads: the filters of the register (an overdue clock, the text search, the
year), the suits' filters, and the applicant's look-up by receipt number and query code."""

from __future__ import annotations

import datetime

import pytest

from tests.reconsideration.world import accept, on, register
from zhengwu.reconsideration import selectors, services

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_register_filters(w):
    overdue = accept(w, register(w, received=D(2026, 9, 28)), day=D(2026, 9, 30))  # send by 15 Oct
    fresh = register(w, received=D(2026, 10, 12), contested_act="不予登记决定",
                     applicants=[{"name": "钱某某"}])  # fmt: skip
    old = register(w, received=D(2025, 3, 3))
    cases = selectors.cases_visible_to(w.legal)

    def found(day=None, **query):
        day = day or D(2026, 10, 16)
        filters = selectors.CaseFilters.from_query(query)
        return {c.pk for c in selectors.cases_filtered(cases, filters, day)}

    # On 16 October the copy to the respondent (due 15 October) is overdue; so is the 2025
    # application's examination (due in March 2025); the application of 12 October is not.
    assert found(overdue="1") == {overdue.pk, old.pk}
    assert found(day=D(2026, 10, 15), overdue="1") == {old.pk}
    assert found(q="钱某") == found(q="不予登记") == {fresh.pk}
    assert found(year="2025") == {old.pk}
    assert found(status="accepted") == {overdue.pk}
    assert len(found()) == 3


def test_the_applicants_look_up_needs_the_right_code(w):
    with on(D(2026, 9, 30)):
        made = services.case_register(actor=None, respondent=w.bureau, channel="online",
                                      applicants=[{"name": "赵某"}], contested_act="x",
                                      knew_on=D(2026, 9, 1), request="y")  # fmt: skip
    number = made.case.receipt_number
    assert selectors.case_find(number, made.query_code) == made.case
    assert selectors.case_find(number.lower(), made.query_code) == made.case
    assert selectors.case_find(number, "12345678") is None
    assert selectors.case_find(number, "") is None
    assert selectors.case_find("", made.query_code) is None


def test_the_suits_filters(w):
    review = accept(w, register(w, received=D(2026, 9, 1)), day=D(2026, 9, 2))
    direct = services.litigation_register(
        actor=w.legal, defendant=w.bureau, plaintiff="某公司", court="多伦县人民法院",
        court_number="(2026)行初1号", contested_act="x", filed_on=D(2026, 9, 10))  # fmt: skip
    after = services.litigation_register(
        actor=w.legal, defendant=w.land, plaintiff="李某", court="多伦县人民法院",
        court_number="(2026)行初2号", contested_act="y", filed_on=D(2026, 9, 10),
        after_review=review)  # fmt: skip
    suits = selectors.suits_visible_to(w.legal)
    assert [s.pk for s in selectors.suits_filtered(suits, {"kind": "direct"})] == [direct.pk]
    assert [s.pk for s in selectors.suits_filtered(suits, {"kind": "after_review"})] == [after.pk]
    assert [s.pk for s in selectors.suits_filtered(suits, {"q": "李某"})] == [after.pk]
    assert [s.pk for s in selectors.suits_visible_to(w.clerk)] == [direct.pk]
    assert not selectors.suits_visible_to(w.outsider).exists()

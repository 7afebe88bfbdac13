"""Query counts of the assessment: the schemes, a scheme's ranking and scorecards (XLSX and
API) and the indicators."""

from __future__ import annotations

from itertools import count

import pytest
from django.test import Client

from tests.assessment.world import make_scheme, make_world
from tests.factories import DepartmentFactory
from tests.querycount import assert_constant_queries, covers
from zhengwu.assessment import services
from zhengwu.assessment.indicators import Unit, register_indicator, unregister_indicator

pytestmark = pytest.mark.django_db
_n = count(1)


@pytest.fixture(autouse=True)
def fake_indicators():
    """The two fake indicators of make_scheme (test_rate, test_count), reading nothing."""
    register_indicator("test_rate", "测试比率", lambda division, year: {}, unit=Unit.PERCENT)
    register_indicator("test_count", "测试次数", lambda division, year: {}, unit=Unit.COUNT,
                       higher_is_better=False)  # fmt: skip
    yield
    unregister_indicator("test_rate")
    unregister_indicator("test_count")


@pytest.fixture
def w():
    return make_world()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@covers("assessment:schemes")
def test_schemes(w):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            scheme = make_scheme(w, year=2000 + i)
            titles.append(scheme.title)
        return titles

    assert_constant_queries(client_for(w.legal), "/assessment/", grow)


@covers("/api/assessment/schemes")
def test_api_schemes(w):
    def grow(n):
        return [make_scheme(w, year=2000 + next(_n)).title for _ in range(n)]

    assert_constant_queries(client_for(w.legal), "/api/assessment/schemes", grow)


def units(w, scheme):
    """Departments added to the county, enrolled by computing the scheme again."""

    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            names.append(DepartmentFactory(division=w.county, name=f"多伦县考核局{i}").name)
        services.assessment_compute(actor=w.legal, scheme=scheme)
        return names

    return grow


@covers("assessment:ranking_export")
def test_ranking_export(w):
    scheme = make_scheme(w)
    url = f"/assessment/{scheme.pk}/ranking.xlsx"
    assert_constant_queries(client_for(w.legal), url, units(w, scheme))


@covers("assessment:scorecards_export")
def test_scorecards_export(w):
    scheme = make_scheme(w)
    url = f"/assessment/{scheme.pk}/scorecards.xlsx"
    assert_constant_queries(client_for(w.legal), url, units(w, scheme))


@covers("/api/assessment/schemes/{pk}/ranking")
def test_api_ranking(w):
    scheme = make_scheme(w)
    url = f"/api/assessment/schemes/{scheme.pk}/ranking"
    assert_constant_queries(client_for(w.legal), url, units(w, scheme))


@covers("assessment:scheme")
def test_a_schemes_page(w):
    """The scheme's page lists its units with their totals."""
    scheme = make_scheme(w)
    assert_constant_queries(client_for(w.legal), f"/assessment/{scheme.pk}/", units(w, scheme))


@covers("/api/assessment/indicators")
def test_api_indicators(w):
    added = []

    def grow(n):
        codes = []
        for _ in range(n):
            code = f"qc_{next(_n)}"
            register_indicator(code, f"指标{code}", lambda division, year: {}, unit=Unit.COUNT)
            added.append(code)
            codes.append(code)
        return codes

    try:
        assert_constant_queries(client_for(w.legal), "/api/assessment/indicators", grow)
    finally:
        for code in added:
            unregister_indicator(code)

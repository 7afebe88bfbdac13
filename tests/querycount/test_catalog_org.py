"""Query counts of the service catalog (the public list and the API), the organisation's API
lists and the public service network."""

from __future__ import annotations

from itertools import count

import pytest
from django.core.cache import cache
from django.test import Client

from tests.cases.world import _power
from tests.factories import (
    CountyFactory,
    DepartmentFactory,
    ServiceCentreFactory,
    TownshipFactory,
)
from tests.querycount import assert_constant_queries, covers
from zhengwu.org.models import ServiceCentre

pytestmark = pytest.mark.django_db
_n = count(1)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def county():
    return CountyFactory()


def powers(county):
    """Published matters of new departments, with materials, a fee and stages."""

    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            department = DepartmentFactory(division=county, code=f"q{i}", name=f"多伦县审批局{i}")
            stages = [{"code": "accept", "name": "受理", "kind": "accept", "department": department,
                       "role": "window_clerk", "limit_days": 1,
                       "parallel_group": None}]  # fmt: skip
            power = _power(f"QC{i:05d}", f"第{i}项许可", department, legal=20, promised=10,
                           extension=5, stages=stages, fee=10 if i % 2 else None)  # fmt: skip
            names.append(power.current.name)
        return names

    return grow


@covers("catalog:index")
def test_catalog(county):
    assert_constant_queries(Client(), "/catalog/", powers(county))


@covers("/api/catalog/powers")
def test_api_powers(county):
    assert_constant_queries(Client(), "/api/catalog/powers", powers(county))


def townships(county):
    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            township = TownshipFactory(parent=county, code=f"152531{200 + i:03d}000")
            names.append(township.name)
        return names

    return grow


@covers("/api/org/divisions")
def test_api_divisions(county):
    assert_constant_queries(Client(), "/api/org/divisions", townships(county))


@covers("/api/org/divisions/{code}/departments")
def test_api_departments(county):
    def grow(n):
        return [DepartmentFactory(division=county).name for _ in range(n)]

    url = f"/api/org/divisions/{county.code}/departments"
    assert_constant_queries(Client(), url, grow)


def centres(county):
    kinds = [ServiceCentre.Kind.TOWNSHIP_HALL, ServiceCentre.Kind.VILLAGE_POINT]

    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            township = TownshipFactory(parent=county, code=f"152531{300 + i:03d}000")
            centre = ServiceCentreFactory(division=township, kind=kinds[i % 2],
                                          name=f"第{i}便民服务中心")  # fmt: skip
            names.append(centre.name)
        return names

    return grow


@covers("/api/org/service-centres")
def test_api_service_centres(county):
    assert_constant_queries(Client(), "/api/org/service-centres", centres(county))


@covers("portal:service_network")
def test_service_network(county):
    assert_constant_queries(Client(), "/service-network/", centres(county))

"""Query counts of the contract-review register, its export and the API list."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.contracts.factories import create, make_world, review
from tests.factories import DepartmentFactory, Role, StaffFactory
from tests.querycount import assert_constant_queries, covers

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def grow():
    world = make_world()

    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            department = DepartmentFactory(division=world.county, name=f"多伦县合同局{i}")
            staff = StaffFactory(department=department, roles=[Role.REVIEWER])
            title = f"施工合同{i:04d}号"
            contract = create(world, on=D(2012, 3, 1), actor=staff, department=department,
                              title=title, counterparty=f"供应商{i}")  # fmt: skip
            if i % 2:
                world.staff, saved = staff, world.staff
                review(world, contract, submitted=D(2012, 3, 2), returned=D(2012, 3, 9))
                world.staff = saved
            titles.append(title)
        return titles

    grow.client = Client()
    grow.client.force_login(world.legal)
    return grow


@covers("contracts:register")
def test_register(grow):
    assert_constant_queries(grow.client, "/contracts/", grow)


@covers("contracts:register_export")
def test_register_export(grow):
    assert_constant_queries(grow.client, "/contracts/export.xlsx", grow)


@covers("/api/contracts/contracts")
def test_api_list(grow):
    assert_constant_queries(grow.client, "/api/contracts/contracts", grow)

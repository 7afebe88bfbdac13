"""Who sees which contracts (one selector decides for every page, file and API call)."""

from __future__ import annotations

import datetime

import pytest

from tests.contracts.factories import create, make_world
from tests.factories import CitizenFactory, CountyFactory, DepartmentFactory, Role, StaffFactory
from zhengwu.contracts.selectors import contracts_expiring, contracts_visible_to

pytestmark = pytest.mark.django_db
D = datetime.date


def test_visibility_by_role_department_and_county():
    world = make_world()
    other_county = CountyFactory(code="152530000000", name="正蓝旗")
    other_office = DepartmentFactory(division=other_county, name="正蓝旗人民政府法制办公室")
    other_legal = StaffFactory(department=other_office, roles=[Role.LEGAL_OFFICER])
    other_staff = StaffFactory(department=DepartmentFactory(division=other_county),
                               roles=[Role.REVIEWER])  # fmt: skip
    mine = create(world, on=D(2012, 3, 1))
    theirs = create(world, on=D(2012, 3, 1), actor=world.outsider,
                    department=world.other_department)  # fmt: skip
    far = create(world, on=D(2012, 3, 1), actor=other_staff, department=other_staff.department)
    assert set(contracts_visible_to(world.staff)) == {mine}
    assert set(contracts_visible_to(world.outsider)) == {theirs}
    assert set(contracts_visible_to(world.legal)) == {mine, theirs}
    assert set(contracts_visible_to(world.supervisor)) == {mine, theirs}
    assert far.division == other_county
    assert set(contracts_visible_to(other_legal)) == {far}
    admin = StaffFactory(department=world.legal_office, roles=[Role.ADMINISTRATOR])
    assert set(contracts_visible_to(admin)) == {mine, theirs}
    assert not contracts_visible_to(CitizenFactory()).exists()
    assert not contracts_visible_to(None).exists()


def test_expiring_is_within_the_days_from_the_day_asked():
    world = make_world()
    contract = create(world, on=D(2012, 3, 1))
    contract.status, contract.signed_on, contract.expires_on = (
        "in_performance",
        D(2012, 3, 5),
        D(2012, 12, 31),
    )
    contract.save()
    everything = contract.__class__.objects.all()
    assert not contracts_expiring(everything, D(2012, 11, 30), 30).exists()
    assert contracts_expiring(everything, D(2012, 12, 1), 30).get() == contract
    assert contracts_expiring(everything, D(2012, 12, 31), 30).exists()
    assert not contracts_expiring(everything, D(2013, 1, 1), 30).exists()

"""The predicates the registers share (zhengwu.org.rules): active staff, the county a member of
staff works in, the legal-affairs office of a county."""

from __future__ import annotations

import pytest

from tests.factories import (
    CitizenFactory,
    CountyFactory,
    DepartmentFactory,
    StaffFactory,
    TownshipFactory,
)
from zhengwu.org.models import Division
from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff, county_of, is_legal_office_of

pytestmark = pytest.mark.django_db


def test_only_active_staff_count():
    assert active_staff(StaffFactory())
    assert not active_staff(StaffFactory(is_active=False))
    assert not active_staff(CitizenFactory())
    assert not active_staff(None)


def test_the_county_of_township_staff_is_their_county():
    township = TownshipFactory()
    clerk = StaffFactory(department=DepartmentFactory(division=township))
    assert county_of(clerk) == township.parent
    assert county_of(StaffFactory()) == CountyFactory()
    assert county_of(CitizenFactory()) is None


def test_the_legal_office_is_of_its_own_county_only():
    county = CountyFactory()
    other = Division.objects.create(code="152532000000", name="另一县", level=Division.Level.COUNTY,
                                    parent=county.parent)  # fmt: skip
    officer = StaffFactory(roles=[Role.LEGAL_OFFICER])
    assert is_legal_office_of(officer, county)
    assert not is_legal_office_of(officer, other)
    assert not is_legal_office_of(officer, None)
    assert is_legal_office_of(StaffFactory(roles=[Role.ADMINISTRATOR]), county)
    assert not is_legal_office_of(StaffFactory(roles=[Role.SUPERVISOR]), county)

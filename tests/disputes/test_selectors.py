"""Who sees which disputes: one selector decides for every page and the API."""

from __future__ import annotations

import datetime

import pytest

from tests.disputes.factories import make_world, register
from tests.factories import CitizenFactory, DepartmentFactory, Role, StaffFactory
from zhengwu.disputes import rules, selectors
from zhengwu.org.models import Department

pytestmark = pytest.mark.django_db


def test_village_staff_see_their_township_and_nobody_else_sees_anything_by_default():
    world = make_world()
    own = register(world, found_on=datetime.date(2026, 3, 2))
    other = register(world, actor=world.other_staff, township=world.other_township, village=None)
    committee = DepartmentFactory(
        division=world.village, code="wh", name="北山村村民委员会", kind=Department.Kind.COMMITTEE
    )
    village_staff = StaffFactory(department=committee, roles=[Role.VILLAGE_AGENT])
    assert rules.township_of(village_staff) == world.township
    assert list(selectors.disputes_visible_to(village_staff)) == [own]
    assert rules.may_handle(village_staff, own) and not rules.may_handle(village_staff, other)
    assert set(selectors.disputes_visible_to(world.supervisor)) == {own, other}
    assert not rules.may_handle(world.supervisor, own)
    assert not selectors.disputes_visible_to(world.county_staff).exists()
    assert not selectors.disputes_visible_to(CitizenFactory()).exists()
    # A legal officer of another county sees none of this county's disputes.
    from tests.factories import CountyFactory

    elsewhere = CountyFactory(code="152522000000", name="阿巴嘎旗", parent=world.county.parent)
    office = DepartmentFactory(division=elsewhere, code="fzb", kind=Department.Kind.OFFICE)
    stranger = StaffFactory(department=office, roles=[Role.LEGAL_OFFICER])
    assert not selectors.disputes_visible_to(stranger).exists()
    assert not rules.may_handle(stranger, own)

"""Who may do what."""

import pytest

from tests.enforcement.world import build_world
from tests.factories import DepartmentFactory, Role, StaffFactory
from zhengwu.enforcement import rules

pytestmark = pytest.mark.django_db


def test_the_legal_office_keeps_the_registry_and_a_body_handles_its_own_case_files():
    w = build_world()
    assert rules.can_manage_registry(w.legal, w.county)
    assert not rules.can_manage_registry(w.handler, w.county)
    assert not rules.can_manage_registry(w.supervisor, w.county)
    assert rules.can_handle_case_files(w.handler, w.body)
    assert rules.can_handle_case_files(w.legal, w.body)
    assert not rules.can_handle_case_files(w.outsider, w.body)
    clerk = StaffFactory(department=w.bureau, roles=[Role.WINDOW_CLERK])
    assert not rules.can_handle_case_files(clerk, w.body)  # a clerk of the bureau
    assert rules.can_review_legality(w.legal, w.county)
    assert not rules.can_review_legality(w.handler, w.county)
    other = DepartmentFactory(division=w.county, code="x1")
    assert not rules.can_handle_case_files(
        StaffFactory(department=other, roles=[Role.DEPARTMENT_HEAD]), w.body
    )

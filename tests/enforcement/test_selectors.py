"""Row-level visibility and the public certificate record."""

import datetime

import pytest

from tests.enforcement.world import build_world, file_case
from tests.factories import CitizenFactory, DepartmentFactory, Role, StaffFactory
from zhengwu.enforcement import selectors
from zhengwu.enforcement.models import EnforcementBody

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_legal_office_and_supervisors_see_the_county_and_a_body_its_own():
    w = build_world()
    other = EnforcementBody.objects.create(
        division=w.county, department=w.squad, standing="authorised"
    )
    file_case(w)
    for user in (w.legal, w.supervisor):
        assert set(selectors.bodies_visible_to(user)) == {w.body, other}
        assert selectors.case_files_visible_to(user).count() == 1
    assert list(selectors.bodies_visible_to(w.handler)) == [w.body]
    assert selectors.officials_visible_to(w.handler).count() == 3
    assert selectors.case_files_visible_to(w.outsider).count() == 0
    assert selectors.officials_visible_to(w.outsider).count() == 0
    assert selectors.certificates_visible_to(CitizenFactory()).count() == 0
    # The legal office of another county sees nothing of this one.
    from tests.factories import CountyFactory

    elsewhere = CountyFactory(code="152522000000", name="阿巴嘎旗")
    foreign = StaffFactory(
        department=DepartmentFactory(division=elsewhere, code="fzb"), roles=[Role.LEGAL_OFFICER]
    )
    assert selectors.bodies_visible_to(foreign).count() == 0


def test_the_public_record_of_a_certificate_has_nothing_personal():
    w = build_world()
    number = w.officials[0].certificates.get().number
    record = selectors.certificate_lookup(f" {number} ").as_dict()
    assert record["holder"] == w.officials[0].full_name
    assert set(record) == {
        "number",
        "holder",
        "body",
        "area",
        "issuing_authority",
        "valid_from",
        "valid_to",
        "status",
        "status_label",
    }
    assert selectors.certificate_lookup("nope") is None


def test_assignable_officials_hold_a_certificate_valid_on_the_day():
    w = build_world()
    assert selectors.assignable_officials(w.body, D(2026, 3, 5)).count() == 3
    assert selectors.assignable_officials(w.body, D(2026, 1, 4)).count() == 0  # valid from 5 Jan

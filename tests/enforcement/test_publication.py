"""Decisions published in the disclosure catalog."""

import datetime

import pytest

from tests.enforcement.world import build_world, decide, file_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def w():
    return build_world()


def test_a_penalty_decision_is_published_in_the_disclosure_catalog(w):
    from zhengwu.disclosure.models import Item

    case_file = decide(w, file_case(w, day=D(2026, 8, 3)), day=D(2026, 9, 30))
    item = Item.objects.get(source_type="enforcement.casefile", source_id=str(case_file.pk))
    assert (item.status, item.published_on, item.category.name) == (
        "published",
        D(2026, 9, 30),
        "行政处罚决定",
    )
    assert "多伦县某建筑公司" in item.body and "5000" in item.body
    # A decision not to penalise is not published.
    decide(w, file_case(w, day=D(2026, 8, 3)), day=D(2026, 9, 30), outcome="no_penalty", amount="")
    assert Item.objects.filter(source_type="enforcement.casefile").count() == 1


def test_a_natural_person_is_published_by_surname_only():
    from zhengwu.enforcement.publication import public_party

    assert (public_party("王建国"), public_party("多伦县某建筑公司")) == (
        "王某",
        "多伦县某建筑公司",
    )

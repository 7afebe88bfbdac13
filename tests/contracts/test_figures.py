"""The annual figures and the assessment indicator, against counts worked out by hand."""

from __future__ import annotations

import datetime

import pytest

from tests.contracts.factories import create, make_world, review
from zhengwu.assessment.indicators import indicator
from zhengwu.contracts import services
from zhengwu.contracts.figures import annual_figures, reviewed_before_signing

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def build_2012(world):
    """A: construction, amended (03-06) then lawful (03-13), signed 03-15.
    B: project development, lawful but 20 days late.  C: procurement, unlawful (12-25).
    D: construction, submitted 2011-12-26, lawful 2012-01-04.  E: submitted 2012-12-27, open.
    F: other department, found signed without review in 2012.  H: reviewed in 2011 only."""
    a = create(world, on=D(2012, 3, 1), kind="construction")
    review(world, a, submitted=D(2012, 3, 1), returned=D(2012, 3, 6), conclusion="amend")
    services.contract_add_version(actor=world.staff, contract=a, text="v2", on=D(2012, 3, 8))
    review(world, a, submitted=D(2012, 3, 8), returned=D(2012, 3, 13))
    services.contract_sign(actor=world.staff, contract=a, on=D(2012, 3, 15))
    b = create(world, on=D(2012, 5, 2), kind="project_development")
    late = review(world, b, submitted=D(2012, 5, 2), returned=D(2012, 5, 30))
    assert late.on_time is False
    c = create(world, on=D(2012, 12, 20), kind="procurement")
    review(world, c, submitted=D(2012, 12, 20), returned=D(2012, 12, 25), conclusion="unlawful")
    d = create(world, on=D(2011, 12, 26), kind="construction")
    review(world, d, submitted=D(2011, 12, 26), returned=D(2012, 1, 4))
    e = create(world, on=D(2012, 12, 27), kind="leasing")
    services.contract_submit(actor=world.staff, contract=e, on=D(2012, 12, 27))
    other_staff = world.outsider
    f = create(world, on=D(2012, 6, 1), actor=other_staff, department=world.other_department)
    services.contract_record_unreviewed_signing(actor=world.legal, contract=f, on=D(2012, 6, 5),
                                                reason="专项检查发现")  # fmt: skip
    h = create(world, on=D(2011, 6, 1))
    review(world, h, submitted=D(2011, 6, 1), returned=D(2011, 6, 3))


def test_figures_of_a_year_by_hand(world):
    build_2012(world)
    figures = annual_figures(world.county, 2012)
    # Contracts with an opinion in 2012: A, B, C, D (A twice, counted once); 5 opinions.
    assert figures["reviewed"] == 4 and figures["reviews"] == 5
    assert figures["by_kind"] == {
        "project_development": 1, "construction": 2, "procurement": 1,
        "franchise": 0, "leasing": 0, "cooperation": 0, "other": 0,
    }  # fmt: skip
    # The last opinion of the year: A lawful (after amend), B lawful, C unlawful, D lawful.
    assert figures["by_conclusion"] == {"lawful": 3, "amend": 0, "unlawful": 1}
    assert figures["amended_then_lawful"] == 1
    # B was late: 3 of 4 on time.
    assert figures["reviewed_on_time"] == 3 and figures["on_time_rate"] == 75.0
    # First submitted in 2012: A, B, C, E (D and H in 2011).
    assert figures["submitted"] == 4
    # Signed in 2012: A (after review) and F (without): 50%.
    assert figures["signed"] == 2 and figures["signed_after_review"] == 1
    assert figures["reviewed_before_signing_rate"] == 50.0
    assert annual_figures(world.county, 2011)["reviewed"] == 1


def test_an_empty_year_has_no_rates(world):
    figures = annual_figures(world.county, 2013)
    assert figures["reviewed"] == 0 and figures["on_time_rate"] is None
    assert figures["reviewed_before_signing_rate"] is None


def test_the_assessment_indicator_per_department(world):
    build_2012(world)
    registered = indicator("contracts_reviewed_before_signing")
    assert registered is not None and registered.higher_is_better
    assert registered.compute is reviewed_before_signing
    values = registered.compute(world.county, 2012)
    # The department signed A after its lawful opinion; the other department signed F unreviewed.
    assert values == {world.department.pk: 100.0, world.other_department.pk: 0.0}
    assert registered.compute(world.county, 2013) == {}

"""The scheme, its tree, and the run: compute → score → finalise, each with its audit event;
the gates refuse with the reason; ranking ties share a rank."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.assessment.conftest import FAKE_COUNTS, FAKE_VALUES
from tests.assessment.world import make_scheme, make_world
from zhengwu.assessment import selectors, services
from zhengwu.assessment.models import AssessedUnit, Node, Score
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent

pytestmark = pytest.mark.django_db
D = Decimal


def last_event(action):
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


@pytest.fixture
def w():
    return make_world()


def unit(scheme, department):
    return AssessedUnit.objects.get(scheme=scheme, department=department)


def score_all(w, scheme, points=None):
    leaf = scheme.nodes.get(code="2.1")
    for u in scheme.units.all():
        services.score_record(actor=w.legal, unit=u, node=leaf,
                              points=(points or {}).get(u.department_id, D(30)),
                              reasoning="制度健全，台账齐全")  # fmt: skip


def test_create_and_tree_events(w):
    scheme = make_scheme(w)
    assert scheme.status == "draft"
    event = last_event("assessment_scheme_create")
    assert event.actor == w.legal and event.to_state == "draft"
    assert AuditEvent.objects.filter(action="assessment_node_add").count() == 5
    assert services.scheme_problems(scheme) == []


def test_only_the_legal_office_builds_schemes(w):
    with pytest.raises(NotPermitted):
        services.scheme_create(actor=w.fgj_staff, division=w.county, year=2012, title="x")
    with pytest.raises(NotPermitted):
        services.scheme_create(actor=w.supervisor, division=w.county, year=2012, title="x")


def test_field_errors_of_the_scheme_and_nodes(w):
    scheme = make_scheme(w)
    with pytest.raises(ValidationError) as error:
        services.scheme_create(actor=w.legal, division=w.county, year=2012, title="again",
                               good_from=D(95))  # fmt: skip
    assert set(error.value.message_dict) == {"year", "excellent_from"}
    with pytest.raises(ValidationError) as error:
        services.node_add(actor=w.legal, scheme=scheme, code="1.1", label="x", points=D(5),
                          method="computed", indicator_code="test_rate", rule="linear",
                          floor=D(90), target=D(80))  # fmt: skip
    assert error.value.message_dict["code"] == ["本方案已有编号为“1.1”的指标。"]
    assert error.value.message_dict["target"] == ["目标值必须大于下限值。"]
    leaf = scheme.nodes.get(code="2.1")
    with pytest.raises(ValidationError) as error:
        services.node_add(actor=w.legal, scheme=scheme, parent=leaf, code="9", label="x",
                          points=D(1), method="assessed")  # fmt: skip
    assert "parent" in error.value.message_dict


def test_compute_refuses_an_invalid_tree_naming_the_node(w):
    scheme = make_scheme(w)
    services.node_update(actor=w.legal, node=scheme.nodes.get(code="1.2"), points=D(15))
    with pytest.raises(DomainError) as error:
        services.assessment_compute(actor=w.legal, scheme=scheme)
    assert error.value.code == "scheme_invalid"
    assert "“1 行政审批”下各项分值合计为 55，不等于其分值 60。" in error.value.params["problems"]
    scheme.refresh_from_db()
    assert scheme.status == "draft" and not scheme.units.exists()


def test_compute_stores_values_and_points_for_every_unit(w):
    scheme = make_scheme(w)
    # test_rate: fgj 95 → 40 × 15/20 = 30; jyj 100 → 40; town A 70 → 0; town B no value → 0.
    FAKE_VALUES.update({w.fgj.pk: 95, w.jyj.pk: 100, w.town_a.pk: 70, 999_999: 50})
    # test_count: fgj 3 → 20 - 6 = 14; others none counted → 20 (0 occurrences is a value 0?)
    FAKE_COUNTS.update({w.fgj.pk: 3, w.jyj.pk: 0, w.town_a.pk: 12, w.town_b.pk: 1})
    counts = services.assessment_compute(actor=w.legal, scheme=scheme)
    scheme.refresh_from_db()
    assert scheme.status == "computed" and scheme.computed_at is not None
    # Units: the legal office (an office), fgj, jyj, the 2 township governments; not the county
    # government.
    names = set(scheme.units.values_list("department__name", flat=True))
    assert names == {w.legal_office.name, w.fgj.name, w.jyj.name, w.town_a.name, w.town_b.name}
    assert counts == {"units": 5, "computed_leaves": 2, "scores": 10, "unscored": 5}
    rate = {s.unit.department_id: s for s in Score.objects.filter(node__code="1.1")}
    assert rate[w.fgj.pk].points == D("30.00") and rate[w.fgj.pk].value == D(95)
    assert rate[w.jyj.pk].points == D("40.00")
    assert rate[w.town_a.pk].points == D("0.00")
    assert rate[w.town_b.pk].points == D("0.00") and rate[w.town_b.pk].value is None
    assert rate[w.town_b.pk].note
    count = {s.unit.department_id: s.points for s in Score.objects.filter(node__code="1.2")}
    assert count[w.fgj.pk] == D("14.00") and count[w.town_a.pk] == D("0.00")
    assert count[w.town_b.pk] == D("18.00") and count[w.jyj.pk] == D("20.00")
    event = last_event("assessment_compute")
    assert (event.from_state, event.to_state, event.actor) == ("draft", "computed", w.legal)
    # Computing again replaces the computed scores (one per unit and leaf).
    FAKE_VALUES[w.fgj.pk] = 100
    services.assessment_compute(actor=w.legal, scheme=scheme)
    assert Score.objects.filter(node__code="1.1").count() == 5
    assert Score.objects.get(node__code="1.1", unit__department=w.fgj).points == D("40.00")


def test_a_leaf_for_one_group_only(w):
    scheme = make_scheme(w)
    services.node_update(actor=w.legal, node=scheme.nodes.get(code="1.2"), applies_to="township")
    services.assessment_compute(actor=w.legal, scheme=scheme)
    groups = set(Score.objects.filter(node__code="1.2").values_list("unit__group", flat=True))
    assert groups == {"township"}
    assert selectors.max_points_by_group(scheme) == {"township": D(100), "department": D(80)}


def test_score_and_finalise_gates(w):
    scheme = make_scheme(w)
    leaf = scheme.nodes.get(code="2.1")
    with pytest.raises(IllegalTransition):
        services.assessment_finalise(actor=w.legal, scheme=scheme)  # not computed
    services.assessment_compute(actor=w.legal, scheme=scheme)
    u = unit(scheme, w.fgj)
    with pytest.raises(ValidationError) as error:
        services.score_record(actor=w.legal, unit=u, node=leaf, points=D(41), reasoning="")
    assert set(error.value.message_dict) == {"points", "reasoning"}
    with pytest.raises(DomainError):
        services.score_record(actor=w.legal, unit=u, node=scheme.nodes.get(code="1.1"),
                              points=D(1), reasoning="x")  # fmt: skip
    with pytest.raises(NotPermitted):
        services.score_record(actor=w.supervisor, unit=u, node=leaf, points=D(1), reasoning="x")
    score = services.score_record(
        actor=w.legal, unit=u, node=leaf, reasoning="学法制度不健全",
        deductions=[{"reason": "未制定学法计划", "points": "5"},
                    {"reason": "台账缺失", "points": "2.5"}],
        evidence_link="https://example.org/evidence/1",
    )  # fmt: skip
    assert score.points == D("32.50") and score.assessor == w.legal
    event = last_event("assessment_score_record")
    assert (event.from_state, event.to_state) == ("", "32.50")
    # Finalising with 4 units unscored lists them.
    with pytest.raises(DomainError) as error:
        services.assessment_finalise(actor=w.legal, scheme=scheme)
    assert error.value.code == "unscored" and len(error.value.params["missing"]) == 4
    assert f"{w.jyj.name}：2.1 领导重视" in error.value.params["missing"]
    assert f"{w.fgj.name}：2.1 领导重视" not in error.value.params["missing"]
    score_all(w, scheme)
    # A change of the tree after computing: compute again first.
    services.node_update(actor=w.legal, node=leaf, criteria="看台账")
    with pytest.raises(DomainError) as error:
        services.assessment_finalise(actor=w.legal, scheme=scheme)
    assert error.value.code == "stale"
    services.assessment_compute(actor=w.legal, scheme=scheme)
    services.assessment_finalise(actor=w.legal, scheme=scheme)
    scheme.refresh_from_db()
    assert scheme.status == "finalised" and scheme.finalised_by == w.legal
    event = last_event("assessment_finalise")
    assert (event.from_state, event.to_state) == ("computed", "finalised")
    # Frozen.
    for call in (
        lambda: services.assessment_compute(actor=w.legal, scheme=scheme),
        lambda: services.assessment_finalise(actor=w.legal, scheme=scheme),
        lambda: services.node_update(actor=w.legal, node=leaf, label="x"),
        lambda: services.score_record(actor=w.legal, unit=u, node=leaf, points=D(1),
                                      reasoning="x"),
    ):  # fmt: skip
        with pytest.raises(IllegalTransition):
            call()


def test_ranking_ties_share_a_rank_and_grades(w):
    scheme = make_scheme(w)
    # Departments: legal office, fgj, jyj. Rate: fgj 90 → 20, jyj 90 → 20, legal office 100 → 40.
    FAKE_VALUES.update({w.fgj.pk: 90, w.jyj.pk: 90, w.legal_office.pk: 100, w.town_a.pk: 100,
                        w.town_b.pk: 85})  # fmt: skip
    # Counts: none → 20 each.
    services.assessment_compute(actor=w.legal, scheme=scheme)
    score_all(w, scheme, {w.fgj.pk: D(40), w.jyj.pk: D(40), w.legal_office.pk: D(30),
                          w.town_a.pk: D(20), w.town_b.pk: D(40)})  # fmt: skip
    # Totals: legal office 40+20+30 = 90; fgj 20+20+40 = 80; jyj 80. Town A 40+20+20 = 80;
    # town B 10+20+40 = 70.
    services.assessment_finalise(actor=w.legal, scheme=scheme)
    rows = selectors.ranking(scheme)
    departments = [(r.unit.department_id, r.total, r.rank, r.grade) for r in rows["department"]]
    assert departments == [
        (w.legal_office.pk, D("90.00"), 1, "excellent"),
        (w.fgj.pk, D("80.00"), 2, "good"),
        (w.jyj.pk, D("80.00"), 2, "good"),
    ]
    townships = [(r.unit.department_id, r.total, r.rank, r.grade) for r in rows["township"]]
    assert townships == [(w.town_a.pk, D("80.00"), 1, "good"), (w.town_b.pk, D("70.00"), 2, "pass")]


def test_competition_ranks():
    assert selectors.competition_ranks([D(100), D(90), D(90), D(80)]) == [1, 2, 2, 4]
    assert selectors.competition_ranks([D(5), D(5), D(5)]) == [1, 1, 1]


def test_copy_from_the_previous_year(w):
    scheme = make_scheme(w, year=2012, excellent_from=D(95))
    copy = services.scheme_copy(actor=w.legal, source=scheme, year=2013)
    assert copy.title == "2013年度依法行政考核" and copy.copied_from == scheme
    assert copy.excellent_from == D(95) and copy.status == "draft"
    old = {(n.code, n.parent.code if n.parent else None, n.points, n.rule)
           for n in scheme.nodes.all()}  # fmt: skip
    new = {(n.code, n.parent.code if n.parent else None, n.points, n.rule)
           for n in copy.nodes.all()}  # fmt: skip
    assert old == new and Node.objects.filter(scheme=copy).count() == 5
    assert not Node.objects.filter(scheme=copy, parent__scheme=scheme).exists()
    assert last_event("assessment_scheme_copy").detail["from_year"] == 2012


def test_delete_a_category_with_its_leaves(w):
    scheme = make_scheme(w)
    services.node_delete(actor=w.legal, node=scheme.nodes.get(code="1"))
    assert set(scheme.nodes.values_list("code", flat=True)) == {"2", "2.1"}
    assert last_event("assessment_node_delete").detail["descendants"] == 2


def test_compute_is_set_based(w, django_assert_max_num_queries):
    from tests.factories import DepartmentFactory

    scheme = make_scheme(w)
    with django_assert_max_num_queries(40) as few:
        services.assessment_compute(actor=w.legal, scheme=scheme)
    before = len(few.captured_queries)
    for i in range(10):
        DepartmentFactory(division=w.county, code=f"x{i}")
    with django_assert_max_num_queries(before + 2):  # the same queries for 15 units as for 5
        services.assessment_compute(actor=w.legal, scheme=scheme)
    assert scheme.units.count() == 15


def test_a_category_cannot_move_under_its_own_indicator(w):
    scheme = make_scheme(w)
    top = scheme.nodes.get(code="1")
    sub = services.node_add(actor=w.legal, scheme=scheme, parent=top, code="1.3", label="子类",
                            points=D(0), method="category")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.node_update(actor=w.legal, node=top, parent=sub)
    assert error.value.message_dict["parent"] == ["类别不能设在其自身或其下级指标之下。"]
    top.refresh_from_db()
    assert top.parent_id is None


def test_an_indicator_that_fails_is_named(w):
    from zhengwu.assessment.indicators import register_indicator, unregister_indicator

    def broken(division, year):
        raise ZeroDivisionError("division by zero")

    scheme = make_scheme(w)
    register_indicator("test_broken", "坏指标", broken)
    try:
        services.node_update(actor=w.legal, node=scheme.nodes.get(code="1.1"),
                             indicator_code="test_broken")  # fmt: skip
        with pytest.raises(DomainError) as error:
            services.assessment_compute(actor=w.legal, scheme=scheme)
    finally:
        unregister_indicator("test_broken")
    assert error.value.code == "indicator_failed" and "test_broken" in str(error.value.message)
    scheme.refresh_from_db()
    assert scheme.status == "draft" and not Score.objects.exists()

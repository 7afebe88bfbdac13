"""The scoring rules with numbers worked out by hand, and the validation of the tree."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from zhengwu.assessment.scoring import assessed_points, score_value, tree_errors

D = Decimal


def linear(value, *, higher=True):
    return score_value(rule="linear", max_points=D(10), value=value, floor=D(80),
                       target=D(100), higher_is_better=higher)  # fmt: skip


def test_linear_between_floor_and_target():
    # 10 points over 80..100: 95 is 15/20 of the way = 7.5; 87.3 is 7.3/20 = 3.65.
    assert linear(95).points == D("7.50")
    assert linear(87.3).points == D("3.65")
    # 2/3 of 10 = 6.666… rounded half up to 6.67 (93.3333 → 13.3333/20 = 0.666665 → 6.67).
    assert linear(D("93.3333")).points == D("6.67")


def test_linear_clamps_below_the_floor_and_above_the_target():
    assert linear(50).points == D("0.00")
    assert linear(80).points == D("0.00")
    assert linear(100).points == D("10.00")
    assert linear(130).points == D("10.00")


def test_linear_mirrored_when_lower_is_better():
    # Lower is better: 80 or less earns 10, 100 or more nothing; 85 → 1 - 5/20 = 0.75 → 7.5.
    assert linear(85, higher=False).points == D("7.50")
    assert linear(70, higher=False).points == D("10.00")
    assert linear(120, higher=False).points == D("0.00")


def test_deduction_per_occurrence_down_to_zero():
    def deduct(value):
        return score_value(rule="deduction", max_points=D(20), value=value, deduction=D("1.5"))

    assert deduct(0).points == D("20.00")
    assert deduct(3).points == D("15.50")  # 20 - 3 × 1.5
    assert deduct(13).points == D("0.50")  # 20 - 19.5
    assert deduct(14).points == D("0.00")  # 20 - 21 → clamped at 0


def test_no_value_gives_zero_points_with_a_note():
    result = linear(None)
    assert result.points == D("0.00")
    assert "0" in result.note and result.note


def test_assessed_points_given_or_from_deductions():
    assert assessed_points(max_points=D(10), points=D("8.5")) == D("8.50")
    deductions = [{"reason": "制度不全", "points": "2"}, {"reason": "台账缺失", "points": "1.5"}]
    assert assessed_points(max_points=D(10), deductions=deductions) == D("6.50")
    heavy = [{"reason": "x", "points": "7"}, {"reason": "y", "points": "7"}]
    assert assessed_points(max_points=D(10), deductions=heavy) == D("0.00")


def node(pk, code, points, method="assessed", parent=None, **kw):
    fields = {"indicator_code": "", "rule": "", "floor": None, "target": None, "deduction": None}
    fields.update(kw)
    return SimpleNamespace(pk=pk, code=code, label=f"指标{code}", points=D(points),
                           method=method, parent_id=parent, position=pk, **fields)  # fmt: skip


SCHEME = SimpleNamespace(title="2012年度考核", total_points=D(100))


def test_a_valid_tree_has_no_errors():
    nodes = [node(1, "1", 60, "category"), node(2, "1.1", 60, parent=1),
             node(3, "2", 40, "category"), node(4, "2.1", 25, parent=3),
             node(5, "2.2", 15, "computed", parent=3, indicator_code="x", rule="linear",
                  floor=D(0), target=D(100))]  # fmt: skip
    assert tree_errors(SCHEME, nodes, registered={"x": object()}) == []


def test_children_must_add_up_to_the_parent_naming_the_node():
    nodes = [node(1, "1", 60, "category"), node(2, "1.1", 30, parent=1),
             node(3, "1.2", 20, parent=1), node(4, "2", 30, "category"),
             node(5, "2.1", 30, parent=4)]  # fmt: skip
    errors = tree_errors(SCHEME, nodes)
    assert "“1 指标1”下各项分值合计为 50，不等于其分值 60。" in errors
    assert "“2012年度考核”" in " ".join(errors)  # the top level: 60 + 30 = 90, not 100
    assert len(errors) == 2


def test_cycles_are_reported():
    nodes = [node(1, "1", 100, "category", parent=2), node(2, "2", 100, "category", parent=1)]
    errors = tree_errors(SCHEME, nodes)
    assert any("循环" in e and "“1 指标1”" in e for e in errors)


def test_scoring_parameters_must_be_sane():
    nodes = [
        node(1, "1", 100, "category"),
        node(2, "1.1", 40, "computed", parent=1, indicator_code="x", rule="linear",
             floor=D(100), target=D(90)),
        node(3, "1.2", 30, "computed", parent=1, indicator_code="x", rule="deduction",
             deduction=D(0)),
        node(4, "1.3", 30, "computed", parent=1, indicator_code="nope", rule="linear",
             floor=D(-5), target=D(10)),
    ]  # fmt: skip
    errors = tree_errors(SCHEME, nodes, registered={"x": object()})
    assert "“1.1 指标1.1”: 目标值必须大于下限值。" in errors
    assert "“1.2 指标1.2”: 每次扣分必须大于 0。" in errors
    assert any(e.startswith("“1.3 指标1.3”") and "nope" in e for e in errors)
    assert "“1.3 指标1.3”: 数值不能为负数。" in errors


def test_an_empty_category_and_a_leaf_with_children():
    nodes = [node(1, "1", 50, "category"), node(2, "2", 50), node(3, "2.1", 0, parent=2)]
    errors = tree_errors(SCHEME, nodes)
    assert any("“1 指标1”" in e and "没有" in e for e in errors)
    assert any("“2 指标2”" in e and "不能" in e for e in errors)


@pytest.mark.parametrize("points", [-1])
def test_negative_points(points):
    errors = tree_errors(SCHEME, [node(1, "1", 100, "category"), node(2, "1.1", points, parent=1)])
    assert any("负" in e for e in errors)

from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from zhengwu.catalog.process import build_graph, validate_process


@dataclass
class S:
    code: str
    name: str = ""
    kind: str = "review"
    department_id: int | None = 1
    role: str = ""
    limit_days: int | None = None
    clock_excluded: bool = False
    parallel_group: int | None = None
    after: list = field(default_factory=list)


def codes(problem: ValidationError) -> list[str]:
    return [e.code for e in problem.error_list]


def test_linear_and_parallel_edges():
    stages = [
        S("accept"),
        S("review"),
        S("co1", parallel_group=1),
        S("co2", parallel_group=1),
        S("decide"),
        S("deliver"),
    ]
    graph = build_graph(stages)
    assert graph.predecessors == {
        "accept": [],
        "review": ["accept"],
        "co1": ["review"],
        "co2": ["review"],
        "decide": ["co1", "co2"],
        "deliver": ["decide"],
    }
    assert graph.levels() == [["accept"], ["review"], ["co1", "co2"], ["decide"], ["deliver"]]


def test_explicit_after_overrides_the_order():
    graph = build_graph([S("a"), S("b"), S("c", after=["a"])])
    assert graph.predecessors["c"] == ["a"]
    assert graph.levels() == [["a"], ["b", "c"]]


def test_every_problem_is_reported_at_once():
    stages = [
        S("accept", name="受理", department_id=None, role=""),
        S("review", name="审查", limit_days=30),
        S("decide", name="决定", after=["ghost"]),
    ]
    with override("en"), pytest.raises(ValidationError) as excinfo:
        validate_process(stages, legal_limit_days=20)
    assert sorted(codes(excinfo.value)) == [
        "stage_limit_exceeds_total",
        "stage_without_owner",
        "unknown_stage",
    ]
    assert "受理" in str(excinfo.value) and "30" in str(excinfo.value)


def test_a_cycle_is_refused_naming_its_stages():
    stages = [S("a"), S("b", after=["c"]), S("c", after=["b"])]
    with pytest.raises(ValidationError) as excinfo:
        validate_process(stages, legal_limit_days=None)
    assert codes(excinfo.value) == ["process_cycle"]
    assert "b" in excinfo.value.messages[0] and "c" in excinfo.value.messages[0]


def test_duplicate_codes_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_process([S("a"), S("a")], legal_limit_days=None)
    assert "duplicate_stage" in codes(excinfo.value)


def test_a_hearing_must_be_excluded_from_the_time_limit():
    with pytest.raises(ValidationError) as excinfo:
        validate_process([S("a"), S("h", kind="hearing")], legal_limit_days=20)
    assert codes(excinfo.value) == ["stage_must_be_excluded"]
    validate_process([S("a"), S("h", kind="hearing", clock_excluded=True)], legal_limit_days=20)


def test_a_stage_role_must_be_a_known_role():
    with pytest.raises(ValidationError) as excinfo:
        validate_process([S("a", role="boss")], legal_limit_days=None)
    assert codes(excinfo.value) == ["unknown_role"]
    validate_process([S("a", role="window_clerk")], legal_limit_days=None)

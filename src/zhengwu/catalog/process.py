"""A power's process definition as a graph: validation, and the layout the flowchart draws.

Stages are read in ``position`` order. A stage runs after the stages named in its ``after`` list;
with an empty list it runs after the stage before it — or, when that stage belongs to a parallel
group, after the whole group. Stages sharing a ``parallel_group`` all start after the stage before
the group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhengwu.org.roles import Role

# Stage kinds whose time the law keeps out of the time limit (Administrative Licensing Law art. 45).
CLOCK_EXCLUDED_KINDS = {"hearing", "expert_review", "inspection"}


class StageLike(Protocol):
    code: str
    name: str
    kind: str
    department_id: int | None
    role: str
    limit_days: int | None
    clock_excluded: bool
    parallel_group: int | None
    after: list


@dataclass
class ProcessGraph:
    stages: list[StageLike]
    predecessors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return [stage.code for stage in self.stages]

    def edges(self) -> list[tuple[str, str]]:
        return [(p, code) for code, preds in self.predecessors.items() for p in preds]

    def levels(self) -> list[list[str]]:
        """Stages by depth (longest path from a start); stages of one level run side by side."""
        depth: dict[str, int] = {}
        for code in self.topological_order():
            preds = self.predecessors.get(code, [])
            depth[code] = 1 + max((depth[p] for p in preds), default=-1)
        levels: list[list[str]] = []
        for code in self.codes:
            while len(levels) <= depth[code]:
                levels.append([])
            levels[depth[code]].append(code)
        return levels

    def topological_order(self) -> list[str]:
        """The stage codes in an order where every stage follows its predecessors.

        Raises ValidationError naming the stages of a cycle.
        """
        indegree = {code: len(self.predecessors.get(code, [])) for code in self.codes}
        successors: dict[str, list[str]] = {code: [] for code in self.codes}
        for before, after in self.edges():
            successors[before].append(after)
        ready = [code for code in self.codes if indegree[code] == 0]
        order: list[str] = []
        while ready:
            code = ready.pop(0)
            order.append(code)
            for nxt in successors[code]:
                indegree[nxt] -= 1
                if indegree[nxt] == 0:
                    ready.append(nxt)
        if len(order) != len(self.codes):
            stuck = [code for code in self.codes if code not in order]
            raise ValidationError(
                _("The stages %(stages)s depend on each other in a cycle.")
                % {"stages": "、".join(stuck)},
                code="process_cycle",
            )
        return order


def build_graph(stages: Sequence[StageLike]) -> ProcessGraph:
    """The graph of a process definition, with the implicit "after the previous" edges."""
    graph = ProcessGraph(stages=list(stages))
    previous: list[str] = []  # the stage (or parallel group) a stage without `after` follows
    group_members: list[str] = []
    group_predecessors: list[str] = []
    current_group: int | None = None
    for stage in graph.stages:
        in_group = stage.parallel_group is not None
        if in_group and stage.parallel_group == current_group:
            default = group_predecessors
            group_members.append(stage.code)
        else:
            if current_group is not None:
                previous = group_members
            current_group = stage.parallel_group if in_group else None
            default = previous
            if in_group:
                group_predecessors = previous
                group_members = [stage.code]
        graph.predecessors[stage.code] = list(stage.after) if stage.after else list(default)
        if not in_group:
            previous = [stage.code]
    return graph


def validate_process(stages: Sequence[StageLike], *, legal_limit_days: int | None) -> ProcessGraph:
    """Check a process definition; raise one ValidationError listing every problem."""
    problems: list[ValidationError] = []
    seen: set[str] = set()
    for stage in stages:
        label = stage.name or stage.code
        if stage.code in seen:
            problems.append(
                ValidationError(
                    _("Two stages have the code %(code)s.") % {"code": stage.code},
                    code="duplicate_stage",
                )
            )
        seen.add(stage.code)
        if not stage.department_id and not stage.role:
            problems.append(
                ValidationError(
                    _("Stage “%(stage)s” has no responsible department or role.")
                    % {"stage": label},
                    code="stage_without_owner",
                )
            )
        if stage.role and stage.role not in Role.values:
            problems.append(
                ValidationError(
                    _("Stage “%(stage)s” names an unknown role %(role)s.")
                    % {"stage": label, "role": stage.role},
                    code="unknown_role",
                )
            )
        if stage.kind in CLOCK_EXCLUDED_KINDS and not stage.clock_excluded:
            problems.append(
                ValidationError(
                    _(
                        "Stage “%(stage)s” must be excluded from the time limit: the law does not "
                        "count hearings, expert review, inspection and testing (Administrative "
                        "Licensing Law art. 45)."
                    )
                    % {"stage": label},
                    code="stage_must_be_excluded",
                )
            )
        if (
            legal_limit_days is not None
            and stage.limit_days is not None
            and stage.limit_days > legal_limit_days
        ):
            problems.append(
                ValidationError(
                    _(
                        "Stage “%(stage)s” has %(days)s days, more than the whole time limit "
                        "(%(total)s days)."
                    )
                    % {"stage": label, "days": stage.limit_days, "total": legal_limit_days},
                    code="stage_limit_exceeds_total",
                )
            )
    for stage in stages:
        for code in stage.after or []:
            if code not in seen:
                problems.append(
                    ValidationError(
                        _("Stage “%(stage)s” follows an unknown stage %(code)s.")
                        % {"stage": stage.name or stage.code, "code": code},
                        code="unknown_stage",
                    )
                )
    graph = build_graph(stages)
    if not problems:
        try:
            graph.topological_order()
        except ValidationError as exc:
            problems.append(exc)
    if problems:
        raise ValidationError(problems)
    return graph

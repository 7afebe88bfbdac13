"""Reads of the annual assessment: the schemes a user sees, the units a scheme assesses, the
ranking per unit group, a unit's scorecard and the leaves still to score."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum

from zhengwu.assessment import rules
from zhengwu.assessment.indicators import indicator
from zhengwu.assessment.models import (
    AssessedUnit,
    AssessmentScheme,
    Grade,
    Method,
    Node,
    SchemeStatus,
    Score,
    UnitGroup,
)
from zhengwu.org.models import Department, Division

DEPARTMENT_KINDS = [Department.Kind.DEPARTMENT, Department.Kind.OFFICE, Department.Kind.INSTITUTION]


def schemes_visible_to(user) -> QuerySet[AssessmentScheme]:
    """Every scheme of the county for those who see everything; the finalised ones for the
    county's other staff (each then sees the scorecards the rules allow)."""
    county = rules.county_of(user)
    if county is None:
        return AssessmentScheme.objects.none()
    schemes = AssessmentScheme.objects.filter(division=county).select_related("division")
    if rules.sees_all_of(user, county):
        return schemes
    return schemes.filter(status=SchemeStatus.FINALISED)


def candidate_units(scheme: AssessmentScheme) -> list[tuple[Department, str]]:
    """The units the scheme assesses today: the townships' governments and the county's working
    departments, offices and institutions (active ones), by group and code."""
    wanted = Q(pk__in=[])
    if scheme.assess_townships:
        wanted |= Q(
            kind=Department.Kind.GOVERNMENT,
            division__parent=scheme.division,
            division__level=Division.Level.TOWNSHIP,
        )
    if scheme.assess_departments:
        wanted |= Q(division=scheme.division, kind__in=DEPARTMENT_KINDS)
    departments = (
        Department.objects.filter(is_active=True)
        .filter(wanted)
        .select_related("division")
        .order_by("division__code", "code")
    )
    return [
        (d, UnitGroup.TOWNSHIP if d.kind == Department.Kind.GOVERNMENT else UnitGroup.DEPARTMENT)
        for d in departments
    ]


def leaves(scheme: AssessmentScheme) -> list[Node]:
    return list(scheme.nodes.exclude(method=Method.CATEGORY).order_by("position", "pk"))


def tree(scheme: AssessmentScheme) -> list[tuple[Node, int]]:
    """The nodes depth first, with their depth (0 for the top level)."""
    nodes = list(scheme.nodes.order_by("position", "pk"))
    children: dict[int | None, list[Node]] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)
    out: list[tuple[Node, int]] = []

    def walk(parent, depth):
        for n in children.get(parent, []):
            out.append((n, depth))
            if depth < 10:
                walk(n.pk, depth + 1)

    walk(None, 0)
    return out


def max_points_by_group(scheme: AssessmentScheme, nodes: list[Node] | None = None) -> dict:
    nodes = leaves(scheme) if nodes is None else nodes
    return {
        group: sum((n.points for n in nodes if n.applies_to_group(group)), Decimal(0))
        for group in UnitGroup.values
    }


def grade_for(scheme: AssessmentScheme, percent: Decimal | None) -> str:
    if percent is None:
        return ""
    if percent >= scheme.excellent_from:
        return Grade.EXCELLENT
    if percent >= scheme.good_from:
        return Grade.GOOD
    if percent >= scheme.pass_from:
        return Grade.PASS
    return Grade.FAIL


def percent_of(total: Decimal, possible: Decimal) -> Decimal | None:
    if not possible:
        return None
    return (Decimal(total) * 100 / Decimal(possible)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class RankRow:
    unit: AssessedUnit
    total: Decimal
    max_points: Decimal
    percent: Decimal | None
    rank: int
    grade: str

    @property
    def grade_label(self) -> str:
        return str(Grade(self.grade).label) if self.grade else ""


def competition_ranks(totals: list[Decimal]) -> list[int]:
    """Ranks of totals given highest first; equal totals share a rank and the next rank skips
    (100, 90, 90, 80 → 1, 2, 2, 4)."""
    ranks: list[int] = []
    for i, total in enumerate(totals):
        ranks.append(ranks[-1] if i and total == totals[i - 1] else i + 1)
    return ranks


def ranking(scheme: AssessmentScheme) -> dict[str, list[RankRow]]:
    """The units of each group by total points (highest first; ties share a rank, then by
    code): the stored result of a finalised run, the live sums of the scores otherwise."""
    units = list(
        scheme.units.select_related("department__division")
        .annotate(live_total=Sum("scores__points"))
        .order_by("group", "department__division__code", "department__code")
    )
    possible = max_points_by_group(scheme)
    out: dict[str, list[RankRow]] = {g: [] for g in scheme.groups()}
    for group in out:
        members = [u for u in units if u.group == group]
        if scheme.is_finalised:
            members.sort(key=lambda u: (u.rank or 0, u.department.division.code, u.department.code))
            out[group] = [
                RankRow(u, u.total, u.max_points, percent_of(u.total, u.max_points), u.rank,
                        u.grade)
                for u in members
            ]  # fmt: skip
            continue
        members.sort(key=lambda u: -(u.live_total or 0))
        totals = [Decimal(u.live_total or 0).quantize(Decimal("0.01")) for u in members]
        for u, total, rank in zip(members, totals, competition_ranks(totals), strict=True):
            pct = percent_of(total, possible[group])
            out[group].append(RankRow(u, total, possible[group], pct, rank, grade_for(scheme, pct)))
    return out


@dataclass
class ScorecardLine:
    node: Node
    depth: int
    score: Score | None = None
    max_points: Decimal = Decimal(0)
    points: Decimal | None = None
    how: str = ""
    unit_label: str = ""

    @property
    def is_category(self) -> bool:
        return self.node.method == Method.CATEGORY


def scorecards(units) -> list[tuple[AssessedUnit, list[ScorecardLine]]]:
    """:func:`scorecard` of each unit, reading each scheme's tree once and every unit's scores
    in one query."""
    units = list(units)
    trees: dict[int, list[tuple[Node, int]]] = {}
    scores: dict[int, dict[int, Score]] = {u.pk: {} for u in units}
    for score in Score.objects.filter(unit__in=units).select_related("assessor"):
        scores[score.unit_id][score.node_id] = score
    out = []
    for unit in units:
        if unit.scheme_id not in trees:
            trees[unit.scheme_id] = tree(unit.scheme)
        out.append((unit, scorecard(unit, nodes=trees[unit.scheme_id], scores=scores[unit.pk])))
    return out


def scorecard(unit: AssessedUnit, *, nodes=None, scores=None) -> list[ScorecardLine]:
    """Every node that applies to the unit, depth first: categories with the sum of their
    leaves, leaves with their score, evidence and how they were computed.

    ``nodes`` (the scheme's :func:`tree`) and ``scores`` (the unit's by node id) when a list
    has read them (:func:`scorecards`)."""
    if scores is None:
        scores = {s.node_id: s for s in unit.scores.select_related("assessor")}
    lines: list[ScorecardLine] = []
    for node, depth in tree(unit.scheme) if nodes is None else nodes:
        line = ScorecardLine(node=node, depth=depth, max_points=node.points)
        if node.method != Method.CATEGORY:
            if not node.applies_to_group(unit.group):
                continue
            line.score = scores.get(node.pk)
            line.points = line.score.points if line.score else None
            if node.method == Method.COMPUTED:
                ind = indicator(node.indicator_code)
                line.how = ind.query_description if ind else ""
                line.unit_label = ind.unit_label if ind else ""
        lines.append(line)
    # Categories: the sum of their leaves' points (and possible points) for this unit.
    for line in reversed(lines):
        if line.is_category:
            kids = [x for x in lines if x.node.parent_id == line.node.pk]
            line.max_points = sum((x.max_points for x in kids), Decimal(0))
            line.points = sum((x.points or Decimal(0) for x in kids), Decimal(0))
    return [line for line in lines if not line.is_category or line.max_points]


def unscored(scheme: AssessmentScheme) -> list[tuple[AssessedUnit, Node]]:
    """The assessed leaves not yet scored, per unit (what finalising waits for)."""
    assessed = list(scheme.nodes.filter(method=Method.ASSESSED).order_by("position", "pk"))
    done = set(
        Score.objects.filter(
            unit__scheme=scheme, node__in=assessed, points__isnull=False
        ).values_list("unit_id", "node_id")
    )
    units = scheme.units.select_related("department__division").order_by(
        "group", "department__division__code", "department__code"
    )
    return [
        (u, n)
        for u in units
        for n in assessed
        if n.applies_to_group(u.group) and (u.pk, n.pk) not in done
    ]


def unit_of(user, scheme: AssessmentScheme) -> AssessedUnit | None:
    if user.department_id is None:
        return None
    return scheme.units.filter(department_id=user.department_id).first()

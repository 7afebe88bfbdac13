"""The JSON API of assessment of law-based administration (mounted by ``zhengwu.api`` at
``/api/assessment/``).

Staff only (token or session). Reads go through ``schemes_visible_to(request.user)`` and the
scorecard rules: a scheme or a scorecard the caller may not see is a 404. The actions (compute,
score, finalise) call the services, whose refusals become JSON errors through the handlers of
``zhengwu.api``.
"""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from zhengwu.assessment import rules, selectors, services
from zhengwu.assessment.figures import annual_figures
from zhengwu.assessment.indicators import registered_indicators
from zhengwu.assessment.models import AssessmentScheme, Method, Node
from zhengwu.common.errors import NotPermitted

router = Router(tags=["assessment"])


class AssessmentIndicatorOut(Schema):
    code: str
    label: str
    unit: str
    higher_is_better: bool
    description: str


class AssessmentNodeOut(Schema):
    id: int
    parent_id: int | None
    code: str
    label: str
    points: Decimal
    method: str
    applies_to: str
    indicator_code: str
    rule: str
    floor: Decimal | None
    target: Decimal | None
    deduction: Decimal | None


class AssessmentSchemeOut(Schema):
    id: int
    year: int
    title: str
    status: str
    total_points: Decimal
    computed_at: datetime | None
    finalised_at: datetime | None


class AssessmentSchemeDetailOut(AssessmentSchemeOut):
    nodes: list[AssessmentNodeOut]
    problems: list[str]


class AssessmentRankOut(Schema):
    unit_id: int
    department: str
    group: str
    total: Decimal
    max_points: Decimal
    percent: Decimal | None
    rank: int
    grade: str


class AssessmentScoreOut(Schema):
    code: str
    label: str
    method: str
    value: Decimal | None
    points: Decimal | None
    max_points: Decimal
    note: str
    reasoning: str
    evidence_link: str
    indicator_code: str
    how: str


class AssessmentScorecardOut(Schema):
    unit_id: int
    department: str
    group: str
    total: Decimal | None
    rank: int | None
    grade: str
    lines: list[AssessmentScoreOut]


class AssessmentDeductionIn(Schema):
    reason: str
    points: Decimal


class AssessmentScoreIn(Schema):
    node_id: int
    points: Decimal | None = None
    deductions: list[AssessmentDeductionIn] = []
    reasoning: str = ""
    evidence_link: str = ""


def _scheme(request, pk: int) -> AssessmentScheme:
    return get_object_or_404(selectors.schemes_visible_to(request.user), pk=pk)


def _detail(scheme: AssessmentScheme) -> dict:
    out = AssessmentSchemeOut.from_orm(scheme).dict()
    out["nodes"] = list(scheme.nodes.order_by("position", "pk"))
    out["problems"] = services.scheme_problems(scheme)
    return out


@router.get("/indicators", response=list[AssessmentIndicatorOut])
def indicator_list(request):
    return [
        {"code": code, "label": str(ind.label), "unit": str(ind.unit),
         "higher_is_better": ind.higher_is_better, "description": ind.query_description}
        for code, ind in registered_indicators().items()
    ]  # fmt: skip


@router.get("/schemes", response=list[AssessmentSchemeOut])
def scheme_list(request):
    return list(selectors.schemes_visible_to(request.user))


@router.get("/schemes/{pk}", response=AssessmentSchemeDetailOut)
def scheme_detail(request, pk: int):
    scheme = _scheme(request, pk)
    if not rules.sees_all(request.user, scheme):
        raise Http404
    return _detail(scheme)


@router.get("/schemes/{pk}/ranking", response=list[AssessmentRankOut])
def scheme_ranking(request, pk: int):
    scheme = _scheme(request, pk)
    if not rules.may_see_ranking(request.user, scheme):
        raise Http404
    return [
        {"unit_id": r.unit.pk, "department": r.unit.department.name, "group": r.unit.group,
         "total": r.total, "max_points": r.max_points, "percent": r.percent, "rank": r.rank,
         "grade": r.grade}
        for rows in selectors.ranking(scheme).values() for r in rows
    ]  # fmt: skip


@router.get("/schemes/{pk}/units/{unit_id}", response=AssessmentScorecardOut)
def scheme_scorecard(request, pk: int, unit_id: int):
    scheme = _scheme(request, pk)
    unit = get_object_or_404(scheme.units.select_related("department"), pk=unit_id)
    if not rules.may_see_scorecard(request.user, unit):
        raise Http404
    lines = []
    for line in selectors.scorecard(unit):
        score = line.score
        lines.append({
            "code": line.node.code, "label": line.node.label, "method": line.node.method,
            "value": score.value if score else None, "points": line.points,
            "max_points": line.max_points, "note": score.note if score else "",
            "reasoning": score.reasoning if score else "",
            "evidence_link": score.evidence_link if score else "",
            "indicator_code": line.node.indicator_code, "how": line.how,
        })  # fmt: skip
    return {"unit_id": unit.pk, "department": unit.department.name, "group": unit.group,
            "total": unit.total, "rank": unit.rank, "grade": unit.grade,
            "lines": lines}  # fmt: skip


def _managed(request, pk: int) -> AssessmentScheme:
    scheme = _scheme(request, pk)
    if not rules.may_manage(request.user, scheme):
        raise NotPermitted()
    return scheme


@router.post("/schemes/{pk}/compute", response=AssessmentSchemeDetailOut)
def scheme_compute(request, pk: int):
    scheme = _managed(request, pk)
    services.assessment_compute(actor=request.user, scheme=scheme)
    return _detail(AssessmentScheme.objects.get(pk=pk))


@router.post("/schemes/{pk}/units/{unit_id}/scores", response=AssessmentScorecardOut)
def scheme_score(request, pk: int, unit_id: int, payload: AssessmentScoreIn):
    scheme = _managed(request, pk)
    unit = get_object_or_404(scheme.units, pk=unit_id)
    node = get_object_or_404(Node, scheme=scheme, pk=payload.node_id, method=Method.ASSESSED)
    services.score_record(
        actor=request.user, unit=unit, node=node, points=payload.points,
        deductions=[d.dict() for d in payload.deductions], reasoning=payload.reasoning,
        evidence_link=payload.evidence_link,
    )  # fmt: skip
    return scheme_scorecard(request, pk, unit_id)


@router.post("/schemes/{pk}/finalise", response=AssessmentSchemeDetailOut)
def scheme_finalise(request, pk: int):
    scheme = _managed(request, pk)
    services.assessment_finalise(actor=request.user, scheme=scheme)
    return _detail(AssessmentScheme.objects.get(pk=pk))


@router.get("/figures")
def figures(request, year: int):
    county = rules.county_of(request.user)
    if county is None:
        raise Http404
    return annual_figures(county, year)

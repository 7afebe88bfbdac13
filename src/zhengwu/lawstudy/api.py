"""The JSON API of law study and exams (mounted by ``zhengwu.api`` at ``/api/lawstudy/``).

For the county's staff: the registers of sessions, courses and exams (filtered by year and
kind), an exam's per-unit participation with rates, the annual figures; and the entry of a
unit's participation (the legal office for any unit, a unit's staff for their own). ID numbers
never leave the API: individual results are counted, not listed.
"""

from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from zhengwu.common.errors import NotPermitted
from zhengwu.lawstudy import rules, selectors, services
from zhengwu.lawstudy.figures import annual_figures, participation_totals, rate
from zhengwu.lawstudy.models import ExamParticipation, ExamUnit

router = Router(tags=["lawstudy"])


def _staff(request):
    user = request.user
    if not user.has_perm("lawstudy.view_registers") or rules.county_of(user) is None:
        raise NotPermitted()
    return user


class LawStudyFilters(Schema):
    year: int | None = None
    kind: str | None = None


class LawStudySessionOut(Schema):
    id: int
    kind: str
    kind_label: str
    held_on: date
    topic: str
    laws: list[str]
    lecturer: str
    attendee_count: int


@router.get("/sessions", response=list[LawStudySessionOut], summary="Study sessions")
def list_sessions(request, filters: Query[LawStudyFilters]):
    rows = selectors.sessions_visible_to(_staff(request))
    if filters.year:
        rows = rows.filter(held_on__year=filters.year)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return [
        {
            "id": s.pk,
            "kind": s.kind,
            "kind_label": str(s.get_kind_display()),
            "held_on": s.held_on,
            "topic": s.topic,
            "laws": s.law_list,
            "lecturer": s.lecturer,
            "attendee_count": s.attendee_count,
        }
        for s in rows.order_by("held_on", "pk")
    ]


class LawStudyCourseOut(Schema):
    id: int
    title: str
    organiser: str
    kind: str
    kind_label: str
    starts_on: date
    ends_on: date
    hours: float
    participant_count: int


@router.get("/courses", response=list[LawStudyCourseOut], summary="Training courses")
def list_courses(request, filters: Query[LawStudyFilters]):
    rows = selectors.courses_visible_to(_staff(request))
    if filters.year:
        rows = rows.filter(starts_on__year=filters.year)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return [
        {
            "id": c.pk,
            "title": c.title,
            "organiser": c.organiser,
            "kind": c.kind,
            "kind_label": str(c.get_kind_display()),
            "starts_on": c.starts_on,
            "ends_on": c.ends_on,
            "hours": float(c.hours),
            "participant_count": c.participant_count,
        }
        for c in rows.order_by("starts_on", "pk")
    ]


class LawStudyExamOut(Schema):
    id: int
    kind: str
    kind_label: str
    year: int
    title: str
    held_on: date
    pass_mark: float
    status: str
    units: int
    eligible: int
    participants: int
    passed: int
    participation_rate: float | None
    pass_rate: float | None


def _exam_out(exam, totals: dict | None = None) -> dict:
    """``totals``: the exam's ``participation_totals`` when a list has read them all."""
    if totals is None:
        totals = participation_totals(ExamParticipation.objects.filter(exam=exam))
    return {
        "id": exam.pk,
        "kind": exam.kind,
        "kind_label": str(exam.get_kind_display()),
        "year": exam.year,
        "title": exam.title,
        "held_on": exam.held_on,
        "pass_mark": float(exam.pass_mark),
        "status": exam.status,
        "units": totals["units"],
        "eligible": totals["eligible"],
        "participants": totals["participants"],
        "passed": totals["passed"],
        "participation_rate": totals["participation_rate"],
        "pass_rate": totals["pass_rate"],
    }


@router.get("/exams", response=list[LawStudyExamOut], summary="Law exams")
def list_exams(request, filters: Query[LawStudyFilters]):
    rows = selectors.exams_visible_to(_staff(request))
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    exams = list(rows.order_by("year", "held_on", "pk"))
    return [_exam_out(e, totals) for e, totals in zip(exams, _totals_of(exams), strict=True)]


def _totals_of(exams) -> list[dict]:
    """``participation_totals`` of each exam, in one grouped query."""
    grouped = {
        row.pop("exam_id"): row
        for row in ExamParticipation.objects.filter(exam__in=exams)
        .order_by()
        .values("exam_id")
        .annotate(
            units=Count("pk"),
            eligible=Coalesce(Sum("eligible"), 0),
            participants=Coalesce(Sum("participants"), 0),
            passed=Coalesce(Sum("passed"), 0),
        )
    }
    out = []
    for exam in exams:
        totals = grouped.get(exam.pk, {"units": 0, "eligible": 0, "participants": 0, "passed": 0})
        totals["participation_rate"] = rate(totals["participants"], totals["eligible"])
        totals["pass_rate"] = rate(totals["passed"], totals["participants"])
        out.append(totals)
    return out


@router.get("/exams/{exam_id}", response=LawStudyExamOut, summary="A law exam with its totals")
def get_exam(request, exam_id: int):
    return _exam_out(get_object_or_404(selectors.exams_visible_to(_staff(request)), pk=exam_id))


class LawStudyParticipationOut(Schema):
    unit_id: int
    unit: str
    unit_kind: str
    department_id: int | None
    eligible: int
    participants: int
    passed: int
    participation_rate: float | None
    pass_rate: float | None
    version: int


class LawStudySort(Schema):
    sort: str = "unit"


def _participation_out(p) -> dict:
    return {
        "unit_id": p.unit_id,
        "unit": p.unit.name,
        "unit_kind": p.unit.kind,
        "department_id": p.unit.department_id,
        "eligible": p.eligible,
        "participants": p.participants,
        "passed": p.passed,
        "participation_rate": rate(p.participants, p.eligible),
        "pass_rate": rate(p.passed, p.participants),
        "version": p.version,
    }


@router.get(
    "/exams/{exam_id}/participation",
    response=list[LawStudyParticipationOut],
    summary="An exam's participation per unit (sort: unit, rate, -rate, eligible …)",
)
def list_participation(request, exam_id: int, q: Query[LawStudySort]):
    exam = get_object_or_404(selectors.exams_visible_to(_staff(request)), pk=exam_id)
    return [_participation_out(p) for p in selectors.participation_table(exam, sort=q.sort)]


class LawStudyParticipationIn(Schema):
    unit_id: int
    eligible: int
    participants: int
    passed: int
    version: int | None = None


@router.post(
    "/exams/{exam_id}/participation",
    response=LawStudyParticipationOut,
    summary="Enter a unit's participation",
)
def enter_participation(request, exam_id: int, payload: LawStudyParticipationIn):
    user = _staff(request)
    exam = get_object_or_404(selectors.exams_visible_to(user), pk=exam_id)
    unit = get_object_or_404(ExamUnit.objects.filter(division=exam.division), pk=payload.unit_id)
    row = services.participation_record(
        actor=user,
        exam=exam,
        unit=unit,
        eligible=payload.eligible,
        participants=payload.participants,
        passed=payload.passed,
        version=payload.version,
    )
    return _participation_out(row)


@router.get("/figures", summary="The annual figures of law study and exams (staff)")
def figures(request, year: int = Query(..., ge=2000, le=2100)):
    user = _staff(request)
    return annual_figures(rules.county_of(user), year)

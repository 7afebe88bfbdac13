"""Reads of law study and exams, always through the user.

Staff of a county see its sessions, courses, units, exams and the per-unit participation;
individual results are seen by the legal office, supervisors and administrators, and by a unit's
own staff for their unit. Others see nothing (the views answer 404).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Case, ExpressionWrapper, F, FloatField, QuerySet, Value, When
from django.db.models.functions import Cast

from zhengwu.lawstudy import rules
from zhengwu.lawstudy.models import (
    Exam,
    ExamParticipation,
    ExamResult,
    ExamUnit,
    StudySession,
    TrainingCourse,
)

DEFAULT_THRESHOLD = 95.0


def participation_threshold() -> float:
    """Units whose participation rate is below this (percent) are highlighted."""
    return float(getattr(settings, "ZHENGWU_LAWSTUDY_PARTICIPATION_THRESHOLD", DEFAULT_THRESHOLD))


def _county(user):
    if not rules.can_view_registers(user):
        return None
    return rules.county_of(user)


def sessions_visible_to(user) -> QuerySet[StudySession]:
    county = _county(user)
    if county is None:
        return StudySession.objects.none()
    return StudySession.objects.filter(division=county)


def courses_visible_to(user) -> QuerySet[TrainingCourse]:
    county = _county(user)
    if county is None:
        return TrainingCourse.objects.none()
    return TrainingCourse.objects.filter(division=county)


def units_visible_to(user) -> QuerySet[ExamUnit]:
    county = _county(user)
    if county is None:
        return ExamUnit.objects.none()
    return ExamUnit.objects.filter(division=county).select_related("department")


def exams_visible_to(user) -> QuerySet[Exam]:
    county = _county(user)
    if county is None:
        return Exam.objects.none()
    return Exam.objects.filter(division=county)


def results_visible_to(user, exam: Exam) -> QuerySet[ExamResult]:
    results = ExamResult.objects.filter(exam=exam).select_related("unit")
    if not exams_visible_to(user).filter(pk=exam.pk).exists():
        return results.none()
    if rules.may_see_all_results(user, exam):
        return results
    return results.filter(unit__department_id=user.department_id)


def rate_expression():
    """participants / eligible in percent (``NULL`` when no one was required to sit)."""
    return Case(
        When(eligible=0, then=Value(None)),
        default=ExpressionWrapper(
            Cast(F("participants"), FloatField())
            * Value(100.0)
            / Cast(F("eligible"), FloatField()),
            output_field=FloatField(),
        ),
        output_field=FloatField(),
    )


SORTS = {
    "unit": ["unit__name"],
    "-unit": ["-unit__name"],
    "rate": [F("rate").asc(nulls_last=True), "unit__name"],
    "-rate": [F("rate").desc(nulls_last=True), "unit__name"],
    "eligible": ["eligible", "unit__name"],
    "-eligible": ["-eligible", "unit__name"],
}


def participation_table(exam: Exam, *, sort: str = "unit") -> QuerySet[ExamParticipation]:
    """The exam's per-unit participation with its rate (``rate``), sorted in the database."""
    order = SORTS.get(sort, SORTS["unit"])
    return (
        ExamParticipation.objects.filter(exam=exam)
        .select_related("unit", "unit__department")
        .annotate(rate=rate_expression())
        .order_by(*order)
    )


def units_missing(exam: Exam) -> QuerySet[ExamUnit]:
    """The active units of the county that have not reported for the exam yet."""
    return ExamUnit.objects.filter(division=exam.division, is_active=True).exclude(
        participation__exam=exam
    )


def units_enterable_by(user, exam: Exam) -> QuerySet[ExamUnit]:
    """The units whose participation ``user`` may enter for ``exam``."""
    units = ExamUnit.objects.filter(division=exam.division, is_active=True)
    if rules.may_administer(user, exam.division):
        return units
    return units.filter(department_id=user.department_id) if user.department_id else units.none()

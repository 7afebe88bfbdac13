"""The figures of law study and exams, computed in the database from the registers.

``annual_figures(division, year)`` is what the annual law-based-administration report reads.
Rates are percentages to one decimal (half up), ``None`` when there is nothing to divide by:

- participation rate (参考率) = participants / eligible staff of the year's annual law exam;
- pass rate = passed / participants.

A course counts in the year it starts; a session in the year it is held.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from zhengwu.lawstudy.models import (
    Exam,
    ExamParticipation,
    ExamResult,
    StudySession,
    TrainingCourse,
)


def rate(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def participation_totals(participation) -> dict:
    """Units, eligible staff, participants and passed of a participation queryset, with rates."""
    totals = participation.aggregate(
        units=Count("pk"),
        eligible=Coalesce(Sum("eligible"), 0),
        participants=Coalesce(Sum("participants"), 0),
        passed=Coalesce(Sum("passed"), 0),
    )
    totals["participation_rate"] = rate(totals["participants"], totals["eligible"])
    totals["pass_rate"] = rate(totals["passed"], totals["participants"])
    return totals


def annual_exam(division, year: int) -> Exam | None:
    return Exam.objects.filter(division=division, year=year, kind=Exam.Kind.ANNUAL).first()


def annual_figures(division, year: int) -> dict:
    sessions = StudySession.objects.filter(division=division, held_on__year=year)
    by_session_kind = dict(
        sessions.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    courses = TrainingCourse.objects.filter(division=division, starts_on__year=year)
    course_rows = {
        row["kind"]: row
        for row in courses.order_by()
        .values("kind")
        .annotate(n=Count("pk"), trained=Sum("participant_count"), hours=Sum("hours"))
    }
    course_totals = courses.aggregate(
        n=Count("pk"), trained=Coalesce(Sum("participant_count"), 0), hours=Sum("hours")
    )

    exam = annual_exam(division, year)
    totals = participation_totals(ExamParticipation.objects.filter(exam=exam))

    exams = Exam.objects.filter(division=division, year=year)
    exam_rows = {}
    for kind in Exam.Kind.values:
        of_kind = exams.filter(kind=kind)
        participation = participation_totals(ExamParticipation.objects.filter(exam__in=of_kind))
        results = ExamResult.objects.filter(exam__in=of_kind).aggregate(
            results=Count("pk"), passed=Count("pk", filter=Q(passed=True))
        )
        exam_rows[kind] = {
            "exams": of_kind.count(),
            "units": participation["units"],
            "eligible": participation["eligible"],
            "examinees": participation["participants"],
            "passed": participation["passed"],
            "participation_rate": participation["participation_rate"],
            "results": results["results"],
            "results_passed": results["passed"],
            "results_failed": results["results"] - results["passed"],
        }
    pre = exam_rows[Exam.Kind.PRE_APPOINTMENT]

    return {
        "year": year,
        "study_sessions": sessions.count(),
        "study_sessions_by_kind": {k: by_session_kind.get(k, 0) for k in StudySession.Kind.values},
        "study_attendance": sessions.aggregate(n=Coalesce(Sum("attendee_count"), 0))["n"],
        "courses": course_totals["n"],
        "trained": course_totals["trained"],
        "course_hours": float(course_totals["hours"] or 0),
        "courses_by_kind": {
            k: {
                "courses": course_rows.get(k, {}).get("n", 0),
                "trained": course_rows.get(k, {}).get("trained") or 0,
                "hours": float(course_rows.get(k, {}).get("hours") or 0),
            }
            for k in TrainingCourse.Kind.values
        },
        "annual_exam": exam.pk if exam else None,
        "exam_units": totals["units"],
        "eligible": totals["eligible"],
        "examinees": totals["participants"],
        "exam_participation_rate": totals["participation_rate"],
        "passed": totals["passed"],
        "pass_rate": totals["pass_rate"],
        "exams_by_kind": exam_rows,
        "pre_appointment": {
            "candidates": pre["results"],
            "passed": pre["results_passed"],
            "failed": pre["results_failed"],
        },
    }


def exam_participation_by_department(division, year: int) -> dict[int, float | None]:
    """The assessment indicator ``exam_participation``: each linked department's participation
    rate in the year's annual law exam (one query)."""
    rows = (
        ExamParticipation.objects.filter(
            exam__division=division,
            exam__year=year,
            exam__kind=Exam.Kind.ANNUAL,
            unit__department__isnull=False,
        )
        .values("unit__department_id")
        .annotate(e=Sum("eligible"), p=Sum("participants"))
    )
    return {row["unit__department_id"]: rate(row["p"], row["e"]) for row in rows}

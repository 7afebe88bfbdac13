"""The annual figures and the assessment indicator, against numbers worked out by hand."""

import datetime

from zhengwu.assessment.indicators import indicator
from zhengwu.lawstudy import services
from zhengwu.lawstudy.figures import annual_figures, rate
from zhengwu.lawstudy.models import Exam, ExamParticipation, ExamResult, StudySession
from zhengwu.lawstudy.selectors import participation_table

D = datetime.date


def _participation(w):
    # finance 39 of 40 sat, 37 passed; the school 25 of 25, 24 passed; housing 0 required.
    for unit, e, p, n in (
        (w.finance_unit, 40, 39, 37),
        (w.school, 25, 25, 24),
        (w.housing_unit, 0, 0, 0),
    ):
        ExamParticipation.objects.create(
            exam=w.exam, unit=unit, eligible=e, participants=p, passed=n
        )


def test_rates_are_percent_with_one_decimal_rounded_half_up_and_none_without_denominator():
    assert rate(3012, 3018) == 99.8  # 99.801…
    assert rate(64, 65) == 98.5  # 98.4615…
    assert rate(61, 64) == 95.3  # 95.3125
    assert rate(1, 8) == 12.5 and rate(1, 16) == 6.3  # 6.25 rounds half up
    assert rate(0, 0) is None


def test_the_annual_exam_figures(w):
    _participation(w)
    f = annual_figures(w.county, 2025)
    # 3 units; 40 + 25 + 0 = 65 required, 39 + 25 = 64 sat, 37 + 24 = 61 passed.
    assert (f["exam_units"], f["eligible"], f["examinees"], f["passed"]) == (3, 65, 64, 61)
    assert f["exam_participation_rate"] == 98.5  # 64 / 65 = 98.46 %
    assert f["pass_rate"] == 95.3  # 61 / 64 = 95.31 %
    assert f["annual_exam"] == w.exam.pk
    empty = annual_figures(w.county, 2024)
    assert empty["exam_units"] == 0 and empty["exam_participation_rate"] is None
    assert empty["pass_rate"] is None


def test_sessions_and_courses_are_counted_in_their_year_by_kind(w):
    def session(day, kind):
        services.session_record(
            actor=w.legal, division=w.county, kind=kind, held_on=day, topic="学法",
            attendee_count=20,
        )  # fmt: skip

    session(D(2025, 1, 9), "central_group")
    session(D(2025, 12, 31), "central_group")
    session(D(2025, 6, 5), "standing_meeting")
    session(D(2024, 12, 31), "central_group")  # the year before
    for start, kind, n in (
        (D(2025, 3, 3), "refresher", 180),
        (D(2025, 4, 7), "refresher", 176),
        (D(2025, 6, 9), "new_staff", 146),
        (D(2024, 12, 30), "refresher", 99),
    ):
        services.course_record(
            actor=w.legal, division=w.county, title="培训班", organiser="人社局", kind=kind,
            starts_on=start, ends_on=start + datetime.timedelta(days=4), hours=40,
            participant_count=n,
        )  # fmt: skip
    f = annual_figures(w.county, 2025)
    assert f["study_sessions"] == 3 and f["study_attendance"] == 60
    assert f["study_sessions_by_kind"] == {"leaders": 0, "standing_meeting": 1, "central_group": 2}
    assert f["courses"] == 3 and f["trained"] == 180 + 176 + 146 == 502
    assert f["course_hours"] == 120.0
    assert f["courses_by_kind"]["refresher"] == {"courses": 2, "trained": 356, "hours": 80.0}
    assert f["courses_by_kind"]["new_staff"]["trained"] == 146
    assert f["courses_by_kind"]["enforcement"] == {"courses": 0, "trained": 0, "hours": 0.0}
    assert StudySession.objects.filter(held_on__year=2024).count() == 1


def test_pre_appointment_candidates_passed_and_failed(w):
    exam = Exam.objects.create(
        division=w.county, kind="pre_appointment", year=2025, title="任前", held_on=D(2025, 6, 1)
    )
    for n, passed in enumerate([True, True, False]):
        ExamResult.objects.create(exam=exam, full_name=f"人{n}", id_number=f"{n}", passed=passed)
    f = annual_figures(w.county, 2025)
    assert f["pre_appointment"] == {"candidates": 3, "passed": 2, "failed": 1}
    assert f["exams_by_kind"]["pre_appointment"]["exams"] == 1
    assert f["exams_by_kind"]["annual"]["exams"] == 1


def test_the_participation_table_sorts_by_rate_in_the_database(w):
    _participation(w)
    ExamParticipation.objects.filter(unit=w.school).update(participants=20, passed=20)  # 80.0
    order = [p.unit_id for p in participation_table(w.exam, sort="rate")]
    # school 20/25 = 80 %, finance 39/40 = 97.5 %, housing no rate (last).
    assert order == [w.school.pk, w.finance_unit.pk, w.housing_unit.pk]
    order = [p.unit_id for p in participation_table(w.exam, sort="-rate")]
    assert order == [w.finance_unit.pk, w.school.pk, w.housing_unit.pk]


def test_the_exam_participation_indicator_per_department(w):
    _participation(w)
    found = indicator("exam_participation")
    assert found is not None and found.unit == "percent" and found.higher_is_better
    values = found.compute(w.county, 2025)
    # finance 39/40 = 97.5; housing required no one (None); the school is no department.
    assert values == {w.finance.pk: 97.5, w.housing.pk: None}
    assert found.compute(w.county, 2024) == {}

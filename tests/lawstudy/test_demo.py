"""The demo holds the seed's 2012 figures, computed from its records."""

import pytest
from django.utils import timezone

from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.enforcement.models import LawExamResult
from zhengwu.lawstudy.figures import annual_figures, rate
from zhengwu.lawstudy.models import Exam, ExamParticipation, ExamResult, ExamUnit
from zhengwu.org.selectors import home_county


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_has_the_seeds_2012_figures_and_this_years_work():
    demo_load(
        DemoContext(report=lambda _m: None), only=["org", "catalog", "enforcement", "lawstudy"]
    )
    county = home_county()
    f = annual_figures(county, 2012)
    assert f["study_sessions"] == 12
    assert f["study_sessions_by_kind"]["central_group"] == 12
    assert f["courses_by_kind"]["refresher"] == {"courses": 5, "trained": 893, "hours": 200.0}
    assert f["courses_by_kind"]["new_staff"]["courses"] == 2
    assert f["courses_by_kind"]["new_staff"]["trained"] == 283
    assert f["courses"] == 7 and f["trained"] == 893 + 283
    assert f["exam_units"] == 115
    assert f["eligible"] == 3018 and f["examinees"] == 3012 > 3000
    assert f["exam_participation_rate"] == 99.8  # 3012 / 3018 = 99.80%
    assert f["passed"] == 3012 - 25
    assert f["pass_rate"] == rate(3012 - 25, 3012) == 99.2
    units = ExamUnit.objects.filter(division=county)
    assert units.count() == 115
    assert units.filter(department__isnull=False).count() >= 55  # the org tree's departments
    assert units.filter(name="多伦县医院").exists() and units.filter(kind="enterprise").exists()
    exam_2012 = Exam.objects.get(year=2012, kind="annual")
    assert exam_2012.status == "closed"
    # At least one unit of 2012 is below the 95% threshold (18 of 20 sat, for instance).
    low = [
        p
        for p in ExamParticipation.objects.filter(exam=exam_2012)
        if p.participants * 100 < 95 * p.eligible
    ]
    assert low

    year = timezone.localdate().year
    now = annual_figures(county, year)
    assert now["study_sessions"] >= 1 and now["courses"] >= 1
    pre = ExamResult.objects.filter(exam__kind="pre_appointment")
    assert pre.count() == 6 and pre.filter(passed=False).count() == 1
    assert all(r.appointment for r in pre)
    current = Exam.objects.filter(kind="annual").exclude(year=2012).get()
    assert current.status == "open"
    assert 0 < current.participation.count() < 115
    # The enforcement exam reached the enforcement registry for the 6 officials it names.
    fed = ExamResult.objects.filter(exam__kind="enforcement", official__isnull=False)
    assert fed.count() == 6
    assert LawExamResult.objects.filter(source__contains="行政执法人员资格考试").count() == 6
    assert audit_verify().ok

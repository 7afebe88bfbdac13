"""The demo county's assessment: 2012 finalised with its ranking, the current year in
progress. Loaded with the registers its built-in indicators read."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhengwu.assessment import selectors
from zhengwu.assessment.figures import annual_figures
from zhengwu.assessment.models import AssessmentScheme, Method, Score
from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.org.selectors import home_county

pytestmark = pytest.mark.django_db


def test_the_demo_assessment(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(DemoContext(report=lambda _m: None),
              only=["org", "catalog", "cases", "rulemaking", "enforcement",
                    "assessment"])  # fmt: skip
    county = home_county()
    scheme = AssessmentScheme.objects.get(division=county, year=2012)
    assert scheme.status == "finalised" and services_ok(scheme)
    categories = list(scheme.nodes.filter(parent=None).values_list("label", flat=True))
    assert categories == ["组织领导", "制度建设", "行政审批", "政务公开", "规范性文件", "行政执法",
                          "复议应诉", "学法用法"]  # fmt: skip
    leaves = scheme.nodes.exclude(method=Method.CATEGORY)
    assert leaves.count() == 19
    # The built-in indicators loaded are computed; the rest scored by the assessors.
    computed = set(leaves.filter(method=Method.COMPUTED).values_list("indicator_code", flat=True))
    assert {"case_completion_rate", "case_on_time_rate", "normative_filing_rate"} <= computed
    # A computed leaf has values for 2012 (an indicator with none is scored by hand instead:
    # the demo's case-file evaluation is of 2025).
    for code in computed:
        assert Score.objects.filter(unit__scheme=scheme, node__indicator_code=code,
                                    value__isnull=False).exists(), code  # fmt: skip
    assert "enforcement_evaluation_score" not in computed
    # The 4 townships and the county's departments, each group ranked.
    ranking = selectors.ranking(scheme)
    assert len(ranking["township"]) == 4 and len(ranking["department"]) > 30
    for rows in ranking.values():
        assert [r.rank for r in rows] == sorted(r.rank for r in rows) and rows[0].rank == 1
    figures = annual_figures(county, 2012)
    assert figures["units_assessed"] == scheme.units.count()
    assert sum(figures["by_grade"].values()) == figures["units_assessed"]
    # The current year's scheme, copied, computed and partly scored.
    current = AssessmentScheme.objects.get(division=county, year=timezone.localdate().year)
    assert current.status == "computed" and current.copied_from == scheme
    assert selectors.unscored(current)
    assert Score.objects.filter(unit__scheme=current, node__method=Method.ASSESSED).exists()
    assert audit_verify().ok


def services_ok(scheme) -> bool:
    from zhengwu.assessment.services import scheme_problems

    return scheme_problems(scheme) == [] and not selectors.unscored(scheme)

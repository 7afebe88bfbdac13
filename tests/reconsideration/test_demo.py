"""The demo county's registers: 2012 has no case (the seed: 全年无行政复议和应诉案件), the
history of 2010–2011 is closed, and the current cases are in every state."""

from __future__ import annotations

import pytest

from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.org.selectors import home_county
from zhengwu.reconsideration.figures import annual_figures
from zhengwu.reconsideration.models import CaseStatus, LitigationCase, ReconsiderationCase
from zhengwu.reconsideration.services import DECISION, DRAFTER_ANSWER, case_clock

pytestmark = pytest.mark.django_db


def test_the_demo_registers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(DemoContext(report=lambda _m: None), only=["org", "reconsideration"])
    county = home_county()
    # 2012: every figure zero, every column of the three groups zero.
    figures = annual_figures(county, 2012)
    assert figures["reconsideration"]["received"] == 0
    assert figures["reconsideration"]["decided"] == 0
    assert figures["litigation"]["received"] == figures["litigation"]["decided"] == 0
    for table in ("table", "disclosure_table"):
        for row in figures[table].values():
            assert set(row.values()) == {0}
    # 2010 and 2011 have their cases, all closed within the year.
    assert annual_figures(county, 2010)["table"]["reconsideration"]["total"] == 2
    assert annual_figures(county, 2011)["table"]["litigation_direct"]["corrected"] == 1
    assert annual_figures(county, 2010)["litigation"]["head_appeared"] == 1
    # The current cases are in every state, one suspended (running) and one simplified.
    states = set(ReconsiderationCase.objects.values_list("status", flat=True))
    assert states == set(CaseStatus.values)
    suspended = ReconsiderationCase.objects.get(status="suspended", suspension_ground="other_case")
    assert case_clock(suspended, DECISION).status == "suspended"
    assert ReconsiderationCase.objects.filter(simplified=True, status="accepted").exists()
    assert ReconsiderationCase.objects.filter(deemed_accepted=True).count() == 1
    review = ReconsiderationCase.objects.exclude(
        normative_document_text="", normative_document=None
    )
    assert review.count() == 1 and review.get().document_review_started_on is not None
    assert review.get().suspension_ground == "document_review"
    assert case_clock(review.get(), DRAFTER_ANSWER).status == "running"
    assert set(LitigationCase.objects.values_list("status", flat=True)) >= {
        "filed", "judged", "appealed"}  # fmt: skip
    assert audit_verify().ok

"""The demo county's registry: the seed's figures for 2012 come from the records, the current
documents are in every state, and the catalog keeps the seed's totals."""

from __future__ import annotations

import datetime

import pytest

from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.disclosure.annual_report import disclosure_report
from zhengwu.disclosure.models import Item
from zhengwu.org.selectors import home_county
from zhengwu.rulemaking.figures import annual_figures
from zhengwu.rulemaking.models import CleanupCampaign, DocumentStatus, NormativeDocument

pytestmark = pytest.mark.django_db


def test_the_demo_registry(settings, tmp_path):
    """One load (it takes a while), three sets of checks."""
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(DemoContext(report=lambda _m: None),
              only=["org", "catalog", "disclosure", "requests", "rulemaking"])  # fmt: skip
    county = home_county()
    check_the_seed_figures_of_2012(county)
    check_the_catalog_keeps_the_seeds_totals(county)
    check_current_documents_are_in_every_state()


def check_the_seed_figures_of_2012(county):
    figures = annual_figures(county, 2012)
    assert figures["issued"] == 2 and figures["filed"] == 2 and figures["filed_on_time"] == 2
    assert figures["filing_rate"] == 100.0 and figures["reviewed"] == 2
    assert (figures["cleanup_inconsistent"], figures["cleanup_amend"]) == (1, 1)
    number = NormativeDocument.objects.get(document_number="多政发〔2012〕78号")
    assert "第十二个五年规划纲要" in number.title
    # The interim 个体工商户登记管理暂行规定 of 2009-09-14 lapsed after 2 years, on 2011-09-14.
    interim = NormativeDocument.objects.get(title="多伦县个体工商户登记管理暂行规定")
    assert interim.is_interim and interim.ended_on == datetime.date(2011, 9, 14)
    # In force at the end of 2012: 17 published 2007-2012, less 1 repealed in 2010, 1 lapsed in
    # 2011 and 3 (those of 2007) lapsed in 2012.
    assert figures["in_force"] == 17 - 1 - 1 - 3
    # The 2007 documents lapsed after 5 years, in 2012.
    assert (
        figures["repealed"]
        == NormativeDocument.objects.filter(
            published_on__year=2007, status="lapsed", ended_on__year=2012
        ).count()
        == 3
    )


def check_the_catalog_keeps_the_seeds_totals(county):
    report = disclosure_report(county, 2012)
    assert report.publication["published_to_date"] == 10_277
    assert report.publication["service_items"] == 336
    assert report.publication["disclosure_items"] == 740
    own = Item.objects.filter(source_type="rulemaking.normativedocument",
                              published_on__lte=datetime.date(2012, 12, 31))  # fmt: skip
    assert own.count() == 17 and own.filter(category__code="01.02").count() == 17
    assert Item.objects.filter(source_type="rulemaking.cleanupcampaign").count() == 2
    assert report.proactive["normative_documents"] == {
        key: annual_figures(county, 2012)[key] for key in ("issued", "repealed", "in_force")
    }


def check_current_documents_are_in_every_state():
    states = set(NormativeDocument.objects.values_list("status", flat=True))
    assert states == set(DocumentStatus.values)
    assert CleanupCampaign.objects.filter(status="open").count() == 1
    assert audit_verify().ok

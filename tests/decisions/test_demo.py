"""The demo county's major decisions: the 2012 figures come from the records, the current cases
are in every stage, and the blocked one is refused naming its missing step."""

from __future__ import annotations

import pytest

from zhengwu.common.audit import audit_verify
from zhengwu.decisions import selectors, services
from zhengwu.decisions.figures import annual_figures
from zhengwu.decisions.models import MajorDecision
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.org.models import User
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db


def test_the_demo_decisions():
    demo_load(DemoContext(report=lambda _m: None), only=["org", "decisions"])
    county = home_county()
    figures = annual_figures(county, 2012)
    # Four decisions of 2012, every one with every step; the expropriation scheme had a hearing.
    assert figures["adopted"] == figures["published"] == figures["legality_reviewed"] == 4
    assert (figures["with_expert"], figures["with_risk"], figures["with_hearing"]) == (4, 4, 1)
    assert figures["reviews"] == figures["reviews_on_time"] == 4
    assert figures["reviews_on_time_rate"] == 100.0
    hearing = MajorDecision.objects.get(hearings__isnull=False)
    assert "房屋征收补偿" in hearing.title and "社区民众代表" in hearing.comments.get().summary
    # Now: a stage of every kind.
    stages = {selectors.stage(d) for d in MajorDecision.objects.filter(status="preparing")}
    assert stages == {"comment", "review", "meeting", "blocked"}
    statuses = set(MajorDecision.objects.values_list("status", flat=True))
    assert statuses == {"preparing", "adopted", "published", "stopped", "completed"}
    assert Clock.objects.filter(purpose=services.COMMENT, status="running").count() == 1
    assert Clock.objects.filter(purpose=services.LEGALITY, status="running").count() == 1
    blocked = MajorDecision.objects.get(title="多伦县城区集中供热价格调整方案")
    with pytest.raises(services.StepsMissing) as error:
        services.decision_adopt(actor=User.objects.get(username="legal"), decision=blocked)
    assert [m.code for m in error.value.missing] == ["risk"]
    assert "缺少风险评估" in str(error.value.message)
    assert audit_verify().ok
    check_the_pages(blocked)


def check_the_pages(blocked):
    """Every demo case page renders for the legal office; the public page lists the published
    decisions and the open comment period."""
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="legal"))
    for decision in MajorDecision.objects.all():
        page = client.get(f"/decisions/register/{decision.pk}/")
        assert page.status_code == 200, decision.title
    html = client.get(f"/decisions/register/{blocked.pk}/").content.decode()
    assert "缺少风险评估(《重大行政决策程序暂行条例》第二十二条)" in html
    public = Client().get("/decisions/").content.decode()
    assert "多伦县城区老旧小区改造提升实施方案" in public  # out for comment
    assert "多伦县旧城区改造国有土地上房屋征收补偿安置方案" in public  # published in 2012
    assert "多伦县城区集中供热价格调整方案" not in public  # in preparation

"""The staff pages: who sees which scorecard before and after finalising, the forms' field
errors in Chinese with nothing lost, compute and finalise through the pages, the exports."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.assessment.conftest import FAKE_VALUES
from tests.assessment.world import make_scheme, make_world
from zhengwu.assessment import services
from zhengwu.assessment.models import AssessedUnit, AssessmentScheme, Node

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w():
    return make_world()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def finalised(w, **settings):
    scheme = make_scheme(w, **settings)
    FAKE_VALUES.update({w.fgj.pk: 95, w.jyj.pk: 85})
    services.assessment_compute(actor=w.legal, scheme=scheme)
    leaf = scheme.nodes.get(code="2.1")
    for u in scheme.units.all():
        services.score_record(actor=w.legal, unit=u, node=leaf, points=D(35),
                              reasoning="资料齐全")  # fmt: skip
    return scheme


def scorecard_url(scheme, department):
    unit = AssessedUnit.objects.get(scheme=scheme, department=department)
    return reverse("assessment:scorecard", args=[scheme.pk, unit.pk])


def test_a_unit_sees_only_its_own_scorecard_and_only_once_finalised(w):
    scheme = finalised(w)
    own, other = scorecard_url(scheme, w.fgj), scorecard_url(scheme, w.jyj)
    fgj = client_for(w.fgj_staff)
    # Before finalising: not even its own, nor the scheme.
    assert fgj.get(own).status_code == 404
    assert fgj.get(reverse("assessment:scheme", args=[scheme.pk])).status_code == 404
    for user in (w.legal, w.supervisor):
        page = client_for(user).get(other)
        assert page.status_code == 200 and w.jyj.name in page.content.decode()
    services.assessment_finalise(actor=w.legal, scheme=scheme)
    page = fgj.get(own)
    assert page.status_code == 200
    text = page.content.decode()
    # Its line of the fake rate: value 95, 30 points of 40, and how it was computed.
    assert "test_rate" in text and "A fake rate of the tests" in text and "95" in text
    assert "30" in text and "评分表" in text
    assert fgj.get(other).status_code == 404
    # The scheme page shows it no ranking (the scorecards are not public).
    scheme_page = fgj.get(reverse("assessment:scheme", args=[scheme.pk])).content.decode()
    assert "本单位评分表" in scheme_page and w.jyj.name not in scheme_page
    assert fgj.get(reverse("assessment:ranking_export", args=[scheme.pk])).status_code == 404


def test_public_scorecards_once_finalised(w):
    scheme = finalised(w, scorecards_public=True)
    other = scorecard_url(scheme, w.jyj)
    fgj = client_for(w.fgj_staff)
    assert fgj.get(other).status_code == 404  # not yet finalised
    services.assessment_finalise(actor=w.legal, scheme=scheme)
    assert fgj.get(other).status_code == 200
    page = fgj.get(reverse("assessment:scheme", args=[scheme.pk])).content.decode()
    assert w.jyj.name in page and "排名" in page


def test_new_scheme_form_field_errors_keep_the_input(w):
    legal = client_for(w.legal)
    assert client_for(w.fgj_staff).get(reverse("assessment:scheme_new")).status_code == 403
    page = legal.post(reverse("assessment:scheme_new"), {
        "kind": "new", "year": "2012", "title": "多伦县2012年度依法行政考核",
        "total_points": "100", "assess_townships": "on", "excellent_from": "80",
        "good_from": "85", "pass_from": "60",
    })  # fmt: skip
    text = page.content.decode()
    assert page.status_code == 200 and "“优秀”起点必须高于“良好”起点。" in text
    assert "多伦县2012年度依法行政考核" in text
    assert not AssessmentScheme.objects.exists()
    page = legal.post(reverse("assessment:scheme_new"), {
        "kind": "new", "year": "2012", "title": "多伦县2012年度依法行政考核",
        "total_points": "100", "assess_townships": "on", "excellent_from": "90",
        "good_from": "80", "pass_from": "60",
    })  # fmt: skip
    scheme = AssessmentScheme.objects.get()
    assert page.status_code == 302 and not scheme.assess_departments


def test_node_form_and_the_tree_problems(w):
    scheme = make_scheme(w)
    legal = client_for(w.legal)
    url = reverse("assessment:node_new", args=[scheme.pk])
    page = legal.get(url)
    assert "测试比率（test_rate）" in page.content.decode()
    category = scheme.nodes.get(code="1")
    page = legal.post(url, {
        "parent": category.pk, "code": "1.3", "label": "新增指标", "position": "9",
        "points": "5", "method": "computed", "applies_to": "all", "indicator_code": "test_rate",
        "rule": "linear", "floor": "90", "target": "80",
    })  # fmt: skip
    assert "目标值必须大于下限值。" in page.content.decode()
    page = legal.post(url, {
        "parent": category.pk, "code": "1.3", "label": "新增指标", "position": "9",
        "points": "5", "method": "assessed", "applies_to": "all",
    })  # fmt: skip
    assert page.status_code == 302 and Node.objects.filter(scheme=scheme, code="1.3").exists()
    page = legal.get(reverse("assessment:scheme", args=[scheme.pk])).content.decode()
    assert "“1 行政审批”下各项分值合计为 65，不等于其分值 60。" in page
    # Compute refuses and says why.
    page = legal.post(reverse("assessment:scheme_run", args=[scheme.pk, "compute"]), follow=True)
    assert "指标无法计算" in page.content.decode()
    assert client_for(w.supervisor).get(url).status_code == 404


def test_score_form_compute_and_finalise_through_the_pages(w):
    scheme = make_scheme(w)
    legal = client_for(w.legal)
    legal.post(reverse("assessment:scheme_run", args=[scheme.pk, "compute"]))
    scheme.refresh_from_db()
    assert scheme.status == "computed"
    page = legal.post(reverse("assessment:scheme_run", args=[scheme.pk, "finalise"]), follow=True)
    assert "尚有 5 项考核组评分指标未评分" in page.content.decode()
    leaf = scheme.nodes.get(code="2.1")
    for unit in scheme.units.all():
        url = reverse("assessment:score", args=[scheme.pk, unit.pk, leaf.pk])
        bad = legal.post(url, {"points": "50", "reasoning": ""})
        assert "得分必须在 0 至 40 之间。" in bad.content.decode()
        ok = legal.post(url, {"deductions": "未制定学法计划 2\n台账缺失 1.5",
                              "reasoning": "查阅台账"})  # fmt: skip
        assert ok.status_code == 302
    unit = scheme.units.get(department=w.fgj)
    assert unit.scores.get(node=leaf).points == D("36.50")
    legal.post(reverse("assessment:scheme_run", args=[scheme.pk, "finalise"]))
    scheme.refresh_from_db()
    assert scheme.status == "finalised"
    page = legal.get(scorecard_url(scheme, w.fgj)).content.decode()
    assert "−2.00 未制定学法计划" in page and "查阅台账" in page


def test_exports(w):
    scheme = finalised(w)
    services.assessment_finalise(actor=w.legal, scheme=scheme)
    legal = client_for(w.legal)
    book = load_workbook(BytesIO(legal.get(
        reverse("assessment:ranking_export", args=[scheme.pk])).content))  # fmt: skip
    assert book.sheetnames == ["乡镇", "职能部门"]
    rows = list(book["职能部门"].iter_rows(min_row=3, values_only=True))
    # fgj: 30 + 20 + 35 = 85; jyj: 10 + 20 + 35 = 65; the legal office: 0 + 20 + 35 = 55.
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (1, w.fgj.name, 85.0),
        (2, w.jyj.name, 65.0),
        (3, w.legal_office.name, 55.0),
    ]
    sheet = load_workbook(BytesIO(legal.get(
        reverse("assessment:scorecards_export", args=[scheme.pk])).content)).active  # fmt: skip
    lines = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == w.fgj.name]
    rate = next(r for r in lines if r[1] == "1.1")
    assert rate[4] == 95.0 and rate[5] == 30.0 and rate[6] == 40.0
    assert rate[11].startswith("test_rate: A fake rate")
    # A unit's staff export only their own scorecard.
    own = load_workbook(BytesIO(client_for(w.fgj_staff).get(
        reverse("assessment:scorecards_export", args=[scheme.pk])).content)).active  # fmt: skip
    assert {r[0] for r in own.iter_rows(min_row=2, values_only=True)} == {w.fgj.name}


def test_an_evidence_file_is_kept_and_served_to_those_who_see_the_scorecard(w, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    scheme = make_scheme(w)
    services.assessment_compute(actor=w.legal, scheme=scheme)
    unit = scheme.units.get(department=w.fgj)
    leaf = scheme.nodes.get(code="2.1")
    legal = client_for(w.legal)
    upload = SimpleUploadedFile("检查记录.pdf", b"%PDF-1.4 evidence",
                                content_type="application/pdf")  # fmt: skip
    url = reverse("assessment:score", args=[scheme.pk, unit.pk, leaf.pk])
    response = legal.post(url, {"points": "38", "reasoning": "实地检查",
                                "evidence_file": upload})  # fmt: skip
    assert response.status_code == 302
    score = unit.scores.get(node=leaf)
    assert score.points == D(38) and score.evidence_file.name.endswith(".pdf")
    url = reverse("assessment:evidence", args=[scheme.pk, unit.pk, score.pk])
    assert b"".join(legal.get(url).streaming_content) == b"%PDF-1.4 evidence"
    assert client_for(w.jyj_staff).get(url).status_code == 404
    # The form shows the earlier score to change.
    page = legal.get(reverse("assessment:score", args=[scheme.pk, unit.pk, leaf.pk]))
    assert "实地检查" in page.content.decode()


def test_the_list_the_copy_and_the_settings_pages(w):
    scheme = make_scheme(w)
    legal = client_for(w.legal)
    page = legal.get(reverse("assessment:schemes")).content.decode()
    assert scheme.title in page and "新建方案" in page
    # Every registered indicator is listed, with how it is computed.
    assert "test_count" in page and "A fake count of the tests" in page and "越低越好" in page
    assert "supervision_red_cards" in page and "本年办结件数 ÷ 本年受理件数" in page
    assert scheme.title not in client_for(w.fgj_staff).get(
        reverse("assessment:schemes")).content.decode()  # fmt: skip
    # Copy the 2012 scheme to 2013 from the new-scheme page.
    response = legal.post(reverse("assessment:scheme_new"),
                          {"kind": "copy", "source": scheme.pk, "year": "2013"})  # fmt: skip
    copy = AssessmentScheme.objects.get(year=2013)
    assert response.status_code == 302 and copy.nodes.count() == 5
    again = legal.post(reverse("assessment:scheme_new"),
                       {"kind": "copy", "source": scheme.pk, "year": "2013"})  # fmt: skip
    assert "本县已有2013年度考核方案。" in again.content.decode()
    # The settings: a bad threshold is refused on its field, the input kept.
    url = reverse("assessment:scheme_edit", args=[copy.pk])
    bad = legal.post(url, {"title": "改过的标题", "total_points": "100", "excellent_from": "101",
                           "good_from": "80", "pass_from": "60"})  # fmt: skip
    text = bad.content.decode()
    assert "等次起点为百分比，不能超过 100。" in text and "改过的标题" in text
    ok = legal.post(url, {"title": "改过的标题", "total_points": "100", "excellent_from": "95",
                          "good_from": "80", "pass_from": "60",
                          "assess_townships": "on"})  # fmt: skip
    copy.refresh_from_db()
    assert ok.status_code == 302 and copy.excellent_from == D(95) and not copy.assess_departments
    assert client_for(w.supervisor).get(url).status_code == 404


def test_the_back_office_shows_the_records_read_only(w, admin_client):
    scheme = finalised(w)
    for model in ("assessmentscheme", "assessedunit", "score"):
        page = admin_client.get(reverse(f"admin:assessment_{model}_changelist"))
        assert page.status_code == 200, model
    page = admin_client.get(reverse("admin:assessment_assessmentscheme_change", args=[scheme.pk]))
    assert page.status_code == 200 and "行政审批" in page.content.decode()
    assert admin_client.get(reverse("admin:assessment_score_add")).status_code == 403

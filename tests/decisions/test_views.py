"""The pages: the public list, the register and its filters, the case page with its checklist
and forms (field-level Chinese errors), the adoption refused with every missing step, the XLSX
export, and who may see what."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.decisions.factories import adopted, make_world, new_decision
from zhengwu.decisions import services

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_public_page_lists_published_decisions_and_open_comments(world, settings):
    settings.ZHENGWU_HOME_DIVISION = world.county.code
    published = adopted(world, start=D(2026, 1, 5), publish_on=D(2026, 5, 6))
    out = new_decision(world, title="城区停车规划（征求意见稿）")
    services.comment_open(actor=world.undertaker, decision=out, channel="县政府网站",
                          on=D(2026, 6, 1))  # fmt: skip
    secret = new_decision(world, title="内部拟订中的决策")
    with time_machine.travel("2026-06-10 10:00 +0800", tick=False):
        html = client_for().get(reverse("decisions:public_list")).content.decode()
    assert published.title in html and out.title in html and secret.title not in html
    assert "2026-07-01" in html or "2026年7月1日" in html


def test_the_register_needs_staff_filters_and_hides_others_drafts(world):
    mine = new_decision(world, title="住建局的决策")
    services.comment_open(actor=world.undertaker, decision=mine, channel="网站", on=D(2026, 6, 1))
    assert client_for().get(reverse("decisions:register")).status_code == 302
    html = client_for(world.legal).get(reverse("decisions:register"),
                                       {"stage": "comment"}).content.decode()  # fmt: skip
    assert mine.title in html
    other = new_decision(world, title="另一项拟订中的决策")
    html = client_for(world.legal).get(reverse("decisions:register"),
                                       {"stage": "review"}).content.decode()  # fmt: skip
    assert mine.title not in html and "没有符合条件" in html
    # Another department's staff see neither a draft in preparation nor its page.
    html = client_for(world.outsider).get(reverse("decisions:register")).content.decode()
    assert other.title not in html
    page = client_for(world.outsider).get(reverse("decisions:decision", args=[other.pk]))
    assert page.status_code == 404


def test_the_case_page_shows_the_checklist_with_legal_sources(world):
    decision = new_decision(world, needs_expert=True)
    html = client_for(world.undertaker).get(
        reverse("decisions:decision", args=[decision.pk])).content.decode()  # fmt: skip
    for text in (
        "公众参与",
        "《重大行政决策程序暂行条例》第十四条",
        "专家论证",
        "《重大行政决策程序暂行条例》第十九条",
        "缺少合法性审查",
        "决策责任",
        "县长 张某",
    ):
        assert text in html, text
    assert "公开征求意见" in html  # the form the undertaking department may use


def test_a_short_comment_period_comes_back_on_the_field_in_chinese(world):
    decision = new_decision(world)
    url = reverse("decisions:decision_action", args=[decision.pk, "comment_open"])
    response = client_for(world.undertaker).post(url, {
        "comment_open-on": "2026-06-01", "comment_open-days": "20",
        "comment_open-channel": "县政府网站"})  # fmt: skip
    assert response.status_code == 422
    form = dict((a, f) for a, _label, f in response.context["forms"])["comment_open"]
    assert "至少为30日" in form.errors["days"][0]
    assert form["channel"].value() == "县政府网站"  # nothing lost
    assert not decision.comments.exists()


def test_the_hearing_notice_error_is_on_its_field(world):
    decision = new_decision(world)
    url = reverse("decisions:decision_action", args=[decision.pk, "hearing"])
    response = client_for(world.undertaker).post(url, {
        "hearing-materials_sent_on": "2026-06-01", "hearing-held_on": "2026-06-07",
        "hearing-place": "会议室", "hearing-participants": "代表", "hearing-summary": "意见",
        "hearing-adoption": "采纳"})  # fmt: skip
    assert response.status_code == 422
    assert "7日前送达" in response.content.decode()


def test_the_adoption_form_lists_every_missing_step(world):
    decision = new_decision(world, needs_risk=True)
    url = reverse("decisions:decision_action", args=[decision.pk, "adopt"])
    response = client_for(world.legal).post(url, {"adopt-on": "2026-06-01"})
    assert response.status_code == 422
    html = response.content.decode()
    for text in ("缺少公众参与(《重大行政决策程序暂行条例》第十四条)",
                 "缺少风险评估(《重大行政决策程序暂行条例》第二十二条)",
                 "缺少合法性审查(《重大行政决策程序暂行条例》第二十五条)",
                 "缺少集体讨论决定(《重大行政决策程序暂行条例》第三十条)"):  # fmt: skip
        assert text in html, text
    # The undertaking department is not offered the adoption, and a post is refused.
    response = client_for(world.undertaker).post(url, {"adopt-on": "2026-06-01"})
    assert response.status_code == 403


def test_a_new_case_from_the_form(world):
    response = client_for(world.undertaker).post(reverse("decisions:decision_new"), {
        "title": "多伦县城区供水管网改造工程", "subject_area": "major_project",
        "undertaking_department": world.undertaking.pk, "needs_expert": "on",
        "undertaking_official": "局长", "reviewing_official": "主任", "deciding_leader": "县长",
    })  # fmt: skip
    assert response.status_code == 302
    missing = client_for(world.undertaker).post(reverse("decisions:decision_new"), {
        "title": "x", "subject_area": "major_project",
        "undertaking_department": world.undertaking.pk})  # fmt: skip
    assert missing.status_code == 200 and "这个字段是必填项" in missing.content.decode()


def test_the_register_exports_to_xlsx(world):
    decision = adopted(world, start=D(2026, 1, 5), publish_on=D(2026, 5, 6), hearing=True)
    response = client_for(world.legal).get(reverse("decisions:register_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "标题" and rows[0][10] == "合法性审查"
    assert rows[1][0] == decision.title and rows[1][7] == 1 and rows[1][10] == 1


def test_every_step_through_the_pages(world):
    """One case from comment to the end of its implementation, each step posted as a clerk
    would, each ending on the case page with the step recorded."""
    decision = new_decision(world, needs_expert=True, needs_risk=True)
    legal, undertaker = client_for(world.legal), client_for(world.undertaker)

    def act(client, action, **fields):
        url = reverse("decisions:decision_action", args=[decision.pk, action])
        response = client.post(url, {f"{action}-{k}": v for k, v in fields.items()})
        assert response.status_code == 302, (action, response.content.decode()[-2000:])

    act(undertaker, "comment_open", on="2026-03-02", days=30, channel="县政府网站")
    act(undertaker, "comment_close", on="2026-04-01", opinions_count=4, summary="意见4条",
        adoption="采纳2条")  # fmt: skip
    act(undertaker, "hearing", materials_sent_on="2026-04-01", held_on="2026-04-08",
        place="会议室", participants="代表12人", summary="意见", adoption="采纳")  # fmt: skip
    act(undertaker, "expert", held_on="2026-04-09", form="meeting", experts="专家5人",
        opinions="可行")  # fmt: skip
    act(undertaker, "risk", assessed_on="2026-04-10", assessor="住建局", level="medium",
        findings="风险", measures="措施")  # fmt: skip
    act(undertaker, "review_submit", on="2026-04-13")
    act(
        legal, "review_complete", on="2026-04-27", conclusion="lawful", legal_bases="《城乡规划法》"
    )
    act(legal, "discussion", meeting_kind="executive", meeting_name="县政府第9次常务会议",
        held_on="2026-05-06", members_total=9, members_present=9, outcome="approve")  # fmt: skip
    act(legal, "adopt", on="2026-05-06")
    act(legal, "publish", on="2026-05-08", channel="县政府网站")
    act(undertaker, "report", on="2026-08-01", progress="一期完工")
    act(legal, "evaluate", on="2026-09-01", evaluator="第三方", third_party="on",
        conclusion="良好", recommendation="continue")  # fmt: skip
    act(legal, "change", on="2026-09-02", kind="complete", reason="工程竣工")
    decision.refresh_from_db()
    assert decision.status == "completed" and decision.adopted_on == D(2026, 5, 6)
    assert decision.hearings.count() == decision.experts.count() == decision.risks.count() == 1
    assert decision.evaluations.get().third_party is True
    html = legal.get(reverse("decisions:decision", args=[decision.pk])).content.decode()
    assert "执行完毕" in html and "县政府第9次常务会议" in html


def test_a_refused_step_by_htmx_comes_back_in_place(world):
    decision = new_decision(world)
    url = reverse("decisions:decision_action", args=[decision.pk, "review_submit"])
    response = client_for(world.undertaker).post(url, {"review_submit-on": "2099-01-01"},
                                                 HTTP_HX_REQUEST="true")  # fmt: skip
    assert response.status_code == 200 and response["HX-Reswap"] == "outerHTML"
    assert response.context["form"].errors["on"] and not decision.reviews.exists()


def test_the_case_is_changed_while_prepared_and_audited(world):
    decision = new_decision(world)
    url = reverse("decisions:decision_action", args=[decision.pk, "edit"])
    fields = {"title": decision.title, "subject_area": "expropriation", "needs_risk": "on",
              "undertaking_official": "新局长", "reviewing_official": decision.reviewing_official,
              "deciding_leader": decision.deciding_leader}  # fmt: skip
    response = client_for(world.undertaker).post(url, {f"edit-{k}": v for k, v in fields.items()})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.needs_risk and decision.undertaking_official == "新局长"
    assert "risk" in [s.code for s in decision.required_steps()]
    from zhengwu.common.models import AuditEvent

    event = AuditEvent.objects.get(action="decision_update", object_id=str(decision.pk))
    assert set(event.detail["changed"]) == {"subject_area", "needs_risk", "undertaking_official"}
    assert client_for(world.outsider).post(url, {}).status_code == 404


def test_the_public_reads_a_published_decision_not_a_draft(world, settings):
    settings.ZHENGWU_HOME_DIVISION = world.county.code
    published = adopted(world, start=D(2026, 1, 5), publish_on=D(2026, 5, 6))
    draft = new_decision(world)
    page = client_for().get(reverse("decisions:public_decision", args=[published.pk]))
    assert page.status_code == 200 and "县政府网站" in page.content.decode()
    assert (
        client_for().get(reverse("decisions:public_decision", args=[draft.pk])).status_code == 404
    )

"""The register's pages: permissions (a department sees only what it handles: 404 otherwise),
filters and pagination, the proposal page and its action forms, the public replies, XLSX."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.proposals.factories import assigned, make_world, register, replied
from zhengwu.proposals import services

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


def test_a_department_sees_only_the_proposals_it_handles(world):
    mine = assigned(world, title="关于老旧小区改造的建议")  # 住建局 leads, 财政局 co-handles
    other = register(world, title="关于学校建设的建议")
    services.proposal_assign(actor=world.legal, proposal=other, lead=world.other,
                             on=D(2012, 3, 15))  # fmt: skip
    lead, co, outsider = (client_for(world.lead_reviewer), client_for(world.co_reviewer),
                          client_for(world.other_head))  # fmt: skip
    assert lead.get(reverse("proposals:proposal", args=[mine.pk])).status_code == 200
    assert co.get(reverse("proposals:proposal", args=[mine.pk])).status_code == 200
    assert lead.get(reverse("proposals:proposal", args=[other.pk])).status_code == 404
    assert outsider.get(reverse("proposals:proposal", args=[mine.pk])).status_code == 404
    page = lead.get(reverse("proposals:register")).content.decode()
    assert mine.title in page and other.title not in page
    assert "本单位待办" in page and "主办答复" in page  # the lead's reply to give
    # An action on a proposal not visible is a 404 too, and nothing changes.
    response = outsider.post(reverse("proposals:proposal_action", args=[mine.pk, "reply"]),
                             {"reply-classification": "A", "reply-text": "x"})  # fmt: skip
    assert response.status_code == 404
    # The office and supervisors see both.
    for user in (world.legal, world.supervisor):
        html = client_for(user).get(reverse("proposals:register")).content.decode()
        assert mine.title in html and other.title in html
    # Not logged in: to the login page; an applicant-less anonymous API call: 403 JSON.
    assert client_for().get(reverse("proposals:register")).status_code == 302


def test_the_register_filters_and_paginates(world):
    for i in range(23):
        register(world, title=f"登记建议{i:02d}")
    a = replied(world, title="已答复的建议", classification="B")
    services.proposal_record_feedback(actor=world.legal, proposal=a, satisfaction="basic",
                                      on=D(2012, 6, 1))  # fmt: skip
    c = client_for(world.legal)
    url = reverse("proposals:register")
    page = c.get(url, {"status": "registered"})
    assert page.context["page_obj"].paginator.count == 23
    assert len(page.context["page_obj"].object_list) == 20
    second = c.get(url, {"status": "registered", "page": 2})
    assert len(second.context["page_obj"].object_list) == 3
    assert "status=registered" in page.content.decode()  # the next page keeps the filters
    for params in ({"classification": "B"}, {"satisfaction": "basic"},
                   {"department": world.lead.pk}, {"q": a.number_label}):  # fmt: skip
        found = c.get(url, params).context["page_obj"].object_list
        assert [p.pk for p in found] == [a.pk], params
    assert c.get(url, {"kind": "cppcc"}).context["page_obj"].paginator.count == 0


def test_the_office_registers_and_assigns_through_the_pages(world):
    c = client_for(world.legal)
    with time_machine.travel("2012-02-22 10:00 +0800", tick=False):
        bad = c.post(reverse("proposals:proposal_new"), {
            "session": world.deputies.pk, "title": "", "content": "内容", "proposers": "",
        })  # fmt: skip
        assert bad.status_code == 200
        errors = bad.context["form"].errors
        assert "title" in errors and "proposers" in errors
        assert "必填" in str(errors["proposers"])  # field-level, in Chinese
        ok = c.post(reverse("proposals:proposal_new"), {
            "session": world.deputies.pk, "number": 7, "title": "关于增设公交站点的建议",
            "content": "建议在城区增设公交站点。",
            "proposers": "王建华，多伦淖尔镇代表团\n*李秀英，多伦淖尔镇代表团",
            "subjects": ["transport"],
        })  # fmt: skip
    assert ok.status_code == 302
    proposal = world.deputies.proposals.get(number=7)
    assert proposal.lead_proposer.name == "李秀英"
    assert reverse("proposals:proposal", args=[proposal.pk]) in ok["Location"]
    # A department head cannot register.
    assert client_for(world.lead_head).get(reverse("proposals:proposal_new")).status_code == 403
    with time_machine.travel("2012-03-15 10:00 +0800", tick=False):
        c = client_for(world.legal)  # a session of its own day (sessions expire when idle)
        page = c.get(reverse("proposals:proposal", args=[proposal.pk]))
        assert page.status_code == 200, page
        page = page.content.decode()
        assert "交办" in page
        response = c.post(
            reverse("proposals:proposal_action", args=[proposal.pk, "assign"]),
            {"assign-lead": world.lead.pk, "assign-co_handlers": [world.co.pk]},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "assigned" and proposal.reply_due_on == D(2012, 6, 15)


def test_the_lead_replies_and_a_bad_reply_keeps_what_was_typed(world):
    proposal = assigned(world, co=False)
    c = client_for(world.lead_head)
    url = reverse("proposals:proposal_action", args=[proposal.pk, "reply"])
    with time_machine.travel("2012-05-02 10:00 +0800", tick=False):
        bad = c.post(
            url, {"reply-text": "已列入计划，正在实施", "reply-signed_by": world.lead_head.pk}
        )
        assert bad.status_code == 422
        html = bad.content.decode()
        assert "已列入计划，正在实施" in html and "reply-classification" in html
        ok = c.post(url, {"reply-classification": "B", "reply-text": "已列入计划",
                          "reply-signed_by": world.lead_head.pk})  # fmt: skip
    assert ok.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "replied" and proposal.classification == "B"
    page = client_for(world.lead_head).get(reverse("proposals:proposal", args=[proposal.pk]))
    html = page.content.decode()
    assert "已列入计划" in html and "B：正在解决或列入计划" in html


def test_the_public_page_shows_only_published_replies_and_names(world):
    published = replied(world, title="关于城区绿化的建议")
    hidden = replied(world, title="关于城区亮化的建议")
    services.proposal_publish_reply(actor=world.legal, proposal=published, on=D(2012, 6, 1))
    html = client_for().get(reverse("proposals:public_list")).content.decode()
    assert published.title in html and hidden.title not in html
    assert "王建华" in html and "多伦淖尔镇代表团" not in html
    reply = published.replies.get()
    detail = client_for().get(reverse("proposals:public_reply", args=[reply.pk]))
    assert detail.status_code == 200 and "已列入2012年改造计划" in detail.content.decode()
    other = hidden.replies.get()
    assert client_for().get(reverse("proposals:public_reply", args=[other.pk])).status_code == 404


def test_the_export_has_a_row_per_visible_proposal(world):
    replied(world, title="关于城区供热的建议")
    assigned(world, title="关于农村道路的建议")
    response = client_for(world.legal).get(reverse("proposals:register_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[0][3] == "标题"
    titles = {r[3] for r in rows[1:]}
    assert titles == {"关于城区供热的建议", "关于农村道路的建议"}
    assert {r[7] for r in rows[1:]} == {"多伦县住房和城乡建设局"}


def test_sessions_page(world):
    c = client_for(world.legal)
    html = c.get(reverse("proposals:sessions")).content.decode()
    assert "多伦县第十五届人民代表大会第二次会议" in html
    with time_machine.travel("2013-02-01 10:00 +0800", tick=False):
        response = c.post(reverse("proposals:sessions"), {
            "kind": "deputy", "name": "多伦县第十五届人民代表大会第三次会议", "year": 2013,
            "opened_on": "2013-02-20",
        })  # fmt: skip
    assert response.status_code == 302
    assert client_for(world.lead_head).post(reverse("proposals:sessions"), {}).status_code == 403


def test_the_signed_reply_letter_is_kept_and_downloadable(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    proposal = assigned(world, co=False)
    letter = SimpleUploadedFile(
        "答复函.pdf", b"%PDF-1.4\n% reply\n", content_type="application/pdf"
    )
    with time_machine.travel("2012-05-02 10:00 +0800", tick=False):
        c = client_for(world.lead_head)
        response = c.post(reverse("proposals:proposal_action", args=[proposal.pk, "reply"]), {
            "reply-classification": "A", "reply-text": "已解决",
            "reply-signed_by": world.lead_head.pk, "reply-upload": letter,
        })  # fmt: skip
        assert response.status_code == 302
        reply = proposal.replies.get()
        assert reply.file_name == "答复函.pdf"
        url = reverse("proposals:reply_file", args=[proposal.pk, reply.pk])
        download = c.get(url)
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(
            b"%PDF"
        )
        assert client_for(world.other_head).get(url).status_code == 404
    fake = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    other = assigned(world, co=False, title="另一件建议")
    with time_machine.travel("2012-05-03 10:00 +0800", tick=False):
        bad = client_for(world.lead_head).post(
            reverse("proposals:proposal_action", args=[other.pk, "reply"]),
            {"reply-classification": "A", "reply-text": "已解决",
             "reply-signed_by": world.lead_head.pk, "reply-upload": fake},
        )  # fmt: skip
    assert bad.status_code == 422
    other.refresh_from_db()
    assert other.status == "assigned" and not other.replies.exists()


def test_the_figures_page_for_the_office_and_supervisors(world):
    replied(world, title="一", on=D(2012, 5, 2))
    replied(world, session=world.cppcc, title="二", on=D(2012, 6, 18))  # late
    page = client_for(world.legal).get(reverse("proposals:stats"), {"year": 2012})
    html = page.content.decode()
    assert "共办理人大代表建议1件、政协委员提案1件" in html
    assert "100.0%" in html and "50.0%" in html  # reply rate; on-time rate 1/2
    assert client_for(world.supervisor).get(reverse("proposals:stats")).status_code == 200
    assert client_for(world.lead_head).get(reverse("proposals:stats")).status_code == 403

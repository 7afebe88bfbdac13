"""The registry's pages: the public list and its validity, the staff registry, the document
page and its action forms, clean-ups, the XLSX export."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.rulemaking.factories import DraftFactory, make_world, publish
from zhengwu.rulemaking import services

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


def test_the_public_page_shows_a_document_lapsed_the_day_after_its_end(world):
    document = publish(world, on=D(2012, 3, 5))  # last day 2017-03-04
    DraftFactory(world=world, title="尚未公布的草案")
    with time_machine.travel("2017-03-04 12:00 +0800", tick=False):
        page = client_for().get(reverse("rulemaking:public_list"), {"validity": "in_force"})
        assert document.title in page.content.decode()
    with time_machine.travel("2017-03-05 09:00 +0800", tick=False):
        page = client_for().get(reverse("rulemaking:public_list")).content.decode()
        assert document.document_number in page and "已失效" in page
        assert "尚未公布的草案" not in page
        lapsed = client_for().get(reverse("rulemaking:public_list"), {"validity": "lapsed"})
        assert document.title in lapsed.content.decode()
        detail = client_for().get(reverse("rulemaking:public_document", args=[document.pk]))
        assert "已失效" in detail.content.decode()
    document.refresh_from_db()
    assert document.status == "published"  # shown lapsed, nobody acted


def test_the_registry_needs_staff_and_lists_with_filters(world):
    draft = DraftFactory(world=world, title="供热管理办法（草案）")
    publish(world, on=D(2026, 3, 2), title="已公布的办法")
    assert client_for().get(reverse("rulemaking:registry")).status_code == 302
    page = client_for(world.legal).get(reverse("rulemaking:registry"), {"status": "draft"})
    html = page.content.decode()
    assert draft.title in html and "已公布的办法" not in html


def test_a_draft_through_the_pages_with_a_field_error(world):
    client = client_for(world.drafter)
    url = reverse("rulemaking:document_new")
    bad = client.post(url, {"title": "办法", "drafting_department": world.drafting.pk,
                            "issuer": world.government.pk, "number_prefix": "多政发〔2026〕",
                            "text": "正文"})  # fmt: skip
    assert bad.status_code == 200 and "请填写发文机关代字" in bad.content.decode()
    good = client.post(url, {"title": "办法", "drafting_department": world.drafting.pk,
                             "issuer": world.government.pk, "number_prefix": "多政发",
                             "text": "正文"})  # fmt: skip
    assert good.status_code == 302
    document = world.drafting.drafted_normative_documents.get()
    page = client.get(reverse("rulemaking:document", args=[document.pk])).content.decode()
    assert "送合法性审核" in page
    action = reverse("rulemaking:document_action", args=[document.pk, "submit"])
    assert client.post(action, {"submit-on": ""}).status_code == 302
    document.refresh_from_db()
    assert document.status == "review"
    legal = client_for(world.legal)
    review = reverse("rulemaking:document_action", args=[document.pk, "review"])
    refused = legal.post(review, {"review-opinion": "amend", "review-text": ""})
    assert refused.status_code == 422 and "请说明需要修改的内容" in refused.content.decode()
    assert client.post(review, {"review-opinion": "pass"}).status_code == 403


def test_the_document_page_shows_the_filing_clock(world):
    document = publish(world, on=D(2026, 11, 20))
    page = client_for(world.legal).get(reverse("rulemaking:document", args=[document.pk]))
    html = page.content.decode()
    assert "报备期限" in html and "锡林郭勒盟行政公署" in html and "登记报送备案" in html
    assert "办理日期 2026-11-20" in html  # the publication's date in the timeline


def test_a_cleanup_through_the_pages(world):
    document = publish(world, on=D(2025, 3, 3))
    legal = client_for(world.legal)
    response = legal.post(reverse("rulemaking:campaigns"), {
        "campaign-kind": "periodic", "campaign-title": "2026年全面清理",
    })  # fmt: skip
    assert response.status_code == 302
    campaign = document.cleanup_entries.get().campaign
    url = reverse("rulemaking:campaign", args=[campaign.pk])
    closing = legal.post(url, {"action": "close"})
    assert "未作出清理决定" in closing.content.decode()
    entry = campaign.entries.get()
    legal.post(url, {"decide-entry": entry.pk, "decide-decision": "repeal",
                     "decide-reasons": "已不适应"})  # fmt: skip
    assert legal.post(url, {"action": "close"}).status_code == 302
    document.refresh_from_db()
    assert document.status == "repealed"
    public = client_for().get(reverse("rulemaking:public_cleanups")).content.decode()
    assert "2026年全面清理" in public and document.title in public


def test_the_xlsx_export_lists_the_visible_documents(world):
    document = publish(world, on=D(2012, 3, 5))
    services.filing_submit(actor=world.legal, filing=document.filings.first(), on=D(2012, 3, 9))
    response = client_for(world.legal).get(reverse("rulemaking:registry_export"))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "文号"
    assert rows[1][0] == document.document_number and rows[1][5] == "已失效"
    assert rows[1][9] == "1/2"


def test_actions_with_htmx_redirect_or_return_the_form_in_place(world):
    document = DraftFactory(world=world)
    client = client_for(world.drafter)
    url = reverse("rulemaking:document_action", args=[document.pk, "submit"])
    done = client.post(url, {}, HTTP_HX_REQUEST="true")
    assert done.status_code == 204
    assert done["HX-Redirect"] == reverse("rulemaking:document", args=[document.pk])
    review = reverse("rulemaking:document_action", args=[document.pk, "review"])
    again = client_for(world.legal).post(review, {"review-opinion": "reject"},
                                         HTTP_HX_REQUEST="true")  # fmt: skip
    html = again.content.decode()
    assert again.status_code == 200 and again["HX-Reswap"] == "outerHTML"
    assert html.lstrip().startswith("<form") and "请说明需要修改的内容" in html
    page = client.get(reverse("rulemaking:document", args=[document.pk])).content.decode()
    assert "已送合法性审核" in page and "→ 合法性审核" in page


def test_the_drafter_changes_the_draft_and_attaches_a_file(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    document = DraftFactory(world=world)
    client = client_for(world.drafter)
    edit = reverse("rulemaking:document_action", args=[document.pk, "edit"])
    assert client.post(edit, {"edit-title": "新标题", "edit-text": "新正文"}).status_code == 302
    document.refresh_from_db()
    assert (document.title, document.text) == ("新标题", "新正文")
    attach = reverse("rulemaking:document_action", args=[document.pk, "attach"])
    upload = SimpleUploadedFile("起草说明.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(attach, {"attach-upload": upload}).status_code == 302
    attachment = document.attachments.get()
    assert attachment.name == "起草说明.pdf"
    url = reverse("rulemaking:attachment", args=[document.pk, attachment.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 test"
    assert client_for(world.outsider).get(url).status_code == 404
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    refused = client.post(attach, {"attach-upload": bad})
    assert refused.status_code == 422 and "不接受" in refused.content.decode()


def test_the_registry_flags_filings_not_made_in_time_and_drafts_an_amendment(world):
    late = publish(world, on=D(2026, 9, 1), title="逾期未报备的办法")
    on_time = publish(world, on=D(2026, 9, 2), title="已报备的办法")
    for filing in on_time.filings.all():
        services.filing_submit(actor=world.legal, filing=filing, on=D(2026, 9, 10))
    client = client_for(world.legal)
    page = client.get(reverse("rulemaking:registry"), {"filing_overdue": "1"}).content.decode()
    assert late.title in page and on_time.title not in page and "2件逾期未报备" in page
    response = client.post(reverse("rulemaking:document_new"), {
        "title": "修订后的办法", "drafting_department": world.drafting.pk,
        "issuer": world.government.pk, "number_prefix": "多政发", "text": "正文",
        "amends": late.pk,
    })  # fmt: skip
    assert response.status_code == 302
    assert late.amendments.get().title == "修订后的办法"

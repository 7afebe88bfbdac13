"""The annual report pages: who sees them (403, 404), the forms with their errors by field,
the workflow's buttons, the preview with the generated sentences and the download."""

from __future__ import annotations

import pytest
from django.urls import reverse
from docx import Document

from tests.reports.test_drafts import make_world
from zhengwu.reports import services
from zhengwu.reports.models import AnnualReportDraft, Section

pytestmark = pytest.mark.django_db
S = AnnualReportDraft.Status


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def world():
    return make_world()


def login(client, user):
    client.force_login(user)
    return client


def draft_of(world, year=2012):
    return services.annual_report_create(actor=world.legal, division=world.county, year=year)


def test_the_anonymous_go_to_the_login_page(client, world):
    response = client.get(reverse("reports:annual_list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_who_reads_and_who_does_not(client, world):
    draft = draft_of(world)
    for user in (world.legal, world.supervisor, world.office_head):
        response = login(client, user).get(reverse("reports:annual_draft", args=[draft.pk]))
        assert response.status_code == 200, user
        assert draft.title in response.content.decode()
    for user in (world.department_head, world.reviewer):
        assert login(client, user).get(reverse("reports:annual_list")).status_code == 403
        response = client.get(reverse("reports:annual_draft", args=[draft.pk]))
        assert response.status_code == 403
    # Another county's legal officer reads their own county's list, not this draft.
    login(client, world.outsider)
    assert client.get(reverse("reports:annual_list")).status_code == 200
    assert client.get(reverse("reports:annual_draft", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:annual_preview", args=[draft.pk])).status_code == 404


def test_readers_who_do_not_edit_get_403_on_every_change(client, world):
    draft = draft_of(world)
    block = draft.blocks.first()
    login(client, world.supervisor)
    page = client.get(reverse("reports:annual_draft", args=[draft.pk])).content.decode()
    assert reverse("reports:annual_block", args=[draft.pk, block.pk]) not in page
    posts = [
        (reverse("reports:annual_create"), {"year": 2013}),
        (reverse("reports:annual_block", args=[draft.pk, block.pk]), {"version": 1, "text": "x"}),
        (reverse("reports:annual_frame", args=[draft.pk]), {"version": 1}),
        (reverse("reports:annual_action", args=[draft.pk, "submit"]), {"version": 1}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    draft.refresh_from_db()
    assert (draft.version, draft.status) == (1, S.DRAFT)


def test_a_legal_officer_creates_the_years_draft(client, world):
    login(client, world.legal)
    response = client.post(reverse("reports:annual_create"), {"year": 2012})
    draft = AnnualReportDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:annual_draft", args=[draft.pk])
    assert draft.blocks.count() > 20
    again = client.post(reverse("reports:annual_create"), {"year": 2012})
    assert again.status_code == 400
    assert "2012年的报告已经起草" in again.content.decode()
    bad = client.post(reverse("reports:annual_create"), {"year": "1999"})
    assert bad.status_code == 400 and AnnualReportDraft.objects.count() == 1


def test_a_block_is_edited_with_its_generated_sentences_beside_it(client, world):
    draft = draft_of(world)
    block = draft.blocks.get(section=Section.APPROVAL, order=1)
    url = reverse("reports:annual_block", args=[draft.pk, block.pk])
    login(client, world.legal)
    page = client.get(url).content.decode()
    assert "受理各类审批事项0件,办结0件,其中承诺件0件" in page  # made from the records
    empty = client.post(url, {"version": 1, "text": ""})
    assert empty.status_code == 400
    assert "这个字段是必填项" in empty.content.decode()
    response = client.post(url, {"version": 1, "text": "一是窗口实行首问负责制。"})
    assert response.status_code == 302
    block.refresh_from_db()
    assert block.text == "一是窗口实行首问负责制。"
    stale = client.post(url, {"version": 1, "text": "过时的版本"})
    assert stale.status_code == 400
    assert "当前为第2版,您修改的是第1版" in stale.content.decode()
    block.refresh_from_db()
    assert block.text == "一是窗口实行首问负责制。"


def test_the_frame_form_gives_its_errors_by_field(client, world):
    draft = draft_of(world)
    login(client, world.legal)
    url = reverse("reports:annual_frame", args=[draft.pk])
    data = {"version": 1, "document_number": "多政发[2013]5号", "addressees": "",
            "signatory": "多伦县人民政府", "dated": "2013-01-10"}  # fmt: skip
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "〔〕" in body and "这个字段是必填项" in body
    data |= {"document_number": "多政发〔2013〕5号", "addressees": "锡林郭勒盟行政公署办公厅"}
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.document_number, draft.version) == ("多政发〔2013〕5号", 2)


def test_preview_submit_approve_and_download(client, world):
    draft = draft_of(world)
    login(client, world.legal)
    preview = client.get(reverse("reports:annual_preview", args=[draft.pk])).content.decode()
    assert "一、工作情况" in preview and "三、下一步工作打算" in preview
    assert "全年共排查出各类矛盾纠纷0件,调处0件。" in preview
    assert "None" not in preview
    submit = reverse("reports:annual_action", args=[draft.pk, "submit"])
    assert client.post(submit, {"version": 1}).status_code == 302
    approve = reverse("reports:annual_action", args=[draft.pk, "approve"])
    # The submitter may not approve: another legal officer exists.
    assert client.post(approve, {"version": 2}).status_code == 403
    assert client.get(reverse("reports:annual_download", args=[draft.pk])).status_code == 404
    login(client, world.legal2)
    assert client.post(approve, {"version": 2}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.APPROVED
    page = client.get(reverse("reports:annual_draft", args=[draft.pk])).content.decode()
    assert reverse("reports:annual_download", args=[draft.pk]) in page
    assert reverse("reports:annual_action", args=[draft.pk, "submit"]) not in page
    login(client, world.supervisor)
    response = client.get(reverse("reports:annual_download", args=[draft.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    doc = Document(__import__("io").BytesIO(b"".join(response.streaming_content)))
    assert doc.paragraphs[0].text == draft.document_number


def test_a_move_not_allowed_now_is_explained(client, world):
    draft = draft_of(world)
    login(client, world.legal2)
    response = client.post(reverse("reports:annual_action", args=[draft.pk, "approve"]),
                           {"version": 1})  # fmt: skip
    assert response.status_code == 409
    assert 'id="action-error"' in response.content.decode()
    bogus = client.post(reverse("reports:annual_action", args=[draft.pk, "delete"]), {})
    assert bogus.status_code == 404
    draft.refresh_from_db()
    assert draft.status == S.DRAFT

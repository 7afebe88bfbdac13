"""The public disclosure pages and the office's pages."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.disclosure.office import build_office
from tests.factories import CitizenFactory
from zhengwu.disclosure import services
from zhengwu.disclosure.models import Category, Item

D = datetime.date
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_frozen"),
]


@pytest.fixture
def _frozen():
    with time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0), tick=False):
        yield


def _published(o, title="多伦县2026年财政预算报告", code="07.01"):
    item = services.item_draft(
        actor=o.drafter, department=o.department,
        category=Category.objects.get(division=o.county, code=code), title=title,
        body="县财政局：\n现将2026年预算公开如下。", created_on=D(2026, 10, 9),
        document_number="多财发〔2026〕12号",
    )  # fmt: skip
    services.item_submit(actor=o.drafter, item=item)
    return services.item_review(actor=o.reviewer, item=item, approve=True)


def test_the_catalog_page_counts_published_items_per_category(client):
    o = build_office()
    _published(o)
    _published(o, title="2026年“三公”经费预算", code="07.04")
    services.item_draft(actor=o.drafter, department=o.office, category=o.category,
                        title="未发布的草稿", body="x", created_on=D(2026, 10, 19))  # fmt: skip
    page = client.get(reverse("disclosure:index")).content.decode()
    assert "财政信息" in page and "(2)" in page  # the category counts its two sub-items' items
    assert "未发布的草稿" not in page
    listing = client.get(reverse("disclosure:category", args=["07"])).content.decode()
    assert "多伦县2026年财政预算报告" in listing and "三公" in listing
    assert client.get(reverse("disclosure:category", args=["99"])).status_code == 404


def test_an_item_page_shows_its_index_number_and_drafts_are_not_public(client):
    o = build_office()
    item = _published(o)
    page = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert item.index_number in page and "多财发〔2026〕12号" in page
    draft = services.item_draft(actor=o.drafter, department=o.office, category=o.category,
                                title="草稿", body="x", created_on=D(2026, 10, 19))  # fmt: skip
    assert client.get(reverse("disclosure:item", args=[draft.pk])).status_code == 404
    client.force_login(CitizenFactory())
    assert client.get(reverse("disclosure:item", args=[draft.pk])).status_code == 404
    client.force_login(o.reviewer)
    assert client.get(reverse("disclosure:item", args=[draft.pk])).status_code == 200


def test_the_guide_states_the_statutory_limits_and_names_the_office(client):
    build_office()
    page = client.get(reverse("disclosure:guide")).content.decode()
    assert "多伦县政务公开办公室" in page
    for phrase in ("20个工作日", "7个工作日", "15个工作日", "60日"):
        assert phrase in page


def test_the_office_is_for_disclosure_officers_only(client):
    o = build_office()
    client.force_login(o.clerk)
    assert client.get(reverse("disclosure:office")).status_code == 403
    client.force_login(CitizenFactory())
    assert client.get(reverse("disclosure:office")).status_code in (302, 403)
    client.force_login(o.drafter)
    assert client.get(reverse("disclosure:office")).status_code == 200


def test_drafting_through_the_form_keeps_what_was_typed_and_explains_in_chinese(client):
    o = build_office()
    client.force_login(o.drafter)
    data = {
        "title": "关于开展安全生产大检查的通知", "department": o.office.pk,
        "category": o.category.pk, "kind": "disclosure", "topic": "safety",
        "created_on": "2026-10-21", "body": "正文", "validity": "",
    }  # fmt: skip
    response = client.post(reverse("disclosure:office_new"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "不能晚于今天" in page or "今天之后" in page
    assert "关于开展安全生产大检查的通知" in page
    assert not Item.objects.exists()
    data["created_on"] = "2026-10-20"
    response = client.post(reverse("disclosure:office_new"), data)
    item = Item.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "disclosure:office_item", args=[item.pk]
    )


def test_review_through_the_page_publishes_and_the_drafter_cannot_review(client):
    o = build_office()
    item = services.item_draft(actor=o.drafter, department=o.office, category=o.category,
                               title="通知", body="正文", created_on=D(2026, 10, 19))  # fmt: skip
    client.force_login(o.drafter)
    client.post(reverse("disclosure:office_action", args=[item.pk, "submit"]))
    page = client.get(reverse("disclosure:office_item", args=[item.pk])).content.decode()
    assert "等待其他工作人员审核" in page or "另一名" in page or "其他" in page
    response = client.post(
        reverse("disclosure:office_action", args=[item.pk, "review"]), {"decision": "approve"}
    )
    assert response.status_code in (400, 403)
    client.force_login(o.reviewer)
    response = client.post(
        reverse("disclosure:office_action", args=[item.pk, "review"]), {"decision": "approve"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED and item.index_number == "gkb/2026-00001"


def test_the_supervision_room_links_a_late_publication_to_its_item(client):
    from tests.factories import Role, StaffFactory
    from zhengwu.supervision.sweep import sweep

    o = build_office()
    item = services.item_draft(
        actor=o.drafter, department=o.office, category=o.category, title="迟迟未发布的通知",
        body="x", created_on=D(2026, 9, 1),
    )  # fmt: skip
    sweep(on=D(2026, 10, 20))
    client.force_login(StaffFactory(department=o.office, roles=[Role.SUPERVISOR]))
    page = client.get(reverse("supervision:dashboard")).content.decode()
    assert reverse("disclosure:office_item", args=[item.pk]) in page
    assert "迟迟未发布的通知" in page


def test_files_are_attached_before_publication_and_downloaded_from_the_public_page(
    client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    o = build_office()
    item = services.item_draft(
        actor=o.drafter, department=o.office, category=o.category, title="附件测试",
        body="x", created_on=D(2026, 10, 19),
    )  # fmt: skip
    client.force_login(o.drafter)
    url = reverse("disclosure:office_action", args=[item.pk, "attach"])
    bad = client.post(url, {"file": SimpleUploadedFile("病毒.exe", b"MZ\x90\x00")})
    assert bad.status_code == 400 and not item.attachments.exists()
    good = client.post(url, {"file": SimpleUploadedFile("预算表.pdf", b"%PDF-1.7\n%...")})
    assert good.status_code == 302
    attachment = item.attachments.get()
    assert attachment.name == "预算表.pdf"
    # Not public before publication; downloadable after.
    client.logout()
    download = reverse("disclosure:attachment", args=[item.pk, attachment.pk])
    assert client.get(download).status_code == 404
    services.item_submit(actor=o.drafter, item=item)
    services.item_review(actor=o.reviewer, item=item, approve=True)
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    # Published: no more changes to its files.
    client.force_login(o.drafter)
    assert client.post(url, {"file": SimpleUploadedFile("b.pdf", b"%PDF-1.7")}).status_code == 400

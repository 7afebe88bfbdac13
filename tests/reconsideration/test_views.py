"""The registers' pages: the public guide (its time limits from the constants), the online
application and the status look-up; the staff register, the case page and its actions, the
suits, the statistics and the XLSX export."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.reconsideration.world import ID, accept, on, register
from zhengwu.reconsideration import services
from zhengwu.reconsideration.models import LitigationCase, ReconsiderationCase

pytestmark = pytest.mark.django_db
D = datetime.date


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_guide_reads_its_time_limits_from_the_settings(w, settings):
    page = client_for().get(reverse("reconsideration:guide")).content.decode()
    assert "第六十二条" in page and "60" in page and reverse("reconsideration:apply") in page
    settings.ZHENGWU_RECONSIDERATION_DECISION_DAYS = 45
    page = client_for().get(reverse("reconsideration:guide")).content.decode()
    assert "45" in page


def test_an_online_application_gives_a_receipt_and_the_status_is_looked_up(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    url = reverse("reconsideration:apply")
    data = {"kind": "person", "name": "王某", "id_number": ID, "phone": "13912345678",
            "respondent": w.bureau.pk, "contested_act": "限期拆除决定", "knew_on": "2099-01-01",
            "request": "撤销该决定", "is_disclosure": ""}  # fmt: skip
    with on(D(2026, 9, 30)):
        bad = client_for().post(url, data)
        assert bad.status_code == 200 and ReconsiderationCase.objects.count() == 0
        assert 'name="contested_act"' in bad.content.decode()  # what was typed is kept
        data["knew_on"] = "2026-09-20"
        data["uploads"] = [
            SimpleUploadedFile("决定书.pdf", b"%PDF-1.4 demo", "application/pdf"),
            SimpleUploadedFile("身份证.pdf", b"%PDF-1.4 id", "application/pdf"),
        ]
        receipt = client_for().post(url, data)
    case = ReconsiderationCase.objects.get()
    assert case.channel == "online" and case.applicants.get().name == "王某"
    assert sorted(a.name for a in case.attachments.all()) == ["决定书.pdf", "身份证.pdf"]
    first = case.attachments.order_by("pk").first()
    url = reverse("reconsideration:attachment", args=[case.pk, first.pk])
    download = client_for(w.clerk).get(url)  # the respondent's staff see the case
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for(w.outsider).get(url).status_code == 404
    body = receipt.content.decode()
    assert case.receipt_number in body
    code = body.split('id="query-code">')[1].split("<")[0]
    assert services.query_digest(case.receipt_number, code) == case.query_digest
    assert "2026-10-13" in body  # examined by (5 working days after 30 September)
    track = reverse("reconsideration:track")
    wrong = client_for().post(track, {"number": case.receipt_number, "code": "00000000"})
    assert 'id="case-status"' not in wrong.content.decode()
    found = client_for().post(track, {"number": case.receipt_number, "code": code})
    assert 'id="case-status"' in found.content.decode()
    assert w.bureau.name in found.content.decode()


def test_the_register_and_the_case_page_follow_visibility(w):
    mine = register(w, received=D(2026, 9, 28))
    theirs = register(w, received=D(2026, 9, 28), respondent=w.land)
    url = reverse("reconsideration:register")
    assert client_for().get(url).status_code == 302
    assert client_for(w.legal).get(url).context["page_obj"].paginator.count == 2
    assert client_for(w.supervisor).get(url).context["page_obj"].paginator.count == 2
    assert client_for(w.clerk).get(url).context["page_obj"].paginator.count == 1
    assert client_for(w.outsider).get(url).context["page_obj"].paginator.count == 0
    filtered = client_for(w.legal).get(url, {"respondent": w.land.pk})
    assert [c.pk for c in filtered.context["page_obj"]] == [theirs.pk]
    page = client_for(w.clerk).get(reverse("reconsideration:case", args=[mine.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and ID not in body and ID[:6] in body  # masked
    assert not page.context["forms"]  # the respondent sees, does not act
    assert (
        client_for(w.clerk).get(reverse("reconsideration:case", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        client_for(w.outsider).get(reverse("reconsideration:case", args=[mine.pk])).status_code
        == 404
    )


def test_actions_through_the_case_page(w):
    case = register(w, received=D(2026, 9, 28))
    legal = client_for(w.legal)
    with on(D(2026, 9, 30)):
        page = legal.get(reverse("reconsideration:case", args=[case.pk]))
        assert {a for a, _l, _f in page.context["forms"]} >= {"accept", "correction", "refuse"}
        refused = legal.post(reverse("reconsideration:case_action", args=[case.pk, "refuse"]),
                             {"refuse-reasons": ""})  # fmt: skip
        assert refused.status_code == 422
        ok = legal.post(reverse("reconsideration:case_action", args=[case.pk, "accept"]),
                        {"accept-simplified": "on"})  # fmt: skip
        assert ok.status_code == 302
        denied = client_for(w.clerk).post(
            reverse("reconsideration:case_action", args=[case.pk, "send"]), {}
        )
        assert denied.status_code == 403
        htmx = legal.post(reverse("reconsideration:case_action", args=[case.pk, "send"]), {},
                          HTTP_HX_REQUEST="true")  # fmt: skip
        assert htmx.status_code == 204 and htmx["HX-Redirect"].endswith(f"/{case.pk}/")
        page = legal.get(reverse("reconsideration:case", args=[case.pk]))
    case.refresh_from_db()
    assert (case.status, case.simplified, case.sent_on) == ("accepted", True, D(2026, 9, 30))
    labels = [c["label"] for c in page.context["clocks"]]
    assert len(labels) == 4  # examination, send, decision, answer


def test_a_registration_by_the_office_with_a_field_error(w):
    url = reverse("reconsideration:case_new")
    assert client_for(w.clerk).get(url).status_code == 403
    data = {"kind": "person", "name": "李某", "respondent": w.bureau.pk, "channel": "post",
            "contested_act": "行政处罚", "knew_on": "2026-09-01", "request": "撤销",
            "id_number": "123456"}  # fmt: skip
    bad = client_for(w.legal).post(url, data)
    assert bad.status_code == 200 and "applicants" not in bad.context["form"].fields
    assert bad.context["form"].errors
    data["id_number"] = ""
    good = client_for(w.legal).post(url, data)
    case = ReconsiderationCase.objects.get()
    assert good.status_code == 302 and case.channel == "post"


def test_suits_pages_statistics_and_export(w):
    decided = accept(w, register(w, received=D(2026, 9, 1)), day=D(2026, 9, 2))
    legal = client_for(w.legal)
    data = {"defendant": w.bureau.pk, "plaintiff": "某公司", "court": "多伦县人民法院",
            "court_number": "(2026)内2531行初9号", "contested_act": "行政处罚",
            "filed_on": "2026-10-09", "after_review": decided.pk}  # fmt: skip
    created = legal.post(reverse("reconsideration:suit_new"), data)
    suit = LitigationCase.objects.get()
    assert created.status_code == 302 and suit.after_review == decided
    hearing = legal.post(reverse("reconsideration:suit_action", args=[suit.pk, "hearing"]),
                         {"hearing-held_on": "2026-11-02", "hearing-head_appeared": "on",
                          "hearing-head_name": "刘洋"})  # fmt: skip
    assert hearing.status_code == 302 and suit.hearings.get().head_name == "刘洋"
    listing = client_for(w.clerk).get(reverse("reconsideration:suits"))
    assert listing.context["page_obj"].paginator.count == 1
    assert (
        client_for(w.outsider).get(reverse("reconsideration:suit", args=[suit.pk])).status_code
        == 404
    )
    stats = legal.get(reverse("reconsideration:stats"), {"year": 2026})
    assert stats.status_code == 200
    assert stats.context["suits"]["head_appeared"] == 1
    assert stats.context["groups"][2][1]["pending"] == 1  # the suit after reconsideration
    assert client_for(w.clerk).get(reverse("reconsideration:stats")).status_code == 403
    export = legal.get(reverse("reconsideration:export"))
    book = load_workbook(BytesIO(export.content))
    cases, suits = book.worksheets
    assert cases.max_row == 2 and cases.cell(2, 1).value == decided.receipt_number
    assert suits.max_row == 2 and suits.cell(2, 2).value == "(2026)内2531行初9号"


def test_the_incidental_review_actions_on_the_case_page(w):
    case = register(w, received=D(2026, 9, 28), normative_document_text="多伦县某管理办法")
    case = accept(w, case, day=D(2026, 9, 30))
    legal = client_for(w.legal)
    with on(D(2026, 10, 9)):
        services.case_suspend(actor=w.legal, case=case, ground="document_review")
        page = legal.get(reverse("reconsideration:case", args=[case.pk]))
        offered = {a for a, _l, _f in page.context["forms"]}
        assert {"notify_drafter", "document_review", "resume"} <= offered
        assert "decide" not in offered
        sent = legal.post(reverse("reconsideration:case_action", args=[case.pk, "notify_drafter"]))
        assert sent.status_code == 302
        page = legal.get(reverse("reconsideration:case", args=[case.pk]))
    offered = {a for a, _l, _f in page.context["forms"]}
    assert "drafter_answer" in offered and "notify_drafter" not in offered
    # Notified Friday 9 October: Saturday 10 (worked), 12–16 and 19–22 October: 10 working days.
    assert services.case_clock(case, services.DRAFTER_ANSWER).due_date == D(2026, 10, 22)

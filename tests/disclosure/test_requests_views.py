"""The pages of disclosure requests: the public application form, the number and query code,
tracking, the applicant's own requests, and the office's list, intake and request page.

The pages' own words are English msgids until the lead merges their Chinese translations, so the
assertions look at numbers, names, dates, fields and their errors, status codes, and at Chinese
that comes from data or from the catalogue already merged (the ID-number messages)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document

from tests.disclosure.requests_world import (
    ID_NUMBER,
    RECEIVED,
    build_world,
    on,
    person_data,
    receive,
)
from tests.factories import make_id_number
from zhengwu.disclosure.models import DisclosureRequest
from zhengwu.disclosure.requests import services

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    settings.ZHENGWU_HOME_DIVISION = "152531000000"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return build_world()


def html(response) -> str:
    return response.content.decode()


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<div class="field-errors" id="{field_id}_error">(.*?)</div>', page, re.S)
    return match.group(1) if match else ""


def form_post(w, **changes) -> dict:
    data = {**person_data(), "department": w.bureau.pk, "idempotency_key": "k1"}
    data.update(changes)
    return data


APPLY = reverse("disclosure:request_apply")


# --- The public ---------------------------------------------------------------------------------


def test_a_bad_id_number_comes_back_in_chinese_next_to_its_field_with_nothing_lost(client, w):
    with on(RECEIVED, tick=True):
        page = html(client.get(APPLY))
        assert 'name="applicant_type"' in page and 'type="tel"' in page
        assert 'name="viewport"' in page  # laid out for phones
        assert w.bureau.name in page and w.office.name in page
        assert "阿巴嘎旗" not in page  # only the bodies of this county
        wrong = ID_NUMBER[:-1] + ("1" if ID_NUMBER[-1] != "1" else "2")
        response = client.post(APPLY, form_post(w, id_number=wrong, postcode="12"))
    assert response.status_code == 200
    page = html(response)
    assert "身份证号码校验码错误" in field_error(page, "id_id_number")
    assert field_error(page, "id_postcode")
    assert not field_error(page, "id_description")
    # What was typed is still there.
    assert f'value="{wrong}"' in page
    assert "2026年多伦县城区老旧小区改造项目的实施方案及资金安排" in page
    assert 'value="多政发〔2026〕12号"' in page
    assert f'<option value="{w.bureau.pk}" selected>' in page
    assert not DisclosureRequest.objects.exists()


def test_an_anonymous_application_shows_its_number_and_query_code_once(client, w):
    with on(RECEIVED, tick=True):
        response = client.post(APPLY, form_post(w))
        request = DisclosureRequest.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "disclosure:request_submitted", args=[request.number]
        )
        page = html(client.get(response["Location"]))
        code = re.search(r'id="query-code">(\d{8})<', page).group(1)
        assert request.number in page
        assert services.query_digest(request.number, code) == request.query_digest
        # Shown once: an anonymous visitor cannot come back to it.
        assert client.get(response["Location"]).status_code == 404
        # Posting the same form again (a double click) makes no second request.
        client.post(APPLY, form_post(w))
    assert DisclosureRequest.objects.count() == 1
    assert (request.status, request.channel, request.applicant_user) == (
        "submitted",
        "online",
        None,
    )


def test_a_logged_in_citizens_details_are_filled_in(client, w):
    client.force_login(w.citizen)
    page = html(client.get(APPLY))
    assert 'value="马丽"' in page and f'value="{ID_NUMBER}"' in page
    assert 'value="13904791234"' in page
    with on(RECEIVED, tick=True):
        client.post(APPLY, form_post(w))
    assert DisclosureRequest.objects.get().applicant_user == w.citizen


def test_tracking_by_number_and_query_code_and_downloading_the_reply(client, w):
    with on(RECEIVED):
        submission = services.request_submit(
            actor=w.officer,
            department=w.bureau,
            data=person_data(id_number=make_id_number("15253119900101123"), name="张三"),
            channel="post",
            received_on=RECEIVED,
        )
    request = submission.request
    with on(D(2026, 10, 20)):
        services.request_reply(
            actor=w.officer, request=request, outcome="disclosed", text="见附件：实施方案。"
        )
    url = reverse("disclosure:request_track")
    download = reverse("disclosure:request_reply_download", args=[request.number])
    assert client.get(download).status_code == 404
    wrong = html(client.post(url, {"number": request.number, "code": "00000000"}))
    assert "form-errors" in wrong and "2026年多伦县城区" not in wrong
    page = html(client.post(url, {"number": request.number.lower(), "code": submission.query_code}))
    assert "2026年多伦县城区老旧小区改造项目" in page and w.bureau.name in page
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本机关予以公开" in text and "见附件：实施方案。" in text
    assert "第三十六条第（二）项" in text and "张三：" in text


# --- The applicant ------------------------------------------------------------------------------


def test_an_applicant_sees_their_own_requests_and_another_citizen_gets_404(client, w):
    request = receive(w)  # linked to w.citizen by the ID number
    mine = reverse("disclosure:request_my", args=[request.number])
    client.force_login(w.other_citizen)
    assert client.get(mine).status_code == 404
    assert client.get(reverse("disclosure:request_mine")).status_code == 200
    assert request.number not in html(client.get(reverse("disclosure:request_mine")))
    client.force_login(w.citizen)
    assert request.number in html(client.get(reverse("disclosure:request_mine")))
    assert w.bureau.name in html(client.get(mine))
    # Staff pages are not for applicants.
    detail = reverse("disclosure:request_detail", args=[request.number])
    assert client.get(detail)["Location"] == reverse("disclosure:request_mine")


def test_the_applicant_corrects_the_application_online(client, w):
    request = receive(w)
    with on(D(2026, 10, 12)):
        services.request_ask_correction(actor=w.officer, request=request, items=["请明确年份"])
    client.force_login(w.citizen)
    mine = reverse("disclosure:request_my", args=[request.number])
    with on(D(2026, 10, 23), tick=True):
        page = html(client.get(mine))
        assert "请明确年份" in page
        bad = client.post(mine, {"action": "correct", "correct-description": ""})
        assert field_error(html(bad), "id_correct-description")
        response = client.post(mine, {"action": "correct", "correct-description": "2026年第一批"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.corrected_on, request.description) == (
        "in_process",
        D(2026, 10, 23),
        "2026年第一批",
    )


# --- The office ---------------------------------------------------------------------------------


def test_the_list_filters_and_shows_the_working_days_left(client, w):
    early = receive(w)
    late = receive(w, day=D(2026, 10, 20))
    with on(D(2026, 10, 21)):
        services.request_reply(
            actor=w.officer,
            request=late,
            outcome="unavailable",
            sub_ground=1,
            text="经检索不存在。",
        )
    client.force_login(w.officer)
    url = reverse("disclosure:request_list")
    # Wed 4 Nov: the reply to the first was due Tue 3 Nov.
    with on(D(2026, 11, 4), tick=True):
        page = html(client.get(url))
        assert early.number in page and late.number in page
        assert "is-overdue" in page
        overdue = html(client.get(url, {"overdue": "1"}))
        assert early.number in overdue and late.number not in overdue
        replied = html(client.get(url, {"status": "replied"}))
        assert late.number in replied and early.number not in replied
        by_outcome = html(client.get(url, {"outcome": "unavailable"}))
        assert late.number in by_outcome and early.number not in by_outcome
    with on(D(2026, 10, 30), tick=True):  # 2 working days before 3 Nov: 2, 3 Nov
        page = html(client.get(url, {"q": early.number}))
        assert early.number in page and late.number not in page
        assert "剩余 2 个工作日" in page


def test_staff_see_only_what_they_may(client, w):
    request = receive(w)
    detail = reverse("disclosure:request_detail", args=[request.number])
    for user, status in [
        (w.foreign_officer, 404),
        (w.other_head, 404),
        (w.reviewer, 200),
        (w.supervisor, 200),
        (w.officer, 200),
    ]:
        client.force_login(user)
        assert client.get(detail).status_code == status, user
    # A supervisor sees the ID number masked; the handling officer sees it whole.
    client.force_login(w.supervisor)
    assert ID_NUMBER not in html(client.get(detail))
    client.force_login(w.officer)
    assert ID_NUMBER in html(client.get(detail))
    assert client.get(reverse("disclosure:request_list")).status_code == 200


def test_the_office_enters_an_application_received_by_post(client, w):
    client.force_login(w.officer)
    url = reverse("disclosure:request_intake")
    with on(D(2026, 10, 9), tick=True):
        page = html(client.get(url))
        assert 'name="channel"' in page and 'name="received_on"' in page
        response = client.post(
            url,
            {
                **form_post(w, idempotency_key="post-1"),
                "channel": "post",
                "received_on": "2026-09-30",
            },
        )
        receipt = html(client.get(response["Location"]))
    request = DisclosureRequest.objects.get()
    assert response.status_code == 302
    assert (request.channel, request.received_on, request.entered_by) == (
        "post",
        RECEIVED,
        w.officer,
    )
    assert re.search(r'id="query-code">\d{8}<', receipt)


def test_actions_on_the_request_page(client, w):
    request = receive(w)
    client.force_login(w.officer)
    detail = reverse("disclosure:request_detail", args=[request.number])
    action = lambda name: reverse("disclosure:request_action", args=[request.number, name])  # noqa: E731
    with on(D(2026, 10, 12), tick=True):
        page = html(client.get(detail))
        for name in ("accept", "correction", "consult", "reply", "withdraw"):
            assert action(name) in page
        # The officer records an extension approved by the bureau's head, the only one offered.
        assert action("extend") in page
        approvers = re.search(r'name="extend-approved_by".*?</select>', page, re.S).group(0)
        assert "刘洋" in approvers and w.reviewer.full_name not in approvers
        assert "2026-11-03" in page  # the reply's due date
        # A correction without items comes back with the error, the period kept.
        bad = client.post(
            action("correction"),
            {
                "correction-items": " ",
                "correction-period_days": "12",
                "correction-on": "2026-10-12",
            },
        )
        assert field_error(html(bad), "id_correction-items")
        assert 'value="12"' in html(bad)
        done = client.post(
            action("correction"),
            {
                "correction-items": "请明确年份\n请明确小区",
                "correction-period_days": "15",
                "correction-on": "2026-10-12",
            },
        )
        assert done.status_code == 302
        request.refresh_from_db()
        assert request.status == "correction" and request.correction_items == [
            "请明确年份",
            "请明确小区",
        ]
        # The second notice is refused: the form says why.
        again = html(
            client.post(
                action("correction"),
                {
                    "correction-items": "x",
                    "correction-period_days": "15",
                    "correction-on": "2026-10-12",
                },
            )
        )
        assert "2026-10-12" in again and "form-errors" in again
    client.force_login(w.head)
    with on(D(2026, 10, 12), tick=True):
        assert action("extend") not in html(client.get(detail))  # nothing runs while correcting
    client.force_login(w.other_citizen)
    assert client.post(action("accept"), {"accept-on": "2026-10-12"}).status_code == 302


def test_every_state_renders_for_the_office_the_head_and_the_applicant(client, w):
    online = services.request_submit(
        actor=w.citizen, department=w.bureau, data=person_data(), idempotency_key="o"
    ).request
    correcting, consulting, replied, withdrawn = (receive(w) for _ in range(4))
    with on(D(2026, 10, 9)):
        services.request_ask_correction(actor=w.officer, request=correcting, items=["年份"])
        services.request_consult(
            actor=w.officer, request=consulting, kind="third_party", party="某公司"
        )
        services.request_extend(actor=w.head, request=replied, days=5, reason="调档")
        services.request_reply(
            actor=w.officer, request=replied, outcome="partly_disclosed", text="部分公开。"
        )
        services.request_withdraw(actor=w.citizen, request=withdrawn)
    requests = [online, correcting, consulting, replied, withdrawn]
    for user in (w.officer, w.head, w.citizen):
        client.force_login(user)
        with on(D(2026, 10, 12), tick=True):
            for request in requests:
                name = "disclosure:request_my" if user.is_applicant else "disclosure:request_detail"
                response = client.get(reverse(name, args=[request.number]))
                assert response.status_code == 200, (user, request.status)
                assert request.number in html(response)
            listing = "disclosure:request_mine" if user.is_applicant else "disclosure:request_list"
            page = html(client.get(reverse(listing)))
            assert all(r.number in page for r in requests)
    client.force_login(w.officer)
    with on(D(2026, 10, 12), tick=True):
        page = html(client.get(reverse("disclosure:request_detail", args=[consulting.number])))
        assert 'name="answer-consultation"' in page and "某公司" in page
        page = html(client.get(reverse("disclosure:request_detail", args=[online.number])))
        assert reverse("disclosure:request_action", args=[online.number, "confirm"]) in page

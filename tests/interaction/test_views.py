"""The interaction pages: the published list and search, the forms, the page after sending,
tracking, the writer's messages, a published message, the inbox and a message's page.

The pages' own words are English msgids until the lead merges their Chinese translations, so the
assertions look at numbers, names, dates, form fields and their errors, status codes, and at
Chinese that comes from data or from an existing catalogue entry (the mobile number's message).

Dates: a complaint that arrives on Wednesday 30 September 2026 is due on Tuesday 20 October
(8, 9, 10 (Saturday, worked), 12–16, 19, 20 October).
"""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from tests.factories import CitizenFactory, StaffFactory
from tests.interaction.world import build_world, submit
from zhengwu.interaction import services
from zhengwu.interaction.models import Message
from zhengwu.interaction.selectors import message_find
from zhengwu.interaction.views import PER_PAGE

pytestmark = pytest.mark.django_db
D = datetime.date


def on(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, 0), tick=True)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return build_world()


def html_of(response) -> str:
    return response.content.decode()


def field_error(html: str, field_id: str) -> str:
    match = re.search(rf'<div class="field-errors" id="{field_id}_error">(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


def answered(w, **fields) -> Message:
    message = submit(w, **fields).message
    with on(D(2026, 10, 8)):
        services.message_route(actor=w.office, message=message, department=w.housing)
        services.message_answer(
            actor=w.housing_reviewer,
            message=message,
            answer="请携带不动产权证到县政务服务中心3号窗口办理，咨询电话0479-4522345。",
        )
    return message


def published(w, **fields) -> Message:
    message = answered(w, **fields)
    with on(D(2026, 10, 9)):
        return services.message_publish(actor=w.office, message=message)


FORM = {
    "subject": "房屋产权登记被要求反复补材料",
    "topic": "land",
    "body": "我叫马秀英，去年在北山村买的房子办不了产权登记，窗口三次要求补材料。",
    "name": "马秀英",
    "phone": "13904791234",
    "email": "ma@example.cn",
    "publication_consent": "on",
}


# --- The portal ---------------------------------------------------------------------------------


def test_the_index_lists_published_messages_only_searches_and_pages(client, w):
    shown = published(w, kind="consultation", subject="城乡居民医保怎么缴费")
    answered(w, kind="consultation", subject="医保异地就医备案")  # not published
    page = html_of(client.get(reverse("interaction:index")))
    assert shown.public_subject in page and "医保异地就医备案" not in page
    assert reverse("interaction:detail", args=[shown.number]) in page
    for kind in ("consultation", "complaint", "mailbox"):
        assert reverse("interaction:submit", args=[kind]) in page
    found = html_of(client.get(reverse("interaction:index"), {"q": "缴费"}))
    assert shown.public_subject in found
    none = html_of(client.get(reverse("interaction:index"), {"q": "低保"}))
    assert shown.public_subject not in none
    other_kind = html_of(client.get(reverse("interaction:index"), {"kind": "complaint"}))
    assert shown.public_subject not in other_kind

    for i in range(PER_PAGE):
        published(w, kind="consultation", subject=f"医保问题{i:02d}")
    first = html_of(client.get(reverse("interaction:index"), {"q": "医保"}))
    assert "page=2" in first and "q=%E5%8C%BB%E4%BF%9D" in first  # the search is kept
    second = client.get(reverse("interaction:index"), {"q": "医保", "page": 2})
    assert second.context["page_obj"].number == 2
    assert len(second.context["page_obj"].object_list) == 1


def test_each_form_states_its_time_limit_and_asks_only_its_own_fields(client, w):
    complaint = html_of(client.get(reverse("interaction:submit", args=["complaint"])))
    assert 'name="id_number"' in complaint and 'name="case_number"' in complaint
    assert 'name="publication_consent"' in complaint
    assert re.search(r"We answer within 10 working days|10 个工作日", complaint)
    consultation = html_of(client.get(reverse("interaction:submit", args=["consultation"])))
    assert 'name="id_number"' not in consultation and 'name="case_number"' not in consultation
    assert re.search(r"We answer within 5 working days|5 个工作日", consultation)
    letter = html_of(client.get(reverse("interaction:submit", args=["mailbox"])))
    assert re.search(r"We answer within 15 working days|15 个工作日", letter)
    assert client.get(reverse("interaction:submit", args=["petition"])).status_code == 404
    # Works on a phone: the viewport is set and the telephone field brings up the keypad.
    assert 'name="viewport"' in complaint and 'inputmode="tel"' in complaint


def test_a_logged_in_citizen_finds_the_form_filled(client, w):
    client.force_login(w.citizen)
    page = html_of(client.get(reverse("interaction:submit", args=["complaint"])))
    assert 'value="马秀英"' in page and 'value="13904791234"' in page
    assert f'value="{w.citizen.id_number}"' in page


def test_a_bad_phone_is_explained_next_to_the_field_in_chinese_and_nothing_is_lost(client, w):
    url = reverse("interaction:submit", args=["complaint"])
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', html_of(client.get(url)))
    data = FORM | {"phone": "1390479123", "idempotency_key": key.group(1)}
    response = client.post(url, data)
    page = html_of(response)
    assert response.status_code == 200 and not Message.objects.exists()
    assert "手机号码应为 11 位数字，实际为 10 位。" in field_error(page, "id_phone")
    for value in (FORM["subject"], FORM["body"], FORM["email"], "1390479123", key.group(1)):
        assert value in page
    assert 'name="publication_consent" checked' in page or "checked" in page
    # Other fields' errors come together, each next to its field.
    response = client.post(url, data | {"subject": "", "id_number": "152531195806150025"})
    page = html_of(response)
    assert field_error(page, "id_subject") and field_error(page, "id_id_number")
    assert "校验码" in field_error(page, "id_id_number")  # the ID number's own message


def test_sending_shows_the_number_and_the_query_code_once(client, w):
    url = reverse("interaction:submit", args=["complaint"])
    with on(D(2026, 9, 30)):
        response = client.post(url, FORM | {"idempotency_key": "k" * 32})
        message = Message.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("interaction:submitted", args=[message.number])
        shown = html_of(client.get(response["Location"]))
        again = html_of(client.get(response["Location"]))
        # A double submission returns the same message.
        client.post(url, FORM | {"idempotency_key": "k" * 32})
    assert (message.kind, message.user, message.publication_consent) == ("complaint", None, True)
    code = re.search(r'id="query-code">(\d{8})<', shown).group(1)
    assert message.number in shown and message_find(message.number, code) == message
    # The answer is due on Tuesday 20 October.
    assert re.search(r'id="answer-due"><time datetime="2026-10-20"', shown)
    assert message.number in again and 'id="query-code"' not in again
    assert Message.objects.count() == 1
    # Another browser cannot open the page.
    client.cookies.clear()
    assert client.get(response["Location"]).status_code == 404


def test_tracking_needs_the_right_code_and_shows_the_answer(client, w):
    sent = submit(w)
    url = reverse("interaction:track")
    wrong = client.post(url, {"number": sent.message.number, "code": "99999999"})
    assert "form-errors" in html_of(wrong) and sent.message.body not in html_of(wrong)
    page = html_of(client.post(url, {"number": sent.message.number, "code": sent.query_code}))
    assert sent.message.body in page and 'id="answer-due"' in page
    with on(D(2026, 10, 8)):
        services.message_route(actor=w.office, message=sent.message, department=w.housing)
        services.message_answer(actor=w.housing_reviewer, message=sent.message, answer="已办结。")
    page = html_of(client.post(url, {"number": sent.message.number, "code": sent.query_code}))
    assert "已办结。" in page and w.housing.name in page
    assert w.housing_reviewer.full_name not in page  # the department, not the official


def test_tracking_stops_after_too_many_wrong_codes(client, w):
    sent = submit(w)
    url = reverse("interaction:track")
    for _i in range(10):
        client.post(url, {"number": sent.message.number, "code": "00000001"})
    page = html_of(client.post(url, {"number": sent.message.number, "code": sent.query_code}))
    assert sent.message.body not in page


def test_the_writer_sees_their_own_messages_only(client, w):
    mine = submit(w, actor=w.citizen).message
    other = submit(w, actor=CitizenFactory()).message
    client.force_login(w.citizen)
    listing = html_of(client.get(reverse("interaction:mine")))
    assert mine.number in listing and other.number not in listing
    assert client.get(reverse("interaction:my_message", args=[mine.number])).status_code == 200
    assert client.get(reverse("interaction:my_message", args=[other.number])).status_code == 404
    client.logout()
    assert client.get(reverse("interaction:mine")).status_code == 302


def test_a_published_message_shows_only_its_public_version(client, w):
    message = published(w, body="我叫马秀英，电话13904791234，车牌蒙H·12345，反映北山村路灯不亮。")
    page = html_of(client.get(reverse("interaction:detail", args=[message.number])))
    assert "反映北山村路灯不亮" in page
    for private in ("马秀英", "13904791234", "蒙H·12345"):
        assert private not in page
    unpublished = answered(w)
    for number in (unpublished.number, "TS2026999999"):
        assert client.get(reverse("interaction:detail", args=[number])).status_code == 404


# --- The workbench ------------------------------------------------------------------------------


def test_the_inbox_is_for_staff_and_shows_the_working_days_left(client, w):
    late = submit(w).message
    fresh = submit(w, kind="consultation", day=D(2026, 10, 16)).message
    with on(D(2026, 10, 19)):
        services.message_route(actor=w.office, message=late, department=w.housing)
        services.message_route(actor=w.office, message=fresh, department=w.social)
    url = reverse("interaction:inbox")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(w.citizen)
    assert client.get(url)["Location"] == reverse("interaction:mine")
    client.force_login(w.office)
    with on(D(2026, 10, 21)):
        page = html_of(client.get(url))
        overdue = html_of(client.get(url, {"overdue": "on"}))
        social = html_of(client.get(url, {"department": w.social.pk}))
    assert late.number in page and fresh.number in page
    assert "is-overdue" in page
    assert re.search(r"1 working day overdue|逾期 ?1 ?个工作日|超期", page)
    assert re.search(r"2 working days left|2 ?个工作日", page)
    assert late.number in overdue and fresh.number not in overdue
    assert fresh.number in social and late.number not in social
    client.force_login(w.housing_reviewer)
    with on(D(2026, 10, 21)):
        page = html_of(client.get(url))
    assert late.number in page and fresh.number not in page


def test_a_message_page_is_a_404_for_staff_who_may_not_see_it(client, w):
    message = submit(w).message
    url = reverse("interaction:message", args=[message.number])
    client.force_login(w.housing_reviewer)  # not routed to the department yet
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("interaction:action", args=[message.number, "route"])).status_code
        == 404
    )
    client.force_login(w.office)
    page = html_of(client.get(url))
    assert client.get(url).status_code == 200
    assert message.name in page and message.phone in page
    assert 'name="route-department"' in page and 'name="answer-answer"' not in page


def test_the_office_routes_and_the_department_answers_through_the_forms(client, w):
    message = submit(w, id_number="152531195806150024").message
    url = reverse("interaction:action", args=[message.number, "route"])
    with on(D(2026, 10, 8)):
        client.force_login(w.office)
        bad = client.post(url, {"route-department": ""})
        assert bad.status_code == 200 and field_error(html_of(bad), "id_route-department")
        response = client.post(url, {"route-department": w.housing.pk})
        assert response.status_code == 302
        page = html_of(client.get(reverse("interaction:message", args=[message.number])))
    message.refresh_from_db()
    assert (message.status, message.department) == ("routed", w.housing)
    assert "152531********0024" in page and "152531195806150024" not in page
    assert re.search(r'id="answer-due"><time datetime="2026-10-20"', page)

    answer_url = reverse("interaction:action", args=[message.number, "answer"])
    with on(D(2026, 10, 9)):
        client.force_login(w.housing_reviewer)
        assert client.post(url).status_code == 403  # the department does not route
        empty = client.post(answer_url, {"answer-answer": " "})
        assert field_error(html_of(empty), "id_answer-answer")
        client.post(answer_url, {"answer-answer": "已安排专人办理。"})
    message.refresh_from_db()
    assert (message.status, message.answer, message.answered_by) == (
        "answered",
        "已安排专人办理。",
        w.housing_reviewer,
    )


def test_the_office_previews_edits_and_publishes_the_redacted_text(client, w):
    message = answered(w, body="我叫马秀英，电话13904791234，邻居张三家装修太吵。")
    message_url = reverse("interaction:message", args=[message.number])
    prepare = reverse("interaction:action", args=[message.number, "prepare"])
    publish = reverse("interaction:action", args=[message.number, "publish"])
    edited = {
        "publication-public_subject": "反映邻居装修噪音",
        "publication-public_body": "我叫×××，邻居家装修太吵。",
        "publication-public_answer": "已协调社区处理，咨询电话0479-4522345。",
    }
    with on(D(2026, 10, 9)):
        client.force_login(w.office)
        preview = html_of(client.get(message_url))
        response = client.post(prepare, edited)
        saved = html_of(client.get(message_url))
        empty = html_of(client.post(publish, edited | {"publication-public_answer": ""}))
        client.post(publish, edited)
    # The preview is the automatic redaction, nothing left to flag.
    assert "我叫×××，电话***，邻居张三家装修太吵。" in preview
    assert 'id="publication-warnings"' not in preview
    assert f'formaction="{publish}"' in preview
    # The saved draft keeps the department's own number, which the page flags for a check.
    assert response.status_code == 302
    assert 'id="publication-warnings"' in saved and "我叫×××，邻居家装修太吵。" in saved
    # A missing text is refused next to its field, with what was typed kept.
    assert field_error(empty, "id_publication-public_answer")
    assert "我叫×××，邻居家装修太吵。" in empty
    message.refresh_from_db()
    assert (message.status, message.published_on) == ("published", D(2026, 10, 9))
    assert message.public_answer == "已协调社区处理，咨询电话0479-4522345。"
    public = html_of(client.get(reverse("interaction:detail", args=[message.number])))
    assert "反映邻居装修噪音" in public and "张三" not in public


def test_without_consent_there_is_no_publication_form_and_the_office_closes(client, w):
    message = answered(w, publication_consent=False)
    client.force_login(w.office)
    page = html_of(client.get(reverse("interaction:message", args=[message.number])))
    assert 'name="publication-public_body"' not in page and 'name="close-reason"' in page
    response = client.post(reverse("interaction:action", args=[message.number, "publish"]), {})
    assert response.status_code == 302  # told the step is not possible
    assert Message.objects.get().status == "answered"
    client.post(reverse("interaction:action", args=[message.number, "close"]), {"close-reason": ""})
    assert Message.objects.get().status == "closed"


def test_the_office_rejects_spam_with_a_reason(client, w):
    message = submit(w, kind="mailbox", body="代办各类证件，加微信。").message
    client.force_login(w.supervisor)
    url = reverse("interaction:action", args=[message.number, "reject"])
    empty = client.post(url, {"reject-reason": ""})
    assert field_error(html_of(empty), "id_reject-reason")
    client.post(url, {"reject-reason": "广告信息"})
    message.refresh_from_db()
    assert (message.status, message.reason) == ("rejected", "广告信息")
    assert (
        client.post(reverse("interaction:action", args=[message.number, "fly"])).status_code == 404
    )


def test_a_reviewer_without_the_workbench_is_refused(client, w):
    nobody = StaffFactory(department=w.housing, roles=[])
    client.force_login(nobody)
    assert client.get(reverse("interaction:inbox")).status_code == 403

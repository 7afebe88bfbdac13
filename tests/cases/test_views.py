"""The case pages: applying online, tracking, my applications, the intake queue, the task list
and the case page, with and without htmx.

The pages' own words are English msgids until the lead merges their Chinese translations, so the
assertions look at numbers, names, dates, form fields and their errors, status codes, and at
Chinese that comes from data (or from Django's own catalogue).

Dates (2026 calendar): Friday 9 October is a working day; the acceptance window of an
application that arrives that day is 5 working days: 10 (Saturday, worked), 12, 13, 14, 15
October → due Thursday 15 October.
"""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.cases.world import PDF, PNG, build_world, pdf
from tests.factories import DepartmentFactory, Role, ServiceCentreFactory, StaffFactory
from zhengwu.cases import services
from zhengwu.cases.models import Case, Rating, Task
from zhengwu.cases.selectors import case_find

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = D(2026, 10, 9)


def on(day: datetime.date, hour: int = 10):
    # Ticking, so that each action leaves its own last-activity time on the case.
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, 0), tick=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return build_world()


@pytest.fixture
def today():
    with on(DAY):
        yield DAY


def submit(w, power=None, key="k1", files=None):
    return services.case_submit(
        actor=w.citizen,
        applicant=w.citizen,
        power=power or w.joint,
        idempotency_key=key,
        files=files if files is not None else [pdf()],
    )


def html_of(response) -> str:
    return response.content.decode()


def form_errors(html: str) -> str:
    match = re.search(r'<div class="form-errors".*?</div>', html, re.DOTALL)
    return match.group(0) if match else ""


def field_error(html: str, field_id: str) -> str:
    match = re.search(rf'<div class="field-errors" id="{field_id}_error">(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


# --- Applying online --------------------------------------------------------------------------


def test_an_applicant_applies_online_with_two_files_and_sees_the_query_code_once(client, w, today):
    client.force_login(w.citizen)
    version = w.joint.current
    materials = list(version.materials.order_by("position"))
    url = reverse("cases:apply", args=[w.joint.implementation_code])

    page = html_of(client.get(url))
    assert 'enctype="multipart/form-data"' in page
    for material in materials:  # one file input per catalog material, named after it
        assert f'type="file" name="material_{material.pk}"' in page
        assert material.name in page
    assert 'type="file" name="other"' in page and "multiple" in page
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page).group(1)

    data = {
        "idempotency_key": key,
        f"material_{materials[0].pk}": SimpleUploadedFile("申请书.pdf", PDF),
        f"material_{materials[1].pk}": SimpleUploadedFile("营业执照.png", PNG),
        "note": "联系电话见账户",
    }
    response = client.post(url, data)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:submitted", args=[case.number])
    assert (case.applicant, case.channel, case.status) == (w.citizen, "online", "submitted")
    assert [m.original_name for m in case.materials.order_by("id")] == [
        "申请书.pdf",
        "营业执照.png",
    ]
    assert [m.catalog_material.name for m in case.materials.order_by("id")] == [
        "申请书",
        "营业执照",
    ]

    shown = html_of(client.get(response["Location"]))
    assert case.number in shown
    code = re.search(r'id="query-code">(\d{8})<', shown).group(1)
    assert case_find(case.number, code) == case  # the code shown is the case's code
    # Shown once: a second visit shows the number but no longer the code.
    again = html_of(client.get(response["Location"]))
    assert case.number in again and code not in again and 'id="query-code"' not in again

    # A double submission (same hidden key) returns the same case.
    data[f"material_{materials[0].pk}"] = SimpleUploadedFile("申请书.pdf", PDF)
    data[f"material_{materials[1].pk}"] = SimpleUploadedFile("营业执照.png", PNG)
    response = client.post(url, data)
    assert response["Location"] == reverse("cases:submitted", args=[case.number])
    assert Case.objects.count() == 1 and case.materials.count() == 2


def test_the_application_form_refuses_a_missing_material_and_a_fake_file_field_by_field(
    client, w, today
):
    client.force_login(w.citizen)
    materials = list(w.joint.current.materials.order_by("position"))
    response = client.post(
        reverse("cases:apply", args=[w.joint.implementation_code]),
        {
            "idempotency_key": "abc",
            f"material_{materials[0].pk}": SimpleUploadedFile("申请书.pdf", b"not a pdf"),
            "note": "我的备注",
        },
    )
    assert response.status_code == 200 and Case.objects.count() == 0
    html = html_of(response)
    assert "申请书.pdf" in field_error(html, f"id_material_{materials[0].pk}")
    assert field_error(html, f"id_material_{materials[1].pk}")
    assert "我的备注" in html  # what was typed is kept


def test_staff_cannot_apply_and_the_catalog_page_links_to_the_application(client, w, today):
    detail = html_of(client.get(reverse("catalog:detail", args=[w.joint.implementation_code])))
    assert reverse("cases:apply", args=[w.joint.implementation_code]) in detail
    client.force_login(w.clerk)
    response = client.get(reverse("cases:apply", args=[w.joint.implementation_code]))
    assert response.status_code == 403


# --- Tracking without login -------------------------------------------------------------------


def test_tracking_by_number_and_query_code(client, w, today):
    submission = submit(w)
    case = submission.case
    services.case_request_correction(
        actor=w.clerk, case=case, items=["营业执照", "施工图审查合格书"]
    )
    url = reverse("cases:track")

    found = client.post(url, {"number": case.number, "code": submission.query_code})
    html = html_of(found)
    assert found.status_code == 200
    assert case.number in html and "建筑工程施工许可" in html and "多伦县住房和城乡建设局" in html
    assert "营业执照" in html and "施工图审查合格书" in html  # what is missing
    assert html.count('<li>\n    <p class="timeline-when">') == 2  # submitted, correction
    assert w.clerk.full_name not in html  # the public sees the department, not the official

    wrong_code = html_of(client.post(url, {"number": case.number, "code": "00000000"}))
    wrong_number = html_of(
        client.post(url, {"number": "152531202600000999", "code": submission.query_code})
    )
    assert "建筑工程施工许可" not in wrong_code and "建筑工程施工许可" not in wrong_number
    assert form_errors(wrong_code) and form_errors(wrong_code) == form_errors(wrong_number)


def test_tracking_stops_after_ten_wrong_codes_for_one_number(client, w, today):
    submission = submit(w)
    url = reverse("cases:track")
    for _ in range(10):
        client.post(url, {"number": submission.case.number, "code": "12345678"})
    blocked = html_of(
        client.post(url, {"number": submission.case.number, "code": submission.query_code})
    )
    assert "建筑工程施工许可" not in blocked and form_errors(blocked)
    cache.clear()
    allowed = html_of(
        client.post(url, {"number": submission.case.number, "code": submission.query_code})
    )
    assert "建筑工程施工许可" in allowed


# --- Visibility and materials -----------------------------------------------------------------


def test_an_applicant_gets_404_for_another_applicants_case_and_its_files(
    client, w, today, django_user_model
):
    case = submit(w).case
    material = case.materials.get()
    other = django_user_model.objects.create_user(
        "other", password="x" * 12, kind="citizen", id_number="152531196001010010"
    )
    client.force_login(other)
    assert client.get(reverse("cases:my_case", args=[case.number])).status_code == 404
    assert client.get(reverse("cases:case", args=[case.number])).status_code == 404
    download = reverse("cases:material", args=[case.number, material.pk])
    assert client.get(download).status_code == 404
    assert client.post(reverse("cases:withdraw", args=[case.number])).status_code == 404

    client.force_login(w.citizen)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    # The store is not served: neither under MEDIA_URL nor without a login.
    assert client.get("/media/" + material.file.name).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302


# --- The intake queue -------------------------------------------------------------------------


def test_the_clerks_intake_queue_shows_the_case_and_accept_works(client, w, today):
    case = submit(w).case
    client.force_login(w.clerk)
    html = html_of(client.get(reverse("cases:intake")))
    item = re.search(rf'<li id="intake-{case.pk}".*?</li>\n', html, re.S).group(0)
    assert case.number in item and "建筑工程施工许可" in item
    assert '<time datetime="2026-10-09">' in item  # arrived
    assert '<time datetime="2026-10-15">' in item  # decide on acceptance by
    for action in ("accept", "correction", "refuse"):
        assert reverse("cases:action", args=[case.number, action]) in item
    assert reverse("cases:action", args=[case.number, "instant"]) not in item  # promised

    response = client.post(
        reverse("cases:action", args=[case.number, "accept"]),
        {f"accept-{case.pk}-seen": "", "from": "intake"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("cases:intake")
    case.refresh_from_db()
    assert (case.status, case.accepted_on, case.accepted_by) == ("accepted", DAY, w.clerk)
    after = html_of(client.get(reverse("cases:intake")))
    assert f'id="intake-{case.pk}"' not in after and 'class="message message-success"' in after


def test_accepting_with_htmx_returns_only_the_changed_part(client, w, today):
    first, second = submit(w, key="a").case, submit(w, key="b").case
    client.force_login(w.clerk)
    response = client.post(
        reverse("cases:action", args=[first.number, "accept"]),
        {"from": "intake"},
        HTTP_HX_REQUEST="true",
    )
    html = html_of(response)
    assert response.status_code == 200
    assert "<html" not in html and html.startswith(f'<li id="intake-{first.pk}"')
    assert "data-focus-after-swap" in html and reverse("cases:case", args=[first.number]) in html
    first.refresh_from_db()
    assert first.status == "accepted"

    # From the case page, the case's live part comes back, with the review task now open.
    response = client.post(
        reverse("cases:action", args=[second.number, "accept"]),
        {"from": "case"},
        HTTP_HX_REQUEST="true",
    )
    html = html_of(response)
    assert html.startswith('<div id="case-live"') and "<html" not in html
    assert "审查" in html and "多伦县住房和城乡建设局" in html
    second.refresh_from_db()
    assert second.status == "accepted"


def test_an_action_someone_else_already_did_says_so(client, w, today):
    case = submit(w).case
    other_clerk = StaffFactory(
        department=w.clerk.department, service_centre=w.centre, roles=[Role.WINDOW_CLERK]
    )
    client.force_login(w.clerk)
    page = html_of(client.get(reverse("cases:case", args=[case.number])))
    seen = re.search(rf'name="accept-{case.pk}-seen" value="([^"]+)"', page).group(1)
    services.case_accept(actor=other_clerk, case=case)

    response = client.post(
        reverse("cases:action", args=[case.number, "accept"]),
        {f"accept-{case.pk}-seen": seen},
        follow=True,
    )
    assert response.status_code == 200
    assert 'class="message message-warning"' in html_of(response)
    case.refresh_from_db()
    assert case.accepted_by == other_clerk


# --- Correction -------------------------------------------------------------------------------


def test_a_second_correction_without_a_reason_keeps_the_items_and_marks_the_reason(
    client, w, today
):
    case = submit(w).case
    services.case_request_correction(actor=w.clerk, case=case, items=["营业执照"])
    services.case_supply_materials(actor=w.citizen, case=case, files=[pdf("营业执照.pdf")])
    client.force_login(w.clerk)
    url = reverse("cases:action", args=[case.number, "correction"])
    data = {f"correction-{case.pk}-items": "施工图审查合格书\n消防设计审核意见", "from": "intake"}

    page = html_of(client.get(reverse("cases:case", args=[case.number])))
    assert f'name="correction-{case.pk}-reason"' in page  # the reason field appears, required
    for response in (client.post(url, data), client.post(url, data, HTTP_HX_REQUEST="true")):
        html = html_of(response)
        assert response.status_code == 200
        assert "这个字段是必填项。" in field_error(html, f"id_correction-{case.pk}-reason")
        assert "施工图审查合格书\n消防设计审核意见</textarea>" in html
        assert not field_error(html, f"id_correction-{case.pk}-items")
    assert "<html" in html_of(client.post(url, data))
    case.refresh_from_db()
    assert (case.status, case.correction_count, case.corrections.count()) == ("submitted", 1, 1)

    data[f"correction-{case.pk}-reason"] = "消防审核意见为新规要求"
    response = client.post(url, data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.correction_count, case.correction_flagged) == (
        "correction",
        2,
        True,
    )
    assert case.corrections.last().items == ["施工图审查合格书", "消防设计审核意见"]


def test_the_applicant_sees_what_is_missing_and_supplies_it(client, w, today):
    case = submit(w).case
    services.case_request_correction(
        actor=w.clerk, case=case, items=["营业执照", "施工图审查合格书"]
    )
    client.force_login(w.citizen)
    html = html_of(client.get(reverse("cases:my_case", args=[case.number])))
    assert "营业执照" in html and "施工图审查合格书" in html
    assert reverse("cases:supply", args=[case.number]) in html

    url = reverse("cases:supply", args=[case.number])
    empty = client.post(url, {}, HTTP_HX_REQUEST="true")
    assert empty.status_code == 200 and field_error(html_of(empty), "id_supply-files")
    response = client.post(
        url,
        {
            "supply-files": [pdf("营业执照.pdf"), pdf("施工图审查合格书.pdf")],
            "supply-note": "已补齐",
        },
        HTTP_HX_REQUEST="true",
    )
    assert html_of(response).startswith('<div id="case-live"')
    case.refresh_from_db()
    assert (case.status, case.materials.count()) == ("submitted", 3)


def test_the_applicant_withdraws_after_ticking_the_confirmation(client, w, today):
    case = submit(w).case
    client.force_login(w.citizen)
    url = reverse("cases:withdraw", args=[case.number])
    response = client.post(url, {"withdraw-reason": "不再需要"})
    assert response.status_code == 200
    assert field_error(html_of(response), "id_withdraw-confirm")
    assert "不再需要" in html_of(response)
    case.refresh_from_db()
    assert case.status == "submitted"
    response = client.post(url, {"withdraw-confirm": "on", "withdraw-reason": "不再需要"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.withdrawn_on) == ("withdrawn", DAY)


# --- Tasks ------------------------------------------------------------------------------------


def accepted_and_reviewed(w):
    case = submit(w).case
    services.case_accept(actor=w.clerk, case=case)
    review = case.tasks.get(stage_code="review")
    services.task_complete(actor=w.reviewer, task=review, verdict="agree", opinion="材料齐全")
    return case, list(case.tasks.filter(kind="co_review").order_by("stage_code"))


def test_a_reviewer_of_another_department_cannot_complete_a_task_nor_see_it(client, w, today):
    case, co_tasks = accepted_and_reviewed(w)
    fire = w.co_reviewers[0]
    client.force_login(fire)

    listing = html_of(client.get(reverse("cases:tasks")))
    assert f"#task-{co_tasks[0].pk}" in listing
    assert f"#task-{co_tasks[1].pk}" not in listing and f"#task-{co_tasks[2].pk}" not in listing

    page = html_of(client.get(reverse("cases:case", args=[case.number])))
    assert reverse("cases:task_opinion", args=[case.number, co_tasks[0].pk]) in page
    assert reverse("cases:task_opinion", args=[case.number, co_tasks[1].pk]) not in page

    other = reverse("cases:task_opinion", args=[case.number, co_tasks[1].pk])
    data = {f"opinion-{co_tasks[1].pk}-verdict": "agree", f"opinion-{co_tasks[1].pk}-opinion": ""}
    assert client.post(other, data).status_code == 403
    assert client.post(other, {}).status_code == 403  # not permitted comes before the form
    forbidden = client.post(other, data, HTTP_HX_REQUEST="true")
    assert forbidden.status_code == 403 and forbidden["HX-Retarget"] == "#action-alert"
    co_tasks[1].refresh_from_db()
    assert co_tasks[1].status == "open"

    # Their own task: recorded, and gone from their list.
    own = reverse("cases:task_opinion", args=[case.number, co_tasks[0].pk])
    response = client.post(
        own,
        {f"opinion-{co_tasks[0].pk}-verdict": "agree", f"opinion-{co_tasks[0].pk}-opinion": "同意"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "同意" in html_of(response)
    co_tasks[0].refresh_from_db()
    assert (co_tasks[0].status, co_tasks[0].completed_by) == ("done", fire)
    assert f"#task-{co_tasks[0].pk}" not in html_of(client.get(reverse("cases:tasks")))

    # A reviewer of a department with no part in the case does not even see it.
    stranger = StaffFactory(department=DepartmentFactory(), roles=[Role.REVIEWER])
    client.force_login(stranger)
    assert client.get(reverse("cases:case", args=[case.number])).status_code == 404
    assert client.post(other, data).status_code == 404


def test_overdue_tasks_are_marked_in_words(client, w):
    with on(DAY):
        _case, co_tasks = accepted_and_reviewed(w)
    with on(D(2026, 10, 9)):
        client.force_login(w.co_reviewers[0])
        assert "badge-overdue" not in html_of(client.get(reverse("cases:tasks")))
    with on(D(2026, 10, 28)):  # the co-review was due on 22 October
        client.force_login(w.co_reviewers[0])  # a new session: the first one has timed out
        html = html_of(client.get(reverse("cases:tasks")))
    row = re.search(r'<tr class="is-overdue">.*?</tr>', html, re.S).group(0)
    assert f"#task-{co_tasks[0].pk}" in row and 'class="badge badge-overdue"' in row


def test_a_disagreement_needs_reasons_shown_at_the_field(client, w, today):
    case, co_tasks = accepted_and_reviewed(w)
    client.force_login(w.co_reviewers[1])
    task = co_tasks[1]
    response = client.post(
        reverse("cases:task_opinion", args=[case.number, task.pk]),
        {f"opinion-{task.pk}-verdict": "disagree", f"opinion-{task.pk}-opinion": "  "},
    )
    assert response.status_code == 200
    assert field_error(html_of(response), f"id_opinion-{task.pk}-opinion")
    task.refresh_from_db()
    assert task.status == "open"


# --- Decision, delivery, rating ---------------------------------------------------------------


def test_a_simple_case_through_the_pages_to_the_rating(client, w, today):
    case = submit(w, power=w.simple).case
    services.case_accept(actor=w.clerk, case=case)

    client.force_login(w.reviewer)
    review = case.tasks.get(stage_code="review")
    client.post(
        reverse("cases:task_opinion", args=[case.number, review.pk]),
        {f"opinion-{review.pk}-verdict": "agree", f"opinion-{review.pk}-opinion": "符合条件"},
    )

    client.force_login(w.head)
    decide = reverse("cases:action", args=[case.number, "decide"])
    denied = html_of(client.post(decide, {f"decide-{case.pk}-decision": "deny"}))
    assert field_error(denied, f"id_decide-{case.pk}-reason")
    assert field_error(denied, f"id_decide-{case.pk}-legal_basis")
    response = client.post(
        decide,
        {f"decide-{case.pk}-decision": "approve", f"decide-{case.pk}-reason": "符合法定条件"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.decision) == ("decided", "approve")

    client.force_login(w.clerk)
    deliver = reverse("cases:action", args=[case.number, "deliver"])
    missing = html_of(client.post(deliver, {f"deliver-{case.pk}-method": "window"}))
    assert "许可证" in field_error(missing, f"id_deliver-{case.pk}-licence_number")
    client.post(
        deliver,
        {f"deliver-{case.pk}-method": "window", f"deliver-{case.pk}-licence_number": "ZJ-2026-01"},
    )
    case.refresh_from_db()
    assert (case.status, case.licence_number) == ("completed", "ZJ-2026-01")

    client.force_login(w.citizen)
    page = html_of(client.get(reverse("cases:my_case", args=[case.number])))
    levels = re.findall(r'type="radio" name="rate-level" value="(\d)"', page)
    assert levels == ["5", "4", "3", "2", "1"]
    assert "ZJ-2026-01" in page

    rate = reverse("cases:rate", args=[case.number])
    bad = client.post(rate, {"rate-level": "2", "rate-comment": ""})
    assert field_error(html_of(bad), "id_rate-comment") and not Rating.objects.exists()
    assert client.post(rate, {"rate-level": "2", "rate-comment": "排队太久"}).status_code == 302
    rating = Rating.objects.get(case=case)
    assert (rating.level, rating.comment, rating.rated_by) == (2, "排队太久", w.citizen)
    assert rating.follow_up_due is not None
    assert 'name="rate-level"' not in html_of(
        client.get(reverse("cases:my_case", args=[case.number]))
    )

    # The department head answers the bad rating from the case page.
    client.force_login(w.head)
    follow = reverse("cases:action", args=[case.number, "follow-up"])
    assert follow in html_of(client.get(reverse("cases:case", args=[case.number])))
    client.post(follow, {f"follow-up-{case.pk}-answer": "已优化叫号"})
    rating.refresh_from_db()
    assert (rating.follow_up_answer, rating.follow_up_by) == ("已优化叫号", w.head)


def test_a_case_cannot_be_rated_before_it_is_completed(client, w, today):
    case = submit(w).case
    client.force_login(w.citizen)
    assert 'name="rate-level"' not in html_of(
        client.get(reverse("cases:my_case", args=[case.number]))
    )
    response = client.post(
        reverse("cases:rate", args=[case.number]), {"rate-level": "5", "rate-comment": ""}
    )
    assert response.status_code == 200 and form_errors(html_of(response))
    assert not Rating.objects.exists()


def test_an_instant_matter_is_handled_on_the_spot_from_the_intake_queue(client, w, today):
    case = submit(w, power=w.instant).case
    client.force_login(w.clerk)
    item = html_of(client.get(reverse("cases:intake")))
    assert reverse("cases:action", args=[case.number, "instant"]) in item
    response = client.post(
        reverse("cases:action", args=[case.number, "instant"]),
        {f"instant-{case.pk}-decision": "approve", "from": "intake"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert (case.status, case.accepted_on, case.decided_on, case.completed_on) == (
        "completed",
        DAY,
        DAY,
        DAY,
    )
    assert not case.tasks.filter(status=Task.Status.OPEN).exists()


def test_the_head_extends_the_legal_time_limit(client, w, today):
    case = submit(w, power=w.simple).case
    services.case_accept(actor=w.clerk, case=case)
    client.force_login(w.head)
    url = reverse("cases:action", args=[case.number, "extend"])
    too_long = html_of(
        client.post(url, {f"extend-{case.pk}-days": "11", f"extend-{case.pk}-reason": "需现场核查"})
    )
    assert field_error(too_long, f"id_extend-{case.pk}-days")
    assert "需现场核查" in too_long
    response = client.post(
        url, {f"extend-{case.pk}-days": "10", f"extend-{case.pk}-reason": "需现场核查"}
    )
    assert response.status_code == 302
    assert case.tasks.count() == 2  # accept and review; nothing else changed
    client.force_login(w.reviewer)  # not a head: no extension form, and no extension
    page = html_of(client.get(reverse("cases:case", args=[case.number])))
    assert url not in page
    response = client.post(url, {f"extend-{case.pk}-days": "1", f"extend-{case.pk}-reason": "x"})
    assert response.status_code == 403


def test_a_village_point_forwards_an_application_to_the_centre(client, w, today):
    point = ServiceCentreFactory(
        division=w.centre.division, name="兴盛村代办点", kind="village_point"
    )
    agent = StaffFactory(
        department=w.clerk.department, service_centre=point, roles=[Role.VILLAGE_AGENT]
    )
    case = services.case_submit(
        actor=agent, applicant=w.citizen, power=w.joint, idempotency_key="v1", files=[pdf()]
    ).case
    assert case.handling_centre is None
    client.force_login(w.clerk)
    assert f'id="intake-{case.pk}"' not in html_of(client.get(reverse("cases:intake")))

    client.force_login(agent)
    html = html_of(client.get(reverse("cases:intake")))
    forward = reverse("cases:action", args=[case.number, "forward"])
    assert forward in html and reverse("cases:action", args=[case.number, "accept"]) not in html
    response = client.post(forward, {"from": "intake"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "多伦县行政服务中心" in html_of(response)
    case.refresh_from_db()
    assert (case.handling_centre, case.forwarded_on, case.received_on) == (w.centre, DAY, DAY)

    client.force_login(w.clerk)
    assert f'id="intake-{case.pk}"' in html_of(client.get(reverse("cases:intake")))


def test_an_htmx_action_after_the_session_ended_loads_the_login_page(client, w, today):
    case = submit(w).case
    url = reverse("cases:action", args=[case.number, "accept"])
    page = reverse("cases:case", args=[case.number])
    current = f"http://testserver{page}"
    response = client.post(url, {}, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=current)
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{reverse('login')}?next=%2Fcases%2F{case.number}%2F"
    assert client.post(url, {}).status_code == 302  # without htmx, the usual redirect
    case.refresh_from_db()
    assert case.status == "submitted"

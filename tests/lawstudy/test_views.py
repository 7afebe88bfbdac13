"""The staff pages, the exports, the API and the command: who may see and do what."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CitizenFactory
from tests.lawstudy.world import id_number
from zhengwu.common.identity import mask_id_number
from zhengwu.lawstudy import services
from zhengwu.lawstudy.models import ExamParticipation, StudySession

D = datetime.date


def _participation(w):
    # finance 39/40 = 97.5 %; school 20/25 = 80.0 % (below 95); housing 30/30 = 100 %.
    for unit, e, p in ((w.finance_unit, 40, 39), (w.school, 25, 20), (w.housing_unit, 30, 30)):
        ExamParticipation.objects.create(
            exam=w.exam, unit=unit, eligible=e, participants=p, passed=p
        )


def test_the_pages_need_a_staff_login(client, w):
    url = reverse("lawstudy:exams")
    assert client.get(url).status_code == 302
    client.force_login(CitizenFactory())
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("name", ["home", "sessions", "courses", "units", "exams"])
def test_every_register_opens_for_the_staff(client, w, name):
    client.force_login(w.finance_clerk)
    response = client.get(reverse(f"lawstudy:{name}"))
    assert response.status_code == 200
    assert "学法用法" in response.content.decode() or name != "home"


def test_the_exam_page_sorts_by_rate_and_highlights_units_under_the_threshold(client, w):
    _participation(w)
    client.force_login(w.supervisor)
    page = client.get(reverse("lawstudy:exam", args=[w.exam.pk]), {"sort": "rate"}).content.decode()
    # Ascending by rate: the school (80.0), finance (97.5), housing (100.0).
    positions = [
        page.index(name) for name in ("多伦县第一中学", "多伦县财政局", "多伦县住房和城乡建设局")
    ]
    assert positions == sorted(positions)
    assert "80.0%" in page and "97.5%" in page
    assert page.count('class="ls-low"') == 1  # only the school is under 95 %
    assert "低于标准" in page
    # 89 of 95 = 93.68… → 93.7 overall.
    assert "93.7%" in page
    page = client.get(
        reverse("lawstudy:exam", args=[w.exam.pk]), {"sort": "-rate"}
    ).content.decode()
    assert page.index("多伦县住房和城乡建设局") < page.index("多伦县第一中学")


def test_a_units_clerk_enters_their_own_units_participation_not_anothers(client, w):
    client.force_login(w.finance_clerk)
    url = reverse("lawstudy:exam_participation", args=[w.exam.pk])
    data = {"p-unit": w.finance_unit.pk, "p-eligible": 40, "p-participants": 41, "p-passed": 30}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "参考人数不能多于应考人数" in response.content.decode()
    data["p-participants"] = 39
    assert client.post(url, data).status_code == 302
    assert ExamParticipation.objects.get(unit=w.finance_unit).participants == 39
    # Another unit is not among the clerk's choices.
    data["p-unit"] = w.housing_unit.pk
    response = client.post(url, data)
    assert response.status_code == 400
    assert not ExamParticipation.objects.filter(unit=w.housing_unit).exists()


def test_only_the_legal_office_records_sessions(client, w):
    data = {"kind": "central_group", "held_on": "2025-03-13", "topic": "学习《行政复议法》",
            "attendee_count": "28"}  # fmt: skip
    client.force_login(w.finance_clerk)
    assert client.post(reverse("lawstudy:sessions"), data).status_code == 403
    client.force_login(w.legal)
    response = client.post(reverse("lawstudy:sessions"), {**data, "held_on": "2099-01-01"})
    assert response.status_code == 400 and "不能" in response.content.decode()
    assert client.post(reverse("lawstudy:sessions"), data).status_code == 302
    session = StudySession.objects.get()
    assert session.attendee_count == 28
    page = client.get(reverse("lawstudy:sessions"), {"year": 2025, "kind": "central_group"})
    assert "学习《行政复议法》" in page.content.decode()
    page = client.get(reverse("lawstudy:sessions"), {"year": 2024})
    assert "学习《行政复议法》" not in page.content.decode()


def test_results_show_masked_id_numbers_and_flag_failures(client, w):
    services.result_record(
        actor=w.legal, exam=w.exam, full_name="张三", id_number=id_number(21),
        unit=w.finance_unit, score=45,
    )  # fmt: skip
    services.result_record(
        actor=w.legal, exam=w.exam, full_name="李四", id_number=id_number(22),
        unit=w.housing_unit, score=90,
    )  # fmt: skip
    client.force_login(w.legal)
    page = client.get(reverse("lawstudy:exam", args=[w.exam.pk])).content.decode()
    assert id_number(21) not in page and mask_id_number(id_number(21)) in page
    assert "不合格" in page
    # The finance clerk sees only their unit's people.
    client.force_login(w.finance_clerk)
    page = client.get(reverse("lawstudy:exam", args=[w.exam.pk])).content.decode()
    assert "张三" in page and "李四" not in page


def test_another_countys_exam_is_not_found(client, w):
    client.force_login(w.outsider)
    assert client.get(reverse("lawstudy:exam", args=[w.exam.pk])).status_code == 404
    response = client.get(f"/api/lawstudy/exams/{w.exam.pk}")
    assert response.status_code == 404


def test_the_exam_export_has_the_table_with_totals_and_masked_results(client, w):
    _participation(w)
    services.result_record(
        actor=w.legal, exam=w.exam, full_name="张三", id_number=id_number(23), score=75
    )
    client.force_login(w.legal)
    response = client.get(reverse("lawstudy:exam_export", args=[w.exam.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "单位性质", "应考人数")
    assert rows[-1][2:6] == (95, 89, 89, 93.7)
    results = list(book.worksheets[1].iter_rows(values_only=True))
    assert results[1][0] == "张三" and results[1][1] == mask_id_number(id_number(23))
    template = client.get(reverse("lawstudy:export", args=["participation"]))
    headers = next(load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True))
    assert headers == ("单位", "应考人数", "参考人数", "合格人数")


def test_the_api_lists_participation_and_takes_a_units_figures(client, w):
    _participation(w)
    client.force_login(w.housing_clerk)
    rows = client.get(f"/api/lawstudy/exams/{w.exam.pk}/participation?sort=-rate").json()
    assert [r["participation_rate"] for r in rows] == [100.0, 97.5, 80.0]
    exam = client.get(f"/api/lawstudy/exams/{w.exam.pk}").json()
    assert (exam["eligible"], exam["participants"], exam["participation_rate"]) == (95, 89, 93.7)
    url = f"/api/lawstudy/exams/{w.exam.pk}/participation"
    body = {"unit_id": w.housing_unit.pk, "eligible": 30, "participants": 29, "passed": 29,
            "version": 1}  # fmt: skip
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == 2
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 409  # the version read is stale now
    body = {**body, "unit_id": w.school.pk, "version": None}
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    figures = client.get("/api/lawstudy/figures?year=2025").json()
    assert figures["examinees"] == 88 and figures["exam_units"] == 3


def test_the_stats_command_prints_the_figures(w):
    _participation(w)
    out = io.StringIO()
    call_command("lawstudy", "stats", "--year", "2025", "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["eligible"] == 95 and figures["exam_participation_rate"] == 93.7
    out = io.StringIO()
    call_command("lawstudy", "stats", "--year", "2025", stdout=out)
    assert "参考率 93.7%" in out.getvalue()


def test_the_legal_office_corrects_a_session_on_its_page(client, w):
    session = services.session_record(
        actor=w.legal, division=w.county, kind="central_group", held_on=D(2025, 3, 13),
        topic="学习《行政复议法》", attendee_count=28,
    )  # fmt: skip
    url = reverse("lawstudy:session", args=[session.pk])
    client.force_login(w.finance_clerk)
    page = client.get(url).content.decode()
    assert "学习《行政复议法》" in page and "更正" not in page
    assert client.post(url, {"c-topic": "x"}).status_code == 403
    client.force_login(w.legal)
    data = {"c-kind": "central_group", "c-held_on": "2025-03-13", "c-topic": "学习《行政复议法》",
            "c-attendee_count": "30", "c-reason": ""}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    session.refresh_from_db()
    assert session.attendee_count == 28
    assert client.post(url, {**data, "c-reason": "按签到表更正"}).status_code == 302
    session.refresh_from_db()
    assert session.attendee_count == 30


def test_the_stats_command_refuses_a_bad_year_or_division(w):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="error: 1999"):
        call_command("lawstudy", "stats", "--year", "1999")
    with pytest.raises(CommandError, match="no division"):
        call_command("lawstudy", "stats", "--year", "2025", "--division", "999")


def test_the_back_office_shows_the_registers_read_only(client, w):
    from tests.factories import StaffFactory
    from zhengwu.org.roles import Role

    admin = StaffFactory(department=w.office, roles=[Role.ADMINISTRATOR], is_staff=True,
                         is_superuser=True)  # fmt: skip
    client.force_login(admin)
    url = reverse("admin:lawstudy_exam_change", args=[w.exam.pk])
    page = client.get(url)
    assert page.status_code == 200 and w.exam.title in page.content.decode()
    assert client.get(reverse("admin:lawstudy_exam_add")).status_code == 403
    assert client.get(reverse("admin:lawstudy_examresult_changelist")).status_code == 200

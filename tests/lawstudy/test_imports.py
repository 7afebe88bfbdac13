"""Importing per-unit participation and individual results from XLSX: all rows or none, each
bad row named with its column, in Chinese."""

import io

import pytest
from django.urls import reverse

from tests.lawstudy.world import id_number, xlsx
from zhengwu.common.models import AuditEvent
from zhengwu.lawstudy import imports, services
from zhengwu.lawstudy.models import ExamParticipation, ExamResult

HEADERS = ["单位", "应考人数", "参考人数", "合格人数"]


def test_a_good_sheet_saves_every_row_in_one_audited_import(w):
    sheet = xlsx(HEADERS, [
        ["多伦县财政局", 40, 39, 37],
        ["多伦县第一中学", 25, 25, 24],
        [None, None, None, None],  # blank rows are skipped
        ["多伦县住房和城乡建设局", 30, 30, 30],
    ])  # fmt: skip
    rows = imports.read_sheet(sheet, "participation")
    assert [r["row"] for r in rows] == [2, 3, 5]
    assert services.participation_import(actor=w.legal, exam=w.exam, rows=rows) == 3
    saved = {
        p.unit.name: (p.eligible, p.participants, p.passed) for p in ExamParticipation.objects.all()
    }
    assert saved == {
        "多伦县财政局": (40, 39, 37),
        "多伦县第一中学": (25, 25, 24),
        "多伦县住房和城乡建设局": (30, 30, 30),
    }
    event = AuditEvent.objects.get(action="lawstudy_participation_import")
    assert event.detail == {"rows": 3, "new": 3, "replaced": 0} and event.actor == w.legal


def test_a_bad_row_saves_nothing_and_names_the_row_and_the_column(w):
    ExamParticipation.objects.create(
        exam=w.exam, unit=w.school, eligible=25, participants=20, passed=20
    )
    sheet = xlsx(["参考人数", "单位", "合格人数", "应考人数"], [  # columns in any order
        [39, "多伦县财政局", 37, 40],
        [31, "多伦县第一中学", 30, 30],  # more sat than required
        [10, "多伦县第九中学", 10, 10],  # no such unit
        ["十", "多伦县住房和城乡建设局", 5, 12],  # not a number
    ])  # fmt: skip
    rows = imports.read_sheet(sheet, "participation")
    with pytest.raises(services.ImportRejected) as error:
        services.participation_import(actor=w.legal, exam=w.exam, rows=rows)
    found = {(e.row, e.column) for e in error.value.errors}
    assert found == {(3, "参考人数"), (4, "单位"), (5, "参考人数")}
    messages = [str(e) for e in error.value.errors]
    assert any(m.startswith("第3行，参考人数：") and "不能多于应考人数" in m for m in messages)
    assert any("第4行" in m and "多伦县第九中学" in m for m in messages)
    # Nothing saved: not the good row 2, nor the change to the school's row.
    assert ExamParticipation.objects.count() == 1
    assert ExamParticipation.objects.get(unit=w.school).participants == 20
    assert not AuditEvent.objects.filter(action="lawstudy_participation_import").exists()


def test_a_unit_clerk_may_import_only_their_units_row(w):
    sheet = xlsx(HEADERS, [["多伦县财政局", 40, 40, 40], ["多伦县第一中学", 25, 25, 25]])
    rows = imports.read_sheet(sheet, "participation")
    with pytest.raises(services.ImportRejected) as error:
        services.participation_import(actor=w.finance_clerk, exam=w.exam, rows=rows)
    assert [(e.row, e.column) for e in error.value.errors] == [(3, "单位")]
    assert services.participation_import(actor=w.finance_clerk, exam=w.exam, rows=rows[:1]) == 1


def test_a_missing_column_or_a_file_that_is_no_workbook_is_refused(w):
    with pytest.raises(services.ImportRejected) as error:
        imports.read_sheet(
            xlsx(["单位", "应考人数", "合格人数"], [["多伦县财政局", 1, 1]]), "participation"
        )
    assert [e.column for e in error.value.errors] == ["参考人数"]
    with pytest.raises(services.ImportRejected) as error:
        imports.read_sheet(io.BytesIO(b"not a workbook"), "participation")
    assert "xlsx" in str(error.value.errors[0])


def test_results_import_checks_id_numbers_scores_and_duplicates(w):
    good = id_number(11)
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    sheet = xlsx(["姓名", "身份证号", "单位", "成绩"], [
        ["张三", good, "多伦县财政局", 88],
        ["李四", bad_check, "多伦县财政局", 70],
        ["王五", good, "", 75],  # the same person as row 2
        ["赵六", id_number(12), "", 120],
        ["", id_number(13), "", ""],
    ])  # fmt: skip
    rows = imports.read_sheet(sheet, "results")
    with pytest.raises(services.ImportRejected) as error:
        services.results_import(actor=w.legal, exam=w.exam, rows=rows)
    found = {(e.row, e.column) for e in error.value.errors}
    assert found == {(3, "身份证号"), (4, "身份证号"), (5, "成绩"), (6, "姓名"), (6, "成绩")}
    assert not ExamResult.objects.exists()
    saved = services.results_import(actor=w.legal, exam=w.exam, rows=rows[:1])
    assert [(r.full_name, r.passed, r.unit) for r in saved] == [("张三", True, w.finance_unit)]


def test_the_upload_page_lists_the_bad_rows_in_chinese_and_saves_nothing(client, w):
    client.force_login(w.legal)
    sheet = xlsx(HEADERS, [["多伦县财政局", 40, 39, 37], ["多伦县第一中学", 25, 26, 24]])
    response = client.post(
        reverse("lawstudy:exam_import", args=[w.exam.pk]),
        {"i-what": "participation", "i-sheet": sheet},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "第3行，参考人数：" in page and "没有保存任何数据" in page
    assert not ExamParticipation.objects.exists()
    good = xlsx(HEADERS, [["多伦县财政局", 40, 39, 37]])
    response = client.post(
        reverse("lawstudy:exam_import", args=[w.exam.pk]),
        {"i-what": "participation", "i-sheet": good},
    )
    assert response.status_code == 302
    assert ExamParticipation.objects.get().participants == 39

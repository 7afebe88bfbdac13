"""The annual disclosure report: section 2 from the published items and the fee records, the
files, and the command."""

from __future__ import annotations

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from tests.disclosure.office import build_office
from zhengwu.disclosure import services
from zhengwu.disclosure.annual_report import disclosure_report
from zhengwu.disclosure.models import Category, Item
from zhengwu.disclosure.report_files import report_docx, report_xlsx

D = datetime.date
pytestmark = pytest.mark.django_db


def _publish(o, code, title, *, made, on, **extra):
    item = services.item_draft(
        actor=o.drafter, department=o.office,
        category=Category.objects.get(division=o.county, code=code), title=title, body=title,
        created_on=made, **extra,
    )  # fmt: skip
    services.item_submit(actor=o.drafter, item=item)
    return services.item_review(actor=o.reviewer, item=item, approve=True, on=on)


@pytest.fixture
def office():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, 0), tick=False):
        o = build_office()
        # Normative documents (01.02): two issued in 2025, one of them repealed in 2026; three
        # issued in 2026, one of them later withdrawn from the portal.
        _publish(o, "01.02", "甲", made=D(2025, 3, 2), on=D(2025, 3, 10), validity="valid")
        old = _publish(o, "01.02", "乙", made=D(2025, 5, 6), on=D(2025, 5, 12), validity="valid")
        Item.objects.filter(pk=old.pk).update(validity="repealed", valid_to=D(2026, 6, 30))
        _publish(o, "01.02", "丙", made=D(2026, 2, 2), on=D(2026, 2, 9), validity="valid")
        _publish(o, "01.02", "丁", made=D(2026, 4, 1), on=D(2026, 4, 8), validity="valid")
        gone = _publish(o, "01.02", "戊", made=D(2026, 9, 1), on=D(2026, 9, 8), validity="valid")
        services.item_withdraw(actor=o.drafter, item=gone, reason="错发")
        # A rule (01.01) and two service items in 2026, one of them late (made 24 September,
        # limit 29 October, published 30 October).
        _publish(o, "01.01", "规章", made=D(2026, 1, 5), on=D(2026, 1, 6), kind="service")
        _publish(o, "05.02", "指南", made=D(2026, 9, 24), on=D(2026, 10, 30), kind="service")
        yield o


def test_section_2_counts_the_published_documents_by_hand(office):
    report = disclosure_report(office.county, 2026)
    assert report.proactive["normative_documents"] == {"issued": 3, "repealed": 1, "in_force": 3}
    # In force on 31 December 2026: 甲, 丙, 丁 (乙 repealed on 30 June, 戊 withdrawn).
    assert report.proactive["rules"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert report.publication["published_in_year"] == 5  # 丙 丁 戊 规章 指南
    assert report.publication["service_items"] == 2
    assert report.publication["late"] == 1
    # 2025: two issued, both in force at its end.
    earlier = disclosure_report(office.county, 2025)
    assert earlier.proactive["normative_documents"] == {"issued": 2, "repealed": 0, "in_force": 2}


def test_another_module_can_supply_a_figure(office, monkeypatch):
    from zhengwu.disclosure import annual_report

    monkeypatch.setitem(
        annual_report._FIGURES, "penalty", lambda division, year: 17 if year == 2026 else 0
    )
    assert disclosure_report(office.county, 2026).proactive["penalty"] == 17
    assert disclosure_report(office.county, 2025).proactive["penalty"] == 0


def test_the_docx_and_xlsx_carry_the_sections_and_the_figures(office):
    report = disclosure_report(office.county, 2026, notes={"problems": "政策解读形式单一。"})
    doc = Document(io.BytesIO(report_docx(report)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2026年政府信息公开工作年度报告" in text
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    ):
        assert heading in text
    assert "政策解读形式单一。" in text
    first = doc.tables[0]
    assert [c.text for c in first.rows[2].cells] == ["行政规范性文件", "3", "1", "3"]
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["行政规范性文件", 3, 1, 3] in rows


def test_the_command_prints_json_and_refuses_bad_input(office, tmp_path, capsys):
    call_command("report", "disclosure", "--year", "2026")
    data = json.loads(capsys.readouterr().out)
    assert data["proactive"]["normative_documents"]["issued"] == 3
    assert data["requests"]["check"]["ok"] is True
    with pytest.raises(CommandError, match="needs --output"):
        call_command("report", "disclosure", "--year", "2026", "--format", "docx")
    with pytest.raises(CommandError, match="year"):
        call_command("report", "disclosure", "--year", "20x6")
    target = tmp_path / "report.docx"
    call_command("report", "disclosure", "--year", "2026", "--format", "docx", "--output",
                 str(target))  # fmt: skip
    assert Document(str(target)).paragraphs


def test_publishing_the_report_puts_it_in_the_catalog_once(office):
    with time_machine.travel(datetime.datetime(2027, 1, 20, 9, 0), tick=False):
        call_command("report", "disclosure", "--year", "2026", "--publish")
        call_command("report", "disclosure", "--year", "2026", "--publish")
    published = Item.objects.filter(category__code="22.01", status="published")
    assert published.count() == 1
    item = published.get()
    assert item.title == "多伦县2026年政府信息公开工作年度报告"
    assert item.published_on == D(2027, 1, 20) and item.department == office.office
    assert item.source_type == "reports.disclosure"


def test_a_report_published_again_later_shows_the_later_dates(office):
    with time_machine.travel(datetime.datetime(2027, 1, 20, 9, 0), tick=False):
        call_command("report", "disclosure", "--year", "2026", "--publish")
    with time_machine.travel(datetime.datetime(2027, 3, 2, 9, 0), tick=False):
        call_command("report", "disclosure", "--year", "2026", "--publish")
    item = Item.objects.get(category__code="22.01")
    assert (item.created_on, item.published_on) == (D(2027, 3, 2), D(2027, 3, 2))
    assert item.index_number.endswith("/2027-00001")

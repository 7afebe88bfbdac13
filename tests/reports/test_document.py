"""The annual report's generated sentences (figures built by hand) and its DOCX (GB/T 9704-2012
layout, read back with python-docx) for a year of factory-built cases."""

from __future__ import annotations

import copy
import datetime
import re
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.cases.world import build_world
from zhengwu.cases.models import Case
from zhengwu.reports import narrative
from zhengwu.reports.document import headings, write_annual_report

D = datetime.date

# Figures as annual_figures gives them, every one chosen by hand (the seed's where it has one).
FIGURES = {
    "year": 2012,
    "division": "152531000000",
    "cases": {"accepted": 4300, "completed": 4284, "completion_rate": 99.6, "promised": 3718,
              "instant": 582},
    "service_centre": {"departments": 29, "matters": 334, "accepted_to_date": 42756,
                       "completed_to_date": 41473, "completion_rate_to_date": 97.0,
                       "township_halls_accepted_to_date": 2280, "service_points": 64},
    "catalog": {"licensing": 257, "other_approval": 56, "public_service": 21, "fee": 98,
                "total": 432},
    "enforcement": {
        "bodies": {"statutory": 10, "authorised": 9, "entrusted": 9},
        "acts": {"penalty": 903, "confirmation": 29, "compulsion": 44, "levy": 29, "ruling": 10,
                 "other": 34, "total": 1049},
        "laws": 352,
    },
    "normative_documents": {"reviewed": 2, "filed": 2, "filing_rate": 100.0,
                            "cleanup_inconsistent": 1, "cleanup_amend": 1},
    "contracts_reviewed": 59,
    "proposals": {"deputies": 47, "cppcc": 56, "reply_rate": 100.0},
    "disputes": {"found": 420, "mediated": 419, "success_rate": 99.8},
    "disclosure": {"published_to_date": 10277, "service_items": 336, "disclosure_items": 740,
                   "requests": 3},
    "training": {"study_sessions": 12, "trained": 1176, "exam_units": 115, "examinees": 3012,
                 "exam_participation_rate": 99.8},
    "reconsideration": {"received": 0, "decided": 0},
    "litigation": {"received": 0, "decided": 0},
}  # fmt: skip


def figures(**changes) -> dict:
    out = copy.deepcopy(FIGURES)
    for dotted, value in changes.items():
        *path, last = dotted.split("__")
        node = out
        for part in path:
            node = node[part]
        node[last] = value
    return out


# --- the sentences ----------------------------------------------------------------------------


def test_the_rate_is_printed_with_one_decimal_and_without_a_trailing_zero():
    assert [narrative.rate(v) for v in (99.6, 97.0, 100.0, 66.7, 0.0, None)] == [
        "99.6", "97", "100", "66.7", "0", None,
    ]  # fmt: skip


def test_the_cases_sentence():
    assert narrative.cases_sentence(FIGURES) == (
        "据统计,今年通过审批软件系统开展业务的单位服务窗口共累计受理各类审批事项4300件,"
        "办结4284件,办结率为99.6%,其中承诺件3718件,即办件582件。"
    )


def test_a_rate_that_is_none_leaves_its_clause_out():
    text = narrative.cases_sentence(figures(cases__accepted=0, cases__completed=0,
                                            cases__completion_rate=None))  # fmt: skip
    assert "受理各类审批事项0件,办结0件,其中承诺件" in text
    assert "办结率" not in text and "None" not in text
    for sentence, change in [
        (narrative.service_centre_sentence, {"service_centre__completion_rate_to_date": None}),
        (narrative.normative_documents_sentence, {"normative_documents__filing_rate": None}),
        (narrative.proposals_sentence, {"proposals__reply_rate": None}),
        (narrative.disputes_sentence, {"disputes__success_rate": None}),
        (narrative.exam_sentence, {"training__exam_participation_rate": None}),
    ]:
        text = sentence(figures(**change))
        assert "None" not in text and "%" not in text, text


def test_the_service_centre_and_township_sentences():
    assert narrative.service_centre_sentence(FIGURES) == (
        "目前已有29个部门的334项事项入驻服务中心办理。截至目前大厅共受理各类审批(服务)事项"
        "42756件,办结41473件,办结率97%。"
    )
    assert narrative.township_sentence(FIGURES) == (
        "具有代表性和可操作性的便民服务点达到64个。截至目前全县各乡镇便民服务大厅受理2280件。"
    )


def test_the_disclosure_and_catalog_sentences():
    assert narrative.disclosure_sentence(FIGURES) == (
        "截至目前,公布政府信息10277条。今年共发布政务服务信息336条,政务公开信息740条,"
        "受理政府信息公开申请3件。"
    )
    assert narrative.catalog_sentence(FIGURES) == (
        "经梳理审查,确定需继续实施的行政许可项目257项,非行政许可审批项目56项,行政服务项目21项,"
        "行政事业性收费项目98项,总计432项。"
    )


def test_the_enforcement_sentence():
    assert narrative.enforcement_sentence(FIGURES) == (
        "经清理,审核确认10个法定行政机关、9个法律法规授权执法机构、9个行政机关委托执法机构的"
        "行政行为共1049项。其中,行政处罚903项,行政确认29项,行政强制44项,行政征收29项,"
        "行政裁决10项,其他具体行政行为34项,各行政执法部门执行的法律、法规、规章总计352部。"
    )


def test_the_normative_documents_contracts_and_proposals_sentences():
    assert narrative.normative_documents_sentence(FIGURES) == (
        "今年,县政府法制办受理备案审查的规范性文件2件,按照报送备案要求报备2件,报备率100%。"
        "在清理过程中,发现与法律、法规、规章和上级政府的规范性文件不一致的1件,建议修订1件。"
    )
    assert narrative.decisions_sentence(FIGURES) == (
        "今年审查政府合同59件,内容涉及项目开发、工程建设等方面。"
    )
    assert narrative.proposals_sentence(FIGURES) == (
        "共办理人大代表建议、批评和意见47件,政协委员提案56件,意见建议、提案办理答复率100%。"
    )


def test_the_disputes_training_and_exam_sentences():
    assert narrative.disputes_sentence(FIGURES) == (
        "全年共排查出各类矛盾纠纷420件,调处419件,调解成功率99.8%。"
    )
    assert narrative.training_sentence(FIGURES) == (
        "全年组织领导干部集中学法12期,举办依法行政和法律知识培训班,培训1176人次。"
    )
    assert narrative.exam_sentence(FIGURES) == (
        "全县115个单位参加了2012年度普法考试,3012人参加了考试,参考率达99.8%。"
    )


def test_the_reconsideration_sentence_with_and_without_cases():
    assert narrative.reconsideration_sentence(FIGURES).endswith("全年无行政复议和应诉案件。")
    text = narrative.reconsideration_sentence(
        figures(reconsideration__received=3, reconsideration__decided=2, litigation__received=1)
    )
    assert "全年共受理行政复议案件3件,审结2件;行政应诉案件1件,审结0件。" in text
    assert "全年无" not in text


def test_every_figure_group_is_printed_by_some_section():
    groups = {fn.__name__ for fns in narrative.SECTION_SENTENCES.values() for fn in fns}
    assert len(groups) == 13
    assert narrative.section_sentences("pilot", FIGURES) == []


# --- the document ---------------------------------------------------------------------------


def _case(world, n, version, *, completed: bool, year: int = 2026):
    case = Case.objects.create(
        number=f"152531{year}0000{n:04d}", query_digest="-", power_version=version,
        department=version.department, applicant=world.citizen, submitted_by=world.clerk,
        channel="county_window", service_centre=world.centre, idempotency_key=f"r{n}",
        received_on=D(year, 3, n), materials_complete_on=D(year, 3, n),
        handling_centre=world.centre, status="accepted", accepted_on=D(year, 3, n),
    )  # fmt: skip
    if completed:
        Case.objects.filter(pk=case.pk).update(status="completed", decision="approve",
                                               decided_on=D(year, 3, 20),
                                               completed_on=D(year, 3, 20))  # fmt: skip
    return case


@pytest.fixture
def report(db, tmp_path):
    """A county with three cases accepted in 2026 (two promised, one instant), two completed;
    its report written and read back."""
    world = build_world()
    _case(world, 2, world.simple.current, completed=True)
    _case(world, 3, world.instant.current, completed=True)
    _case(world, 4, world.simple.current, completed=False)
    county = world.centre.division
    path = write_annual_report(division=county, year=2026, path=tmp_path / "report.docx")
    return Document(str(path)), county


def _east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def _paragraph_with(doc, text: str):
    return next(p for p in doc.paragraphs if text in p.text)


def test_the_page_is_a4_with_the_official_margins(report):
    doc, _county = report
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    for margin, mm in [("top_margin", 37), ("bottom_margin", 35), ("left_margin", 28),
                       ("right_margin", 26)]:  # fmt: skip
        assert abs(getattr(section, margin).mm - mm) < 0.5, margin


def test_the_grid_has_22_lines_of_28_characters(report):
    doc, _county = report
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    line_pitch = int(grid.get(qn("w:linePitch"))) / 20  # pt
    text_height = (297 - 37 - 35) / 25.4 * 72
    assert int(text_height // line_pitch) == 22
    spacing = doc.styles["Normal"].element.rPr.find(qn("w:spacing"))
    char_pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    text_width = (210 - 28 - 26) / 25.4 * 72
    assert int(text_width // char_pitch) == 28
    body = _paragraph_with(doc, "依法行政工作摆在突出的位置")
    assert abs(body.paragraph_format.line_spacing.pt - 28.95) < 0.05


def test_the_title_is_22pt_xiaobiaosong_and_the_body_16pt_fangsong(report):
    doc, county = report
    title = _paragraph_with(doc, f"{county.name}2026年度推进依法行政工作情况的报告")
    assert title.runs[0].font.size.pt == 22
    assert _east_asian(title.runs[0]) == "方正小标宋简体"
    body = _paragraph_with(doc, "依法行政工作摆在突出的位置")
    assert body.runs[0].font.size.pt == 16
    assert _east_asian(body.runs[0]) == "仿宋_GB2312"
    work = _paragraph_with(doc, "一、工作情况")
    assert _east_asian(work.runs[0]) == "黑体"
    sub = _paragraph_with(doc, "(三)行政审批制度改革情况")
    assert _east_asian(sub.runs[0]) == "楷体_GB2312"


def test_the_footer_has_a_page_field_between_dashes_in_14pt_songti(report):
    doc, _county = report
    section = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in [(section.footer, "right"), (section.even_page_footer, "left")]:
        p = footer.paragraphs[0]
        xml = p._element.xml
        assert "PAGE" in "".join(t.text for t in p._element.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert {r.font.size.pt for r in p.runs} == {14}
        assert {_east_asian(r) for r in p.runs} == {"宋体"}
        assert p.alignment is not None and p.alignment.name.lower() == align


def test_the_document_number_headings_addressees_and_signature(report):
    doc, county = report
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"{county.name[:1]}政发〔2027〕1号"
    assert f"{county.name}人大常委会:" in [t[-len(county.name) - 6 :] for t in texts]
    found = [t for t in texts if t in headings()]
    assert found == headings()
    assert found[0] == "一、工作情况" and found[-2:] == ["二、主要问题", "三、下一步工作打算"]
    assert found[1] == "(一)依法行政认识和领导情况" and found[10] == "(十)依法行政保障情况"
    assert texts[-2] == f"{county.name}人民政府"
    assert "年" in texts[-1] and texts[-1].endswith("日")


def test_the_generated_sentences_carry_the_figures_of_the_records(report):
    doc, _county = report
    text = "\n".join(p.text for p in doc.paragraphs)
    # 3 accepted at the county centre in 2026, 2 completed: 2 / 3 = 66.7 %; one instant matter.
    assert "受理各类审批事项3件,办结2件,办结率为66.7%,其中承诺件2件,即办件1件。" in text
    # No dispute, contract or document on record: zeros and no rate.
    assert "全年共排查出各类矛盾纠纷0件,调处0件。" in text
    assert "None" not in text


def test_without_a_draft_argument_the_years_approved_draft_is_written(db, tmp_path, settings):
    """What ``zhengwu report annual --out`` writes once the office has approved its text."""
    from tests.reports.test_drafts import make_world
    from zhengwu.reports import services
    from zhengwu.reports.models import Section

    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world()
    draft = services.annual_report_create(actor=world.legal, division=world.county, year=2012)
    block = draft.blocks.get(section=Section.PILOT, order=1)
    services.report_block_edit(actor=world.legal, block=block, text="试点工作通过验收。", version=1)
    services.annual_report_update(actor=world.legal, draft=draft, version=2,
                                  document_number="多政发〔2013〕5号")  # fmt: skip
    draft = services.annual_report_submit(actor=world.legal, draft=draft, version=3)
    services.annual_report_approve(actor=world.legal2, draft=draft, version=4)
    path = write_annual_report(division=world.county, year=2012, path=tmp_path / "out.docx")
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert texts[0] == "多政发〔2013〕5号"
    assert "试点工作通过验收。" in texts


_RENDERERS = ("soffice", "pdftotext", "pdfinfo")


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in _RENDERERS),
    reason="LibreOffice and poppler-utils are not installed",
)
def test_libreoffice_lays_it_out_as_an_official_document(db, tmp_path):
    """Rendered by LibreOffice: A4 pages of 22 lines of 28 characters, numbered — 1 —."""
    world = build_world()
    for number in range(2, 12):
        _case(world, number, world.simple.current, completed=number % 3 != 0)
    county = world.centre.division
    path = write_annual_report(division=county, year=2026, path=tmp_path / "report.docx")
    tool = {name: shutil.which(name) for name in _RENDERERS}
    subprocess.run(
        [tool["soffice"], "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "report.pdf"
    info = subprocess.run([tool["pdfinfo"], str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    text = subprocess.run(
        [tool["pdftotext"], "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    widths, lines_per_page = [], []
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert re.fullmatch(rf"—\s*{number}\s*—", lines[-1]), lines[-1]
        lines_per_page.append(len(lines) - 1)
        widths += [sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5
                       for c in line if c != " ") for line in lines[:-1]]  # fmt: skip
    # Every full page (not the first with its title block, not the last) holds 22 lines.
    assert set(lines_per_page[1:-1]) == {22}, lines_per_page
    # The longest lines hold 28 characters (a half-width character counted as half).
    assert 27.5 <= max(widths) <= 28.5, sorted(widths)[-5:]

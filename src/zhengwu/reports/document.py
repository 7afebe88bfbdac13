"""The annual report on law-based administration as a Word document in the official document
format (GB/T 9704-2012).

Page: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines of 28 characters
(the section's document grid, lines at a fixed 28.95 pt). Title in 2号 (22 pt) 方正小标宋简体;
body 3号 (16 pt) 仿宋_GB2312; first-level headings (一、) in 黑体, second-level ((一)) in
楷体_GB2312; page numbers in 4号 (14 pt) 宋体 as "— 1 —", odd pages on the right, even pages on
the left, one character in from the edge. East Asian font names are set through ``w:eastAsia``
so that Word and LibreOffice use them for Chinese text.

The paragraphs are the draft's narrative blocks (or the default blocks, without a draft); each
section's quantitative sentences follow its blocks, made from the figures at generation time.
"""

from __future__ import annotations

import datetime
import io
import math
from pathlib import Path

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from zhengwu.reports import narrative
from zhengwu.reports.defaults import default_blocks
from zhengwu.reports.models import WORK_SECTIONS, Section

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE = 22, 16, 14
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_PT = 28.95
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

CHINESE_NUMERALS = "一二三四五六七八九十"
PART_HEADINGS = {"work": "工作情况", "problems": "主要问题", "plans": "下一步工作打算"}
SUB_HEADINGS = {
    Section.AWARENESS: "依法行政认识和领导情况",
    Section.INSTITUTIONS: "制度建设情况",
    Section.APPROVAL: "行政审批制度改革情况",
    Section.DISCLOSURE: "贯彻《政府信息公开条例》情况",
    Section.COMPULSION: "贯彻《行政强制法》情况",
    Section.NORMATIVE_DOCUMENTS: "规范性文件管理情况",
    Section.ENFORCEMENT: "行政执法情况",
    Section.RECONSIDERATION: "行政复议和行政应诉情况",
    Section.PILOT: "依托电子政务平台加强政务公开和政务服务试点工作情况",
    Section.GUARANTEES: "依法行政保障情况",
}


def headings() -> list[str]:
    """Every heading of the report in document order."""
    out = [f"一、{PART_HEADINGS['work']}"]
    out += [f"({CHINESE_NUMERALS[i]}){SUB_HEADINGS[s]}" for i, s in enumerate(WORK_SECTIONS)]
    return [*out, f"二、{PART_HEADINGS['problems']}", f"三、{PART_HEADINGS['plans']}"]


# --- the frame of a report without a draft ---------------------------------------------------


def default_document_number(division, year: int) -> str:
    return f"{division.name[:1]}政发〔{year + 1}〕1号"


def league_name(division) -> str:
    return division.parent.name if division.parent_id else ""


def default_addressees(division) -> str:
    league = league_name(division)
    office = f"{league}行政公署办公厅、" if league else ""
    return f"{office}{division.name}人大常委会"


def default_signatory(division) -> str:
    return f"{division.name}人民政府"


def chinese_date(day: datetime.date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


# --- low-level formatting -------------------------------------------------------------------


def _set_font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _paragraph(doc, text: str, *, font=BODY_FONT, size=BODY_SIZE, align=None, indent=True,
               right_indent_chars: int = 0):  # fmt: skip
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(BODY_SIZE * 2)
    if right_indent_chars:
        fmt.right_indent = Pt(BODY_SIZE * right_indent_chars)
    if align is not None:
        p.alignment = align
    _set_font(p.add_run(text), font, size)
    return p


def _field_run(paragraph, kind: str, *, text: str = "") -> None:
    run = paragraph.add_run()
    _set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    if kind == "instr":
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        run._element.append(instr)
    elif kind == "text":
        run.text = text
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._element.append(char)


def _page_number(footer, align) -> None:
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_SIZE)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_SIZE)
    _set_font(p.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    _field_run(p, "begin")
    _field_run(p, "instr")
    _field_run(p, "separate")
    _field_run(p, "text", text="1")
    _field_run(p, "end")
    _set_font(p.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # the page number 7 mm below the text block's last line
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    # A grid of lines only: with a character grid too, LibreOffice gives each 16 pt character
    # two of the 15.8 pt cells (14 characters a line). The 28 characters come from the body's
    # character spacing instead, which Word and LibreOffice both honour.
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    sect_pr.append(grid)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_SIZE)
    # Every page holds its 22 lines: no line pushed over to keep a paragraph's first or last
    # line company (GB/T 9704 counts lines, not paragraphs).
    normal.paragraph_format.widow_control = False
    r_pr = normal.element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(char_spacing_twips()))
    size = r_pr.find(qn("w:sz"))
    if size is not None:  # the schema's order: w:spacing before w:sz
        size.addprevious(spacing)
    else:
        r_pr.append(spacing)


def char_spacing_twips() -> int:
    """The body's character spacing (``w:spacing``, in twentieths of a point, rounded down) that
    fits exactly 28 characters of 16 pt on the 156 mm line: 442.2 pt / 28 = 15.79 pt a
    character, so -0.25 pt."""
    width_pt = (210 - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72
    return math.floor((width_pt / CHARS_PER_LINE - BODY_SIZE) * 20)


def _red_rule(paragraph) -> None:
    """The red separator line under the document number (版头中的分隔线)."""
    ppr = paragraph._element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "8"),
                       ("w:color", "FF0000")):  # fmt: skip
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


# --- the document ---------------------------------------------------------------------------


def _blocks_by_section(draft, division, year) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {s.value: [] for s in Section}
    if draft is not None:
        for block in draft.blocks.order_by("section", "order"):
            out[block.section].append(block.text)
    else:
        for section, _order, text in default_blocks(
            county=division.name, year=year, league=league_name(division)
        ):
            out[section].append(text)
    return out


def report_docx(*, division, year: int, figures: dict, draft=None) -> bytes:
    """The report as DOCX bytes: the draft's frame and blocks (or the defaults) and the
    sentences made from ``figures``."""
    blocks = _blocks_by_section(draft, division, year)
    number = draft.document_number if draft else default_document_number(division, year)
    addressees = draft.addressees if draft else default_addressees(division)
    signatory = draft.signatory if draft else default_signatory(division)
    dated = (draft.dated if draft else None) or timezone.localdate()
    title = f"{division.name}{year}年度推进依法行政工作情况的报告"

    doc = Document()
    _page_setup(doc)
    numbered = _paragraph(doc, number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _red_rule(numbered)
    _paragraph(doc, "", indent=False)
    _paragraph(doc, title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)  # fmt: skip
    _paragraph(doc, "", indent=False)
    _paragraph(doc, f"{addressees.replace(',', '、')}:", indent=False)

    def body(section: str) -> None:
        for text in blocks.get(section, []):
            _paragraph(doc, text)
        sentences = narrative.section_sentences(section, figures)
        if sentences:
            _paragraph(doc, "".join(sentences))

    body(Section.PREAMBLE)
    titles = headings()
    _paragraph(doc, titles[0], font=HEADING1_FONT)
    body(Section.OVERVIEW)
    for i, section in enumerate(WORK_SECTIONS, start=1):
        _paragraph(doc, titles[i], font=HEADING2_FONT)
        body(section)
    _paragraph(doc, titles[-2], font=HEADING1_FONT)
    body(Section.PROBLEMS)
    _paragraph(doc, titles[-1], font=HEADING1_FONT)
    body(Section.PLANS)
    _paragraph(doc, "", indent=False)
    _paragraph(doc, signatory, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False,
               right_indent_chars=2)  # fmt: skip
    _paragraph(doc, chinese_date(dated), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False,
               right_indent_chars=4)  # fmt: skip
    for p in doc.paragraphs:  # the red rule is the only colour on the page
        for run in p.runs:
            run.font.color.rgb = RGBColor(0, 0, 0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_annual_report(*, division, year: int, path, actor=None, draft=None,
                        figures: dict | None = None) -> Path:  # fmt: skip
    """Write the county's annual report for ``year`` to ``path`` and return the path.

    Without ``draft``, the division's draft of the year is used if there is one (an approved
    one prints its snapshot), else the default blocks and frame. ``figures`` defaults to
    :func:`zhengwu.reports.annual.annual_figures` of the division and year (an approved draft's
    own snapshot is used for it). ``actor`` is who asked for it (kept for the callers' audit)."""
    if draft is None and division.pk is not None:
        from zhengwu.reports.models import AnnualReportDraft

        draft = AnnualReportDraft.objects.filter(division=division, year=year).first()
    if figures is None:
        if draft is not None and draft.figures is not None:
            figures = draft.figures
        else:
            from zhengwu.reports.annual import annual_figures

            figures = annual_figures(division, year)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(report_docx(division=division, year=year, figures=figures, draft=draft))
    return target

"""The written reply to a disclosure request (政府信息公开申请答复书), as a DOCX.

The document follows the layout of official documents (GB/T 9704-2012: A4, margins 37/35/28/26
mm, the title in a Song-style face at 22 pt, the body in FangSong at 16 pt, 28 pt line spacing):
the department's letterhead in red, the reference (the request number), the applicant, the day
the application was received, the decision and its article for the outcome (arts. 14–16, 30,
35–39 and 42 of the 2019 Regulations on Government Information Disclosure), the reply text
written by the office, how the information is provided, the remedies (reconsideration within 60
days, litigation within 6 months: 行政复议法 art. 20, 行政诉讼法 art. 46), and the date and
seal line.

The document is a legal instrument in Chinese, so its fixed wording is written here in Chinese
(the per-outcome wording is statutory language), not translated through the interface's
catalogue.
"""

from __future__ import annotations

import datetime
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from zhengwu.disclosure.models.requests import (
    DisclosureRequest,
    ObtainingMethod,
    Outcome,
    ProvisionForm,
)
from zhengwu.org.models import Department, Division

REGULATIONS = "《中华人民共和国政府信息公开条例》"

# The default legal basis of each outcome (and sub-ground): the article the reply rests on.
LEGAL_BASIS: dict[tuple[str, int | None], str] = {
    (Outcome.DISCLOSED, None): f"{REGULATIONS}第三十六条第（二）项",
    (Outcome.PARTLY_DISCLOSED, None): f"{REGULATIONS}第三十七条",
    (Outcome.WITHHELD, 1): f"{REGULATIONS}第十四条",
    (Outcome.WITHHELD, 2): f"{REGULATIONS}第十四条",
    (Outcome.WITHHELD, 3): f"{REGULATIONS}第十四条",
    (Outcome.WITHHELD, 4): f"{REGULATIONS}第十五条",
    (Outcome.WITHHELD, 5): f"{REGULATIONS}第十六条第一款",
    (Outcome.WITHHELD, 6): f"{REGULATIONS}第十六条第二款",
    (Outcome.WITHHELD, 7): f"{REGULATIONS}第十六条第二款",
    (Outcome.WITHHELD, 8): f"{REGULATIONS}第三十六条第（七）项",
    (Outcome.UNAVAILABLE, 1): f"{REGULATIONS}第三十六条第（四）项",
    (Outcome.UNAVAILABLE, 2): f"{REGULATIONS}第三十八条",
    (Outcome.UNAVAILABLE, 3): f"{REGULATIONS}第三十条",
    (Outcome.NOT_PROCESSED, 1): f"{REGULATIONS}第三十九条第一款",
    (Outcome.NOT_PROCESSED, 2): f"{REGULATIONS}第三十六条第（六）项",
    (Outcome.NOT_PROCESSED, 3): f"{REGULATIONS}第三十九条第二款",
    (Outcome.NOT_PROCESSED, 4): f"{REGULATIONS}第三十五条",
    (Outcome.NOT_PROCESSED, 5): f"{REGULATIONS}第三十六条第（六）项",
    (Outcome.OTHER, 1): f"{REGULATIONS}第三十条",
    (Outcome.OTHER, 2): f"{REGULATIONS}第四十二条",
    (Outcome.OTHER, 3): "",
}

# The decision each outcome states, before the office's own text.
DECISION: dict[tuple[str, int | None], str] = {
    (Outcome.DISCLOSED, None): "经审查，您申请获取的政府信息属于公开范围，本机关予以公开。",
    (Outcome.PARTLY_DISCLOSED, None): (
        "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分"
        "处理。本机关向您提供可以公开的政府信息内容，对不予公开的内容说明理由如下。"
    ),
    (
        Outcome.WITHHELD,
        1,
    ): "经审查，您申请获取的政府信息属于依法确定为国家秘密的政府信息，本机关决定不予公开。",
    (
        Outcome.WITHHELD,
        2,
    ): "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。",
    (Outcome.WITHHELD, 3): (
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
        "本机关决定不予公开。"
    ),
    (Outcome.WITHHELD, 4): (
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "本机关决定不予公开。"
    ),
    (Outcome.WITHHELD, 5): (
        "经审查，您申请获取的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、内部工作"
        "流程等），本机关决定不予公开。"
    ),
    (Outcome.WITHHELD, 6): (
        "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、"
        "过程稿、磋商信函、请示报告等过程性信息，本机关决定不予公开。"
    ),
    (Outcome.WITHHELD, 7): "经审查，您申请获取的政府信息属于行政执法案卷信息，本机关决定不予公开。",
    (Outcome.WITHHELD, 8): (
        "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定，"
        "请依照有关法律、行政法规的规定办理。"
    ),
    (Outcome.UNAVAILABLE, 1): "经检索，本机关未制作或者获取您申请的政府信息，该政府信息不存在。",
    (Outcome.UNAVAILABLE, 2): (
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析方能形成，本机关不予提供。"
    ),
    (Outcome.UNAVAILABLE, 3): "您的申请经补正后，申请内容仍不明确，本机关无法提供。",
    (Outcome.NOT_PROCESSED, 1): (
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请"
        "处理，您可以通过相应渠道提出。"
    ),
    (Outcome.NOT_PROCESSED, 2): (
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予"
        "重复处理。"
    ),
    (Outcome.NOT_PROCESSED, 3): (
        "您申请获取的是政府公报、报刊、书籍等公开出版物，本机关告知您获取的途径如下。"
    ),
    (Outcome.NOT_PROCESSED, 4): (
        "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由"
        "不合理，不予处理。"
    ),
    (Outcome.NOT_PROCESSED, 5): (
        "您的申请为要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请，本机关"
        "不予处理。"
    ),
    (Outcome.OTHER, 1): (
        "您未在本机关告知的期限内补正申请，且无正当理由，视为放弃申请，本机关不再处理该政府"
        "信息公开申请。"
    ),
    (Outcome.OTHER, 2): (
        "您未在收费通知要求的期限内缴纳信息处理费，本机关不再处理该政府信息公开申请。"
    ),
    (Outcome.OTHER, 3): "",
}

PROVISION = {
    ProvisionForm.PAPER: "纸质文本",
    ProvisionForm.ELECTRONIC: "电子文档",
    ProvisionForm.INSPECTION: "当场查阅、抄录",
}
OBTAINING = {
    ObtainingMethod.POST: "邮寄",
    ObtainingMethod.COLLECT: "自行领取",
    ObtainingMethod.EMAIL: "电子邮件",
    ObtainingMethod.ONLINE: "网上获取",
}

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
RED = RGBColor(0xC0, 0x00, 0x00)


def legal_basis_for(outcome: str, sub_ground: int | None) -> str:
    return LEGAL_BASIS.get((outcome, sub_ground), "")


def decision_for(outcome: str, sub_ground: int | None) -> str:
    return DECISION.get((outcome, sub_ground), "")


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def reconsideration_body(department: Department) -> str:
    """The body that hears a reconsideration against the department (行政复议法 2023 art. 24):
    the county government for its departments and townships, the level above for the county
    government itself."""
    division = department.division
    county = division.county
    if department.kind == Department.Kind.GOVERNMENT and division.level == Division.Level.COUNTY:
        league = division.parent
        return f"{league.name}行政公署" if league is not None else "上一级人民政府"
    return f"{county.name}人民政府" if county is not None else "上一级人民政府"


def _font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    return run


def _paragraph(doc, text: str = "", *, font=BODY_FONT, size=16, align=None, indent=True, **kw):
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), font, size, **kw)
    return paragraph


def render_reply(request: DisclosureRequest) -> bytes:
    """The written reply of a replied (or closing) request, as DOCX bytes."""
    department = request.department
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    doc.core_properties.title = f"政府信息公开申请答复书 {request.number}"
    doc.core_properties.author = department.name

    # The letterhead and the reference.
    _paragraph(
        doc,
        department.name,
        font=TITLE_FONT,
        size=26,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        color=RED,
    )
    _paragraph(
        doc,
        "政府信息公开申请答复书",
        font=TITLE_FONT,
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    _paragraph(
        doc, f"（申请编号：{request.number}）", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    _paragraph(doc, "", indent=False)

    # The addressee and the application.
    _paragraph(doc, f"{request.applicant_name}：", indent=False)
    received = chinese_date(request.received_on) if request.received_on else ""
    sought = request.description.strip().replace("\n", " ")
    opening = f"本机关于{received}收到您提出的政府信息公开申请，申请获取“{sought}”"
    if request.document_number:
        opening += f"（文号：{request.document_number}）"
    opening += "。"
    if request.corrected_on:
        opening += f"经本机关告知补正，您于{chinese_date(request.corrected_on)}补正了申请。"
    _paragraph(doc, opening + "现答复如下：")

    # The decision, the office's text and the legal basis.
    decision = decision_for(request.outcome, request.sub_ground)
    if decision:
        _paragraph(doc, decision)
    for line in (request.reply_text or "").splitlines():
        if line.strip():
            _paragraph(doc, line.strip())
    if request.legal_basis:
        _paragraph(doc, f"依据：{request.legal_basis}。")
    if request.outcome in (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED):
        _paragraph(
            doc,
            f"本机关按您申请的{PROVISION[request.provision_form]}形式，以"
            f"{OBTAINING[request.obtaining_method]}方式向您提供。",
        )

    # Remedies.
    _paragraph(
        doc,
        "如对本答复不服，可以自收到本答复之日起六十日内向"
        f"{reconsideration_body(department)}申请行政复议，或者自收到本答复之日起六个月内"
        "向人民法院提起行政诉讼。",
    )
    _paragraph(doc, "", indent=False)

    # The date and the seal line.
    day = request.replied_on or request.concluded_on or datetime.date.today()
    _paragraph(doc, f"{department.name}（印章）", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, chinese_date(day), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if request.replied_by_id is not None:
        _paragraph(doc, "", indent=False)
        _paragraph(doc, f"（经办人：{request.replied_by.full_name}）", size=14, indent=False)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

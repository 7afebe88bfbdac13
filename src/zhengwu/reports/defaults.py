"""The default narrative paragraphs of a new year's draft, adapted from the seed report's own
sentences that state no figure (the figures come from the records, see
:mod:`zhengwu.reports.narrative`). ``{county}``, ``{year}``, ``{next_year}`` and
``{superior}`` are filled in when the draft is created; the legal-affairs office then
revises every paragraph.
"""

from __future__ import annotations

from zhengwu.reports.models import Section

DEFAULT_BLOCKS: dict[str, list[str]] = {
    Section.PREAMBLE: [
        "根据{superior}《关于报送推进依法行政工作报告的通知》要求,"
        "现将我县{year}年推进依法行政工作情况报告如下:",
    ],
    Section.OVERVIEW: [
        "{year}年,在上级党委、政府的正确领导和政府法制部门的有力指导下,县委、政府高度重视,"
        "以推进依法行政为主线,以建设法治政府为目标,紧紧围绕政府中心工作,全力抓好推进依法行政"
        "各项工作,深化行政审批制度改革,认真做好依托电子政务平台加强政务公开和政务服务工作。"
        "依法行政能力明显提高,全县法治环境得到进一步改善。",
    ],
    Section.AWARENESS: [
        "一是我县始终把依法行政工作摆在突出的位置,明确提出了全县推进依法行政工作的任务和具体措施。",
        "二是全县依法行政工作由县长负总责,分管政府法制工作的副县长具体主抓,各乡镇、县直各部门"
        "也相应成立了依法行政工作领导小组,基本形成了政府统一领导、部门分工负责、上下协作联动、"
        "全县整体推进的依法行政运行机制。",
        "三是继续将依法行政工作纳入政府目标考评体系,组织检查考核组对全县各乡镇、各职能部门进行"
        "检查考评,有力地推动了依法行政各项目标任务的落实。",
    ],
    Section.INSTITUTIONS: [
        "一是健全落实了领导干部和行政机关工作人员学法考试制度、领导干部任职前法律知识考试制度和"
        "领导干部集中学法制度,把依法行政列入了公务员初任培训、任职培训和在岗培训的必修课程。",
        "二是健全行政决策机制,建立健全了政府合同合法性审查制度等相关配套制度,自觉接受人大法律"
        "监督、政协民主监督和群众社会监督。",
    ],
    Section.APPROVAL: [
        "一是强化行政审批事项和服务事项平台建设,进一步完善“两集中、两到位”,对入驻行政服务中心"
        "的单位人员授权情况进行清查和督办。",
        "二是继续深入推进行政审批制度改革工作,建立县、乡、村(社区)服务网络体系,实行并联审批,"
        "按照“一家受理、联合审查、同步审批、限时办结”的原则操作,实行领办、帮办、代办服务。",
    ],
    Section.DISCLOSURE: [
        "一是按照《政府信息公开条例》公开范围的要求,全面清理、编制政府信息公开目录,细化具体内容,"
        "并根据政策的变化及时动态调整。",
        "二是编制和完善了《政府信息公开指南》和《政府信息公开目录》,并在政府门户网站向社会公布;"
        "规范公开申请的接收、审查、受理、答复各环节工作。",
        "三是编制内容信息表,绘制权力运行流程图,对依法确定并审核确认的行政职权编入政务公开和政务"
        "服务目录,明确每项行政职权的名称、内容、办理主体、依据、条件、期限和监督渠道等。",
    ],
    Section.COMPULSION: [
        "一是充分利用政府网站,宣传《行政强制法》,让人民群众了解、监督法律的实施。"
        "二是将《行政强制法》学习纳入普法考试计划和干部培训内容。"
        "三是在全县开展涉及行政强制的规范性文件清理,对与《行政强制法》规定不一致的,"
        "及时进行修改或者废止。",
    ],
    Section.NORMATIVE_DOCUMENTS: [
        "一是从制度上规范行政规范性文件制定和备案。二是规范性文件备案审查工作由专人负责,"
        "审核后由县政府常务会议审议通过。三是实行规范性文件有效期和定期清理制度,"
        "有效期满的规范性文件自动失效。",
    ],
    Section.ENFORCEMENT: [
        "一是积极开展行政执法机构主体资格清理、确认和执法依据梳理工作,对符合法定条件的行政执法"
        "机构确认其行政执法主体资格。",
        "二是认真开展行政执法证件清理工作,严格落实持证执法制度,做到持证上岗,亮证执法。",
    ],
    Section.RECONSIDERATION: [
        "一是畅通行政复议渠道,将行政复议的受案范围、立案条件、办理程序、办理期限等向社会公布,"
        "提高了行政复议工作的透明度。二是坚持行政复议案件集体讨论制度,确保办案质量。"
        "三是积极配合信访部门开展矛盾纠纷专项排查活动,有效地把矛盾纠纷化解在基层。",
    ],
    Section.PILOT: [
        "我县按照国家相关文件要求不断创新工作思路,突出电子政务平台“公开”、“服务”和“互动”"
        "三大特点,建立和完善了以行政审批系统和电子监察系统为基础的统一电子政务平台,"
        "信息公开的全面性和实效性得到了切实增强,试点工作取得了阶段性成果。",
    ],
    Section.GUARANTEES: [
        "一是县政府成立了由县长负总责的全县依法行政工作领导小组,并根据领导变动及时进行调整。"
        "二是大力开展机关及其公务人员学法用法活动。三是加强法制基础建设,"
        "将行政复议经费列入财政预算,有效地保障了行政复议工作的开展。",
    ],
    Section.PROBLEMS: [
        "(一)全县推进依法行政工作进展不平衡,工作中依然存在重部署、轻落实现象。",
        "(二)一些部门虽然制定了行政执法责任制的相关制度,但制度上不够完善。",
        "(三)执法队伍整体素质有待进一步提升。",
        "(四)一些行政机关工作人员法制观念仍比较淡薄,有法不依的问题还时有发生。",
        "上述问题还有待于在今后的工作中着力加以改进。",
    ],
    Section.PLANS: [
        "一是深入推行依法行政工作,根据上级的统一部署,拟定好我县{next_year}年推进依法行政工作要点。",
        "二是规范行政审批,助推依法行政,继续推进行政审批制度改革工作,强化“一站式”服务功能。",
        "三是加强行政执法监督,落实行政执法责任制,全面开展行政执法案卷评查工作。",
        "四是继续做好规范性文件制定和清理工作,健全规范性文件定期清理制度。",
        "五是加强政府法制机构和队伍建设,提高行政执法质量。",
    ],
}


def default_blocks(*, county: str, year: int, league: str = "") -> list[tuple[str, int, str]]:
    """(section, order, text) of every default paragraph, the placeholders filled in
    (``{superior}``: the league's administrative office, if the county has a league)."""
    superior = f"{league}行政公署办公厅" if league else "上级人民政府办公室"
    values = {"county": county, "year": year, "next_year": year + 1, "superior": superior}
    return [
        (str(section), order, text.format(**values))
        for section, texts in DEFAULT_BLOCKS.items()
        for order, text in enumerate(texts, start=1)
    ]

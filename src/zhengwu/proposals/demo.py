"""The demo county's deputies' suggestions and CPPCC proposals, driven through the services.

2012 (fixed dates, as the seed report tells it: "共办理了人大代表批评、建议和意见47件，政协委员
提案56件，意见建议、提案办理答复率100%"): 47 suggestions made at 多伦县第十五届人民代表大会第二次
会议 and 56 proposals made at 政协多伦县第九届委员会第二次会议, registered during the sessions in
February, assigned at the assignment meeting of 15 March (a few on 20 March) to the departments
they concern, with co-handlers where several are involved, every co-handling opinion sent within
its 30 days and every reply given within the 3 months; feedback mostly satisfied, the two
unsatisfied replies handled again and then accepted; most replies published.

Now (dates counted back from today): the current year's sessions with proposals in every state —
registered, assigned with a co-handling opinion pending, a decline waiting for the office, a
reassigned one, near its due date, overdue, replied awaiting feedback, unsatisfied and being
handled again, unsatisfied and left waiting (which e-supervision flags), closed and published.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import Department, User
from zhengwu.org.roles import Role
from zhengwu.org.selectors import home_county
from zhengwu.proposals import services
from zhengwu.proposals.models import Proposal

D = datetime.date

# (title, lead department, co-handlers, subject)
DEPUTY_2012 = [
    ("关于加快多伦淖尔镇老旧小区改造的建议", "zjj", ["czj"], "urban"),
    ("关于解决城区冬季供热不足问题的建议", "zjj", ["fgj"], "urban"),
    ("关于硬化大北沟镇通村公路的建议", "jtj", ["czj"], "transport"),
    ("关于加强蔡木山乡农村饮水安全工程建设的建议", "swj", ["czj"], "agriculture"),
    ("关于扩大草原生态保护补助奖励覆盖面的建议", "nmj", ["czj"], "agriculture"),
    ("关于增加城区公交线路和站点的建议", "jtj", [], "transport"),
    ("关于改善西干沟乡中心学校办学条件的建议", "jyj", ["czj"], "education"),
    ("关于落实农村牧区寄宿生生活补助的建议", "jyj", ["czj"], "education"),
    ("关于提高新型农村牧区合作医疗报销比例的建议", "wsj", ["czj"], "health"),
    ("关于加强乡镇卫生院医务人员队伍建设的建议", "wsj", ["rsj"], "health"),
    ("关于规范城区农贸市场管理的建议", "gsj", ["zjj"], "economy"),
    ("关于加强城区餐饮食品安全监管的建议", "ypj", ["gsj"], "health"),
    ("关于加快滦河源湿地保护的建议", "lyj", ["hbj"], "environment"),
    ("关于推进京津风沙源治理二期工程的建议", "lyj", ["nmj"], "environment"),
    ("关于加强城区环境卫生整治的建议", "zjj", [], "urban"),
    ("关于扶持奶牛养殖专业合作社发展的建议", "nmj", [], "agriculture"),
    ("关于加大马铃薯产业扶持力度的建议", "nmj", ["fgj"], "agriculture"),
    ("关于解决被征地农民养老保险问题的建议", "rsj", ["gtj"], "social"),
    ("关于扩大城镇居民基本医疗保险覆盖面的建议", "rsj", [], "social"),
    ("关于加强农村牧区低保动态管理的建议", "mzj", [], "social"),
    ("关于建设县城养老服务中心的建议", "mzj", ["fgj"], "social"),
    ("关于加强城区道路交通秩序管理的建议", "gaj", ["jtj"], "governance"),
    ("关于在城区主要路口增设交通信号灯的建议", "gaj", ["zjj"], "transport"),
    ("关于加快保障性住房建设的建议", "fgc", ["zjj"], "urban"),
    ("关于规范房地产开发市场秩序的建议", "fgc", [], "urban"),
    ("关于加强嘎查村文化活动室建设的建议", "wtj", [], "culture"),
    ("关于加快多伦湖景区开发建设的建议", "lvj", ["fgj"], "culture"),
    ("关于保护修缮山西会馆等历史建筑的建议", "wtj", ["lvj"], "culture"),
    ("关于加强非煤矿山安全生产监管的建议", "ajj", [], "governance"),
    ("关于帮助中小企业解决融资难的建议", "jxj", ["czj"], "economy"),
    ("关于加快工业园区基础设施建设的建议", "jxj", ["fgj"], "economy"),
    ("关于加大招商引资力度的建议", "fgj", [], "economy"),
    ("关于规范土地承包经营权流转的建议", "nmj", ["gtj"], "agriculture"),
    ("关于规范农村宅基地审批管理的建议", "gtj", [], "urban"),
    ("关于治理城区噪声污染的建议", "hbj", ["gaj"], "environment"),
    ("关于保障城区污水处理厂正常运行的建议", "swj", ["hbj"], "environment"),
    ("关于加强农村牧区计划生育技术服务的建议", "jsj", [], "health"),
    ("关于落实计划生育家庭奖励扶助政策的建议", "jsj", ["czj"], "social"),
    ("关于加强学校周边交通安全管理的建议", "gaj", ["jyj"], "education"),
    ("关于解决城区学校大班额问题的建议", "jyj", ["zjj"], "education"),
    ("关于加快城区天然气管网建设的建议", "zjj", ["fgj"], "urban"),
    ("关于加强春秋季草原森林防火工作的建议", "lyj", ["xfd"], "governance"),
    ("关于在老城区增设消防栓的建议", "xfd", ["swj"], "governance"),
    ("关于加强气象灾害预警信息发布的建议", "qxj", [], "agriculture"),
    ("关于规范个体工商户定额征收的建议", "dsw", ["gsw"], "economy"),
    ("关于加强农资产品质量监督抽查的建议", "zjj2", [], "economy"),
    ("关于加强蒙古族传统文化保护传承的建议", "mzzj", ["wtj"], "culture"),
]  # fmt: skip
CPPCC_2012 = [
    ("关于发展多伦县生态旅游的提案", "lvj", ["lyj"], "culture"),
    ("关于打造“多伦诺尔”历史文化名城的提案", "wtj", ["lvj", "zjj"], "culture"),
    ("关于加快发展现代畜牧业的提案", "nmj", [], "agriculture"),
    ("关于建立农牧民专业合作社扶持机制的提案", "nmj", ["czj"], "agriculture"),
    ("关于加强农牧民转移就业技能培训的提案", "rsj", ["nmj"], "social"),
    ("关于促进高校毕业生就业创业的提案", "rsj", [], "social"),
    ("关于大力发展学前教育的提案", "jyj", ["czj"], "education"),
    ("关于提高农村牧区教师待遇的提案", "jyj", ["czj", "rsj"], "education"),
    ("关于加快发展职业教育的提案", "jyj", [], "education"),
    ("关于加强县医院重点专科建设的提案", "wsj", [], "health"),
    ("关于健全城乡医疗救助制度的提案", "mzj", ["wsj"], "health"),
    ("关于推进城区生活垃圾无害化处理的提案", "zjj", ["hbj"], "urban"),
    ("关于加强城市规划编制和管理的提案", "zjj", [], "urban"),
    ("关于加快城区绿化美化亮化的提案", "zjj", ["lyj"], "urban"),
    ("关于缓解城区停车难的提案", "gaj", ["zjj"], "transport"),
    ("关于治理城区违法建设的提案", "zjj", ["gtj"], "urban"),
    ("关于节约集约利用建设用地的提案", "gtj", [], "urban"),
    ("关于规范矿产资源开发秩序的提案", "gtj", ["hbj", "ajj"], "environment"),
    ("关于推进节能减排工作的提案", "fgj", ["hbj", "jxj"], "environment"),
    ("关于加强冬季大气污染防治的提案", "hbj", [], "environment"),
    ("关于加强滦河水资源保护的提案", "swj", ["hbj"], "environment"),
    ("关于推广高效节水灌溉的提案", "swj", ["nmj"], "agriculture"),
    ("关于巩固退耕还林成果的提案", "lyj", [], "environment"),
    ("关于扶持小微企业发展的提案", "jxj", ["czj", "dsw"], "economy"),
    ("关于发展农畜产品精深加工的提案", "jxj", ["nmj"], "economy"),
    ("关于进一步优化投资环境的提案", "fgj", ["gsj"], "economy"),
    ("关于加强政府投资项目管理的提案", "fgj", ["czj", "sjj"], "economy"),
    ("关于清理规范涉企收费的提案", "czj", ["fgj"], "economy"),
    ("关于加强财政专项资金监管的提案", "czj", ["sjj"], "governance"),
    ("关于加强社会治安综合治理的提案", "gaj", [], "governance"),
    ("关于加强青少年法制教育的提案", "sfj", ["jyj"], "governance"),
    ("关于加强基层人民调解工作的提案", "sfj", [], "governance"),
    ("关于扩大法律援助覆盖面的提案", "sfj", ["czj"], "governance"),
    ("关于加强食品药品安全监管的提案", "ypj", ["gsj", "zjj2"], "health"),
    ("关于规范城区出租汽车管理的提案", "jtj", ["gaj"], "transport"),
    ("关于加快旅游公路建设的提案", "jtj", ["lvj"], "transport"),
    ("关于完善农村牧区客运网络的提案", "jtj", [], "transport"),
    ("关于加强文化市场管理的提案", "wtj", [], "culture"),
    ("关于建设全民健身广场的提案", "wtj", ["zjj"], "culture"),
    ("关于巩固广播电视村村通成果的提案", "wtj", ["czj"], "culture"),
    ("关于深入开展民族团结进步创建活动的提案", "mzzj", [], "governance"),
    ("关于保护汇宗寺等宗教文物的提案", "mzzj", ["wtj"], "culture"),
    ("关于发展居家养老服务的提案", "mzj", [], "social"),
    ("关于关爱农村牧区留守儿童的提案", "mzj", ["jyj"], "social"),
    ("关于完善残疾人社会保障的提案", "mzj", ["rsj"], "social"),
    ("关于提高城乡居民社会养老保险待遇的提案", "rsj", ["czj"], "social"),
    ("关于开展安全生产隐患排查治理的提案", "ajj", [], "governance"),
    ("关于加强社会消防安全宣传教育的提案", "xfd", [], "governance"),
    ("关于加强出生人口性别比综合治理的提案", "jsj", [], "health"),
    ("关于加强气象为农牧业服务的提案", "qxj", ["nmj"], "agriculture"),
    ("关于加强税源监控和税收征管的提案", "gsw", ["dsw"], "economy"),
    ("关于加强计量和特种设备监管的提案", "zjj2", [], "economy"),
    ("关于规范国有土地上房屋征收补偿的提案", "fgc", ["zjj", "gtj"], "urban"),
    ("关于发展特色种植业的提案", "nmj", [], "agriculture"),
    ("关于进一步提高行政审批效率的提案", "spzx", [], "governance"),
    ("关于加快电子政务建设的提案", "jxj", ["spzx"], "governance"),
]  # fmt: skip

DELEGATIONS = ["多伦淖尔镇代表团", "大北沟镇代表团", "蔡木山乡代表团", "西干沟乡代表团"]
SECTORS = ["中共界", "经济界", "教育界", "医药卫生界", "农牧业界", "科技界", "文化艺术界",
           "工商联界", "社会福利和社会保障界", "少数民族界", "宗教界", "无党派人士"]  # fmt: skip
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
)
GIVEN = ["建华", "秀英", "志强", "丽娟", "海军", "桂兰", "国庆", "淑珍", "宝音", "其木格",
         "文斌", "红梅", "永胜", "晓燕", "巴特尔", "乌云", "德胜", "春花", "立新", "玉兰",
         "振华", "金花", "长青", "艳霞"]  # fmt: skip
REPLY_TEXT = {
    "A": "您提出的《{title}》收悉。经认真研究，我单位已采纳并落实，相关工作已于{year}年完成。"
    "感谢您对我县工作的关心和支持。",
    "B": "您提出的《{title}》收悉。所提问题我单位正在着手解决，已列入{year}年至{next}年工作计划，"
    "将分步实施，并及时向您通报进展。",
    "C": "您提出的《{title}》收悉。所提建议很有价值，但受资金和政策条件限制，目前尚不具备实施条件，"
    "我单位将留作参考，在今后工作中积极创造条件逐步解决。",
}
HEAD_NAMES = ["高志远", "白玉林", "范立群", "孟庆华", "田宏伟", "胡日查", "霍建军", "崔振海",
              "阎国栋", "乔永明", "邢占山", "贾玉春", "吉日嘎拉", "包金山", "常福来", "牛海涛",
              "秦晓东", "温德全", "武建国", "邵春雷", "石宝山", "毛凤岐", "康文利", "孔祥瑞",
              "黎明", "廉洪亮", "路振东", "柴志刚", "葛树林", "鲁全喜", "侯永平",
              "薛长江"]  # fmt: skip


class _Heads:
    """A department head per lead department (the demo's ``head`` heads 住建局; for the others
    an account without password is made, so that replies are signed by a real head)."""

    def __init__(self, ctx):
        self.ctx, self.cache, self.made = ctx, {}, 0

    def __call__(self, department: Department) -> User:
        from zhengwu.org.services import staff_create

        if department.pk not in self.cache:
            head = services.heads_of(department).first()
            if head is None:
                username = f"head_{department.code}"
                if User.objects.filter(username=username).exists():
                    username = f"proposals_head_{department.code}"
                head = staff_create(
                    actor=None, username=username,
                    full_name=HEAD_NAMES[self.made % len(HEAD_NAMES)], department=department,
                    roles=[Role.DEPARTMENT_HEAD],
                )  # fmt: skip
                self.made += 1
            self.cache[department.pk] = head
        return self.cache[department.pk]


def _proposers(rng: random.Random, kind: str, n: int) -> list[tuple[str, str, bool]]:
    groups = DELEGATIONS if kind == "deputy" else SECTORS
    group = rng.choice(groups)
    names = []
    while len(names) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in names:
            names.append(name)
    return [(name, group, i == 0) for i, name in enumerate(names)]


def _year_2012(ctx, legal, deps, heads) -> dict[str, int]:
    county = legal.department.division.county or legal.department.division
    rng = random.Random(2012)  # noqa: S311 - a reproducible demo
    sessions = {
        "deputy": services.session_create(
            actor=legal, division=county, kind="deputy",
            name="多伦县第十五届人民代表大会第二次会议", year=2012, opened_on=D(2012, 2, 20)),
        "cppcc": services.session_create(
            actor=legal, division=county, kind="cppcc",
            name="政协多伦县第九届委员会第二次会议", year=2012, opened_on=D(2012, 2, 18)),
    }  # fmt: skip
    counts = {"deputy": 0, "cppcc": 0}
    unsatisfied_left = 2
    for kind, plan in (("deputy", DEPUTY_2012), ("cppcc", CPPCC_2012)):
        session = sessions[kind]
        for i, (title, lead, co, subject) in enumerate(plan, start=1):
            registered = session.opened_on + datetime.timedelta(days=1 + i % 3)
            proposal = services.proposal_register(
                actor=legal, session=session, number=i, title=title,
                content=f"{title[2:-3]}，是群众普遍关心的问题。建议县政府高度重视，统筹安排资金，"
                        "明确责任单位和完成时限，切实抓好落实。",
                proposers=_proposers(rng, kind, rng.choice([1, 1, 2, 3])),
                subjects=[subject], on=registered,
            )  # fmt: skip
            assigned_on = D(2012, 3, 15) if i % 7 else D(2012, 3, 20)
            services.proposal_assign(
                actor=legal, proposal=proposal, lead=deps[lead],
                co_handlers=[deps[c] for c in co], on=assigned_on,
            )  # fmt: skip
            for assignment in proposal.assignments.filter(role="co").select_related("department"):
                services.assignment_give_opinion(
                    actor=heads(assignment.department), assignment=assignment,
                    text=f"{assignment.department.short_name or assignment.department.name}"
                         "同意主办单位的办理意见，将在职责范围内积极配合。",
                    on=assigned_on + datetime.timedelta(days=10 + i % 15),
                )  # fmt: skip
            # Replies from mid-April to early June: all within the 3 months (due mid-June).
            replied_on = assigned_on + datetime.timedelta(days=30 + (i * 7) % 50)
            classification = "A" if i % 20 < 11 else ("B" if i % 20 < 17 else "C")
            head = heads(deps[lead])
            services.proposal_reply(
                actor=head, proposal=proposal, classification=classification,
                text=REPLY_TEXT[classification].format(title=title, year=2012, next=2013),
                on=replied_on,
            )  # fmt: skip
            feedback_on = replied_on + datetime.timedelta(days=7)
            if classification == "C" and unsatisfied_left:
                unsatisfied_left -= 1
                services.proposal_record_feedback(
                    actor=legal, proposal=proposal, satisfaction="unsatisfied",
                    comment="答复内容较为笼统，未提出具体解决措施", on=feedback_on,
                )  # fmt: skip
                again = feedback_on + datetime.timedelta(days=3)
                services.proposal_rehandle(actor=legal, proposal=proposal,
                                           note="代表（委员）不满意，责成主办单位重新办理",
                                           on=again)  # fmt: skip
                services.proposal_reply(
                    actor=head, proposal=proposal, classification="B",
                    text=REPLY_TEXT["B"].format(title=title, year=2012, next=2013),
                    on=again + datetime.timedelta(days=20),
                )  # fmt: skip
                feedback_on = again + datetime.timedelta(days=27)
                satisfaction = "basic"
            else:
                satisfaction = "satisfied" if i % 8 else "basic"
            services.proposal_record_feedback(
                actor=legal, proposal=proposal, satisfaction=satisfaction, on=feedback_on
            )
            if i % 5:
                services.proposal_publish_reply(
                    actor=legal, proposal=proposal, on=feedback_on + datetime.timedelta(days=1)
                )
            counts[kind] += 1
    ctx.step(f"2012: {counts['deputy']} deputies' suggestions and {counts['cppcc']} CPPCC "
             "proposals, all replied within the limit")  # fmt: skip
    return counts


CN = "一二三四五六七八九十"


def _current(ctx, legal, deps, heads, today) -> int:
    """The current sessions' proposals in every state, dated back from today."""

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    county = legal.department.division.county or legal.department.division
    year = ago(172).year
    nth = CN[min(max(year - 2022, 1), 10) - 1]
    sessions = {
        "deputy": services.session_create(
            actor=legal, division=county, kind="deputy",
            name=f"多伦县第十八届人民代表大会第{nth}次会议", year=year,
            opened_on=min(D(year, 1, 10), ago(172))),
        "cppcc": services.session_create(
            actor=legal, division=county, kind="cppcc",
            name=f"政协多伦县第十二届委员会第{nth}次会议", year=year,
            opened_on=min(D(year, 1, 8), ago(172))),
    }  # fmt: skip
    rng = random.Random(year)  # noqa: S311 - a reproducible demo
    number = {"deputy": 0, "cppcc": 0}

    def new(kind, title, subject, registered):
        number[kind] += 1
        return services.proposal_register(
            actor=legal, session=sessions[kind], number=number[kind], title=title,
            content=f"{title[2:-3]}，群众反映强烈。建议有关部门深入调研，尽快拿出解决方案。",
            proposers=_proposers(rng, kind, 2), subjects=[subject],
            on=max(registered, sessions[kind].opened_on),
        )  # fmt: skip

    def assign(proposal, lead, co, on):
        return services.proposal_assign(actor=legal, proposal=proposal, lead=deps[lead],
                                        co_handlers=[deps[c] for c in co], on=on)  # fmt: skip

    def reply(proposal, on, classification="A"):
        lead = Proposal.objects.get(pk=proposal.pk).lead_department
        services.proposal_reply(
            actor=heads(lead), proposal=proposal, classification=classification,
            text=REPLY_TEXT[classification].format(title=proposal.title, year=on.year,
                                                   next=on.year + 1), on=on)  # fmt: skip

    def opinions(proposal, on):
        for assignment in proposal.assignments.filter(role="co").select_related("department"):
            services.assignment_give_opinion(
                actor=heads(assignment.department), assignment=assignment,
                text="同意主办单位意见，积极配合办理", on=on,
            )  # fmt: skip

    # Registered, to be assigned (a suggestion made between sessions).
    new("deputy", "关于解决城区冬季供暖收费纠纷的建议", "urban", ago(3))
    new("cppcc", "关于推进智慧社区建设的提案", "governance", ago(2))
    # Assigned ten days ago, the co-handling opinions pending (住建局 leads: the demo's head).
    p = new("deputy", "关于实施城区雨污分流改造的建议", "urban", ago(170))
    assign(p, "zjj", ["swj", "czj"], ago(10))
    p = new("cppcc", "关于加快城区停车场建设的提案", "transport", ago(172))
    assign(p, "zjj", ["gaj"], ago(12))
    # A decline waiting for the office's decision.
    p = new("deputy", "关于加强农村牧区留守老人关爱服务的建议", "social", ago(170))
    assign(p, "rsj", [], ago(4))
    services.assignment_decline(actor=heads(deps["rsj"]), assignment=p.assignments.get(),
                                reason="该事项属民政部门职责", on=ago(2))  # fmt: skip
    # A reassignment recorded: 国土局 declined, 住建局 took over.
    p = new("cppcc", "关于规范城区户外广告设置的提案", "urban", ago(172))
    assign(p, "gtj", [], ago(40))
    lead = p.assignments.get()
    services.assignment_decline(actor=heads(deps["gtj"]), assignment=lead,
                                reason="户外广告设置管理不属本局职责", on=ago(38))  # fmt: skip
    services.assignment_reassign(actor=legal, assignment=lead, department=deps["zjj"],
                                 note="调整由住建局主办", on=ago(36))  # fmt: skip
    # Near its due date (3 months ≈ 92 days), the opinion given.
    p = new("deputy", "关于改善乡镇中学教师周转宿舍条件的建议", "education", ago(170))
    assign(p, "jyj", ["czj"], ago(86))
    opinions(p, ago(70))
    # Overdue: assigned four months ago, no reply.
    p = new("cppcc", "关于治理滦河沿岸采砂的提案", "environment", ago(172))
    assign(p, "swj", ["gtj"], ago(125))
    opinions(p, ago(100))
    p = new("deputy", "关于修缮蔡木山乡危桥的建议", "transport", ago(170))
    assign(p, "jtj", [], ago(110))
    # Replied, awaiting feedback.
    for kind, title, lead, subject in [
        ("deputy", "关于增设城区公共厕所的建议", "zjj", "urban"),
        ("cppcc", "关于加强中小学生近视防控的提案", "jyj", "education"),
        ("deputy", "关于提高农村牧区高龄津贴标准的建议", "mzj", "social"),
    ]:
        p = new(kind, title, subject, ago(170))
        assign(p, lead, [], ago(100))
        reply(p, ago(15), "B")
    # Unsatisfied, handled again (a month's clock running).
    p = new("deputy", "关于解决大北沟镇集中供水水质问题的建议", "health", ago(170))
    assign(p, "swj", ["wsj"], ago(150))
    opinions(p, ago(130))
    reply(p, ago(60), "C")
    services.proposal_record_feedback(actor=legal, proposal=p, satisfaction="unsatisfied",
                                      comment="未提出解决时间表", on=ago(50))  # fmt: skip
    services.proposal_rehandle(actor=legal, proposal=p, note="重新办理", on=ago(20))
    # Unsatisfied and left waiting for a month (e-supervision flags it after 15 days).
    p = new("cppcc", "关于扶持肉牛养殖产业发展的提案", "agriculture", ago(172))
    assign(p, "nmj", [], ago(140))
    reply(p, ago(45), "C")
    services.proposal_record_feedback(actor=legal, proposal=p, satisfaction="unsatisfied",
                                      comment="扶持政策不具体", on=ago(30))  # fmt: skip
    # Closed and published.
    for kind, title, lead, satisfaction in [
        ("deputy", "关于城区主干道增设无障碍设施的建议", "zjj", "satisfied"),
        ("cppcc", "关于开展全民健身活动的提案", "wtj", "satisfied"),
        ("deputy", "关于加强校园食品安全管理的建议", "ypj", "basic"),
        ("cppcc", "关于加快农村牧区电商服务站建设的提案", "jxj", "satisfied"),
    ]:
        p = new(kind, title, "governance", ago(170))
        assign(p, lead, [], ago(150))
        reply(p, ago(80), "A")
        services.proposal_record_feedback(actor=legal, proposal=p, satisfaction=satisfaction,
                                          on=ago(70))  # fmt: skip
        services.proposal_publish_reply(actor=legal, proposal=p, on=ago(68))
    made = sum(number.values())
    ctx.step(f"{year}: {made} current suggestions and proposals in every state")
    return made


def load(ctx: DemoContext) -> None:
    county = home_county()
    deps = {d.code: d for d in Department.objects.filter(division=county)}
    legal = User.objects.get(username="legal")
    heads = _Heads(ctx)
    today = timezone.localdate()
    _year_2012(ctx, legal, deps, heads)
    _current(ctx, legal, deps, heads, today)
    ctx.step(f"{heads.made} department heads' accounts (no password) made to sign replies")

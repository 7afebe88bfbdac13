"""The demo county's public interaction: consultations, complaints and letters to the county head.

Two years of messages are generated and inserted in bulk — 2012 (the seed report's year) and
2026, up to six weeks before today — with the subjects and bodies people write about (licences,
social security, medical insurance, schools, roads, land and housing, grassland subsidies,
subsistence allowances, household registration, markets, heating …), some carrying the writer's
name, telephone, ID number or plate number as people write them. For each year and kind:

- a few are rejected as spam or closed as duplicates;
- the rest are routed to the department responsible (1 in 20 first to a wrong one, then
  rerouted), with the answer clocks the services run, dated by the official calendar;
- about 9 in 10 are answered within the limit, the others one to six working days late;
- of the answered ones whose writer agreed, most are published in the redacted form
  (``redaction.redact``, as the services produce it), the rest closed.

Then a dozen current messages, dated in the last weeks, are driven through the real services:
two waiting to be routed, routed ones with time left, near their due date and past it (so the
supervision room shows yellow and red cards for the answer clock), one rerouted, answered ones
waiting for publication — some of them written by the demo citizen's account.

Each department that answers has a liaison account (no usable password); the demo reviewer and
head of the housing bureau answer for it. Everything is deterministic (one seeded generator).
"""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.interaction import limits, services
from zhengwu.interaction.models import Message
from zhengwu.interaction.redaction import redact
from zhengwu.org.models import Department, Division, User
from zhengwu.org.roles import Role
from zhengwu.org.selectors import home_county
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

# Messages per year and kind (2026: the whole year; the share of the year before the recent
# weeks is generated, the recent weeks are the current messages).
YEARS = {
    2012: {"consultation": 186, "complaint": 48, "mailbox": 102},
    2026: {"consultation": 262, "complaint": 57, "mailbox": 131},
}
RECENT_DAYS = 45  # the generated history stops this many days before today
SPAM_SHARE = {"consultation": 0.01, "complaint": 0.02, "mailbox": 0.06}
DUPLICATE_SHARE = 0.02
REROUTED_SHARE = 0.05
LATE_SHARE = 0.09
CONSENT_SHARE = 0.62
PUBLISHED_SHARE = 0.75  # of the answered messages whose writer agreed
ACCOUNT_SHARE = {2012: 0.1, 2026: 0.35}  # written while logged in

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾"
)
GIVEN = [
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "海燕",
    "丽娟",
    "玉梅",
    "晓东",
    "红霞",
    "俊杰",
    "文博",
    "淑珍",
    "国华",
    "金凤",
    "永明",
    "春生",
    "立新",
    "德胜",
    "婷婷",
    "宏伟",
    "芳",
    "敏",
    "军",
]
MONGOLIAN_NAMES = [
    "巴特尔",
    "其木格",
    "乌云",
    "斯琴",
    "格日勒",
    "哈斯",
    "那仁",
    "宝音",
    "图雅",
    "萨仁",
]
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"

SPAM = [
    ("低价代办各类证件", "专业代办营业执照、资质证书，价格低、速度快，联系微信dai{n}。"),
    ("推销保健产品", "本公司保健品能治百病，欢迎订购，详情电话{phone}。"),
    ("无意义内容", "测试测试1234567"),
]
DUPLICATE_REASONS = [
    "与本人此前所提留言重复，已合并办理。",
    "同一事项重复提交，已在前一留言中答复。",
]
CLOSED_UNPUBLISHED = ["涉及个人具体事项，不宜公开。", "", ""]

# (topic, department code, kinds, subject, body, answer). In the texts: {village}, {township},
# {year} are filled in; the writer's name, telephone and plate go into the opening and closing
# lines people add.
TEMPLATES = [
    ("licences", "gsj", ["consultation"],
     "开小超市需要办哪些证照",
     "我想在{township}开一家小超市，请问办理个体工商户营业执照需要带哪些材料？多长时间能办下来？",
     "您好！办理个体工商户设立登记需提交经营者身份证、经营场所使用证明（产权证明或租赁合同）。"
     "材料齐全的，县行政服务中心工商窗口当场办结。经营预包装食品的，还需办理食品经营许可，"
     "可同时到食药监窗口咨询。"),
    ("licences", "ypj", ["consultation"],
     "食品经营许可证到期如何延续",
     "我家饭店的食品经营许可证明年到期，请问什么时候开始申请延续？需要重新现场核查吗？",
     "您好！食品经营许可有效期届满需要延续的，应在届满30个工作日前向原发证部门提出申请。"
     "经营条件未发生变化的，一般不再现场核查。请携带原许可证正副本到县行政服务中心食药监窗口办理。"),
    ("licences", "zjj", ["consultation"],
     "自建房需要办理建设工程规划许可吗",
     "我在{village}有一处宅基地，打算翻建两层住房，请问需要办理哪些手续？",
     "您好！农村村民在宅基地上建房，应先向乡镇人民政府申请乡村建设规划许可，"
     "再按规定办理建房审批。具体流程可到{township}人民政府或县住建局村镇股咨询。"),
    ("social_security", "rsj", ["consultation"],
     "灵活就业人员养老保险怎么缴纳",
     "我今年45岁，原来在外地打工，现在回{township}做点小生意，想以灵活就业人员身份续缴养老保险，"
     "请问怎么办理？",
     "您好！灵活就业人员可持身份证到县人力资源和社会保障局社保经办窗口办理参保登记，"
     "按当地缴费基数的60%至300%自行选择档次缴费。原在外地的缴费记录可办理转移接续，累计计算缴费年限。"),
    ("social_security", "rsj", ["consultation", "mailbox"],
     "失业保险金申领条件",
     "我所在的企业去年底关停，我被解除了劳动合同，请问能不能领失业保险金？能领多久？",
     "您好！非因本人意愿中断就业、失业前已缴纳失业保险费满一年并已办理失业登记的，"
     "可申领失业保险金。领取期限根据累计缴费时间确定，最长24个月。请携带解除劳动合同证明到人社局办理。"),
    ("social_security", "rsj", ["complaint"],
     "企业拖欠农民工工资",
     "我们十几个工友在县城一个建筑工地干了半年，老板一直拖欠工资不给，找了好几次都推脱。",
     "您好！经县劳动保障监察大队调查核实，该项目施工单位确存在拖欠工资情况。"
     "现已责令其限期支付，相关工资已于近日通过农民工工资专用账户发放到位。如仍有未结清的，请及时反映。"),
    ("medical_insurance", "wsj", ["consultation"],
     "住院报销比例是多少",
     "我母亲在县医院住院半个月，请问新型农村合作医疗（城乡居民医保）住院报销比例是多少？出院时能直接结算吗？",
     "您好！参保人员在县级定点医院住院，起付线以上部分按规定比例报销，出院时在医院医保窗口“一站式”"
     "直接结算，不需要个人先垫付再报销。具体比例以当年政策为准，可拨打县医保服务窗口电话咨询。"),
    ("medical_insurance", "wsj", ["consultation"],
     "异地就医备案怎么办理",
     "我孩子在呼和浩特上学，假期回来，平时在外地看病能不能报销？需要办什么手续？",
     "您好！长期异地居住或在异地就读的参保人员，可在线上或到县医保服务窗口办理异地就医备案，"
     "备案后在就医地联网定点医院可直接结算。"),
    ("medical_insurance", "wsj", ["complaint"],
     "卫生院看病收费不透明",
     "{month}我在{township}卫生院看病，开了几样药，收费单上有些项目看不懂，问了也没人解释清楚。",
     "您好！经县卫生局核查，该卫生院存在收费公示不到位的问题，已责令整改，在收费处张贴收费项目和标准，"
     "并对相关人员进行了批评教育。对多收的费用已退还。"),
    ("education", "jyj", ["consultation"],
     "孩子转学需要办理什么手续",
     "我们全家从外地搬到县城，孩子上小学三年级，请问转入县城学校需要准备哪些材料？",
     "您好！义务教育阶段学生转学，由家长持户口簿或居住证明、转出学校的学籍信息到拟转入学校申请，"
     "学校在学籍系统中办理转学手续。县城学校按片区就近入学，具体可咨询县教育局基础教育股。"),
    ("education", "jyj", ["mailbox", "complaint"],
     "校车接送时间太早",
     "{village}的孩子每天早上六点就要在村口等校车，冬天天黑又冷，希望能调整接送时间。",
     "您好！县教育局已会同学校和客运公司对{village}线路重新测算，自下月起早上发车时间推迟30分钟，"
     "并在候车点设置了避风棚。"),
    ("education", "jyj", ["consultation"],
     "学前教育资助如何申请",
     "我家是低保户，孩子在县幼儿园上学，请问有没有资助政策？怎么申请？",
     "您好！家庭经济困难幼儿可申请学前教育资助，由家长向幼儿园提出申请并提供低保证等证明材料，"
     "幼儿园审核公示后报县教育局。资助资金每学期发放一次。"),
    ("roads", "jtj", ["mailbox", "complaint"],
     "通村公路坑洼严重",
     "{village}到{township}的公路修了好几年，现在坑洼很多，雨天车辆无法通行，希望尽快维修。",
     "您好！县交通运输局已派人现场查看，该路段已列入今年农村公路养护计划，计划于本月底前完成坑槽修补，"
     "并在雨季前疏通边沟。"),
    ("roads", "jtj", ["complaint"],
     "农村客运班车停运",
     "原来每天有两趟班车从{village}开往县城，最近一个月都没有了，老人看病很不方便。",
     "您好！经调查，该线路承包经营者因车辆年检停运。县交通运输局已协调客运公司临时调派车辆，"
     "恢复每日两班，并督促经营者按规定履行线路经营义务。"),
    ("public_security", "gaj", ["consultation"],
     "身份证丢失了怎么补办",
     "我的身份证前几天在县城丢了，请问补办需要带什么？多久能拿到？",
     "您好！可持户口簿到户籍所在地派出所或县公安局户政窗口申请补领，现场采集照片和指纹。"
     "一般20个工作日内制发，急需的可同时申请临时居民身份证。"),
    ("public_security", "gaj", ["consultation"],
     "车辆违章怎么处理",
     "我的车牌号是{plate}，收到短信说在县城有违章记录，请问在哪里处理？",
     "您好！非现场交通违法可通过“交管12123”手机应用在线处理，也可到县公安局交警大队违法处理窗口办理。"),
    ("land", "gtj", ["consultation", "mailbox"],
     "征地补偿标准",
     "听说{village}的部分耕地要被征收用于修路，请问补偿标准是多少？什么时候公示？",
     "您好！征收土地按自治区公布的区片综合地价标准补偿，并依法安排社会保障费用。"
     "征地前将在村务公开栏发布征收土地预公告和补偿安置方案，听取被征地农户意见。"),
    ("land", "fgc", ["complaint"],
     "房屋产权证办理缓慢",
     "我在县城买的商品房交房快两年了，房产证一直办不下来，开发商说在等房管局审批。",
     "您好！经县房产管理局核查，该小区因开发企业未完成竣工验收备案，暂不具备首次登记条件。"
     "我局已约谈开发企业，要求其在三个月内补齐手续，届时将集中为业主办理。"),
    ("land", "zjj", ["complaint", "mailbox"],
     "冬季供暖温度不达标",
     "我家住在县城{estate}小区，今年供暖以来室温只有14度左右，打热力公司电话也没人管。",
     "您好！县住建局已督促热力公司对该小区管网进行排查，发现部分管段堵塞，已于近日完成清洗，"
     "经回访室温已达到18度以上。"),
    ("land", "zjj", ["mailbox"],
     "建议增设公共厕所",
     "县城{street}一带人流量大，但附近没有公共厕所，建议增设。",
     "您好！感谢您的建议。县住建局已将该区域列入今年城区公厕建设计划，选址工作正在进行中。"),
    ("agriculture", "nmj", ["consultation"],
     "草原生态补奖资金什么时候发放",
     "我家在{village}有禁牧草场，请问今年的草原生态保护补助奖励资金什么时候发放？标准是多少？",
     "您好！今年草原生态保护补助奖励资金已下达，经村、镇两级公示后，将于下月通过“一卡通”直接发放到户。"
     "补助标准按禁牧和草畜平衡面积分别计算，可到{township}农牧业综合服务站查询。"),
    ("agriculture", "lyj", ["consultation"],
     "退耕还林补助还有吗",
     "我家2003年参加退耕还林，请问现在还有补助吗？",
     "您好！前一轮退耕还林补助期满后，符合条件的继续享受完善退耕还林政策补助。"
     "具体可到县林业局或{township}林业站查询您家地块的补助情况。"),
    ("environment", "hbj", ["complaint", "mailbox"],
     "企业夜间排放异味",
     "{township}一家企业晚上经常排放刺鼻气味，附近居民晚上不敢开窗。",
     "您好！县环境保护局已组织夜间突击检查，该企业废气处理设施未正常运行，已依法责令改正并立案处罚，"
     "后续将加强夜间巡查。"),
    ("civil_affairs", "mzj", ["consultation"],
     "低保申请条件",
     "我家老伴常年生病，家里没有劳动力，请问能不能申请低保？怎么申请？",
     "您好！家庭人均收入低于当地低保标准且财产状况符合规定的，可向户籍所在地乡镇人民政府提出申请，"
     "经入户调查、民主评议和公示后，由县民政局审批。"),
    ("civil_affairs", "mzj", ["consultation"],
     "高龄津贴如何领取",
     "我父亲今年刚满80岁，请问高龄津贴怎么申请？",
     "您好！年满80周岁的老年人可持身份证、户口簿到户籍所在地村（社区）申报，经审核后按月发放高龄津贴。"),
    ("market", "gsj", ["complaint"],
     "农贸市场缺斤短两",
     "在县城农贸市场买菜，回家一称少了二两，希望加强管理。",
     "您好！县工商局会同质监局对农贸市场计量器具进行了专项检查，查处不合格电子秤5台，"
     "并在市场设立公平秤，欢迎群众复秤。"),
    ("market", "fgj", ["mailbox"],
     "供暖费收费标准",
     "今年县城供暖费是按什么标准收的？为什么和去年不一样？",
     "您好！县城集中供暖价格由县发展和改革局按规定程序核定并公布，今年标准未作调整。"
     "您反映的差异系房屋面积计算口径不同，热力公司已向您说明并更正。"),
    ("other", "spzx", ["complaint"],
     "窗口工作人员态度生硬",
     "{month}我到县行政服务中心办事，窗口工作人员说话很不耐烦，问了两遍就不理人了。",
     "您好！县行政审批服务中心管理办公室调取了当日录像，核实情况属实，已对该工作人员进行批评教育，"
     "扣减当月考核分，并向您致歉。中心将加强窗口服务规范培训。"),
    ("other", "spzx", ["complaint"],
     "办事要求重复提交材料",
     "办一个事跑了三趟，每次都说缺材料，为什么不能一次告诉清楚？",
     "您好！经核查，相关窗口未严格执行一次性告知制度。中心已责令整改，统一印制办事指南和材料清单，"
     "并将此情况纳入窗口考核。"),
]  # fmt: skip
TOWNSHIP_TEMPLATES = [
    ("roads", ["mailbox", "complaint"],
     "村里路灯不亮",
     "{village}去年装的太阳能路灯，现在一半不亮了，晚上出行不安全。",
     "您好！{township}人民政府已安排人员检修，更换了损坏的蓄电池，目前路灯已恢复照明。"),
    ("civil_affairs", ["consultation"],
     "危房改造补助怎么申请",
     "我家住的是土坯房，墙体开裂，请问能不能申请危房改造补助？",
     "您好！农村危房改造由农户向村委会提出申请，经乡镇审核、县住建局鉴定后纳入改造计划。"
     "请到{township}人民政府民政办咨询办理。"),
]  # fmt: skip
ESTATES = ["会盟花园", "滦河湾", "汇宗小区", "上都佳苑", "诺尔家园"]
STREETS = ["会盟大街", "汇宗路", "山西会馆前街", "滦河路"]
MONTHS = ["上个月", "前几天", "上周", "月初"]
OPENINGS = {
    "consultation": ["", "", "您好，", "我叫{name}，"],
    "complaint": ["", "我叫{name}，", "我是{village}村民，"],
    "mailbox": ["县长您好！", "尊敬的县长：", "我是{village}村民。", "我叫{name}，"],
}
CLOSINGS = ["", "", "联系电话{phone}。", "我的电话是{phone}，盼回复。", "谢谢！"]


@dataclass
class _Writer:
    name: str
    phone: str
    user_id: int | None = None


def _name(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(MONGOLIAN_NAMES)
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"0479-{rng.randrange(4200000, 4599999)}"
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def _plate(rng: random.Random) -> str:
    tail = "".join(rng.choice("0123456789") for _ in range(5))
    return f"蒙H{rng.choice(PLATE_LETTERS)}{tail[1:]}"


class _Texts:
    """Filled-in subjects, bodies and answers."""

    def __init__(self, rng: random.Random, county: Division):
        self.rng = rng
        townships = list(Division.objects.filter(parent=county).order_by("code"))
        villages = list(Division.objects.filter(parent__parent=county).select_related("parent"))
        self.places = [(v.parent.name, v.name) for v in sorted(villages, key=lambda v: v.code)]
        self.townships = townships
        if not self.places:
            self.places = [(t.name, t.name) for t in townships] or [(county.name, county.name)]

    def fill(self, text: str, writer: _Writer, township: str, village: str) -> str:
        return text.format(
            township=township,
            village=village,
            name=writer.name,
            phone=writer.phone,
            plate=_plate(self.rng),
            estate=self.rng.choice(ESTATES),
            street=self.rng.choice(STREETS),
            month=self.rng.choice(MONTHS),
            n=self.rng.randrange(100, 999),
        )

    def message(self, kind: str, writer: _Writer) -> tuple[str, str, str, str, str | None]:
        """(topic, subject, body, answer, department code or township name) for ``kind``."""
        rng = self.rng
        township, village = rng.choice(self.places)
        local = [t for t in TOWNSHIP_TEMPLATES if kind in t[1]]
        if local and rng.random() < 0.12:
            topic, _kinds, subject, body, answer = rng.choice(local)
            department = township
        else:
            choices = [t for t in TEMPLATES if kind in t[2]]
            topic, department, _kinds, subject, body, answer = rng.choice(choices)
        opening = rng.choice(OPENINGS[kind])
        closing = rng.choice(CLOSINGS)
        body = self.fill(opening + body + closing, writer, township, village)
        return (
            topic,
            self.fill(subject, writer, township, village),
            body,
            self.fill(answer, writer, township, village),
            department,
        )


def _answering_departments(county: Division) -> dict[str, Department]:
    """The departments the messages go to: the county's named in the templates (by code), the
    routing office's own and the government office, and each township's government (by the
    township's name)."""
    codes = {t[1] for t in TEMPLATES} | {"gkb", "zfb"}
    by_code = {d.code: d for d in Department.objects.filter(division=county, code__in=codes)}
    by_township = {
        d.division.name: d
        for d in Department.objects.filter(
            division__parent=county, kind=Department.Kind.GOVERNMENT
        ).select_related("division")
    }
    return by_code | by_township


def _liaisons(rng: random.Random, departments: dict[str, Department]) -> dict[int, User]:
    """One liaison (reviewer) per answering department; the demo reviewer answers for the
    housing bureau."""
    existing = {
        u.department_id: u
        for u in User.objects.filter(username="reviewer").select_related("department")
    }
    needed = {d.pk: d for d in departments.values() if d.pk not in existing}
    password = make_password(None)
    new = [
        User(
            username=f"liaison{n:02d}",
            full_name=_name(rng),
            kind=User.Kind.STAFF,
            department=department,
            password=password,
        )
        for n, department in enumerate(sorted(needed.values(), key=lambda d: d.pk), start=1)
    ]
    User.objects.bulk_create(new)
    group = Group.objects.get(name=Role.REVIEWER)
    through = User.groups.through
    through.objects.bulk_create([through(user_id=u.pk, group_id=group.pk) for u in new])
    return {**existing, **{u.department_id: u for u in new}}


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class _History:
    """The messages of the generated years, as unsaved rows, then inserted in bulk."""

    def __init__(self, rng, county, texts, departments, liaisons, citizens, office):
        self.rng = rng
        self.county = county
        self.texts = texts
        self.departments = departments
        self.liaisons = liaisons
        self.citizens = citizens
        self.office = office
        self.calendar = get_calendar()
        self.messages: list[Message] = []
        self.clocks: list[tuple[Message, list[dict]]] = []
        self.serial = 0

    def workday_after(self, day: datetime.date, n: int) -> datetime.date:
        return self.calendar.add_workdays(day, n).date

    def writer(self, year: int) -> _Writer:
        rng = self.rng
        if self.citizens and rng.random() < ACCOUNT_SHARE.get(year, 0):
            user = rng.choice(self.citizens)
            return _Writer(user.full_name, user.phone or _phone(rng), user.pk)
        return _Writer(_name(rng), _phone(rng))

    def days(self, year: int, last: datetime.date, n: int) -> list[datetime.date]:
        first = datetime.date(year, 1, 1)
        span = (last - first).days + 1
        days = [first + datetime.timedelta(days=self.rng.randrange(span)) for _ in range(n)]
        # Fewer messages arrive at weekends and on holidays: move most of them to the next
        # working day.
        moved = []
        for day in days:
            if not self.calendar.day_is_workday(day) and self.rng.random() < 0.7:
                day = min(self.workday_after(day, 1), last)
            moved.append(day)
        return sorted(moved)

    def run(self, year: int, counts: dict[str, int], last: datetime.date) -> None:
        share = ((last - datetime.date(year, 1, 1)).days + 1) / (
            (datetime.date(year, 12, 31) - datetime.date(year, 1, 1)).days + 1
        )
        for kind, total in counts.items():
            for day in self.days(year, last, round(total * min(share, 1))):
                self.one(kind, day, year)

    def one(self, kind: str, day: datetime.date, year: int) -> None:
        rng = self.rng
        self.serial += 1
        writer = self.writer(year)
        consent = rng.random() < CONSENT_SHARE
        message = Message(
            number=f"~demo{self.serial}",
            query_digest="",
            idempotency_key=f"demo-interaction-{self.serial}",
            kind=kind,
            division=self.county,
            name=writer.name,
            phone=writer.phone,
            user_id=writer.user_id,
            publication_consent=consent,
            submitted_on=day,
            submitted_at=_aware(day, rng.randrange(8, 22)),
        )
        self.messages.append(message)
        if rng.random() < SPAM_SHARE[kind]:
            subject, body = rng.choice(SPAM)
            message.subject = subject
            message.body = body.format(n=rng.randrange(100, 999), phone=_phone(rng))
            message.publication_consent = False
            self.close(
                message, Message.Status.REJECTED, self.workday_after(day, 1), "广告或无实质内容"
            )
            return
        topic, subject, body, answer, department = self.texts.message(kind, writer)
        message.topic, message.subject, message.body = topic, subject, body
        if rng.random() < DUPLICATE_SHARE:
            reason = rng.choice(DUPLICATE_REASONS)
            self.close(message, Message.Status.CLOSED, self.workday_after(day, 1), reason)
            return
        self.answer(message, kind, day, self.departments[department], answer)

    def close(self, message: Message, status: str, on: datetime.date, reason: str) -> None:
        message.status = status
        message.closed_on = on
        message.reason = reason
        message.last_activity_at = _aware(on, 16)

    def answer(self, message, kind, day, department, answer) -> None:
        rng = self.rng
        limit = limits.answer_limit(kind)
        late = rng.random() < LATE_SHARE
        if late:
            used = limit + rng.randint(1, 6)
        else:
            used = 1 + int(rng.betavariate(1.8, 1.6) * limit)
            used = min(max(used, 1), limit)
        routed = self.workday_after(day, 1)
        answered = self.workday_after(day, used)
        clocks = []
        if rng.random() < REROUTED_SHARE and used >= 3:
            wrong = rng.choice([d for d in self.departments.values() if d.pk != department.pk])
            rerouted = self.workday_after(day, 2)
            clocks.append({"department": wrong, "completed_on": rerouted})
            routed = rerouted
        clocks.append({"department": department, "completed_on": answered})
        self.clocks.append((message, clocks))
        message.department = department
        message.routed_on = min(routed, answered)
        message.answer = answer
        message.answered_on = answered
        message.answered_by_id = self.liaisons[department.pk].pk
        message.status = Message.Status.ANSWERED
        message.last_activity_at = _aware(answered, 15)
        if message.publication_consent and rng.random() < PUBLISHED_SHARE:
            public = redact  # the services' redaction, as message_publish applies it
            message.public_subject = public(message.subject, names=[message.name])[:200]
            message.public_body = public(message.body, names=[message.name])
            message.public_answer = public(message.answer, names=[message.name])
            message.published_on = self.workday_after(answered, rng.randint(1, 3))
            message.published_by_id = self.office.pk
            message.status = Message.Status.PUBLISHED
            message.last_activity_at = _aware(message.published_on, 16)
        elif message.publication_consent or rng.random() < 0.5:
            on = self.workday_after(answered, rng.randint(1, 5))
            reason = rng.choice(CLOSED_UNPUBLISHED) if message.publication_consent else ""
            self.close(message, Message.Status.CLOSED, on, reason)

    def insert(self) -> int:
        """Insert the messages, then give them their numbers, query digests and clocks."""
        Message.objects.bulk_create(self.messages, batch_size=1000)
        for message in self.messages:
            prefix = Message.PREFIXES[Message.Kind(message.kind)]
            message.number = f"{prefix}{message.submitted_on:%Y}{message.pk:06d}"
            code = f"{self.rng.randrange(10**8):08d}"
            message.query_digest = hashlib.sha256(f"{message.number}:{code}".encode()).hexdigest()
        Message.objects.bulk_update(self.messages, ["number", "query_digest"], batch_size=1000)
        rows = []
        for message, clocks in self.clocks:
            limit = limits.answer_limit(message.kind)
            due = self.calendar.add_workdays(message.submitted_on, limit)
            for clock in clocks:
                rows.append(
                    Clock(
                        purpose=services.ANSWER,
                        owner_type=Message._meta.label_lower,
                        owner_id=str(message.pk),
                        division_id=self.county.pk,
                        department=clock["department"],
                        day_kind=Clock.DayKind.WORKING,
                        legal_basis=str(services.LEGAL_BASIS[Message.Kind(message.kind)]),
                        started_on=message.submitted_on,
                        limit_days=limit,
                        due_date=due.date,
                        provisional=due.provisional,
                        status=Clock.Status.COMPLETED,
                        completed_on=clock["completed_on"],
                    )
                )
        Clock.objects.bulk_create(rows, batch_size=1000)
        return len(rows)


class _Current:
    """Current messages driven through the services, dated in the last weeks."""

    def __init__(self, rng, county, texts, departments, liaisons, office, citizen):
        self.rng = rng
        self.county = county
        self.texts = texts
        self.departments = departments
        self.liaisons = liaisons
        self.office = office
        self.citizen = citizen
        self.calendar = get_calendar()
        self.today = timezone.localdate()
        self.numbers: list[str] = []

    def day(self, n: int) -> datetime.date:
        """The nth working day before today (0: today, or the last working day)."""
        day = self.today
        while not self.calendar.day_is_workday(day):
            day -= datetime.timedelta(days=1)
        for _ in range(n):
            day -= datetime.timedelta(days=1)
            while not self.calendar.day_is_workday(day):
                day -= datetime.timedelta(days=1)
        return day

    def submit(self, kind: str, arrived: int, *, account: bool = False, consent: bool = True):
        writer = (
            _Writer(self.citizen.full_name, self.citizen.phone)
            if account
            else _Writer(_name(self.rng), _phone(self.rng))
        )
        topic, subject, body, answer, department = self.texts.message(kind, writer)
        sent = services.message_submit(
            actor=self.citizen if account else None,
            kind=kind,
            division=self.county,
            subject=subject,
            body=body,
            topic=topic,
            name=writer.name,
            phone=writer.phone,
            publication_consent=consent,
            idempotency_key=f"demo-interaction-current-{len(self.numbers) + 1}",
            on=self.day(arrived),
        )
        self.numbers.append(sent.message.number)
        return sent.message, self.departments[department], answer

    def route(self, message, department, on: int):
        return services.message_route(
            actor=self.office, message=message, department=department, on=self.day(on)
        )

    def answer(self, message, department, text, on: int):
        return services.message_answer(
            actor=self.liaisons[department.pk], message=message, answer=text, on=self.day(on)
        )

    def run(self) -> list[str]:
        # Waiting for the routing office.
        self.submit("consultation", 0)
        self.submit("mailbox", 1, account=True)
        # Routed, time left (green).
        message, dept, _answer = self.submit("mailbox", 2)
        self.route(message, dept, 1)
        message, dept, _answer = self.submit("complaint", 1, account=True)
        self.route(message, dept, 0)
        # Near the due date (yellow): a complaint 9 of its 10 days gone, a consultation 4 of 5.
        message, dept, _answer = self.submit("complaint", 9)
        self.route(message, dept, 8)
        message, dept, _answer = self.submit("consultation", 4)
        self.route(message, dept, 3)
        # Past the due date (red): a consultation 8 days old, a letter 17 days old.
        message, dept, _answer = self.submit("consultation", 8)
        self.route(message, dept, 7)
        message, dept, _answer = self.submit("mailbox", 17)
        self.route(message, dept, 16)
        # Routed to the wrong department first, then rerouted.
        message, dept, _answer = self.submit("complaint", 5)
        wrong = self.departments["gkb"] if dept.code != "gkb" else self.departments["zfb"]
        self.route(message, wrong, 4)
        services.message_reroute(
            actor=self.office,
            message=message,
            department=dept,
            reason="该事项属其他部门职责，转交承办。",
            on=self.day(3),
        )
        # Answered, waiting for the office to publish (and one by the demo citizen).
        for arrived, account in ((12, False), (7, True)):
            message, dept, text = self.submit("consultation", arrived, account=account)
            self.route(message, dept, arrived - 1)
            self.answer(message, dept, text, arrived - 3)
        # Answered without consent, and answered then published.
        message, dept, text = self.submit("complaint", 15, consent=False)
        self.route(message, dept, 14)
        self.answer(message, dept, text, 8)
        message, dept, text = self.submit("consultation", 14)
        self.route(message, dept, 13)
        self.answer(message, dept, text, 11)
        services.message_publish(actor=self.office, message=message, on=self.day(9))
        return self.numbers


def _sweep_after(ctx: DemoContext) -> None:
    """Raise today's alerts on the answer clocks, unless the supervision loader runs after this
    one (its sweep covers them)."""
    from zhengwu.demo.registry import LOADERS
    from zhengwu.supervision.sweep import sweep

    me, supervision = __name__, "zhengwu.supervision.demo"
    if me in LOADERS and supervision in LOADERS and LOADERS.index(supervision) > LOADERS.index(me):
        return
    result = sweep()
    ctx.step(f"sweep: {result.total_raised} alerts raised, {result.total_cleared} cleared")


def load(ctx: DemoContext) -> None:
    county = home_county()
    rng = random.Random(2012)  # noqa: S311 - demo data, deterministic
    departments = _answering_departments(county)
    liaisons = _liaisons(rng, departments)
    office = User.objects.get(username="disclosure")
    citizen = User.objects.get(username="citizen")
    # Writers with an account: the citizens the cases loader generated, if it ran (the demo
    # citizen's own messages are among the current ones).
    citizens = list(
        User.objects.filter(kind=User.Kind.CITIZEN).exclude(username="citizen").order_by("pk")[:300]
    )
    texts = _Texts(rng, county)
    history = _History(rng, county, texts, departments, liaisons, citizens, office)
    today = timezone.localdate()
    last = today - datetime.timedelta(days=RECENT_DAYS)
    for year, counts in YEARS.items():
        end = min(datetime.date(year, 12, 31), last)
        if end.year == year:
            history.run(year, counts, end)
    n_clocks = history.insert()
    ctx.step(f"{len(history.messages)} messages of {', '.join(map(str, YEARS))} inserted")
    current = _Current(rng, county, texts, departments, liaisons, office, citizen).run()
    ctx.step(f"{len(current)} current messages through the services, {n_clocks} historic clocks")
    audit_record(
        actor=None,
        action="demo_load_interaction",
        object_type=Message._meta.label_lower,
        object_id="*",
        detail={
            "messages": len(history.messages),
            "clocks": n_clocks,
            "current": current,
        },
        division=county,
    )
    _sweep_after(ctx)

# ruff: noqa: E501 - the tables of demo data read best one record a line
"""The demo county's law study and exams, in the seed report's figures for 2012.

2012: the county-level leaders' central group studied 12 times (县处级领导干部中心组学习12期);
5 in-service refresher courses trained 893 civil servants (更新知识培训班5期, 培训893人) and 2
courses for the section-level leaders appointed and the staff hired since 2007 trained 283
(培训班两期, 培训283人); 115 administrative, enterprise and public institutions sat the 2012
annual law exam, 3,012 of the 3,018 staff required to sit (99.8%, "3000多人 … 参考率达99.8%").
The units are the county's departments and township governments of the organisation tree,
then its schools, hospitals, other public institutions and enterprises.

This year (dates counted back from today): a few sessions and courses, a pre-appointment exam
with one candidate who failed, an enforcement qualification exam whose results reach the
enforcement registry (when it is loaded), and the annual exam in progress — some units have
reported, the rest not yet.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.lawstudy import services
from zhengwu.lawstudy.models import Exam, ExamUnit, StudySession
from zhengwu.org.models import Department, User
from zhengwu.org.selectors import home_county

D = datetime.date
UNITS_2012 = 115
ELIGIBLE_2012 = 3018
ABSENT_2012 = [2, 1, 1, 1, 1]  # 6 absent: 3,012 of 3,018 sat (99.80%)
FAILED_2012 = 25
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

# Units outside the organisation tree: (name, kind).
INST, ENT = ExamUnit.Kind.INSTITUTION, ExamUnit.Kind.ENTERPRISE
OTHER_UNITS = [
    ("多伦县第一中学", INST),
    ("多伦县第二中学", INST),
    ("多伦县第三中学", INST),
    ("多伦县蒙古族中学", INST),
    ("多伦县职业教育中心", INST),
    ("多伦县第一小学", INST),
    ("多伦县第二小学", INST),
    ("多伦县第三小学", INST),
    ("多伦县第四小学", INST),
    ("多伦县蒙古族小学", INST),
    ("多伦县大北沟镇中心学校", INST),
    ("多伦县蔡木山乡中心学校", INST),
    ("多伦县西干沟乡中心学校", INST),
    ("多伦县第一幼儿园", INST),
    ("多伦县第二幼儿园", INST),
    ("多伦县医院", INST),
    ("多伦县蒙医医院", INST),
    ("多伦县中医医院", INST),
    ("多伦县妇幼保健所", INST),
    ("多伦县疾病预防控制中心", INST),
    ("多伦淖尔镇卫生院", INST),
    ("大北沟镇卫生院", INST),
    ("蔡木山乡卫生院", INST),
    ("西干沟乡卫生院", INST),
    ("多伦县广播电视台", INST),
    ("多伦县档案局", INST),
    ("多伦县行政干部学校", INST),
    ("多伦县图书馆", INST),
    ("多伦县文化馆", INST),
    ("多伦县文物管理所", INST),
    ("多伦县社会福利中心", INST),
    ("多伦县园林管理所", INST),
    ("多伦县环境卫生管理站", INST),
    ("多伦县农牧业技术推广中心", INST),
    ("多伦县水土保持工作站", INST),
    ("多伦县林业工作站", INST),
    ("多伦县就业服务局", INST),
    ("多伦县社会保险事业管理局", INST),
    ("多伦县医疗保险管理中心", INST),
    ("多伦县住房公积金管理中心", INST),
    ("多伦县国有林场", INST),
    ("多伦县自来水公司", ENT),
    ("多伦县热力公司", ENT),
    ("国网多伦县供电分公司", ENT),
    ("多伦县粮食收储有限责任公司", ENT),
    ("多伦县农村信用合作联社", ENT),
    ("多伦县城市建设投资有限责任公司", ENT),
    ("多伦县公共交通有限公司", ENT),
    ("中国邮政集团公司多伦县分公司", ENT),
    ("中国电信多伦分公司", ENT),
    ("中国移动多伦分公司", ENT),
    ("中国联通多伦分公司", ENT),
    ("多伦县新华书店", ENT),
    ("中国石油多伦分公司", ENT),
    ("多伦县种子公司", ENT),
    ("多伦县物资总公司", ENT),
    ("多伦县草原乳业有限公司", ENT),
    ("多伦县建筑安装工程有限公司", ENT),
    ("多伦县农牧业机械有限公司", ENT),
]

# The 12 sessions of the central group in 2012: (day, topic, laws, lecturer, attendees).
SESSIONS_2012 = [
    (D(2012, 1, 12), "学习《行政强制法》，规范行政强制行为", ["中华人民共和国行政强制法"], "县政府法制办主任", 27),
    (D(2012, 2, 23), "依法推进国有土地上房屋征收与补偿", ["国有土地上房屋征收与补偿条例"], "县住房和城乡建设局局长", 28),
    (D(2012, 3, 15), "学习《国务院关于加强法治政府建设的意见》", ["全面推进依法行政实施纲要"], "县委党校副校长", 29),
    (D(2012, 4, 19), "行政许可的设定与实施", ["中华人民共和国行政许可法"], "县政府法制办主任", 26),
    (D(2012, 5, 17), "政府信息公开与政务公开", ["中华人民共和国政府信息公开条例"], "县政务公开办主任", 28),
    (D(2012, 6, 14), "安全生产法律责任", ["中华人民共和国安全生产法", "生产安全事故报告和调查处理条例"], "县安全生产监督管理局局长", 27),
    (D(2012, 7, 12), "行政复议与行政应诉", ["中华人民共和国行政复议法", "中华人民共和国行政诉讼法"], "锡林郭勒盟行政公署法制办公室副主任", 30),
    (D(2012, 8, 16), "草原保护与生态建设的法律制度", ["中华人民共和国草原法", "中华人民共和国防沙治沙法"], "县农牧业局局长", 26),
    (D(2012, 9, 13), "信访工作的法治化", ["信访条例"], "县信访局局长", 28),
    (D(2012, 10, 18), "修改后的《国家赔偿法》解读", ["中华人民共和国国家赔偿法"], "县人民法院副院长", 27),
    (D(2012, 11, 22), "修改后的《刑事诉讼法》《民事诉讼法》", ["中华人民共和国刑事诉讼法", "中华人民共和国民事诉讼法"], "县人民检察院副检察长", 29),
    (D(2012, 12, 20), "学习党的十八大报告中全面推进依法治国的部署", ["中华人民共和国宪法"], "县委党校校长", 31),
]  # fmt: skip

ORGANISER = "多伦县人力资源和社会保障局、多伦县行政干部学校"
# (title, kind, start, end, hours, participants): 5 refresher courses (893), 2 new-staff (283).
COURSES_2012 = [
    ("全县公务员更新知识培训班（第一期）", "refresher", D(2012, 3, 5), D(2012, 3, 9), 40, 182),
    ("全县公务员更新知识培训班（第二期）", "refresher", D(2012, 4, 9), D(2012, 4, 13), 40, 176),
    ("全县公务员更新知识培训班（第三期）", "refresher", D(2012, 5, 14), D(2012, 5, 18), 40, 185),
    ("全县公务员更新知识培训班（第四期）", "refresher", D(2012, 9, 10), D(2012, 9, 14), 40, 172),
    ("全县公务员更新知识培训班（第五期）", "refresher", D(2012, 10, 15), D(2012, 10, 19), 40, 178),
    ("2007年以来新任科级领导干部培训班", "new_staff", D(2012, 6, 11), D(2012, 6, 15), 32, 146),
    ("2007年以来行政事业新聘用人员培训班", "new_staff", D(2012, 7, 9), D(2012, 7, 13), 32, 137),
]  # fmt: skip

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红梅鹏飞斌宇浩凯"


def _id_number(body17: str) -> str:
    total = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


class _Loader:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.county = home_county()
        self.rng = random.Random(2012)  # noqa: S311 - demo data, deterministic
        self.today = timezone.localdate()
        self.legal = User.objects.get(username="legal")

    def units(self) -> list[ExamUnit]:
        departments = list(
            Department.objects.filter(is_active=True)
            .filter(division__in=[self.county, *self.county.children.all()])
            .exclude(kind=Department.Kind.COMMITTEE)
            .order_by("division__code", "code")
        )
        rows = [
            ExamUnit(
                division=self.county,
                name=d.name,
                kind=ExamUnit.Kind.INSTITUTION
                if d.kind == Department.Kind.INSTITUTION
                else ExamUnit.Kind.ADMINISTRATIVE,
                department=d,
            )
            for d in departments[:UNITS_2012]
        ]
        names = {d.name for d in departments}
        rows += [
            ExamUnit(division=self.county, name=name, kind=kind)
            for name, kind in OTHER_UNITS
            if name not in names
        ][: UNITS_2012 - len(rows)]
        ExamUnit.objects.bulk_create(rows)
        units = list(ExamUnit.objects.filter(division=self.county).order_by("pk"))
        audit_record(
            actor=None,
            action="lawstudy_units_load",
            object_type="lawstudy.examunit",
            object_id="*",
            detail={"units": len(units), "linked": sum(1 for u in units if u.department_id)},
            division=self.county,
        )
        self.ctx.step(
            f"{len(units)} exam units ({sum(1 for u in units if u.department_id)} departments)"
        )
        return units

    def year_2012(self, units: list[ExamUnit]) -> None:
        for day, topic, laws, lecturer, attendees in SESSIONS_2012:
            services.session_record(
                actor=self.legal,
                division=self.county,
                kind=StudySession.Kind.CENTRAL_GROUP,
                held_on=day,
                topic=topic,
                laws=laws,
                lecturer=lecturer,
                attendee_count=attendees,
                minutes=f"{day:%Y年%m月%d日}县处级领导干部中心组集中学习，{lecturer}主讲。",
            )
        for title, kind, start, end, hours, participants in COURSES_2012:
            services.course_record(
                actor=self.legal,
                division=self.county,
                title=title,
                organiser=ORGANISER,
                kind=kind,
                starts_on=start,
                ends_on=end,
                hours=hours,
                participant_count=participants,
            )
        exam = services.exam_create(
            actor=self.legal,
            division=self.county,
            kind=Exam.Kind.ANNUAL,
            year=2012,
            title="2012年度全县学法用法考试",
            held_on=D(2012, 11, 18),
        )
        services.participation_import(
            actor=self.legal, exam=exam, rows=self._participation(units, ELIGIBLE_2012)
        )
        services.exam_close(actor=self.legal, exam=exam)
        self.ctx.step("2012: 12 central-group sessions, 7 courses (893 + 283), the annual exam")

    def _sizes(self, units: list[ExamUnit], total: int) -> list[int]:
        ranges = {
            ExamUnit.Kind.ADMINISTRATIVE: (18, 40),
            ExamUnit.Kind.INSTITUTION: (20, 42),
            ExamUnit.Kind.ENTERPRISE: (10, 30),
        }
        sizes = [self.rng.randint(*ranges[u.kind]) for u in units]
        i = 0
        while sum(sizes) != total:  # spread the difference one by one
            step = 1 if sum(sizes) < total else -1
            if sizes[i % len(sizes)] + step >= 8:
                sizes[i % len(sizes)] += step
            i += 1
        return sizes

    def _participation(self, units, total: int) -> list[dict]:
        sizes = self._sizes(units, total)
        absent = [0] * len(units)
        # The absences fall on enterprises and hospitals (shift work); the first one misses 2.
        targets = [i for i, u in enumerate(units) if u.kind == ExamUnit.Kind.ENTERPRISE]
        for slot, n in zip(targets, ABSENT_2012, strict=False):
            absent[slot] = n
        failed = [0] * len(units)
        for _ in range(FAILED_2012):
            failed[self.rng.randrange(len(units))] += 1
        return [
            {
                "row": n + 2,
                "unit": u.name,
                "eligible": sizes[n],
                "participants": sizes[n] - absent[n],
                "passed": sizes[n] - absent[n] - failed[n],
            }
            for n, u in enumerate(units)
        ]

    def current(self, units: list[ExamUnit]) -> None:
        t = self.today

        def ago(days: int) -> datetime.date:
            return t - datetime.timedelta(days=days)

        for days, kind, topic, laws, lecturer, n in [
            (75, "central_group", "学习《法治政府建设实施纲要》", ["法治政府建设实施纲要"], "县司法局局长", 28),
            (40, "standing_meeting", "会前学法：《重大行政决策程序暂行条例》", ["重大行政决策程序暂行条例"], "县司法局副局长", 19),
            (12, "leaders", "领导干部集中学法：修订后的《行政复议法》", ["中华人民共和国行政复议法"], "锡林郭勒盟司法局行政复议科科长", 64),
        ]:  # fmt: skip
            services.session_record(
                actor=self.legal,
                division=self.county,
                kind=kind,
                held_on=ago(days),
                topic=topic,
                laws=laws,
                lecturer=lecturer,
                attendee_count=n,
            )
        for days, length, kind, title, hours, n in [
            (60, 4, "refresher", "全县公务员更新知识培训班", 32, 168),
            (20, 2, "enforcement", "行政执法人员综合法律知识培训班", 16, 112),
        ]:
            services.course_record(
                actor=self.legal,
                division=self.county,
                title=f"{ago(days).year}年{title}",
                organiser="多伦县司法局" if kind == "enforcement" else ORGANISER,
                kind=kind,
                starts_on=ago(days),
                ends_on=ago(days - length),
                hours=hours,
                participant_count=n,
            )
        self._pre_appointment(ago(30), units)
        self._enforcement_exam(ago(25), units)
        held = ago(10)
        exam = services.exam_create(
            actor=self.legal,
            division=self.county,
            kind=Exam.Kind.ANNUAL,
            year=held.year,
            title=f"{held.year}年度全县学法用法考试",
            held_on=held,
        )
        reported = units[::3]  # a third of the units have reported so far
        rows = self._participation(reported, 28 * len(reported))
        rows[1]["participants"] = rows[1]["passed"] = rows[1]["eligible"] - 4  # a unit lagging
        services.participation_import(actor=self.legal, exam=exam, rows=rows)
        self.ctx.step(f"this year: 3 sessions, 2 courses, 3 exams ({len(rows)} units reported)")

    def _person(self, n: int) -> tuple[str, str]:
        name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(2))
        birth = D(1972, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 6000))
        return name, _id_number(f"152531{birth:%Y%m%d}{500 + n:03d}")

    def _pre_appointment(self, day: datetime.date, units: list[ExamUnit]) -> None:
        exam = services.exam_create(
            actor=self.legal,
            division=self.county,
            kind=Exam.Kind.PRE_APPOINTMENT,
            year=day.year,
            title=f"{day.year}年拟任科级领导干部任前法律知识考试",
            held_on=day,
        )
        scores = [86, 78, 91, 52, 74, 83]  # the fourth candidate fails and is flagged
        linked = [u for u in units if u.department_id]
        rows = []
        for n, score in enumerate(scores):
            name, id_number = self._person(n)
            unit = linked[n * 11 % len(linked)]
            post = _post(unit.name, n)
            rows.append(
                {
                    "row": n + 2,
                    "full_name": name,
                    "id_number": id_number,
                    "unit": unit.name,
                    "score": score,
                    "appointment": f"{unit.name}{post}",
                }
            )
        services.results_import(actor=self.legal, exam=exam, rows=rows)
        services.exam_close(actor=self.legal, exam=exam)

    def _enforcement_exam(self, day: datetime.date, units: list[ExamUnit]) -> None:
        from zhengwu.enforcement.models import Official

        exam = services.exam_create(
            actor=self.legal,
            division=self.county,
            kind=Exam.Kind.ENFORCEMENT,
            year=day.year,
            title=f"{day.year}年行政执法人员资格考试",
            held_on=day,
        )
        by_department = {u.department_id: u for u in units if u.department_id}
        officials = list(
            Official.objects.filter(body__division=self.county)
            .select_related("body")
            .order_by("pk")[:6]
        )
        rows = [
            {
                "row": n + 2,
                "full_name": o.full_name,
                "id_number": o.id_number,
                "unit": getattr(by_department.get(o.body.department_id), "name", ""),
                "score": 70 + n * 4,
            }
            for n, o in enumerate(officials)
        ]
        for n in range(len(rows), len(rows) + 3):  # new staff, not in the registry yet
            name, id_number = self._person(20 + n)
            rows.append({"row": n + 2, "full_name": name, "id_number": id_number, "score": 64 + n})
        services.results_import(actor=self.legal, exam=exam, rows=rows)
        services.exam_close(actor=self.legal, exam=exam)


def _post(unit: str, n: int) -> str:
    """The leading post a candidate is to be appointed to in ``unit``."""
    if unit.endswith("人民政府"):
        return "副镇长" if "镇" in unit else "副乡长"
    if unit.endswith(("局", "办公室")):
        return "局长" if n % 3 == 2 else ("副主任" if unit.endswith("办公室") else "副局长")
    return "副所长" if unit.endswith("所") else "副队长" if unit.endswith("队") else "副主任"


def load(ctx: DemoContext) -> None:
    loader = _Loader(ctx)
    units = loader.units()
    loader.year_2012(units)
    loader.current(units)

"""The demo county's disclosure requests: the year 2012 of the seed, 2011 before it, and a few
current requests in every state.

- 2011: 30 applications received; 24 concluded in 2011, 6 received in November–December and
  concluded in January–February 2012 (carried over into 2012);
- 2012: 48 applications received; 44 concluded in 2012, 4 received in late December and
  concluded in January 2013 (carried forward);

so the 2012 table reads: new 48, carried over 6, handled 50, carried forward 4 (48 + 6 = 50 + 4).
The 50 requests concluded in 2012 cover every outcome and sub-ground of the annual report and
every applicant type; the rest are drawn with realistic weights (most information is disclosed).
Requests abandoned for want of correction, withdrawn, corrected, consulted with a third party or
extended carry the rows and clocks the services would have left (correction notices,
consultations, completed reply clocks with their exclusions and extensions, dated by the
calendar in the database).

The historic rows are built deterministically and inserted in bulk with one audit event for the
load; the current requests (dated in the last weeks) go through the real services, so they have
their clocks, audit trails and written replies, and the disclosure officer finds work.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import Max
from django.utils import timezone

from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.disclosure.models.requests import (
    SUB_GROUNDS,
    ApplicantType,
    Consultation,
    DisclosureRequest,
    ObtainingMethod,
    Outcome,
    ProvisionForm,
    RequestChannel,
    RequestCorrection,
)
from zhengwu.disclosure.requests import reply as reply_document
from zhengwu.disclosure.requests import services
from zhengwu.org.models import Department, Division, User
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Clock, ClockExtension, ClockSuspension, Day
from zhengwu.workdays.redate import recompute_due_dates

# (year, received, concluded in that year); the rest of each year's are concluded the next.
YEARS = {2011: (30, 24), 2012: (48, 44)}
SEED = 20120049

# Whom the applications are addressed to (department code of the county, weight); the township
# governments share the weight of "townships".
DEPARTMENT_WEIGHTS = {
    "zf": 10,
    "zjj": 8,
    "gtj": 7,
    "czj": 5,
    "rsj": 4,
    "hbj": 4,
    "mzj": 3,
    "jyj": 3,
    "gaj": 2,
    "fgj": 2,
    "townships": 3,
}
TYPE_WEIGHTS = {
    ApplicantType.NATURAL_PERSON: 70,
    ApplicantType.COMMERCIAL: 16,
    ApplicantType.RESEARCH: 2,
    ApplicantType.PUBLIC_WELFARE: 3,
    ApplicantType.LEGAL_SERVICE: 5,
    ApplicantType.OTHER_ORGANISATION: 4,
}
OUTCOME_WEIGHTS = {
    (Outcome.DISCLOSED, None): 40,
    (Outcome.PARTLY_DISCLOSED, None): 8,
    (Outcome.WITHHELD, 4): 3,
    (Outcome.WITHHELD, 6): 3,
    (Outcome.UNAVAILABLE, 1): 12,
    (Outcome.UNAVAILABLE, 2): 3,
    (Outcome.NOT_PROCESSED, 1): 4,
    (Outcome.NOT_PROCESSED, 2): 2,
    (Outcome.OTHER, 1): 2,
    (Outcome.OTHER, 3): 3,
}
# Every outcome and sub-ground of the report, once each in 2012.
EVERY_OUTCOME = [(Outcome.DISCLOSED, None), (Outcome.PARTLY_DISCLOSED, None)] + [
    (outcome, ground) for outcome, grounds in SUB_GROUNDS.items() for ground in grounds
]

SOUGHT = [
    "{year}年度本部门预算及“三公”经费支出情况",
    "{year}年城区老旧小区改造项目实施方案",
    "多伦淖尔镇{year}年征地补偿安置方案",
    "{year}年农村牧区最低生活保障资金发放明细（本村）",
    "县城集中供热管网改造工程的招标文件及中标结果",
    "{year}年度建设项目环境影响评价审批文件（乳品加工厂项目）",
    "滦河综合治理工程的立项批复及投资概算",
    "{year}年保障性住房分配名单及评分标准",
    "县第二中学新校区建设用地的规划许可文件",
    "{year}年草原生态保护补助奖励资金分配方案",
    "本人所在村土地承包经营权确权登记资料",
    "{year}年度公务员招录考试成绩及体检结果公示材料",
    "县人民政府{year}年第3次常务会议纪要中有关本小区拆迁的内容",
    "{year}年国有建设用地使用权出让公告及成交结果",
    "某企业排污许可证及监督性监测数据",
]
REPLY_TEXT = {
    Outcome.DISCLOSED: "现将所申请的政府信息提供给您，请查收。",
    Outcome.PARTLY_DISCLOSED: "所申请信息中涉及个人隐私的部分已作区分处理，其余部分予以提供。",
    Outcome.WITHHELD: "经审查，依法不予公开。",
    Outcome.UNAVAILABLE: "经检索，未能提供所申请的信息。",
    Outcome.NOT_PROCESSED: "本机关依法不予处理。",
    Outcome.OTHER: "本机关不再处理该申请。",
}
PURPOSES = ["了解本人权益相关情况", "学术研究", "企业经营决策参考", "维护合法权益", ""]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许"
GIVEN = ["建国", "秀英", "桂兰", "志强", "海燕", "丽娟", "玉梅", "晓东", "红霞", "俊杰", "文博"]
ORGANISATIONS = {
    ApplicantType.COMMERCIAL: ["多伦县{}商贸有限公司", "多伦县{}建筑工程有限公司"],
    ApplicantType.RESEARCH: ["锡林郭勒职业学院{}研究所"],
    ApplicantType.PUBLIC_WELFARE: ["多伦县{}志愿者协会", "锡林郭勒盟{}生态保护基金会"],
    ApplicantType.LEGAL_SERVICE: ["内蒙古{}律师事务所"],
    ApplicantType.OTHER_ORGANISATION: ["多伦县{}小区业主委员会", "多伦县{}农牧民专业合作社"],
}
BRANDS = ["草原", "滦河", "上都", "会盟", "汇宗", "诺尔", "锡林", "金莲川", "龙泉", "北山"]
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORGANISATION_CODE = {  # the organisation-type prefix of the credit code (GB 32100)
    ApplicantType.COMMERCIAL: "91",
    ApplicantType.RESEARCH: "12",
    ApplicantType.PUBLIC_WELFARE: "53",
    ApplicantType.LEGAL_SERVICE: "31",
    ApplicantType.OTHER_ORGANISATION: "93",
}


def _id_number(body17: str) -> str:
    total = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


def _credit_code(body17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(body17, CREDIT_WEIGHTS, strict=True))
    return body17 + CREDIT_CHARSET[(31 - total % 31) % 31]


class _Calendar:
    """The working days of the official calendar from ``first`` to ``last``."""

    def __init__(self, first: datetime.date, last: datetime.date):
        rows = Day.objects.filter(date__range=(first, last), is_workday=True).order_by("number")
        self.dates = list(rows.values_list("date", flat=True))
        self.index = {d: i for i, d in enumerate(self.dates)}

    def of(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        return [d for d in self.dates if first <= d <= last]

    def shift(self, day: datetime.date, n: int) -> datetime.date:
        return self.dates[min(self.index[day] + n, len(self.dates) - 1)]

    def between(self, a: datetime.date, b: datetime.date) -> int:
        return self.index[b] - self.index[a]


class _Builder:
    """The historic requests as unsaved rows (with what goes with them), then bulk inserts."""

    def __init__(self, rng: random.Random, county: Division, officer: User, head: User | None):
        self.rng = rng
        self.county = county
        self.officer = officer
        self.head = head
        self.calendar = _Calendar(datetime.date(2010, 12, 1), datetime.date(2013, 3, 31))
        self.requests: list[DisclosureRequest] = []
        self.extras: dict[int, dict] = {}  # index → corrections, consultation, extension
        departments = {
            d.code: d
            for d in Department.objects.filter(division=county, code__in=DEPARTMENT_WEIGHTS)
        }
        townships = list(
            Department.objects.filter(
                division__parent=county, kind=Department.Kind.GOVERNMENT
            ).order_by("division__code")
        )
        self.targets, self.target_weights = [], []
        for code, weight in DEPARTMENT_WEIGHTS.items():
            if code == "townships":
                for township in townships:
                    self.targets.append(township)
                    self.target_weights.append(weight / max(len(townships), 1))
            elif code in departments:
                self.targets.append(departments[code])
                self.target_weights.append(weight)
        if not self.targets:
            self.targets = list(Department.objects.filter(division=county).order_by("code")[:5])
            self.target_weights = [1] * len(self.targets)

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def applicant(self, kind: str, serial: int) -> dict:
        rng = self.rng
        if kind == ApplicantType.NATURAL_PERSON:
            born = datetime.date(1945, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 50))
            return {
                "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "id_number": _id_number(f"152531{born:%Y%m%d}{rng.randrange(1000):03d}"),
                "phone": f"139{rng.randrange(10**8):08d}",
            }
        name = rng.choice(ORGANISATIONS[kind]).format(rng.choice(BRANDS))
        return {
            "organisation_name": name,
            "credit_code": _credit_code(f"{ORGANISATION_CODE[kind]}152531MA{serial:07d}"),
            "contact_person": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "phone": f"0479-45{rng.randrange(10**5):05d}",
        }

    def request(self, year: int, received: datetime.date, slot, kind: str, *, concluded_by):
        """One request received on ``received`` and concluded on a working day not after
        ``concluded_by`` (or exactly on it for the carried ones), with ``slot`` its outcome."""
        rng, cal = self.rng, self.calendar
        outcome, ground = slot
        index = len(self.requests)
        department = rng.choices(self.targets, weights=self.target_weights)[0]
        extras: dict = {}
        if (outcome, ground) == (Outcome.OTHER, 1):  # not corrected in time: abandoned
            asked = cal.shift(received, rng.randint(2, 6))
            due = cal.shift(asked, services.DEFAULT_CORRECTION_PERIOD_DAYS)
            concluded = due + datetime.timedelta(days=1)
            extras["correction"] = (asked, due, None)
        elif (outcome, ground) == (Outcome.OTHER, 3):  # withdrawn
            concluded = cal.shift(received, rng.randint(1, 8))
        elif (outcome, ground) == (Outcome.UNAVAILABLE, 3) or rng.random() < 0.06:
            asked = cal.shift(received, rng.randint(2, 6))
            due = cal.shift(asked, services.DEFAULT_CORRECTION_PERIOD_DAYS)
            corrected = cal.shift(asked, rng.randint(3, 12))
            concluded = cal.shift(corrected, rng.randint(5, 18))
            extras["correction"] = (asked, due, corrected)
        else:
            concluded = cal.shift(received, rng.randint(4, 19))
            if (outcome, ground) == (Outcome.WITHHELD, 4):
                sent = cal.shift(received, rng.randint(2, 5))
                answered = cal.shift(sent, rng.randint(5, 15))
                extras["consultation"] = (sent, answered)
                concluded = cal.shift(answered, rng.randint(2, 8))
            elif department.code == "zjj" and self.head is not None and rng.random() < 0.3:
                extras["extension"] = rng.choice((10, 15, 20))
                concluded = cal.shift(received, rng.randint(21, 19 + extras["extension"]))
        if concluded_by.year > year:  # carried: concluded in the next year
            concluded = concluded if concluded.year > year else concluded_by
        else:
            concluded = min(concluded, concluded_by)
        kind_fields = self.applicant(kind, index + 1)
        corrected_on = None
        if "correction" in extras:
            asked, due, corrected_on = extras["correction"]
        status = DisclosureRequest.Status.REPLIED
        if (outcome, ground) == (Outcome.OTHER, 1):
            status = DisclosureRequest.Status.ABANDONED
        elif (outcome, ground) == (Outcome.OTHER, 3):
            status = DisclosureRequest.Status.WITHDRAWN
        obtaining = rng.choice(list(ObtainingMethod))
        request = DisclosureRequest(
            division=self.county,
            department=department,
            applicant_type=kind,
            address="多伦县多伦淖尔镇" + rng.choice(["会盟路", "汇宗路", "滦河路"]) + "8号",
            postcode="027300",
            email="applicant@example.cn" if obtaining == ObtainingMethod.EMAIL else "",
            channel=rng.choice(
                [RequestChannel.IN_PERSON] * 5
                + [RequestChannel.POST] * 2
                + [RequestChannel.ONLINE] * 3
                + [RequestChannel.EMAIL]
            ),
            description=rng.choice(SOUGHT).format(year=received.year),
            purpose=rng.choice(PURPOSES),
            provision_form=rng.choice(list(ProvisionForm)),
            obtaining_method=obtaining,
            received_on=received,
            status=status,
            outcome=outcome,
            sub_ground=ground,
            concluded_on=concluded,
            corrected_on=corrected_on,
            **kind_fields,
        )
        if "correction" in extras:
            asked, due, _corrected = extras["correction"]
            request.correction_requested_on = asked
            request.correction_items = ["请明确所需信息的名称、文号或者便于查询的特征描述"]
            request.correction_period_days = services.DEFAULT_CORRECTION_PERIOD_DAYS
            request.correction_due_on = due
        if status == DisclosureRequest.Status.REPLIED:
            request.replied_on = concluded
            request.replied_by = self.officer
            request.reply_text = REPLY_TEXT[outcome]
            request.legal_basis = reply_document.legal_basis_for(outcome, ground)
        elif status == DisclosureRequest.Status.WITHDRAWN:
            request.withdrawn_on = concluded
            request.withdrawal_reason = "申请人书面撤回申请。"
        self.requests.append(request)
        self.extras[index] = extras

    def year(self, year: int, received_n: int, concluded_n: int, slots: list, kinds: list):
        """``received_n`` requests of ``year``; the last ``received_n - concluded_n`` (received
        late in the year) are concluded in the next year."""
        rng, cal = self.rng, self.calendar
        # Received by 20 November, a request is concluded within the year in every case.
        days = cal.of(datetime.date(year, 1, 4), datetime.date(year, 11, 20))
        carried = received_n - concluded_n
        early = sorted(rng.choices(days, k=concluded_n))
        late_days = cal.of(datetime.date(year, 12, 10), datetime.date(year, 12, 28))
        late = sorted(rng.sample(late_days, carried))
        next_year = cal.of(datetime.date(year + 1, 1, 8), datetime.date(year + 1, 2, 10))
        last = cal.of(datetime.date(year, 12, 1), datetime.date(year, 12, 31))[-1]
        for i, day in enumerate(early):
            self.request(year, day, slots[i], kinds[i], concluded_by=last)
        for j, day in enumerate(late):
            self.request(
                year,
                day,
                slots[concluded_n + j],
                kinds[concluded_n + j],
                concluded_by=rng.choice(next_year),
            )

    def number(self) -> None:
        """Numbers of each year in order of receipt; query codes whose digests only are kept."""
        by_year: dict[int, int] = {}
        order = sorted(range(len(self.requests)), key=lambda i: (self.requests[i].received_on, i))
        for request in (self.requests[i] for i in order):
            year = request.received_on.year
            by_year[year] = by_year.get(year, 0) + 1
            request.number = f"YSQ{year}{by_year[year]:04d}"
            code = f"{self.rng.randrange(10**8):08d}"
            request.query_digest = services.query_digest(request.number, code)

    def insert(self) -> dict:
        DisclosureRequest.objects.bulk_create(self.requests, batch_size=500)
        # submitted_at is stamped on insert; the applications arrived on their receipt day.
        for request in self.requests:
            request.submitted_at = timezone.make_aware(
                datetime.datetime.combine(request.received_on, datetime.time(9, 30))
            )
        DisclosureRequest.objects.bulk_update(self.requests, ["submitted_at"], batch_size=500)
        corrections, consultations, clocks, extensions, suspensions = [], [], [], [], []
        owner_type = DisclosureRequest._meta.label_lower
        for index, request in enumerate(self.requests):
            extras = self.extras[index]
            common = {
                "owner_type": owner_type,
                "owner_id": str(request.pk),
                "division_id": self.county.pk,
                "department_id": request.department_id,
                "day_kind": Clock.DayKind.WORKING,
                "status": Clock.Status.COMPLETED,
            }
            examined = self.calendar.shift(request.received_on, 1)
            if "correction" in extras:
                asked, due, corrected = extras["correction"]
                examined = asked
                corrections.append(
                    RequestCorrection(
                        request=request,
                        items=request.correction_items,
                        issued_on=asked,
                        issued_by=self.officer,
                        period_days=request.correction_period_days,
                        due_on=due,
                        answered_on=corrected,
                        lapsed_on=None if corrected else request.concluded_on,
                    )
                )
            clocks.append(
                (
                    None,
                    Clock(
                        purpose=services.CORRECTION_WINDOW,
                        legal_basis="政府信息公开条例第三十条",
                        started_on=request.received_on,
                        limit_days=services.CORRECTION_WINDOW_DAYS,
                        due_date=request.received_on,
                        completed_on=min(examined, request.concluded_on),
                        **common,
                    ),
                )
            )
            reply_start = request.corrected_on or request.received_on
            if request.corrected_on is not None:  # the first period, ended by the correction
                clocks.append(
                    (
                        None,
                        Clock(
                            purpose=services.REPLY,
                            legal_basis="政府信息公开条例第三十三条",
                            started_on=request.received_on,
                            limit_days=services.REPLY_DAYS,
                            max_extension_days=services.MAX_EXTENSION_DAYS,
                            due_date=request.received_on,
                            completed_on=request.corrected_on,
                            **common,
                        ),
                    )
                )
            excluded = 0
            if "consultation" in extras:
                sent, answered = extras["consultation"]
                excluded = self.calendar.between(sent, answered)
                consultations.append(
                    Consultation(
                        request=request,
                        kind=Consultation.Kind.THIRD_PARTY,
                        party="第三方企业",
                        question="所申请信息涉及贵单位商业秘密，是否同意公开？",
                        sent_on=sent,
                        due_on=self.calendar.shift(sent, services.THIRD_PARTY_DAYS),
                        answered_on=answered,
                        answer="不同意公开。",
                        sent_by=self.officer,
                    )
                )
            extended = extras.get("extension", 0)
            reply = Clock(
                purpose=services.REPLY,
                legal_basis="政府信息公开条例第三十三条",
                started_on=reply_start,
                limit_days=services.REPLY_DAYS,
                max_extension_days=services.MAX_EXTENSION_DAYS,
                extended_days=extended,
                suspended_days=excluded,
                due_date=reply_start,
                completed_on=max(request.concluded_on, reply_start),
                **common,
            )
            clocks.append((extras, reply))
        RequestCorrection.objects.bulk_create(corrections)
        Consultation.objects.bulk_create(consultations)
        before = Clock.objects.aggregate(m=Max("pk"))["m"] or 0
        Clock.objects.bulk_create([clock for _extras, clock in clocks], batch_size=500)
        n_clocks = recompute_due_dates(Clock.objects.filter(pk__gt=before))
        dated = {c.pk: c.due_date for c in Clock.objects.filter(pk__gt=before)}
        for extras, clock in clocks:
            if not extras:
                continue
            if "consultation" in extras:
                sent, answered = extras["consultation"]
                suspensions.append(
                    ClockSuspension(
                        clock=clock,
                        reason=ClockSuspension.Reason.THIRD_PARTY,
                        note="第三方企业",
                        started_on=sent,
                        ended_on=answered,
                        excluded_days=clock.suspended_days,
                    )
                )
            if extras.get("extension"):
                due_after = dated[clock.pk]
                extensions.append(
                    ClockExtension(
                        clock=clock,
                        days=clock.extended_days,
                        approved_by=self.head,
                        approved_on=self.calendar.shift(clock.started_on, 15),
                        reason="所需信息需调取档案，难以在二十个工作日内答复。",
                        due_before=self.calendar.shift(
                            clock.started_on, services.REPLY_DAYS + clock.suspended_days
                        ),
                        due_after=due_after,
                    )
                )
        ClockSuspension.objects.bulk_create(suspensions)
        ClockExtension.objects.bulk_create(extensions)
        return {
            "requests": len(self.requests),
            "clocks": n_clocks,
            "corrections": len(corrections),
            "consultations": len(consultations),
            "extensions": len(extensions),
        }


def _slots(rng: random.Random, n: int, every: list) -> list:
    drawn = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()), k=n)
    slots = list(every) + drawn[: n - len(every)]
    rng.shuffle(slots)
    return slots


def _kinds(rng: random.Random, n: int) -> list:
    kinds = list(ApplicantType)  # every column at least once
    kinds += rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()), k=n - len(kinds))
    rng.shuffle(kinds)
    return kinds


def _historic(ctx: DemoContext, rng: random.Random, county: Division, officer, head) -> dict:
    builder = _Builder(rng, county, officer, head)
    for year, (received, concluded) in YEARS.items():
        # In 2012 the requests concluded that year are the 44 of 2012 and the 6 carried over;
        # every outcome goes to one of the 2012 ones concluded in 2012.
        every = EVERY_OUTCOME if year == 2012 else []
        slots = _slots(rng, concluded, every) + _slots(rng, received - concluded, [])
        builder.year(year, received, concluded, slots, _kinds(rng, received))
    builder.number()
    counts = builder.insert()
    ctx.step(
        f"{counts['requests']} disclosure requests of 2011–2012 "
        f"({counts['clocks']} clocks dated by the calendar)"
    )
    return counts


class _Current:
    """Requests of the last weeks, through the services."""

    def __init__(self, county: Division, officer: User):
        self.officer = officer
        self.today = timezone.localdate()
        self.calendar = _Calendar(self.today - datetime.timedelta(days=120), self.today)
        self.by_code = {d.code: d for d in Department.objects.filter(division=county)}
        self.users = {
            u.username: u
            for u in User.objects.filter(username__in=["citizen", "enterprise", "head"])
        }
        self.numbers: dict[str, str] = {}
        self.serial = 0

    def day(self, n: int) -> datetime.date:
        """The nth working day before today."""
        days = [d for d in self.calendar.dates if d <= self.today]
        return days[max(len(days) - 1 - n, 0)]

    def data(self, user: User | None, description: str, **changes) -> dict:
        if user is not None and user.kind == User.Kind.ORGANISATION:
            values = {
                "applicant_type": ApplicantType.COMMERCIAL,
                "organisation_name": user.full_name,
                "credit_code": user.credit_code,
                "contact_person": "王强",
            }
        elif user is not None:
            values = {
                "applicant_type": ApplicantType.NATURAL_PERSON,
                "name": user.full_name,
                "id_number": user.id_number,
            }
        else:
            values = {
                "applicant_type": ApplicantType.NATURAL_PERSON,
                "name": "乌云",
                "id_number": _id_number("15253119720315042"),
            }
        return {
            **values,
            "phone": (user.phone if user is not None else "") or "13904795678",
            "address": "多伦县多伦淖尔镇会盟路18号",
            "postcode": "027300",
            "description": description,
            "provision_form": ProvisionForm.PAPER,
            "obtaining_method": ObtainingMethod.COLLECT,
            **changes,
        }

    def receive(self, label: str, code: str, data: dict, received: int) -> DisclosureRequest:
        self.serial += 1
        request = services.request_submit(
            actor=self.officer,
            department=self.by_code.get(code) or next(iter(self.by_code.values())),
            data=data,
            channel=RequestChannel.IN_PERSON,
            received_on=self.day(received),
            idempotency_key=f"demo-request-{self.serial}",
        ).request
        self.numbers[label] = request.number
        return request

    def run(self) -> dict[str, str]:
        citizen, enterprise = self.users.get("citizen"), self.users.get("enterprise")
        officer = self.officer
        # Submitted online yesterday by the demo citizen: waiting for confirmation of receipt.
        submission = services.request_submit(
            actor=citizen,
            department=self.by_code.get("zjj") or next(iter(self.by_code.values())),
            data=self.data(citizen, "本小区（汇宗小区）老旧小区改造的设计方案及施工单位"),
            idempotency_key="demo-request-online",
        )
        self.numbers["online"] = submission.request.number
        # Received three working days ago: to examine (accept or ask for a correction).
        self.receive("received", "czj", self.data(None, "本年度县级财政预算执行情况报告"), 3)
        # A correction was asked; the applicant has still time.
        request = self.receive("correction", "gtj", self.data(None, "关于征地的文件"), 6)
        services.request_ask_correction(
            actor=officer,
            request=request,
            items=["请明确所需文件涉及的地块位置及年份", "请说明文件的名称或者文号"],
            on=self.day(4),
        )
        # In consultation with a third party whose commercial secret may be involved.
        data = self.data(enterprise, "乳品加工厂项目环境影响评价报告书全文")
        request = self.receive("consultation", "hbj", data, 8)
        services.request_accept(actor=officer, request=request, on=self.day(7))
        services.request_consult(
            actor=officer,
            request=request,
            kind=Consultation.Kind.THIRD_PARTY,
            party="多伦县某能源有限公司",
            question="所申请报告书涉及贵公司工艺参数，是否同意公开？",
            on=self.day(5),
        )
        # Received 24 working days ago and not answered: overdue in e-supervision.
        request = self.receive("overdue", "zf", self.data(None, "县政府常务会议纪要（第12次）"), 24)
        services.request_accept(actor=officer, request=request, on=self.day(22))
        # Extended with the head's approval.
        request = self.receive("extended", "zjj", self.data(citizen, "保障性住房分配名单"), 18)
        services.request_accept(actor=officer, request=request, on=self.day(17))
        head = self.users.get("head")
        if head is not None and request.department.code == "zjj":
            services.request_extend(
                actor=officer,
                approved_by=head,
                request=request,
                days=15,
                reason="需调取往年档案并核对个人信息，难以在二十个工作日内答复。",
                on=self.day(3),
            )
        # Replied, with its written reply.
        request = self.receive(
            "replied", "zjj", self.data(citizen, "城区供热管网改造工程中标结果"), 12
        )
        services.request_reply(
            actor=officer,
            request=request,
            outcome=Outcome.DISCLOSED,
            text="中标结果已于县政府门户网站公开，现将公告文本提供给您。",
            on=self.day(2),
        )
        return self.numbers


def load(ctx: DemoContext) -> None:
    county = home_county()
    rng = random.Random(SEED)  # noqa: S311 - demo data, deterministic
    officer = (
        User.objects.filter(username="disclosure").first()
        or User.objects.filter(groups__name="disclosure_officer").order_by("pk").first()
    )
    head = User.objects.filter(username="head").first()
    counts = _historic(ctx, rng, county, officer, head)
    numbers = _Current(county, officer).run()
    ctx.step(f"{len(numbers)} current disclosure requests in every state")
    audit_record(
        actor=None,
        action="demo_load_disclosure_requests",
        object_type=DisclosureRequest._meta.label_lower,
        object_id="*",
        detail={**counts, "current": sorted(numbers.values())},
        division=county,
    )
    ctx.data["disclosure_requests"] = numbers

"""The demo county's enforcement registry, in the seed report's figures.

The first confirmation batch (2012) confirms the 10 statutory agencies, 9 authorised and 9
entrusted organisations whose acts the catalog already holds (903 penalties, 29 confirmations,
44 compulsions, 29 levies, 10 rulings, 34 others: 1,049, computed from the catalog). The laws they
apply are the catalog's legal bases plus the registry's own list, topped up to the seed's 352
distinct titles (the figure is the count of distinct titles, never a typed number).

Officials: four per body with a passed law exam and a certificate, most valid; two expire within
30 days (e-supervision warns), three have expired (by the expiry job), one is revoked, one
suspended, one lost and reissued; one official not on the establishment applied and was refused.
Case files: last year's closed ones (bulk, with their completed clocks and the filings of the
major ones), an evaluation campaign over them, and this year's case files in every state
through the services — one past its 90 days, a major penalty to be filed, one filed.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from decimal import Decimal

from django.utils import timezone

from zhengwu.catalog.demo import STATUTORY_AGENCIES
from zhengwu.catalog.models import BodyStanding, PowerKind
from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.enforcement import services
from zhengwu.enforcement.figures import acts_of, laws_in_use
from zhengwu.enforcement.models import (
    CaseFile,
    Certificate,
    ConfirmationBatch,
    EnforcementBody,
    Evaluation,
    Law,
    LawExamResult,
    LawLevel,
    MajorPenaltyFiling,
    Official,
)
from zhengwu.org.demo import AUTHORISED_ORGANISATIONS, ENTRUSTED_ORGANISATIONS
from zhengwu.org.models import Department, User
from zhengwu.org.selectors import home_county
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

D = datetime.date
LAWS_IN_USE = 352  # the seed's figure the registry's list is topped up to
BATCH_DOCUMENT = "多政发〔2012〕46号"
AUTHORITY = "内蒙古自治区人民政府"
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

# Laws, administrative regulations and rules the county's bodies apply (with the catalog's).
NATIONAL_LAWS = [
    "中华人民共和国行政处罚法",
    "中华人民共和国行政强制法",
    "中华人民共和国行政许可法",
    "中华人民共和国城乡规划法",
    "中华人民共和国道路交通安全法",
    "中华人民共和国大气污染防治法",
    "中华人民共和国水污染防治法",
    "中华人民共和国固体废物污染环境防治法",
    "中华人民共和国环境影响评价法",
    "中华人民共和国矿产资源法",
    "中华人民共和国野生动物保护法",
    "中华人民共和国动物防疫法",
    "中华人民共和国农产品质量安全法",
    "中华人民共和国种子法",
    "农药管理条例",
    "中华人民共和国防洪法",
    "中华人民共和国水土保持法",
    "中华人民共和国公路法",
    "中华人民共和国消费者权益保护法",
    "中华人民共和国反不正当竞争法",
    "中华人民共和国广告法",
    "中华人民共和国商标法",
    "中华人民共和国药品管理法",
    "中华人民共和国劳动法",
    "中华人民共和国劳动合同法",
    "中华人民共和国社会保险法",
    "中华人民共和国文物保护法",
    "中华人民共和国职业病防治法",
    "中华人民共和国传染病防治法",
    "中华人民共和国计量法",
    "中华人民共和国标准化法",
    "中华人民共和国特种设备安全法",
    "中华人民共和国防震减灾法",
    "中华人民共和国突发事件应对法",
    "中华人民共和国枪支管理法",
    "中华人民共和国居民身份证法",
    "中华人民共和国出境入境管理法",
    "中华人民共和国烟草专卖法",
    "中华人民共和国畜牧法",
    "中华人民共和国渔业法",
    "中华人民共和国防沙治沙法",
    "中华人民共和国节约能源法",
    "中华人民共和国循环经济促进法",
    "中华人民共和国建筑法",
    "建设工程质量管理条例",
    "城市市容和环境卫生管理条例",
    "城市道路管理条例",
    "物业管理条例",
    "城镇燃气管理条例",
    "国有土地上房屋征收与补偿条例",
    "土地管理法实施条例",
    "基本农田保护条例",
    "森林防火条例",
    "草原防火条例",
    "病死畜禽处理办法",
    "饲料和饲料添加剂管理条例",
    "兽药管理条例",
    "生猪屠宰管理条例",
    "道路运输条例",
    "公路安全保护条例",
    "危险化学品安全管理条例",
    "安全生产许可证条例",
    "生产安全事故报告和调查处理条例",
    "工伤保险条例",
    "食品安全法实施条例",
    "医疗机构管理条例",
    "公共场所卫生管理条例",
    "无证无照经营查处办法",
    "娱乐场所管理条例",
    "互联网上网服务营业场所管理条例",
    "营业性演出管理条例",
    "出版管理条例",
    "取水许可和水资源费征收管理条例",
    "河道管理条例",
    "排污费征收使用管理条例",
    "建设项目环境保护管理条例",
    "劳动保障监察条例",
    "保障农民工工资支付条例",
    "机动车交通事故责任强制保险条例",
    "民用爆炸物品安全管理条例",
]
REGIONAL_TOPICS = [
    "草原管理",
    "基本草原保护",
    "森林管理",
    "湿地保护",
    "水资源管理",
    "地下水管理",
    "河湖保护",
    "环境保护",
    "大气污染防治",
    "土壤污染防治",
    "城镇市容环境卫生",
    "城乡规划",
    "建筑市场管理",
    "房屋安全",
    "物业管理",
    "燃气管理",
    "供热管理",
    "城市绿化",
    "道路运输管理",
    "公路路政管理",
    "农村牧区公路",
    "农牧业机械安全监督",
    "动物防疫",
    "畜禽屠宰管理",
    "饲草料管理",
    "种子管理",
    "农药经营管理",
    "食品小作坊和小摊贩管理",
    "药品流通监督",
    "医疗废物管理",
    "公共场所卫生",
    "劳动保障监察",
    "工资支付保障",
    "安全生产",
    "烟花爆竹安全",
    "消防安全",
    "特种设备安全监察",
    "计量监督",
    "产品质量监督",
    "标准化管理",
    "商品交易市场管理",
    "广告监督管理",
    "消费者权益保护",
    "文化市场管理",
    "文物保护",
    "旅游管理",
    "气象灾害防御",
    "防沙治沙",
    "矿产资源管理",
    "土地监察",
]
REGIONAL_FORMS = [
    ("内蒙古自治区{topic}条例", LawLevel.LOCAL_REGULATION, "内蒙古自治区人民代表大会常务委员会"),
    ("内蒙古自治区{topic}办法", LawLevel.RULE, "内蒙古自治区人民政府"),
    ("锡林郭勒盟{topic}规定", LawLevel.OTHER, "锡林郭勒盟行政公署"),
    ("内蒙古自治区实施《{topic}》办法", LawLevel.RULE, "内蒙古自治区人民政府"),
    ("内蒙古自治区{topic}监督管理规定", LawLevel.RULE, "内蒙古自治区人民政府"),
    ("内蒙古自治区{topic}行政处罚裁量基准", LawLevel.OTHER, "内蒙古自治区人民政府"),
    ("锡林郭勒盟{topic}实施细则", LawLevel.OTHER, "锡林郭勒盟行政公署"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"  # noqa: E501
TRADES = ("商贸", "建材", "运输", "餐饮", "牧业")
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
        self.reviewer = User.objects.get(username="reviewer")
        self.calendar = get_calendar()
        self.serial = 0
        self.names: set[str] = set()

    # --- bodies and laws ---------------------------------------------------------------------

    def bodies(self) -> list[EnforcementBody]:
        by_code = {d.code: d for d in Department.objects.filter(division=self.county)}
        batch = ConfirmationBatch.objects.create(
            division=self.county,
            number=1,
            approved_on=D(2012, 6, 15),
            document=BATCH_DOCUMENT,
            note="经清理，审核确认第一批行政执法主体资格",
        )
        rows = [(by_code[c], BodyStanding.STATUTORY, None) for c in STATUTORY_AGENCIES]
        rows += [(by_code[c], BodyStanding.AUTHORISED, None) for c, *_r in AUTHORISED_ORGANISATIONS]
        rows += [
            (by_code[c], BodyStanding.ENTRUSTED, by_code[e])
            for c, _n, _s, e in ENTRUSTED_ORGANISATIONS
        ]
        bodies = []
        for n, (dept, standing, entruster) in enumerate(rows, start=1):
            entrusted = standing == BodyStanding.ENTRUSTED
            bodies.append(
                EnforcementBody(
                    division=self.county,
                    department=dept,
                    standing=standing,
                    entrusting_body=entruster,
                    entrustment_document=f"{entruster.short_name}委字〔2022〕{n}号"
                    if entrusted
                    else "",
                    entrusted_from=D(2022, 6, 1) if entrusted else None,
                    entrusted_to=D(2027, 5, 31) if entrusted else None,
                    status=EnforcementBody.Status.CONFIRMED,
                    batch=batch,
                    confirmed_on=batch.approved_on,
                )
            )
        EnforcementBody.objects.bulk_create(bodies)
        bodies = list(
            EnforcementBody.objects.filter(division=self.county).select_related("department")
        )
        self.ctx.step(f"{len(bodies)} enforcement bodies confirmed in batch 1 ({BATCH_DOCUMENT})")
        return bodies

    def laws(self, bodies: list[EnforcementBody]) -> int:
        confirmed = EnforcementBody.objects.filter(pk__in=[b.pk for b in bodies])
        have = {title for (title,) in laws_in_use(confirmed)}
        candidates = [
            (
                t,
                LawLevel.LAW
                if t.startswith("中华人民共和国") and not t.endswith("条例")
                else LawLevel.ADMINISTRATIVE_REGULATION,
                "",
            )
            for t in NATIONAL_LAWS
        ]
        candidates += [
            (form.format(topic=topic), level, issuer)
            for form, level, issuer in REGIONAL_FORMS
            for topic in REGIONAL_TOPICS
        ]
        rows, seen = [], set(have)
        index = 0
        for title, level, issuer in candidates:
            if len(seen) >= LAWS_IN_USE:
                break
            if title in seen:
                continue
            seen.add(title)
            body = bodies[index % len(bodies)]
            index += 1
            rows.append(Law(body=body, title=title, level=level, issuer=issuer))
        Law.objects.bulk_create(rows)
        total = laws_in_use(confirmed).count()
        self.ctx.step(f"{total} laws in use ({len(have)} from the catalog, {len(rows)} listed)")
        return total

    # --- officials and certificates ----------------------------------------------------------

    def _name(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(
                self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
            )
            if name not in self.names:
                self.names.add(name)
                return name

    def officials(self, bodies: list[EnforcementBody]) -> dict[int, list[Official]]:
        officials = []
        for b, body in enumerate(bodies):
            for i in range(4):
                n = b * 10 + i
                birth = D(1970, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 9000))
                officials.append(
                    Official(
                        body=body,
                        full_name=self._name(),
                        id_number=_id_number(f"152531{birth:%Y%m%d}{n:03d}"),
                        phone=f"1394795{n:04d}",
                        post="执法队员" if i else "执法队长",
                    )
                )
        Official.objects.bulk_create(officials)
        officials = list(Official.objects.filter(body__in=bodies).order_by("pk"))
        year = self.today.year
        LawExamResult.objects.bulk_create(
            LawExamResult(
                official=o,
                taken_on=D(year - 2, 11, 20),
                passed=True,
                score=Decimal(self.rng.randint(70, 98)),
                source=f"{year - 2}年度学法考试",
            )
            for o in officials
        )
        certificates = []
        for o in officials:
            self.serial += 1
            certificates.append(
                Certificate(
                    official=o,
                    number=f"15253100{self.serial:05d}",
                    issuing_authority=AUTHORITY,
                    area=f"{self.county.name}行政区域（{o.body.department.short_name}职责范围内）",
                    valid_from=D(year - 2, 1, 5),
                    valid_to=D(year + 2, 1, 4),
                    status_changed_on=D(year - 2, 1, 5),
                    last_review_year=year - 1,
                )
            )
        Certificate.objects.bulk_create(certificates)
        by_body: dict[int, list[Official]] = {}
        for o in officials:
            by_body.setdefault(o.body_id, []).append(o)
        self.ctx.step(f"{len(officials)} officials with passed exams and certificates")
        return by_body

    def certificate_events(self, by_body: dict[int, list[Official]], bodies) -> None:
        """The certificates that are not simply valid, through the services where a person acts."""
        t = self.today
        pick = [by_body[b.pk][3] for b in bodies]  # the fourth official of each body
        certs = [o.certificates.get() for o in pick]
        # Two expire within 30 days (warned by e-supervision), three have expired.
        Certificate.objects.filter(pk__in=[c.pk for c in certs[0:2]]).update(
            valid_to=t + datetime.timedelta(days=20)
        )
        Certificate.objects.filter(pk__in=[c.pk for c in certs[2:5]]).update(
            valid_from=D(t.year - 4, 1, 5), valid_to=t - datetime.timedelta(days=45)
        )
        expired = services.certificates_expire(t)
        services.certificate_revoke(
            actor=self.legal, certificate=certs[5], on=t, reason="调离行政执法岗位"
        )
        services.certificate_suspend(
            actor=self.legal, certificate=certs[6], on=t, reason="涉嫌违法违纪，立案调查期间暂扣"
        )
        lost = services.certificate_report_lost(actor=self.legal, certificate=certs[7], on=t)
        self.serial += 1
        services.certificate_reissue(
            actor=self.legal, certificate=lost, on=t, number=f"15253100{self.serial:05d}"
        )
        # An official not on the establishment applies and is refused, with that reason.
        body = bodies[0]
        outsider = Official.objects.create(
            body=body,
            full_name=self._name(),
            id_number=_id_number("15253119900315999"),
            phone="13947959999",
            post="协管员",
            on_establishment=False,
        )
        services.law_exam_result_record(
            actor=self.legal,
            official=outsider,
            taken_on=t - datetime.timedelta(days=30),
            passed=True,
            score=Decimal(81),
            source=f"{t.year}年度学法考试",
        )
        self.serial += 1
        with contextlib.suppress(services.CertificateRefused):  # refused, and recorded so
            services.certificate_apply(
                actor=self.legal,
                official=outsider,
                number=f"15253100{self.serial:05d}",
                issuing_authority=AUTHORITY,
                area="多伦县行政区域",
                valid_to=D(t.year + 3, 1, 4),
                on=t,
            )
        self.ctx.step(
            f"certificates: {len(expired)} expired, 1 revoked, 1 suspended, 1 reissued; "
            "1 application refused (not on the establishment)"
        )

    # --- case files --------------------------------------------------------------------------

    def _number(self, body: EnforcementBody, year: int, n: int) -> str:
        return f"{body.department.short_name}罚立〔{year}〕{n}号"

    def history(self, bodies, by_body) -> list[CaseFile]:
        """Last year's closed case files (bulk), with their completed clocks and filings."""
        year = self.today.year - 1
        acts = {}
        for power in (
            acts_of(EnforcementBody.objects.filter(pk__in=[b.pk for b in bodies]))
            .select_related("current")
            .order_by("implementation_code")
        ):
            acts.setdefault(power.current.department_id, []).append(power)
        files, links = [], []
        for body in bodies:
            for n in range(1, self.rng.randint(4, 7)):
                power = self.rng.choice(acts[body.department_id])
                filed = D(year, 1, 4) + datetime.timedelta(days=self.rng.randint(0, 280))
                kind = power.current.kind
                penalised = kind == PowerKind.PENALTY and self.rng.random() < 0.85
                outcome = (
                    CaseFile.Outcome.PENALISED
                    if penalised
                    else CaseFile.Outcome.NO_PENALTY
                    if kind == PowerKind.PENALTY
                    else CaseFile.Outcome.MEASURE
                )
                major = penalised and self.rng.random() < 0.08
                decided = filed + datetime.timedelta(days=self.rng.randint(20, 75))
                files.append(
                    CaseFile(
                        body=body,
                        power=power,
                        kind=kind,
                        number=self._number(body, year, n),
                        parties=f"{self.rng.choice(SURNAMES)}某"
                        if self.rng.random() < 0.6
                        else f"多伦县某{self.rng.choice(TRADES)}有限公司",
                        is_major=major,
                        status=CaseFile.Status.CLOSED,
                        outcome=outcome,
                        filed_on=filed,
                        investigated_on=filed + datetime.timedelta(days=12),
                        rights_notified_on=filed + datetime.timedelta(days=15),
                        review_requested_on=decided - datetime.timedelta(days=5) if major else None,
                        review_passed_on=decided - datetime.timedelta(days=2) if major else None,
                        review_opinion="经审核，事实清楚，证据充分，程序合法，适用依据正确。"
                        if major
                        else "",
                        decided_on=decided,
                        served_on=decided + datetime.timedelta(days=3),
                        executed_on=decided + datetime.timedelta(days=20) if penalised else None,
                        closed_on=decided + datetime.timedelta(days=25),
                        penalty_amount=Decimal(self.rng.choice((200, 500, 1000, 2000, 5000, 10000)))
                        * (20 if major else 1)
                        if penalised
                        else None,
                    )
                )
        CaseFile.objects.bulk_create(files)
        files = list(
            CaseFile.objects.filter(body__in=bodies, filed_on__year=year).select_related(
                "body__department"
            )
        )
        clocks, filings = [], []
        for f in files:
            links += [
                CaseFile.officials.through(casefile_id=f.pk, official_id=o.pk)
                for o in by_body[f.body_id][:2]
            ]
            if f.kind == PowerKind.PENALTY:
                clocks.append(
                    self._done_clock(
                        f,
                        services.DECISION,
                        "calendar",
                        f.filed_on,
                        services.DECISION_DAYS,
                        f.decided_on,
                    )
                )
            clocks.append(
                self._done_clock(
                    f, services.SERVICE, "working", f.decided_on, services.SERVICE_DAYS, f.served_on
                )
            )
            if f.is_major:
                due = self.calendar.add_workdays(f.decided_on, services.major_filing_days()).date
                filed = f.decided_on + datetime.timedelta(days=self.rng.choice((5, 9, 12, 30)))
                filings.append(
                    MajorPenaltyFiling(
                        case_file=f,
                        status=MajorPenaltyFiling.Status.ACCEPTED,
                        due_on=due,
                        filed_on=filed,
                        on_time=filed <= due,
                        reviewed_on=filed + datetime.timedelta(days=5),
                        review_opinion="无异议",
                    )
                )
        CaseFile.officials.through.objects.bulk_create(links)
        MajorPenaltyFiling.objects.bulk_create(filings)
        for filing in MajorPenaltyFiling.objects.filter(case_file__in=files):
            clocks.append(
                self._done_clock(
                    filing,
                    services.FILING,
                    "working",
                    filing.case_file.decided_on,
                    services.major_filing_days(),
                    filing.filed_on,
                    body=filing.case_file.body,
                )
            )
        Clock.objects.bulk_create(clocks)
        self.ctx.step(f"{len(files)} case files of {year}, {len(filings)} major penalty filings")
        return files

    def _done_clock(self, owner, purpose, day_kind, start, days, done, body=None) -> Clock:
        body = body or owner.body
        counted = (
            self.calendar.add_workdays(start, days)
            if day_kind == "working"
            else self.calendar.add_calendar_days(start, days)
        )
        return Clock(
            purpose=purpose,
            owner_type=owner._meta.label_lower,
            owner_id=str(owner.pk),
            division=self.county,
            department=body.department,
            day_kind=day_kind,
            started_on=start,
            limit_days=days,
            due_date=counted.date,
            provisional=counted.provisional,
            status=Clock.Status.COMPLETED,
            completed_on=done,
        )

    def campaign(self, year: int) -> None:
        campaign = services.campaign_create(
            actor=self.legal,
            division=self.county,
            year=year,
            title=f"{year}年度行政执法案卷评查",
            per_body=2,
        )
        sampled = services.campaign_sample(actor=self.legal, campaign=campaign)
        items = list(campaign.checklist.all())
        for evaluation in sampled[:-3]:  # three left to score on the staff pages
            marks = {}
            for item in items:
                lost = (
                    self.rng.choice((0, 0, 0, 0.5, 1, 2))
                    if item.points >= 15
                    else self.rng.choice((0, 0, 0, 0.5, 1))
                )
                marks[item.code] = Decimal(str(item.points)) - Decimal(str(lost))
            services.evaluation_score(
                actor=self.legal,
                evaluation=evaluation,
                marks=marks,
                note="卷宗装订规范" if marks["documents"] == 10 else "部分文书填写不规范",
            )
        scored = Evaluation.objects.filter(campaign=campaign, score__isnull=False).count()
        self.ctx.step(f"evaluation campaign {year}: {len(sampled)} sampled, {scored} scored")

    def current(self, bodies, by_body) -> None:
        """This year's case files, in every state, through the services."""
        t = self.today
        zjj = next(b for b in bodies if b.department.code == "zjj")
        penalties = list(
            acts_of(EnforcementBody.objects.filter(pk=zjj.pk))
            .filter(current__kind=PowerKind.PENALTY)
            .order_by("implementation_code")[:14]
        )
        officials = by_body[zjj.pk][:2]
        actor = self.reviewer  # a reviewer of the housing bureau (住建局)

        def days_ago(n):
            return t - datetime.timedelta(days=n)

        def filed(n, ago, major=False):
            with_day = days_ago(ago)
            return services.casefile_file(
                actor=actor,
                body=zjj,
                power=penalties[n % len(penalties)],
                number=self._number(zjj, t.year, n),
                parties=f"多伦县某建筑工程有限公司（{n}）",
                officials=officials,
                filed_on=with_day,
                is_major=major,
                facts="未取得建设工程规划许可证进行建设",
            )

        def step(service, cf, ago, **kw):
            return service(actor=kw.pop("by", actor), case_file=cf, on=days_ago(ago), **kw)

        s = services
        filed(1, 3)  # filed
        step(s.casefile_record_investigation, filed(2, 20), 5)  # investigated
        cf = step(s.casefile_record_investigation, filed(3, 30), 12)
        step(s.casefile_notify_rights, cf, 8)  # rights notified
        cf = step(s.casefile_record_investigation, filed(4, 40), 25)
        cf = step(s.casefile_notify_rights, cf, 20)
        step(s.casefile_record_hearing, cf, 10)  # hearing held
        cf = step(s.casefile_record_investigation, filed(5, 45, major=True), 15)
        step(s.casefile_request_review, cf, 6)  # in legality review
        cf = step(s.casefile_record_investigation, filed(6, 50, major=True), 20)
        cf = step(s.casefile_request_review, cf, 12)
        step(
            s.casefile_record_review,
            cf,
            9,
            by=self.legal,
            passed=True,
            opinion="事实清楚，证据充分，程序合法，可以作出决定",
        )  # reviewed
        cf = step(s.casefile_record_investigation, filed(7, 33), 10)
        step(s.casefile_decide, cf, 2, outcome="penalised", penalty_amount=Decimal(8000))  # decided
        cf = step(s.casefile_record_investigation, filed(8, 60), 30)
        cf = step(s.casefile_decide, cf, 20, outcome="no_penalty")
        step(s.casefile_serve, cf, 18)  # served
        cf = step(s.casefile_record_investigation, filed(9, 70), 40)
        cf = step(s.casefile_decide, cf, 30, outcome="penalised", penalty_amount=Decimal(20000))
        cf = step(s.casefile_serve, cf, 27)
        step(s.casefile_record_execution, cf, 10)  # executed
        cf = step(s.casefile_record_investigation, filed(10, 80), 50)
        cf = step(s.casefile_decide, cf, 40, outcome="penalised", penalty_amount=Decimal(3000))
        cf = step(s.casefile_serve, cf, 36)
        cf = step(s.casefile_record_execution, cf, 25)
        step(s.casefile_close, cf, 20)  # closed
        step(
            s.casefile_withdraw, filed(11, 25), 15, reason="经调查，不属于本机关管辖，移送有关机关"
        )
        step(s.casefile_record_investigation, filed(12, 100), 70)  # past its 90 days: overdue
        # A major penalty decided 4 days ago, to be filed; another filed and accepted.
        cf = step(s.casefile_record_investigation, filed(13, 55, major=True), 25)
        cf = step(s.casefile_request_review, cf, 15)
        cf = step(s.casefile_record_review, cf, 10, by=self.legal, passed=True, opinion="合法")
        step(s.casefile_decide, cf, 4, outcome="penalised", penalty_amount=Decimal(150000))
        cf = step(s.casefile_record_investigation, filed(14, 75, major=True), 45)
        cf = step(s.casefile_request_review, cf, 35)
        cf = step(s.casefile_record_review, cf, 30, by=self.legal, passed=True, opinion="合法")
        cf = step(s.casefile_decide, cf, 28, outcome="penalised", penalty_amount=Decimal(200000))
        cf = step(s.casefile_serve, cf, 26)
        filing = s.filing_submit(actor=actor, filing=cf.filing, on=days_ago(20))
        s.filing_review(
            actor=self.legal, filing=filing, accepted=True, opinion="无异议", on=days_ago(15)
        )
        n = CaseFile.objects.filter(body=zjj, filed_on__year=t.year).count()
        self.ctx.step(f"{n} case files of {t.year} through the services, in every state")


def load(ctx: DemoContext) -> None:
    loader = _Loader(ctx)
    bodies = loader.bodies()
    laws = loader.laws(bodies)
    by_body = loader.officials(bodies)
    loader.certificate_events(by_body, bodies)
    loader.history(bodies, by_body)
    loader.campaign(loader.today.year - 1)
    loader.current(bodies, by_body)
    audit_record(
        actor=None,
        action="demo_load_enforcement",
        object_type="enforcement.enforcementbody",
        object_id="*",
        detail={"bodies": len(bodies), "laws": laws},
        division=loader.county,
    )

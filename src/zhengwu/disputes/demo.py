"""The demo county's disputes.

The seed: the county "积极配合县信访部门开展矛盾纠纷专项排查活动。重点加强了'十八大'期间的
排查矛盾纠纷活动 ... 全年共排查出各类矛盾纠纷420件,调处419件,调解成功率99%". So, for 2012:

- four routine quarterly sweeps and the special sweep around the 18th Party Congress (the
  congress sat 2012-11-08 to 11-14; the sweep ran from 10-29 to 11-23, the weeks around it);
- 420 disputes found across the four townships and every type, on the year's working days
  (70 of them by the special sweep), each registered and accepted for mediation;
- 419 mediated successfully within the year (oral or written agreements, some with a
  follow-up visit, two with more time agreed by the parties); the 420th, found on 2012-12-27,
  is still being mediated at the end of the year and is referred to the court in January 2013.
  So ``annual_figures(county, 2012)`` gives found 420, mediated 419, success_rate 99.8 (the
  report printed 99 %).

Every 2012 dispute is driven through the services (register, succeed, sessions, follow-ups),
so each has its clocks and audit events; on SQLite this takes about as long as a bulk insert
with hand-made audit rows would save. Current disputes, dated back from today, rest in every
state, with running clocks and one mediation overdue.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.disputes import services
from zhengwu.disputes.models import Dispute, SweepCampaign
from zhengwu.org.demo import DEMO_PASSWORD
from zhengwu.org.models import Department, Division, User
from zhengwu.org.roles import Role
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Day

D = datetime.date
YEAR = 2012
FOUND = 420
SPECIAL_FROM, SPECIAL_TO = D(2012, 10, 29), D(2012, 11, 23)
SPECIAL_FOUND = 70
LAST_DAY = D(2012, 12, 27)  # the one carried into 2013

# Share of the 420 per township (in the org demo's order) and per type.
TOWNSHIP_COUNTS = [160, 100, 80, 80]
TYPE_COUNTS = [
    ("land", 110), ("neighbours", 95), ("labour", 45), ("family", 70), ("contract", 40),
    ("demolition", 35), ("other", 25),
]  # fmt: skip
SUMMARIES = {
    "land": ["承包地边界争议", "草场承包经营权纠纷", "耕地流转费用纠纷", "林地权属争议"],
    "neighbours": ["宅基地界墙纠纷", "排水通道纠纷", "邻里通行纠纷", "牲畜损坏庄稼纠纷"],
    "labour": ["拖欠农民工工资纠纷", "工伤赔偿纠纷", "劳务报酬纠纷"],
    "family": ["婚姻家庭纠纷", "赡养老人纠纷", "继承财产纠纷", "离婚财产分割纠纷"],
    "contract": ["买卖合同货款纠纷", "租赁合同纠纷", "民间借贷纠纷"],
    "demolition": ["征地补偿款分配纠纷", "房屋拆迁安置纠纷"],
    "other": ["交通事故赔偿纠纷", "医疗费用纠纷", "其他民间纠纷"],
}
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
)
GIVEN = ["建国", "秀英", "玉兰", "志强", "桂芝", "海军", "凤英", "宝山", "春花", "永胜", "丽娟",
         "金花", "德胜", "淑珍", "文斌", "巴特尔", "其其格", "乌云", "额尔敦", "萨仁"]  # fmt: skip
HOW_FOUND = ["sweep"] * 12 + ["walk_in"] * 4 + ["petition"] * 2 + ["hotline"] + ["other"]
MEDIATOR_KINDS = ["village_committee"] * 12 + ["township_committee"] * 4 + [
    "judicial_office"] * 3 + ["county"]  # fmt: skip
MEDIATORS = ["张宝林", "李桂兰", "刘振华", "赵德明", "孙秀梅", "王志刚", "陈玉山", "杨春生"]


class _Loader:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.county = home_county()
        self.rng = random.Random(YEAR)  # noqa: S311 - a deterministic demo
        self.today = timezone.localdate()
        self.legal = User.objects.get(username="legal")
        self.legal_office = self.legal.department
        self.townships = list(
            Division.objects.filter(parent=self.county, level=Division.Level.TOWNSHIP).order_by(
                "code"
            )
        )
        self.villages = {
            t.pk: list(Division.objects.filter(parent=t).order_by("code")) for t in self.townships
        }
        self.staff = self._staff()

    def _staff(self) -> dict[int, User]:
        """One mediation clerk per township government (the first gets a demo account)."""
        password = make_password(DEMO_PASSWORD)
        group = Group.objects.get(name=str(Role.REVIEWER))
        staff = {}
        for i, township in enumerate(self.townships):
            government = Department.objects.get(division=township, kind=Department.Kind.GOVERNMENT)
            user = User.objects.create(
                username="mediator" if i == 0 else f"mediator{i + 1}",
                full_name=MEDIATORS[i],
                kind=User.Kind.STAFF,
                department=government,
                password=password,
            )
            user.groups.add(group)
            staff[township.pk] = user
        first = self.townships[0]
        self.ctx.account("mediator", DEMO_PASSWORD, MEDIATORS[0],
                         f"{first.name}{Role.REVIEWER.label}（矛盾纠纷调处）")  # fmt: skip
        return staff

    def _name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def _phone(self) -> str:
        return f"1390479{self.rng.randrange(10_000):04d}"

    def _body(self, kind: str, township: Division, village: Division | None) -> str:
        return {
            "village_committee": f"{village.name if village else township.name}人民调解委员会",
            "township_committee": f"{township.name}人民调解委员会",
            "judicial_office": f"{township.name}司法所",
            "township": f"{township.name}人民政府",
            "county": "多伦县矛盾纠纷调处中心",
        }.get(kind, "")

    # --- 2012 ---------------------------------------------------------------------------------

    def campaigns(self) -> None:
        quarters = [(D(YEAR, m, 1), D(YEAR, m + 2, 30 if m + 2 in (6, 9) else 31))
                    for m in (1, 4, 7, 10)]  # fmt: skip
        for n, (start, end) in enumerate(quarters, start=1):
            services.campaign_create(
                actor=self.legal, organiser=self.legal_office,
                name=f"2012年第{'一二三四'[n - 1]}季度矛盾纠纷排查", kind="quarterly",
                started_on=start, ended_on=end,
                description="各乡镇、村（社区）每季度开展一次矛盾纠纷集中排查。",
            )  # fmt: skip
        services.campaign_create(
            actor=self.legal, organiser=self.legal_office,
            name="党的十八大期间矛盾纠纷专项排查活动", kind="special",
            started_on=SPECIAL_FROM, ended_on=SPECIAL_TO,
            description="配合县信访局开展专项排查，十八大召开期间（11月8日至14日）实行日排查、"
            "日报告，把矛盾纠纷化解在基层、解决在萌芽状态。",
        )  # fmt: skip

    def _plan(self) -> list[tuple[D, Division, str, str]]:
        days = Day.objects.filter(date__year=YEAR, is_workday=True, date__lt=LAST_DAY)
        days = list(days.values_list("date", flat=True))
        special = [d for d in days if SPECIAL_FROM <= d <= SPECIAL_TO]
        ordinary = [d for d in days if not SPECIAL_FROM <= d <= SPECIAL_TO]
        dates = [self.rng.choice(special) for _ in range(SPECIAL_FOUND)]
        dates += [self.rng.choice(ordinary) for _ in range(FOUND - SPECIAL_FOUND - 1)]
        dates.sort()
        dates.append(LAST_DAY)
        townships = [t for t, n in zip(self.townships, TOWNSHIP_COUNTS, strict=False)
                     for _ in range(n)]  # fmt: skip
        types = [t for t, n in TYPE_COUNTS for _ in range(n)]
        self.rng.shuffle(townships)
        self.rng.shuffle(types)
        plan = []
        for day, township, kind in zip(dates, townships, types, strict=True):
            how = "sweep" if SPECIAL_FROM <= day <= SPECIAL_TO and self.rng.random() < 0.9 else (
                self.rng.choice(HOW_FOUND))  # fmt: skip
            plan.append((day, township, kind, how))
        return plan

    def year(self) -> None:
        plan = self._plan()
        escalating = set(self.rng.sample(range(FOUND - 1), 8))
        serious = set(self.rng.sample(range(FOUND - 1), 30)) - escalating
        extended = set(self.rng.sample(range(200), 2))  # found before the autumn
        for i, (day, township, kind, how) in enumerate(plan):
            village = (
                self.rng.choice(self.villages[township.pk]) if self.rng.random() < 0.8 else None
            )
            mediator_kind = self.rng.choice(MEDIATOR_KINDS)
            if village is None and mediator_kind == "village_committee":
                mediator_kind = "township_committee"
            risk = "may_escalate" if i in escalating else "serious" if i in serious else "general"
            amount = None
            if kind in ("labour", "contract", "demolition", "land") and self.rng.random() < 0.7:
                amount = self.rng.randrange(20, 800) * 100
            actor = self.staff[township.pk]
            dispute = services.dispute_register(
                actor=actor, township=township, village=village, found_on=day, how_found=how,
                dispute_type=kind, summary=self.rng.choice(SUMMARIES[kind]),
                parties=[{"name": self._name(), "phone": self._phone(), "side": "applicant"},
                         {"name": self._name(), "side": "respondent"}],
                mediator_kind=mediator_kind,
                mediating_body=self._body(mediator_kind, township, village),
                mediator=self.rng.choice(MEDIATORS), amount=amount, risk_level=risk,
                accepted_on=day,
            )  # fmt: skip
            if risk == "may_escalate":
                note = "当日电话报告县矛盾纠纷调处中心和县信访局。"
                services.dispute_report(actor=actor, dispute=dispute, on=day, note=note)
            if i == FOUND - 1:
                self._carried(dispute, actor)
                continue
            long = i in extended
            outcome = min(day + datetime.timedelta(days=self.rng.randrange(40, 44) if long
                                                   else self.rng.randrange(0, 21)),
                          D(YEAR, 12, 31))  # fmt: skip
            if long:
                services.dispute_extend(
                    actor=actor, dispute=dispute, days=15, on=day + datetime.timedelta(days=25),
                    reason="双方当事人同意延长调解期限，待评估损失后再行协商。",
                )  # fmt: skip
            written = amount is not None or self.rng.random() < 0.3
            if written and i % 2 == 0:
                services.session_record(
                    actor=actor, dispute=dispute, held_on=outcome, place=dispute.mediating_body,
                    participants="双方当事人、调解员", record="调解员释法明理，双方达成一致意见。",
                )  # fmt: skip
            services.dispute_succeed(
                actor=actor, dispute=dispute, on=outcome,
                agreement_form="written" if written else "oral",
                agreement_text="双方自愿达成调解协议，当场履行。" if written else "",
                agreement_amount=amount,
            )  # fmt: skip
            if written and i % 3 == 0:
                services.followup_record(
                    actor=actor, dispute=dispute, visited_by=dispute.mediator or MEDIATORS[0],
                    on=min(outcome + datetime.timedelta(days=14), D(YEAR + 1, 1, 31)),
                    note="协议已履行，双方无异议。",
                )  # fmt: skip
        self.ctx.step(f"{FOUND} disputes of {YEAR}")

    def _carried(self, dispute: Dispute, actor: User) -> None:
        """Found 2012-12-27, still being mediated at the end of the year; referred to the court
        in January 2013."""
        services.session_record(
            actor=actor, dispute=dispute, held_on=D(2012, 12, 28), place=dispute.mediating_body,
            participants="双方当事人、调解员", record="双方分歧较大，约定元旦后再次调解。",
        )  # fmt: skip
        services.dispute_refer(
            actor=actor, dispute=dispute, referred_to_kind="court", referred_to="多伦县人民法院",
            note="再次调解未果，引导当事人向人民法院起诉。", on=D(2013, 1, 15),
        )  # fmt: skip

    # --- now ----------------------------------------------------------------------------------

    def current(self) -> None:
        today = self.today
        ago = lambda n: today - datetime.timedelta(days=n)  # noqa: E731
        month_start = today.replace(day=1)
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        services.campaign_create(
            actor=self.legal, organiser=self.legal_office,
            name=f"{today.year}年{today.month}月矛盾纠纷排查", kind="monthly",
            started_on=month_start, ended_on=next_month - datetime.timedelta(days=1),
        )  # fmt: skip
        township = self.townships[0]
        village = self.villages[township.pk][0]
        actor = self.staff[township.pk]

        def new(found, kind, summary, how="walk_in", accepted=True, **kwargs):
            return services.dispute_register(
                actor=actor, township=township, village=village, found_on=found,
                how_found=how, dispute_type=kind, summary=summary,
                parties=[{"name": self._name(), "phone": self._phone(), "side": "applicant"},
                         {"name": self._name(), "phone": self._phone(), "side": "respondent"}],
                mediator_kind="village_committee",
                mediating_body=f"{village.name}人民调解委员会", mediator=MEDIATORS[0],
                accepted_on=found if accepted else None, **kwargs,
            )  # fmt: skip

        new(ago(1), "neighbours", "邻里通行纠纷，刚登记待受理", accepted=False)
        d = new(ago(5), "family", "赡养老人纠纷", how="sweep")
        services.session_record(actor=actor, dispute=d, held_on=ago(3), place="北山村村委会",
                                participants="老人及其三名子女、调解员",
                                record="子女初步同意轮流赡养，分担费用待定。")  # fmt: skip
        d = new(ago(25), "land", "草场承包经营权纠纷", amount=30000)
        services.dispute_extend(actor=actor, dispute=d, days=15, on=ago(2),
                                reason="双方同意延长，待草原监理所测量界址。")  # fmt: skip
        new(ago(45), "contract", "民间借贷纠纷（调解逾期）", amount=50000)
        new(today, "demolition", "房屋拆迁安置纠纷，当事人情绪激烈", risk_level="may_escalate",
            amount=180000)  # fmt: skip
        d = new(ago(6), "labour", "拖欠农民工工资纠纷", amount=86000)
        services.dispute_set_risk(actor=actor, dispute=d, risk_level="may_escalate", on=ago(3),
                                  reason="十余名工人扬言集体上访。")  # fmt: skip
        services.dispute_report(actor=actor, dispute=d, on=ago(2),
                                note="报告县矛盾纠纷调处中心、县人社局。")  # fmt: skip
        d = new(ago(20), "neighbours", "宅基地界墙纠纷")
        services.dispute_succeed(actor=actor, dispute=d, on=ago(10), agreement_form="written",
                                 agreement_text="界墙按原址重建，费用双方各半。")  # fmt: skip
        services.followup_record(actor=actor, dispute=d, visited_by=MEDIATORS[0], on=ago(2),
                                 note="界墙已重建。")  # fmt: skip
        d = new(ago(8), "family", "离婚财产分割纠纷")
        services.dispute_succeed(actor=actor, dispute=d, on=ago(3), agreement_form="oral")
        d = new(ago(15), "contract", "租赁合同纠纷", amount=12000)
        services.dispute_fail(actor=actor, dispute=d, on=ago(6), advice="litigation",
                              note="承租方不同意支付违约金，告知可向人民法院起诉。")  # fmt: skip
        d = new(ago(7), "labour", "工伤赔偿纠纷", accepted=False, how="hotline")
        services.dispute_refer(actor=actor, dispute=d, on=ago(4),
                               referred_to_kind="labour_arbitration",
                               referred_to="多伦县劳动人事争议仲裁委员会")  # fmt: skip
        other = self.townships[1]
        d = services.dispute_register(
            actor=self.staff[other.pk], township=other, found_on=ago(12), how_found="petition",
            dispute_type="demolition", summary="征地补偿款分配纠纷（信访局转办）",
            parties=[{"name": self._name(), "side": "applicant"},
                     {"name": "大北沟村村民委员会", "side": "respondent"}],
            mediator_kind="judicial_office", mediating_body=f"{other.name}司法所",
            mediator=MEDIATORS[1], accepted_on=ago(11), amount=240000,
        )  # fmt: skip
        services.dispute_refer(actor=self.staff[other.pk], dispute=d, on=ago(4),
                               referred_to_kind="court", referred_to="多伦县人民法院",
                               note="涉及集体经济组织成员资格认定，引导诉讼。")  # fmt: skip
        self.ctx.step("current disputes in every state (one mediation overdue)")


def load(ctx: DemoContext) -> None:
    loader = _Loader(ctx)
    if loader.county is None:
        return
    loader.campaigns()
    loader.year()
    loader.current()
    audit_record(
        actor=None,
        action="demo_load_disputes",
        object_type="disputes.sweepcampaign",
        object_id="*",
        detail={"disputes": Dispute.objects.count(), "campaigns": SweepCampaign.objects.count()},
        division=loader.county,
    )

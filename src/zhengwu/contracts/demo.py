"""The demo county's contract review, driven through the services.

2012 (fixed dates): the 59 government contracts the seed's county reviewed that year
("今年审查政府合同59件,内容涉及项目开发、工程建设等方面") — mostly project development and
construction, some procurement, leasing, cooperation and franchise — submitted by the
departments through the year; the legal-affairs office returned each opinion within the 7
working days but twice; 8 were sent back for amendment and found lawful on the amended
version, one was found unlawful and never signed; the rest were signed, performed and are
completed.

Now (dates counted back from the real today): contracts in every state — a draft, one just
submitted, one under review with its clock running, one waiting for supplementary materials,
one sent back for amendment, one signed, one in performance with a milestone overdue, one whose
term ends within the warning period, and one found signed without review.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengwu.contracts import services
from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import Department, User
from zhengwu.org.selectors import home_county
from zhengwu.workdays.counting import get_calendar

D = datetime.date

# (kind, how many in 2012, submitting departments in turn, subjects in turn)
PLAN_2012 = [
    ("project_development", 24, ["fgj", "gtj", "lvj", "jxj"],
     ["多伦湖旅游区综合开发", "滦河源湿地公园开发", "城区棚户区改造开发", "工业园区标准厂房开发",
      "浩来呼热风电场配套", "生态移民新村建设开发", "西山湾水库旅游开发", "商贸物流园区开发"]),
    ("construction", 21, ["zjj", "jtj", "swj"],
     ["城区主干道改造工程施工", "县城集中供热管网工程施工", "农村牧区公路建设工程施工",
      "城区污水管网工程施工", "人畜饮水安全工程施工", "保障性住房工程施工",
      "多伦诺尔镇街巷硬化工程施工"]),
    ("procurement", 6, ["czj", "jyj", "wsj"],
     ["教学设备采购", "乡镇卫生院医疗设备采购", "办公设备集中采购"]),
    ("leasing", 3, ["gtj", "fgc", "gtj"], ["国有土地使用权租赁", "公租房租赁", "国有房屋租赁"]),
    ("cooperation", 3, ["nmj", "lyj", "lvj"],
     ["肉羊养殖产业化合作", "京津风沙源治理造林合作", "旅游景区经营合作"]),
    ("franchise", 2, ["zjj", "swj"], ["城区生活垃圾处理特许经营", "城区供水特许经营"]),
]  # fmt: skip
COUNTERPARTIES = [
    "内蒙古多伦湖旅游开发有限公司", "锡林郭勒盟路桥建设有限责任公司", "多伦县城建投资有限公司",
    "内蒙古兴泰建筑有限责任公司", "北京中环水务有限公司", "锡林浩特市恒信商贸有限公司",
    "多伦县惠民农牧业专业合作社", "河北承德宏达建设集团有限公司",
]  # fmt: skip
AMEND_FINDINGS = ["第十二条违约责任约定明显不对等，应明确双方责任",
                  "付款条件与财政预算安排不一致"]  # fmt: skip
AMEND_BASES = ["《中华人民共和国合同法》第五条", "《中华人民共和国预算法》第四十八条"]
UNLAWFUL = 30  # the contract found unlawful (以土地出让金抵顶工程款)
LATE = {12, 46}  # opinions returned after the 7 working days


def _staff_of(department: Department, cache: dict) -> User:
    """The person of each department who handles its contracts (the demo's head for 住建局)."""
    if department.code not in cache:
        if department.code == "zjj":
            cache["zjj"] = User.objects.get(username="head")
        else:
            user, _created = User.objects.get_or_create(
                username=f"contracts_{department.code}",
                defaults={
                    "full_name": f"{department.short_name or department.name}合同管理员",
                    "kind": User.Kind.STAFF,
                    "department": department,
                    "password": "!",
                },
            )
            cache[department.code] = user
    return cache[department.code]


def _workdays_after(day: datetime.date, n: int) -> datetime.date:
    return get_calendar().add_workdays(day, n).date


def _next_workday(day: datetime.date) -> datetime.date:
    return get_calendar().next_workday_on_or_after(day)


def _plan_2012() -> list[tuple[str, str, str]]:
    rows = []
    for kind, count, departments, subjects in PLAN_2012:
        for i in range(count):
            subject = subjects[i % len(subjects)]
            lot = i // len(subjects) + 1
            title = f"多伦县{subject}合同" + (f"（{lot}标段）" if lot > 1 else "")
            rows.append((kind, departments[i % len(departments)], title))
    # Interleave the kinds through the year (a fixed permutation: 7919 is prime to 59).
    order = sorted(range(len(rows)), key=lambda k: (k * 7919) % len(rows))
    return [rows[k] for k in order]


def _year_2012(ctx, legal, deps, cache) -> int:
    for i, (kind, code, title) in enumerate(_plan_2012()):
        department = deps[code]
        staff = _staff_of(department, cache)
        submitted = _next_workday(D(2012, 2, 6) + datetime.timedelta(days=5 * i))
        contract = services.contract_create(
            actor=staff, department=department, title=title, kind=kind,
            counterparty=COUNTERPARTIES[i % len(COUNTERPARTIES)],
            amount=Decimal(150_000 + 97_500 * (i % 23)),
            text=f"{title}\n第一条 合同标的……\n第二条 价款及支付……\n第三条 违约责任……",
            on=submitted,
        )  # fmt: skip
        services.contract_submit(actor=staff, contract=contract, on=submitted)
        services.contract_start_review(actor=legal, contract=contract, on=submitted)
        day = submitted
        if i % 7 == 3:  # sent back for amendment, then found lawful on the amended version
            day = _workdays_after(submitted, 4)
            services.contract_return_opinion(
                actor=legal, contract=contract, conclusion="amend", findings=AMEND_FINDINGS,
                legal_bases=AMEND_BASES, text="请按审查意见修改后重新报送", on=day,
            )  # fmt: skip
            day = _workdays_after(day, 2)
            services.contract_add_version(actor=staff, contract=contract, on=day,
                                          text=f"{title}（修改稿）\n第十二条 违约责任（修改）……",
                                          note="按合法性审查意见修改")  # fmt: skip
            services.contract_submit(actor=staff, contract=contract, on=day)
            services.contract_start_review(actor=legal, contract=contract, on=day)
        returned = _workdays_after(day, 9 if i in LATE else 5)
        if i == UNLAWFUL:
            services.contract_return_opinion(
                actor=legal, contract=contract, conclusion="unlawful",
                findings=["约定以国有土地使用权出让金抵顶工程款"],
                legal_bases=["《中华人民共和国土地管理法》第五十五条",
                             "《中华人民共和国预算法》第四条"],
                text="该合同条款违反法律规定，不得签订", on=returned,
            )  # fmt: skip
            continue
        services.contract_return_opinion(actor=legal, contract=contract, conclusion="lawful",
                                         legal_bases=["《中华人民共和国合同法》"],
                                         text="经审查，合同内容合法", on=returned)  # fmt: skip
        signed = _workdays_after(returned, 3)
        expires = signed.replace(year=signed.year + 1 + i % 2) - datetime.timedelta(days=1)
        services.contract_sign(actor=staff, contract=contract, on=signed, expires_on=expires)
        services.contract_start_performance(actor=staff, contract=contract, on=signed)
        services.contract_complete(actor=staff, contract=contract, on=expires,
                                   note="双方义务履行完毕")  # fmt: skip
    ctx.step("59 government contracts reviewed in 2012")
    return 59


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% zhengwu demo\n", content_type="application/pdf")


def _current(ctx, legal, deps, cache, today) -> int:
    """Contracts in every state now, dated back (in working days) from today."""

    def ago(n: int) -> datetime.date:
        from zhengwu.supervision.rules import workdays_ago

        return workdays_ago(today, n)

    made = 0

    def new(code, title, kind, amount, *, on):
        nonlocal made
        made += 1
        department = deps[code]
        staff = _staff_of(department, cache)
        contract = services.contract_create(
            actor=staff, department=department, title=title, kind=kind,
            counterparty=COUNTERPARTIES[made % len(COUNTERPARTIES)], amount=Decimal(amount),
            text=f"{title}\n第一条 合同标的……", on=on,
        )  # fmt: skip
        return contract, staff

    def reviewed(code, title, kind, amount, *, submitted, returned, conclusion="lawful"):
        contract, staff = new(code, title, kind, amount, on=submitted)
        services.contract_submit(actor=staff, contract=contract, on=submitted)
        services.contract_start_review(actor=legal, contract=contract, on=submitted)
        extra = {}
        if conclusion != "lawful":
            extra = {"findings": AMEND_FINDINGS, "legal_bases": AMEND_BASES}
        services.contract_return_opinion(actor=legal, contract=contract, conclusion=conclusion,
                                         on=returned, **extra)  # fmt: skip
        return contract, staff

    new("zjj", "多伦县城区老旧小区改造工程施工合同（草案）", "construction", 3_600_000, on=ago(1))
    just, staff = new("fgj", "多伦县光伏扶贫电站项目合作开发合同", "project_development",
                      12_000_000, on=ago(1))  # fmt: skip
    services.contract_submit(actor=staff, contract=just, on=ago(1))
    running, staff = new("zjj", "多伦县城区雨污分流改造工程施工合同", "construction", 8_450_000,
                         on=ago(4))  # fmt: skip
    services.contract_submit(actor=staff, contract=running, on=ago(4))
    services.contract_start_review(actor=legal, contract=running, on=ago(3))
    waiting, staff = new("jtj", "多伦县农村公路养护工程合同", "construction", 1_980_000, on=ago(6))
    services.contract_submit(actor=staff, contract=waiting, on=ago(6))
    services.contract_start_review(actor=legal, contract=waiting, on=ago(5))
    services.contract_request_materials(actor=legal, contract=waiting, on=ago(3),
                                        reason="请补充项目立项批复和招标文件")  # fmt: skip
    reviewed("czj", "多伦县政务服务中心办公家具采购合同", "procurement", 460_000,
             submitted=ago(9), returned=ago(4), conclusion="amend")  # fmt: skip
    signed, staff = reviewed("swj", "多伦县城区供水管网改造工程施工合同", "construction",
                             5_200_000, submitted=ago(20), returned=ago(15))  # fmt: skip
    services.contract_sign(actor=staff, contract=signed, on=ago(12), upload=_pdf("签订稿.pdf"),
                           expires_on=today + datetime.timedelta(days=540))  # fmt: skip
    performing, staff = reviewed("zjj", "多伦县保障性住房小区配套工程施工合同", "construction",
                                 6_750_000, submitted=ago(90), returned=ago(85))  # fmt: skip
    services.contract_sign(actor=staff, contract=performing, on=ago(80),
                           upload=_pdf("配套工程合同签订稿.pdf"),
                           expires_on=today + datetime.timedelta(days=200))  # fmt: skip
    services.contract_start_performance(actor=staff, contract=performing, on=ago(78))
    first = services.milestone_add(actor=staff, contract=performing, title="基础工程完工",
                                   due_on=today - datetime.timedelta(days=60))  # fmt: skip
    services.milestone_done(actor=staff, milestone=first, on=today - datetime.timedelta(days=62))
    services.milestone_add(actor=staff, contract=performing, title="主体结构封顶",
                           due_on=today - datetime.timedelta(days=10),
                           note="施工单位未按期完成")  # fmt: skip
    services.milestone_add(actor=staff, contract=performing, title="竣工验收",
                           due_on=today + datetime.timedelta(days=150))  # fmt: skip
    ending, staff = reviewed("gtj", "多伦县国有土地使用权租赁合同（诺尔路地块）", "leasing",
                             320_000, submitted=ago(260), returned=ago(255))  # fmt: skip
    services.contract_sign(actor=staff, contract=ending, on=ago(250),
                           expires_on=today + datetime.timedelta(days=20))  # fmt: skip
    services.contract_start_performance(actor=staff, contract=ending, on=ago(250))
    unreviewed, _staff = new("lvj", "多伦县旅游节活动承办合同", "other", 280_000, on=ago(30))
    services.contract_record_unreviewed_signing(
        actor=legal,
        contract=unreviewed,
        on=ago(25),
        reason="合同专项检查中发现未经合法性审查即签订",
    )
    ctx.step(f"{made} current contracts in every state")
    return made


def load(ctx: DemoContext) -> None:
    county = home_county()
    deps = {d.code: d for d in Department.objects.filter(division=county)}
    legal = User.objects.get(username="legal")
    cache: dict[str, User] = {}
    today = timezone.localdate()
    _year_2012(ctx, legal, deps, cache)
    _current(ctx, legal, deps, cache, today)

"""The demo county's cases: the seed report's figures, the years before them, and open cases.

The seed: by the end of 2012 the county administrative service centre had accepted 42,756 cases
and completed 41,473 (97 %); in 2012 its windows accepted 4,300 through the approval software
(3,718 promised, 582 instant) and completed 4,284 (99.6 %); the township convenience halls had
accepted 2,280. So:

- 2012 at the county centre: 4,300 accepted (3,718 promised, 582 instant, each on a centre
  matter of that type), 4,284 completed in 2012 and 16 withdrawn after acceptance;
- 2005–2011 at the county centre: 38,456 accepted, 37,189 completed in the year they were
  accepted (so none is completed in 2012) and 1,267 withdrawn;
- 2009–2012 at the township halls: 2,280 accepted on the townships' own matters;
- about 1.2 % of the applications each year were refused (not accepted), and are extra.

These historic cases are generated deterministically (applicants from a generated pool of
citizens and organisations, spread over the working days, channels, posts and matters) and
inserted in bulk, with the deadline clocks the services run (legal and promised, or instant),
dated by the database (``recompute_due_dates``), and ratings on part of the 2011–2012 cases.

A handful of current cases, dated in the last weeks, are driven through the real services so
that they have tasks, clocks and audit events, in every state a case rests in, and every demo
account finds work in its queue.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import CharField, DateTimeField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.cases import services
from zhengwu.cases.models import Case, Channel, Decision, DeliveryMethod, Rating, Task
from zhengwu.catalog.demo import COMMON_MATTERS
from zhengwu.catalog.models import SERVICE_KINDS, Power, PowerVersion
from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import Department, Division, ServiceCentre, User
from zhengwu.org.roles import Role
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Clock, Day
from zhengwu.workdays.redate import recompute_due_dates

# The county centre, per year: (accepted, of which instant, of which withdrawn after acceptance).
# The rest were completed in the year they were accepted.
CENTRE_YEARS = {
    2005: (6200, 839, 204),
    2006: (5900, 799, 194),
    2007: (5700, 771, 188),
    2008: (5500, 744, 181),
    2009: (5300, 717, 175),
    2010: (4950, 670, 163),
    2011: (4906, 664, 162),
    2012: (4300, 582, 16),
}
# The township halls, per year: accepted (a few withdrawn, the rest completed within days).
HALL_YEARS = {2009: 260, 2010: 480, 2011: 700, 2012: 840}
REFUSED_SHARE = 0.012
# Share of the centre's cases that arrived online, at a township hall or at a village point.
ONLINE_SHARE = {2009: 0.02, 2010: 0.04, 2011: 0.07, 2012: 0.15}
FORWARDED_SHARE = {2010: 0.03, 2011: 0.05, 2012: 0.06}
ORGANISATION_SHARE = 0.35
# Relative weight of each month's working days (fewer applications around the Spring Festival).
MONTH_WEIGHTS = [0.8, 0.7, 1.1, 1.2, 1.2, 1.1, 0.9, 0.9, 1.0, 1.0, 1.1, 1.0]
# The common matters (real names) are applied for more often than the generated ones.
COMMON_WEIGHT = 6
# Ratings (好差评) on part of the cases completed in these years, and their levels' weights.
RATED_SHARE = {2011: 0.10, 2012: 0.25}
LEVEL_WEIGHTS = {5: 60, 4: 28, 3: 8, 2: 3, 1: 1}

APPLICANT_POOL = {"citizens": 2400, "organisations": 600}
CENTRE_CLERKS = 5  # besides the demo clerk

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾"
    "丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹"
)
GIVEN = "建国秀英桂兰志强海燕丽娟玉梅晓东红霞俊杰文博淑珍国华金凤永明春生立新德胜婷婷宏伟晓燕"
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
    "额尔敦",
    "苏和",
    "阿拉坦",
    "朝鲁",
    "乌日娜",
]
ORG_BRANDS = [
    "草原",
    "滦河",
    "上都",
    "会盟",
    "汇宗",
    "蔡木山",
    "大北沟",
    "西干沟",
    "诺尔",
    "锡林",
    "元上都",
    "白城子",
    "龙泉",
    "金莲川",
    "兴盛",
    "福盛",
    "砧子山",
    "黑风河",
    "北山",
    "庙后",
]
ORG_TRADES = [
    "乳业",
    "牧业",
    "建筑工程",
    "商贸",
    "运输",
    "餐饮",
    "旅游",
    "农牧业开发",
    "新能源",
    "物流",
    "食品",
    "建材",
    "房地产开发",
    "医药连锁",
    "宾馆",
    "农机服务",
]
ORG_FORMS = ["有限公司", "有限责任公司", "专业合作社", "商贸中心"]
REFUSAL_REASONS = [
    "申请事项不属于本行政机关职权范围，已告知申请人向有关行政机关申请。",
    "申请事项依法不需要取得行政许可。",
    "申请人不具备申请资格。",
]
WITHDRAWAL_REASONS = ["申请人主动撤回申请。", "项目计划调整，撤回申请。", "重复申请，撤回其一。"]
DENIAL = ("经审查，申请人不符合法定条件。", "中华人民共和国行政许可法第三十八条第二款")
BAD_COMMENTS = [
    "材料要求没有一次性告知，跑了三趟。",
    "窗口等候时间太长。",
    "办理进度查询不到，电话没人接。",
]
GOOD_COMMENTS = ["办事效率高，态度好。", "一次办成，很方便。", "", "", ""]
FOLLOW_UP_ANSWERS = [
    "已约谈窗口负责人，完善一次性告知清单，并向申请人致歉。",
    "已增设窗口、调整午间值班，缩短等候时间。",
    "已开通办件进度短信提醒，并公布咨询电话值守表。",
]

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
COUNTY_CODE = "152531"


def id_number(body17: str) -> str:
    """A resident ID number with its GB 11643 check character."""
    total = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


def credit_code(body17: str) -> str:
    """A unified social credit code with its GB 32100 check character."""
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(body17, CREDIT_WEIGHTS, strict=True))
    return body17 + CREDIT_CHARSET[(31 - total % 31) % 31]


class Workdays:
    """The official calendar's working days between two dates, for generating dates."""

    def __init__(self, first: datetime.date, last: datetime.date):
        rows = Day.objects.filter(date__range=(first, last), is_workday=True).order_by("number")
        self.dates = list(rows.values_list("date", flat=True))
        self.index = {d: i for i, d in enumerate(self.dates)}
        self.by_year: dict[int, list[datetime.date]] = defaultdict(list)
        for day in self.dates:
            self.by_year[day.year].append(day)

    def of_year(self, year: int) -> list[datetime.date]:
        return self.by_year[year]

    def last_of_year(self, year: int) -> datetime.date:
        return self.by_year[year][-1]

    def shift(self, day: datetime.date, n: int) -> datetime.date:
        """The working day ``n`` working days after (or before, n < 0) the working day ``day``."""
        i = min(max(self.index[day] + n, 0), len(self.dates) - 1)
        return self.dates[i]

    def before(self, day: datetime.date, n: int) -> datetime.date:
        """The nth working day before ``day`` (n = 0: ``day`` if it is one, else the last)."""
        return self.dates[max(bisect_right(self.dates, day) - 1 - n, 0)]


@dataclass
class Matters:
    instant: list[PowerVersion]
    instant_weights: list[int]
    promised: list[PowerVersion]
    promised_weights: list[int]


@dataclass
class Staff:
    centre_clerks: list[User]
    hall_clerk: dict[int, User]  # by township hall id
    agent: dict[int, User]  # by village point id
    supervisor: User


RELATED = (
    "power_version",
    "applicant",
    "submitted_by",
    "service_centre",
    "handling_centre",
    "accepted_by",
)


class _Generator:
    """Builds the historic cases as unsaved rows, then inserts them in bulk."""

    def __init__(self, rng: random.Random, workdays: Workdays):
        self.rng = rng
        self.workdays = workdays
        self.cases: list[Case] = []
        self.versions: dict[int, PowerVersion] = {}
        self.centre_kinds: dict[int, str] = {}
        self._moment: dict[datetime.date, datetime.datetime] = {}

    def moment(self, day: datetime.date) -> datetime.datetime:
        if day not in self._moment:
            naive = datetime.datetime.combine(day, datetime.time(10, 30))
            self._moment[day] = timezone.make_aware(naive)
        return self._moment[day]

    def spread(self, year: int, n: int) -> list[datetime.date]:
        """``n`` working days of ``year``, weighted by month, in order."""
        days = self.workdays.of_year(year)
        weights = [MONTH_WEIGHTS[d.month - 1] for d in days]
        return sorted(self.rng.choices(days, weights=weights, k=n))

    def case(self, **fields) -> Case:
        """An unsaved case; related rows are given by id, which is much faster to build."""
        for name in RELATED:
            if name in fields:
                related = fields.pop(name)
                if name == "power_version":
                    self.versions[related.pk] = related
                elif name == "handling_centre":
                    self.centre_kinds[related.pk] = related.kind
                fields[f"{name}_id"] = related.pk if related is not None else None
        last = (
            fields.get("completed_on")
            or fields.get("withdrawn_on")
            or fields.get("refused_on")
            or fields.get("accepted_on")
        )
        case = Case(
            form_data={},
            materials_complete_on=fields["received_on"],
            last_activity_at=self.moment(last),
            **fields,
        )
        self.cases.append(case)
        return case


def _pick(rng: random.Random, items: list, weights: list[int], k: int) -> list:
    return rng.choices(items, weights=weights, k=k)


def _matters(county: Division) -> tuple[Matters, dict[int, list[PowerVersion]]]:
    """The centre's matters by type, and each township's own matters (by township division)."""
    current = PowerVersion.objects.filter(
        power__current=F("pk"),
        power__status=Power.Status.IN_FORCE,
        kind__in=SERVICE_KINDS,
    ).select_related("department")
    common = {name for _c, name, *_rest in COMMON_MATTERS}
    centre = list(
        current.filter(in_service_centre=True, department__division=county).order_by("pk")
    )
    instant = [v for v in centre if v.matter_type == PowerVersion.MatterType.INSTANT]
    promised = [v for v in centre if v.matter_type == PowerVersion.MatterType.PROMISED]

    def weights(versions):
        return [COMMON_WEIGHT if v.name in common else 1 for v in versions]

    townships: dict[int, list[PowerVersion]] = defaultdict(list)
    for version in current.filter(
        department__division__parent=county,
        department__division__level=Division.Level.TOWNSHIP,
    ).order_by("pk"):
        townships[version.department.division_id].append(version)
    return Matters(instant, weights(instant), promised, weights(promised)), townships


def _person_name(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(MONGOLIAN_NAMES)
    given = rng.choice([GIVEN[i : i + 2] for i in range(0, len(GIVEN), 2)])
    if rng.random() < 0.3:
        given = given[0]
    return rng.choice(SURNAMES) + given


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def _applicants(rng: random.Random, password: str) -> tuple[list[User], list[User]]:
    """A pool of citizens (valid ID numbers of the county) and organisations (valid codes)."""
    taken = set(User.objects.exclude(id_number="").values_list("id_number", flat=True))
    citizens = []
    while len(citizens) < APPLICANT_POOL["citizens"]:
        born = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 55))
        number = id_number(f"{COUNTY_CODE}{born:%Y%m%d}{rng.randrange(1000):03d}")
        if number in taken:
            continue
        taken.add(number)
        n = len(citizens) + 1
        citizens.append(
            User(
                username=f"p{n:05d}",
                full_name=_person_name(rng),
                kind=User.Kind.CITIZEN,
                id_number=number,
                phone=_phone(rng),
                password=password,
            )
        )
    names = [f"多伦县{b}{t}{f}" for b in ORG_BRANDS for t in ORG_TRADES for f in ORG_FORMS]
    organisations = []
    for n, name in enumerate(rng.sample(names, APPLICANT_POOL["organisations"]), start=1):
        # 91: an enterprise registered by market regulation, 93: a farmers' cooperative.
        kind = "93" if "合作社" in name else "91"
        organisations.append(
            User(
                username=f"org{n:04d}",
                full_name=name,
                kind=User.Kind.ORGANISATION,
                credit_code=credit_code(f"{kind}{COUNTY_CODE}MA{n:07d}"),
                phone=_phone(rng),
                password=password,
            )
        )
    saved = User.objects.bulk_create(citizens + organisations, batch_size=1000)
    return saved[: len(citizens)], saved[len(citizens) :]


def _staff(rng: random.Random, county: Division, password: str) -> Staff:
    """The windows' and points' staff of the years before, and reviewers of the co-reviewing
    departments of the joint matters (accounts without a usable password)."""
    by_code = {d.code: d for d in Department.objects.filter(division=county)}
    centre = ServiceCentre.objects.get(division=county, kind=ServiceCentre.Kind.COUNTY_CENTRE)
    halls = list(
        ServiceCentre.objects.filter(
            division__parent=county, kind=ServiceCentre.Kind.TOWNSHIP_HALL
        ).order_by("division__code")
    )
    points = list(
        ServiceCentre.objects.filter(
            division__parent__parent=county, kind=ServiceCentre.Kind.VILLAGE_POINT
        )
        .select_related("division")
        .order_by("division__code")
    )
    existing = {
        u.service_centre_id: u
        for u in User.objects.filter(groups__name=Role.VILLAGE_AGENT, service_centre__in=points)
    }
    committees = {
        d.division_id: d
        for d in Department.objects.filter(
            division__in=[p.division for p in points], kind=Department.Kind.COMMITTEE
        )
    }
    governments = {
        d.division_id: d
        for d in Department.objects.filter(division__parent=county, kind=Department.Kind.GOVERNMENT)
    }
    new: list[tuple[User, Role]] = []

    def add(username, department, post, role):
        user = User(
            username=username,
            full_name=_person_name(rng),
            kind=User.Kind.STAFF,
            department=department,
            service_centre=post,
            password=password,
        )
        new.append((user, role))
        return user

    clerks = [
        add(f"window{n:02d}", by_code["spzx"], centre, Role.WINDOW_CLERK)
        for n in range(1, CENTRE_CLERKS + 1)
    ]
    hall_clerk = {
        hall.pk: add(f"hall{n}", governments[hall.division_id], hall, Role.WINDOW_CLERK)
        for n, hall in enumerate(halls, start=1)
    }
    agent = {}
    for n, point in enumerate(points, start=1):
        agent[point.pk] = existing.get(point.pk) or add(
            f"agent{n:02d}", committees[point.division_id], point, Role.VILLAGE_AGENT
        )
    for code in ("xfd", "gtj", "hbj"):
        add(f"reviewer_{code}", by_code[code], None, Role.REVIEWER)
    User.objects.bulk_create([u for u, _r in new])  # sets their ids
    groups = {g.name: g.pk for g in Group.objects.all()}
    through = User.groups.through
    through.objects.bulk_create([through(user_id=u.pk, group_id=groups[str(r)]) for u, r in new])
    demo_clerk = User.objects.get(username="clerk")
    return Staff(
        centre_clerks=[demo_clerk, *clerks],
        hall_clerk=hall_clerk,
        agent=agent,
        supervisor=User.objects.get(username="supervisor"),
    )


# ---------------------------------------------------------------------------------------------
# The historic cases
# ---------------------------------------------------------------------------------------------


def _centre_cases(gen: _Generator, matters: Matters, staff: Staff, applicants, centre, posts):
    """The county centre's cases of 2005–2012, as in CENTRE_YEARS."""
    rng, wd = gen.rng, gen.workdays
    halls, points = posts
    serial = 0
    for year, (accepted, instant_n, withdrawn_n) in CENTRE_YEARS.items():
        last = wd.last_of_year(year)
        days = gen.spread(year, accepted)
        kinds = ["instant"] * instant_n + ["promised"] * (accepted - instant_n)
        rng.shuffle(kinds)
        promised_idx = [i for i, k in enumerate(kinds) if k == "promised"]
        withdrawn = set(rng.sample(promised_idx, withdrawn_n))
        instant_versions = iter(_pick(rng, matters.instant, matters.instant_weights, instant_n))
        promised_versions = iter(
            _pick(rng, matters.promised, matters.promised_weights, accepted - instant_n)
        )
        for i, day in enumerate(days):
            serial += 1
            version = next(instant_versions if kinds[i] == "instant" else promised_versions)
            intake = _intake(gen, year, day, staff, centre, halls, points)
            clerk = rng.choice(staff.centre_clerks)
            fields = {
                "power_version": version,
                "department_id": version.department_id,
                "applicant": rng.choice(applicants()),
                "handling_centre": centre,
                "accepted_on": day,
                "accepted_by": clerk,
                **intake,
            }
            if fields["submitted_by"] is None:
                fields["submitted_by"] = clerk
            if fields["channel"] == Channel.ONLINE:
                fields["submitted_by"] = fields["applicant"]
            if kinds[i] == "instant":
                gen.case(
                    status=Case.Status.COMPLETED,
                    decision=Decision.APPROVE,
                    decided_on=day,
                    completed_on=day,
                    **fields,
                )
                continue
            if i in withdrawn:
                gone = min(wd.shift(day, rng.randint(1, 6)), last)
                gen.case(status=Case.Status.WITHDRAWN, withdrawn_on=gone, **fields)
                continue
            done = min(wd.shift(day, _duration(rng, version)), last)
            decided = max(wd.shift(done, -rng.choice((0, 0, 1, 2))), day)
            approve = rng.random() > 0.02
            gen.case(
                status=Case.Status.COMPLETED,
                decision=Decision.APPROVE if approve else Decision.DENY,
                decision_reason="" if approve else DENIAL[0],
                decision_basis="" if approve else DENIAL[1],
                decided_on=decided,
                licence_number=f"多{year}{serial:06d}" if approve and version.result_name else "",
                delivery_method=rng.choice(
                    [DeliveryMethod.WINDOW] * 8
                    + [DeliveryMethod.POST]
                    + ([DeliveryMethod.ELECTRONIC] if year >= 2011 else [])
                ),
                delivered_on=done,
                completed_on=done,
                **fields,
            )
        # Applications the windows did not accept.
        for day in gen.spread(year, round(accepted * REFUSED_SHARE)):
            version = _pick(rng, matters.promised, matters.promised_weights, 1)[0]
            clerk = rng.choice(staff.centre_clerks)
            received = wd.shift(day, -rng.choice((0, 0, 1)))
            gen.case(
                power_version=version,
                department_id=version.department_id,
                applicant=rng.choice(applicants()),
                submitted_by=clerk,
                channel=Channel.COUNTY_WINDOW,
                service_centre=centre,
                handling_centre=centre,
                received_on=received,
                status=Case.Status.REFUSED,
                refused_on=day,
                refusal_reason=rng.choice(REFUSAL_REASONS),
            )


def _intake(gen: _Generator, year, day, staff: Staff, centre, halls, points) -> dict:
    """Where and how an application accepted at the centre on ``day`` arrived."""
    rng, wd = gen.rng, gen.workdays
    u = rng.random()
    online = ONLINE_SHARE.get(year, 0.0)
    forwarded = FORWARDED_SHARE.get(year, 0.0)
    if u < online:
        return {
            "channel": Channel.ONLINE,
            "service_centre": None,
            "submitted_by": None,
            "received_on": wd.shift(day, -rng.randint(1, 3)),
        }
    if u < online + forwarded:
        received = wd.shift(day, -rng.randint(2, 4))
        if rng.random() < 0.4:
            hall = rng.choice(halls)
            post, by, channel = hall, staff.hall_clerk[hall.pk], Channel.TOWNSHIP_HALL
        else:
            point = rng.choice(points)
            post, by, channel = point, staff.agent[point.pk], Channel.VILLAGE_POINT
        return {
            "channel": channel,
            "service_centre": post,
            "submitted_by": by,
            "received_on": received,
            "forwarded_on": wd.shift(received, 1),
        }
    return {
        "channel": Channel.COUNTY_WINDOW,
        "service_centre": centre,
        "submitted_by": None,
        "received_on": day if rng.random() < 0.85 else wd.shift(day, -rng.randint(1, 2)),
    }


def _duration(rng: random.Random, version: PowerVersion) -> int:
    """Working days from acceptance to completion: mostly within the promised limit, a few past
    it, very few past the legal limit."""
    legal = version.legal_limit_days or 20
    promised = version.promised_limit_days or legal
    u = rng.random()
    if u < 0.95:
        return 1 + int(rng.betavariate(1.6, 2.2) * promised)
    if u < 0.995 or legal <= promised:
        return rng.randint(promised + 1, max(legal, promised + 1))
    return legal + rng.randint(1, 5)


def _hall_cases(gen: _Generator, staff: Staff, township_matters, applicants, halls, points):
    """The township halls' cases of 2009–2012 on the townships' own matters."""
    rng, wd = gen.rng, gen.workdays
    points_of = defaultdict(list)
    for point in points:
        points_of[point.division.parent_id].append(point)
    hall_weights = [3, 3, 2, 2][: len(halls)]
    for year, accepted in HALL_YEARS.items():
        last = wd.last_of_year(year)
        for day in gen.spread(year, accepted):
            hall = _pick(rng, halls, hall_weights, 1)[0]
            version = rng.choice(township_matters[hall.division_id])
            clerk = staff.hall_clerk[hall.pk]
            fields = {
                "power_version": version,
                "department_id": version.department_id,
                "applicant": rng.choice(applicants()),
                "handling_centre": hall,
                "accepted_on": day,
                "accepted_by": clerk,
            }
            if rng.random() < 0.2 and points_of[hall.division_id]:
                point = rng.choice(points_of[hall.division_id])
                received = wd.shift(day, -rng.randint(1, 2))
                fields |= {
                    "channel": Channel.VILLAGE_POINT,
                    "service_centre": point,
                    "submitted_by": staff.agent[point.pk],
                    "received_on": received,
                    "forwarded_on": wd.shift(received, 1),
                }
            else:
                fields |= {
                    "channel": Channel.TOWNSHIP_HALL,
                    "service_centre": hall,
                    "submitted_by": clerk,
                    "received_on": day,
                }
            if rng.random() < 0.01:
                gen.case(status=Case.Status.WITHDRAWN, withdrawn_on=wd.shift(day, 1), **fields)
                continue
            done = min(wd.shift(day, rng.choice((0, 0, 0, 1, 1, 2))), last)
            gen.case(
                status=Case.Status.COMPLETED,
                decision=Decision.APPROVE,
                decided_on=done,
                delivery_method=DeliveryMethod.WINDOW,
                delivered_on=done,
                completed_on=done,
                **fields,
            )


def _number_and_digest(gen: _Generator) -> None:
    """Case numbers in order of arrival (the layout of the services' numbers), query codes."""
    gen.cases.sort(key=lambda c: (c.received_on, c.accepted_on or c.refused_on))
    for serial, case in enumerate(gen.cases, start=1):
        case.number = f"{COUNTY_CODE}{case.received_on:%Y}{serial:08d}"
        code = f"{gen.rng.randrange(10**8):08d}"
        case.query_digest = hashlib.sha256(f"{case.number}:{code}".encode()).hexdigest()
        case.idempotency_key = f"demo-{serial}"


def _clocks(gen: _Generator, county: Division) -> list[Clock]:
    """The deadline clocks the services would have run on each accepted case of the county
    centre (legal and promised, or instant), completed; their due dates are set afterwards."""
    clocks = []

    def clock(case, version, purpose, limit, done, basis, max_extension=0):
        clocks.append(
            Clock(
                purpose=purpose,
                owner_type="cases.case",
                owner_id=str(case.pk),
                division_id=county.pk,
                day_kind=version.day_kind,
                legal_basis=basis,
                started_on=case.accepted_on,
                limit_days=limit,
                max_extension_days=max_extension,
                due_date=case.accepted_on,
                status=Clock.Status.COMPLETED,
                completed_on=max(done, case.accepted_on),
            )
        )

    instant_basis = _("instant matter: same day")
    legal_basis = _("legal time limit of the matter")
    promised_basis = _("promised time limit of the matter")
    centre = ServiceCentre.Kind.COUNTY_CENTRE
    for case in gen.cases:
        if case.accepted_on is None or gen.centre_kinds[case.handling_centre_id] != centre:
            continue  # the townships' own matters have no time limit in the catalog
        version = gen.versions[case.power_version_id]
        end = case.completed_on or case.withdrawn_on
        if version.matter_type == PowerVersion.MatterType.INSTANT:
            clock(case, version, services.INSTANT, 0, end, instant_basis)
            continue
        if version.legal_limit_days is not None:
            clock(
                case,
                version,
                services.LEGAL,
                version.legal_limit_days,
                case.decided_on or end,
                legal_basis,
                version.max_extension_days,
            )
        if version.promised_limit_days is not None:
            clock(
                case, version, services.PROMISED, version.promised_limit_days, end, promised_basis
            )
    return clocks


def _ratings(gen: _Generator, staff: Staff, county: Division) -> tuple[int, int]:
    """Ratings on part of the 2011–2012 cases; the bad ones answered, with their follow-up
    clocks. Returns (ratings, follow-ups)."""
    rng, wd = gen.rng, gen.workdays
    ratings = []
    for case in gen.cases:
        if case.completed_on is None or rng.random() >= RATED_SHARE.get(case.completed_on.year, 0):
            continue
        level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        bad = level in Rating.BAD_LEVELS
        rated = min(
            wd.shift(case.completed_on, rng.randint(0, 3)), wd.last_of_year(case.completed_on.year)
        )
        rating = Rating(
            case_id=case.pk,
            level=level,
            comment=rng.choice(BAD_COMMENTS) if bad else rng.choice(GOOD_COMMENTS),
            rated_by_id=case.applicant_id,
            rated_on=rated,
        )
        if bad:
            rating.follow_up_answer = rng.choice(FOLLOW_UP_ANSWERS)
            rating.follow_up_by_id = staff.supervisor.pk
            rating.follow_up_on = wd.shift(rated, rng.randint(2, 8))
        ratings.append(rating)
    Rating.objects.bulk_create(ratings, batch_size=2000)
    bad = [r for r in ratings if r.follow_up_on is not None]
    Clock.objects.bulk_create(
        [
            Clock(
                purpose=services.FOLLOW_UP,
                owner_type="cases.rating",
                owner_id=str(r.pk),
                division_id=county.pk,
                day_kind=Clock.DayKind.WORKING,
                legal_basis=_("follow-up of a bad rating"),
                started_on=r.rated_on,
                limit_days=services.FOLLOW_UP_DAYS,
                due_date=r.rated_on,
                status=Clock.Status.COMPLETED,
                completed_on=r.follow_up_on,
            )
            for r in bad
        ]
    )
    return len(ratings), len(bad)


def _historic(ctx: DemoContext, rng: random.Random, county: Division, staff: Staff, pool) -> dict:
    citizens, organisations = pool
    workdays = Workdays(datetime.date(2004, 12, 1), datetime.date(2013, 1, 31))
    gen = _Generator(rng, workdays)
    matters, township_matters = _matters(county)
    centre = ServiceCentre.objects.get(division=county, kind=ServiceCentre.Kind.COUNTY_CENTRE)
    halls = list(
        ServiceCentre.objects.filter(
            division__parent=county, kind=ServiceCentre.Kind.TOWNSHIP_HALL
        ).order_by("division__code")
    )
    points = list(
        ServiceCentre.objects.filter(
            division__parent__parent=county, kind=ServiceCentre.Kind.VILLAGE_POINT
        )
        .select_related("division")
        .order_by("division__code")
    )
    demo = {u.username: u for u in User.objects.filter(username__in=["citizen", "enterprise"])}
    people = [*citizens, demo["citizen"]]
    firms = [*organisations, demo["enterprise"]]

    def applicants() -> list[User]:
        return firms if rng.random() < ORGANISATION_SHARE else people

    _centre_cases(gen, matters, staff, applicants, centre, (halls, points))
    _hall_cases(gen, staff, township_matters, applicants, halls, points)
    _number_and_digest(gen)
    ctx.step(f"{len(gen.cases)} cases of 2005–2012 generated")
    Case.objects.bulk_create(gen.cases, batch_size=2000)
    ids = [c.pk for c in gen.cases]
    first, last = min(ids), max(ids)
    historic = Case.objects.filter(pk__range=(first, last))
    # submitted_at is stamped on insert; the applications arrived on their receipt day.
    historic.update(
        submitted_at=Cast(F("received_on"), DateTimeField()) + Value(datetime.timedelta(hours=1))
    )
    ctx.step(f"{len(gen.cases)} cases inserted")

    before = Clock.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    Clock.objects.bulk_create(_clocks(gen, county), batch_size=2000)
    rated, followed = _ratings(gen, staff, county)
    n_clocks = recompute_due_dates(Clock.objects.filter(pk__gt=before))
    Rating.objects.filter(case__in=historic, follow_up_on__isnull=False).update(
        follow_up_due=Subquery(
            Clock.objects.filter(
                owner_type="cases.rating",
                owner_id=Cast(OuterRef("pk"), CharField()),
                purpose=services.FOLLOW_UP,
            ).values("due_date")[:1]
        )
    )
    ctx.step(f"{n_clocks} clocks dated by the calendar, {rated} ratings ({followed} answered)")
    return {
        "cases": len(gen.cases),
        "clocks": n_clocks,
        "ratings": rated,
        "first_case": first,
        "last_case": last,
    }


# ---------------------------------------------------------------------------------------------
# The open cases, through the services
# ---------------------------------------------------------------------------------------------


class _Open:
    """Current cases driven through the real services, dated in the last weeks."""

    def __init__(self, county: Division, pool):
        today = timezone.localdate()
        self.workdays = Workdays(today - datetime.timedelta(days=120), today)
        self.today = today
        self.users = {
            u.username: u
            for u in User.objects.filter(
                username__in=[
                    "clerk",
                    "agent",
                    "reviewer",
                    "head",
                    "citizen",
                    "enterprise",
                    "reviewer_xfd",
                    "reviewer_gtj",
                    "reviewer_hbj",
                ]
            )
        }
        self.citizens, self.organisations = pool
        powers = Power.objects.filter(
            current__department__division=county, current__in_service_centre=True
        ).select_related("current")
        self.by_name = {p.current.name: p for p in powers.order_by("pk")}
        self.serial = 0
        self.numbers: dict[str, str] = {}

    def day(self, n: int) -> datetime.date:
        """The nth working day before today."""
        return self.workdays.before(self.today, n)

    def submit(self, label: str, actor: str | User, matter: str, received: int, applicant=None):
        self.serial += 1
        actor = self.users[actor] if isinstance(actor, str) else actor
        submission = services.case_submit(
            actor=actor,
            applicant=applicant or actor,
            power=self.by_name[matter],
            idempotency_key=f"demo-open-{self.serial}",
            form_data={"project": label},
            received_on=self.day(received),
        )
        self.numbers[label] = submission.case.number
        return submission.case

    def accept(self, case, on: int):
        return services.case_accept(actor=self.users["clerk"], case=case, on=self.day(on))

    def complete(self, case, stage: str, by: str, on: int, verdict=Task.Verdict.AGREE):
        task = case.tasks.get(stage_code=stage)
        services.task_complete(
            actor=self.users[by], task=task, verdict=verdict, opinion="符合条件。", on=self.day(on)
        )

    def run(self) -> dict[str, str]:
        u = self.users
        citizen, enterprise = u["citizen"], u["enterprise"]
        firm, other_firm, person = self.organisations[0], self.organisations[1], self.citizens[0]

        # Submitted online yesterday: waiting at the centre's window.
        self.submit("个体工商户开业", citizen, "个体工商户设立登记", 1)
        # Taken at a village point today, not yet forwarded to the centre.
        self.submit("就业登记", "agent", "就业失业登记", 0, applicant=person)
        # Taken at the village point, forwarded: waiting at the centre with its receipt date.
        case = self.submit("户口迁入", "agent", "户口迁移审批", 3, applicant=self.citizens[1])
        services.case_forward(actor=u["agent"], case=case, on=self.day(2))
        # Correction requested: the enterprise has to supply two items.
        case = self.submit("乳品销售门店", enterprise, "食品经营许可", 4)
        services.case_request_correction(
            actor=u["clerk"],
            case=case,
            items=["食品安全管理制度", "经营场所平面图（标注功能分区）"],
            on=self.day(3),
        )
        # Accepted: the review task waits for the housing bureau's reviewer.
        case = self.submit("物流园建设用地", firm, "建设用地规划许可", 5)
        self.accept(case, 3)
        # A joint matter in review: review done yesterday, three co-reviews open.
        case = self.submit("乳品加工厂二期厂房", enterprise, "建筑工程施工许可", 6)
        self.accept(case, 5)
        self.complete(case, "review", "reviewer", 1)
        # A joint matter whose environmental co-review is past its stage limit.
        case = self.submit("综合商贸楼", other_firm, "建筑工程施工许可", 16)
        self.accept(case, 15)
        self.complete(case, "review", "reviewer", 13)
        self.complete(case, "co1", "reviewer_xfd", 12)
        self.complete(case, "co2", "reviewer_gtj", 11)
        # Reviewed and co-reviewed: the head of the bureau has to decide.
        case = self.submit("沿街商铺改造", firm, "建设工程规划许可", 7)
        self.accept(case, 6)
        self.complete(case, "review", "reviewer", 4)
        self.complete(case, "co1", "reviewer_gtj", 3)
        # Decided: the licence waits at the window for delivery.
        case = self.submit("职工宿舍楼", other_firm, "建设工程规划许可", 10)
        self.accept(case, 9)
        self.complete(case, "review", "reviewer", 7)
        self.complete(case, "co1", "reviewer_gtj", 5)
        services.case_decide(actor=u["head"], case=case, decision=Decision.APPROVE, on=self.day(1))
        # Delivered and completed, then rated badly: the follow-up is due.
        case = self.submit("生产废水排入管网", enterprise, "城镇污水排入排水管网许可", 20)
        self.accept(case, 19)
        self.complete(case, "review", "reviewer", 17)
        services.case_decide(actor=u["head"], case=case, decision=Decision.APPROVE, on=self.day(15))
        services.case_deliver(
            actor=u["clerk"],
            case=case,
            method=DeliveryMethod.WINDOW,
            licence_number=f"多排许字〔{self.today.year}〕第017号",
            on=self.day(14),
        )
        services.case_rate(
            actor=enterprise,
            case=case,
            level=Rating.Level.DISSATISFIED,
            comment="补充材料的要求没有一次性告知，多跑了两趟。",
            on=self.day(12),
        )
        # An instant matter handled at the window today, and rated well.
        case = self.submit("结婚登记", person, "婚姻登记", 0)
        case = services.case_handle_instant(actor=u["clerk"], case=case)
        services.case_rate(
            actor=person, case=case, level=Rating.Level.VERY_SATISFIED, on=self.today
        )
        # Taken at the centre's window and refused: the applicant lives in another county.
        case = self.submit("低保申请", "clerk", "最低生活保障审批", 8, applicant=citizen)
        services.case_refuse(
            actor=u["clerk"],
            case=case,
            reason="申请人户籍不在本县，应向户籍所在地乡镇人民政府提出申请。",
            on=self.day(7),
        )
        # Withdrawn by the applicant after acceptance.
        case = self.submit("药店开办", citizen, "药品零售企业经营许可", 11)
        self.accept(case, 10)
        services.case_withdraw(
            actor=citizen, case=case, reason="店面租赁未谈妥，撤回申请。", on=self.day(7)
        )
        return self.numbers


def load(ctx: DemoContext) -> None:
    county = home_county()
    rng = random.Random(4300)  # noqa: S311 - demo data, deterministic
    password = make_password(None)  # unusable: the generated accounts cannot log in
    pool = _applicants(rng, password)
    staff = _staff(rng, county, password)
    ctx.step(f"{len(pool[0])} citizens, {len(pool[1])} organisations applying")
    counts = _historic(ctx, rng, county, staff, pool)
    numbers = _Open(county, pool).run()
    ctx.step(f"{len(numbers)} current cases in every state")
    audit_record(
        actor=None,
        action="demo_load_cases",
        object_type="cases.case",
        object_id="*",
        detail={
            **counts,
            "applicants": len(pool[0]) + len(pool[1]),
            "open_cases": sorted(numbers.values()),
        },
        division=county,
    )

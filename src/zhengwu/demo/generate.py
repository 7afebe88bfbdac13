# The randomness is for synthetic records, not for secrets.
# ruff: noqa: S311
"""Synthetic records at scale, for ``zhengwu generate`` and the benchmarks.

A county's (or a province's) years of cases in every state, with what the services would have
written for them: the statutory clocks (acceptance window, legal and promised limits or the
instant clock, one clock per stage with a limit, delivery, follow-up of bad ratings) and their
suspensions, the stage tasks (reviews, parallel co-reviews, on-site checks, decisions), ratings and
fees; published government information in Chinese (``disclosure.corpus``), disclosure requests,
and the supervision alerts raised by the real sweep over it all.

Rows are built in Python, a chunk of cases at a time, with their ids assigned here (so a clock can
name its task without reading anything back), and go in with ``cursor.executemany`` inside one
transaction per chunk: no model is instantiated per case and no ``save()`` runs. The same seed,
world and day give the same rows (``random.Random(seed)`` drives every choice; nothing reads the
wall clock). See docs/decisions/0025-synthetic-data-generator.md.

The world the cases point at (a county with its service centre, two township halls, departments,
their matters with processes, stages and fees) is built with the ORM by :func:`build_world`; the
working-day calendar is the ``Day`` table, read once into memory (:class:`WorkCalendar`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

ONE = datetime.timedelta(days=1)
CHUNK = 20_000  # cases generated and inserted per batch

Progress = Callable[[int, int], None]


# --- the world the cases point at (created with the ORM) ------------------------------------


@dataclass
class StageSpec:
    code: str
    name: str
    kind: str
    limit: int | None
    group: int | None
    department_id: int


@dataclass
class Process:
    version_id: int
    department_id: int
    legal: int
    promised: int
    steps: list[list[StageSpec]]  # stages run step by step; a step's stages run in parallel
    fee_id: int
    matter_type: str = "promised"


@dataclass
class World:
    division_id: int
    centre_id: int
    staff_id: int
    applicants: list[int]
    processes: list[Process] = field(default_factory=list)  # promised matters
    instant: list[Process] = field(default_factory=list)  # instant matters (即办件)
    halls: list[int] = field(default_factory=list)  # township convenience halls
    departments: list[int] = field(default_factory=list)


DEPARTMENT_NAMES = ["住建局", "市场监管局", "自然资源局", "交通运输局",
                    "卫健委", "生态环境局", "消防救援大队", "水利局"]  # fmt: skip
INSTANT_MATTERS = ["个体工商户名称变更登记", "户籍证明开具", "老年人优待证办理",
                   "残疾人证换领", "职业资格证书补办"]  # fmt: skip
TOWNSHIPS = [("159901100000", "基准镇"), ("159901200000", "基准乡")]


def build_world(*, county: bool = False) -> World:
    """The county 基准县 (under 基准盟) with its service centre, eight departments and fifteen
    promised matters of three process shapes (simple; parallel co-review by three departments;
    with an on-site check), each with a fee; idempotent (``get_or_create``).

    ``county=True`` adds what a county's annual figures also count: two township halls (with
    their townships) and five instant matters (即办件, decided at the window the same day)."""
    from django.utils import timezone

    from zhengwu.catalog.models import Fee, Power, PowerVersion, Stage
    from zhengwu.org.models import Department, Division, ServiceCentre, User

    league, _ = Division.objects.get_or_create(
        code="159900000000", defaults={"name": "基准盟", "level": "league"}
    )
    county_, _ = Division.objects.get_or_create(
        code="159901000000", defaults={"name": "基准县", "level": "county", "parent": league}
    )
    centre, _ = ServiceCentre.objects.get_or_create(
        division=county_, name="基准县政务服务中心", defaults={"kind": "county_centre"}
    )
    departments = [
        Department.objects.get_or_create(
            division=county_,
            code=f"bench{i}",
            defaults={"name": f"基准县{name}", "kind": "department"},
        )[0]
        for i, name in enumerate(DEPARTMENT_NAMES)
    ]
    staff, _ = User.objects.get_or_create(
        username="bench-staff",
        defaults={"kind": "staff", "full_name": "窗口", "department": departments[0]},
    )
    applicants = [
        User.objects.get_or_create(
            username=f"bench-applicant-{i}",
            defaults={"kind": "citizen", "full_name": f"申请人{i}", "id_number": f"BENCH{i:013d}"},
        )[0].pk
        for i in range(50)
    ]
    world = World(county_.pk, centre.pk, staff.pk, applicants)
    world.departments = [d.pk for d in departments]
    now = timezone.now()

    def version_of(code: str, name: str, kind: str, lead, legal: int, promised: int,
                   matter_type: str, stages) -> tuple[int, int]:  # fmt: skip
        power, _ = Power.objects.get_or_create(
            implementation_code=code, defaults={"basic_code": code, "status": "in_force"}
        )
        version, created = PowerVersion.objects.get_or_create(
            power=power,
            number=1,
            defaults={
                "name": name,
                "kind": kind,
                "department": lead,
                "legal_limit_days": legal,
                "promised_limit_days": promised,
                "matter_type": matter_type,
                "in_service_centre": True,
            },
        )
        if created:
            Stage.objects.create(version=version, position=0, code="accept", name="受理",
                                 kind="accept", department=lead)  # fmt: skip
            for j, (code_, name_, kind_, limit, group, dept) in enumerate(stages, start=1):
                Stage.objects.create(version=version, position=j, code=code_, name=name_,
                                     kind=kind_, department=dept, limit_days=limit,
                                     parallel_group=group)  # fmt: skip
            Fee.objects.create(version=version, position=0, item="证照工本费", amount=50)
            PowerVersion.objects.filter(pk=version.pk).update(published_at=now)
            Power.objects.filter(pk=power.pk).update(current=version)
        fee = Fee.objects.filter(version=version).first()
        return version.pk, fee.pk

    for i, lead in enumerate(departments[:5]):
        co = [d for d in departments if d != lead][:3]
        shapes = [
            ("simple", 20, 10, [("review", "审查", "review", 8, None, lead),
                                ("decide", "决定", "decide", 5, None, lead)]),
            ("joint", 45, 15, [("review", "审查", "review", 5, None, lead),
                               ("co1", "联合审查", "co_review", 10, 1, co[0]),
                               ("co2", "联合审查", "co_review", 10, 1, co[1]),
                               ("co3", "联合审查", "co_review", 10, 1, co[2]),
                               ("decide", "决定", "decide", 5, None, lead)]),
            ("site", 60, 30, [("review", "审查", "review", 10, None, lead),
                              ("site", "现场核查", "on_site", 10, None, lead),
                              ("decide", "决定", "decide", 5, None, lead)]),
        ]  # fmt: skip
        for shape, legal, promised, stages in shapes:
            version_id, fee_id = version_of(f"bench-{i}-{shape}", f"基准事项{i}{shape}",
                                            "licensing", lead, legal, promised, "promised",
                                            stages)  # fmt: skip
            steps: list[list[StageSpec]] = [
                [StageSpec("accept", "受理", "accept", None, None, lead.pk)]
            ]
            for code_, name, kind, limit, group, dept in stages:
                spec = StageSpec(code_, name, kind, limit, group, dept.pk)
                if group is not None and steps[-1][0].group == group:
                    steps[-1].append(spec)
                else:
                    steps.append([spec])
            world.processes.append(Process(version_id, lead.pk, legal, promised, steps, fee_id))
    if not county:
        return world

    for i, name in enumerate(INSTANT_MATTERS):
        lead = departments[i % len(departments)]
        version_id, fee_id = version_of(f"bench-instant-{i}", name, "public_service", lead, 1, 0,
                                        "instant", [])  # fmt: skip
        world.instant.append(
            Process(version_id, lead.pk, 0, 0,
                    [[StageSpec("accept", "受理", "accept", None, None, lead.pk)]], fee_id,
                    "instant")
        )  # fmt: skip
    for code, name in TOWNSHIPS:
        township, _ = Division.objects.get_or_create(
            code=code, defaults={"name": name, "level": "township", "parent": county_}
        )
        hall, _ = ServiceCentre.objects.get_or_create(
            division=township, name=f"{name}便民服务大厅", defaults={"kind": "township_hall"}
        )
        world.halls.append(hall.pk)
    return world


# --- the calendar, in memory (used by the generator and by the benchmarks' peers) -----------


class WorkCalendar:
    """The ``Day`` table in memory: a date's working-day ordinal, and the date of an ordinal."""

    def __init__(self) -> None:
        from zhengwu.workdays.models import Day

        self.ordinal: dict[datetime.date, int] = {}
        self.workday: dict[int, datetime.date] = {}
        for day, ordinal, is_workday in Day.objects.values_list(
            "date", "workday_ordinal", "is_workday"
        ).iterator(chunk_size=10_000):
            self.ordinal[day] = ordinal
            if is_workday:
                self.workday[ordinal] = day
        self.first = min(self.ordinal)

    def ahead(self, day: datetime.date, n: int) -> datetime.date | None:
        """The date n working days after ``day`` (``day`` itself for n = 0)."""
        return day if n == 0 else self.workday.get(self.ordinal[day] + n)

    def ago(self, day: datetime.date, n: int) -> datetime.date:
        """The working day n working days before ``day``."""
        return self.workday.get(self.ordinal[day] - n) or self.first


# --- the rows -------------------------------------------------------------------------------


CASE_SQL = (
    "INSERT INTO cases_case (id, number, query_digest, power_version_id, department_id,"
    " applicant_id, submitted_by_id, channel, service_centre_id, idempotency_key, form_data,"
    " status, received_on, submitted_at, handling_centre_id, materials_complete_on,"
    " correction_count, correction_flagged, accepted_on, deemed_accepted, decision,"
    " decision_reason, decision_basis, decided_on, licence_number, delivery_method, delivered_on,"
    " completed_on, last_activity_at, refused_on, withdrawn_on, refusal_reason) VALUES (%s, %s,"
    " %s, %s, %s, %s, %s, %s, %s, %s, '{}', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '', %s,"
    " '', %s, %s, %s, %s, %s, %s, %s)"
)
TASK_SQL = (
    "INSERT INTO cases_task (id, case_id, stage_code, name, kind, department_id, role,"
    " parallel_group, clock_excluded, status, opened_on, due_on, verdict, opinion,"
    " completed_by_id, completed_on) VALUES (%s, %s, %s, %s, %s, %s, '', %s, FALSE, %s, %s, %s, %s,"
    " '', %s, %s)"
)
CLOCK_SQL = (
    "INSERT INTO workdays_clock (id, purpose, owner_type, owner_id, division_id, department_id,"
    " day_kind, legal_basis, started_on, limit_days, max_extension_days, extended_days,"
    " suspended_days, suspended_since, due_date, provisional, status, completed_on) VALUES"
    " (%s, %s, %s, %s, %s, %s, 'working', '', %s, %s, 0, 0, %s, %s, %s, FALSE, %s, %s)"
)
SUSPENSION_SQL = (
    "INSERT INTO workdays_clocksuspension (id, clock_id, reason, note, started_on, ended_on,"
    " excluded_days) VALUES (%s, %s, %s, %s, %s, %s, %s)"
)
RATING_SQL = (
    "INSERT INTO cases_rating (id, case_id, level, comment, rated_by_id, rated_on, follow_up_due,"
    " follow_up_answer, follow_up_on) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
FEE_SQL = (
    "INSERT INTO supervision_feecharge (id, case_id, fee_id, amount, standard, receipt_number,"
    " charged_on, charged_by_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)
SQL = {"case": CASE_SQL, "task": TASK_SQL, "clock": CLOCK_SQL, "suspension": SUSPENSION_SQL,
       "rating": RATING_SQL, "fee": FEE_SQL}  # fmt: skip
TABLES = tuple(SQL)

OPEN_MIX = [  # status, share of the open cases
    ("submitted", 0.14),
    ("correction", 0.05),
    ("accepted", 0.08),
    ("in_review", 0.53),
    ("decided", 0.12),
    ("delivered", 0.08),
]
CLOSED_MIX = [  # status, share of the cases of past years
    ("completed", 0.975),
    ("refused", 0.012),
    ("withdrawn", 0.013),
]
OPEN_SHARE = 0.04  # of all cases: received lately and not completed yet
INSTANT_SHARE = 0.14  # of the cases of past years: instant matters
HALL_SHARE = 0.12  # of the cases of past years: handled at a township hall
ONLINE_SHARE = 0.35  # of the county centre's cases of past years: applied online
RATED_SHARE = 0.3  # of the completed cases of past years
FEE_SHARE = 0.25  # of the accepted promised matters of past years
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
REFUSAL_REASONS = [
    "申请事项不属于本机关职权范围",
    "申请人不具备申请资格",
    "申请材料不符合法定形式且逾期未补正",
]


def _utc(day: datetime.date, rng: random.Random) -> str:
    """An office-hours moment of ``day`` (Beijing time), as Django stores it on SQLite (UTC)."""
    local = datetime.datetime.combine(day, datetime.time(8, 30), SHANGHAI) + datetime.timedelta(
        minutes=rng.randrange(9 * 60)
    )
    return local.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class Ids:
    case: int
    task: int
    clock: int
    rating: int
    suspension: int
    fee: int


class Generator:
    """Rows for one chunk of cases at a time; ids are assigned here so rows can refer to each
    other without reading anything back."""

    def __init__(self, world: World, cal: WorkCalendar, seed: int, ids: Ids,
                 today: datetime.date) -> None:  # fmt: skip
        self.w, self.cal, self.rng, self.ids = world, cal, random.Random(seed), ids
        self.today = today
        self.t = cal.ordinal[today]
        self.receipt = 0
        self.rows: dict[str, list[tuple]] = {}

    # dates
    def wd(self, ordinal: int) -> datetime.date:
        return self.cal.workday[ordinal]

    def ordn(self, day: datetime.date) -> int:
        return self.cal.ordinal[day]

    def due(self, started: datetime.date, limit: int) -> datetime.date:
        return self.wd(self.ordn(started) + limit)

    def days_ago(self, lo: int, hi: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(lo, hi))

    # rows
    def clock(self, purpose, owner_type, owner_id, dept, started, limit, *, status="running",
              completed=None, suspended_days=0, since=None) -> int:  # fmt: skip
        self.ids.clock += 1
        due = self.due(started, limit + suspended_days)
        self.rows["clock"].append(
            (self.ids.clock, purpose, owner_type, str(owner_id), self.w.division_id, dept,
             started.isoformat(), limit, suspended_days, since and since.isoformat(),
             due.isoformat(), status, completed and completed.isoformat())
        )  # fmt: skip
        return self.ids.clock

    def task(self, case_id, spec: StageSpec, opened: datetime.date, done_on=None, *,
             cancelled: bool = False) -> int:  # fmt: skip
        self.ids.task += 1
        due = None
        ended = done_on and max(done_on, opened)
        if spec.limit:
            due = self.due(opened, spec.limit)
            self.clock("approval.stage", "cases.task", self.ids.task, spec.department_id, opened,
                       spec.limit, status="completed" if done_on else "running",
                       completed=ended)  # fmt: skip
        status = "cancelled" if cancelled else "done" if done_on else "open"
        done = status == "done"
        self.rows["task"].append(
            (self.ids.task, case_id, spec.code, spec.name, spec.kind, spec.department_id,
             spec.group, status, opened.isoformat(), due and due.isoformat(),
             "agree" if done else "", self.w.staff_id if done else None,
             ended.isoformat() if done else None)
        )  # fmt: skip
        return self.ids.task

    def case(self, status: str) -> None:
        """One open case (or one completed lately) of ``status``, dated back from today."""
        rng, w = self.rng, self.w
        self.ids.case += 1
        cid = self.ids.case
        p = rng.choice(w.processes)
        applicant = rng.choice(w.applicants)
        online = rng.random() < 0.6
        corrections = rng.choices((0, 1, 2, 3), (78, 17, 4, 1))[0]
        if status == "correction":
            corrections = max(corrections, 1)
        accepted = decided = delivered = completed = None
        deemed = False
        last = None
        decision = ""
        if status in ("submitted", "correction"):
            received = self.days_ago(0, 8 if rng.random() < 0.85 else 14)
            complete = received
            if status == "submitted":
                # The acceptance window: 5 working days from the day the materials arrived.
                self.clock("approval.acceptance", "cases.case", cid, p.department_id, received, 5)
            else:
                corrections = max(corrections, 1)
                self.clock("approval.acceptance", "cases.case", cid, p.department_id, received,
                           5, status="completed", completed=received)  # fmt: skip
            last = received
        else:
            # Which step is open (len(steps): all done, the case is decided).
            if status == "accepted":
                open_step = 1
            elif status == "in_review":
                open_step = rng.randint(1, len(p.steps) - 1)
            else:
                open_step = len(p.steps)
            t = self.t
            if open_step < len(p.steps):
                # Accepted mostly within the promised limit; some past it, a few past the legal.
                roll = rng.random()
                age = (rng.randint(0, p.promised) if roll < 0.85 else
                       rng.randint(p.promised, p.legal) if roll < 0.97 else
                       rng.randint(p.legal, p.legal + 15))  # fmt: skip
                a_ord = t - (min(age, 4) if status == "accepted" else age)
                limit = p.steps[open_step][0].limit or 5
                # The open step opened lately (a few are past their stage limit).
                o_ord = max(a_ord, t - rng.randint(0, limit + limit // 4 + 1))
            else:
                # Decided lately, or delivered some weeks ago.
                o_ord = t - (rng.randint(0, 12) if status == "decided" else rng.randint(3, 45))
                a_ord = o_ord - rng.randint(p.promised // 2, p.legal)
            accepted = self.wd(a_ord)
            deemed = rng.random() < 0.02
            received = accepted - datetime.timedelta(days=rng.randint(0, 9 if deemed else 5))
            complete = received
            self.clock("approval.acceptance", "cases.case", cid, p.department_id, received, 5,
                       status="completed", completed=accepted)  # fmt: skip
            # The steps before the open one end at increasing moments between the two.
            ends = [*sorted(rng.randint(a_ord, o_ord) for _ in range(open_step - 2)), o_ord]
            skip = status == "completed" and rng.random() < 0.04  # a record missing a stage
            opened = accepted
            for k, step in enumerate(p.steps):
                if k == open_step:
                    for spec in step:
                        # Some co-reviews answered already, the others open.
                        done = spec.kind == "co_review" and rng.random() < 0.4
                        self.task(cid, spec, opened, self.wd(t - rng.randint(0, 2)) if done
                                  else None)  # fmt: skip
                    break
                finished = accepted if k == 0 else self.wd(ends[k - 1])
                for spec in step:
                    if skip and spec.code == "review":
                        continue
                    self.task(cid, spec, opened, finished)
                opened = finished
            last = opened
            decided_on = opened if open_step == len(p.steps) else None
            # Legal and promised clocks: running until the decision.
            susp = rng.random()
            for purpose, limit in (("approval.legal", p.legal), ("approval.promised", p.promised)):
                if decided_on is not None:
                    self.clock(purpose, "cases.case", cid, p.department_id, accepted, limit,
                               status="completed", completed=max(decided_on, accepted))  # fmt: skip
                    continue
                ended_days = 0
                if rng.random() < 0.06:  # an earlier suspension, ended
                    ended_days = rng.randint(2, 10)
                if susp < 0.05:  # suspended now: a hearing, an expert review, ...
                    since = self.wd(max(a_ord, self.t - rng.randint(0, 40)))
                    cid_clock = self.clock(purpose, "cases.case", cid, p.department_id,
                                           accepted, limit, status="suspended",
                                           suspended_days=ended_days, since=since)  # fmt: skip
                    note = "" if rng.random() < 0.3 else "申请人要求听证"
                    self.ids.suspension += 1
                    self.rows["suspension"].append(
                        (self.ids.suspension, cid_clock,
                         rng.choice(("hearing", "expert_review", "other")), note,
                         since.isoformat(), None, None)
                    )  # fmt: skip
                else:
                    cid_clock = self.clock(
                        purpose,
                        "cases.case",
                        cid,
                        p.department_id,
                        accepted,
                        limit,
                        suspended_days=ended_days,
                    )
                if ended_days:
                    start = self.wd(a_ord + 1)
                    self.ids.suspension += 1
                    self.rows["suspension"].append(
                        (self.ids.suspension, cid_clock, "expert_review", "专家评审",
                         start.isoformat(),
                         (start + datetime.timedelta(days=ended_days)).isoformat(), ended_days)
                    )  # fmt: skip
            if decided_on is not None:
                decided = decided_on
                decision = "approve" if rng.random() < 0.93 else "deny"
                last = decided
                if status == "decided":
                    self.clock("approval.delivery", "cases.case", cid, p.department_id,
                               decided, 10)  # fmt: skip
                else:
                    delivered = min(
                        decided + datetime.timedelta(days=rng.randint(0, 12)), self.today
                    )
                    self.clock("approval.delivery", "cases.case", cid, p.department_id, decided,
                               10, status="completed", completed=delivered)  # fmt: skip
                    last = delivered
                    if status == "completed":
                        completed = delivered
                    if rng.random() < 0.6:
                        self.rating(cid, p, delivered)
            if rng.random() < 0.3:
                self.fee(cid, p, accepted)
        if status in ("submitted", "accepted", "in_review") and rng.random() < 0.5:
            last = max(last, self.days_ago(0, 4))  # a recent touch (a call, a note)
        self.rows["case"].append(
            (cid, f"B{cid:010d}", "0" * 64, p.version_id, p.department_id, applicant, applicant,
             "online" if online else "county_window", None if online else w.centre_id, str(cid),
             status, received.isoformat(), _utc(received, rng), w.centre_id,
             complete.isoformat(), corrections, corrections > 1,
             accepted and accepted.isoformat(), deemed, decision, decided and decided.isoformat(),
             "window" if delivered else "", delivered and delivered.isoformat(),
             completed and completed.isoformat(), _utc(min(last, self.today), rng), None, None, "")
        )  # fmt: skip

    def rating(self, cid: int, p: Process, delivered: datetime.date) -> None:
        rng = self.rng
        self.ids.rating += 1
        rated = min(delivered + datetime.timedelta(days=rng.randint(0, 10)), self.today)
        level = rng.choices((5, 4, 3, 2, 1), (68, 14, 6, 7, 5))[0]
        due = followed = None
        if level <= 2:
            due = self.due(rated, 15)
            followed = rated + ONE * rng.randint(1, 20)
            if followed > self.today or rng.random() < 0.2:
                followed = None
            self.clock("rating.follow_up", "cases.rating", self.ids.rating, p.department_id,
                       rated, 15, status="completed" if followed else "running",
                       completed=followed)  # fmt: skip
        self.rows["rating"].append(
            (self.ids.rating, cid, level, "态度差" if level <= 2 else "", self.w.applicants[0],
             rated.isoformat(), due and due.isoformat(), "已回访" if followed else "",
             followed and followed.isoformat())
        )  # fmt: skip

    def fee(self, cid: int, p: Process, accepted: datetime.date) -> None:
        rng = self.rng
        self.receipt += 1
        roll = rng.random()
        standard, amount = "50.00", "50.00"
        if roll < 0.03:
            amount = rng.choice(("80.00", "30.00", "55.50"))
        elif roll < 0.08:
            standard, amount = None, "120.00"  # charged by a formula: no fixed standard
        self.ids.fee += 1
        self.rows["fee"].append(
            (self.ids.fee, cid, p.fee_id, amount, standard, f"BR{cid:010d}", accepted.isoformat(),
             self.w.staff_id)
        )  # fmt: skip

    def past(self, status: str, r_ord: int) -> None:
        """One case of past years — completed, refused or withdrawn — received about working
        day ``r_ord`` (moved back when its course would end after today)."""
        rng, w = self.rng, self.w
        self.ids.case += 1
        cid = self.ids.case
        instant = bool(w.instant) and status != "refused" and rng.random() < INSTANT_SHARE
        p = rng.choice(w.instant if instant else w.processes)
        applicant = rng.choice(w.applicants)
        if w.halls and rng.random() < HALL_SHARE:
            handling = rng.choice(w.halls)
            channel, received_at = "township_hall", handling
        else:
            handling = w.centre_id
            online = rng.random() < ONLINE_SHARE
            channel = "online" if online else "county_window"
            received_at = None if online else w.centre_id
        corrections = 0 if instant else rng.choices((0, 1, 2), (86, 12, 2))[0]
        # The course, in working days from receipt: correction, acceptance, the stages, the
        # decision, delivery.
        complete_wait = sum(rng.randint(1, 6) for _ in range(corrections))
        accept_wait = 0 if instant else rng.choices((0, 1, 2, 3, 4), (50, 25, 12, 8, 5))[0]
        if status == "refused":
            course = [complete_wait + accept_wait]
        elif instant:
            course = [0, 1 if rng.random() < 0.02 else 0, 0]
        else:
            roll = rng.random()
            work = (rng.randint(1, p.promised) if roll < 0.9 else
                    rng.randint(p.promised, p.legal) if roll < 0.985 else
                    rng.randint(p.legal + 1, p.legal + 10))  # fmt: skip
            if status == "withdrawn":
                work = rng.randint(1, max(1, work))
            course = [complete_wait + accept_wait, work, rng.randint(0, 5)]
        r_ord = min(r_ord, self.t - sum(course))
        received = self.wd(r_ord)
        complete = self.wd(r_ord + complete_wait)
        a_ord = r_ord + course[0]
        accepted = decided = delivered = completed = refused = withdrawn = None
        decision = reason = ""
        if status == "refused":
            refused = self.wd(a_ord)
            reason = rng.choice(REFUSAL_REASONS)
            self.clock("approval.acceptance", "cases.case", cid, p.department_id, complete, 5,
                       status="completed", completed=refused)  # fmt: skip
            last = refused
        else:
            accepted = self.wd(a_ord)
            self.clock("approval.acceptance", "cases.case", cid, p.department_id, complete, 5,
                       status="completed", completed=accepted)  # fmt: skip
            end_ord = a_ord + course[1]
            end = self.wd(end_ord)
            if instant:
                self.task(cid, p.steps[0][0], accepted, accepted)
                self.clock("approval.instant", "cases.case", cid, p.department_id, accepted, 0,
                           status="completed", completed=end)  # fmt: skip
            else:
                # Each step ends at increasing moments between acceptance and the end.
                n = len(p.steps)
                ends = [a_ord, *sorted(rng.randint(a_ord, end_ord) for _ in range(n - 2)),
                        end_ord]  # fmt: skip
                # A withdrawn case stops in one of its steps; the tasks left are cancelled.
                stop = rng.randint(1, n - 1) if status == "withdrawn" else n
                opened = a_ord
                for k, step in enumerate(p.steps):
                    if k == stop:
                        for spec in step:
                            self.task(cid, spec, self.wd(opened), end, cancelled=True)
                        break
                    for spec in step:
                        self.task(cid, spec, self.wd(opened), self.wd(ends[k]))
                    opened = ends[k]
                for purpose, limit in (("approval.legal", p.legal),
                                       ("approval.promised", p.promised)):  # fmt: skip
                    self.clock(purpose, "cases.case", cid, p.department_id, accepted, limit,
                               status="completed", completed=end)  # fmt: skip
            if status == "withdrawn":
                withdrawn = end
                last = end
            else:
                decided = end
                decision = "approve" if instant or rng.random() < 0.95 else "deny"
                delivered = self.wd(end_ord + course[2])
                completed = delivered
                last = delivered
                if not instant:
                    self.clock("approval.delivery", "cases.case", cid, p.department_id, decided,
                               10, status="completed", completed=delivered)  # fmt: skip
                if rng.random() < RATED_SHARE:
                    self.rating(cid, p, delivered)
            if not instant and rng.random() < FEE_SHARE:
                self.fee(cid, p, accepted)
        self.rows["case"].append(
            (cid, f"B{cid:010d}", "0" * 64, p.version_id, p.department_id, applicant, applicant,
             channel, received_at, str(cid), status, received.isoformat(), _utc(received, rng),
             handling, complete.isoformat(), corrections, corrections > 1,
             accepted and accepted.isoformat(), False, decision,
             decided and decided.isoformat(), "window" if delivered else "",
             delivered and delivered.isoformat(), completed and completed.isoformat(),
             _utc(last, rng), refused and refused.isoformat(),
             withdrawn and withdrawn.isoformat(), reason)
        )  # fmt: skip

    def chunk(self, plan: list) -> dict[str, list[tuple]]:
        """The rows of a chunk of the plan: an open status, or (status, received ordinal)."""
        self.rows = {k: [] for k in TABLES}
        for entry in plan:
            if isinstance(entry, str):
                self.case(entry)
            else:
                self.past(*entry)
        return self.rows


# --- cases ----------------------------------------------------------------------------------


def _max_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 (a fixed name)
    return cursor.fetchone()[0]


def _next_ids() -> Ids:
    from django.db import connection

    with connection.cursor() as cursor:
        tables = ("cases_case", "cases_task", "workdays_clock", "cases_rating",
                  "workdays_clocksuspension", "supervision_feecharge")  # fmt: skip
        return Ids(*(_max_id(cursor, t) for t in tables))


def _insert(world: World, cal: WorkCalendar, plan: list, seed: int, today: datetime.date,
            progress: Progress | None) -> dict:  # fmt: skip
    """Generate and insert the plan's cases chunk by chunk; the counts and the id ranges."""
    from django.db import connection, transaction

    ids = _next_ids()
    first = Ids(*(n + 1 for n in dataclasses.astuple(ids)))
    gen = Generator(world, cal, seed, ids, today)
    counts = dict.fromkeys(TABLES, 0)
    # SQLite checks every foreign key of every row against its parent's index (a third of the
    # load's time); the rows refer only to rows made here or to the world, so the load skips
    # the checks. (Outside a transaction only: inside one the pragma does nothing.)
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
    try:
        for start in range(0, len(plan), CHUNK):
            rows = gen.chunk(plan[start : start + CHUNK])
            with transaction.atomic(), connection.cursor() as cursor:
                for table, batch in rows.items():
                    if batch:
                        cursor.executemany(SQL[table], batch)
                    counts[table] += len(batch)
            if progress:
                progress(min(start + CHUNK, len(plan)), len(plan))
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA foreign_keys = ON")
    _reset_sequences()
    return {
        "rows": counts,
        "first_case_id": first.case,
        "last_case_id": ids.case,
        "first_ids": first,
        "last_ids": ids,
    }


def _reset_sequences() -> None:
    """On PostgreSQL, move the id sequences past the ids inserted here."""
    from django.core.management.color import no_style
    from django.db import connection

    from zhengwu.cases.models import Case, Rating, Task
    from zhengwu.supervision.models import FeeCharge
    from zhengwu.workdays.models import Clock, ClockSuspension

    if connection.vendor != "postgresql":
        return
    models = [Case, Task, Clock, Rating, ClockSuspension, FeeCharge]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def generate_open_cases(
    world: World,
    cal: WorkCalendar,
    n_open: int,
    seed: int,
    *,
    today: datetime.date,
    progress: Progress | None = None,
) -> dict:
    """Insert n_open open cases (the shares of ``OPEN_MIX``) and n_open // 25 cases completed
    in the last weeks, all dated back from ``today``; returns the counts and the id ranges.
    (The supervision benchmark's population.)"""
    rng = random.Random(seed)
    n_completed = n_open // 25
    weights = [share for _, share in OPEN_MIX]
    statuses = [s for s, _ in OPEN_MIX]
    plan = rng.choices(statuses, weights, k=n_open) + ["completed"] * n_completed
    rng.shuffle(plan)
    data = _insert(world, cal, plan, seed, today, progress)
    return {"open_cases": n_open, "completed_cases": n_completed, **data}


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` years earlier (28 February for a 29th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _with_each(rng: random.Random, mix: list[tuple[str, float]], k: int) -> list[str]:
    """k statuses drawn by the mix's shares, each status at least once when k allows."""
    statuses = [s for s, _ in mix]
    head = statuses[:k]
    return head + rng.choices(statuses, [share for _, share in mix], k=k - len(head))


def case_plan(n: int, years: int, seed: int, today: datetime.date,
              cal: WorkCalendar) -> list:  # fmt: skip
    """What each of n cases will be: (status, receipt ordinal) for the cases of past years in
    receipt order, then the open cases (their dates are drawn by ``Generator.case``)."""
    rng = random.Random(seed)
    n_open = max(len(OPEN_MIX), round(n * OPEN_SHARE)) if n >= 2 * len(OPEN_MIX) else n // 2
    n_past = n - n_open
    start = years_before(today, years) + ONE
    first, last = cal.ordinal[start], cal.ordinal[today]
    # Receipts in the years: a little more work every year (3 % more a year), none on rest days.
    growth = 1.03 ** (1 / 250)
    span = last - first
    weights = [growth**i for i in range(span + 1)]
    cumulative = [0.0]
    for weight in weights:
        cumulative.append(cumulative[-1] + weight)
    total = cumulative[-1]
    receipts = sorted(
        first + bisect.bisect_right(cumulative, rng.random() * total) - 1 for _ in range(n_past)
    )
    statuses = _with_each(rng, CLOSED_MIX, n_past)
    rng.shuffle(statuses)
    past = list(zip(statuses, receipts, strict=True))
    open_ = _with_each(rng, OPEN_MIX, n_open)
    rng.shuffle(open_)
    return past + open_


# --- published information and disclosure requests -----------------------------------------


def create_documents(world: World, n: int, *, seed: int, today: datetime.date,
                     years: int) -> range:  # fmt: skip
    """n published items of government information of the county (``disclosure.corpus``),
    published over the years; the default disclosure catalog is created when missing."""
    from zhengwu.disclosure.catalog import catalog_create_defaults
    from zhengwu.disclosure.corpus import create_items
    from zhengwu.disclosure.models import Item
    from zhengwu.org.models import Division

    if n <= 0:
        return range(0)
    county = Division.objects.get(pk=world.division_id)
    catalog_create_defaults(actor=None, division=county)
    start = years_before(today, max(years, 1))
    ids = create_items(county, n, seed=seed, start=start, end=today)
    # ``updated_at`` is set to now by the ORM: make it today's noon (deterministic).
    noon = datetime.datetime.combine(today, datetime.time(12), SHANGHAI)
    Item.objects.filter(pk__in=ids).update(updated_at=noon)
    return ids


REQUEST_SUBJECTS = [
    "{year}年度本部门财政预算、决算信息",
    "{town}土地征收补偿安置方案及批复文件",
    "{town}农村危房改造补助对象名单",
    "本单位{year}年行政处罚决定书",
    "城市规划区内某地块的规划许可信息",
    "{town}高标准农田建设项目资金使用情况",
    "草原生态保护补助奖励资金发放明细",
    "某企业环境影响评价报告书及审批意见",
    "{year}年政府集中采购项目中标结果",
    "房屋征收决定及补偿方案",
]
REQUEST_OUTCOMES = [  # outcome, sub-ground, weight
    ("disclosed", None, 52), ("partly_disclosed", None, 10), ("withheld", 4, 3),
    ("withheld", 6, 2), ("unavailable", 1, 18), ("unavailable", 2, 3), ("not_processed", 2, 3),
    ("other", 3, 2),
]  # fmt: skip
ORGANISATION_TYPES = ["commercial", "research", "public_welfare", "legal_service",
                      "other_organisation"]  # fmt: skip


def create_requests(world: World, cal: WorkCalendar, n: int, *, seed: int, today: datetime.date,
                    years: int) -> int:  # fmt: skip
    """n disclosure requests addressed to the county's departments over the years: most
    replied within the statutory 20 working days (every outcome of the annual report's section
    3), some regarded as abandoned or withdrawn, the last weeks' still in process."""
    from django.db import connection, transaction

    from zhengwu.disclosure.corpus import TOWNS
    from zhengwu.disclosure.models import DisclosureRequest

    if n <= 0:
        return 0
    rng = random.Random(seed + 3)
    start = years_before(today, max(years, 1))
    first, last = cal.ordinal[start], cal.ordinal[today]
    receipts = sorted(rng.randint(first, last) for _ in range(n))
    outcomes = [(o, g) for o, g, _w in REQUEST_OUTCOMES]
    weights = [wt for _o, _g, wt in REQUEST_OUTCOMES]
    number = DisclosureRequest.objects.filter(number__startswith="GKB").count()
    rows, moments = [], []
    for r_ord in receipts:
        number += 1
        received = cal.workday.get(r_ord) or today
        person = rng.random() < 0.8
        fields = {
            "number": f"GKB{number:09d}",
            "query_digest": "0" * 64,
            "division_id": world.division_id,
            "department_id": rng.choice(world.departments),
            "applicant_type": "natural_person" if person else rng.choice(ORGANISATION_TYPES),
            "name": f"申请人{number}" if person else "",
            "id_number": f"15253119800101{number % 10000:04d}" if person else "",
            "organisation_name": "" if person else f"基准县某某有限公司{number}",
            "credit_code": "" if person else f"91152531MA{number % 10**8:08d}",
            "phone": f"139{number % 10**8:08d}",
            "channel": rng.choice(("online", "in_person", "post", "email")),
            "description": rng.choice(REQUEST_SUBJECTS).format(
                year=received.year - 1, town=rng.choice(TOWNS)
            ),
            "provision_form": rng.choice(("paper", "electronic")),
            "obtaining_method": rng.choice(("post", "collect", "email")),
            "received_on": received,
        }
        reply_ord = r_ord + rng.choices((rng.randint(3, 20), rng.randint(21, 40)), (95, 5))[0]
        roll = rng.random()
        if reply_ord > last:  # still in process
            fields["status"] = "in_process" if roll < 0.8 else "received"
            concluded = None
        elif roll < 0.03:
            fields["correction_requested_on"] = cal.workday[r_ord + 2]
            fields["correction_period_days"] = 15
            fields["correction_due_on"] = cal.workday[r_ord + 17]
            if r_ord + 18 > last:
                fields["status"] = "correction"
                concluded = None
            else:
                concluded = cal.workday[r_ord + 18]
                fields.update(status="abandoned", outcome="other", sub_ground=1)
        elif roll < 0.05:
            concluded = cal.workday[min(reply_ord, last)]
            fields.update(status="withdrawn", outcome="other", sub_ground=3,
                          withdrawn_on=concluded, withdrawal_reason="申请人撤回申请")  # fmt: skip
        else:
            concluded = cal.workday[reply_ord]
            outcome, ground = rng.choices(outcomes, weights)[0]
            fields.update(status="replied", outcome=outcome, sub_ground=ground,
                          replied_on=concluded, replied_by_id=world.staff_id,
                          reply_text="经审查，现答复如下。")  # fmt: skip
        fields["concluded_on"] = concluded
        rows.append(DisclosureRequest(**fields))
        moments.append((_utc(received, rng), _utc(concluded or received, rng)))
    with transaction.atomic():
        created = DisclosureRequest.objects.bulk_create(rows, batch_size=2000)
        # The ORM stamps both moments with now: date them from the records (deterministic).
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE disclosure_disclosurerequest SET submitted_at = %s,"
                " last_activity_at = %s WHERE number = %s",
                [(*m, r.number) for m, r in zip(moments, created, strict=True)],
            )
    return len(created)


# --- the whole database ---------------------------------------------------------------------


@dataclass
class Generated:
    """What :func:`generate` wrote."""

    cases: int
    by_status: dict[str, int]
    rows: dict[str, int]
    documents: int
    requests: int
    alerts: int
    seconds: dict[str, float]
    first_case_id: int
    last_case_id: int
    division_id: int


def generate(*, cases: int, years: int, documents: int, requests: int | None = None,
             seed: int = 1, today: datetime.date | None = None, sweep: bool = True,
             progress: Progress | None = None, say: Callable[[str], None] | None = None,
             ) -> Generated:  # fmt: skip
    """Fill the current database with the county 基准县's ``years`` of records ending ``today``:
    ``cases`` cases (about 4 % still open, in every open state; the rest completed, refused or
    withdrawn over the years), ``documents`` published items and ``requests`` disclosure
    requests (``cases // 200`` by default); then run the supervision sweep on ``today``."""
    import time

    from django.db import connection
    from django.utils import timezone

    from zhengwu.supervision.sweep import sweep as supervision_sweep

    today = today or timezone.localdate()
    requests = cases // 200 if requests is None else requests
    say = say or (lambda message: None)
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    world = build_world(county=True)
    cal = WorkCalendar()
    plan = case_plan(cases, years, seed, today, cal)
    by_status: dict[str, int] = {}
    for entry in plan:
        status = entry if isinstance(entry, str) else entry[0]
        by_status[status] = by_status.get(status, 0) + 1
    seconds["world"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    sqlite = connection.vendor == "sqlite"
    if sqlite:  # a large page cache while loading (index inserts land all over the B-trees)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -1000000")
    try:
        data = _insert(world, cal, plan, seed, today, progress)
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
    seconds["cases"] = time.perf_counter() - t0
    say(f"{cases:,} cases in {seconds['cases']:.1f} s")

    t0 = time.perf_counter()
    items = create_documents(world, documents, seed=seed, today=today, years=years)
    seconds["documents"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_requests = create_requests(world, cal, requests, seed=seed, today=today, years=years)
    seconds["requests"] = time.perf_counter() - t0
    say(f"{len(items):,} documents and {n_requests:,} disclosure requests in "
        f"{seconds['documents'] + seconds['requests']:.1f} s")  # fmt: skip

    alerts = 0
    if sweep:
        t0 = time.perf_counter()
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        alerts = supervision_sweep(on=today).total_raised
        seconds["sweep"] = time.perf_counter() - t0
        say(f"{alerts:,} supervision alerts raised in {seconds['sweep']:.1f} s")
    return Generated(
        cases=cases,
        by_status=dict(sorted(by_status.items())),
        rows=data["rows"],
        documents=len(items),
        requests=n_requests,
        alerts=alerts,
        seconds={k: round(v, 3) for k, v in seconds.items()},
        first_case_id=data["first_case_id"],
        last_case_id=data["last_case_id"],
        division_id=world.division_id,
    )


def cleanup(data: dict) -> None:
    """Delete the cases a ``generate_open_cases`` call wrote, with their rows (raw deletes by id
    range; the world's rows stay)."""
    from django.db import connection, transaction

    first, last = data["first_ids"], data["last_ids"]
    lo, hi = first.case, last.case
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM supervision_alert WHERE case_id BETWEEN %s AND %s", [lo, hi])
        cursor.execute(
            "DELETE FROM supervision_feecharge WHERE case_id BETWEEN %s AND %s", [lo, hi]
        )
        cursor.execute(
            "DELETE FROM workdays_clocksuspension WHERE clock_id BETWEEN %s AND %s",
            [first.clock, last.clock],
        )
        cursor.execute(
            "DELETE FROM workdays_clock WHERE id BETWEEN %s AND %s", [first.clock, last.clock]
        )
        cursor.execute("DELETE FROM cases_rating WHERE case_id BETWEEN %s AND %s", [lo, hi])
        cursor.execute("DELETE FROM cases_task WHERE case_id BETWEEN %s AND %s", [lo, hi])
        cursor.execute("DELETE FROM cases_case WHERE id BETWEEN %s AND %s", [lo, hi])

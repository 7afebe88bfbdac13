"""The supervision sweep over many open cases: set-based in the database vs a per-case loop.

zhengwu: ``supervision.sweep.sweep`` — one ``INSERT … SELECT`` raising new alerts and one
``UPDATE`` clearing gone ones per enabled rule, over every clock, suspension, case, task, rating
and fee. Timed twice: the first run raises the alerts, the second (same day) raises nothing.
Peer: what a team would otherwise write: load the cases in batches with the ORM (their tasks,
rating and fees, the clocks of the case, its tasks and its rating, and the clocks' suspensions),
then evaluate every enabled rule case by case in Python, counting working days with the ``Day``
table's ordinals loaded into memory. The peer only evaluates (it writes no alerts). It is timed on
a sample of cases (``--peer-sample``) and scaled to the full count; ``--peer-full`` times all of
them. On the sample both must find exactly the same (rule, object) pairs.

The data: N open cases (submitted, correction requested, accepted, in review, decided, delivered)
of three processes (simple, parallel co-review, with an on-site check), each with its clocks
(acceptance window; legal and promised limits; stage clocks; delivery; follow-up of bad ratings),
some near due, some overdue, some suspended with and without a note, repeated corrections, deemed
acceptances, bad ratings, stale cases and fees (a few off the standard); plus N/25 cases completed
in the last weeks (a few without all their stages). Rows go in with ``executemany``.

Run: ``.venv/bin/python benchmarks/bench_supervision.py --cases 1000000`` (a new SQLite database
in a temporary directory unless ``DATABASE_URL`` is set).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TODAY = datetime.date(2026, 11, 30)  # a Monday
ONE = datetime.timedelta(days=1)
CHUNK = 20_000  # cases generated and inserted per batch


# --- the small world the cases point at (created with the ORM) ------------------------------


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


@dataclass
class World:
    division_id: int
    centre_id: int
    staff_id: int
    applicants: list[int]
    processes: list[Process] = field(default_factory=list)


def build_world() -> World:
    from django.utils import timezone

    from zhengwu.catalog.models import Fee, Power, PowerVersion, Stage
    from zhengwu.org.models import Department, Division, ServiceCentre, User

    league, _ = Division.objects.get_or_create(
        code="159900000000", defaults={"name": "基准盟", "level": "league"}
    )
    county, _ = Division.objects.get_or_create(
        code="159901000000", defaults={"name": "基准县", "level": "county", "parent": league}
    )
    centre, _ = ServiceCentre.objects.get_or_create(
        division=county, name="基准县政务服务中心", defaults={"kind": "county_centre"}
    )
    names = ["住建局", "市场监管局", "自然资源局", "交通运输局",
             "卫健委", "生态环境局", "消防救援大队", "水利局"]  # fmt: skip
    departments = [
        Department.objects.get_or_create(
            division=county,
            code=f"bench{i}",
            defaults={"name": f"基准县{name}", "kind": "department"},
        )[0]
        for i, name in enumerate(names)
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
    world = World(county.pk, centre.pk, staff.pk, applicants)
    now = timezone.now()
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
            code = f"bench-{i}-{shape}"
            power, _ = Power.objects.get_or_create(
                implementation_code=code, defaults={"basic_code": code, "status": "in_force"}
            )
            version, created = PowerVersion.objects.get_or_create(
                power=power,
                number=1,
                defaults={
                    "name": f"基准事项{i}{shape}",
                    "kind": "licensing",
                    "department": lead,
                    "legal_limit_days": legal,
                    "promised_limit_days": promised,
                },
            )
            if created:
                Stage.objects.create(version=version, position=0, code="accept", name="受理",
                                     kind="accept", department=lead)  # fmt: skip
                for j, (code_, name, kind, limit, group, dept) in enumerate(stages, start=1):
                    Stage.objects.create(version=version, position=j, code=code_, name=name,
                                         kind=kind, department=dept, limit_days=limit,
                                         parallel_group=group)  # fmt: skip
                Fee.objects.create(version=version, position=0, item="证照工本费", amount=50)
                PowerVersion.objects.filter(pk=version.pk).update(published_at=now)
                Power.objects.filter(pk=power.pk).update(current=version)
            steps: list[list[StageSpec]] = [
                [StageSpec("accept", "受理", "accept", None, None, lead.pk)]
            ]
            for code_, name, kind, limit, group, dept in stages:
                spec = StageSpec(code_, name, kind, limit, group, dept.pk)
                if group is not None and steps[-1][0].group == group:
                    steps[-1].append(spec)
                else:
                    steps.append([spec])
            fee = Fee.objects.filter(version=version).first()
            world.processes.append(Process(version.pk, lead.pk, legal, promised, steps, fee.pk))
    return world


# --- the calendar, in memory (used by the generator and by the peer) ------------------------


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


# --- the generator --------------------------------------------------------------------------


CASE_SQL = (
    "INSERT INTO cases_case (id, number, query_digest, power_version_id, department_id,"
    " applicant_id, submitted_by_id, channel, service_centre_id, idempotency_key, form_data,"
    " status, received_on, submitted_at, handling_centre_id, materials_complete_on,"
    " correction_count, correction_flagged, accepted_on, deemed_accepted, refusal_reason,"
    " decision, decision_reason, decision_basis, decided_on, licence_number, delivery_method,"
    " delivered_on, completed_on, last_activity_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s,"
    " %s, '{}', %s, %s, %s, %s, %s, %s, %s, %s, %s, '', %s, '', '', %s, '', %s, %s, %s, %s)"
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
    "INSERT INTO workdays_clocksuspension (clock_id, reason, note, started_on, ended_on,"
    " excluded_days) VALUES (%s, %s, %s, %s, %s, %s)"
)
RATING_SQL = (
    "INSERT INTO cases_rating (id, case_id, level, comment, rated_by_id, rated_on, follow_up_due,"
    " follow_up_answer, follow_up_on) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
FEE_SQL = (
    "INSERT INTO supervision_feecharge (case_id, fee_id, amount, standard, receipt_number,"
    " charged_on, charged_by_id) VALUES (%s, %s, %s, %s, %s, %s, %s)"
)

OPEN_MIX = [  # status, share of the open cases
    ("submitted", 0.14),
    ("correction", 0.05),
    ("accepted", 0.08),
    ("in_review", 0.53),
    ("decided", 0.12),
    ("delivered", 0.08),
]
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


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


class Generator:
    """Rows for one chunk of cases at a time; ids are assigned here so rows can refer to each
    other without reading anything back."""

    def __init__(self, world: World, cal: WorkCalendar, seed: int, ids: Ids) -> None:
        self.w, self.cal, self.rng, self.ids = world, cal, random.Random(seed), ids
        self.t = cal.ordinal[TODAY]
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
        return TODAY - datetime.timedelta(days=self.rng.randint(lo, hi))

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

    def task(self, case_id, spec: StageSpec, opened: datetime.date, done_on=None) -> int:
        self.ids.task += 1
        due = None
        if spec.limit:
            due = self.due(opened, spec.limit)
            self.clock("approval.stage", "cases.task", self.ids.task, spec.department_id, opened,
                       spec.limit, status="completed" if done_on else "running",
                       completed=done_on and max(done_on, opened))  # fmt: skip
        self.rows["task"].append(
            (self.ids.task, case_id, spec.code, spec.name, spec.kind, spec.department_id,
             spec.group, "done" if done_on else "open", opened.isoformat(),
             due and due.isoformat(), "agree" if done_on else "",
             self.w.staff_id if done_on else None, done_on and max(done_on, opened).isoformat())
        )  # fmt: skip
        return self.ids.task

    def case(self, status: str) -> None:
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
                    self.rows["suspension"].append(
                        (cid_clock, rng.choice(("hearing", "expert_review", "other")), note,
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
                    self.rows["suspension"].append(
                        (cid_clock, "expert_review", "专家评审", start.isoformat(),
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
                    delivered = min(decided + datetime.timedelta(days=rng.randint(0, 12)), TODAY)
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
             completed and completed.isoformat(), _utc(min(last, TODAY), rng))
        )  # fmt: skip

    def rating(self, cid: int, p: Process, delivered: datetime.date) -> None:
        rng = self.rng
        self.ids.rating += 1
        rated = min(delivered + datetime.timedelta(days=rng.randint(0, 10)), TODAY)
        level = rng.choices((5, 4, 3, 2, 1), (68, 14, 6, 7, 5))[0]
        due = followed = None
        if level <= 2:
            due = self.due(rated, 15)
            followed = rated + ONE * rng.randint(1, 20)
            if followed > TODAY or rng.random() < 0.2:
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
        self.rows["fee"].append(
            (cid, p.fee_id, amount, standard, f"BR{cid:010d}", accepted.isoformat(),
             self.w.staff_id)
        )  # fmt: skip

    def chunk(self, statuses: list[str]) -> dict[str, list[tuple]]:
        self.rows = {k: [] for k in ("case", "task", "clock", "suspension", "rating", "fee")}
        for status in statuses:
            self.case(status)
        return self.rows


def _max_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
    return cursor.fetchone()[0]


def generate(world: World, cal: WorkCalendar, n_open: int, seed: int, *, progress=None) -> dict:
    """Insert n_open open cases and n_open // 25 recently completed ones; returns the counts
    and the id ranges."""
    from django.db import connection, transaction

    rng = random.Random(seed)
    n_completed = n_open // 25
    weights = [share for _, share in OPEN_MIX]
    statuses = [s for s, _ in OPEN_MIX]
    plan = rng.choices(statuses, weights, k=n_open) + ["completed"] * n_completed
    rng.shuffle(plan)
    with connection.cursor() as cursor:
        ids = Ids(*(_max_id(cursor, t) for t in ("cases_case", "cases_task", "workdays_clock",
                                                  "cases_rating")))  # fmt: skip
        first = Ids(ids.case + 1, ids.task + 1, ids.clock + 1, ids.rating + 1)
    gen = Generator(world, cal, seed, ids)
    counts = dict.fromkeys(("case", "task", "clock", "suspension", "rating", "fee"), 0)
    sql = {"case": CASE_SQL, "task": TASK_SQL, "clock": CLOCK_SQL, "suspension": SUSPENSION_SQL,
           "rating": RATING_SQL, "fee": FEE_SQL}  # fmt: skip
    for start in range(0, len(plan), CHUNK):
        rows = gen.chunk(plan[start : start + CHUNK])
        with transaction.atomic(), connection.cursor() as cursor:
            for table, batch in rows.items():
                if batch:
                    cursor.executemany(sql[table], batch)
                counts[table] += len(batch)
        if progress:
            progress(min(start + CHUNK, len(plan)), len(plan))
    return {
        "open_cases": n_open,
        "completed_cases": n_completed,
        "rows": counts,
        "first_case_id": first.case,
        "last_case_id": ids.case,
        "first_ids": first,
        "last_ids": ids,
    }


# --- the peer: a per-case loop in Python ----------------------------------------------------


class PeerRules:
    """The enabled rules, evaluated object by object in Python (same meaning as the SQL)."""

    def __init__(self, on: datetime.date, cal: WorkCalendar) -> None:
        from zhengwu.cases.models import Case
        from zhengwu.catalog.models import Stage
        from zhengwu.supervision.models import Rule
        from zhengwu.supervision.rules import KINDS, _params

        self.on, self.cal = on, cal
        self.rules = [r for r in Rule.objects.filter(enabled=True) if r.kind in KINDS]
        self.param = _params
        self.waiting = {s for s in Case.OPEN_STATUSES if s != Case.Status.CORRECTION}
        self.stages: dict[int, int] = {}
        for version_id in Stage.objects.values_list("version_id", flat=True):
            self.stages[version_id] = self.stages.get(version_id, 0) + 1

    def clock(self, clock, out: set) -> None:
        on = self.on
        for rule in self.rules:
            include = self.param(rule, "purposes")
            exclude = self.param(rule, "exclude_purposes")
            if rule.kind in ("clock_near_due", "clock_overdue"):
                if clock.status != "running":
                    continue
                if include and clock.purpose not in include:
                    continue
                if exclude and clock.purpose in exclude:
                    continue
                if rule.kind == "clock_overdue":
                    if clock.due_date < on:
                        out.add((rule.code, f"clock:{clock.pk}"))
                    continue
                if clock.due_date < on:
                    continue
                days, percent = int(self.param(rule, "days") or 0), self.param(rule, "percent")
                limit = clock.limit_days
                threshold = max(days, math.ceil(limit * percent / 100) if percent else 0)
                last = self.cal.ahead(on, threshold)
                if last is not None and clock.due_date <= last:
                    out.add((rule.code, f"clock:{clock.pk}"))
            elif rule.kind == "suspension_overrun":
                since = self.cal.ago(on, int(self.param(rule, "max_days")))
                for s in clock.suspensions.all():
                    if s.ended_on is None and (s.started_on < since or s.note == ""):
                        out.add((rule.code, f"suspension:{s.pk}"))

    def case(self, case, tasks, rating, fees, out: set) -> None:
        from django.utils import timezone

        on = self.on
        for rule in self.rules:
            k = rule.kind
            if k == "case_deemed_accepted":
                if case.deemed_accepted:
                    out.add((rule.code, f"case:{case.pk}"))
            elif k == "case_repeated_correction":
                if case.correction_count > 1:
                    out.add((rule.code, f"case:{case.pk}"))
            elif k == "case_stale":
                since = self.cal.ago(on, int(self.param(rule, "days")))
                if (
                    case.status in self.waiting
                    and timezone.localtime(case.last_activity_at).date() < since
                ):
                    out.add((rule.code, f"case:{case.pk}"))
            elif k == "case_missing_stages":
                since = on - datetime.timedelta(days=int(self.param(rule, "lookback_days")))
                required = self.stages.get(case.power_version_id)
                if (
                    case.status == "completed"
                    and case.decision == "approve"
                    and case.completed_on is not None
                    and case.completed_on >= since
                    and required is not None
                    and required > sum(1 for t in tasks if t.status == "done")
                ):
                    out.add((rule.code, f"case:{case.pk}"))
            elif k in ("co_review_late", "stage_late"):
                for t in tasks:
                    late = t.status == "open" and t.due_on is not None and t.due_on < on
                    if late and (t.kind == "co_review") == (k == "co_review_late"):
                        out.add((rule.code, f"task:{t.pk}"))
            elif k == "rating_follow_up_late":
                if (
                    rating is not None
                    and rating.follow_up_on is None
                    and rating.follow_up_due is not None
                    and rating.follow_up_due < on
                ):
                    out.add((rule.code, f"rating:{rating.pk}"))
            elif k == "fee_mismatch":
                for f in fees:
                    if f.standard is not None and f.amount != f.standard:
                        out.add((rule.code, f"fee:{f.pk}"))


def peer_alerts(case_ids: list[int], on: datetime.date, cal: WorkCalendar,
                batch: int = 500) -> set[tuple[str, str]]:  # fmt: skip
    """Load the cases batch by batch with the ORM and evaluate every rule case by case."""
    from django.db.models import Prefetch, Q

    from zhengwu.cases.models import Case, Rating
    from zhengwu.workdays.models import Clock

    rules = PeerRules(on, cal)
    out: set[tuple[str, str]] = set()
    for start in range(0, len(case_ids), batch):
        ids = case_ids[start : start + batch]
        cases = list(Case.objects.filter(pk__in=ids).prefetch_related("tasks", "fees"))
        ratings = {r.case_id: r for r in Rating.objects.filter(case_id__in=ids)}
        task_case = {t.pk: c.pk for c in cases for t in c.tasks.all()}
        rating_case = {r.pk: r.case_id for r in ratings.values()}
        clocks: dict[int, list] = {}
        owned = (
            Q(owner_type="cases.case", owner_id__in=[str(pk) for pk in ids])
            | Q(owner_type="cases.task", owner_id__in=[str(pk) for pk in task_case])
            | Q(owner_type="cases.rating", owner_id__in=[str(pk) for pk in rating_case])
        )
        for clock in Clock.objects.filter(owned).prefetch_related(Prefetch("suspensions")):
            owner = int(clock.owner_id)
            case_id = {"cases.case": owner, "cases.task": task_case.get(owner),
                       "cases.rating": rating_case.get(owner)}[clock.owner_type]  # fmt: skip
            clocks.setdefault(case_id, []).append(clock)
        for case in cases:
            for clock in clocks.get(case.pk, ()):
                rules.clock(clock, out)
            rules.case(case, case.tasks.all(), ratings.get(case.pk), case.fees.all(), out)
    return out


# --- the run --------------------------------------------------------------------------------


def _progress(done: int, total: int) -> None:
    print(f"\r  generating: {done:,}/{total:,} cases", end="", file=sys.stderr, flush=True)
    if done == total:
        print(file=sys.stderr)


def run(
    cases: int,
    *,
    peer_sample: int,
    seed: int = 1,
    peer_full: bool = False,
    progress: bool = False,
    cleanup: bool = True,
) -> dict:
    """Generate the cases into the current database, time the sweep and the peer, compare."""
    from django.db import connection

    from zhengwu.supervision.models import Alert
    from zhengwu.supervision.sweep import sweep

    world = build_world()
    cal = WorkCalendar()
    sqlite = connection.vendor == "sqlite"
    if sqlite:  # a large page cache while loading (index inserts land all over the B-trees)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -2000000")
    t0 = time.perf_counter()
    data = generate(world, cal, cases, seed, progress=_progress if progress else None)
    insert_seconds = time.perf_counter() - t0
    if sqlite:  # the sweep runs with the project's own settings
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            cursor.execute("ANALYZE")

    t0 = time.perf_counter()
    first = sweep(on=TODAY)
    first_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = sweep(on=TODAY)
    second_seconds = time.perf_counter() - t0

    all_ids = list(range(data["first_case_id"], data["last_case_id"] + 1))
    total = len(all_ids)
    sample_size = total if peer_full else min(peer_sample, total)
    sample = sorted(random.Random(seed + 1).sample(all_ids, sample_size))
    t0 = time.perf_counter()
    theirs = peer_alerts(sample, TODAY, cal)
    peer_seconds_sample = time.perf_counter() - t0
    peer_seconds = peer_seconds_sample * total / sample_size

    ours = set()
    sample_set = set(sample)
    for code, key, case_id in Alert.objects.filter(
        status=Alert.Status.OPEN, case_id__gte=data["first_case_id"]
    ).values_list("rule__code", "key", "case_id"):
        if case_id in sample_set:
            ours.add((code, key))
    by_rule: dict[str, int] = {}
    for code, _key in theirs:
        by_rule[code] = by_rule.get(code, 0) + 1
    result = {
        "benchmark": "supervision",
        "workload": f"supervision sweep over {cases:,} open cases (all rules)",
        "database": connection.vendor,
        "open_cases": cases,
        "completed_cases": data["completed_cases"],
        "rows": data["rows"],
        "insert_seconds": round(insert_seconds, 3),
        "zhengwu_seconds": round(first_seconds, 3),
        "zhengwu_second_run_seconds": round(second_seconds, 3),
        "raised": first.total_raised,
        "raised_by_rule": first.raised,
        "seconds_by_rule": first.seconds,
        "second_run_raised": second.total_raised,
        "second_run_cleared": second.total_cleared,
        "peer": "per-case loop: ORM batches of 500 cases, rules evaluated in Python",
        "peer_sample": sample_size,
        "peer_seconds_sample": round(peer_seconds_sample, 3),
        "peer_seconds": round(peer_seconds, 3),
        "peer_extrapolated": sample_size < total,
        "ratio": round(peer_seconds / first_seconds, 1) if first_seconds else None,
        "ratio_second_run": round(peer_seconds / second_seconds, 1) if second_seconds else None,
        "sample_alerts": len(theirs),
        "sample_alerts_by_rule": dict(sorted(by_rule.items())),
        "only_zhengwu": sorted(ours - theirs)[:20],
        "only_peer": sorted(theirs - ours)[:20],
        "mismatches": len(ours ^ theirs),
    }
    if cleanup:
        _cleanup(data)
    return result


def _cleanup(data: dict) -> None:
    """Delete the generated rows (raw deletes by id range; the world rows stay)."""
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="open cases")
    parser.add_argument("--peer-sample", type=int, default=20_000)
    parser.add_argument("--peer-full", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="zhengwu-bench-")
    os.environ.setdefault("ZHENGWU_DATA_DIR", workdir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    result = run(
        args.cases,
        peer_sample=args.peer_sample,
        seed=args.seed,
        peer_full=args.peer_full,
        progress=True,
        cleanup=False,
    )
    peer_note = (
        f" (extrapolated from {result['peer_sample']:,} cases)"
        if result["peer_extrapolated"]
        else ""
    )
    rows = ", ".join(f"{v:,} {k}s" for k, v in result["rows"].items())
    print(f"{result['workload']} on {result['database']}")
    print(f"  data: {rows}; inserted in {result['insert_seconds']:.1f} s")
    print(
        f"  zhengwu (sweep, set-based SQL): {result['zhengwu_seconds']:.3f} s first run"
        f" ({result['raised']:,} alerts raised), {result['zhengwu_second_run_seconds']:.3f} s"
        f" second run ({result['second_run_raised']} raised)"
    )
    print(f"  peer (per-case loop):           {result['peer_seconds']:.3f} s{peer_note}")
    print(
        f"  ratio: {result['ratio']}× (first run), {result['ratio_second_run']}× (second run)"
        f"   mismatches on the sample: {result['mismatches']}"
    )
    print(f"  raised by rule: {result['raised_by_rule']}")
    print(f"  seconds by rule (first run): {result['seconds_by_rule']}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0 if result["mismatches"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

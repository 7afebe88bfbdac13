"""Parallel-approval cases through the workflow engine, every step persisted with its audit event.

zhengwu: the case services (``case_submit``, ``case_accept``, ``task_complete`` for each of the
three co-reviews, ``case_decide``, ``case_deliver``), each step its own transaction as in
production, with everything those services write: the case and its tasks, the statutory clocks of
the case and of each stage, the hash-chained audit events, the applicant's notifications, and the
e-supervision re-check queued on commit.

Peer: SpiffWorkflow 3.2.0 running the same process as BPMN (``benchmarks/workflow/
parallel_approval.bpmn``: start → acceptance → parallel gateway → three co-reviews → join →
decision → delivery → end). Each step, in its own transaction, reads the workflow's state from
the database, deserialises it (``BpmnWorkflowSerializer``, JSON), completes the user task, runs
the engine, serialises the state back into its row (``bench_spiff_workflow``) and appends an
audit row (``bench_spiff_audit``). Creating the workflow is the "submit" step on this side.

Both sides take the same number of steps per case (7: submit, accept, three co-reviews in the
same seeded order, decide, deliver) on the same database, one after the other in the same run.
Afterwards every zhengwu case must be completed after delivery, with its three co-reviews done and
its audit events, and every Spiff workflow completed with its seven audit rows; exit 1 otherwise.

Run: ``.venv/bin/python benchmarks/bench_workflow.py --cases 10000`` (a new SQLite database in a
temporary directory unless ``DATABASE_URL`` is set).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks.table`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.table import Row, dicts

BPMN = Path(__file__).resolve().parent / "workflow" / "parallel_approval.bpmn"
PROCESS_ID = "parallel_approval"
SPIFF_VERSION = "3.2.0"
PEER_NAME = f"SpiffWorkflow {SPIFF_VERSION} (BPMN, state serialised per step)"
CO_REVIEWS = ["co1", "co2", "co3"]
STEPS = ["submit", "accept", "co_review", "decide", "deliver"]
STEPS_PER_CASE = 7  # submit, accept, 3 co-reviews, decide, deliver
POWER_CODE = "bench-workflow-joint"
NUMBER_PREFIX = "SPIFF"
# The audit events the services write for one case, by action (clock events aside).
CASE_ACTIONS = {
    "case_submit": 1,
    "case_accept": 1,
    "task_complete": 3,
    "case_decide": 1,
    "case_deliver": 1,
    "case_complete": 1,
}


# --- the small world the cases run in (created with the ORM) --------------------------------


@dataclass
class World:
    power: object
    clerk: object  # a window clerk of the county centre: submits, accepts and delivers
    co_reviewers: list  # the reviewer of each co-reviewing department
    head: object  # the lead department's head: decides
    applicants: list


def _id_number(body17: str) -> str:
    """An ID number with its ISO 7064 MOD 11-2 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body17, weights, strict=True))
    return body17 + "10X98765432"[total % 11]


def build_world(applicants: int = 100) -> World:
    """A county with its service centre, a lead department and three co-reviewing ones, their
    staff, citizens, and one published matter whose process is accept → three co-reviews in
    parallel → decide → deliver (the stages of ``parallel_approval.bpmn``)."""
    from django.contrib.auth.models import Group

    from zhengwu.catalog import services as catalog
    from zhengwu.catalog.models import Material, Power, Stage
    from zhengwu.org.models import Department, Division, ServiceCentre, User
    from zhengwu.org.roles import Role

    league, _ = Division.objects.get_or_create(
        code="159800000000", defaults={"name": "流程基准盟", "level": "league"}
    )
    county, _ = Division.objects.get_or_create(
        code="159801000000", defaults={"name": "流程基准县", "level": "county", "parent": league}
    )
    centre, _ = ServiceCentre.objects.get_or_create(
        division=county, name="流程基准县政务服务中心", defaults={"kind": "county_centre"}
    )

    def department(code: str, name: str) -> Department:
        return Department.objects.get_or_create(
            division=county, code=code, defaults={"name": name, "kind": "department"}
        )[0]

    hall = department("wf-hall", "流程基准县政务服务中心")
    lead = department("wf-lead", "流程基准县住房和城乡建设局")
    co = [
        department("wf-fire", "流程基准县消防救援大队"),
        department("wf-land", "流程基准县自然资源局"),
        department("wf-env", "流程基准县生态环境分局"),
    ]

    def staff(username: str, dept: Department, roles: list[str], centre_=None) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "kind": User.Kind.STAFF,
                "full_name": username,
                "department": dept,
                "service_centre": centre_,
            },
        )
        if created:
            user.groups.set(Group.objects.filter(name__in=[str(r) for r in roles]))
        return User.objects.get(pk=user.pk)

    clerk = staff("wf-clerk", hall, [Role.WINDOW_CLERK], centre)
    head = staff("wf-head", lead, [Role.DEPARTMENT_HEAD, Role.REVIEWER])
    co_reviewers = [staff(f"wf-{d.code}-reviewer", d, [Role.REVIEWER]) for d in co]
    people = [
        User.objects.get_or_create(
            username=f"wf-applicant-{i}",
            defaults={
                "kind": User.Kind.CITIZEN,
                "full_name": f"申请人{i}",
                "id_number": _id_number(f"15980119800101{i % 1000:03d}"),
            },
        )[0]
        for i in range(applicants)
    ]

    power = Power.objects.filter(implementation_code=POWER_CODE).first()
    if power is None:
        power, version = catalog.power_create(
            actor=None,
            basic_code=POWER_CODE,
            implementation_code=POWER_CODE,
            name="建筑工程施工许可（流程基准）",
            kind="licensing",
            department=lead,
            legal_limit_days=45,
            promised_limit_days=20,
            max_extension_days=15,
            matter_type="promised",
            in_service_centre=True,
            result_name="许可证",
        )
        Material.objects.create(version=version, position=0, name="申请书")
        stages = [
            ("accept", "受理", "accept", lead, "window_clerk", 1, None),
            *[
                (f"co{i}", f"{d.name}联合审查", "co_review", d, "reviewer", 10, 1)
                for i, d in enumerate(co, start=1)
            ],
            ("decide", "决定", "decide", lead, "department_head", 20, None),
            ("deliver", "送达", "deliver", lead, "window_clerk", 2, None),
        ]
        for position, (code, name, kind, dept, role, limit, group) in enumerate(stages):
            Stage.objects.create(
                version=version,
                position=position,
                code=code,
                name=name,
                kind=kind,
                department=dept,
                role=role,
                limit_days=limit,
                parallel_group=group,
            )
        catalog.power_version_publish(actor=None, version=version)
        power.refresh_from_db()
    return World(power, clerk, co_reviewers, head, people)


def review_orders(cases: int, seed: int) -> list[list[int]]:
    """For each case, the order in which its three co-reviews come in (the same on both sides)."""
    rng = random.Random(seed)
    orders = []
    for _ in range(cases):
        order = [0, 1, 2]
        rng.shuffle(order)
        orders.append(order)
    return orders


class StepTimer:
    """Seconds spent per kind of step."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)
        self.supervision_seconds = 0.0  # zhengwu: the on-commit e-supervision re-checks
        self.supervision_runs = 0

    def add(self, step: str, seconds: float) -> None:
        self.seconds[step] += seconds
        self.count[step] += 1

    def per_step_ms(self) -> dict[str, float]:
        return {s: round(1000 * self.seconds[s] / self.count[s], 3) for s in STEPS if self.count[s]}


# --- zhengwu ---------------------------------------------------------------------------------


def run_zhengwu(world: World, orders: list[list[int]], *, progress=None) -> tuple[list, StepTimer]:
    """Take every case through the real services, one transaction per step. Returns the case ids."""
    from zhengwu.cases import services
    from zhengwu.cases.models import Case

    clock = time.perf_counter
    timer = StepTimer()
    ids = []
    # The e-supervision re-check each commit queues is part of the step; its share is kept.
    recheck = services._supervise

    def timed_recheck(case_pk: int) -> None:
        started = clock()
        try:
            recheck(case_pk)
        finally:
            timer.supervision_seconds += clock() - started
            timer.supervision_runs += 1

    services._supervise = timed_recheck
    try:
        _walk_cases(world, orders, timer, ids, progress)
    finally:
        services._supervise = recheck
    assert Case.objects.filter(pk__in=ids[:1]).exists()
    return ids, timer


def _walk_cases(world: World, orders: list[list[int]], timer, ids: list, progress) -> None:
    from zhengwu.cases import services
    from zhengwu.cases.models import Task

    clock = time.perf_counter
    run_key = uuid.uuid4().hex[:12]  # a database may hold an earlier run's cases
    for n, order in enumerate(orders):
        applicant = world.applicants[n % len(world.applicants)]
        t0 = clock()
        case = services.case_submit(
            actor=world.clerk,
            applicant=applicant,
            power=world.power,
            idempotency_key=f"bench-wf-{run_key}-{n}",
            form_data={"project": f"项目{n}"},
        ).case
        t1 = clock()
        timer.add("submit", t1 - t0)
        services.case_accept(actor=world.clerk, case=case)
        t2 = clock()
        timer.add("accept", t2 - t1)
        tasks = {t.stage_code: t for t in Task.objects.filter(case=case, kind="co_review")}
        t3 = clock()
        timer.add("co_review", t3 - t2)  # finding the to-do items is part of the work
        for i in order:
            t3 = clock()
            services.task_complete(
                actor=world.co_reviewers[i],
                task=tasks[CO_REVIEWS[i]],
                verdict="agree",
                opinion="同意",
            )
            timer.add("co_review", clock() - t3)
        timer.count["co_review"] -= 1  # the lookup above is not a step of its own
        t4 = clock()
        services.case_decide(actor=world.head, case=case, decision="approve", reason="符合条件")
        t5 = clock()
        timer.add("decide", t5 - t4)
        services.case_deliver(
            actor=world.clerk, case=case, method="window", licence_number=f"XK{n:08d}"
        )
        timer.add("deliver", clock() - t5)
        ids.append(case.pk)
        if progress is not None and (n + 1) % 100 == 0:
            progress("zhengwu", n + 1, len(orders))


def check_zhengwu(ids: list[int]) -> tuple[list[str], dict[str, int]]:
    """Every case completed after delivery, with its three co-reviews done and its audit events.
    Returns the problems found and the case audit events counted, by action."""
    from django.db.models import Count, Q

    from zhengwu.cases.models import Case, Task
    from zhengwu.common.models import AuditEvent

    problems = []
    counted: dict[str, int] = defaultdict(int)
    chunk = 5000
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        cases = Case.objects.filter(pk__in=part)
        done = cases.filter(
            status=Case.Status.COMPLETED,
            decision="approve",
            delivered_on__isnull=False,
            completed_on__isnull=False,
        ).count()
        if done != len(part):
            problems.append(f"{len(part) - done} cases not delivered and completed")
        reviews = (
            Task.objects.filter(case__in=part, kind="co_review")
            .values("case")
            .annotate(done=Count("id", filter=Q(status=Task.Status.DONE, verdict="agree")))
            .filter(done=3)
            .count()
        )
        if reviews != len(part):
            problems.append(f"{len(part) - reviews} cases without their 3 completed co-reviews")
        events = dict(
            AuditEvent.objects.filter(
                object_type="cases.case",
                object_id__in=[str(pk) for pk in part],
                action__in=list(CASE_ACTIONS),
            )
            .values_list("action")
            .annotate(n=Count("id"))
            .order_by()
        )
        for action, n in events.items():
            counted[action] += n
    for action, per_case in CASE_ACTIONS.items():
        if counted[action] != per_case * len(ids):
            problems.append(f"{action}: {counted[action]} audit events, {per_case * len(ids)} due")
    return problems, {action: n for action, n in counted.items() if n}


# --- the peer: SpiffWorkflow -------------------------------------------------------------------


def create_peer_tables() -> None:
    from django.db import connection

    serial = "BIGSERIAL" if connection.vendor == "postgresql" else "INTEGER"
    state = "JSONB" if connection.vendor == "postgresql" else "TEXT"
    stamp = "TIMESTAMP WITH TIME ZONE" if connection.vendor == "postgresql" else "TEXT"
    with connection.cursor() as cursor:
        drop_peer_tables(cursor)
        cursor.execute(
            f"CREATE TABLE bench_spiff_workflow (id {serial} PRIMARY KEY,"
            f" case_number VARCHAR(32) NOT NULL UNIQUE, state {state} NOT NULL,"
            f" completed BOOLEAN NOT NULL, updated_at {stamp} NOT NULL)"
        )
        cursor.execute(
            f"CREATE TABLE bench_spiff_audit (id {serial} PRIMARY KEY,"
            " workflow_id BIGINT NOT NULL REFERENCES bench_spiff_workflow (id),"
            " actor VARCHAR(150) NOT NULL, action VARCHAR(64) NOT NULL,"
            f" task VARCHAR(32) NOT NULL, detail TEXT NOT NULL, created_at {stamp} NOT NULL)"
        )
        cursor.execute("CREATE INDEX bench_spiff_audit_workflow ON bench_spiff_audit (workflow_id)")


def drop_peer_tables(cursor=None) -> None:
    from django.db import connection

    def drop(cur) -> None:
        cur.execute("DROP TABLE IF EXISTS bench_spiff_audit")
        cur.execute("DROP TABLE IF EXISTS bench_spiff_workflow")

    if cursor is not None:
        drop(cursor)
    else:
        with connection.cursor() as cur:
            drop(cur)


def peer_spec():
    from SpiffWorkflow.bpmn.parser import BpmnParser

    parser = BpmnParser()
    parser.add_bpmn_file(str(BPMN))
    return parser.get_spec(PROCESS_ID)


class SpiffStore:
    """One workflow's state per row: read, deserialise, step, serialise, write, audit."""

    def __init__(self, spec) -> None:
        from django.db import connection
        from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer

        self.spec = spec
        self.serializer = BpmnWorkflowSerializer()
        self.connection = connection
        lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
        self.select = "SELECT state FROM bench_spiff_workflow WHERE id = %s" + lock
        self.postgres = connection.vendor == "postgresql"

    def _now(self):
        from django.utils import timezone

        now = timezone.now()
        return now if self.postgres else now.isoformat()

    def _audit(self, cursor, workflow_id: int, actor: str, action: str, task: str, detail) -> None:
        cursor.execute(
            "INSERT INTO bench_spiff_audit (workflow_id, actor, action, task, detail, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            [workflow_id, actor, action, task, json.dumps(detail, ensure_ascii=False), self._now()],
        )

    def start(self, number: str, *, actor: str, data: dict) -> int:
        from django.db import transaction
        from SpiffWorkflow.bpmn import BpmnWorkflow

        with transaction.atomic(), self.connection.cursor() as cursor:
            workflow = BpmnWorkflow(self.spec)
            workflow.data.update(data)
            workflow.do_engine_steps()
            state = self.serializer.serialize_json(workflow)
            cursor.execute(
                "INSERT INTO bench_spiff_workflow (case_number, state, completed, updated_at)"
                " VALUES (%s, %s, %s, %s)",
                [number, state, workflow.is_completed(), self._now()],
            )
            cursor.execute("SELECT id FROM bench_spiff_workflow WHERE case_number = %s", [number])
            workflow_id = cursor.fetchone()[0]
            self._audit(cursor, workflow_id, actor, "submit", "start", {"number": number})
        return workflow_id

    def complete(self, workflow_id: int, task_name: str, *, actor: str, data: dict) -> bool:
        """Complete the ready user task ``task_name``; returns whether the workflow ended."""
        from django.db import transaction
        from SpiffWorkflow.util.task import TaskState

        with transaction.atomic(), self.connection.cursor() as cursor:
            cursor.execute(self.select, [workflow_id])
            state = cursor.fetchone()[0]
            if not isinstance(state, str):  # JSONB comes back decoded
                state = json.dumps(state)
            workflow = self.serializer.deserialize_json(state)
            task = next(
                (
                    t
                    for t in workflow.get_tasks(state=TaskState.READY, manual=True)
                    if t.task_spec.name == task_name
                ),
                None,
            )
            if task is None:
                raise RuntimeError(f"workflow {workflow_id}: task {task_name} is not ready")
            task.data.update(data)
            task.run()
            workflow.do_engine_steps()
            completed = workflow.is_completed()
            cursor.execute(
                "UPDATE bench_spiff_workflow SET state = %s, completed = %s, updated_at = %s"
                " WHERE id = %s",
                [self.serializer.serialize_json(workflow), completed, self._now(), workflow_id],
            )
            self._audit(cursor, workflow_id, actor, "task_complete", task_name, data)
        return completed


def run_peer(world: World, orders: list[list[int]], *, progress=None) -> tuple[list, StepTimer]:
    store = SpiffStore(peer_spec())
    clerk, head = str(world.clerk), str(world.head)
    reviewers = [str(r) for r in world.co_reviewers]
    clock = time.perf_counter
    timer = StepTimer()
    ids = []
    for n, order in enumerate(orders):
        t0 = clock()
        wid = store.start(
            f"{NUMBER_PREFIX}{n:08d}",
            actor=clerk,
            data={
                "applicant": world.applicants[n % len(world.applicants)].pk,
                "project": f"项目{n}",
            },
        )
        t1 = clock()
        timer.add("submit", t1 - t0)
        store.complete(wid, "accept", actor=clerk, data={"accepted": True})
        t2 = clock()
        timer.add("accept", t2 - t1)
        for i in order:
            t3 = clock()
            store.complete(
                wid, CO_REVIEWS[i], actor=reviewers[i], data={"verdict": "agree", "opinion": "同意"}
            )
            timer.add("co_review", clock() - t3)
        t4 = clock()
        store.complete(
            wid, "decide", actor=head, data={"decision": "approve", "reason": "符合条件"}
        )
        t5 = clock()
        timer.add("decide", t5 - t4)
        done = store.complete(
            wid, "deliver", actor=clerk, data={"method": "window", "licence": f"XK{n:08d}"}
        )
        timer.add("deliver", clock() - t5)
        if not done:
            raise RuntimeError(f"workflow {wid} did not end after delivery")
        ids.append(wid)
        if progress is not None and (n + 1) % 100 == 0:
            progress("peer", n + 1, len(orders))
    return ids, timer


def check_peer(ids: list[int]) -> list[str]:
    """Every workflow's stored state is a completed workflow, with its seven audit rows."""
    from django.db import connection
    from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer

    serializer = BpmnWorkflowSerializer()
    problems = []
    not_completed = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, state FROM bench_spiff_workflow ORDER BY id")
        seen = 0
        for _id, state in cursor.fetchall():
            seen += 1
            if not isinstance(state, str):
                state = json.dumps(state)
            if not serializer.deserialize_json(state).is_completed():
                not_completed += 1
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT workflow_id FROM bench_spiff_audit GROUP BY workflow_id"
            " HAVING COUNT(*) = %s) AS full_trail",
            [STEPS_PER_CASE],
        )
        audited = cursor.fetchone()[0]
    if seen != len(ids):
        problems.append(f"{seen} workflows stored, {len(ids)} started")
    if not_completed:
        problems.append(f"{not_completed} workflows not completed")
    if audited != len(ids):
        problems.append(f"{len(ids) - audited} workflows without their {STEPS_PER_CASE} audit rows")
    return problems


# --- the run -----------------------------------------------------------------------------------


def _cleanup(case_ids: list[int]) -> None:
    """Remove what the run wrote: the peer's tables and the cases with their tasks and clocks."""
    from django.db import transaction

    from zhengwu.cases.models import Case, Notification, Task
    from zhengwu.supervision.models import Alert
    from zhengwu.workdays.models import Clock

    drop_peer_tables()
    with transaction.atomic():
        task_ids = [
            str(pk) for pk in Task.objects.filter(case__in=case_ids).values_list("pk", flat=True)
        ]
        case_keys = [str(pk) for pk in case_ids]
        Clock.objects.filter(owner_type="cases.case", owner_id__in=case_keys).delete()
        Clock.objects.filter(owner_type="cases.task", owner_id__in=task_ids).delete()
        Alert.objects.filter(case__in=case_ids).delete()
        Notification.objects.filter(case__in=case_ids).delete()
        Case.objects.filter(pk__in=case_ids).delete()


def run(cases: int, *, seed: int = 1, progress=None, cleanup: bool = True) -> dict:
    """Run both sides over ``cases`` cases and check them; returns the figures."""
    from django.db import connection

    world = build_world()
    orders = review_orders(cases, seed)
    create_peer_tables()
    try:
        t0 = time.perf_counter()
        case_ids, z_timer = run_zhengwu(world, orders, progress=progress)
        zhengwu_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        workflow_ids, p_timer = run_peer(world, orders, progress=progress)
        peer_seconds = time.perf_counter() - t0
        zhengwu_problems, audit_events = check_zhengwu(case_ids)
        peer_problems = check_peer(workflow_ids)
    finally:
        if cleanup:
            _cleanup(locals().get("case_ids") or [])
    steps = cases * STEPS_PER_CASE
    z_rate, p_rate = cases / zhengwu_seconds, cases / peer_seconds
    workload = (
        f"{cases:,} parallel-approval cases: accept → 3 co-reviews → decide → deliver,"
        " each step persisted with its audit event"
    )
    rows = [
        Row(
            benchmark="Workflow",
            workload=workload,
            metric="throughput",
            unit="cases/s",
            zhengwu=round(z_rate, 1),
            peer_name=PEER_NAME,
            peer=round(p_rate, 1),
            higher_is_better=True,
            min_ratio=3.0,
            target="≥ 3×",
            note=f"{STEPS_PER_CASE} steps a case (submit included), one transaction each",
        ),
        Row(
            benchmark="Workflow",
            workload=workload,
            metric="steps",
            unit="steps/s",
            zhengwu=round(steps / zhengwu_seconds, 1),
            peer_name=PEER_NAME,
            peer=round(steps / peer_seconds, 1),
            higher_is_better=True,
        ),
    ]
    return {
        "benchmark": "workflow",
        "workload": workload,
        "database": connection.vendor,
        "cases": cases,
        "steps": steps,
        "seed": seed,
        "zhengwu_seconds": round(zhengwu_seconds, 3),
        "peer_seconds": round(peer_seconds, 3),
        "zhengwu_cases_per_second": round(z_rate, 1),
        "peer_cases_per_second": round(p_rate, 1),
        "zhengwu_steps_per_second": round(steps / zhengwu_seconds, 1),
        "peer_steps_per_second": round(steps / peer_seconds, 1),
        "ratio": round(z_rate / p_rate, 2),
        "zhengwu_ms_per_step": z_timer.per_step_ms(),
        "zhengwu_supervision_seconds": round(z_timer.supervision_seconds, 3),
        "zhengwu_supervision_runs": z_timer.supervision_runs,
        "peer_ms_per_step": p_timer.per_step_ms(),
        "zhengwu_audit_events": audit_events,
        "zhengwu_problems": zhengwu_problems,
        "peer_problems": peer_problems,
        "ok": not zhengwu_problems and not peer_problems,
        "table": dicts(rows),
    }


def _progress(side: str, done: int, total: int) -> None:
    print(f"\r  {side}: {done:,}/{total:,} cases", end="" if done < total else "\n", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="parallel-approval cases")
    parser.add_argument("--seed", type=int, default=1, help="orders the co-reviews")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="zhengwu-bench-")
    os.environ.setdefault("ZHENGWU_DATA_DIR", workdir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    os.environ.setdefault("ZHENGWU_DEBUG", "0")  # as in production: no query log
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    result = run(args.cases, seed=args.seed, progress=_progress, cleanup=False)
    print(f"{result['workload']} on {result['database']}")
    for side, name in (("zhengwu", "zhengwu (case services)"), ("peer", PEER_NAME)):
        print(
            f"  {name}: {result[f'{side}_seconds']:.1f} s,"
            f" {result[f'{side}_cases_per_second']:,} cases/s,"
            f" {result[f'{side}_steps_per_second']:,} steps/s"
        )
        print(f"    ms per step: {result[f'{side}_ms_per_step']}")
    runs = result["zhengwu_supervision_runs"]
    if runs:
        share = result["zhengwu_supervision_seconds"] / result["zhengwu_seconds"]
        print(
            f"  zhengwu's on-commit e-supervision re-checks: {runs:,} runs,"
            f" {result['zhengwu_supervision_seconds']:.1f} s ({share:.0%} of its time)"
        )
    print(f"  ratio zhengwu/peer: {result['ratio']}× (target ≥ 3×)")
    for problem in result["zhengwu_problems"] + result["peer_problems"]:
        print(f"  PROBLEM: {problem}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

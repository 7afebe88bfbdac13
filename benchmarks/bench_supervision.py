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
in the last weeks (a few without all their stages), made by
``zhengwu.demo.generate.generate_open_cases`` (rows go in with ``executemany``).

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
from pathlib import Path

if __package__ in (None, ""):  # run as a script: benchmarks/ is a package of the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zhengwu.demo.generate import (
    WorkCalendar,
    World,
    build_world,
    generate_open_cases,
)
from zhengwu.demo.generate import cleanup as _cleanup

TODAY = datetime.date(2026, 11, 30)  # a Monday


# --- the data: zhengwu.demo.generate's world and open cases ----------------------------------


def generate(world: World, cal: WorkCalendar, n_open: int, seed: int, *, progress=None) -> dict:
    """Insert n_open open cases and n_open // 25 recently completed ones, dated back from
    ``TODAY``; returns the counts and the id ranges."""
    return generate_open_cases(world, cal, n_open, seed, today=TODAY, progress=progress)


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
    result["table"] = table(result)
    if cleanup:
        _cleanup(data)
    return result


def table(result: dict) -> list[dict]:
    """The result as rows of the benchmarks' common table (benchmarks/table.py)."""
    from benchmarks.table import Row, dicts

    peer = "per-case Python loop (ORM batches)"
    if result["peer_extrapolated"]:
        peer += f" (timed on {result['peer_sample']:,}, scaled)"
    note = f"{result['mismatches']} mismatches on the sample"
    workload = f"sweep, all rules, {result['open_cases']:,} open cases ({result['database']})"
    return dicts(
        [
            Row(
                benchmark="Supervision sweep",
                workload=f"{workload}: first run ({result['raised']:,} alerts raised)",
                metric="time",
                unit="s",
                zhengwu=result["zhengwu_seconds"],
                peer_name=peer,
                peer=result["peer_seconds"],
                min_ratio=50.0,
                max_value=10.0,
                target="≥ 50×, < 10 s",
                note=note,
            ),
            Row(
                benchmark="Supervision sweep",
                workload=f"{workload}: second run, same day (nothing new)",
                metric="time",
                unit="s",
                zhengwu=result["zhengwu_second_run_seconds"],
                peer_name=peer,
                peer=result["peer_seconds"],
                note=note,
            ),
        ]
    )


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

"""Due dates and clock states for many clocks: set-based in the database vs a per-clock loop.

zhengwu: one UPDATE computes every due date from the ``Day`` table (ordinal lookups), then one
GROUP BY query counts the clocks by state.
Peer: what a team would otherwise write: for each clock, step day by day with
``chinese_calendar.is_workday`` until the limit is used up, then compare with today. The peer is
timed on a sample of clocks (``--peer-sample``) and scaled to the full count, because the full
loop takes about 20 minutes for 1,000,000 clocks; ``--peer-full`` times all of them.

Run: ``.venv/bin/python benchmarks/bench_deadlines.py --clocks 1000000`` (a new SQLite database
in a temporary directory unless ``DATABASE_URL`` is set).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: benchmarks/ is a package of the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ONE = datetime.timedelta(days=1)
TODAY = datetime.date(2026, 11, 30)


def generate_clocks(n: int, seed: int) -> list[tuple]:
    """Rows (started_on, day_kind, limit, suspended_days, status, completed_on) for n clocks."""
    rng = random.Random(seed)
    first = datetime.date(2020, 1, 1).toordinal()
    last = datetime.date(2026, 9, 30).toordinal()
    rows = []
    for _ in range(n):
        started = datetime.date.fromordinal(rng.randint(first, last))
        working = rng.random() < 0.85
        limit = rng.choice((5, 7, 10, 15, 20, 20, 20, 30, 45)) if working else rng.choice((30, 60))
        suspended = rng.choice((0, 0, 0, 0, 3, 7, 10))
        roll = rng.random()
        if roll < 0.7:
            status, completed = "completed", started + datetime.timedelta(days=rng.randint(0, 60))
        elif roll < 0.8:
            status, completed = "suspended", None
        else:
            status, completed = "running", None
        rows.append(
            (started, "working" if working else "calendar", limit, suspended, status, completed)
        )
    return rows


def insert_clocks(rows: list[tuple]) -> None:
    from django.db import connection, transaction

    from zhengwu.workdays.models import Clock

    table = Clock._meta.db_table
    sql = (
        f"INSERT INTO {table} (purpose, owner_type, owner_id, day_kind, legal_basis, started_on,"
        " limit_days, max_extension_days, extended_days, suspended_days, suspended_since,"
        " due_date, provisional, status, completed_on) VALUES"
        " (%s, %s, %s, %s, '', %s, %s, 0, 0, %s, %s, %s, %s, %s, %s)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        batch = []
        for i, (started, kind, limit, suspended, status, completed) in enumerate(rows):
            since = started if status == "suspended" else None
            batch.append(
                (
                    "bench",
                    "bench.case",
                    str(i),
                    kind,
                    started,
                    limit,
                    suspended,
                    since,
                    started,
                    False,
                    status,
                    completed,
                )
            )
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def zhengwu_due_dates_and_states(today: datetime.date) -> dict[str, int]:
    """Set-based: count every due date from the calendar and every state, in one query."""
    from zhengwu.workdays.models import Clock
    from zhengwu.workdays.selectors import computed_state_counts

    return computed_state_counts(Clock.objects.all(), on=today)


def peer_due_date(started: datetime.date, kind: str, budget: int) -> datetime.date:
    import chinese_calendar

    if kind == "working":
        day, counted = started, 0
        while counted < budget:
            day += ONE
            if chinese_calendar.is_workday(day):
                counted += 1
        return day
    day = started + datetime.timedelta(days=budget)
    while not chinese_calendar.is_workday(day):
        day += ONE
    return day


def peer_state(row: tuple, today: datetime.date) -> tuple[datetime.date, str]:
    started, kind, limit, suspended, status, completed = row
    due = peer_due_date(started, kind, limit + suspended)
    if status == "completed":
        return due, "completed_on_time" if completed <= due else "completed_late"
    if status == "suspended":
        return due, "suspended"
    return due, "overdue" if due < today else "running"


def run(
    clocks: int, *, peer_sample: int, seed: int = 1, peer_full: bool = False, repeat: int = 3
) -> dict:
    """Generate clocks into the current database, time both paths, check they agree."""
    from django.db import connection

    from zhengwu.workdays.models import Clock
    from zhengwu.workdays.selectors import clocks_with_computed_due, state_expression

    rows = generate_clocks(clocks, seed)
    t0 = time.perf_counter()
    insert_clocks(rows)
    insert_seconds = time.perf_counter() - t0

    timings = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        states = zhengwu_due_dates_and_states(TODAY)
        timings.append(time.perf_counter() - t0)
    zhengwu_seconds = min(timings)

    sample_size = clocks if peer_full else min(peer_sample, clocks)
    sample_index = sorted(random.Random(seed + 1).sample(range(clocks), sample_size))
    t0 = time.perf_counter()
    peer = [peer_state(rows[i], TODAY) for i in sample_index]
    peer_seconds_sample = time.perf_counter() - t0
    peer_seconds = peer_seconds_sample * clocks / sample_size

    # The two paths must give the same due dates and states on the sample.
    ours = {
        owner_id: (due, state)
        for owner_id, due, state in clocks_with_computed_due(
            Clock.objects.filter(owner_type="bench.case")
        )
        .annotate(state=state_expression(TODAY, "computed_due"))
        .values_list("owner_id", "computed_due", "state")
    }
    mismatches = sum(
        1 for i, theirs in zip(sample_index, peer, strict=True) if ours[str(i)] != theirs
    )
    sample_states: dict[str, int] = {}
    for _due, state in peer:
        sample_states[state] = sample_states.get(state, 0) + 1
    Clock.objects.filter(owner_type="bench.case").delete()
    return {
        "benchmark": "deadlines",
        "workload": f"due dates and states of {clocks:,} clocks",
        "database": connection.vendor,
        "clocks": clocks,
        "insert_seconds": round(insert_seconds, 3),
        "zhengwu_seconds": round(zhengwu_seconds, 3),
        "zhengwu_runs": [round(t, 3) for t in timings],
        "peer": "per-clock loop over chinese_calendar.is_workday",
        "peer_sample": sample_size,
        "peer_seconds_sample": round(peer_seconds_sample, 3),
        "peer_seconds": round(peer_seconds, 3),
        "peer_extrapolated": sample_size < clocks,
        "ratio": round(peer_seconds / zhengwu_seconds, 1) if zhengwu_seconds else None,
        "states": states,
        "sample_states": sample_states,
        "mismatches": mismatches,
    }


def table(result: dict) -> list[dict]:
    """The result as rows of the benchmarks' common table (benchmarks/table.py)."""
    from benchmarks.table import Row, dicts

    peer = "per-clock Python loop over chinese_calendar"
    if result["peer_extrapolated"]:
        peer += f" (timed on {result['peer_sample']:,}, scaled)"
    return dicts(
        [
            Row(
                benchmark="Deadlines",
                workload=f"due dates and states of {result['clocks']:,} clocks"
                f" ({result['database']})",
                metric="time",
                unit="s",
                zhengwu=result["zhengwu_seconds"],
                peer_name=peer,
                peer=result["peer_seconds"],
                min_ratio=200.0,
                max_value=3.0,
                target="≥ 200×, < 3 s",
                note=f"{result['mismatches']} mismatches on the sample",
            )
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clocks", type=int, default=1_000_000)
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
        args.clocks, peer_sample=args.peer_sample, seed=args.seed, peer_full=args.peer_full
    )
    peer_note = (
        f" (extrapolated from {result['peer_sample']} clocks)"
        if result["peer_extrapolated"]
        else ""
    )
    print(f"{result['workload']} on {result['database']}")
    print(
        f"  zhengwu (set-based SQL): {result['zhengwu_seconds']:.3f} s"
        f" (best of {result['zhengwu_runs']})"
    )
    print(f"  peer (per-clock loop):   {result['peer_seconds']:.3f} s{peer_note}")
    print(f"  ratio: {result['ratio']}×   mismatches on the sample: {result['mismatches']}")
    print(f"  states: {result['states']}")
    result["table"] = table(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["mismatches"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

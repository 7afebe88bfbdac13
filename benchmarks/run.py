"""``make bench``: run every benchmark in ``benchmarks/`` and write one results table.

Each benchmark runs in its own process on its own new database (SQLite in a temporary directory,
or a new PostgreSQL database made for it with ``--postgres URL``), and writes its figures with
its peer's, measured in the same run, as rows of ``benchmarks/table.py``. This script gathers
them into ``benchmarks/results/latest.json`` and ``latest.md`` and puts the table, with a
description of the machine, into ``benchmarks/RESULTS.md`` between its markers.

    .venv/bin/python benchmarks/run.py                    # every benchmark at full size
    .venv/bin/python benchmarks/run.py --quick            # small sizes (minutes)
    .venv/bin/python benchmarks/run.py --only search,web  # some of them
    .venv/bin/python benchmarks/run.py --postgres postgres://postgres@127.0.0.1:5432/postgres

It exits non-zero if a benchmark failed (a failed correctness check counts); targets missed are
marked in the table and listed at the end, not treated as failures.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.table import Row, dicts, markdown  # noqa: E402

START = "<!-- results:start -->"
END = "<!-- results:end -->"


@dataclasses.dataclass
class Benchmark:
    name: str
    script: str
    full: list[str]
    quick: list[str]
    postgres: bool = True  # also run on PostgreSQL when --postgres is given
    workdir: bool = False  # takes --workdir (kept between runs)


BENCHMARKS = [
    Benchmark(
        "deadlines",
        "bench_deadlines.py",
        ["--clocks", "1000000"],
        ["--clocks", "20000", "--peer-sample", "2000"],
    ),
    Benchmark(
        "supervision",
        "bench_supervision.py",
        ["--cases", "1000000"],
        ["--cases", "5000", "--peer-sample", "1000"],
    ),
    Benchmark(
        "workflow",
        "bench_workflow.py",
        ["--cases", "10000"],
        ["--cases", "200"],
    ),
    Benchmark(
        "search",
        "bench_search.py",
        ["--items", "200000", "--repeat", "5"],
        ["--items", "5000", "--repeat", "3"],
        postgres=False,
        workdir=True,
    ),
    Benchmark("web", "bench_web.py", ["--duration", "20"], ["--duration", "5"], postgres=False),
    Benchmark(
        "annual",
        "bench_annual.py",
        ["--cases", "1000000"],
        ["--cases", "5000"],
    ),
]


def machine() -> dict:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or None,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def _postgres_database(url: str, name: str) -> str:
    """A new, empty PostgreSQL database beside ``url``'s; returns its URL."""
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def run_one(bench: Benchmark, args, database: str) -> tuple[list[Row], dict]:
    out_dir: Path = args.out
    label = bench.name if database == "sqlite" else f"{bench.name}-postgresql"
    json_path = out_dir / f"{label}.json"
    log_path = out_dir / f"{label}.log"
    json_path.unlink(missing_ok=True)
    command = [sys.executable, str(HERE / bench.script)]
    command += bench.quick if args.quick else bench.full
    command += ["--json", str(json_path)]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ZHENGWU_DATA_DIR")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if bench.workdir:
        size = "quick" if args.quick else "full"
        command += ["--workdir", str(args.workdir / f"{bench.name}-{size}")]
    if database != "sqlite":
        env["DATABASE_URL"] = _postgres_database(args.postgres, f"zhengwu_bench_{bench.name}")
    print(f"\n== {label}: {' '.join(command[1:])}", flush=True)
    started = time.perf_counter()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        assert process.stdout is not None
        for line in process.stdout:
            log.write(line)
            if not args.quiet or not line.startswith("  "):
                sys.stdout.write(line)
        code = process.wait()
    seconds = time.perf_counter() - started
    status = {"benchmark": label, "exit": code, "seconds": round(seconds, 1), "log": str(log_path)}
    rows: list[Row] = []
    if json_path.exists():
        data = json.loads(json_path.read_text())
        rows = [Row.from_dict(row) for row in data.get("table", [])]
        status["database"] = data.get("database")
    if database != "sqlite":
        for row in rows:
            if "postgresql" not in row.workload:
                row.workload += " (postgresql)"
    if code != 0 or not rows:
        status["error"] = f"exit {code}" if code else "no table in its JSON"
    print(f"== {label}: exit {code} in {seconds:.0f} s, {len(rows)} rows", flush=True)
    return rows, status


def results_markdown(rows: list[Row], statuses: list[dict], about: dict) -> str:
    lines = [
        f"Measured {about['date']} at commit {about['commit']} on {about['cpu']},"
        f" {about['cores']} cores, {about['memory_gib']} GiB; {about['os']}; Python"
        f" {about['python']}, SQLite {about['sqlite']}.",
        "",
        markdown(rows),
        "Benchmarks run (each on its own new database; wall time includes generating its data):",
        "",
    ]
    for status in statuses:
        outcome = status.get("error") or "ok"
        lines.append(f"- {status['benchmark']}: {status['seconds']:,.0f} s, {outcome}")
    missed = [row for row in rows if row.met is False]
    if missed:
        lines += ["", "Targets missed in this run:", ""]
        lines += [f"- {row.benchmark}, {row.metric} ({row.workload})" for row in missed]
    return "\n".join(lines) + "\n"


def update_results_file(path: Path, text: str) -> None:
    """Put ``text`` between the markers of RESULTS.md (kept as they are elsewhere)."""
    current = path.read_text() if path.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START not in current or END not in current:
        current = current.rstrip() + f"\n\n{START}\n{END}\n"
    head, rest = current.split(START, 1)
    _old, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}{END}{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument(
        "--only", help="comma-separated names: " + ", ".join(b.name for b in BENCHMARKS)
    )
    parser.add_argument("--postgres", help="also run the benchmarks that apply on PostgreSQL")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="JSON, Markdown, logs")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=ROOT / "var" / "bench",
        help="kept data of the benchmarks that reuse it (the search indexes)",
    )
    parser.add_argument("--results-file", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--no-results-file", action="store_true", help="do not touch benchmarks/RESULTS.md"
    )
    parser.add_argument("--quiet", action="store_true", help="print only each benchmark's summary")
    args = parser.parse_args(argv)

    chosen = BENCHMARKS
    if args.only:
        names = {n.strip() for n in args.only.split(",") if n.strip()}
        unknown = names - {b.name for b in BENCHMARKS}
        if unknown:
            parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
        chosen = [b for b in BENCHMARKS if b.name in names]
    args.out.mkdir(parents=True, exist_ok=True)
    args.workdir.mkdir(parents=True, exist_ok=True)

    about = machine()
    rows: list[Row] = []
    statuses: list[dict] = []
    for bench in chosen:
        databases = ["sqlite"] + (["postgresql"] if args.postgres and bench.postgres else [])
        for database in databases:
            got, status = run_one(bench, args, database)
            rows += got
            statuses.append(status)

    table = results_markdown(rows, statuses, about)
    (args.out / "latest.md").write_text(table)
    (args.out / "latest.json").write_text(
        json.dumps(
            {"machine": about, "quick": args.quick, "runs": statuses, "table": dicts(rows)},
            ensure_ascii=False,
            indent=2,
        )
    )
    if not args.no_results_file and not args.quick:
        update_results_file(args.results_file, table)
    print("\n" + table)
    print(f"Written: {args.out / 'latest.md'}, {args.out / 'latest.json'}")
    return 1 if any("error" in s for s in statuses) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Web: requests/s and p99 of public pages under gunicorn, each beside a bare Django view.

The server: gunicorn on a free loopback port, ``--workers`` gthread workers (default cores + 1)
of ``--threads`` threads (default 8), which keep connections alive, serving zhengwu with
``benchmarks/web_settings.py`` (zhengwu's settings, debug off, plus the bare view
``/bench/hello/`` of ``benchmarks/web_urls.py``, through the same middleware), on a database
holding the demo county (``zhengwu demo``, loaded into a new SQLite database in a temporary
directory, or into ``DATABASE_URL``'s database when it is empty; ``--quick`` loads only the
organisation and the catalog and files one case through the services).

The load: locust, headless, in a subprocess (``benchmarks/web_locustfile.py``, ``FastHttpUser``,
no wait time), ``--users`` simultaneous users spawned at once, for ``--duration`` seconds per run,
statistics read from its ``--csv`` files. Each page is measured in its own run, right after a run
of the bare view on the same server: the ratio is page requests/s / bare-view requests/s. The CPU
time that locust and the server used in each run is reported, so it shows when the load
generator (one process, one core at most) rather than the server was the limit.

Pages: the public case-tracking page (``/cases/track/``: a form, the case is looked up by POST),
the catalog (``/catalog/``, the public list of matters) and the tracking API
(``/api/track?number=…&code=…``, a real demo case in review with its query code).

Run: ``.venv/bin/python benchmarks/bench_web.py --json /tmp/web.json``
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.table import Row, dicts  # noqa: E402

BIN = Path(sys.executable).parent
TRACK_CODE = "20261204"  # the query code given to the tracked demo case
HELLO = "/bench/hello/"


@dataclass
class Page:
    key: str
    workload: str
    path: str
    expect: str
    min_ratio: float


@dataclass
class Run:
    page: str
    path: str
    requests: int
    failures: int
    rps: float
    p50: float
    p99: float
    locust_cpu: float  # CPU seconds used by the load generator
    server_cpu: float  # CPU seconds used by gunicorn (master and workers)
    seconds: float
    errors: list[str]
    pid: int = 0  # of the locust process (and of its process group)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


# --- the database -------------------------------------------------------------------------


def prepare(*, quick: bool, migrate: bool = True, report=print) -> dict:
    """Migrate, load the demo county (or, quick, its organisation and catalog) and give one case
    in review a known query code. Returns what the pages need."""
    from django.core.management import call_command
    from django.db import connection

    from zhengwu.demo.registry import DemoContext, demo_is_loaded, demo_load

    started = time.monotonic()
    if quick:
        if migrate:
            call_command("migrate", interactive=False, verbosity=0)
        if not demo_is_loaded():
            demo_load(DemoContext(report=report), only=["org", "catalog"])
    else:
        call_command("demo", no_serve=True)
    number = tracked_case()
    info = {
        "database": connection.vendor,
        "prepare_seconds": round(time.monotonic() - started, 1),
        "case_number": number,
        "query_code": TRACK_CODE,
    }
    from zhengwu.cases.models import Case
    from zhengwu.catalog.selectors import published_versions

    info["cases"] = Case.objects.count()
    info["published_matters"] = published_versions().count()
    connection.close()
    return info


def tracked_case() -> str:
    """A case in review with open co-reviews (the demo's current joint matter), given the query
    code ``TRACK_CODE``; without the demo's cases, one filed and accepted through the services."""
    from django.db.models import Count

    from zhengwu.cases.models import Case
    from zhengwu.cases.services import query_digest

    case = (
        Case.objects.filter(status=Case.Status.IN_REVIEW)
        .annotate(n=Count("tasks"))
        .order_by("-n", "-pk")
        .first()
    )
    if case is None:
        case = _file_case()
    Case.objects.filter(pk=case.pk).update(query_digest=query_digest(case.number, TRACK_CODE))
    return case.number


def _file_case():
    """What the demo does for its current joint matter: filed, accepted, first review done."""
    from zhengwu.cases import services
    from zhengwu.cases.models import Task
    from zhengwu.catalog.models import Power
    from zhengwu.org.models import User

    users = {
        u.username: u for u in User.objects.filter(username__in=["clerk", "reviewer", "enterprise"])
    }
    power = Power.objects.filter(current__name="建筑工程施工许可").first()
    case = services.case_submit(
        actor=users["enterprise"],
        applicant=users["enterprise"],
        power=power,
        idempotency_key="bench-web-1",
        form_data={"project": "基准测试厂房"},
    ).case
    case = services.case_accept(actor=users["clerk"], case=case)
    task = case.tasks.get(stage_code="review")
    services.task_complete(
        actor=users["reviewer"], task=task, verdict=Task.Verdict.AGREE, opinion="符合条件。"
    )
    return case


def database_url() -> str:
    """The URL of the database Django is connected to, for the server's processes."""
    from urllib.parse import quote

    from django.db import connection

    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    auth = quote(conf.get("USER") or "")
    if conf.get("PASSWORD"):
        auth += ":" + quote(conf["PASSWORD"])
    host = conf.get("HOST") or "127.0.0.1"
    port = f":{conf['PORT']}" if conf.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{quote(conf['NAME'])}"


def server_env(*, database: str, data_dir: Path) -> dict:
    """The environment of the server: the benchmark's settings, the database prepared."""
    return {
        **os.environ,
        "DATABASE_URL": database,
        "ZHENGWU_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "benchmarks.web_settings",
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
        "ZHENGWU_BENCH_CACHE_PREFIX": f"zhengwu-bench-{os.getpid()}-{time.time_ns()}",
    }


# --- processes ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def live_in_groups(groups: list[int]) -> list[int]:
    """Processes still running (not zombies) in these process groups."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) in groups and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def server_cpu(master: int) -> float:
    return _proc_cpu(master) + sum(_proc_cpu(pid) for pid in _children(master))


def _kill_group(process: subprocess.Popen, *, grace: float) -> None:
    """Stop a process started in a session of its own, and everything it started."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=grace)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # workers left behind, if any
    process.wait()


class Server:
    """gunicorn in a process group of its own; stopped with SIGTERM, then SIGKILL, group-wide."""

    def __init__(self, env: dict, *, workers: int, worker_class: str, threads: int, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [
            str(BIN / "gunicorn"),
            "zhengwu.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--worker-class", worker_class,
            "--threads", str(threads),
            "--backlog", "2048",
            "--timeout", "60",
            "--graceful-timeout", "5",
            "--log-level", "warning",
            "--chdir", str(ROOT),
        ]  # fmt: skip
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                command,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}): {self.tail()}")
            try:
                with urllib.request.urlopen(self.url + HELLO, timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s: {self.tail()}")

    def tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self) -> None:
        _kill_group(self.process, grace=15)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def check(server: Server, page: Page) -> str | None:
    """None when the page answers 200 with the expected content, else what went wrong."""
    status, body = fetch(server.url + page.path)
    if status != 200:
        return f"{page.path}: HTTP {status}"
    if page.expect.encode() not in body:
        return f"{page.path}: the answer lacks {page.expect!r}"
    return None


def warm(server: Server, page: Page, requests: int) -> None:
    """Every worker has imported its templates and filled its caches before the clock runs."""
    for _ in range(requests):
        fetch(server.url + page.path)


def run_locust(server: Server, page: Page, *, users: int, seconds: int, workdir: Path) -> Run:
    prefix = workdir / f"locust-{page.key}-{time.monotonic_ns()}"
    env = {
        **os.environ,
        "ZHENGWU_BENCH_PATH": page.path,
        "ZHENGWU_BENCH_NAME": page.key,
        "ZHENGWU_BENCH_EXPECT": page.expect,
    }
    command = [
        str(BIN / "locust"),
        "-f", str(HERE / "web_locustfile.py"),
        "--headless",
        "--host", server.url,
        "--users", str(users),
        "--spawn-rate", str(users),
        "--run-time", f"{seconds}s",
        "--stop-timeout", "2",
        "--csv", str(prefix),
        "--only-summary",
        "--loglevel", "WARNING",
        "--skip-log-setup",
    ]  # fmt: skip
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_server = server_cpu(server.process.pid)
    started = time.monotonic()
    with (workdir / "locust.log").open("ab") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            process.wait(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            pass
        finally:
            _kill_group(process, grace=5)
    elapsed = time.monotonic() - started
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    locust_cpu = (after_children.ru_utime - before_children.ru_utime) + (
        after_children.ru_stime - before_children.ru_stime
    )
    server_seconds = server_cpu(server.process.pid) - before_server
    stats = _aggregated(Path(f"{prefix}_stats.csv"))
    errors = _errors(Path(f"{prefix}_failures.csv"))
    return Run(
        page=page.key,
        path=page.path,
        requests=int(stats.get("Request Count") or 0),
        failures=int(stats.get("Failure Count") or 0),
        rps=float(stats.get("Requests/s") or 0),
        p50=_ms(stats.get("50%")),
        p99=_ms(stats.get("99%")),
        locust_cpu=round(locust_cpu, 2),
        server_cpu=round(server_seconds, 2),
        seconds=round(elapsed, 1),
        errors=errors,
        pid=process.pid,
    )


def _ms(value: str | None) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _aggregated(path: Path) -> dict:
    if not path.exists():
        return {}
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return next((r for r in rows if r.get("Name") == "Aggregated"), rows[-1] if rows else {})


def _errors(path: Path) -> list[str]:
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [f"{r.get('Occurrences')}× {r.get('Error')}" for r in csv.DictReader(handle)]


# --- the benchmark ------------------------------------------------------------------------


def pages(info: dict) -> list[Page]:
    number, code = info["case_number"], info["query_code"]
    return [
        Page("track", "public case-tracking page (GET /cases/track/)", "/cases/track/",
             "csrfmiddlewaretoken", 0.5),
        Page("catalog", "catalog page (GET /catalog/)", "/catalog/", 'href="/catalog/', 0.5),
        Page("api", "case-tracking API (GET /api/track, a demo case in review)",
             f"/api/track?number={number}&code={code}", f'"number": "{number}"', 0.25),
    ]  # fmt: skip


def measure(
    env: dict, info: dict, *, users: int, seconds: int, workers: int, worker_class: str,
    threads: int, workdir: Path, only: list[str] | None = None, report=print,
) -> dict:  # fmt: skip
    hello = Page("hello", "bare Django view (GET /bench/hello/)", HELLO, "hello", 0)
    chosen = [p for p in pages(info) if not only or p.key in only]
    server = Server(
        env, workers=workers, worker_class=worker_class, threads=threads,
        log=workdir / "gunicorn.log",
    )  # fmt: skip
    runs: list[dict] = []
    problems: list[str] = []
    try:
        server.wait_ready()
        for page in [hello, *chosen]:
            problem = check(server, page)
            if problem:
                problems.append(problem)
        for page in chosen:
            pair = {}
            for each in (hello, page):
                warm(server, each, 4 * workers)
                report(f"  {each.key}: {users} users, {seconds} s …")
                run = run_locust(server, each, users=users, seconds=seconds, workdir=workdir)
                report(
                    f"    {run.rps:,.0f} req/s, p50 {run.p50:g} ms, p99 {run.p99:g} ms,"
                    f" {run.failures} failures of {run.requests:,};"
                    f" CPU: server {run.server_cpu / run.seconds:.2f} cores,"
                    f" locust {run.locust_cpu / run.seconds:.2f}"
                )
                pair[each.key] = run
            runs.append({"page": page, "hello": pair["hello"], "run": pair[page.key]})
    finally:
        server.stop()
    groups = [server.process.pid] + [r[k].pid for r in runs for k in ("hello", "run")]
    return {"runs": runs, "problems": problems, "server_log": server.tail(), "groups": groups}


def rows_of(result: dict, users: int) -> list[Row]:
    rows = []
    for item in result["runs"]:
        page, run, hello = item["page"], item["run"], item["hello"]
        workload = f"{page.workload}, {users} users"
        note = (
            f"{run.failures} failures of {run.requests:,}; p50 {run.p50:g} ms"
            f" (bare view {hello.p50:g} ms)"
        )
        rows.append(
            Row(
                benchmark="web",
                workload=workload,
                metric="requests/s",
                unit="req/s",
                zhengwu=round(run.rps, 1),
                peer_name="bare Django hello view, same server",
                peer=round(hello.rps, 1),
                higher_is_better=True,
                min_ratio=page.min_ratio,
                target=f"≥ {page.min_ratio:g}× the bare view",
                note=note,
            )
        )
        rows.append(
            Row(
                benchmark="web",
                workload=workload,
                metric="p99",
                unit="ms",
                zhengwu=run.p99,
                peer_name="bare Django hello view, same server",
                peer=hello.p99,
                max_value=100,
                target="< 100 ms",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of each locust run")
    parser.add_argument("--users", type=int, default=50, help="simultaneous users")
    cores = os.cpu_count() or 1
    parser.add_argument("--workers", type=int, default=cores + 1, help="gunicorn workers")
    parser.add_argument("--worker-class", default="gthread", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (gthread)")
    parser.add_argument("--quick", action="store_true", help="organisation and catalog only")
    parser.add_argument("--only", help="pages to measure, e.g. track,catalog,api")
    parser.add_argument("--workdir", type=Path, help="keep the data here (reused if present)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    # Stopped by a signal, the finally blocks still stop the server and locust.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="zhengwu-web-"))
    workdir.mkdir(parents=True, exist_ok=True)
    workdir = workdir.resolve()
    os.environ["ZHENGWU_DATA_DIR"] = str(workdir / "data")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/data/zhengwu.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhengwu.settings"
    try:
        import django

        django.setup()
        print(f"Preparing the database ({'quick' if args.quick else 'the demo county'}) …")
        info = prepare(quick=args.quick)
        print(
            f"  {info['database']}: {info['cases']:,} cases, {info['published_matters']:,}"
            f" published matters; tracked case {info['case_number']}"
            f" ({info['prepare_seconds']} s)"
        )
        env = server_env(database=database_url(), data_dir=workdir / "data")
        cache = "Redis" if env.get("REDIS_URL") else "local memory (per worker)"
        generator = (
            f"locust {_version('locust')} headless, 1 process, FastHttpUser, no wait,"
            f" {args.users} users, {args.duration} s per run"
        )
        server_text = (
            f"gunicorn {_version('gunicorn')}, {args.workers} {args.worker_class} workers"
            + (f" × {args.threads} threads" if args.worker_class == "gthread" else "")
            + f" on {cores} cores, cache {cache}"
        )
        print(f"Server: {server_text}\nLoad: {generator}")
        result = measure(
            env, info, users=args.users, seconds=args.duration, workers=args.workers,
            worker_class=args.worker_class, threads=args.threads, workdir=workdir,
            only=args.only.split(",") if args.only else None,
        )  # fmt: skip
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    rows = rows_of(result, args.users)
    failures = sum(item["run"].failures + item["hello"].failures for item in result["runs"])
    print()
    print(f"{'page':<10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'failures':>10}{'ratio':>8}")
    for item in result["runs"]:
        run, hello = item["run"], item["hello"]
        ratio = run.rps / hello.rps if hello.rps else 0
        for label, each, shown in (("hello", hello, ""), (run.page, run, f"{ratio:.2f}×")):
            print(
                f"{label:<10}{each.rps:>10,.0f}{each.p50:>9g}{each.p99:>9g}"
                f"{each.failures:>10}{shown:>8}"
            )
    for problem in result["problems"]:
        print(f"problem: {problem}")
    if args.json:
        data = {
            "benchmark": "web",
            "server": server_text,
            "load_generator": generator,
            **info,
            "problems": result["problems"],
            "runs": [
                {"page": item["page"].key, "run": item["run"].as_dict(),
                 "hello": item["hello"].as_dict()}
                for item in result["runs"]
            ],
            "table": dicts(rows),
        }  # fmt: skip
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return 1 if result["problems"] or failures else 0


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    sys.exit(main())

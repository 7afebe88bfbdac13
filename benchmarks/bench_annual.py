"""The annual report over a million cases: the registers' aggregate queries vs a per-case loop.

zhengwu: ``zhengwu.reports.annual.annual_figures(division, year)`` — every figure of
``zhengwu report annual``: the year's cases of the county centre (accepted, completed, completion
rate, promised and instant), the centre's to-date figures on 31 December, the catalog, enforcement,
normative documents, contracts, proposals, disputes, publication and disclosure requests,
training, reconsideration and litigation; each a handful of aggregate queries. Timed as the
median of ``--repeat`` runs; the case figures alone (``cases.stats.annual_figures``) are timed
too.

Peer: what a team would otherwise write for the case figures: load the county's cases with the
ORM in batches (``iterator``, with the centre's kind and the matter's type joined in), and count
them case by case in Python. It runs over every case, and its figures must equal zhengwu's (exit
1 when they do not).

The data: ``zhengwu generate``'s county (``zhengwu.demo.generate.generate``): N cases over three
years ending on 30 November 2026 (about 4 % open, the rest completed, refused or withdrawn; with
their clocks, tasks, ratings and fees), N / 50 published documents and N / 200 disclosure
requests. The report is the one of 2025, the last full year.

Run: ``.venv/bin/python benchmarks/bench_annual.py --cases 1000000`` (a new SQLite database in a
temporary directory unless ``DATABASE_URL`` is set).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: benchmarks/ is a package of the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = datetime.date(2026, 11, 30)  # a Monday
YEARS = 3
YEAR = 2025  # the last full year of the generated records


def peer_case_figures(division, year: int, batch: int = 2000) -> dict:
    """The annual report's case figures, counted case by case in Python over the ORM."""
    from zhengwu.cases.models import Case
    from zhengwu.cases.stats import rate
    from zhengwu.org.selectors import divisions_under

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    accepted = completed = promised = instant = 0
    accepted_to_date = completed_to_date = halls_to_date = 0
    cases = (
        Case.objects.filter(department__division__in=divisions_under(division))
        .select_related("handling_centre", "power_version")
        .only("accepted_on", "completed_on", "handling_centre__kind", "power_version__matter_type")
        .order_by()
    )
    for case in cases.iterator(chunk_size=batch):
        kind = case.handling_centre.kind if case.handling_centre is not None else None
        if kind == "county_centre":
            if case.accepted_on is not None:
                if case.accepted_on <= end:
                    accepted_to_date += 1
                if start <= case.accepted_on <= end:
                    accepted += 1
                    matter_type = case.power_version.matter_type
                    if matter_type == "promised":
                        promised += 1
                    elif matter_type == "instant":
                        instant += 1
            if case.completed_on is not None:
                if case.completed_on <= end:
                    completed_to_date += 1
                if start <= case.completed_on <= end:
                    completed += 1
        elif kind == "township_hall" and case.accepted_on is not None and case.accepted_on <= end:
            halls_to_date += 1
    return {
        "cases": {
            "accepted": accepted,
            "completed": completed,
            "completion_rate": rate(completed, accepted),
            "promised": promised,
            "instant": instant,
        },
        "service_centre": {
            "accepted_to_date": accepted_to_date,
            "completed_to_date": completed_to_date,
            "completion_rate_to_date": rate(completed_to_date, accepted_to_date),
            "township_halls_accepted_to_date": halls_to_date,
        },
    }


def _median_seconds(function, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), value


def run(
    cases: int,
    *,
    seed: int = 1,
    repeat: int = 5,
    documents: int | None = None,
    requests: int | None = None,
    progress=None,
) -> dict:
    """Generate the county's records into the current database, time the report and the peer."""
    from django.db import connection

    from zhengwu.cases import stats as case_stats
    from zhengwu.demo.generate import generate
    from zhengwu.org.models import Division
    from zhengwu.reports.annual import annual_figures

    t0 = time.perf_counter()
    generated = generate(
        cases=cases,
        years=YEARS,
        documents=cases // 50 if documents is None else documents,
        requests=requests,
        seed=seed,
        today=TODAY,
        sweep=False,
        progress=progress,
    )
    insert_seconds = time.perf_counter() - t0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    division = Division.objects.get(pk=generated.division_id)

    seconds, figures = _median_seconds(lambda: annual_figures(division, YEAR), repeat)
    case_seconds, _ = _median_seconds(
        lambda: case_stats.annual_figures(YEAR, cases=case_stats.cases_of(division)), repeat
    )
    t0 = time.perf_counter()
    theirs = peer_case_figures(division, YEAR)
    peer_seconds = time.perf_counter() - t0

    ours = {
        "cases": figures["cases"],
        "service_centre": {k: figures["service_centre"][k] for k in theirs["service_centre"]},
    }
    mismatches = [
        f"{section}.{key}: zhengwu {ours[section][key]}, peer {value}"
        for section, values in theirs.items()
        for key, value in values.items()
        if ours[section][key] != value
    ]
    result = {
        "benchmark": "annual",
        "workload": f"all figures of zhengwu report annual {YEAR}, {cases:,} cases",
        "database": connection.vendor,
        "cases": cases,
        "by_status": generated.by_status,
        "rows": generated.rows,
        "documents": generated.documents,
        "requests": generated.requests,
        "insert_seconds": round(insert_seconds, 3),
        "generate_seconds": generated.seconds,
        "repeat": repeat,
        "zhengwu_seconds": round(seconds, 4),
        "zhengwu_case_figures_seconds": round(case_seconds, 4),
        "peer": "per-case Python loop over the ORM (batches of 2,000)",
        "peer_seconds": round(peer_seconds, 3),
        "ratio": round(peer_seconds / seconds, 1) if seconds else None,
        "ratio_case_figures": round(peer_seconds / case_seconds, 1) if case_seconds else None,
        "figures": figures,
        "peer_figures": theirs,
        "mismatches": mismatches,
    }
    result["table"] = table(result)
    return result


def table(result: dict) -> list[dict]:
    """The result as rows of the benchmarks' common table (benchmarks/table.py)."""
    from benchmarks.table import Row, dicts

    note = f"{len(result['mismatches'])} mismatches between zhengwu's and the peer's figures"
    size = f"{result['cases']:,} cases ({result['database']})"
    return dicts(
        [
            Row(
                benchmark="Annual report",
                workload=f"all figures of zhengwu report annual, {size}",
                metric="time",
                unit="s",
                zhengwu=result["zhengwu_seconds"],
                peer_name="per-case Python loop (case figures only)",
                peer=result["peer_seconds"],
                max_value=5.0,
                target="< 5 s",
                note=note,
            ),
            Row(
                benchmark="Annual report",
                workload=f"the case figures of the report, {size}",
                metric="time",
                unit="s",
                zhengwu=result["zhengwu_case_figures_seconds"],
                peer_name="per-case Python loop",
                peer=result["peer_seconds"],
                note=note,
            ),
        ]
    )


def _progress(done: int, total: int) -> None:
    print(f"\r  generating: {done:,}/{total:,} cases", end="", file=sys.stderr, flush=True)
    if done == total:
        print(file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs of zhengwu (the median)")
    parser.add_argument("--documents", type=int, default=None, help="default: cases / 50")
    parser.add_argument("--requests", type=int, default=None, help="default: cases / 200")
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
        seed=args.seed,
        repeat=args.repeat,
        documents=args.documents,
        requests=args.requests,
        progress=_progress,
    )
    rows = ", ".join(f"{v:,} {k}s" for k, v in result["rows"].items())
    print(f"{result['workload']} on {result['database']}")
    print(f"  data: {rows}; generated in {result['insert_seconds']:.1f} s")
    print(
        f"  zhengwu (aggregate queries): {result['zhengwu_seconds']:.3f} s all figures,"
        f" {result['zhengwu_case_figures_seconds']:.3f} s the case figures"
        f" (median of {result['repeat']})"
    )
    print(f"  peer (per-case loop):        {result['peer_seconds']:.3f} s")
    print(
        f"  ratio: {result['ratio']}× (all figures), {result['ratio_case_figures']}× (case"
        f" figures)   mismatches: {len(result['mismatches'])}"
    )
    for line in result["mismatches"]:
        print(f"    {line}")
    print(f"  cases: {result['figures']['cases']}")
    print(f"  service centre: {result['figures']['service_centre']}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0 if not result["mismatches"] else 1


if __name__ == "__main__":
    sys.exit(main())

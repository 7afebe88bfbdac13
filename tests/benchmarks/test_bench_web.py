"""The web benchmark at a tiny size: the real pipeline (gunicorn and locust in subprocesses, on a
free loopback port, on the test database holding the demo's organisation and catalog and one
case) answers every page with 200 and no failure, and produces the table's rows (no timing is
asserted)."""

import pytest

from benchmarks import bench_web


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_web_benchmark_smoke(tmp_path):
    info = bench_web.prepare(quick=True, migrate=False, report=lambda _message: None)
    assert info["published_matters"] > 100 and info["case_number"]
    env = bench_web.server_env(database=bench_web.database_url(), data_dir=tmp_path / "data")
    result = bench_web.measure(
        env,
        info,
        users=2,
        seconds=4,
        workers=2,
        worker_class="gthread",
        threads=2,
        workdir=tmp_path,
        report=lambda _message: None,
    )
    # gunicorn (master and workers) and every locust are gone.
    assert len(result["groups"]) == 7
    assert bench_web.live_in_groups(result["groups"]) == []
    assert result["problems"] == [], result["server_log"]
    runs = {item["page"].key: item for item in result["runs"]}
    assert set(runs) == {"track", "catalog", "api"}
    for key, item in runs.items():
        for run in (item["hello"], item["run"]):
            assert run.requests > 0, (key, run)
            assert run.failures == 0, (key, run.errors)
    rows = bench_web.rows_of(result, 2)
    assert [(r.workload.split(" (")[0], r.metric) for r in rows] == [
        ("public case-tracking page", "requests/s"),
        ("public case-tracking page", "p99"),
        ("catalog page", "requests/s"),
        ("catalog page", "p99"),
        ("case-tracking API", "requests/s"),
        ("case-tracking API", "p99"),
    ]
    assert all(r.peer_name == "bare Django hello view, same server" for r in rows)
    assert [r.min_ratio for r in rows if r.metric == "requests/s"] == [0.5, 0.5, 0.25]
    assert all(r.max_value == 100 and r.unit == "ms" for r in rows if r.metric == "p99")
    assert all(r.zhengwu > 0 and r.peer > 0 for r in rows)

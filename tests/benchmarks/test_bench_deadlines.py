"""The deadlines benchmark at a small size: both paths agree (no timing is asserted)."""

import pytest

from benchmarks import bench_deadlines
from zhengwu.workdays.models import Clock


@pytest.mark.django_db
def test_deadlines_benchmark_smoke():
    result = bench_deadlines.run(3000, peer_sample=300, repeat=1)
    assert result["mismatches"] == 0
    assert sum(result["states"].values()) == 3000
    # The peer's states on its sample are a subset of the same kinds.
    assert set(result["sample_states"]) <= set(result["states"])
    assert result["peer_sample"] == 300 and result["peer_extrapolated"]
    assert not Clock.objects.filter(owner_type="bench.case").exists()
    (row,) = bench_deadlines.table(result)
    assert row["zhengwu"] == result["zhengwu_seconds"] and row["peer"] == result["peer_seconds"]
    assert row["ratio"] == pytest.approx(result["peer_seconds"] / result["zhengwu_seconds"], 0.01)


def test_peer_counts_from_the_day_after():
    import datetime

    # Sat 2026-11-28 + 1 working day = Mon 2026-11-30 (the peer must not count the start).
    assert bench_deadlines.peer_due_date(datetime.date(2026, 11, 28), "working", 1) == (
        datetime.date(2026, 11, 30)
    )

"""The supervision benchmark at a small size: the sweep and the per-case loop find the same
alerts (no timing is asserted)."""

import pytest

from benchmarks import bench_supervision
from zhengwu.cases.models import Case
from zhengwu.supervision.models import Alert


@pytest.mark.django_db
def test_supervision_benchmark_smoke():
    result = bench_supervision.run(300, peer_sample=50, peer_full=True)
    # The whole population is checked, and both paths agree on every (rule, object) pair.
    assert result["peer_sample"] == 300 + 300 // 25 and not result["peer_extrapolated"]
    assert result["mismatches"] == 0, (result["only_zhengwu"], result["only_peer"])
    assert result["sample_alerts"] == result["raised"] > 0
    # The data has something for the main rules, and a second sweep raises nothing new.
    assert {"near_due", "overdue", "acceptance_late", "stage_late", "stale_case"} <= set(
        result["sample_alerts_by_rule"]
    )
    assert result["second_run_raised"] == 0
    assert result["rows"]["case"] == 312
    # Its rows of the common table: the first run with its targets, the second run.
    first, second = result["table"]
    assert (first["zhengwu"], first["peer"]) == (result["zhengwu_seconds"], result["peer_seconds"])
    assert (first["min_ratio"], first["max_value"]) == (50.0, 10.0)
    assert second["zhengwu"] == result["zhengwu_second_run_seconds"]
    # The generated rows are gone afterwards.
    assert not Case.objects.filter(number__startswith="B").exists()
    assert not Alert.objects.exists()


@pytest.mark.django_db
def test_the_generator_is_deterministic():
    from zhengwu.cases.models import Task
    from zhengwu.workdays.models import Clock

    def snapshot():
        cases = list(
            Case.objects.order_by("id").values_list("status", "received_on", "correction_count")
        )
        tasks = list(Task.objects.order_by("id").values_list("stage_code", "status", "due_on"))
        clocks = list(Clock.objects.order_by("id").values_list("purpose", "status", "due_date"))
        return cases, tasks, clocks

    world = bench_supervision.build_world()
    cal = bench_supervision.WorkCalendar()
    first = bench_supervision.generate(world, cal, 100, seed=7)
    once = snapshot()
    bench_supervision._cleanup(first)
    bench_supervision.generate(world, cal, 100, seed=7)
    assert snapshot() == once

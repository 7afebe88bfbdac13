"""The workflow benchmark at a small size: both sides take every case to its end (no timing is
asserted)."""

import pytest
from django.db import connection

from benchmarks import bench_workflow
from zhengwu.cases.models import Case
from zhengwu.common.models import AuditEvent


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


@pytest.mark.django_db
def test_workflow_benchmark_smoke():
    result = bench_workflow.run(20, seed=3)
    assert result["ok"], (result["zhengwu_problems"], result["peer_problems"])
    assert result["cases"] == 20 and result["steps"] == 20 * 7
    # The case's own audit events: submit, accept, 3 reviews, decide, deliver, complete.
    assert result["zhengwu_audit_events"] == {
        "case_submit": 20,
        "case_accept": 20,
        "task_complete": 60,
        "case_decide": 20,
        "case_deliver": 20,
        "case_complete": 20,
    }
    # The events stay (the trail is append-only); the benchmark's cases and tables are gone.
    assert AuditEvent.objects.filter(action="case_deliver").count() == 20
    assert not Case.objects.filter(power_version__power__implementation_code="bench-workflow-joint")
    assert not {"bench_spiff_workflow", "bench_spiff_audit"} & _tables()
    # Every step kind was timed on both sides, and the table has its two rows.
    assert (
        set(result["zhengwu_ms_per_step"])
        == set(result["peer_ms_per_step"])
        == {
            "submit",
            "accept",
            "co_review",
            "decide",
            "deliver",
        }
    )
    throughput, steps = result["table"]
    assert (throughput["unit"], steps["unit"]) == ("cases/s", "steps/s")
    assert throughput["zhengwu"] == result["zhengwu_cases_per_second"]
    assert throughput["peer"] == result["peer_cases_per_second"]
    assert throughput["min_ratio"] == 3.0 and throughput["higher_is_better"]


@pytest.mark.django_db
def test_the_checks_find_an_unfinished_case_and_workflow():
    from zhengwu.cases import services

    world = bench_workflow.build_world(applicants=1)
    case = services.case_submit(
        actor=world.clerk, applicant=world.applicants[0], power=world.power, idempotency_key="k"
    ).case
    services.case_accept(actor=world.clerk, case=case)
    problems, events = bench_workflow.check_zhengwu([case.pk])
    assert events == {"case_submit": 1, "case_accept": 1}
    assert "1 cases not delivered and completed" in problems
    assert "1 cases without their 3 completed co-reviews" in problems

    bench_workflow.create_peer_tables()
    try:
        store = bench_workflow.SpiffStore(bench_workflow.peer_spec())
        wid = store.start("SPIFF-test", actor="clerk", data={})
        assert store.complete(wid, "accept", actor="clerk", data={}) is False
        with pytest.raises(RuntimeError, match="decide is not ready"):
            store.complete(wid, "decide", actor="head", data={})
        assert bench_workflow.check_peer([wid]) == [
            "1 workflows not completed",
            "1 workflows without their 7 audit rows",
        ]
    finally:
        bench_workflow.drop_peer_tables()


def test_the_co_reviews_come_in_the_same_seeded_order():
    first = bench_workflow.review_orders(50, seed=9)
    assert first == bench_workflow.review_orders(50, seed=9)
    assert all(sorted(order) == [0, 1, 2] for order in first)
    assert len({tuple(order) for order in first}) > 1

"""The annual-report benchmark at a small size: the report's figures and the per-case loop's are
the same (no timing is asserted)."""

import pytest

from benchmarks import bench_annual
from zhengwu.cases.models import Case


@pytest.mark.django_db
def test_annual_benchmark_smoke():
    result = bench_annual.run(600, repeat=1, documents=20, requests=10)
    assert result["mismatches"] == []
    assert result["rows"]["case"] == Case.objects.count() == 600
    # The figures compared are not empty: the year has accepted and completed cases at the
    # centre, instant and promised ones, and the township halls have cases.
    cases = result["figures"]["cases"]
    assert cases == result["peer_figures"]["cases"]
    assert cases["accepted"] == cases["instant"] + cases["promised"]
    assert cases["instant"] > 0 and cases["completed"] > 0
    centre = result["peer_figures"]["service_centre"]
    assert centre["township_halls_accepted_to_date"] > 0
    assert centre["accepted_to_date"] > cases["accepted"]
    # Its rows of the common table.
    everything, case_figures = result["table"]
    assert everything["zhengwu"] == result["zhengwu_seconds"]
    assert everything["peer"] == case_figures["peer"] == result["peer_seconds"]
    assert everything["max_value"] == 5.0
    assert case_figures["zhengwu"] == result["zhengwu_case_figures_seconds"]

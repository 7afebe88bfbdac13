"""The search benchmark at a small size: zhengwu finds exactly what the LIKE scan finds for
two-character words, and every engine answers (no timing is asserted)."""

import pytest

from benchmarks import bench_search
from zhengwu.disclosure.models import Item
from zhengwu.search.models import Entry


@pytest.mark.django_db
def test_search_benchmark_smoke():
    result = bench_search.run(
        300, repeat=1, segmentation_sample=30, recall_sample=20, cleanup=True, publish=30
    )
    assert result["recall_mismatches"] == 0, [
        r for r in result["recall_two_char"] if r["missing"] or r["extra"]
    ]
    assert len(result["recall_two_char"]) >= len(bench_search.TWO_CHAR) + 10
    by_query = {q["query"]: q for q in result["per_query"]}
    for query in ("工作", "服务", "危房改造"):
        assert all(by_query[query][engine]["total"] > 0 for engine in ("zhengwu", "whoosh", "like"))
        assert by_query[query]["zhengwu"]["total"] == by_query[query]["like"]["total"]
    # Traditional script: zhengwu finds the Simplified items, the LIKE scan cannot.
    assert by_query["鄉村振興"]["zhengwu"]["total"] == by_query["乡村振兴"]["zhengwu"]["total"] > 0
    assert by_query["鄉村振興"]["like"]["total"] == 0
    # A document number of the data finds its item.
    numbers = [q for q in by_query if "〔" in q]
    assert numbers and all(by_query[q]["zhengwu"]["total"] >= 1 for q in numbers)
    assert result["segmentation"]["ratio"] > 1
    assert set(result["latency"]) == {"zhengwu", "whoosh", "like"}
    # Publishing new items into both indexes is measured, and the table carries every figure.
    assert result["publishing"]["items"] == 30
    rows = bench_search.table(result)
    assert [(r["metric"], r["peer_name"].split()[0]) for r in rows] == [
        ("p50 latency", "Whoosh"),
        ("p95 latency", "Whoosh"),
        ("p50 latency", "LIKE"),
        ("p95 latency", "LIKE"),
        ("indexing throughput", "Whoosh"),
        ("indexing throughput", "Whoosh"),
    ]
    assert all(r["zhengwu"] > 0 and r["peer"] > 0 and r["ratio"] for r in rows)
    # The generated rows are gone afterwards.
    assert not Item.objects.exists() and not Entry.objects.exists()

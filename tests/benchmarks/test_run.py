"""``make bench``'s runner: every benchmark script is registered, the table is gathered from
the benchmarks' own JSON, and RESULTS.md keeps what lies outside its markers."""

import json
import subprocess
import sys
from pathlib import Path

from benchmarks import run
from benchmarks.table import Row, markdown

HERE = Path(run.__file__).resolve().parent


def test_every_benchmark_script_is_run_by_make_bench():
    scripts = {p.name for p in HERE.glob("bench_*.py")}
    assert scripts == {b.script for b in run.BENCHMARKS}


def test_rows_give_ratios_in_the_direction_of_the_figure():
    seconds = Row("A", "w", "time", "s", zhengwu=2.0, peer_name="p", peer=500.0, min_ratio=200)
    assert seconds.ratio == 250 and seconds.met is True
    slow = Row("A", "w", "time", "s", zhengwu=4.0, peer_name="p", peer=500.0, max_value=3.0)
    assert slow.ratio == 125 and slow.met is False
    rps = Row("W", "w", "requests/s", "req/s", 300.0, "hello", 1000.0, True, min_ratio=0.5)
    assert rps.ratio == 0.3 and rps.met is False
    assert Row("W", "w", "x", "", 1.0, "p", None).ratio is None
    assert Row.from_dict(seconds.as_dict()) == seconds
    text = markdown([seconds, slow, rps])
    assert "250.00×" in text and "**no**" in text and text.count("\n") == 5


def test_results_file_keeps_its_text_outside_the_markers(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text(f"# Results\n\nbefore\n\n{run.START}\nold table\n{run.END}\n\nafter\n")
    run.update_results_file(path, "new table\n")
    text = path.read_text()
    assert "old table" not in text
    assert text.index("before") < text.index("new table") < text.index("after")


def test_make_bench_quick_runs_a_benchmark_and_writes_the_table(tmp_path):
    result = subprocess.run(
        [sys.executable, str(HERE / "run.py"), "--quick", "--only", "deadlines", "--quiet",
         "--out", str(tmp_path), "--workdir", str(tmp_path / "work"), "--no-results-file"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads((tmp_path / "latest.json").read_text())
    (row,) = data["table"]
    assert row["benchmark"] == "Deadlines" and row["ratio"] > 1
    assert data["runs"][0]["exit"] == 0 and data["machine"]["cores"]
    assert "| Deadlines |" in (tmp_path / "latest.md").read_text()

"""The common shape of a benchmark's results: one row per measured figure, with its peer.

Every benchmark script writes ``{"table": [row, ...], ...}`` into the JSON file named by its
``--json`` option; ``benchmarks/run.py`` (``make bench``) gathers the rows of every benchmark into
one table, written as Markdown and JSON.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any


@dataclasses.dataclass
class Row:
    """One figure of zhengwu beside the same figure of its peer, measured in the same run.

    ``higher_is_better`` says which way the figure goes: seconds and latencies go down
    (ratio = peer / zhengwu), throughputs go up (ratio = zhengwu / peer). So a ratio above 1
    always means zhengwu is ahead, and ``min_ratio`` is the target's "at least N×".
    """

    benchmark: str
    workload: str
    metric: str
    unit: str
    zhengwu: float
    peer_name: str
    peer: float | None
    higher_is_better: bool = False
    min_ratio: float | None = None
    max_value: float | None = None
    min_value: float | None = None
    target: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.peer is None or not self.zhengwu or not self.peer:
            return None
        value = self.zhengwu / self.peer if self.higher_is_better else self.peer / self.zhengwu
        return value if math.isfinite(value) else None

    @property
    def met(self) -> bool | None:
        """Whether the target holds; None when the row states no target."""
        checks = []
        if self.min_ratio is not None:
            checks.append(self.ratio is not None and self.ratio >= self.min_ratio)
        if self.max_value is not None:
            checks.append(self.zhengwu <= self.max_value)
        if self.min_value is not None:
            checks.append(self.zhengwu >= self.min_value)
        return all(checks) if checks else None

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        ratio = self.ratio
        data["ratio"] = round(ratio, 2) if ratio is not None else None
        data["met"] = self.met
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def figure(value: float | None, unit: str = "") -> str:
    """A figure with thousands separators and sensible precision."""
    if value is None:
        return "—"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".strip()


def markdown(rows: list[Row]) -> str:
    """The results table in Markdown (one line per row)."""
    lines = [
        "| Benchmark | Workload | Figure | zhengwu | Peer | Peer's figure | Ratio | Target | Met |",
        "|---|---|---|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        ratio = row.ratio
        met = {True: "yes", False: "**no**", None: "—"}[row.met]
        lines.append(
            "| "
            + " | ".join(
                (
                    row.benchmark,
                    row.workload,
                    row.metric,
                    figure(row.zhengwu, row.unit),
                    row.peer_name,
                    figure(row.peer, row.unit),
                    f"{ratio:.2f}×" if ratio is not None else "—",
                    row.target or "—",
                    met,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def dicts(rows: list[Row]) -> list[dict[str, Any]]:
    return [row.as_dict() for row in rows]

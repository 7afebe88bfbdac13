"""The demo county's law study and exams."""

from __future__ import annotations

from zhengwu.demo.registry import DemoContext


def load(ctx: DemoContext) -> None:
    return None

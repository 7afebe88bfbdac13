"""The demo county's deputies' suggestions and proposals."""

from __future__ import annotations

from zhengwu.demo.registry import DemoContext


def load(ctx: DemoContext) -> None:
    return None

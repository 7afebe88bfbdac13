"""The demo county's rulemaking records."""

from __future__ import annotations


def load(ctx) -> None:
    ctx.step("nothing yet")

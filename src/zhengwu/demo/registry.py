"""The demo county is loaded app by app: each app's ``demo.load(ctx)`` seeds its own part.

Loaders run in the order of ``LOADERS`` inside one transaction, so a failed load leaves the
database as it was. Each loader must be deterministic and use bulk inserts.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

LOADERS = [
    "zhengwu.org.demo",
    "zhengwu.catalog.demo",
    "zhengwu.cases.demo",
    "zhengwu.disclosure.demo",
    "zhengwu.disclosure.requests.demo",
    "zhengwu.interaction.demo",
    "zhengwu.rulemaking.demo",
    "zhengwu.enforcement.demo",
    "zhengwu.reconsideration.demo",
    "zhengwu.contracts.demo",
    "zhengwu.decisions.demo",
    "zhengwu.disputes.demo",
    "zhengwu.proposals.demo",
    "zhengwu.lawstudy.demo",
    "zhengwu.assessment.demo",
    "zhengwu.supervision.demo",
]


@dataclass
class DemoAccount:
    username: str
    password: str
    name: str
    roles: str


@dataclass
class DemoContext:
    """What loaders share: a progress reporter and the accounts to print."""

    report: Callable[[str], None] = print
    accounts: list[DemoAccount] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    _started: float = field(default_factory=time.monotonic)

    def step(self, message: str) -> None:
        self.report(f"  [{time.monotonic() - self._started:6.1f}s] {message}")

    def account(self, username: str, password: str, name: str, roles: str) -> None:
        self.accounts.append(DemoAccount(username, password, name, roles))


def demo_is_loaded() -> bool:
    from zhengwu.org.models import Division

    return Division.objects.exists()


@transaction.atomic
def demo_load(ctx: DemoContext, *, only: list[str] | None = None) -> DemoContext:
    """Load the demo; ``only`` names the apps to load (e.g. ``["org", "catalog"]``), in order."""
    for path in LOADERS:
        if only is not None and path.rsplit(".", 2)[-2] not in only:
            continue
        module = importlib.import_module(path)
        ctx.report(f"{module.__name__.rsplit('.', 2)[-2]}:")
        module.load(ctx)
    return ctx

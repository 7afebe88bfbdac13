"""``zhengwu contracts stats`` and ``sweep``."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.contracts.factories import create, make_world, review
from zhengwu.contracts import services

pytestmark = pytest.mark.django_db
D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("contracts", *args, stdout=out)
    return out.getvalue()


def test_stats_and_sweep():
    world = make_world()
    contract = create(world, on=D(2012, 3, 1))
    review(world, contract, submitted=D(2012, 3, 1), returned=D(2012, 3, 5))
    services.contract_sign(actor=world.staff, contract=contract, on=D(2012, 3, 6),
                           expires_on=D(2012, 12, 31))  # fmt: skip
    services.contract_start_performance(actor=world.staff, contract=contract, on=D(2012, 3, 7))
    body = json.loads(run("stats", "--year", "2012", "--division", world.county.code,
                          "--format", "json"))  # fmt: skip
    assert body["reviewed"] == 1 and body["on_time_rate"] == 100.0
    assert "reviewed: 1" in run("stats", "--year", "2012", "--division", world.county.code)
    run("sweep", "--date", "2013-01-01")
    contract.refresh_from_db()
    assert contract.status == "expired"
    with pytest.raises(CommandError):
        run("stats", "--year", "2012", "--division", "000000000000")

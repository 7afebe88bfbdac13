"""``zhengwu disputes stats``."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.disputes.factories import make_world, register
from zhengwu.disputes import services

pytestmark = pytest.mark.django_db
D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("disputes", *args, stdout=out)
    return out.getvalue()


def test_stats_gives_the_years_figures():
    world = make_world()
    done = register(world, found_on=D(2025, 3, 3), accepted_on=D(2025, 3, 3))
    services.dispute_succeed(
        actor=world.township_staff, dispute=done, agreement_form="oral", on=D(2025, 3, 4)
    )
    register(world, found_on=D(2025, 3, 5))
    body = json.loads(run("stats", "--year", "2025", "--format", "json"))
    assert (body["found"], body["mediated"], body["success_rate"]) == (2, 1, 50.0)
    assert body["division"] == world.county.code
    text = run("stats", "--year", "2025", "--division", world.township.code)
    assert "found: 2" in text and "success_rate: 50.0" in text
    with pytest.raises(CommandError):
        run("stats", "--year", "2025", "--division", "999999999999")

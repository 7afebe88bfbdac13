"""``zhengwu rulemaking sweep`` and ``stats``."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.rulemaking.factories import make_world, publish
from zhengwu.common.models import AuditEvent
from zhengwu.rulemaking import services

pytestmark = pytest.mark.django_db
D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("rulemaking", *args, stdout=out)
    return out.getvalue()


def test_sweep_lapses_once_and_counts_the_warnings():
    world = make_world()
    old = publish(world, on=D(2012, 3, 5))  # lapses 2017-03-05
    expiring = publish(world, on=D(2012, 6, 1))  # lapses 2017-06-01: 3 months after 03-01
    with translation.override("en"):
        output = run("sweep", "--date", "2017-03-05")
    assert "1 document(s) lapsed; 1 end within 6 months and 1 within 3 months" in output
    old.refresh_from_db()
    expiring.refresh_from_db()
    assert (old.status, expiring.status) == ("lapsed", "published")
    run("sweep", "--date", "2017-03-06")
    assert AuditEvent.objects.filter(action="document_lapse").count() == 1


def test_stats_json_gives_the_years_figures():
    world = make_world()
    document = publish(world, on=D(2012, 3, 5))
    for filing in document.filings.all():
        services.filing_submit(actor=world.legal, filing=filing, on=D(2012, 3, 9))
    body = json.loads(run("stats", "--year", "2012", "--format", "json",
                          "--division", world.county.code))  # fmt: skip
    assert body["issued"] == 1 and body["filed"] == 1 and body["filing_rate"] == 100.0
    assert body["year"] == 2012 and body["division"] == world.county.code


def test_bad_input_is_refused():
    with pytest.raises(CommandError):
        run("sweep", "--date", "2017-13-01")
    with pytest.raises(CommandError):
        run("stats", "--year", "2012", "--division", "999999999999")

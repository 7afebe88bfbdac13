"""``zhengwu disclosure sweep``: the periodic work, as cron runs it."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.disclosure.requests_world import build_world, on, receive
from zhengwu.disclosure.requests import services

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_sweep_abandons_uncorrected_applications_on_the_day_after_the_period():
    w = build_world()
    request = receive(w)
    with on(D(2026, 10, 12)):
        # The applicant's 15 working days end on Monday 2 November.
        services.request_ask_correction(actor=w.officer, request=request, items=["请明确年份"])
    call_command("disclosure", "sweep", "--date", "2026-11-02")
    request.refresh_from_db()
    assert request.status == "correction"
    call_command("disclosure", "sweep", "--date", "2026-11-03")
    request.refresh_from_db()
    assert (request.status, request.concluded_on) == ("abandoned", D(2026, 11, 3))
    with pytest.raises(CommandError, match="not a date"):
        call_command("disclosure", "sweep", "--date", "3 November")

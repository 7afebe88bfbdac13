"""The demo county's disputes: the seed's figures of 2012 come from the records (420 found,
419 mediated, 99.8 %), the special sweep around the 18th Party Congress holds its disputes, and
the current disputes rest in every state with running clocks, one overdue."""

from __future__ import annotations

import datetime
import io
import json
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhengwu.common.audit import audit_verify
from zhengwu.common.models import AuditEvent
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.disputes import selectors
from zhengwu.disputes.figures import annual_figures
from zhengwu.disputes.models import Dispute, DisputeStatus, SweepCampaign
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db


def test_the_demo_disputes():
    demo_load(DemoContext(report=lambda _m: None), only=["org"])
    started = time.monotonic()
    demo_load(DemoContext(report=lambda _m: None), only=["disputes"])
    print(f"disputes demo: {time.monotonic() - started:.1f}s")
    county = home_county()
    check_the_seed_figures_of_2012(county)
    check_the_special_sweep()
    check_current_disputes()
    assert audit_verify().ok
    out = io.StringIO()
    call_command("disputes", "stats", "--year", "2012", "--format", "json", stdout=out)
    body = json.loads(out.getvalue())
    assert (body["found"], body["mediated"], body["success_rate"]) == (420, 419, 99.8)


def check_the_seed_figures_of_2012(county):
    figures = annual_figures(county, 2012)
    assert (figures["found"], figures["mediated"], figures["success_rate"]) == (420, 419, 99.8)
    # Counted directly from the records.
    in_2012 = Dispute.objects.filter(found_on__year=2012)
    assert in_2012.count() == 420
    assert in_2012.filter(status="succeeded", outcome_on__year=2012).count() == 419
    assert figures["succeeded"] == 419 and figures["open"] == 1
    assert figures["outcome_success_rate"] == 100.0
    assert sum(r["found"] for r in figures["by_type"]) == 420
    assert all(r["found"] > 0 for r in figures["by_type"])
    assert [r["found"] for r in figures["by_township"]] == [160, 100, 80, 80]
    assert sum(r["found"] for r in figures["by_month"]) == 420
    assert sum(r["found"] for r in figures["by_campaign"]) == 420
    # The one carried over: found 12-27, referred to the court in 2013.
    carried = in_2012.exclude(status="succeeded", outcome_on__year=2012).get()
    assert carried.found_on == datetime.date(2012, 12, 27) and carried.status == "referred"
    # Every 2012 dispute has its audit trail: registered and given its outcome.
    ids = [str(pk) for pk in in_2012.values_list("pk", flat=True)]
    for action in ("dispute_register", "dispute_succeed"):
        assert (
            AuditEvent.objects.filter(
                object_type="disputes.dispute", object_id__in=ids, action=action
            ).count()
            >= 419
        )


def check_the_special_sweep():
    special = SweepCampaign.objects.get(kind="special")
    assert (special.started_on, special.ended_on) == (
        datetime.date(2012, 10, 29),
        datetime.date(2012, 11, 23),
    )
    assert "十八大" in special.name
    congress = special.disputes.filter(found_on__range=("2012-11-08", "2012-11-14"))
    assert congress.exists()
    assert not special.disputes.exclude(how_found="sweep").exists()
    assert (
        special.disputes.count()
        == Dispute.objects.filter(
            how_found="sweep", found_on__range=(special.started_on, special.ended_on)
        ).count()
    )


def check_current_disputes():
    today = timezone.localdate()
    current = Dispute.objects.filter(found_on__year__gte=today.year - 1, found_on__gt="2013-01-01")
    assert set(current.values_list("status", flat=True)) == set(DisputeStatus.values)
    running = Clock.objects.filter(owner_type="disputes.dispute", status="running")
    assert {c.purpose for c in running} == {"disputes.mediation", "disputes.report"}
    overdue = selectors.disputes_overdue(Dispute.objects.all(), today)
    assert overdue.count() == 1

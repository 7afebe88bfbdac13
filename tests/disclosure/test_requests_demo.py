"""The demo county's disclosure requests: the 2012 table balances with the figures of the loader's
plan, every outcome and applicant type is there, the historic clocks are dated as the services
date them, the current requests rest in every state, and the load is deterministic."""

import datetime
import random

import pytest
from django.utils import timezone

from zhengwu.common.audit import audit_verify
from zhengwu.common.models import AuditEvent
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.disclosure.models import Consultation, DisclosureRequest, RequestCorrection
from zhengwu.disclosure.models.requests import SUB_GROUNDS, ApplicantType, Outcome
from zhengwu.disclosure.requests import demo as requests_demo
from zhengwu.disclosure.requests.selectors import requests_list
from zhengwu.disclosure.requests.services import REPLY
from zhengwu.disclosure.requests.table import requests_table
from zhengwu.org.models import User
from zhengwu.org.selectors import home_county
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    messages = []
    ctx = demo_load(DemoContext(report=messages.append), only=["org"])
    requests_demo.load(ctx)
    return ctx, messages


def test_the_2012_table_balances_and_covers_every_row_and_column(loaded):
    _ctx, messages = loaded
    assert any("disclosure requests of 2011–2012" in m for m in messages)
    county = home_county()
    table = requests_table(2012, county)
    # 48 received in 2012, 6 carried over from 2011; 50 concluded, 4 carried into 2013.
    assert table["new"]["total"] == 48
    assert table["carried_over"]["total"] == 6
    assert table["handled"]["total"] == 50
    assert table["carried_forward"]["total"] == 4
    assert table["check"]["ok"]
    outcomes = table["outcomes"]
    assert outcomes["disclosed"]["total"] >= 1 and outcomes["partly_disclosed"]["total"] >= 1
    for outcome, grounds in SUB_GROUNDS.items():
        for ground in grounds:
            assert outcomes[outcome][str(ground)]["total"] >= 1, (outcome, ground)
    for kind in ApplicantType.values:
        assert table["new"][kind] >= 1, kind
    assert requests_table(2011, county)["new"]["total"] == 30
    assert requests_table(2011, county)["carried_forward"]["total"] == 6
    assert requests_table(2011, county)["check"]["ok"]


def test_the_historic_rows_carry_what_the_services_leave(loaded):
    historic = DisclosureRequest.objects.filter(received_on__year__lte=2012)
    assert historic.count() == 78
    assert list(
        historic.filter(received_on__year=2012)
        .order_by("number")
        .values_list("number", flat=True)[:2]
    ) == ["YSQ20120001", "YSQ20120002"]
    abandoned = historic.filter(status="abandoned")
    assert abandoned.exists()
    for request in abandoned:
        assert request.concluded_on == request.correction_due_on + datetime.timedelta(days=1)
    assert RequestCorrection.objects.filter(request__in=abandoned, lapsed_on__isnull=False).count()
    assert Consultation.objects.filter(request__in=historic, kind="third_party").exists()
    assert historic.filter(status="withdrawn", outcome="other", sub_ground=3).exists()
    calendar = get_calendar()
    clocks = Clock.objects.filter(
        owner_type="disclosure.disclosurerequest",
        owner_id__in=[str(pk) for pk in historic.values_list("pk", flat=True)],
        purpose=REPLY,
    )
    assert clocks.filter(extended_days__gt=0).exists()
    for clock in clocks:
        assert clock.status == "completed"
        expected = calendar.add_workdays(clock.started_on, clock.budget_days).date
        assert clock.due_date == expected
    # Generated identifiers are valid (the model's validators).
    for request in historic[:20]:
        request.full_clean(exclude=["reply_document"])


def test_the_current_requests_rest_in_every_state(loaded):
    ctx, _messages = loaded
    numbers = ctx.data["disclosure_requests"]
    states = dict(
        DisclosureRequest.objects.filter(number__in=numbers.values()).values_list(
            "number", "status"
        )
    )
    assert {states[numbers[label]] for label in numbers} >= {
        "submitted",
        "received",
        "correction",
        "consultation",
        "in_process",
        "replied",
    }
    replied = DisclosureRequest.objects.get(number=numbers["replied"])
    assert replied.reply_document
    officer = User.objects.get(username="disclosure")
    today = timezone.localdate()
    overdue = list(requests_list(officer, on=today, overdue=True))
    assert [r.number for r in overdue] == [numbers["overdue"]]
    sweep(on=today)
    assert (
        Alert.objects.filter(
            rule__code="overdue", object_type="disclosure.disclosurerequest", status="open"
        ).count()
        == 1
    )
    citizen = User.objects.get(username="citizen")
    assert DisclosureRequest.objects.filter(applicant_user=citizen).count() >= 3
    load = AuditEvent.objects.get(action="demo_load_disclosure_requests")
    assert load.detail["requests"] == 78
    assert audit_verify().ok


def test_the_historic_requests_are_the_same_on_every_load(loaded):
    county = home_county()
    officer = User.objects.get(username="disclosure")
    head = User.objects.get(username="head")

    def build():
        rng = random.Random(requests_demo.SEED)
        builder = requests_demo._Builder(rng, county, officer, head)
        for year, (received, concluded) in requests_demo.YEARS.items():
            every = requests_demo.EVERY_OUTCOME if year == 2012 else []
            slots = requests_demo._slots(rng, concluded, every)
            slots += requests_demo._slots(rng, received - concluded, [])
            builder.year(year, received, concluded, slots, requests_demo._kinds(rng, received))
        builder.number()
        return [
            (r.number, r.applicant_type, r.outcome, r.sub_ground, r.received_on, r.concluded_on)
            for r in builder.requests
        ]

    first = build()
    assert first == build()
    stored = set(
        DisclosureRequest.objects.filter(received_on__year__lte=2012).values_list(
            "number", "applicant_type", "outcome", "sub_ground", "received_on", "concluded_on"
        )
    )
    assert set(first) == stored
    assert Outcome.WITHHELD in {row[2] for row in first}

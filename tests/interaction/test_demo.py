"""The demo county's messages: two years in bulk, the current ones through the services, and the
answer clocks e-supervision shows as yellow and red cards."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from zhengwu.common.audit import audit_verify
from zhengwu.common.models import AuditEvent
from zhengwu.demo.registry import LOADERS, DemoContext, demo_load
from zhengwu.interaction import demo, limits, stats
from zhengwu.interaction.models import Message
from zhengwu.interaction.redaction import personal_data_found
from zhengwu.interaction.selectors import InboxFilters, inbox_for
from zhengwu.org.models import User
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db


def load_demo() -> list[str]:
    messages: list[str] = []
    ctx = DemoContext(report=messages.append)
    if "zhengwu.interaction.demo" in LOADERS:
        demo_load(ctx, only=["org", "interaction"])
    else:  # not registered yet: the org loader, then this one
        demo_load(ctx, only=["org"])
        demo.load(ctx)
    return messages


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load once for the module's tests; removed again afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            report = load_demo()
            yield report
            transaction.set_rollback(True)


def test_2012_has_its_messages_each_with_a_well_formed_number(loaded):
    assert any("messages of 2012, 2026 inserted" in line for line in loaded)
    by_kind = dict(
        Message.objects.filter(submitted_on__year=2012)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assert by_kind == demo.YEARS[2012]
    for message in Message.objects.filter(submitted_on__year=2012):
        prefix = Message.PREFIXES[message.kind]
        assert message.number == f"{prefix}2012{message.pk:06d}"
        assert len(message.query_digest) == 64
    assert Message.objects.values("number").distinct().count() == Message.objects.count()


def test_most_are_answered_on_time_some_late_and_some_published(loaded):
    figures = stats.annual_figures(2012)
    for kind, total in demo.YEARS[2012].items():
        f = figures[kind]
        assert f["received"] == total
        assert 0.8 * total < f["answered"] <= total
        assert 80 <= f["on_time_rate"] < 100  # some late
        assert 1 <= f["average_working_days"] <= limits.DEFAULT_ANSWER_LIMITS[kind] + 1
        assert 0 < f["published"] < f["answered"]
    assert figures["total"]["rejected"] >= 1
    statuses = set(Message.objects.filter(submitted_on__year=2012).values_list("status", flat=True))
    assert statuses == {"answered", "published", "closed", "rejected"}


def test_the_history_has_the_clocks_the_services_would_run(loaded):
    calendar = get_calendar()
    routed = Message.objects.filter(department__isnull=False, submitted_on__year=2012)
    clocks = Clock.objects.filter(owner_type="interaction.message", purpose="interaction.answer")
    assert (
        clocks.filter(owner_id__in=[str(pk) for pk in routed.values_list("pk", flat=True)])
        .values("owner_id")
        .distinct()
        .count()
        == routed.count()
    )
    for message in routed.order_by("pk")[::25]:
        latest = clocks.filter(owner_id=str(message.pk)).latest("id")
        expected = calendar.add_workdays(message.submitted_on, latest.limit_days).date
        assert (latest.due_date, latest.department_id) == (expected, message.department_id)
        assert latest.completed_on == message.answered_on
    rerouted = [
        owner for owner, n in clocks.values_list("owner_id").annotate(n=Count("pk")) if n == 2
    ]
    assert rerouted  # some went to a wrong department first


def test_the_published_texts_carry_no_personal_data(loaded):
    published = Message.objects.filter(status="published")
    assert published.count() > 50
    carried = 0
    for message in published:
        assert personal_data_found(message.public_body, names=[message.name]) == []
        assert message.name not in message.public_body
        carried += message.phone.replace("-", "") in message.body.replace("-", "")
    assert carried > 0  # some writers put their telephone in the text, and it was masked


def test_current_messages_are_open_now_and_supervision_shows_them(loaded):
    today = timezone.localdate()
    recent = Message.objects.filter(submitted_on__gt=today - datetime.timedelta(days=40))
    assert {"submitted", "routed", "answered", "published"} <= set(
        recent.values_list("status", flat=True)
    )
    for message in recent:  # through the services: each has its audit trail
        assert AuditEvent.objects.filter(
            object_type="interaction.message", object_id=str(message.pk), action="message_submit"
        ).exists()
    citizen = User.objects.get(username="citizen")
    assert recent.filter(user=citizen).count() >= 2
    office = User.objects.get(username="disclosure")
    open_now = inbox_for(office, InboxFilters(status="open"), on=today)
    assert {m.number for m in recent.filter(status__in=["submitted", "routed"])} <= {
        m.number for m in open_now
    }
    assert any(m.overdue for m in open_now)

    sweep(on=today)
    answer_alerts = Alert.objects.filter(object_type="interaction.message", status="open")
    assert set(answer_alerts.values_list("severity", flat=True)) == {"red", "yellow"}
    assert AuditEvent.objects.filter(action="demo_load_interaction").count() == 1
    assert audit_verify().ok

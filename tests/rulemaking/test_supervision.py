"""E-supervision over the registry: the expiry warnings, the filing clock, the lapse job in the
full sweep."""

from __future__ import annotations

import datetime

import pytest

from tests.rulemaking.factories import make_world, publish
from zhengwu.common.models import AuditEvent
from zhengwu.rulemaking import services
from zhengwu.supervision.links import attach_object_links
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def open_alerts(code):
    return Alert.objects.filter(rule__code=code, status="open")


def test_expiry_warnings_6_and_3_months_before_lapse_until_decided(world):
    document = publish(world, on=D(2021, 9, 1))  # lapses 2026-09-01
    for filing in document.filings.all():
        services.filing_submit(actor=world.legal, filing=filing, on=D(2021, 9, 10))
    sweep(on=D(2026, 2, 28))
    assert not open_alerts("normative_expiry_6m").exists()
    sweep(on=D(2026, 3, 1))  # 6 months before 2026-09-01
    alert = open_alerts("normative_expiry_6m").get()
    assert (alert.object_type, alert.object_id) == (
        "rulemaking.normativedocument",
        str(document.pk),
    )
    assert alert.department_id == world.drafting.pk and alert.due_date == D(2026, 8, 31)
    assert not open_alerts("normative_expiry_3m").exists()
    sweep(on=D(2026, 6, 1))  # 3 months before
    assert open_alerts("normative_expiry_3m").count() == 1
    attach_object_links([alert])
    assert alert.object_link[1] == f"/rules/registry/{document.pk}/"
    services.document_decide_expiry(actor=world.drafter, document=document, decision="amend",
                                    on=D(2026, 6, 2))  # fmt: skip
    sweep(on=D(2026, 6, 2))
    assert not open_alerts("normative_expiry_6m").exists()
    assert not open_alerts("normative_expiry_3m").exists()


def test_an_unfiled_document_is_overdue_after_its_30_days(world):
    document = publish(world, on=D(2012, 3, 5))  # filing due 2012-04-05
    sweep(on=D(2012, 4, 5))
    assert not open_alerts("overdue").filter(object_type="rulemaking.filing").exists()
    sweep(on=D(2012, 4, 6))
    overdue = open_alerts("overdue").filter(object_type="rulemaking.filing")
    assert overdue.count() == 2
    assert {a.department_id for a in overdue} == {world.government.pk}
    alerts = list(overdue)
    attach_object_links(alerts)
    labels = sorted(a.object_link[0] for a in alerts)
    title = document.title
    assert labels == sorted([f"{title}报锡林郭勒盟行政公署备案", f"{title}报多伦县人大常委会备案"])
    assert {a.object_link[1] for a in alerts} == {f"/rules/registry/{document.pk}/"}


def test_the_full_sweep_records_lapses(world):
    document = publish(world, on=D(2012, 3, 5))
    result = sweep(on=D(2017, 3, 5))
    assert result.jobs["rulemaking.lapse"] == 1
    document.refresh_from_db()
    assert document.status == "lapsed"
    assert (
        AuditEvent.objects.filter(action="document_lapse", object_id=str(document.pk)).count() == 1
    )
    assert sweep(on=D(2017, 3, 6)).jobs["rulemaking.lapse"] == 0

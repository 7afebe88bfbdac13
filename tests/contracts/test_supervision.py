"""E-supervision over the register: the review clock, milestones near due and overdue, the
contract's expiry warning (30 days by default, configurable) and the expiry job."""

from __future__ import annotations

import datetime

import pytest

from tests.contracts.factories import create, make_world, review
from zhengwu.contracts import services
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


def performing(world, *, expires_on):
    contract = create(world, on=D(2012, 3, 1))
    review(world, contract, submitted=D(2012, 3, 1), returned=D(2012, 3, 5))
    services.contract_sign(actor=world.staff, contract=contract, on=D(2012, 3, 6),
                           expires_on=expires_on)  # fmt: skip
    services.contract_start_performance(actor=world.staff, contract=contract, on=D(2012, 3, 7))
    return contract


def test_the_review_clock_is_overdue_after_its_seven_working_days(world):
    contract = create(world, on=D(2012, 3, 1))
    # Thursday 2012-03-01: 02 (1), 05-09 (6), Mon 12 (7): due 2012-03-12.
    services.contract_submit(actor=world.staff, contract=contract, on=D(2012, 3, 1))
    sweep(on=D(2012, 3, 12))
    assert not open_alerts("overdue").filter(object_type="contracts.contractreview").exists()
    sweep(on=D(2012, 3, 13))
    alert = open_alerts("overdue").get(object_type="contracts.contractreview")
    assert alert.department_id == world.legal_office.pk
    attach_object_links([alert])
    assert alert.object_link[1] == f"/contracts/{contract.pk}/"


def test_milestones_near_due_and_overdue(world):
    contract = performing(world, expires_on=D(2013, 3, 5))
    milestone = services.milestone_add(actor=world.staff, contract=contract, title="竣工验收",
                                       due_on=D(2012, 6, 30))  # fmt: skip
    sweep(on=D(2012, 6, 22))
    assert not open_alerts("contract_milestone_due").exists()
    sweep(on=D(2012, 6, 23))  # 7 days before
    due = open_alerts("contract_milestone_due").get()
    assert (due.object_type, due.object_id, due.department_id) == (
        "contracts.milestone", str(milestone.pk), world.department.pk,
    )  # fmt: skip
    attach_object_links([due])
    assert due.object_link == (f"{contract.title}的履约节点“竣工验收”",
                               f"/contracts/{contract.pk}/")  # fmt: skip
    sweep(on=D(2012, 7, 1))
    assert open_alerts("contract_milestone_overdue").get().object_id == str(milestone.pk)
    services.milestone_done(actor=world.staff, milestone=milestone, on=D(2012, 7, 3))
    sweep(on=D(2012, 7, 3))
    assert not open_alerts("contract_milestone_overdue").exists()


def test_the_expiry_warning_30_days_before_and_configurable(world, settings):
    contract = performing(world, expires_on=D(2012, 12, 31))
    sweep(on=D(2012, 11, 30))
    assert not open_alerts("contract_expiry").exists()
    sweep(on=D(2012, 12, 1))  # 30 days before the last day
    alert = open_alerts("contract_expiry").get()
    assert alert.object_id == str(contract.pk) and alert.due_date == D(2012, 12, 31)
    attach_object_links([alert])
    assert alert.object_link[1] == f"/contracts/{contract.pk}/"
    settings.ZHENGWU_CONTRACT_EXPIRY_WARNING_DAYS = 60
    Alert.objects.all().delete()
    sweep(on=D(2012, 11, 1))  # 60 days before
    assert open_alerts("contract_expiry").exists()
    # The full sweep records the expiry the day after the last day.
    sweep(on=D(2013, 1, 1))
    contract.refresh_from_db()
    assert contract.status == "expired" and contract.ended_on == D(2013, 1, 1)
    assert not open_alerts("contract_expiry").exists()

"""Fees charged on cases (``services.fee_charge``) and the total collected to a date
(``fees.fees_collected_to``), with figures worked out by hand."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.cases.world import _power, build_world, pdf
from zhengwu.cases import services as cases
from zhengwu.cases.models import Case
from zhengwu.catalog.models import Fee
from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.supervision import services
from zhengwu.supervision.fees import fees_collected_to
from zhengwu.supervision.models import Alert, FeeCharge

pytestmark = pytest.mark.django_db
D = datetime.date


def on(day):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def w():
    return build_world()


def accepted(w, key, day):
    """A case of the simple matter (证照工本费 50.00), accepted on ``day``."""
    with on(day):
        case = cases.case_submit(
            actor=w.citizen, applicant=w.citizen, power=w.simple, idempotency_key=key, files=[pdf()]
        ).case
        cases.case_accept(actor=w.clerk, case=case)
    return case


def charge(w, case, amount, receipt, day):
    with on(day):
        return services.fee_charge(
            actor=w.clerk,
            case=case,
            fee=Fee.objects.get(version=case.power_version),
            amount=amount,
            receipt_number=receipt,
        )


def fee_alerts():
    return set(
        Alert.objects.filter(rule__code="fee_mismatch", status="open").values_list(
            "key", "severity"
        )
    )


def test_fees_collected_to_adds_up_the_charges_up_to_and_including_the_day(w):
    first = accepted(w, "a", D(2026, 11, 2))
    second = accepted(w, "b", D(2026, 11, 2))
    charge(w, first, "50.00", "R-1", D(2026, 11, 2))
    charge(w, first, "80", "R-2", D(2026, 11, 4))  # off the standard: counted as charged
    charge(w, second, "12.5", "R-3", D(2026, 11, 5))

    assert fees_collected_to(D(2026, 11, 1)) == Decimal("0.00")
    assert fees_collected_to(D(2026, 11, 2)) == Decimal("50.00")
    assert fees_collected_to(D(2026, 11, 3)) == Decimal("50.00")
    # 50.00 + 80.00 = 130.00 on 4 Nov; + 12.50 = 142.50 from 5 Nov.
    assert fees_collected_to(D(2026, 11, 4)) == Decimal("130.00")
    assert fees_collected_to(D(2026, 11, 5)) == Decimal("142.50")
    assert str(fees_collected_to(D(2026, 12, 31))) == "142.50"
    # Narrowed to cases.
    only_second = Case.objects.filter(pk=second.pk)
    assert fees_collected_to(D(2026, 11, 4), cases=only_second) == Decimal("0.00")
    assert fees_collected_to(D(2026, 11, 5), cases=only_second) == Decimal("12.50")
    assert fees_collected_to(D(2026, 11, 30), Case.objects.filter(pk=first.pk)) == Decimal("130.00")
    assert fees_collected_to(D(2026, 11, 30), cases=Case.objects.none()) == Decimal("0.00")


def test_a_fee_at_the_standard_is_recorded_with_it_and_audited(w):
    case = accepted(w, "a", D(2026, 11, 2))
    result = charge(w, case, " 50 ", " R-100 ", D(2026, 11, 3))
    result.refresh_from_db()
    assert (result.amount, result.standard) == (Decimal("50.00"), Decimal("50.00"))
    assert result.receipt_number == "R-100"
    assert (result.charged_on, result.charged_by) == (D(2026, 11, 3), w.clerk)
    assert result.fee.version_id == case.power_version_id
    event = AuditEvent.objects.get(action="fee_charge")
    assert event.actor == w.clerk
    assert Decimal(event.detail["amount"]) == Decimal(event.detail["standard"]) == 50
    assert event.detail["receipt"] == "R-100" and event.detail["case"] == case.number
    assert fee_alerts() == set()


def test_a_fee_off_the_standard_raises_a_red_alert_at_once(w):
    case = accepted(w, "a", D(2026, 11, 2))
    low = charge(w, case, "30.00", "R-1", D(2026, 11, 3))
    # No sweep has run: fee_charge re-evaluated the case.
    assert fee_alerts() == {(f"fee:{low.pk}", "red")}
    alert = Alert.objects.get(rule__code="fee_mismatch")
    assert (alert.case, alert.department, alert.raised_on) == (case, w.lead, D(2026, 11, 3))
    high = charge(w, case, "50.01", "R-2", D(2026, 11, 4))
    assert fee_alerts() == {(f"fee:{low.pk}", "red"), (f"fee:{high.pk}", "red")}


@pytest.mark.parametrize(
    ("field", "amount", "receipt", "other_fee"),
    [
        ("amount", "-1", "R-1", False),
        ("amount", "fifty", "R-1", False),
        ("receipt_number", "50", "   ", False),
        ("fee", "50", "R-1", True),
    ],
)
def test_each_invalid_field_is_named(w, field, amount, receipt, other_fee):
    case = accepted(w, "a", D(2026, 11, 2))
    fee = Fee.objects.get(version=case.power_version)
    if other_fee:
        other = _power("LIC0009", "其他事项", w.lead, legal=20, promised=10, extension=0, fee=30)
        fee = Fee.objects.get(version=other.current)
    with on(D(2026, 11, 3)), pytest.raises(ValidationError) as error:
        services.fee_charge(
            actor=w.clerk, case=case, fee=fee, amount=amount, receipt_number=receipt
        )
    assert set(error.value.message_dict) == {field}
    assert not FeeCharge.objects.exists()


def test_a_receipt_number_is_recorded_once(w):
    case = accepted(w, "a", D(2026, 11, 2))
    charge(w, case, "50", "R-1", D(2026, 11, 3))
    with pytest.raises(ValidationError) as error:
        charge(w, case, "50", "R-1", D(2026, 11, 3))
    assert set(error.value.message_dict) == {"receipt_number"}
    assert FeeCharge.objects.count() == 1


def test_only_a_window_may_charge_and_not_in_the_future(w):
    case = accepted(w, "a", D(2026, 11, 2))
    fee = Fee.objects.get(version=case.power_version)
    with on(D(2026, 11, 3)):
        for actor in (w.reviewer, w.citizen):
            with pytest.raises(NotPermitted):
                services.fee_charge(
                    actor=actor, case=case, fee=fee, amount="50", receipt_number="R-1"
                )
        with pytest.raises(DomainError) as error:
            services.fee_charge(
                actor=w.clerk,
                case=case,
                fee=fee,
                amount="50",
                receipt_number="R-1",
                on=D(2026, 11, 4),
            )
        assert error.value.code == "future_date"
    assert not FeeCharge.objects.exists()

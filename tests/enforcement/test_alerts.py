"""E-supervision of the registry: the certificate-expiry warning 30 days ahead, the expiry job
run by a full sweep, and the case-file clocks watched by the generic clock rules."""

import datetime

import pytest

from tests.enforcement.world import CertificateFactory, build_world, file_case
from zhengwu.supervision.models import Alert, Rule
from zhengwu.supervision.sweep import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def open_alerts(code):
    return list(
        Alert.objects.filter(rule__code=code, status="open").values_list("object_id", flat=True)
    )


def test_a_certificate_is_warned_of_30_days_before_it_expires_and_expires_with_the_sweep():
    w = build_world()
    assert Rule.objects.filter(code="certificate_expiring", enabled=True).exists()
    certificate = CertificateFactory(official=w.officials[0], valid_to=D(2026, 12, 31))
    # 30 days after 30 November is 30 December, before the last valid day: no warning yet.
    sweep(on=D(2026, 11, 30))
    assert open_alerts("certificate_expiring") == []
    # 30 days after 1 December is 31 December, the last valid day: warned.
    result = sweep(on=D(2026, 12, 1))
    assert open_alerts("certificate_expiring") == [str(certificate.pk)]
    alert = Alert.objects.get(rule__code="certificate_expiring")
    assert (alert.department, alert.due_date) == (w.bureau, D(2026, 12, 31))
    assert result.jobs["enforcement.certificates_expire"] == []
    # On 1 January 2027 the sweep's dated job expires it, and the warning clears.
    result = sweep(on=D(2027, 1, 1))
    assert result.jobs["enforcement.certificates_expire"] == [certificate.number]
    certificate.refresh_from_db()
    assert certificate.status == "expired"
    assert open_alerts("certificate_expiring") == []


def test_an_undecided_penalty_case_turns_red_after_its_90_days():
    w = build_world()
    case_file = file_case(w, day=D(2026, 3, 5))  # due Wednesday 3 June (see test_services)
    sweep(on=D(2026, 6, 3))
    overdue = Alert.objects.filter(rule__code="overdue", object_type="enforcement.casefile")
    assert not overdue.exists()
    sweep(on=D(2026, 6, 4))
    assert list(overdue.values_list("object_id", flat=True)) == [str(case_file.pk)]


def test_an_entrustment_is_warned_of_60_days_before_it_ends_and_while_ended():
    from zhengwu.enforcement.models import EnforcementBody

    w = build_world()
    squad = EnforcementBody.objects.create(
        division=w.county,
        department=w.squad,
        standing="entrusted",
        entrusting_body=w.bureau,
        entrustment_document="多住建委〔2022〕3号",
        entrusted_from=D(2022, 6, 1),
        entrusted_to=D(2026, 5, 31),
        status="confirmed",
        batch=w.batch,
        confirmed_on=D(2022, 6, 1),
    )
    # 60 days after 31 March is 30 May, the day before the last day: not yet.
    sweep(on=D(2026, 3, 31))
    assert open_alerts("entrustment_ending") == []
    # 60 days after 1 April is 31 May, the last day of the entrustment: warned, to the agency.
    sweep(on=D(2026, 4, 1))
    assert open_alerts("entrustment_ending") == [str(squad.pk)]
    alert = Alert.objects.get(rule__code="entrustment_ending")
    assert (alert.department, alert.due_date) == (w.bureau, D(2026, 5, 31))
    sweep(on=D(2026, 7, 1))  # ended and still confirmed: the warning stays
    assert open_alerts("entrustment_ending") == [str(squad.pk)]
    EnforcementBody.objects.filter(pk=squad.pk).update(entrusted_to=D(2031, 5, 31))  # renewed
    sweep(on=D(2026, 7, 2))
    assert open_alerts("entrustment_ending") == []

"""The demo county's fees come to the seed's 50 million yuan by the end of 2012, and its
supervision room opens with yellow and red alerts and two supervision notices."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db.models import F

from zhengwu.cases import stats
from zhengwu.catalog.demo import COMMON_FEES, COMMON_MATTERS
from zhengwu.catalog.models import Fee, PowerKind
from zhengwu.catalog.selectors import catalog_stats, published_versions
from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import LOADERS, DemoContext, demo_load
from zhengwu.org.models import User
from zhengwu.org.selectors import home_county
from zhengwu.supervision.demo import RESERVE, _waived
from zhengwu.supervision.fees import fees_collected_to
from zhengwu.supervision.models import Alert, FeeCharge, SupervisionNotice
from zhengwu.supervision.sweep import sweep

END_2012 = datetime.date(2012, 12, 31)


def test_the_loader_runs_after_the_cases_and_every_fee_names_a_common_matter():
    assert LOADERS.index("zhengwu.supervision.demo") > LOADERS.index("zhengwu.cases.demo")
    assert set(COMMON_FEES) <= {name for _code, name, *_rest in COMMON_MATTERS}


def test_the_waived_charges_leave_out_exactly_the_excess():
    # 40,000 fits under 41,018 - 1,000 (the reserve); the last 1,018 = 100 × 10 + 2 × 9.
    amounts = [40_000, *[10] * 150, *[9] * 5]
    waived = _waived(amounts, 41_018, random.Random(1))
    assert 0 in waived
    assert sum(amounts[i] for i in waived) == 41_018
    assert sorted(amounts[i] for i in waived if amounts[i] < 40_000) == [9, 9] + [10] * 100
    assert RESERVE == 1000
    with pytest.raises(RuntimeError):
        _waived([10, 10, 10], 5, random.Random(1))


@pytest.mark.django_db
def test_the_demo_catalog_gives_fees_to_part_of_the_centres_matters():
    demo_load(DemoContext(report=lambda _m: None), only=["org", "catalog"])
    by_kind = catalog_stats()["by_kind"]
    assert [by_kind[k] for k in ("licensing", "other_approval", "public_service", "fee")] == [
        257,
        56,
        21,
        98,
    ]
    assert catalog_stats()["total"] == 1481
    centre = published_versions().filter(in_service_centre=True)
    # 24 common matters (27 fee items) and every third of the generated licences 27…255 (77).
    assert centre.filter(fees__isnull=False).distinct().count() == 24 + 77
    assert Fee.objects.filter(version__in=centre).count() == 27 + 77
    assert Fee.objects.filter(version__kind=PowerKind.FEE).count() == 98
    amounts = set(Fee.objects.filter(version__in=centre).values_list("amount", flat=True))
    assert min(amounts) == 9 and max(amounts) == 45_000


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_fees_alerts_and_notices(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    messages = []
    demo_load(DemoContext(report=messages.append))
    assert any("50,000,000.00 yuan collected by 2012-12-31" in m for m in messages)
    county = home_county()

    # The seed's 集中收费5000万元, from the records.
    assert fees_collected_to(END_2012) == Decimal("50000000.00")
    assert fees_collected_to(END_2012, cases=stats.cases_of(county)) == Decimal("50000000.00")
    assert fees_collected_to(datetime.date(2004, 12, 31)) == Decimal("0.00")
    historic = FeeCharge.objects.filter(charged_on__lte=END_2012)
    assert historic.count() > 15_000
    # At the standard, a fee of the case's own matter, on cases approved at the county centre.
    assert not historic.exclude(amount=F("standard")).exists()
    assert not historic.exclude(fee__version=F("case__power_version")).exists()
    assert not historic.exclude(
        case__handling_centre__kind="county_centre", case__decision="approve"
    ).exists()
    assert not historic.exclude(charged_on=F("case__completed_on")).exists()

    # The catalog's figures are unchanged by the fees.
    by_kind = catalog_stats()["by_kind"]
    assert (by_kind["fee"], catalog_stats()["total"]) == (98, 1481)

    # One current fee off the standard, and its red alert.
    off = FeeCharge.objects.exclude(amount=F("standard")).get()
    assert (off.amount, off.standard) == (Decimal("5000.00"), Decimal("10000.00"))
    assert off.charged_on > END_2012
    fee_alert = Alert.objects.get(rule__code="fee_mismatch", status="open")
    assert (fee_alert.key, fee_alert.severity) == (f"fee:{off.pk}", "red")

    # Today's alerts: both colours, all on the current cases; a second sweep raises nothing.
    open_alerts = Alert.objects.filter(status="open")
    assert open_alerts.filter(severity="yellow").exists()
    assert open_alerts.filter(severity="red").exists()
    assert not open_alerts.filter(case__received_on__lte=END_2012).exists()
    assert sweep().total_raised == 0

    # Two notices by the supervisor: one replied by the department, one awaiting its reply.
    supervisor = User.objects.get(username="supervisor")
    replied = SupervisionNotice.objects.get(status="replied")
    awaiting = SupervisionNotice.objects.get(status="issued")
    assert SupervisionNotice.objects.count() == 2
    assert replied.issued_by == awaiting.issued_by == supervisor
    assert replied.alert.rule.code == "co_review_late"
    assert replied.replied_by.department == replied.department == replied.alert.department
    assert replied.reply and replied.replied_on
    assert awaiting.alert == fee_alert and awaiting.department == off.case.department
    assert not awaiting.reply and awaiting.reply_due > awaiting.issued_on
    assert audit_verify().ok

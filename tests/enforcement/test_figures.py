"""The registry's annual figures, each compared with a number worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from tests.enforcement.world import (
    CertificateFactory,
    build_world,
    certified,
    decide,
    file_case,
    make_power,
    on,
)
from tests.factories import DepartmentFactory
from zhengwu.catalog.models import Power, PowerKind
from zhengwu.disclosure.annual_report import disclosure_report, register_figure
from zhengwu.enforcement import services
from zhengwu.enforcement.figures import annual_figures, rate, register_disclosure_figures
from zhengwu.enforcement.models import EnforcementBody, Law

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def w():
    return build_world()


def confirmed(w, department, standing, **fields):
    return EnforcementBody.objects.create(
        division=w.county,
        department=department,
        standing=standing,
        status="confirmed",
        batch=w.batch,
        confirmed_on=D(2012, 6, 1),
        **fields,
    )


def test_bodies_acts_and_laws_are_counted_from_the_registry_and_the_catalog(w):
    squad = confirmed(
        w,
        w.squad,
        "entrusted",
        entrusting_body=w.bureau,
        entrustment_document="多住建委〔2012〕3号",
        entrusted_from=D(2012, 6, 1),
        entrusted_to=D(2017, 5, 31),
    )
    institute = DepartmentFactory(division=w.county, code="wsjds", name="多伦县卫生监督所")
    confirmed(w, institute, "authorised")
    pending = DepartmentFactory(division=w.county, code="new", name="新机构")
    EnforcementBody.objects.create(division=w.county, department=pending, standing="statutory")
    # The bureau has a penalty and a compulsion (the world); add to the squad 2 penalties and a
    # levy, to the institute a confirmation and an inspection; one repealed power and the
    # pending body's act do not count.
    make_power(
        w.squad, PowerKind.PENALTY, laws=("中华人民共和国城乡规划法", "城市市容和环境卫生管理条例")
    )
    make_power(w.squad, PowerKind.PENALTY, laws=("城市市容和环境卫生管理条例",))
    make_power(w.squad, PowerKind.LEVY, laws=("城市道路管理条例",))
    make_power(institute, PowerKind.CONFIRMATION, laws=("中华人民共和国食品安全法",))
    make_power(institute, PowerKind.INSPECTION, laws=("公共场所卫生管理条例",))
    repealed = make_power(institute, PowerKind.PENALTY, laws=("废止的条例",))
    Power.objects.filter(pk=repealed.pk).update(status=Power.Status.REPEALED)
    make_power(pending, PowerKind.PENALTY, laws=("未确认主体的法",))
    make_power(w.bureau, PowerKind.LICENSING, laws=("中华人民共和国行政许可法",))  # not an act
    # Laws listed in the registry: one new, one already a legal basis in the catalog.
    Law.objects.create(body=squad, title="内蒙古自治区城镇市容环境卫生管理条例")
    Law.objects.create(body=w.body, title="中华人民共和国城乡规划法")
    figures = annual_figures(w.county, 2026)
    assert figures["bodies"] == {"statutory": 1, "authorised": 1, "entrusted": 1, "total": 3}
    assert figures["acts"] == {
        "penalty": 3,
        "confirmation": 1,
        "compulsion": 1,
        "levy": 1,
        "ruling": 0,
        "other": 0,
        "inspection": 1,
        "total": 7,
    }
    # 城乡规划法, 行政强制法 (bureau); 市容环卫条例, 城市道路管理条例 (squad); 食品安全法,
    # 公共场所卫生管理条例 (institute); 内蒙古…条例 (registry) = 7 distinct titles.
    assert figures["laws"] == 7
    # Bodies confirmed in 2012: none at the end of 2011.
    assert annual_figures(w.county, 2011)["bodies"]["total"] == 0


def test_certificates_case_files_and_filings(w):
    third = w.officials[2].certificates.get()
    services.certificate_revoke(actor=w.legal, certificate=third, on=D(2026, 2, 1), reason="调离")
    CertificateFactory(
        official=w.officials[2],
        valid_from=D(2020, 1, 1),
        valid_to=D(2022, 12, 31),
        status="expired",
    )
    certified(w.body)
    # Case files filed in 2026: 2 penalised (one major, filed late), 1 no penalty, 1 withdrawn,
    # 1 pending; one filed in 2025 does not count for 2026.
    major = decide(w, file_case(w, day=D(2026, 8, 3), is_major=True), day=D(2026, 9, 30))
    decide(w, file_case(w, day=D(2026, 8, 3)), day=D(2026, 9, 30))
    decide(
        w, file_case(w, day=D(2026, 8, 3)), day=D(2026, 9, 30), outcome="no_penalty", amount=None
    )
    with on(D(2026, 8, 10)):
        services.casefile_withdraw(
            actor=w.handler, case_file=file_case(w, day=D(2026, 8, 4)), reason="不属于本机关管辖"
        )
    file_case(w, day=D(2026, 11, 2))
    decide(
        w,
        file_case(w, day=D(2026, 3, 5), power=w.compulsion),
        day=D(2026, 3, 20),
        outcome="measure",
        amount=None,
    )
    with on(D(2026, 11, 2)):
        services.filing_submit(actor=w.handler, filing=major.filing)  # late: due 27 October
    figures = annual_figures(w.county, 2026)
    assert figures["certificates"] == {
        "valid": 3,
        "suspended": 0,
        "expired": 1,
        "revoked": 1,
        "lost": 0,
        "total": 5,
    }
    assert figures["case_files"] == {
        "pending": 1,
        "penalised": 2,
        "no_penalty": 1,
        "measure": 1,
        "withdrawn": 1,
        "total": 6,
    }
    assert figures["decisions"] == {"penalty": 3, "compulsion": 1}
    assert figures["filings"] == {"required": 1, "filed": 1, "on_time": 0, "late": 1}
    assert (figures["filing_rate"], figures["filing_on_time_rate"]) == (100.0, 0.0)
    assert annual_figures(w.county, 2025)["filing_rate"] is None  # nothing to file in 2025
    # Section 2 of the disclosure report counts the decisions from the case files (registered
    # again here: another module's test may have taken the registration away).
    register_disclosure_figures(register_figure)
    report = disclosure_report(w.county, 2026)
    assert (report.proactive["penalty"], report.proactive["compulsion"]) == (3, 1)
    assert disclosure_report(w.county, 2025).proactive["penalty"] == 0


def test_rates_have_one_decimal_and_none_without_a_denominator():
    # 2 of 3 = 66.666… → 66.7; 1 of 8 = 12.5.
    assert (rate(2, 3), rate(1, 8), rate(0, 0)) == (66.7, 12.5, None)
    assert Decimal(str(rate(1, 3))) == Decimal("33.3")

"""The demo registry holds the seed's figures, computed from its records."""

import pytest

from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.enforcement.figures import annual_figures
from zhengwu.enforcement.models import CaseFile, CertificateApplication, EvaluationCampaign
from zhengwu.org.selectors import home_county


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_registry_has_the_seeds_figures():
    from django.utils import timezone

    messages = []
    demo_load(DemoContext(report=messages.append), only=["org", "catalog", "enforcement"])
    county, year = home_county(), timezone.localdate().year
    figures = annual_figures(county, year)
    assert figures["bodies"] == {"statutory": 10, "authorised": 9, "entrusted": 9, "total": 28}
    # The seed's parts; its stated total 1,067 is really 903+29+44+29+10+34 = 1,049.
    assert figures["acts"] == {
        "penalty": 903,
        "confirmation": 29,
        "compulsion": 44,
        "levy": 29,
        "ruling": 10,
        "other": 34,
        "inspection": 0,
        "total": 1049,
    }
    assert figures["laws"] == 352
    # 4 officials × 28 bodies = 112 certificates, and one reissued for a lost one: 3 expired,
    # 1 revoked, 1 suspended, 1 lost, 107 valid.
    assert figures["certificates"] == {
        "valid": 107,
        "suspended": 1,
        "expired": 3,
        "revoked": 1,
        "lost": 1,
        "total": 113,
    }
    refused = CertificateApplication.objects.get(status="refused")
    assert refused.reasons == ["not_on_establishment"]
    statuses = set(
        CaseFile.objects.filter(filed_on__year__gte=year - 1).values_list("status", flat=True)
    )
    assert statuses == set(CaseFile.Status.values)
    assert figures["filings"]["required"] == 2 and figures["filings"]["filed"] == 1
    last = annual_figures(county, year - 1)
    assert last["filing_rate"] == 100.0 and last["evaluation"]["sampled"] == 56
    assert last["evaluation"]["scored"] == 53 and len(last["evaluation"]["ranking"]) >= 20
    assert EvaluationCampaign.objects.get(year=year - 1).status == "sampled"
    assert any("352 laws in use" in m for m in messages)
    assert audit_verify().ok

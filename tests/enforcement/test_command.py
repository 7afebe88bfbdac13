"""``zhengwu enforcement sweep`` and ``stats``."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.enforcement.world import CertificateFactory, build_world

pytestmark = pytest.mark.django_db
D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("enforcement", *args, stdout=out)
    return out.getvalue()


def test_the_sweep_expires_certificates_on_the_given_day():
    w = build_world()
    certificate = CertificateFactory(official=w.officials[0], valid_to=D(2026, 6, 30))
    run("sweep", "--date", "2026-06-30")
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    run("sweep", "--date", "2026-07-01")
    certificate.refresh_from_db()
    assert certificate.status == "expired"
    with pytest.raises(CommandError, match="not a date"):
        run("sweep", "--date", "2026-13-01")


def test_stats_as_json():
    build_world()
    figures = json.loads(run("stats", "--year", "2026", "--format", "json"))
    assert figures["bodies"] == {"statutory": 1, "authorised": 0, "entrusted": 0, "total": 1}
    assert figures["acts"]["total"] == 2 and figures["certificates"]["valid"] == 3
    with translation.override("en"):
        text = run("stats", "--year", "2026")
    assert "Bodies: 1 statutory, 0 authorised, 0 entrusted" in text
    assert "Certificates: 3 valid, 0 expired, 0 revoked, 0 suspended" in text
    with pytest.raises(CommandError, match="no division"):
        run("stats", "--year", "2026", "--division", "999")

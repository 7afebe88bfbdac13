"""``zhengwu reconsideration sweep`` and ``stats``; the admin shows, never edits."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.factories import Role, StaffFactory
from tests.reconsideration.world import on, register
from zhengwu.reconsideration import services
from zhengwu.reconsideration.models import ReconsiderationCase

pytestmark = pytest.mark.django_db
D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("reconsideration", *args, stdout=out)
    return out.getvalue()


def test_the_sweep_deems_acceptance_and_abandonment_once(w):
    examined = register(w, received=D(2026, 9, 30))  # examination due 13 October
    returned = register(w, received=D(2026, 9, 30))
    with on(D(2026, 10, 9)):
        services.case_request_correction(actor=w.legal, case=returned, items=["身份证明"])
    first = run("sweep", "--date", "2026-10-23")  # correction due 22 October
    assert "1" in first and ReconsiderationCase.objects.get(pk=examined.pk).deemed_accepted
    assert ReconsiderationCase.objects.get(pk=returned.pk).status == "abandoned"
    assert run("sweep", "--date", "2026-10-24").count("0") >= 2
    with pytest.raises(CommandError):
        run("sweep", "--date", "23/10/2026")


def test_stats_as_json_and_text(w):
    register(w, received=D(2026, 9, 30))
    body = json.loads(run("stats", "--year", "2026", "--format", "json"))
    assert body["reconsideration"]["received"] == 1
    assert body["table"]["reconsideration"]["pending"] == 1
    text = run("stats", "--year", "2012")
    assert "reconsideration: 0 0 0 0 0" in text
    with pytest.raises(CommandError):
        run("stats", "--year", "2026", "--division", "999999999999")


def test_the_admin_shows_cases_read_only(client, w):
    case = register(w, received=D(2026, 9, 30))
    admin = StaffFactory(department=w.legal_office, roles=[Role.ADMINISTRATOR], is_staff=True,
                         is_superuser=True)  # fmt: skip
    client.force_login(admin)
    listing = client.get(reverse("admin:reconsideration_reconsiderationcase_changelist"))
    assert listing.status_code == 200 and case.receipt_number in listing.content.decode()
    page = client.get(reverse("admin:reconsideration_reconsiderationcase_change", args=[case.pk]))
    assert page.status_code == 200 and case.query_digest not in page.content.decode()
    assert client.get(reverse("admin:reconsideration_reconsiderationcase_add")).status_code == 403
    assert client.get(reverse("admin:reconsideration_litigationcase_changelist")).status_code == 200

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from tests.cases.world import build_world, pdf
from zhengwu.cases import services
from zhengwu.cases.models import Case, Notification

pytestmark = pytest.mark.django_db


def test_the_sweep_accepts_late_applications_and_sends_what_is_pending(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    settings.ZHENGWU_NOTIFICATION_CHANNELS = ["zhengwu.cases.notify.EmailChannel"]
    w = build_world()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 10), tick=False):
        case = services.case_submit(
            actor=w.citizen, applicant=w.citizen, power=w.simple, idempotency_key="k", files=[pdf()]
        ).case  # the on-commit send never ran: the test's transaction is not committed
    assert Notification.objects.filter(sent_at__isnull=True).count() == 1

    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 11, 10, 10), tick=False):  # window: 9 Nov
        call_command("cases", "sweep", stdout=out)
    case.refresh_from_db()
    assert (case.status, case.deemed_accepted, case.accepted_on) == (
        "accepted",
        True,
        datetime.date(2026, 11, 2),
    )
    assert case.number in out.getvalue()
    # The submission's and the acceptance's notices, each once.
    assert sorted(m.subject for m in mail.outbox) == sorted(
        Notification.objects.filter(case=case).values_list("subject", flat=True)
    )
    assert len(mail.outbox) == 2

    again = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 11, 10, 11), tick=False):
        call_command("cases", "sweep", stdout=again)
    assert case.number not in again.getvalue() and len(mail.outbox) == 2
    assert Case.objects.filter(status="accepted").count() == 1

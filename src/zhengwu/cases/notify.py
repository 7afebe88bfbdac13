"""Telling applicants about their cases: a message per step, sent through pluggable channels.

A service calls :func:`notify` inside its transaction; the message is stored there (one row per
event, unique by key, so a retried or repeated job never sends it twice) and handed to the
channels only after the transaction commits. Channels are listed by dotted path in
``ZHENGWU_NOTIFICATION_CHANNELS``: e-mail through Django's mail backend (the console in
development), and SMS through a gateway adapter named by ``ZHENGWU_SMS_GATEWAY``.
"""

from __future__ import annotations

import abc
import json
import logging
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DEFAULT_CHANNELS = ["zhengwu.cases.notify.EmailChannel", "zhengwu.cases.notify.SmsChannel"]


def _messages() -> dict[str, tuple[str, str]]:
    return {
        "submitted": (
            _("Application %(number)s received"),
            _("Your application for %(matter)s has been received as case %(number)s."),
        ),
        "correction": (
            _("Case %(number)s: materials to correct or supply"),
            _(
                "Please correct or supply, all at once: %(items)s. The time for deciding on "
                "acceptance starts again when they arrive."
            ),
        ),
        "refused": (
            _("Case %(number)s not accepted"),
            _("Your application was not accepted: %(reason)s"),
        ),
        "accepted": (
            _("Case %(number)s accepted"),
            _("Your application for %(matter)s has been accepted."),
        ),
        "decided": (
            _("Case %(number)s decided"),
            _("A decision has been made on your application: %(decision)s."),
        ),
        "extended": (
            _("Case %(number)s: time limit extended"),
            _("The time limit of your case has been extended to %(due)s."),
        ),
        "completed": (
            _("Case %(number)s completed"),
            _("Your case is completed. Please rate the service."),
        ),
        "follow_up": (
            _("Case %(number)s: answer to your rating"),
            _("%(answer)s"),
        ),
    }


def notify(case, event: str, *, key: str = "", **params) -> None:
    """Store the message for ``event`` on ``case`` and send it once the transaction commits."""
    from zhengwu.cases.models import Notification

    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _messages()[event]
        values = {"number": case.number, "matter": case.power_version.name, **params}
        subject, body = subject % values, body % values
    notification, created = Notification.objects.get_or_create(
        dedupe_key=f"case:{case.pk}:{event}:{key}",
        defaults={
            "recipient_id": case.applicant_id,
            "case": case,
            "event": event,
            "subject": subject,
            "body": body,
        },
    )
    if created:
        transaction.on_commit(lambda: dispatch(notification.pk))


def channels() -> list:
    paths = getattr(settings, "ZHENGWU_NOTIFICATION_CHANNELS", DEFAULT_CHANNELS)
    return [import_string(path)() for path in paths]


def dispatch(pk: int) -> bool:
    """Send one stored message through every channel that can reach its recipient. Claiming the
    row first makes concurrent senders (web process, worker) send it exactly once."""
    from zhengwu.cases.models import Notification

    claimed = Notification.objects.filter(pk=pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=pk)
    used, errors = [], []
    for channel in channels():
        if not channel.reaches(notification.recipient):
            continue
        try:
            channel.send(notification)
            used.append(channel.name)
        except Exception as exc:  # a channel's failure is recorded, the others still send
            logger.warning("notification %s via %s failed: %s", pk, channel.name, exc)
            errors.append(f"{channel.name}: {exc}")
    Notification.objects.filter(pk=pk).update(channels=used, error="\n".join(errors))
    return True


def send_pending() -> int:
    """Send every stored message not sent yet (the periodic job's part)."""
    from zhengwu.cases.models import Notification

    pending = Notification.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)
    return sum(dispatch(pk) for pk in list(pending))


class EmailChannel:
    name = "email"

    def reaches(self, user) -> bool:
        return bool(user.email)

    def send(self, notification) -> None:
        send_mail(
            notification.subject,
            notification.body,
            getattr(settings, "DEFAULT_FROM_EMAIL", None),
            [notification.recipient.email],
        )


class SmsGateway(abc.ABC):
    """The adapter an SMS provider implements: send ``text`` to the mobile number ``phone``."""

    @abc.abstractmethod
    def send(self, phone: str, text: str) -> None: ...


class OutboxSmsGateway(SmsGateway):
    """Writes each text message as one JSON line to a file in the data directory, where an
    operator's relay (or a test) picks it up."""

    def __init__(self, path: Path | None = None):
        self.path = path or Path(settings.DATA_DIR) / "sms-outbox.jsonl"

    def send(self, phone: str, text: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"phone": phone, "text": text, "at": timezone.now().isoformat()}, ensure_ascii=False
        )
        with self.path.open("a", encoding="utf-8") as outbox:
            outbox.write(line + "\n")


class SmsChannel:
    name = "sms"

    def __init__(self):
        path = getattr(settings, "ZHENGWU_SMS_GATEWAY", "zhengwu.cases.notify.OutboxSmsGateway")
        self.gateway = import_string(path)()

    def reaches(self, user) -> bool:
        return bool(user.phone)

    def send(self, notification) -> None:
        text = f"{notification.subject}：{notification.body}"
        self.gateway.send(notification.recipient.phone, text)

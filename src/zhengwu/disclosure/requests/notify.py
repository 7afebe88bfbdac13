"""Telling the applicant about their disclosure request: received, correction notice, extension,
reply, abandonment.

``zhengwu.cases.notify.notify`` is bound to a case (its number, matter and applicant), so it is not
called here; its parts are reused instead. An applicant with an account gets a stored
``cases.Notification`` (no case, a ``disclosure:…`` key, so a repeated job never sends it twice),
handed to the configured channels once the transaction commits, and picked up again by the
pending-notifications sweep if sending failed. An applicant without an account (an application
taken in person, by post, fax or e-mail) is written to directly on commit, by e-mail and by SMS to
the mobile number on the application; the written notices (correction notice, reply) reach them
the way the application chose.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from zhengwu.disclosure.models.requests import DisclosureRequest, is_mobile

logger = logging.getLogger(__name__)


def _messages() -> dict[str, tuple[str, str]]:
    return {
        "received": (
            _("Disclosure request %(number)s received"),
            _(
                "Your application for government information was received on %(received)s. "
                "The reply is due by %(due)s."
            ),
        ),
        "correction": (
            _("Disclosure request %(number)s: please correct the application"),
            _(
                "Please correct, all at once, by %(due)s: %(items)s. The reply period starts "
                "again when the corrected application arrives; without a correction in time the "
                "application is regarded as abandoned."
            ),
        ),
        "extended": (
            _("Disclosure request %(number)s: reply period extended"),
            _("The period for replying to your application is extended to %(due)s: %(reason)s"),
        ),
        "replied": (
            _("Disclosure request %(number)s answered"),
            _("The reply to your application: %(outcome)s. The written reply is on its way."),
        ),
        "abandoned": (
            _("Disclosure request %(number)s no longer processed"),
            _(
                "The application was not corrected by %(due)s and is regarded as abandoned "
                "(art. 30 of the Regulations on Government Information Disclosure)."
            ),
        ),
    }


def notify(request: DisclosureRequest, event: str, *, key: str = "", **params) -> None:
    """Tell the applicant of ``request`` about ``event``, once the transaction commits."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _messages()[event]
        values = {"number": request.number, **params}
        subject, body = subject % values, body % values
    if request.applicant_user_id is not None:
        from zhengwu.cases.models import Notification
        from zhengwu.cases.notify import dispatch

        notification, created = Notification.objects.get_or_create(
            dedupe_key=f"disclosure:{request.pk}:{event}:{key}",
            defaults={
                "recipient_id": request.applicant_user_id,
                "event": f"disclosure.{event}",
                "subject": subject,
                "body": body,
            },
        )
        if created:
            transaction.on_commit(lambda: dispatch(notification.pk))
        return
    email, phone = request.email, request.phone
    transaction.on_commit(lambda: _send_direct(email, phone, subject, body))


def _send_direct(email: str, phone: str, subject: str, body: str) -> None:
    """E-mail and SMS to the contact details on the application (no account to store it on)."""
    if email:
        try:
            send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), [email])
        except Exception as exc:  # one channel's failure does not stop the other
            logger.warning("disclosure notice by e-mail failed: %s", exc)
    if is_mobile(phone):
        path = getattr(settings, "ZHENGWU_SMS_GATEWAY", "zhengwu.cases.notify.OutboxSmsGateway")
        try:
            import_string(path)().send(phone, f"{subject}：{body}")
        except Exception as exc:
            logger.warning("disclosure notice by SMS failed: %s", exc)

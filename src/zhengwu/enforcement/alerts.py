"""What e-supervision watches in the enforcement registry beyond its clocks (which the generic
near-due and overdue rules watch by purpose): certificates about to expire, entrustments ending."""

from __future__ import annotations

import datetime

from django.db.models import BigIntegerField, CharField, F, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.supervision.rules import _key, _params, kind

# The rule a new installation starts with (seeded by migration 0002 of this app, which keeps
# its own copy as a migration must).


@kind("enforcement_certificate_expiring", _("enforcement certificate expiring"), days=30)
def certificate_expiring(rule, on: datetime.date, scope) -> QuerySet:
    """Valid certificates whose validity ends within ``days`` calendar days of ``on``."""
    from zhengwu.enforcement.models import Certificate

    last = on + datetime.timedelta(days=int(_params(rule, "days")))
    certificates = Certificate.objects.filter(
        status=Certificate.Status.VALID, valid_to__gte=on, valid_to__lte=last
    )
    if scope is not None:  # a re-evaluation of approval cases: no certificate is one of them
        certificates = certificates.none()
    return certificates.order_by().values(
        a_key=_key("certificate"),
        a_type=Value("enforcement.certificate", output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=Cast(Value(None), output_field=BigIntegerField()),
        a_department=F("official__body__department_id"),
        a_due=F("valid_to"),
    )


@kind("enforcement_entrustment_ending", _("entrustment ending or ended"), days=60)
def entrustment_ending(rule, on: datetime.date, scope) -> QuerySet:
    """Confirmed entrusted organisations whose entrustment ends within ``days`` calendar days
    of ``on``, or has ended: the entrustment is renewed, or the standing revoked."""
    from zhengwu.enforcement.models import EnforcementBody

    last = on + datetime.timedelta(days=int(_params(rule, "days")))
    bodies = EnforcementBody.objects.filter(
        status=EnforcementBody.Status.CONFIRMED, standing="entrusted", entrusted_to__lte=last
    )
    if scope is not None:
        bodies = bodies.none()
    return bodies.order_by().values(
        a_key=_key("entrustment"),
        a_type=Value("enforcement.enforcementbody", output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=Cast(Value(None), output_field=BigIntegerField()),
        a_department=F("entrusting_body_id"),
        a_due=F("entrusted_to"),
    )

"""What e-supervision watches in the registry besides the comment and filing clocks (which its
generic near-due and overdue rules watch by purpose): documents approaching the end of their
validity with no decision by their drafting department (kind ``normative_expiry``, seeded as
the rules ``normative_expiry_6m`` and ``normative_expiry_3m``)."""

from __future__ import annotations

import datetime

from django.db.models import BigIntegerField, CharField, F, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from zhengwu.supervision.rules import _key, _params, kind

OBJECT_TYPE = "rulemaking.normativedocument"


@kind("normative_expiry", _("a normative document's validity ends soon, undecided"), months=6)
def normative_expiry(rule, on: datetime.date, scope) -> QuerySet:
    from zhengwu.rulemaking.models import NormativeDocument
    from zhengwu.rulemaking.selectors import documents_expiring

    # A case's re-evaluation (``scope``) concerns no document.
    base = NormativeDocument.objects.none() if scope is not None else NormativeDocument.objects
    documents = documents_expiring(base.all(), on, int(_params(rule, "months")))
    return documents.order_by().values(
        a_key=_key("normdoc"),
        a_type=Value(OBJECT_TYPE, output_field=CharField()),
        a_id=Cast("pk", CharField()),
        a_case=Cast(Value(None), BigIntegerField()),
        a_department=F("drafting_department_id"),
        a_due=F("effective_to"),
    )

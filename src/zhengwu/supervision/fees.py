"""Fees collected (统一收费): the figures of the annual report come from the fee records.

``fees_collected_to(on)`` is the amount of every fee charged (``FeeCharge.charged_on``) up to and
including ``on``, in yuan with two decimals, ``0.00`` when nothing was charged. ``cases`` narrows it
to the fees charged on those cases (e.g. ``stats.cases_of(county)``). One aggregate query.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import QuerySet, Sum

from zhengwu.supervision.models import FeeCharge

CENT = Decimal("0.01")


def fees_collected_to(on: datetime.date, cases: QuerySet | None = None) -> Decimal:
    """The total of the fees charged on or before ``on`` (on ``cases`` only, when given)."""
    charges = FeeCharge.objects.filter(charged_on__lte=on)
    if cases is not None:
        charges = charges.filter(case__in=cases.order_by().values("pk"))
    total = charges.order_by().aggregate(total=Sum("amount"))["total"]
    return (total or Decimal(0)).quantize(CENT)

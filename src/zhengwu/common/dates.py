"""The date of a legal act as a service receives it."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.common.errors import DomainError


def act_day(on: datetime.date | None) -> datetime.date:
    """``on``, or today when not given; an act cannot be dated in the future."""
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise DomainError(_("An act cannot be dated in the future."), code="future_date")
    return on

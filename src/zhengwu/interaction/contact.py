"""The submitter's telephone: a mainland mobile number or a landline with its area code.

A mobile number is checked and normalised by :func:`zhengwu.common.identity.validate_mobile`
(11 digits). A landline (固定电话) is an area code — ``010`` or ``02X`` (three digits) for the
largest cities, four digits (``0479`` for 锡林郭勒盟) elsewhere — and a local number of 7 or 8
digits not starting with 0 or 1, optionally followed by an extension; it is stored as
``0479-4522345`` or ``0479-4522345-801``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhengwu.common.identity import validate_mobile

PHONE_INVALID_CODE = "phone_invalid"

_SPACES = re.compile(r"\s+")
# Area codes: 010 and 02X are three digits, all others (03XX-09XX) four.
_LANDLINE = re.compile(r"\(?(0[12]\d|0[3-9]\d{2})\)?-?([2-9]\d{6,7})(?:(?:-|转)(\d{1,6}))?")


def validate_landline(value: str) -> str:
    """A landline with its area code, normalised to ``AREA-LOCAL[-EXT]``."""
    text = _SPACES.sub("", value or "").replace("（", "(").replace("）", ")").replace("—", "-")
    match = _LANDLINE.fullmatch(text)
    if match is None:
        raise ValidationError(
            _(
                "Give a mobile number (11 digits) or a landline with its area code, "
                "e.g. 0479-4522345."
            ),
            code=PHONE_INVALID_CODE,
        )
    area, local, extension = match.groups()
    return f"{area}-{local}" + (f"-{extension}" if extension else "")


def validate_phone(value: str) -> str:
    """A mobile number (returned as its 11 digits) or a landline (``0479-4522345``).

    A number that starts like a mobile number gets the mobile number's own message when it is
    wrong (e.g. one digit short); anything else is read as a landline.
    """
    text = _SPACES.sub("", value or "")
    if not text:
        raise ValidationError(_("Give a telephone number."), code="required")
    if text.startswith(("+", "1")) or (text.startswith("86") and len(text) == 13):
        return validate_mobile(text)
    return validate_landline(text)

"""Logs never hold an ID number or a mobile number in full.

Every handler that zhengwu configures (``settings.LOGGING``) passes its records through
:class:`MaskPersonalDataFilter`, which masks, in the message and in the traceback, anything shaped
like a resident ID number (18 characters) or a mainland mobile number, as the pages show them
(``150125********1234``, ``138****5678``). Masking by shape errs on the safe side: an 18-digit
number that is not an ID number is masked too.
"""

from __future__ import annotations

import logging
import re

from zhengwu.common.identity import mask_id_number, mask_phone

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")


def mask_personal_data(text: str) -> str:
    """``text`` with every ID-number-shaped and mobile-number-shaped run masked."""
    text = ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    return MOBILE.sub(lambda m: mask_phone(m.group()), text)


class MaskPersonalDataFilter(logging.Filter):
    """Mask ID and mobile numbers in a record's message and traceback before any handler
    writes it."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler
            return True
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        return True

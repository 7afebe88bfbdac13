"""Validation, normalisation and masking of Chinese personal and organisation identifiers.

Three identifiers are handled:

Resident identity number (居民身份证号码), GB 11643-1999
    18 characters: a 6-digit address code (GB/T 2260; the first two digits are the
    province-level division), an 8-digit birth date ``YYYYMMDD``, a 3-digit sequence
    number whose parity gives the holder's sex (odd: male, even: female) and a check
    character computed with ISO 7064 MOD 11-2 over the first 17 digits. The check
    character is a digit or ``X`` (standing for 10). Residence permits for Hong Kong,
    Macao and Taiwan residents use the same layout with address codes 81, 82 and 83.

Unified social credit code (统一社会信用代码), GB 32100-2015
    18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (the letters I, O, S, V
    and Z are never used): registration authority code (1), organisation type code
    (1), region code (6 digits), organisation code (9) and a check character
    computed with weighted MOD 31 over the first 17 characters.

Mainland China mobile number
    11 digits starting with ``1`` followed by ``3``-``9``; input may carry a ``+86``
    or ``86`` country code, spaces and hyphens.

The ``validate_*`` functions return the normalised value and raise
:class:`~django.core.exceptions.ValidationError` with a stable ``code`` (see the
``*_CODE`` constants) and a message stating exactly what is wrong. The
:class:`IdNumberValidator`, :class:`CreditCodeValidator` and :class:`MobileValidator`
classes wrap them for ``validators=[...]`` on model and form fields; note that such
validators cannot change the stored value, so forms should store what the
``validate_*`` function returns (for example ``x`` normalised to ``X``).

The ``mask_*`` functions produce display forms for lists and logs that never reveal
more characters than the standard mask of a well-formed value would.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import ClassVar, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CREDIT_CODE_CHARACTERS_CODE",
    "CREDIT_CODE_CHECKSUM_CODE",
    "CREDIT_CODE_LENGTH_CODE",
    "CREDIT_CODE_REGION_CODE",
    "ID_NUMBER_BIRTH_DATE_CODE",
    "ID_NUMBER_CHARACTERS_CODE",
    "ID_NUMBER_CHECKSUM_CODE",
    "ID_NUMBER_LENGTH_CODE",
    "ID_NUMBER_REGION_CODE",
    "MOBILE_CHARACTERS_CODE",
    "MOBILE_LENGTH_CODE",
    "MOBILE_PREFIX_CODE",
    "CreditCodeValidator",
    "IdNumberValidator",
    "MobileValidator",
    "id_number_birth_date",
    "id_number_sex",
    "mask_id_number",
    "mask_phone",
    "validate_credit_code",
    "validate_id_number",
    "validate_mobile",
]

# --- Error codes ---------------------------------------------------------------

ID_NUMBER_LENGTH_CODE = "id_number_length"
ID_NUMBER_CHARACTERS_CODE = "id_number_characters"
ID_NUMBER_REGION_CODE = "id_number_region"
ID_NUMBER_BIRTH_DATE_CODE = "id_number_birth_date"
ID_NUMBER_CHECKSUM_CODE = "id_number_checksum"

CREDIT_CODE_LENGTH_CODE = "credit_code_length"
CREDIT_CODE_CHARACTERS_CODE = "credit_code_characters"
CREDIT_CODE_REGION_CODE = "credit_code_region"
CREDIT_CODE_CHECKSUM_CODE = "credit_code_checksum"

MOBILE_CHARACTERS_CODE = "mobile_characters"
MOBILE_LENGTH_CODE = "mobile_length"
MOBILE_PREFIX_CODE = "mobile_prefix"

# --- Resident identity number (GB 11643-1999) -----------------------------------

ID_NUMBER_LENGTH = 18
_DIGITS = frozenset("0123456789")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum modulo 11
_EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)

# Province-level divisions of GB/T 2260, plus 83, the address code that residence
# permits for Taiwan residents use (Hong Kong and Macao permits use 81 and 82).
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    }
)  # fmt: skip


def _id_check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARACTERS[total % 11]


def _today() -> datetime.date:
    """Today's date in the project's time zone (China Standard Time in production)."""
    return timezone.localdate() if settings.USE_TZ else datetime.date.today()


def _quote_characters(characters: list[str]) -> str:
    """List each distinct character once, in order of appearance, quoted."""
    return ", ".join(f'"{char}"' for char in dict.fromkeys(characters))


def validate_id_number(value: str) -> str:
    """Validate a resident identity number and return it normalised.

    Surrounding whitespace is stripped and a final lowercase ``x`` becomes ``X``.
    """
    value = value.strip()
    if len(value) != ID_NUMBER_LENGTH:
        raise ValidationError(
            _("The ID number must be 18 characters, got %(length)d."),
            code=ID_NUMBER_LENGTH_CODE,
            params={"length": len(value)},
        )
    if value[-1] == "x":
        value = value[:-1] + "X"

    invalid = [char for char in value[:-1] if char not in _DIGITS]
    if value[-1] not in _DIGITS and value[-1] != "X":
        invalid.append(value[-1])
    if invalid:
        raise ValidationError(
            _(
                "The ID number may contain only digits, with X allowed as the last "
                "character; invalid characters: %(characters)s."
            ),
            code=ID_NUMBER_CHARACTERS_CODE,
            params={"characters": _quote_characters(invalid)},
        )

    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _(
                "The ID number starts with %(region)s, which is not a valid "
                "province-level region code."
            ),
            code=ID_NUMBER_REGION_CODE,
            params={"region": value[:2]},
        )

    _check_birth_date(value[6:14])

    expected = _id_check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _(
                "The check character of the ID number is wrong: "
                "expected %(expected)s, got %(actual)s."
            ),
            code=ID_NUMBER_CHECKSUM_CODE,
            params={"expected": expected, "actual": value[17]},
        )
    return value


def _check_birth_date(digits: str) -> datetime.date:
    try:
        birth_date = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            _("The birth date %(date)s in the ID number is not a valid calendar date."),
            code=ID_NUMBER_BIRTH_DATE_CODE,
            params={"date": digits},
        ) from None
    if birth_date < _EARLIEST_BIRTH_DATE:
        raise ValidationError(
            _("The birth date %(date)s in the ID number is before 1900-01-01."),
            code=ID_NUMBER_BIRTH_DATE_CODE,
            params={"date": birth_date.isoformat()},
        )
    if birth_date > _today():
        raise ValidationError(
            _("The birth date %(date)s in the ID number is in the future."),
            code=ID_NUMBER_BIRTH_DATE_CODE,
            params={"date": birth_date.isoformat()},
        )
    return birth_date


def id_number_birth_date(value: str) -> datetime.date:
    """Return the holder's birth date; raises ``ValidationError`` for an invalid number."""
    value = validate_id_number(value)
    return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def id_number_sex(value: str) -> Literal["male", "female"]:
    """Return ``"male"`` or ``"female"`` from the parity of the 17th digit.

    Raises ``ValidationError`` for an invalid number.
    """
    value = validate_id_number(value)
    return "male" if int(value[16]) % 2 else "female"


# --- Unified social credit code (GB 32100-2015) ---------------------------------

CREDIT_CODE_LENGTH = 18
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_VALUES = {char: index for index, char in enumerate(CREDIT_CODE_CHARSET)}
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _credit_code_check_character(first17: str) -> str:
    total = sum(
        _CREDIT_CODE_VALUES[char] * weight
        for char, weight in zip(first17, _CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Validate a unified social credit code and return it stripped and upper-cased.

    Only the GB 32100 check character is verified, not the GB 11714 check digit of
    the embedded organisation code.
    """
    value = value.strip().upper()
    if len(value) != CREDIT_CODE_LENGTH:
        raise ValidationError(
            _("The unified social credit code must be 18 characters, got %(length)d."),
            code=CREDIT_CODE_LENGTH_CODE,
            params={"length": len(value)},
        )

    invalid = [char for char in value if char not in _CREDIT_CODE_VALUES]
    if invalid:
        raise ValidationError(
            _(
                "The unified social credit code contains characters that are not allowed: "
                "%(characters)s. Only digits and capital letters other than I, O, S, V "
                "and Z may be used."
            ),
            code=CREDIT_CODE_CHARACTERS_CODE,
            params={"characters": _quote_characters(invalid)},
        )

    region = value[2:8]
    if not all(char in _DIGITS for char in region):
        raise ValidationError(
            _(
                "The region code (characters 3 to 8) of the unified social credit code "
                "must be digits, got %(region)s."
            ),
            code=CREDIT_CODE_REGION_CODE,
            params={"region": region},
        )

    expected = _credit_code_check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _(
                "The check character of the unified social credit code is wrong: "
                "expected %(expected)s, got %(actual)s."
            ),
            code=CREDIT_CODE_CHECKSUM_CODE,
            params={"expected": expected, "actual": value[17]},
        )
    return value


# --- Mainland China mobile number -------------------------------------------------

MOBILE_LENGTH = 11
_MOBILE_SEPARATORS = re.compile(r"[\s-]+")


def _strip_mobile_decorations(value: str) -> str:
    """Remove spaces, hyphens and a leading +86 / 86 country code."""
    number = _MOBILE_SEPARATORS.sub("", value)
    if number.startswith("+86"):
        return number[3:]
    if number.startswith("86") and len(number) == MOBILE_LENGTH + 2:
        return number[2:]
    return number


def validate_mobile(value: str) -> str:
    """Validate a mainland China mobile number and return its 11 digits."""
    number = _strip_mobile_decorations(value)
    invalid = [char for char in number if char not in _DIGITS]
    if invalid:
        raise ValidationError(
            _(
                "The mobile number may contain only digits, spaces, hyphens and a "
                "leading +86; invalid characters: %(characters)s."
            ),
            code=MOBILE_CHARACTERS_CODE,
            params={"characters": _quote_characters(invalid)},
        )
    if len(number) != MOBILE_LENGTH:
        raise ValidationError(
            _("The mobile number must be 11 digits, got %(length)d."),
            code=MOBILE_LENGTH_CODE,
            params={"length": len(number)},
        )
    if number[0] != "1" or number[1] not in "3456789":
        raise ValidationError(
            _("The mobile number must start with 13 to 19, got %(prefix)s."),
            code=MOBILE_PREFIX_CODE,
            params={"prefix": number[:2]},
        )
    return number


# --- Masking ---------------------------------------------------------------------


def _mask(value: str, *, head: int, tail: int, hidden: int) -> str:
    """Show ``head`` leading and ``tail`` trailing characters, starring the rest.

    ``head + tail + hidden`` is the length of a well-formed value. Shorter values
    still hide at least ``hidden`` characters, giving up trailing then leading
    visible characters, so a mask never reveals more than that of a valid value.
    """
    visible = max(0, len(value) - hidden)
    shown_head = min(head, visible)
    shown_tail = min(tail, visible - shown_head)
    stars = len(value) - shown_head - shown_tail
    return value[:shown_head] + "*" * stars + value[len(value) - shown_tail :]


def mask_id_number(value: str | None) -> str:
    """``150125199001011234`` -> ``150125********1234``; ``""`` for empty or None."""
    if not value:
        return ""
    return _mask(str(value).strip(), head=6, tail=4, hidden=8)


def mask_phone(value: str | None) -> str:
    """``13812345678`` -> ``138****5678``; ``""`` for empty or None.

    Spaces, hyphens and a +86 country code are removed before masking.
    """
    if not value:
        return ""
    return _mask(_strip_mobile_decorations(str(value)), head=3, tail=4, hidden=4)


# --- Field validators --------------------------------------------------------------


@deconstructible
class _IdentifierValidator:
    """Base for validators that delegate to a ``validate_*`` function."""

    validate: ClassVar[Callable[[str], str]]

    def __call__(self, value: str) -> None:
        type(self).validate(value)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


class IdNumberValidator(_IdentifierValidator):
    """Field validator for resident identity numbers (GB 11643-1999)."""

    validate = staticmethod(validate_id_number)


class CreditCodeValidator(_IdentifierValidator):
    """Field validator for unified social credit codes (GB 32100-2015)."""

    validate = staticmethod(validate_credit_code)


class MobileValidator(_IdentifierValidator):
    """Field validator for mainland China mobile numbers."""

    validate = staticmethod(validate_mobile)

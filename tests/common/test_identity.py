"""Tests for zhengwu.common.identity (no database needed).

Check characters are computed here by a reference implementation written
differently from the module's (weights derived from powers instead of tables).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.migrations.writer import MigrationWriter
from django.utils.functional import Promise
from django.utils.translation import override

from zhengwu.common import identity
from zhengwu.common.identity import (
    CreditCodeValidator,
    IdNumberValidator,
    MobileValidator,
    id_number_birth_date,
    id_number_sex,
    mask_id_number,
    mask_phone,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

if not settings.configured:
    settings.configure(USE_I18N=False)


# --- Reference computations ------------------------------------------------------

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def reference_id_check(first17: str) -> str:
    """ISO 7064 MOD 11-2: weight of position i (1-based from the left) is 2**(18-i) mod 11."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def reference_credit_check(first17: str) -> str:
    """GB 32100: weight of position i (0-based) is 3**i mod 31."""
    total = sum(CREDIT_CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def make_id(region: str = "150125", birth: str = "19900101", seq: str = "123") -> str:
    first17 = region + birth + seq
    return first17 + reference_id_check(first17)


def make_credit_code(body: str = "91150125MA0000001") -> str:
    return body + reference_credit_check(body)


def id_with_check(check: str) -> str:
    """A valid ID number whose check character is ``check``."""
    for n in range(1000):
        number = make_id(seq=f"{n:03d}")
        if number[-1] == check:
            return number
    raise AssertionError(check)


def credit_code_with_check(check: str) -> str:
    """A valid credit code whose check character is ``check``."""
    for n in range(10_000):
        code = make_credit_code(f"91150125MA000{n:04d}")
        if code[-1] == check:
            return code
    raise AssertionError(check)


def error_from(func: Callable[[str], object], value: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        func(value)
    return info.value


def english(error: ValidationError) -> str:
    with override("en"):
        return error.messages[0]


def test_reference_computations_agree_with_published_examples() -> None:
    assert make_id("110105", "19491231", "002") == "11010519491231002X"
    assert make_credit_code("91350100M000100Y4") == "91350100M000100Y43"


# --- Resident identity number ----------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",
        make_id(),
        make_id("110105", "19000101", "001"),
        make_id("440305", "20000229", "456"),
        make_id("650102", "19851231", "999"),
        make_id("810000", "19700615", "010"),
        make_id("820000", "19700615", "020"),
        make_id("830000", "19700615", "030"),
        id_with_check("X"),
        id_with_check("0"),
    ],
)
def test_valid_id_numbers(number: str) -> None:
    assert validate_id_number(number) == number


@pytest.mark.parametrize("province", sorted(identity.PROVINCE_CODES))
def test_every_province_code_accepted(province: str) -> None:
    number = make_id(province + "0101")
    assert validate_id_number(number) == number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("  11010519491231002X\n", "11010519491231002X"),
        ("\t11010519491231002x ", "11010519491231002X"),
    ],
)
def test_id_number_normalised(raw: str, expected: str) -> None:
    assert validate_id_number(raw) == expected


@pytest.mark.parametrize(
    "value",
    ["", "1", "11010519491231002", "11010519491231002X0", "110105491231002", "1101051949 1231002X"],
)
def test_id_number_wrong_length(value: str) -> None:
    error = error_from(validate_id_number, value)
    assert error.code == "id_number_length"
    assert english(error) == f"The ID number must be 18 characters, got {len(value.strip())}."


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("11010519491231A02X", '"A"'),
        ("1101051949123100XX", '"X"'),
        ("11010519491231002Y", '"Y"'),
        ("11010519491231002-", '"-"'),
        ("１1010519491231002X", '"１"'),
        ("110105 949123100 X", '" "'),
        ("a1010b19491231002X", '"a", "b"'),
    ],
)
def test_id_number_invalid_characters(value: str, named: str) -> None:
    error = error_from(validate_id_number, value)
    assert error.code == "id_number_characters"
    message = english(error)
    assert message.startswith("The ID number may contain only digits")
    assert message.endswith(f"invalid characters: {named}.")


NOT_PROVINCES = ["00", "10", "16", "20", "24", "30", "38", "47", "55", "66", "72", "84", "91", "99"]


@pytest.mark.parametrize("province", NOT_PROVINCES)
def test_id_number_bad_region(province: str) -> None:
    error = error_from(validate_id_number, make_id(province + "0101"))
    assert error.code == "id_number_region"
    assert english(error) == (
        f"The ID number starts with {province}, which is not a valid province-level region code."
    )


@pytest.mark.parametrize(
    ("birth", "message"),
    [
        ("19900230", "The birth date 19900230 in the ID number is not a valid calendar date."),
        ("19001301", "The birth date 19001301 in the ID number is not a valid calendar date."),
        ("19900100", "The birth date 19900100 in the ID number is not a valid calendar date."),
        ("19000229", "The birth date 19000229 in the ID number is not a valid calendar date."),
        ("00000000", "The birth date 00000000 in the ID number is not a valid calendar date."),
        ("18991231", "The birth date 1899-12-31 in the ID number is before 1900-01-01."),
        ("29990101", "The birth date 2999-01-01 in the ID number is in the future."),
    ],
)
def test_id_number_bad_birth_date(birth: str, message: str) -> None:
    error = error_from(validate_id_number, make_id(birth=birth))
    assert error.code == "id_number_birth_date"
    assert english(error) == message


def test_id_number_birth_date_boundary_is_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(identity, "_today", lambda: datetime.date(2024, 6, 1))
    assert validate_id_number(make_id(birth="20240601"))
    error = error_from(validate_id_number, make_id(birth="20240602"))
    assert error.code == "id_number_birth_date"


@pytest.mark.parametrize("wrong", [c for c in "0123456789X" if c != "X"])
def test_id_number_wrong_check_digit(wrong: str) -> None:
    error = error_from(validate_id_number, "11010519491231002" + wrong)
    assert error.code == "id_number_checksum"
    assert error.params == {"expected": "X", "actual": wrong}
    assert english(error) == (
        f"The check character of the ID number is wrong: expected X, got {wrong}."
    )


@pytest.mark.parametrize("seq", ["000", "123", "500", "987"])
def test_id_number_wrong_check_digit_names_expected(seq: str) -> None:
    valid = make_id(seq=seq)
    wrong = "0" if valid[-1] != "0" else "1"
    error = error_from(validate_id_number, valid[:-1] + wrong)
    assert error.code == "id_number_checksum"
    assert f"expected {valid[-1]}, got {wrong}" in english(error)


def test_id_number_lowercase_x_checked_after_normalisation() -> None:
    valid = id_with_check("0")
    error = error_from(validate_id_number, valid[:-1] + "x")
    assert error.code == "id_number_checksum"
    assert error.params == {"expected": "0", "actual": "X"}


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("11010519491231002X", datetime.date(1949, 12, 31), "female"),
        (make_id(birth="20000229", seq="001"), datetime.date(2000, 2, 29), "male"),
        (make_id(birth="19900101", seq="128"), datetime.date(1990, 1, 1), "female"),
        (make_id(birth="19751007", seq="999"), datetime.date(1975, 10, 7), "male"),
    ],
)
def test_id_number_birth_date_and_sex(number: str, birth: datetime.date, sex: str) -> None:
    assert id_number_birth_date(number) == birth
    assert id_number_sex(number) == sex
    assert id_number_sex(number.lower()) == sex


@pytest.mark.parametrize("helper", [id_number_birth_date, id_number_sex])
def test_id_number_helpers_reject_invalid(helper: Callable[[str], object]) -> None:
    assert error_from(helper, "11010519491231002Y").code == "id_number_characters"
    assert error_from(helper, "110105194912310021").code == "id_number_checksum"


# --- Unified social credit code ----------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",
        make_credit_code(),
        make_credit_code("11150125000000001"),
        make_credit_code("52150125MJY000000"),
        make_credit_code("Y1110000ABCDEFGHJ"),
        credit_code_with_check("0"),
        credit_code_with_check("Y"),
    ],
)
def test_valid_credit_codes(code: str) -> None:
    assert validate_credit_code(code) == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91350100m000100y43", "91350100M000100Y43"),
        ("  91350100M000100Y43\n", "91350100M000100Y43"),
    ],
)
def test_credit_code_normalised(raw: str, expected: str) -> None:
    assert validate_credit_code(raw) == expected


@pytest.mark.parametrize(
    "value", ["", "91350100M000100Y4", "91350100M000100Y433", "9135 0100 M000 100Y 43"]
)
def test_credit_code_wrong_length(value: str) -> None:
    error = error_from(validate_credit_code, value)
    assert error.code == "credit_code_length"
    assert english(error) == (
        f"The unified social credit code must be 18 characters, got {len(value.strip())}."
    )


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V", "i", "o", "z", "s", "v"])
def test_credit_code_forbidden_letters(letter: str) -> None:
    value = "91350100" + letter + "000100Y43"
    error = error_from(validate_credit_code, value)
    assert error.code == "credit_code_characters"
    assert f'allowed: "{letter.upper()}".' in english(error)


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("91350100M000100-43", '"-"'),
        ("91350100M0001 0Y43", '" "'),
        ("91350100中000100Y43", '"中"'),
        ("9I3501OOM000100Y4Z", '"I", "O", "Z"'),
    ],
)
def test_credit_code_invalid_characters_named(value: str, named: str) -> None:
    error = error_from(validate_credit_code, value)
    assert error.code == "credit_code_characters"
    assert error.params == {"characters": named}


@pytest.mark.parametrize("region", ["A50100", "35010B", "MA0000", "XXXXXX"])
def test_credit_code_region_not_digits(region: str) -> None:
    error = error_from(validate_credit_code, make_credit_code("91" + region + "M000100Y4"))
    assert error.code == "credit_code_region"
    assert english(error) == (
        "The region code (characters 3 to 8) of the unified social credit code "
        f"must be digits, got {region}."
    )


@pytest.mark.parametrize("wrong", [c for c in CREDIT_CHARSET if c != "3"])
def test_credit_code_wrong_check_character(wrong: str) -> None:
    error = error_from(validate_credit_code, "91350100M000100Y4" + wrong)
    assert error.code == "credit_code_checksum"
    assert error.params == {"expected": "3", "actual": wrong}
    assert english(error) == (
        f"The check character of the unified social credit code is wrong: expected 3, got {wrong}."
    )


def test_credit_code_check_value_zero_not_thirty_one() -> None:
    code = credit_code_with_check("0")
    error = error_from(validate_credit_code, code[:-1] + "1")
    assert error.params == {"expected": "0", "actual": "1"}


# --- Mobile numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        " 13812345678 ",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "8613812345678",
        "86 138 1234 5678",
        "138-1234-5678",
        "138 1234 5678",
    ],
)
def test_mobile_normalised(raw: str) -> None:
    assert validate_mobile(raw) == "13812345678"


@pytest.mark.parametrize("second", "3456789")
def test_mobile_prefixes_accepted(second: str) -> None:
    number = f"1{second}012345678"
    assert validate_mobile(number) == number


def test_mobile_starting_with_86_is_not_stripped_when_eleven_digits() -> None:
    # 11 digits: "86" is part of the number, not a country code, so the prefix is wrong.
    assert error_from(validate_mobile, "86123456789").code == "mobile_prefix"


@pytest.mark.parametrize(
    ("value", "length"),
    [("", 0), ("1381234567", 10), ("138123456789", 12), ("861381234567", 12), ("+86138123456", 9)],
)
def test_mobile_wrong_length(value: str, length: int) -> None:
    error = error_from(validate_mobile, value)
    assert error.code == "mobile_length"
    assert english(error) == f"The mobile number must be 11 digits, got {length}."


@pytest.mark.parametrize(
    ("value", "prefix"), [("12812345678", "12"), ("10012345678", "10"), ("23812345678", "23")]
)
def test_mobile_bad_prefix(value: str, prefix: str) -> None:
    error = error_from(validate_mobile, value)
    assert error.code == "mobile_prefix"
    assert english(error) == f"The mobile number must start with 13 to 19, got {prefix}."


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("1381234567a", '"a"'),
        ("(138)12345678", '"(", ")"'),
        ("+1 555 123 4567", '"+"'),
        ("138.1234.5678", '"."'),
    ],
)
def test_mobile_invalid_characters(value: str, named: str) -> None:
    error = error_from(validate_mobile, value)
    assert error.code == "mobile_characters"
    assert english(error).endswith(f"invalid characters: {named}.")


# --- Messages distinguish which identifier failed ------------------------------------


@pytest.mark.parametrize(
    ("func", "value", "code_prefix", "subject"),
    [
        (validate_id_number, "123", "id_number_", "The ID number"),
        (validate_id_number, "11010519491231002Y", "id_number_", "The ID number"),
        (validate_credit_code, "123", "credit_code_", "The unified social credit code"),
        (validate_credit_code, "91350100I000100Y43", "credit_code_", "The unified social credit"),
        (validate_mobile, "123", "mobile_", "The mobile number"),
        (validate_mobile, "1381234567a", "mobile_", "The mobile number"),
    ],
)
def test_messages_name_the_identifier(
    func: Callable[[str], str], value: str, code_prefix: str, subject: str
) -> None:
    error = error_from(func, value)
    assert error.code.startswith(code_prefix)
    assert english(error).startswith(subject)


@pytest.mark.parametrize(
    ("func", "value"),
    [
        (validate_id_number, "1"),
        (validate_id_number, "11010519491231002Y"),
        (validate_id_number, make_id("990101")),
        (validate_id_number, make_id(birth="19900230")),
        (validate_id_number, "110105194912310021"),
        (validate_credit_code, "1"),
        (validate_credit_code, "91350100I000100Y43"),
        (validate_credit_code, make_credit_code("91A50100M000100Y4")),
        (validate_credit_code, "91350100M000100Y44"),
        (validate_mobile, "1"),
        (validate_mobile, "1381234567a"),
        (validate_mobile, "12812345678"),
    ],
)
def test_messages_are_lazy_english_msgids(func: Callable[[str], str], value: str) -> None:
    error = error_from(func, value)
    assert isinstance(error.message, Promise)
    with override("en"):
        assert str(error.message).isascii()


def test_error_codes_are_distinct() -> None:
    codes = [
        error_from(validate_id_number, "1").code,
        error_from(validate_id_number, "11010519491231002Y").code,
        error_from(validate_id_number, make_id("990101")).code,
        error_from(validate_id_number, make_id(birth="19900230")).code,
        error_from(validate_id_number, "110105194912310021").code,
        error_from(validate_credit_code, "1").code,
        error_from(validate_credit_code, "91350100I000100Y43").code,
        error_from(validate_credit_code, make_credit_code("91A50100M000100Y4")).code,
        error_from(validate_credit_code, "91350100M000100Y44").code,
        error_from(validate_mobile, "1").code,
        error_from(validate_mobile, "1381234567a").code,
        error_from(validate_mobile, "12812345678").code,
    ]
    assert len(set(codes)) == len(codes)


# --- Masking -------------------------------------------------------------------------


def test_mask_id_number_exact() -> None:
    assert mask_id_number("150125199001011234") == "150125********1234"
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_mask_phone_exact() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_phone("8613812345678") == "138****5678"


@pytest.mark.parametrize("mask", [mask_id_number, mask_phone])
@pytest.mark.parametrize("value", [None, ""])
def test_mask_empty(mask: Callable[[str | None], str], value: str | None) -> None:
    assert mask(value) == ""


@pytest.mark.parametrize("length", range(1, 30))
def test_mask_id_number_unexpected_length_is_safe(length: int) -> None:
    value = "123456789ABCDEFGHJKLMNPQRTUWXY"[:length]
    masked = mask_id_number(value)
    assert len(masked) == length
    hidden = masked.count("*")
    assert hidden >= min(8, length)
    assert length - hidden <= 10
    # Every visible character is in its original place.
    assert all(m in ("*", v) for m, v in zip(masked, value, strict=True))
    assert masked[:6].rstrip("*") == value[: len(masked[:6].rstrip("*"))]


@pytest.mark.parametrize("length", range(1, 20))
def test_mask_phone_unexpected_length_is_safe(length: int) -> None:
    value = "9876543210987654321"[:length]
    masked = mask_phone(value)
    assert len(masked) == length
    hidden = masked.count("*")
    assert hidden >= min(4, length)
    assert length - hidden <= 7
    assert all(m in ("*", v) for m, v in zip(masked, value, strict=True))


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("123456789012345", "123456********5"),  # legacy 15-digit number
        ("12345678", "********"),
        ("1234567890", "12********"),
    ],
)
def test_mask_id_number_short_values(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"), [("1234", "****"), ("12345", "1****"), ("1381234567", "138****567")]
)
def test_mask_phone_short_values(value: str, masked: str) -> None:
    assert mask_phone(value) == masked


# --- Field validators --------------------------------------------------------------


@pytest.mark.parametrize(
    ("validator_class", "valid", "invalid", "code"),
    [
        (IdNumberValidator, "11010519491231002X", "110105194912310021", "id_number_checksum"),
        (CreditCodeValidator, "91350100M000100Y43", "91350100M000100Y44", "credit_code_checksum"),
        (MobileValidator, "+86 138 1234 5678", "12812345678", "mobile_prefix"),
    ],
)
def test_field_validators(
    validator_class: type[IdNumberValidator], valid: str, invalid: str, code: str
) -> None:
    validator = validator_class()
    assert validator(valid) is None
    assert error_from(validator, invalid).code == code

    field = forms.CharField(validators=[validator_class()])
    assert field.clean(valid) == valid.strip()
    with pytest.raises(ValidationError) as info:
        field.clean(invalid)
    assert info.value.error_list[0].code == code


@pytest.mark.parametrize(
    "validator_class", [IdNumberValidator, CreditCodeValidator, MobileValidator]
)
def test_field_validators_deconstruct(validator_class: type[IdNumberValidator]) -> None:
    validator = validator_class()
    path, args, kwargs = validator.deconstruct()
    assert path == f"zhengwu.common.identity.{validator_class.__name__}"
    assert (args, kwargs) == ((), {})
    serialised, imports = MigrationWriter.serialize(validator)
    assert serialised == f"{path}()"
    assert imports == {"import zhengwu.common.identity"}


def test_field_validators_equality() -> None:
    assert IdNumberValidator() == IdNumberValidator()
    assert hash(IdNumberValidator()) == hash(IdNumberValidator())
    assert IdNumberValidator() != CreditCodeValidator()
    assert CreditCodeValidator() != MobileValidator()

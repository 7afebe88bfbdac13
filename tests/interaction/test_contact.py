"""The writer's telephone: a mobile number or a landline with its area code."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from zhengwu.interaction.contact import validate_phone


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("13904791234", "13904791234"),
        ("139 0479 1234", "13904791234"),
        ("+86 139-0479-1234", "13904791234"),
        ("0479-4522345", "0479-4522345"),
        ("0479 4522345", "0479-4522345"),
        ("04794522345", "0479-4522345"),
        ("(0479)4522345", "0479-4522345"),
        ("（0479）4522345", "0479-4522345"),
        ("010-62345678", "010-62345678"),
        ("02162345678", "021-62345678"),
        ("0479-4522345-801", "0479-4522345-801"),
        ("0479-4522345转801", "0479-4522345-801"),
    ],
)
def test_good_numbers_are_stored_normalised(value, stored):
    assert validate_phone(value) == stored


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1390479123", "mobile_length"),  # one digit short: the mobile number's own message
        ("12904791234", "mobile_prefix"),
        ("4522345", "phone_invalid"),  # no area code
        ("0479-0522345", "phone_invalid"),  # a local number does not start with 0
        ("0479-45223", "phone_invalid"),
        ("电话", "phone_invalid"),
        ("", "required"),
    ],
)
def test_bad_numbers_are_refused_with_a_code(value, code):
    with pytest.raises(ValidationError) as refused:
        validate_phone(value)
    assert refused.value.code == code


def test_a_short_mobile_number_is_explained_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_phone("1390479123")
    assert refused.value.messages == ["手机号码应为 11 位数字，实际为 10 位。"]

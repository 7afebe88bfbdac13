"""The password policy: a length and a number of character classes (decision 0027).

Classified protection level 3 (GB/T 22239-2019, 8.1.4.1 a: identity authentication "with
complexity requirements") is assessed as passwords of at least 8–10 characters drawn from at least
three of upper case, lower case, digits and symbols. OWASP ASVS 4.0 (2.1.1, 2.1.9) asks for at
least 12 characters and no composition rules. zhengwu defaults to the assessors' reading — at
least ``ZHENGWU_PASSWORD_MIN_LENGTH`` (10) characters of ``ZHENGWU_PASSWORD_MIN_CLASSES`` (3)
classes — together with the breached-password list and the lock-out that both ask for; a county
that follows ASVS sets the length to 12 and the classes to 1.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and other characters (symbols, and letters
    without case such as Chinese characters) ``password`` uses."""
    kinds = set()
    for c in password:
        if c.isupper():
            kinds.add("upper")
        elif c.islower():
            kinds.add("lower")
        elif c in string.digits:
            kinds.add("digit")
        else:
            kinds.add("other")
    return len(kinds)


class CharacterClassesValidator:
    """At least ``min_classes`` of: upper case letters, lower case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = max(1, min(int(min_classes), 4))

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must use at least %(n)d kind of character: upper case letters,"
            " lower case letters, digits, symbols.",
            "Your password must use at least %(n)d of the four kinds of character: upper case"
            " letters, lower case letters, digits, symbols.",
            self.min_classes,
        ) % {"n": self.min_classes}


def password_problems(password: str, user=None) -> list[str]:
    """Every rule of the policy ``password`` breaks, as messages for the form (none if it is
    acceptable)."""
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []


def policy_summary() -> str:
    """The policy in one sentence, for the forms."""
    from django.contrib.auth.password_validation import password_validators_help_texts

    return " ".join(password_validators_help_texts()) or _("Any password is accepted.")

"""Removing personal data from a message before it is published.

A published consultation, complaint or letter shows what was asked and what the county answered,
never who asked. :func:`redact` replaces, in this order:

e-mail addresses
    ``name@example.cn`` → ``***``;
ID numbers and other long numbers
    an 18-character resident ID number (17 digits and a digit or ``X``), and any run of 15 or
    more digits (an old 15-digit ID number, a bank card) → ``***``;
mobile numbers
    11 digits starting ``13``–``19``, also written ``138 0013 8000`` / ``138-0013-8000`` or
    with ``+86`` → ``***``;
landlines
    an area code and a local number (``0479-4522345``, ``(0479)4522345``, ``04794522345``, with
    an extension), and a local number of 7 or 8 digits right after 电话/座机/手机/联系方式 →
    ``***``;
plate numbers
    a province's abbreviation, a letter and 5 (6 for a new-energy vehicle) letters or digits,
    with or without a dot (``蒙H·12345``, ``蒙HD12345``) → ``***``;
names
    the 2 to 4 characters after 姓名/我叫/名叫/本人叫/联系人, up to where the sentence goes on
    (a punctuation mark, 今年, 家住, 想, 咨询 …; when nothing marks the end, the next three
    characters) → ``×××``; and every occurrence of the names given (the submitter's own name,
    which the record holds).

Masks are symbols, not words, so a published text reads the same in every language. Names of
other people (a clerk named in a complaint, a neighbour) cannot be told from ordinary words
reliably: the disclosure office reads and edits the redacted text before it publishes it, and
:func:`personal_data_found` tells it what a text still seems to contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NAME_MASK = "×××"
MASK = "***"

EMAIL = "email"
ID_NUMBER = "id_number"
MOBILE = "mobile"
LANDLINE = "landline"
PLATE = "plate"
NAME = "name"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15,})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")
_LANDLINE = re.compile(
    r"(?<!\d)(?:[(（]0\d{2,3}[)）]|0\d{2,3})[-－\s]?[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?(?!\d)"
)
_PHONE_CUE = re.compile(
    r"(?P<cue>(?:联系|办公|固定|家庭)?(?:电话|座机|固话|手机)(?:号码?)?|联系方式|tel|TEL|Tel)"
    r"(?P<sep>[:：是为\s]*)(?P<number>[2-9]\d{6,7})(?!\d)"
)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"[{_PROVINCES}][A-HJ-NP-Za-hj-np-z][·•・.\s-]?[A-HJ-NP-Za-hj-np-z0-9]{{5,6}}"
    r"(?![A-Za-z0-9])"
)
_NAME_CUE = re.compile(r"(?:姓名|我叫|名叫|本人叫|联系人)[:：\s]*")
_HAN = r"[\u4e00-\u9fff·]"
# What may follow a name: the sentence goes on with one of these.
_AFTER_NAME = (
    r"[，。,.;；:：、\s！!？?（(）)]|$|是|今年|现年|家住|住在|住|现住|来自|系|的|在|于|想|要|"
    r"请|向|咨询|反映|投诉|举报|男|女|电话|手机|身份证|联系|户籍|年|岁|村民|居民|同志|"
    r"先生|女士"
)
_CUED_NAME = re.compile(rf"(?P<name>{_HAN}{{2,4}}?)(?={_AFTER_NAME})")
_ANY_NAME = re.compile(rf"{_HAN}{{1,3}}")

_PATTERNS = [
    (EMAIL, _EMAIL),
    (ID_NUMBER, _ID_NUMBER),
    (MOBILE, _MOBILE),
    (LANDLINE, _LANDLINE),
    (PLATE, _PLATE),
]


def _redact_cued_names(text: str) -> str:
    out, pos = [], 0
    for cue in _NAME_CUE.finditer(text):
        if cue.start() < pos:
            continue
        rest = cue.end()
        match = _CUED_NAME.match(text, rest) or _ANY_NAME.match(text, rest)
        if match is None:
            continue
        out.append(text[pos:rest])
        out.append(NAME_MASK)
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _given_names(names: Iterable[str]) -> list[str]:
    """The names to mask everywhere: at least two characters, the longest first."""
    cleaned = {n.strip() for n in names if n and len(n.strip()) >= 2}
    return sorted(cleaned, key=len, reverse=True)


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` with e-mail addresses, ID numbers, phone numbers, plate numbers and names masked;
    ``names`` are masked wherever they occur."""
    if not text:
        return ""
    for _kind, pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    text = _PHONE_CUE.sub(lambda m: f"{m.group('cue')}{m.group('sep')}{MASK}", text)
    for name in _given_names(names):
        text = text.replace(name, NAME_MASK)
    return _redact_cued_names(text)


def personal_data_found(text: str, *, names: Iterable[str] = ()) -> list[str]:
    """The kinds of personal data :func:`redact` would still remove from ``text`` (e.g. after an
    edit by hand), in a fixed order: ``email``, ``id_number``, ``mobile``, ``landline``,
    ``plate``, ``name``."""
    if not text:
        return []
    found = [kind for kind, pattern in _PATTERNS if pattern.search(text)]
    if LANDLINE not in found and _PHONE_CUE.search(text):
        found.append(LANDLINE)
    masked = text
    for _kind, pattern in _PATTERNS:
        masked = pattern.sub(MASK, masked)
    if any(name in text for name in _given_names(names)) or (_redact_cued_names(masked) != masked):
        found.append(NAME)
    return found

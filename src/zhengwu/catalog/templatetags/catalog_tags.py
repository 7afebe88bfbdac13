"""Template helpers of the catalog pages."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from zhengwu.org.roles import Role

register = template.Library()

# Chinese landlines (0479-4521234, 04794521234, 4521234), mobiles and the 12345 hotline.
PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|\d{7,8}|12345)(?![\d-])")


@register.filter
def tel_links(text: str) -> SafeString:
    """Escape ``text`` and make every telephone number in it a tap-to-call link."""
    text = str(text or "")
    parts: list[str] = []
    last = 0
    for match in PHONE.finditer(text):
        parts.append(escape(text[last : match.start()]))
        number = match.group(0)
        parts.append(format_html('<a href="tel:{}">{}</a>', number.replace("-", ""), number))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


@register.filter
def role_label(code: str) -> str:
    """The name of a role (``window_clerk`` → "window clerk"), or the text itself."""
    try:
        return str(Role(code).label)
    except ValueError:
        return code

"""No public page of the demo county shows an ID number or a mobile number in full, or holds
an inline script or style that the Content-Security-Policy would block.

The demo is loaded whole; an anonymous visitor then follows every link from the portal's home
page (and the public entry points of each register), and every HTML page reached is scanned for
valid 18-character ID numbers and for mainland mobile numbers, and for any applicant's or staff
member's own ID number or phone as stored.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from zhengwu.common.identity import validate_id_number
from zhengwu.demo.registry import DemoContext, demo_load
from zhengwu.org.models import User

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
LINK = re.compile(r"""href=["']([^"'#]+)["']""")
# Staff pages, the back office, account pages and the language switch are not public pages.
PRIVATE = ("/workbench/", "/admin/", "/accounts/", "/i18n/", "/static/", "/api/")
ENTRY_POINTS = [
    "/",
    "/catalog/",
    "/disclosure/",
    "/search/?q=通知",
    "/interaction/",
    "/cases/track/",
    "/calendar/",
]
# What the Content-Security-Policy (script-src and style-src 'self') would block in a page.
INLINE = re.compile(
    r"""<script(?![^>]*\bsrc=)(?![^>]*type=["']application/json)[^>]*>|<style\b"""
    r"""|\sstyle=["']|\son[a-z]+=["']""",
    re.IGNORECASE,
)
MAX_PAGES = 2500
MAX_VARIANTS = 4  # of one path with different query strings (pages of a list, filters)


def exposed(html: str) -> list[str]:
    """The valid ID numbers and the mobile numbers that ``html`` shows in full."""
    found = []
    for match in ID_NUMBER.finditer(html):
        try:
            validate_id_number(match.group())
        except ValidationError:
            continue  # a long number that is not an ID number (a document key, a date run)
        found.append(match.group())
    found += MOBILE.findall(html)
    return found


def test_the_scanner_finds_what_it_looks_for():
    html = "<p>身份证 152531196001010010，电话 13912345678；件号 20261204000000000001</p>"
    assert exposed(html) == ["152531196001010010", "13912345678"]
    assert exposed("<p>1525311960******10 139****5678</p>") == []


def crawl(client: Client) -> dict[str, str]:
    """Every public HTML page reachable from the entry points: {url: html}."""
    pages: dict[str, str] = {}
    queue = deque(ENTRY_POINTS)
    seen = set(queue)
    variants: Counter[str] = Counter()
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        for href in LINK.findall(html):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(PRIVATE) or href in seen:
                continue
            if parts.query:
                if variants[parts.path] >= MAX_VARIANTS:
                    continue
                variants[parts.path] += 1
            seen.add(href)
            queue.append(href)
    return pages


@pytest.mark.slow
@pytest.mark.django_db
def test_no_public_page_of_the_demo_shows_an_id_or_phone_number_in_full(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(DemoContext(report=lambda _message: None))
    stored = {
        value
        for id_number, phone in User.objects.values_list("id_number", "phone")
        for value in (id_number, phone)
        if value
    }
    assert len(stored) > 5  # the demo's applicants and staff have ID numbers and phones

    pages = crawl(Client())
    assert len(pages) > 200
    # The crawl reached the registers' public detail pages, not only their lists.
    for prefix in ("/catalog/", "/disclosure/", "/proposals/", "/decisions/", "/rules/"):
        assert sum(url.startswith(prefix) for url in pages) > 3, prefix

    leaks = {url: exposed(html) for url, html in pages.items() if exposed(html)}
    assert leaks == {}
    inline = {url: INLINE.findall(html)[:3] for url, html in pages.items() if INLINE.search(html)}
    assert inline == {}
    verbatim = {
        url: sorted(value for value in stored if value in html) for url, html in pages.items()
    }
    assert {url: values for url, values in verbatim.items() if values} == {}

"""Whole-page caching of public pages for anonymous visitors.

``public_page("catalog", "org")(view)`` serves a GET from the cache when the visitor is anonymous:
the key holds the request's language (the UI switches between zh-Hans, zh-Hant and en), its host,
path and query, and the current *version* of every namespace the page reads. A change of a model
of a namespace (``post_save``, ``post_delete``, ``m2m_changed``) bumps the namespace's version, at
once and again when the transaction commits, so no page built before the change is served again;
a version missing from the cache (evicted) is replaced by a new one, never an old one. The entries
also expire after ``ZHENGWU_PAGE_CACHE_SECONDS`` (default 300 s; 60 s with a cache local to the
process, where a change made by another process cannot bump the version).

What is never cached: anything but GET and HEAD; a visitor with a session or pending messages (a
logged-in user's name, their applications, a "done" message); a response other than a plain
200 (streaming, setting cookies, ``Cache-Control: private``/``no-store``); a page rendered inside
a transaction (it could show rows that are then rolled back — and so, in the test suite, where
every test runs in a transaction that is rolled back, pages are not cached unless the test is
transactional).

CSRF tokens: the portal's pages carry the language switch, a form with a CSRF token. The token of
the visitor whose request filled the cache is replaced by a placeholder in the stored copy, and
each later visitor gets their own token (``get_token``, which also sets their CSRF cookie), exactly
as if the page had been rendered for them.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers

#: The models each namespace's pages read; a change of any of them makes the pages new.
NAMESPACES: dict[str, tuple[str, ...]] = {
    "catalog": (
        "catalog.Power",
        "catalog.PowerVersion",
        "catalog.LegalBasis",
        "catalog.Material",
        "catalog.Fee",
        "catalog.Stage",
    ),
    "org": ("org.Division", "org.Department", "org.ServiceCentre"),
}

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,64})"')
CSRF_PLACEHOLDER = b"__zhengwu_csrf_token__"
MAX_QUERY = 512  # longer query strings are answered without the cache
VERSION_KEY = "zhengwu:page-version:{}"
STORED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Cache-Control")


def page_timeout() -> int:
    """Seconds a page is kept: a cache local to the process misses other processes' bumps."""
    local = isinstance(caches["default"], LocMemCache)
    return int(getattr(settings, "ZHENGWU_PAGE_CACHE_SECONDS", 60 if local else 300))


# --- versions -----------------------------------------------------------------------------


def _new_version() -> int:
    return time.time_ns()


def versions(namespaces: tuple[str, ...]) -> list[int]:
    """The current version of each namespace (a new one for a namespace the cache has lost)."""
    keys = [VERSION_KEY.format(name) for name in namespaces]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            value = _new_version()
            # add(): two processes creating it at once agree on one value.
            if not cache.add(key, value, timeout=None):
                value = cache.get(key, value)
            found[key] = value
    return [found[key] for key in keys]


def bump(*namespaces: str) -> None:
    """Make every cached page of these namespaces old."""
    cache.set_many({VERSION_KEY.format(name): _new_version() for name in namespaces}, timeout=None)


_BY_MODEL = {
    label: tuple(name for name, labels in NAMESPACES.items() if label in labels)
    for labels in NAMESPACES.values()
    for label in labels
}


def _changed(sender, **kwargs) -> None:
    names = _BY_MODEL.get(sender._meta.label)
    if not names:
        return
    bump(*names)  # at once: this process must not serve the old page in the meantime
    # and again once committed: a page cached while the transaction ran showed the old rows.
    transaction.on_commit(lambda: bump(*names), using=kwargs.get("using"))


def connect() -> None:
    """Bump the namespaces when their models change (idempotent)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"zhengwu.common.cache.{id(signal)}")


# --- pages --------------------------------------------------------------------------------


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # logged in, or a session holding something of the visitor's
    if CookieStorage.cookie_name in request.COOKIES:
        return False  # messages waiting to be shown
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY:
        return False
    return not _in_transaction()


def _in_transaction() -> bool:
    return connection.in_atomic_block


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def page_key(request, namespaces: tuple[str, ...]) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    stamp = ".".join(str(v) for v in versions(namespaces))
    return f"zhengwu:page:{translation.get_language()}:{stamp}:{digest}"


def _stored(response) -> dict:
    content = response.content
    tokens = set(CSRF_INPUT.findall(content))
    for token in tokens:
        content = content.replace(token, CSRF_PLACEHOLDER)
    return {
        "content": content,
        "csrf": bool(tokens),
        "headers": {name: response[name] for name in STORED_HEADERS if name in response},
    }


def _response(request, entry: dict) -> HttpResponse:
    content = entry["content"]
    if entry["csrf"]:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in entry["headers"].items():
        response[name] = value
    # What the page would have varied on had it been rendered (the session, the CSRF cookie).
    patch_vary_headers(response, ("Cookie",))
    return response


def public_page(*namespaces: str):
    """Cache a public view's page for anonymous visitors (see the module's docstring)."""
    connect()

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = page_key(request, namespaces)
            entry = cache.get(key)
            if entry is not None:
                return _response(request, entry)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _cacheable_response(response):
                cache.set(key, _stored(response), page_timeout())
            return response

        return wrapper

    return decorate

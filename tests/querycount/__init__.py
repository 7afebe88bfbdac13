"""Query-count tests of every list page and API list endpoint: the number of queries a list
takes must not grow with its rows (no N+1).

Each test builds a few rows, requests the list as a user who may see them, counts the queries,
adds more rows (with other departments, matters, applicants... so that a related lookup per
row would show), requests it again and asserts the same count, and that the new rows are on the
page (so that an empty page cannot pass). ``assert_constant_queries`` does all of it;
``covers`` records which url names and API paths a test covers, for ``test_coverage``.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

#: url names ("app:name") and API paths ("/api/...") covered by a query-count test.
COVERED: set[str] = set()


def covers(*targets: str):
    """Mark a test as the query-count test of these url names / API paths."""
    COVERED.update(targets)

    def mark(test):
        return test

    return mark


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    if "json" in kind:
        return json.dumps(response.json(), ensure_ascii=False)
    if "spreadsheet" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode()


def _shape(sql: str) -> str:
    return re.sub(r"\b\d+\b", "N", sql)[:300]


def _grown(before, after) -> str:
    was = Counter(_shape(q["sql"]) for q in before.captured_queries)
    now = Counter(_shape(q["sql"]) for q in after.captured_queries)
    return "\n".join(f"{was[sql]} -> {n}: {sql}" for sql, n in now.items() if n != was[sql])


class _Queries(list):
    @property
    def captured_queries(self):
        return self


def _counted(sql: str) -> bool:
    """The session's own writes (the session middleware saves it when the login time is set)
    and savepoints do not depend on the rows listed."""
    return not (sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) or '"django_session"' in sql)


def _get(client, url, data):
    for cache in caches.all():
        cache.clear()  # a cached page would hide its queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200, (url, response.status_code)
    return response, _Queries(q for q in queries.captured_queries if _counted(q["sql"]))


def assert_constant_queries(
    client,
    url: str,
    grow: Callable[[int], Iterable[str]],
    *,
    data: dict | None = None,
    first: int = 2,
    more: int = 5,
) -> int:
    """``grow(n)`` adds ``n`` rows to the list and returns strings that show them on it.

    Requests ``url`` with ``first`` rows, then with ``first + more``, and asserts the same
    number of queries both times and that every row added is listed. Returns the count.
    """
    marks = list(grow(first))
    client.get(url, data or {})  # warm the per-process caches (content types, templates)
    response, before = _get(client, url, data)
    text = _text(response)
    missing = [m for m in marks if m not in text]
    assert not missing, f"{url} does not list {missing}"
    marks = list(grow(more))
    response, after = _get(client, url, data)
    text = _text(response)
    missing = [m for m in marks if m not in text]
    assert not missing, f"{url} does not list {missing}"
    if len(after) != len(before):
        raise AssertionError(
            f"{url}: {len(before)} queries with {first} rows, {len(after)} with "
            f"{first + more}; the queries that multiplied:\n{_grown(before, after)}"
        )
    return len(after)

# Statements are put together from fixed fragments of this module; every value is a parameter.
# ruff: noqa: S608
"""Every vendor-specific statement of the search index, SQLite's and PostgreSQL's, in one place.

SQLite: ``search_text`` holds each item's pre-tokenised text (four streams: title grams, title
words, body grams, body words; ``search.text``), ``search_fts`` is an FTS5 index over it
(external content, ``ascii`` tokenizer: the streams are already tokens separated by spaces) and
``search_entry`` (the ``Entry`` model) holds the facts a search filters by. The index's rowid is
not the item id but the *document key* ``top-level category << 36 | item id``: the items of one
top-level category form one range of rowids, so a category's matches are counted by FTS5 alone
(``count(*)`` with a rowid range, no row read), and within a range rowids follow the item ids.
Ranking is FTS5's ``bm25`` with the title streams weighing ten times the body's.

PostgreSQL: ``search_entry.document`` is a ``tsvector`` written from the same streams as a
literal (positions and weights set here: A title grams, B title words, C body grams, D body
words; no text-search parser involved), with a GIN index. A term's phrase matches the gram
weights, its word alternative the word weights; ranking is ``ts_rank`` with weights
{D 0.1, C 0.1, B 1.0, A 1.0}.

A query arrives as ``text.Query``; each backend compiles it to its own match syntax.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from zhengwu.search.text import Query, Term

# --- the schema (run by the migration) -----------------------------------------------------

SQLITE_CREATE = [
    """CREATE TABLE search_text (
        doc INTEGER PRIMARY KEY,
        tg TEXT NOT NULL, tw TEXT NOT NULL, bg TEXT NOT NULL, bw TEXT NOT NULL
    )""",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        tg, tw, bg, bw,
        content='search_text', content_rowid='doc', tokenize='ascii', detail=full
    )""",
    # The title streams alone: which matches are in the title is read here, from short
    # position lists, not by a column filter over the bodies' long ones.
    """CREATE VIRTUAL TABLE search_title USING fts5(
        tg, tw, content='search_text', content_rowid='doc', tokenize='ascii', detail=full
    )""",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS search_title",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_text",
]

POSTGRES_CREATE = [
    "ALTER TABLE search_entry ADD COLUMN document tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_document_gin ON search_entry USING GIN (document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
]


def create_schema(schema_editor) -> None:
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop_schema(schema_editor) -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


# --- rows and filters ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One item as the index stores it."""

    item_id: int
    division_id: int
    category_id: int
    top_category_id: int
    kind: str
    published_on: datetime.date
    title_grams: str
    title_words: str
    body_grams: str
    body_words: str


@dataclass(frozen=True)
class Filters:
    """What a search is limited to. ``tops`` are the top-level categories searched (those of
    the division searched, or the one chosen); ``everywhere`` says they are all the index has,
    so that no condition on them is needed."""

    tops: tuple[int, ...]
    everywhere: bool = False
    category_id: int | None = None  # a sub-item (of the one top-level category in ``tops``)
    kind: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def without_category(self, tops: tuple[int, ...], everywhere: bool) -> Filters:
        return Filters(tops, everywhere, None, self.kind, self.date_from, self.date_to)

    @property
    def needs_entry(self) -> bool:
        """Whether a condition reads ``search_entry`` (beyond the top-level category)."""
        return any(v is not None for v in (self.category_id, self.kind, self.date_from,
                                            self.date_to))  # fmt: skip

    def sql(self) -> tuple[str, list]:
        """``AND …`` conditions on ``search_entry e`` (not the top-level categories) and their
        parameters."""
        parts, params = [], []
        for column, value in (("category_id", self.category_id), ("kind", self.kind)):
            if value is not None:
                parts.append(f"e.{column} = %s")
                params.append(value)
        if self.date_from is not None:
            parts.append("e.published_on >= %s")
            params.append(self.date_from)
        if self.date_to is not None:
            parts.append("e.published_on <= %s")
            params.append(self.date_to)
        return "".join(f" AND {p}" for p in parts), params


ENTRY_COLUMNS = "item_id, division_id, category_id, top_category_id, kind, published_on"


def _entry_values(row: Row) -> tuple:
    return (row.item_id, row.division_id, row.category_id, row.top_category_id, row.kind,
            row.published_on)  # fmt: skip


class Backend(ABC):
    """The index on one database vendor. A query's matches are read in three orders: by
    relevance (``ranked``), by item id, newest first, among the matches in the title or in the
    body only (``newest``), and by publication date (``dated``)."""

    @abstractmethod
    def write(self, rows: Sequence[Row]) -> None:
        """Add or replace these items."""

    @abstractmethod
    def delete(self, item_ids: Sequence[int]) -> None:
        """Take these items out of the index."""

    @abstractmethod
    def clear(self) -> None:
        """Empty the index (before a rebuild)."""

    @abstractmethod
    def bulk_load(self, rows: Sequence[Row]) -> None:
        """Add items known not to be in the index (after ``clear``)."""

    def start_load(self) -> None:  # noqa: B027 (an optional hook)
        """Before a rebuild's ``bulk_load`` calls."""

    def finish_load(self) -> None:  # noqa: B027 (an optional hook)
        """After a rebuild: merge the index, refresh the planner's statistics."""

    @abstractmethod
    def facets(self, query: Query, filters: Filters) -> dict[int, int]:
        """{top-level category id: matching items}, for the categories with matches."""

    @abstractmethod
    def count(self, query: Query, filters: Filters, *, title: bool = False) -> int:
        """How many items match (in their title streams, with ``title``)."""

    @abstractmethod
    def ranked(self, query, filters, *, limit: int, offset: int) -> list[tuple[int, float]]:
        """[(item id, score)] of one page of all the matches, best first."""

    @abstractmethod
    def newest(self, query, filters, *, part: str, limit: int, offset: int, size: int) -> list[int]:
        """Item ids of one page, highest first, of the matches in ``part``: "title" (the whole
        query matches in the title streams), "body" (the others) or "all". ``size`` is how many
        matches the part has (known to the caller), for the backend's choice of plan."""

    @abstractmethod
    def dated(self, query, filters, *, limit: int, offset: int) -> list[int]:
        """Item ids of one page of all the matches, latest publication date first."""


# --- SQLite FTS5 ---------------------------------------------------------------------------

SHIFT = 36  # item ids below 2**36; top-level category ids below 2**27
ITEM_MASK = (1 << SHIFT) - 1
COMPOUND_LIMIT = 400  # SELECTs per UNION ALL (SQLite allows 500)


def doc_key(top_category_id: int, item_id: int) -> int:
    """The rowid of an item in ``search_text`` and ``search_fts``."""
    return (top_category_id << SHIFT) | item_id


def _top_range(top: int) -> tuple[int, int]:
    return top << SHIFT, ((top + 1) << SHIFT) - 1


def _fts_phrase(term: Term) -> str:
    phrase = '"' + " ".join(term.tokens) + '"'
    return phrase + " *" if term.prefix else phrase


# FTS5's column filter: the title streams (title, document number and keywords).
TITLE_COLUMNS = "{tg tw}"


def fts5_match(query: Query, title: bool | None = None) -> str:
    """The FTS5 expression of ``query``: every term (in one of its readings) as the phrase of
    its grams; with ``title`` True, matching in the title streams, with False the matches that
    do not match there. There is no column filter otherwise: a term that is a jieba word of the
    text also matches in the word columns, which adds to its bm25 score and never to the set
    found (a word is a piece of the text)."""
    terms = []
    for alternatives in query.terms:
        terms.append("(" + " OR ".join(_fts_phrase(term) for term in alternatives) + ")")
    expression = " AND ".join(terms)
    if title is None:
        return expression
    in_title = f"{TITLE_COLUMNS} : ({expression})"
    return in_title if title else f"({expression}) NOT {in_title}"


def _chunks(values: Sequence, size: int):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class SqliteBackend(Backend):
    # bm25 weights of tg, tw, bg, bw: a term in the title counts ten times one in the body.
    WEIGHTS = "10.0, 10.0, 1.0, 1.0"
    JOIN = f" JOIN search_entry e ON e.item_id = (f.rowid & {ITEM_MASK})"

    def _delete_text(self, cursor, item_ids: Sequence[int]) -> None:
        marks = ", ".join(["%s"] * len(item_ids))
        docs = (
            f"SELECT (top_category_id << {SHIFT}) | item_id FROM search_entry"
            f" WHERE item_id IN ({marks})"
        )
        cursor.execute(
            "INSERT INTO search_fts (search_fts, rowid, tg, tw, bg, bw)"
            f" SELECT 'delete', doc, tg, tw, bg, bw FROM search_text WHERE doc IN ({docs})",
            list(item_ids),
        )
        cursor.execute(
            "INSERT INTO search_title (search_title, rowid, tg, tw)"
            f" SELECT 'delete', doc, tg, tw FROM search_text WHERE doc IN ({docs})",
            list(item_ids),
        )
        cursor.execute(f"DELETE FROM search_text WHERE doc IN ({docs})", list(item_ids))
        cursor.execute(f"DELETE FROM search_entry WHERE item_id IN ({marks})", list(item_ids))

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            self._delete_text(cursor, [r.item_id for r in rows])
            self._insert(cursor, rows)

    def _insert(self, cursor, rows: Sequence[Row]) -> None:
        cursor.executemany(
            f"INSERT INTO search_entry ({ENTRY_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)",
            [_entry_values(r) for r in rows],
        )
        texts = sorted(
            (doc_key(r.top_category_id, r.item_id), r.title_grams, r.title_words, r.body_grams,
             r.body_words) for r in rows
        )  # fmt: skip
        cursor.executemany(
            "INSERT INTO search_text (doc, tg, tw, bg, bw) VALUES (%s, %s, %s, %s, %s)", texts
        )
        cursor.executemany(
            "INSERT INTO search_fts (rowid, tg, tw, bg, bw) VALUES (%s, %s, %s, %s, %s)", texts
        )
        cursor.executemany(
            "INSERT INTO search_title (rowid, tg, tw) VALUES (%s, %s, %s)",
            [t[:3] for t in texts],
        )

    def delete(self, item_ids: Sequence[int]) -> None:
        if item_ids:
            with connection.cursor() as cursor:
                self._delete_text(cursor, item_ids)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            for table in self.TABLES:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
            cursor.execute("DELETE FROM search_text")
            cursor.execute("DELETE FROM search_entry")

    def bulk_load(self, rows: Sequence[Row]) -> None:
        with connection.cursor() as cursor:
            self._insert(cursor, rows)

    # While rebuilding, FTS5 keeps 16 MB of new terms in memory (not 1 MB) and does not merge
    # its segments as it goes: one merge at the end ('optimize'); twice as fast.
    LOAD_CONFIG = (("hashsize", 16 * 1024 * 1024), ("automerge", 0))
    DEFAULT_CONFIG = (("hashsize", 1024 * 1024), ("automerge", 4))

    TABLES = ("search_fts", "search_title")

    def _configure(self, cursor, settings) -> None:
        for table in self.TABLES:
            for name, value in settings:
                cursor.execute(
                    f"INSERT INTO {table} ({table}, rank) VALUES (%s, %s)", [name, value]
                )

    def start_load(self) -> None:
        with connection.cursor() as cursor:
            self._configure(cursor, self.LOAD_CONFIG)

    def finish_load(self) -> None:
        with connection.cursor() as cursor:
            self._configure(cursor, self.DEFAULT_CONFIG)
            for table in self.TABLES:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            cursor.execute("ANALYZE search_entry")

    # A result of up to FACET_SCAN matches is counted by category from its rowids (the top
    # category is in each); a larger one by one count(*) per category range, which reads no row
    # (FTS5 only walks its doclists): a word in 185,000 of 200,000 items is counted in the time
    # of one plain count. A part of up to SORT_SCAN matches is read newest first in one
    # statement (every rowid sorted); a larger one from the top of each category range.
    FACET_SCAN = 10_000
    SORT_SCAN = 30_000

    @staticmethod
    def _part(part: str) -> tuple[str, bool | None]:
        """The table and the ``fts5_match`` mode of a part."""
        return {"title": ("search_title", None), "body": ("search_fts", False),
                "all": ("search_fts", None)}[part]  # fmt: skip

    def _from(self, query, filters, *, table="search_fts", title=None, join=False):
        """`` FROM {table} f [JOIN search_entry e] WHERE …`` and its parameters, limited to
        the top-level categories of ``filters`` (no condition when they are all)."""
        where, params = filters.sql()
        scope, scope_params = "", []
        if not filters.everywhere and len(filters.tops) == 1:
            scope, scope_params = (
                " AND f.rowid BETWEEN %s AND %s",
                list(_top_range(filters.tops[0])),
            )
        elif not filters.everywhere:
            marks = ", ".join(["%s"] * len(filters.tops)) or "NULL"
            scope, scope_params = f" AND (f.rowid >> {SHIFT}) IN ({marks})", list(filters.tops)
        return (
            f" FROM {table} f" + (self.JOIN if join or filters.needs_entry else "")
            + f" WHERE {table} MATCH %s{scope}{where}",
            [fts5_match(query, title), *scope_params, *params],
        )  # fmt: skip

    def _per_top(self, select: str, query, filters, *, table="search_fts", title=None):
        """``select`` (over ``{table} f``, joined to ``search_entry e`` when a filter needs it)
        once per top-level category of ``filters``, within that category's rowid range:
        [(sql, params, top)]."""
        match = fts5_match(query, title)
        where, params = filters.sql()
        join = self.JOIN if filters.needs_entry else ""
        pieces = []
        for top in filters.tops:
            low, high = _top_range(top)
            pieces.append((
                select.format(table=table, join=join)
                + f" WHERE {table} MATCH %s AND f.rowid BETWEEN %s AND %s{where}",
                [match, low, high, *params],
                top,
            ))  # fmt: skip
        return pieces

    def facets(self, query, filters):
        sql, params = self._from(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT group_concat(doc >> {SHIFT}) FROM"
                f" (SELECT f.rowid AS doc{sql} LIMIT {self.FACET_SCAN + 1})",
                params,
            )
            joined = cursor.fetchone()[0]
            if not joined:
                return {}
            counts = Counter(joined.split(","))
            if counts.total() <= self.FACET_SCAN:
                return {int(top): n for top, n in counts.items()}
            found: dict[int, int] = {}
            pieces = self._per_top("SELECT count(*) FROM {table} f{join}", query, filters)
            for chunk in _chunks(pieces, COMPOUND_LIMIT):
                cursor.execute(
                    " UNION ALL ".join(f"SELECT %s, ({sql})" for sql, _p, _t in chunk),
                    [v for _s, p, top in chunk for v in (top, *p)],
                )
                found.update((top, n) for top, n in cursor.fetchall() if n)
        return found

    def count(self, query, filters, *, title=False):
        sql, params = self._from(query, filters, table="search_title" if title else "search_fts")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*){sql}", params)
            return cursor.fetchone()[0]

    def ranked(self, query, filters, *, limit, offset):
        sql, params = self._from(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid & {ITEM_MASK}, bm25(search_fts, {self.WEIGHTS}) AS score{sql}"
                " ORDER BY score, f.rowid DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [(item_id, -score) for item_id, score in cursor.fetchall()]

    def newest(self, query, filters, *, part, limit, offset, size):
        table, title = self._part(part)
        with connection.cursor() as cursor:
            if size <= self.SORT_SCAN:
                sql, params = self._from(query, filters, table=table, title=title)
                cursor.execute(
                    f"SELECT f.rowid & {ITEM_MASK} AS id{sql} ORDER BY id DESC LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
                return [item_id for (item_id,) in cursor.fetchall()]
            # Within a category's range rowids follow item ids: the newest of each category
            # are read from the top of its range, and merged here.
            want = offset + limit
            pieces = self._per_top(
                "SELECT f.rowid AS doc FROM {table} f{join}", query, filters, table=table,
                title=title,
            )  # fmt: skip
            found: list[int] = []
            for chunk in _chunks(pieces, COMPOUND_LIMIT):
                cursor.execute(
                    " UNION ALL ".join(
                        f"SELECT doc FROM ({sql} ORDER BY f.rowid DESC LIMIT %s)"
                        for sql, _p, _t in chunk
                    ),
                    [v for _s, p, _t in chunk for v in (*p, want)],
                )
                found.extend(doc & ITEM_MASK for (doc,) in cursor.fetchall())
        found.sort(reverse=True)
        return found[offset:want]

    def dated(self, query, filters, *, limit, offset):
        sql, params = self._from(query, filters, join=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.item_id{sql} ORDER BY e.published_on DESC, e.item_id DESC"
                " LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [item_id for (item_id,) in cursor.fetchall()]


# --- PostgreSQL full-text search -----------------------------------------------------------

# Each stream starts at its own position so that no phrase runs from one into the next;
# positions above 16,383 are kept at 16,383 by PostgreSQL (a very long body loses phrase
# precision at its end, never a match).
_PG_STREAMS = (("A", 1), ("B", 2001), ("C", 4001), ("D", 12001))


def _pg_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(row: Row) -> str:
    positions: dict[str, list[str]] = {}
    streams = (row.title_grams, row.title_words, row.body_grams, row.body_words)
    for (weight, start), stream in zip(_PG_STREAMS, streams, strict=True):
        for offset, token in enumerate(stream.split()):
            position = min(start + offset, 16383)
            positions.setdefault(token, []).append(f"{position}{weight}")
    return " ".join(f"{_pg_lexeme(t)}:{','.join(p[:255])}" for t, p in positions.items())


def tsquery_literal(query: Query, *, title: bool = False) -> str:
    """Every term as the phrase of its grams or as a word; in the title streams only (weights
    A and B) with ``title``, else in any (A–D)."""
    grams, words = ("A", "B") if title else ("AC", "BD")
    terms = []
    for alternatives in query.terms:
        options = []
        for term in alternatives:
            lexemes = [f"{_pg_lexeme(t)}:{grams}" for t in term.tokens]
            if term.prefix:
                lexemes[-1] = f"{_pg_lexeme(term.tokens[-1])}:*{grams}"
            options.append("(" + " <-> ".join(lexemes) + ")")
            if term.word:
                options.append(f"{_pg_lexeme(term.word)}:{words}")
        terms.append("(" + " | ".join(options) + ")")
    return " & ".join(terms)


class PostgresBackend(Backend):
    WEIGHTS = "'{0.1, 0.1, 1.0, 1.0}'"  # D, C, B, A

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_entry WHERE item_id = ANY(%s)", [[r.item_id for r in rows]]
            )
        self.bulk_load(rows)

    def delete(self, item_ids: Sequence[int]) -> None:
        if item_ids:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_entry WHERE item_id = ANY(%s)", [list(item_ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")

    def bulk_load(self, rows: Sequence[Row]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO search_entry ({ENTRY_COLUMNS}, document)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s::tsvector)",
                [(*_entry_values(r), tsvector_literal(r)) for r in rows],
            )

    def finish_load(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")

    def _where(self, query: Query, filters: Filters, part: str = "all"):
        where, params = filters.sql()
        if not filters.everywhere:
            where += " AND e.top_category_id = ANY(%s)"
            params.append(list(filters.tops))
        sql = " WHERE e.document @@ %s::tsquery"
        params = [tsquery_literal(query), *params]
        if part != "all":
            sql += " AND " + ("" if part == "title" else "NOT ") + "e.document @@ %s::tsquery"
            params.insert(1, tsquery_literal(query, title=True))
        return sql + where, params

    def facets(self, query, filters):
        where, params = self._where(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.top_category_id, count(*) FROM search_entry e{where} GROUP BY 1",
                params,
            )
            return dict(cursor.fetchall())

    def count(self, query, filters, *, title=False):
        where, params = self._where(query, filters, "title" if title else "all")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_entry e{where}", params)
            return cursor.fetchone()[0]

    def ranked(self, query, filters, *, limit, offset):
        where, params = self._where(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.item_id, ts_rank({self.WEIGHTS}, e.document, %s::tsquery) AS score"
                f" FROM search_entry e{where} ORDER BY score DESC, e.item_id DESC"
                " LIMIT %s OFFSET %s",
                [tsquery_literal(query), *params, limit, offset],
            )
            return [(item_id, float(score)) for item_id, score in cursor.fetchall()]

    def newest(self, query, filters, *, part, limit, offset, size):
        where, params = self._where(query, filters, part)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.item_id FROM search_entry e{where}"
                " ORDER BY e.item_id DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [item_id for (item_id,) in cursor.fetchall()]

    def dated(self, query, filters, *, limit, offset):
        where, params = self._where(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.item_id FROM search_entry e{where}"
                " ORDER BY e.published_on DESC, e.item_id DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [item_id for (item_id,) in cursor.fetchall()]


def backend() -> Backend:
    vendor = connection.vendor
    if vendor == "sqlite":
        return SqliteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise ImproperlyConfigured(f"Full-text search runs on SQLite or PostgreSQL, not on {vendor}.")


def chunks(items: Iterable, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch

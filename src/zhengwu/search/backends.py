# Statements are put together from fixed fragments of this module; every value is a parameter.
# ruff: noqa: S608
"""Every vendor-specific statement of the search index, SQLite's and PostgreSQL's, in one place.

SQLite: ``search_text`` holds each item's pre-tokenised text (four streams: title grams, title
words, body grams, body words; ``search.text``), ``search_fts`` is an FTS5 index over it
(external content, ``ascii`` tokenizer: the streams are already tokens separated by spaces) and
``search_entry`` (the ``Entry`` model) holds the facts a search filters by. Ranking is FTS5's
``bm25`` with the title streams weighing ten times the body's.

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
        item_id INTEGER PRIMARY KEY,
        tg TEXT NOT NULL, tw TEXT NOT NULL, bg TEXT NOT NULL, bw TEXT NOT NULL
    )""",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        tg, tw, bg, bw,
        content='search_text', content_rowid='item_id', tokenize='ascii', detail=full
    )""",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_text"]

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
    division_id: int | None = None
    category_id: int | None = None  # a sub-item
    top_category_id: int | None = None  # a category and all its sub-items
    kind: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def without_category(self) -> Filters:
        return Filters(self.division_id, None, None, self.kind, self.date_from, self.date_to)

    def sql(self) -> tuple[str, list]:
        """``AND …`` conditions on ``search_entry e`` and their parameters."""
        parts, params = [], []
        for column, value in (
            ("division_id", self.division_id),
            ("category_id", self.category_id),
            ("top_category_id", self.top_category_id),
            ("kind", self.kind),
        ):
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
    """The index on one database vendor."""

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
        """{top-level category id: matching items}."""

    @abstractmethod
    def count(self, query: Query, filters: Filters) -> int:
        """How many items match."""

    @abstractmethod
    def page(
        self,
        query: Query,
        filters: Filters,
        *,
        order: str,
        limit: int,
        offset: int,
        id_min: int | None = None,
        id_below: int | None = None,
    ) -> list[tuple[int, float]]:
        """[(item id, score)] of one page, best first (``order`` "relevance" or "date"),
        among the matches whose item id is at least ``id_min`` and below ``id_below``."""

    @abstractmethod
    def nth_newest(self, query: Query, filters: Filters, n: int) -> int | None:
        """The item id of the ``n``-th most recently indexed match (ids follow publication)."""


# --- SQLite FTS5 ---------------------------------------------------------------------------


def _fts_phrase(term: Term) -> str:
    phrase = '"' + " ".join(term.tokens) + '"'
    return phrase + " *" if term.prefix else phrase


def fts5_match(query: Query) -> str:
    """The FTS5 expression of ``query``: every term (in one of its readings) as the phrase of
    its grams. There is no column filter: a term that is a jieba word of the text also matches
    in the word columns, which adds to its bm25 score and never to the set found (a word is
    a piece of the text)."""
    terms = []
    for alternatives in query.terms:
        terms.append("(" + " OR ".join(_fts_phrase(term) for term in alternatives) + ")")
    return " AND ".join(terms)


class SqliteBackend(Backend):
    # bm25 weights of tg, tw, bg, bw: a term in the title counts ten times one in the body.
    WEIGHTS = "10.0, 10.0, 1.0, 1.0"

    def _delete_text(self, cursor, item_ids: Sequence[int]) -> None:
        marks = ", ".join(["%s"] * len(item_ids))
        cursor.execute(
            "INSERT INTO search_fts (search_fts, rowid, tg, tw, bg, bw)"
            " SELECT 'delete', item_id, tg, tw, bg, bw FROM search_text"
            f" WHERE item_id IN ({marks})",
            list(item_ids),
        )
        cursor.execute(f"DELETE FROM search_text WHERE item_id IN ({marks})", list(item_ids))
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
        texts = [(r.item_id, r.title_grams, r.title_words, r.body_grams, r.body_words)
                 for r in rows]  # fmt: skip
        cursor.executemany(
            "INSERT INTO search_text (item_id, tg, tw, bg, bw) VALUES (%s, %s, %s, %s, %s)",
            texts,
        )
        cursor.executemany(
            "INSERT INTO search_fts (rowid, tg, tw, bg, bw) VALUES (%s, %s, %s, %s, %s)", texts
        )

    def delete(self, item_ids: Sequence[int]) -> None:
        if item_ids:
            with connection.cursor() as cursor:
                self._delete_text(cursor, item_ids)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            cursor.execute("DELETE FROM search_text")
            cursor.execute("DELETE FROM search_entry")

    def bulk_load(self, rows: Sequence[Row]) -> None:
        with connection.cursor() as cursor:
            self._insert(cursor, rows)

    # While rebuilding, FTS5 keeps 16 MB of new terms in memory (not 1 MB) and does not merge
    # its segments as it goes: one merge at the end ('optimize'); twice as fast.
    LOAD_CONFIG = (("hashsize", 16 * 1024 * 1024), ("automerge", 0))
    DEFAULT_CONFIG = (("hashsize", 1024 * 1024), ("automerge", 4))

    def _configure(self, cursor, settings) -> None:
        for name, value in settings:
            cursor.execute(
                "INSERT INTO search_fts (search_fts, rank) VALUES (%s, %s)", [name, value]
            )

    def start_load(self) -> None:
        with connection.cursor() as cursor:
            self._configure(cursor, self.LOAD_CONFIG)

    def finish_load(self) -> None:
        with connection.cursor() as cursor:
            self._configure(cursor, self.DEFAULT_CONFIG)
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE search_entry")

    def _from(self, query: Query, filters: Filters) -> tuple[str, list]:
        where, params = filters.sql()
        return (
            " FROM search_fts f JOIN search_entry e ON e.item_id = f.rowid"
            f" WHERE search_fts MATCH %s{where}",
            [fts5_match(query), *params],
        )

    def facets(self, query: Query, filters: Filters) -> dict[int, int]:
        # SQLite's GROUP BY puts every matching row through a sorter (~0.5 µs a row: 90 ms for
        # a word in 185,000 items); the ids joined into one string and counted here take half.
        sql, params = self._from(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT group_concat(e.top_category_id){sql}", params)
            joined = cursor.fetchone()[0]
        if not joined:
            return {}
        return {int(top): n for top, n in Counter(joined.split(",")).items()}

    def count(self, query: Query, filters: Filters) -> int:
        sql, params = self._from(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*){sql}", params)
            return cursor.fetchone()[0]

    def nth_newest(self, query, filters, n):
        sql, params = self._from(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid{sql} ORDER BY f.rowid DESC LIMIT 1 OFFSET %s", [*params, n - 1]
            )
            row = cursor.fetchone()
            return row[0] if row else None

    def page(self, query, filters, *, order, limit, offset, id_min=None, id_below=None):
        sql, params = self._from(query, filters)
        by = "e.published_on DESC, f.rowid DESC" if order == "date" else "score, f.rowid DESC"
        if id_min is not None:
            sql += " AND f.rowid >= %s"
            params.append(id_min)
        if id_below is not None:
            sql += " AND f.rowid < %s"
            params.append(id_below)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid, bm25(search_fts, {self.WEIGHTS}) AS score{sql}"
                f" ORDER BY {by} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [(item_id, -score) for item_id, score in cursor.fetchall()]


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


def tsquery_literal(query: Query) -> str:
    terms = []
    for alternatives in query.terms:
        options = []
        for term in alternatives:
            lexemes = [f"{_pg_lexeme(t)}:AC" for t in term.tokens]
            if term.prefix:
                lexemes[-1] = f"{_pg_lexeme(term.tokens[-1])}:*AC"
            options.append("(" + " <-> ".join(lexemes) + ")")
            if term.word:
                options.append(f"{_pg_lexeme(term.word)}:BD")
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

    def _where(self, query: Query, filters: Filters) -> tuple[str, list]:
        where, params = filters.sql()
        return f" WHERE e.document @@ %s::tsquery{where}", [tsquery_literal(query), *params]

    def facets(self, query: Query, filters: Filters) -> dict[int, int]:
        where, params = self._where(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.top_category_id, count(*) FROM search_entry e{where} GROUP BY 1",
                params,
            )
            return dict(cursor.fetchall())

    def count(self, query: Query, filters: Filters) -> int:
        where, params = self._where(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_entry e{where}", params)
            return cursor.fetchone()[0]

    def nth_newest(self, query, filters, n):
        where, params = self._where(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.item_id FROM search_entry e{where}"
                " ORDER BY e.item_id DESC LIMIT 1 OFFSET %s",
                [*params, n - 1],
            )
            row = cursor.fetchone()
            return row[0] if row else None

    def page(self, query, filters, *, order, limit, offset, id_min=None, id_below=None):
        where, params = self._where(query, filters)
        by = (
            "e.published_on DESC, e.item_id DESC"
            if order == "date"
            else "score DESC, e.item_id DESC"
        )
        if id_min is not None:
            where += " AND e.item_id >= %s"
            params.append(id_min)
        if id_below is not None:
            where += " AND e.item_id < %s"
            params.append(id_below)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.item_id, ts_rank({self.WEIGHTS}, e.document, %s::tsquery) AS score"
                f" FROM search_entry e{where} ORDER BY {by} LIMIT %s OFFSET %s",
                [tsquery_literal(query), *params, limit, offset],
            )
            return [(item_id, float(score)) for item_id, score in cursor.fetchall()]


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

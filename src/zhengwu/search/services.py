"""Keeping the search index in step with published information.

The disclosure services call ``item_index`` inside the transaction that publishes, changes or
withdraws an item, so the index never shows what is not (or no longer) published;
``reindex`` rebuilds everything from the published items (``zhengwu search reindex``).
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable

from django.db import connection, transaction

from zhengwu.disclosure.models import Category, Item
from zhengwu.search import backends, text

CHUNK = 2_000  # items read, tokenised and written per batch
PARALLEL_FROM = 20_000  # from this many items on, tokenising runs in worker processes

_FIELDS = ("id", "division_id", "category_id", "kind", "published_on",
           "title", "document_number", "keywords", "body")  # fmt: skip


def _is_published(item: Item) -> bool:
    return item.status == Item.Status.PUBLISHED and item.published_on is not None


def _top_categories(categories=Category) -> dict[int, int]:
    """{category id: id of its top-level category}."""
    parents = dict(categories.objects.values_list("id", "parent_id"))
    tops = {}
    for category_id in parents:
        top, seen = category_id, set()
        while parents.get(top) is not None and top not in seen:
            seen.add(top)
            top = parents[top]
        tops[category_id] = top
    return tops


def _row(values: tuple, streams: tuple[str, ...], tops: dict[int, int]) -> backends.Row:
    item_id, division_id, category_id, kind, published_on = values[:5]
    return backends.Row(
        item_id, division_id, category_id, tops.get(category_id, category_id), kind,
        published_on, *streams,
    )  # fmt: skip


def item_index(item: Item) -> bool:
    """Put ``item`` into the index as it is now if it is published, else take it out.
    Returns whether it is in the index."""
    if not _is_published(item):
        item_remove(item)
        return False
    category = Category.objects.only("id", "parent_id").get(pk=item.category_id)
    top = category.pk
    while category.parent_id is not None:
        category = Category.objects.only("id", "parent_id").get(pk=category.parent_id)
        top = category.pk
    values = tuple(getattr(item, f) for f in ("pk", "division_id", "category_id", "kind",
                                               "published_on"))  # fmt: skip
    streams = text.document(item.title, item.document_number, item.keywords, item.body)
    backends.backend().write([_row(values, streams, {item.category_id: top})])
    return True


def item_remove(item: Item) -> None:
    """Take ``item`` out of the index (nothing happens when it is not there)."""
    backends.backend().delete([item.pk])


def _published(items=Item):
    return items.objects.filter(status=Item.Status.PUBLISHED.value, published_on__isnull=False)


def _published_chunks(items=Item):
    """The published items' indexed fields, CHUNK at a time, by primary key."""
    published = _published(items)
    last = 0
    while True:
        batch = list(published.filter(pk__gt=last).order_by("pk").values_list(*_FIELDS)[:CHUNK])
        if not batch:
            return
        last = batch[-1][0]
        yield batch


def _tokenised(chunks, workers: int):
    """(chunk, streams of each item) in order; tokenising runs ahead in ``workers``
    processes while the caller writes."""
    if workers <= 0 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield chunk, text.documents([v[5:] for v in chunk])
        return
    # Forked, not spawned: a spawned worker imports the parent's __main__ again, which runs the
    # command itself when it was started as ``python -m zhengwu``. The workers only tokenise
    # (no database access) and leave through os._exit, so the inherited connection is unused.
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending = []
        for chunk in chunks:
            pending.append((chunk, pool.submit(text.documents, [v[5:] for v in chunk])))
            if len(pending) > workers * 2:
                chunk, future = pending.pop(0)
                yield chunk, future.result()
        for chunk, future in pending:
            yield chunk, future.result()


def reindex(
    progress: Callable[[int, int], None] | None = None, *, items=Item, categories=Category
) -> int:
    """Rebuild the whole index from the published items, in one transaction; returns how
    many were indexed. ``progress(done, total)`` is called after every batch. ``items`` and
    ``categories`` are the models read (a migration passes its historical ones)."""
    published = _published(items)
    backend = backends.backend()
    done = 0
    with transaction.atomic():
        total = published.count()
        cpus = os.cpu_count() or 1
        workers = max(1, cpus - 1) if total >= PARALLEL_FROM and cpus > 1 else 0
        tops = _top_categories(categories)
        with _big_cache():
            backend.clear()
            backend.start_load()
            if progress:
                progress(0, total)
            for chunk, streams in _tokenised(_published_chunks(items), workers):
                backend.bulk_load([_row(v, s, tops) for v, s in zip(chunk, streams, strict=True)])
                done += len(chunk)
                if progress:
                    progress(done, total)
            backend.finish_load()
    return done


class _big_cache:
    """A larger SQLite page cache while the index is rebuilt (FTS5 merges its segments in it)."""

    def __enter__(self):
        self.old = None
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                self.old = cursor.fetchone()[0]
                cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
        return self

    def __exit__(self, *exc):
        if self.old is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self.old)}")
        return False

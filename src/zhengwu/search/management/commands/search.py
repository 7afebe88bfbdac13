"""``zhengwu search``: the full-text index of published information.

- ``reindex``: rebuild the index from every published item (progress bar on stderr), print how
  many were indexed;
- ``query "..."``: print the top hits of a search (for operators checking the index).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from zhengwu.search import services
from zhengwu.search.selectors import search_items


class Command(BaseCommand):
    help = "The full-text search index: reindex, query."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("reindex", help="rebuild the index from every published item")
        query = sub.add_parser("query", help="print the top hits of a search")
        query.add_argument("text", help="the search, as typed in the search box")
        query.add_argument("--limit", type=int, default=10, help="hits to print (default 10)")
        query.add_argument("--by-date", action="store_true", help="newest first")

    def handle(self, *args, action, **options):
        if action == "reindex":
            self.reindex()
        else:
            self.query(options["text"], options["limit"], options["by_date"])

    def reindex(self):
        bar = tqdm(unit="item", desc="indexing", file=sys.stderr, disable=None)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            count = services.reindex(progress=progress)
        finally:
            bar.close()
        self.stdout.write(f"{count} items indexed.")

    def query(self, text: str, limit: int, by_date: bool):
        result = search_items(
            text, per_page=max(1, limit), order="date" if by_date else "relevance"
        )
        if result.message:
            self.stdout.write(result.message)
            return
        noun = "item matches" if result.total == 1 else "items match"
        self.stdout.write(f"{result.total} {noun} {result.query!r}.")
        for n, hit in enumerate(result.hits, start=1):
            item = hit.item
            number = f"  {item.document_number}" if item.document_number else ""
            self.stdout.write(
                f"{n:>3}. [{hit.score:.3f}] {item.published_on}  {item.title}{number}"
                f"  (#{item.pk}, {item.category_code})"
            )

"""What the search index holds besides the text: one row per published item, with the facts
a search filters and counts by. The text index itself is vendor-specific (``search.backends``):
an FTS5 table over the pre-tokenised text on SQLite, a ``tsvector`` column of this table on
PostgreSQL."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RowidField(models.BigIntegerField):
    """A 64-bit integer that is SQLite's ``INTEGER`` as primary key, i.e. the rowid itself: a
    search joins the text index to this table by rowid once per match, and a ``bigint``
    primary key would add a second B-tree to every lookup."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class Entry(models.Model):
    # Plain ids (no foreign keys): the index is rebuilt from the items, never edited by hand,
    # and its rows must be cheap to write in bulk. An item that is deleted rather than
    # withdrawn stays counted until the next reindex (its hits are skipped).
    item_id = RowidField(_("information item"), primary_key=True)
    division_id = models.BigIntegerField(_("division"))
    category_id = models.BigIntegerField(_("category"))
    top_category_id = models.BigIntegerField(_("top-level category"))
    kind = models.CharField(_("kind"), max_length=16)
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self) -> str:
        return f"entry {self.item_id}"

"""A county with the default disclosure catalog, and published items in it, for the search
tests."""

from __future__ import annotations

import datetime

from tests.factories import CountyFactory, DepartmentFactory
from zhengwu.disclosure.catalog import catalog_create_defaults
from zhengwu.disclosure.models import Category, Item
from zhengwu.search.services import item_index


class World:
    def __init__(self):
        self.county = CountyFactory()
        catalog_create_defaults(actor=None, division=self.county)
        self.department = DepartmentFactory(division=self.county, name="多伦县住房和城乡建设局")
        self.categories = {c.code: c for c in Category.objects.filter(division=self.county)}

    def item(
        self,
        title: str,
        body: str = "正文。",
        *,
        category: str = "15.02",
        published_on: datetime.date = datetime.date(2026, 3, 2),
        status: str = Item.Status.PUBLISHED,
        index: bool = True,
        **fields,
    ) -> Item:
        item = Item.objects.create(
            division=self.county,
            department=self.department,
            category=self.categories[category],
            title=title,
            body=body,
            created_on=published_on - datetime.timedelta(days=3),
            published_on=published_on if status == Item.Status.PUBLISHED else None,
            status=status,
            **fields,
        )
        if index:
            item_index(item)
        return item

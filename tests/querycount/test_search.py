"""Query count of the public search's result list."""

from __future__ import annotations

from itertools import count

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import DepartmentFactory
from tests.querycount import assert_constant_queries, covers
from tests.search.world import World

pytestmark = pytest.mark.django_db
_n = count(1)


@covers("search:search")
def test_search():
    cache.clear()
    world = World()
    categories = ["15.01", "15.02", "15.03"]

    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            world.department = DepartmentFactory(division=world.county, name=f"多伦县发布局{i}")
            title = f"草原防火通告第{i}号"
            item = world.item(title, "严禁野外用火。", category=categories[i % 3])
            titles.append(f"/disclosure/items/{item.pk}/")  # the hit's link
        return titles

    assert_constant_queries(Client(), "/search/", grow, data={"q": "草原防火"})

"""Query count of the annual report's drafts list."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.querycount import assert_constant_queries, covers
from tests.reports.test_drafts import make_world
from zhengwu.reports import services

pytestmark = pytest.mark.django_db
_n = count(1)


@covers("reports:annual_list")
def test_drafts():
    world = make_world()

    def grow(n):
        numbers = []
        for _ in range(n):
            i = next(_n)
            draft = services.annual_report_create(
                actor=world.legal, division=world.county, year=1990 + i,
                document_number=f"多政报〔{1991 + i}〕{i}号", dated=datetime.date(1991 + i, 1, 10),
            )  # fmt: skip
            numbers.append(draft.document_number)
        return numbers

    client = Client()
    client.force_login(world.legal)
    assert_constant_queries(client, "/reports/annual/", grow)

"""Query counts of the normative-document registry, its export, the public list, the
clean-ups (public and the office's), a clean-up's documents and the API lists."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.factories import DepartmentFactory, Role, StaffFactory
from tests.querycount import assert_constant_queries, covers
from tests.rulemaking.factories import DraftFactory, make_world, publish
from zhengwu.rulemaking import services
from zhengwu.rulemaking.models import CleanupEntry

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def world():
    return make_world()


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def documents(world, *, published=False):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            world.drafting = DepartmentFactory(division=world.county, name=f"多伦县起草局{i}")
            world.drafter = StaffFactory(department=world.drafting, roles=[Role.REVIEWER])
            title = f"多伦县第{i}号管理办法"
            if published or i % 2:
                publish(world, on=D(2026, 3, 2), title=title)
            else:
                DraftFactory(world=world, title=title)
            titles.append(title)
        return titles

    return grow


@covers("rulemaking:registry")
def test_registry(world):
    assert_constant_queries(client_for(world.legal), "/rules/registry/", documents(world))


@covers("rulemaking:registry_export")
def test_registry_export(world):
    assert_constant_queries(
        client_for(world.legal), "/rules/registry/export.xlsx", documents(world)
    )


@covers("/api/rules/documents")
def test_api_documents(world):
    assert_constant_queries(client_for(world.legal), "/api/rules/documents", documents(world))


@covers("rulemaking:public_list")
def test_public_list(world):
    assert_constant_queries(client_for(), "/rules/", documents(world, published=True))


def campaigns(world, *, closed=False):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            document = publish(world, on=D(2026, 3, 2), title=f"清理对象{i}号办法")
            campaign = services.campaign_open(
                actor=world.legal, department=world.legal_office, kind="special",
                title=f"第{i}次专项清理", topic="营商环境", criteria="妨碍公平竞争",
                basis="国务院通知", documents=[document], on=D(2026, 4, 1),
            )  # fmt: skip
            if closed:
                services.cleanup_decide(actor=world.legal, entry=campaign.entries.get(),
                                        decision="keep", on=D(2026, 4, 2))  # fmt: skip
                services.campaign_close(actor=world.legal, campaign=campaign, on=D(2026, 4, 3))
            titles.append(campaign.title)
        return titles

    return grow


@covers("rulemaking:campaigns")
def test_campaigns(world):
    assert_constant_queries(client_for(world.legal), "/rules/cleanups/office/", campaigns(world))


@covers("/api/rules/cleanups")
def test_api_cleanups(world):
    assert_constant_queries(client_for(world.legal), "/api/rules/cleanups", campaigns(world))


@covers("rulemaking:public_cleanups")
def test_public_cleanups(world):
    assert_constant_queries(client_for(), "/rules/cleanups/", campaigns(world, closed=True))


@covers("rulemaking:campaign")
def test_a_cleanups_documents(world):
    first = publish(world, on=D(2026, 3, 2), title="清理起点办法")
    campaign = services.campaign_open(
        actor=world.legal, department=world.legal_office, kind="special", title="专项清理",
        topic="营商环境", criteria="妨碍公平竞争", basis="国务院通知", documents=[first],
        on=D(2026, 4, 1),
    )  # fmt: skip

    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            world.drafting = DepartmentFactory(division=world.county, name=f"多伦县清理局{i}")
            world.drafter = StaffFactory(department=world.drafting, roles=[Role.REVIEWER])
            document = publish(world, on=D(2026, 3, 2), title=f"待清理第{i}号办法")
            entry = CleanupEntry.objects.create(campaign=campaign, document=document)
            if i % 2:
                services.cleanup_decide(actor=world.legal, entry=entry, decision="amend",
                                        reasons="需修改", on=D(2026, 4, 2))  # fmt: skip
            titles.append(document.title)
        return titles

    url = f"/rules/cleanups/office/{campaign.pk}/"
    assert_constant_queries(client_for(world.legal), url, grow)

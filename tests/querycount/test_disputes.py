"""Query counts of the dispute register, its export, the sweeps, a sweep's disputes and the
API lists."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.disputes.factories import make_world, register
from tests.querycount import assert_constant_queries, covers
from zhengwu.disputes import services
from zhengwu.org.models import Division

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def world():
    return make_world()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def disputes(world, **fields):
    def grow(n):
        numbers = []
        for _ in range(n):
            i = next(_n)
            township = world.township if i % 2 else world.other_township
            village = Division.objects.create(
                code=f"{township.code[:9]}{i:03d}", name=f"第{i}村", parent=township,
                level=Division.Level.VILLAGE,
            )  # fmt: skip
            staff = world.township_staff if i % 2 else world.other_staff
            extra = dict(fields)
            if i % 3 == 0:
                extra.setdefault("accepted_on", D(2026, 3, 3))
            dispute = register(world, actor=staff, township=township, village=village,
                               summary=f"邻里纠纷{i}", mediator=f"调解员{i}", **extra)  # fmt: skip
            if i % 3 == 0:
                services.dispute_succeed(actor=staff, dispute=dispute, agreement_form="oral",
                                         on=D(2026, 3, 5))  # fmt: skip
            numbers.append(dispute.number)
        return numbers

    return grow


@covers("disputes:register")
def test_register(world):
    assert_constant_queries(client_for(world.legal), "/disputes/", disputes(world))


@covers("disputes:register_export")
def test_register_export(world):
    assert_constant_queries(client_for(world.legal), "/disputes/export.xlsx", disputes(world))


@covers("/api/disputes/disputes")
def test_api_list(world):
    assert_constant_queries(client_for(world.legal), "/api/disputes/disputes", disputes(world))


def campaigns(world):
    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            campaign = services.campaign_create(
                actor=world.legal, organiser=world.legal_office, name=f"第{i}次排查",
                kind="special", started_on=D(2026, 4, 1), ended_on=D(2026, 4, 30),
            )  # fmt: skip
            names.append(campaign.name)
        return names

    return grow


@covers("disputes:campaigns")
def test_campaigns(world):
    assert_constant_queries(client_for(world.legal), "/disputes/campaigns/", campaigns(world))


@covers("/api/disputes/campaigns")
def test_api_campaigns(world):
    assert_constant_queries(client_for(world.legal), "/api/disputes/campaigns", campaigns(world))


@covers("disputes:campaign")
def test_a_campaigns_disputes(world):
    campaign = services.campaign_create(
        actor=world.legal, organiser=world.legal_office, name="2026年3月排查", kind="monthly",
        started_on=D(2026, 3, 1), ended_on=D(2026, 3, 31),
    )  # fmt: skip
    grow = disputes(world, found_on=D(2026, 3, 3), how_found="sweep", accepted_on=D(2026, 3, 3))
    assert_constant_queries(client_for(world.legal), f"/disputes/campaigns/{campaign.pk}/", grow)

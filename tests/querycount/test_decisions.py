"""Query counts of the major-decision register, its export, the public list and the API list."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.decisions.factories import adopted, make_world, new_decision
from tests.factories import DepartmentFactory, Role, StaffFactory
from tests.querycount import assert_constant_queries, covers

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def world():
    return make_world()


def grower(world, *, published=False):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            world.undertaking = DepartmentFactory(division=world.county, name=f"多伦县决策局{i}")
            world.undertaker = StaffFactory(department=world.undertaking, roles=[Role.REVIEWER])
            if published or i % 2:
                decision = adopted(world, start=D(2026, 3, 2), publish_on=D(2026, 6, 1))
            else:
                decision = new_decision(world)
            titles.append(decision.title)
        return titles

    return grow


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@covers("decisions:register")
def test_register(world):
    assert_constant_queries(client_for(world.legal), "/decisions/register/", grower(world))


@covers("decisions:register_export")
def test_register_export(world):
    assert_constant_queries(
        client_for(world.legal), "/decisions/register/export.xlsx", grower(world)
    )


@covers("decisions:public_list")
def test_public_list(world):
    assert_constant_queries(Client(), "/decisions/", grower(world, published=True))


@covers("/api/decisions/decisions")
def test_api_list(world):
    assert_constant_queries(client_for(world.legal), "/api/decisions/decisions", grower(world))


def test_the_stage_read_from_annotations_is_the_stage_read_row_by_row(world):
    from tests.decisions.factories import prepare
    from zhengwu.decisions import selectors, services
    from zhengwu.decisions.models import MajorDecision

    blocked = new_decision(world)
    commenting = new_decision(world)
    services.comment_open(actor=world.undertaker, decision=commenting, channel="网站",
                          on=D(2026, 3, 2))  # fmt: skip
    ready = prepare(world, new_decision(world), start=D(2026, 3, 2))
    no_risk = prepare(world, new_decision(world, needs_risk=True), start=D(2026, 3, 2), risk=False)
    stages = {
        d.pk: selectors.stage(d) for d in selectors.with_stage_flags(MajorDecision.objects.all())
    }
    plain = {d.pk: selectors.stage(d) for d in MajorDecision.objects.all()}
    assert stages == plain
    assert [stages[d.pk] for d in (blocked, commenting, ready, no_risk)] == [
        "blocked", "comment", "ready", "blocked"
    ]  # fmt: skip

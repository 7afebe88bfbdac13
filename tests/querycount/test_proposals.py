"""Query counts of the register of deputies' suggestions and CPPCC proposals, its export, the
sessions, the public replies and the API lists."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.factories import DepartmentFactory, Role, StaffFactory
from tests.proposals.factories import make_world, register, replied
from tests.querycount import assert_constant_queries, covers
from zhengwu.proposals import services

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


def proposals(world, *, published=False):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            world.lead = DepartmentFactory(division=world.county, name=f"多伦县承办局{i}")
            world.lead_head = StaffFactory(department=world.lead, roles=[Role.DEPARTMENT_HEAD])
            title = f"关于第{i}项工作的建议"
            session = world.deputies if i % 2 else world.cppcc
            proposers = [(f"代表{i}", f"第{i}代表团", True), (f"附议{i}", "界别")]
            if published or i % 2:
                proposal = replied(world, title=title, session=session, proposers=proposers)
                services.proposal_publish_reply(actor=world.legal, proposal=proposal,
                                                on=D(2012, 5, 25))  # fmt: skip
            else:
                register(world, title=title, session=session, proposers=proposers)
            titles.append(title)
        return titles

    return grow


@covers("proposals:register")
def test_register(world):
    assert_constant_queries(client_for(world.legal), "/proposals/register/", proposals(world))


@covers("proposals:register_export")
def test_register_export(world):
    assert_constant_queries(
        client_for(world.legal), "/proposals/register/export.xlsx", proposals(world)
    )


@covers("/api/proposals/proposals")
def test_api_list(world):
    assert_constant_queries(client_for(world.legal), "/api/proposals/proposals", proposals(world))


@covers("proposals:public_list")
def test_public_list(world):
    assert_constant_queries(client_for(), "/proposals/", proposals(world, published=True))


@covers("/api/proposals/replies")
def test_api_public_replies(world):
    assert_constant_queries(
        client_for(), "/api/proposals/replies", proposals(world, published=True)
    )


@covers("proposals:sessions")
def test_sessions(world):
    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            session = services.session_create(
                actor=world.legal, division=world.county, kind="deputy",
                name=f"第{i}次会议", year=2013, opened_on=D(2013, 2, 20),
            )  # fmt: skip
            names.append(session.name)
        return names

    assert_constant_queries(client_for(world.legal), "/proposals/sessions/", grow)

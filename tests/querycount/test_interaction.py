"""Query counts of the government-public interaction: the published messages, the inbox and
a writer's own messages."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import DepartmentFactory, Role, StaffFactory
from tests.interaction.world import build_world, on, submit
from tests.querycount import assert_constant_queries, covers
from zhengwu.interaction import services
from zhengwu.interaction.models import Message

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)
KINDS = [Message.Kind.COMPLAINT, Message.Kind.CONSULTATION, Message.Kind.MAILBOX]


@pytest.fixture
def w():
    cache.clear()  # the submission limits count in the cache
    yield build_world()
    cache.clear()


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def messages(w, *, answered=False, published=False, actor=None):
    def grow(n):
        subjects = []
        for _ in range(n):
            i = next(_n)
            subject = f"第{i}件群众来信"
            message = submit(w, kind=KINDS[i % 3], subject=subject, actor=actor,
                             phone=f"139047{i:05d}", name=f"来信人{i}").message  # fmt: skip
            if answered or published or i % 2:
                department = DepartmentFactory(division=w.county, name=f"多伦县答复局{i}")
                reviewer = StaffFactory(department=department, roles=[Role.REVIEWER])
                with on(D(2026, 10, 8)):
                    services.message_route(actor=w.office, message=message, department=department)
                    if answered or published:
                        services.message_answer(actor=reviewer, message=message,
                                                answer=f"答复{i}：请到窗口办理。")  # fmt: skip
                if published:
                    with on(D(2026, 10, 9)):
                        services.message_publish(actor=w.office, message=message)
            subjects.append(subject)
        return subjects

    return grow


@covers("interaction:index")
def test_published(w):
    assert_constant_queries(client_for(), "/interaction/", messages(w, published=True))


@covers("interaction:inbox")
def test_inbox(w):
    assert_constant_queries(client_for(w.office), "/interaction/inbox/", messages(w))


@covers("interaction:mine")
def test_mine(w):
    url = "/interaction/mine/"
    assert_constant_queries(client_for(w.citizen), url, messages(w, actor=w.citizen))

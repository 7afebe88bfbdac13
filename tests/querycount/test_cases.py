"""Query counts of the cases: the window's intake queue, the reviewers' tasks, an applicant's
own cases, and the API lists (cases, intake, tasks)."""

from __future__ import annotations

from itertools import count

import pytest
from django.core.cache import cache
from django.test import Client

from tests.cases.world import build_world, pdf
from tests.factories import CitizenFactory
from tests.querycount import assert_constant_queries, covers
from zhengwu.cases import services

pytestmark = pytest.mark.django_db
_n = count(1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return build_world()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def cases(w, *, accept=False, applicant=None):
    """Applications by new applicants (or ``applicant``) for the joint and the simple matter;
    ``accept``: accepted at the window, so that their review tasks open."""

    def grow(n):
        numbers = []
        for _ in range(n):
            i = next(_n)
            who = applicant or CitizenFactory()
            power = w.joint if i % 2 else w.simple
            case = services.case_submit(actor=who, applicant=who, power=power,
                                        idempotency_key=f"qc-{i}", files=[pdf()]).case  # fmt: skip
            if accept:
                services.case_accept(actor=w.clerk, case=case)
            numbers.append(case.number)
        return numbers

    return grow


@covers("cases:intake")
def test_intake(w):
    assert_constant_queries(client_for(w.clerk), "/cases/intake/", cases(w))


@covers("/api/cases/intake")
def test_api_intake(w):
    assert_constant_queries(client_for(w.clerk), "/api/cases/intake", cases(w))


@covers("cases:tasks")
def test_tasks(w):
    assert_constant_queries(client_for(w.reviewer), "/cases/tasks/", cases(w, accept=True))


@covers("/api/tasks")
def test_api_tasks(w):
    assert_constant_queries(client_for(w.reviewer), "/api/tasks", cases(w, accept=True))


@covers("/api/cases")
def test_api_cases(w):
    assert_constant_queries(client_for(w.reviewer), "/api/cases", cases(w, accept=True))


@covers("cases:mine")
def test_my_cases(w):
    url = "/cases/mine/"
    assert_constant_queries(client_for(w.citizen), url, cases(w, applicant=w.citizen))

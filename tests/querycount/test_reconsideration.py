"""Query counts of the reconsideration register, its export, the suits and the API lists."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.factories import DepartmentFactory, make_id_number
from tests.querycount import assert_constant_queries, covers
from tests.reconsideration.world import accept, build_world, on, register
from zhengwu.reconsideration import services

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def w():
    return build_world()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def cases(w, *, by_applicant=True):
    def grow(n):
        acts = []
        for _ in range(n):
            i = next(_n)
            respondent = DepartmentFactory(division=w.county, name=f"多伦县被申请局{i}")
            act = f"多罚字〔2026〕{i}号行政处罚决定"
            applicants = [
                {"name": f"申请人{i}", "id_number": make_id_number(f"15253119800101{i:03d}"),
                 "phone": "13912345678"},
                {"name": f"共同申请人{i}"},
            ]  # fmt: skip
            case = register(w, received=D(2026, 9, 1), respondent=respondent,
                            applicants=applicants, contested_act=act)  # fmt: skip
            if i % 2:
                accept(w, case, day=D(2026, 9, 2))
            acts.append(f"申请人{i}" if by_applicant else act)
        return acts

    return grow


@covers("reconsideration:register")
def test_register(w):
    assert_constant_queries(client_for(w.legal), "/reconsideration/office/", cases(w))


@covers("/api/reconsideration/cases")
def test_api_cases(w):
    assert_constant_queries(
        client_for(w.legal), "/api/reconsideration/cases", cases(w, by_applicant=False)
    )


def suits(w):
    def grow(n):
        numbers = []
        for _ in range(n):
            i = next(_n)
            defendant = DepartmentFactory(division=w.county, name=f"多伦县被告局{i}")
            number = f"(2026)内2531行初{i}号"
            with on(D(2026, 10, 9)):
                suit = services.litigation_register(
                    actor=w.legal, defendant=defendant, plaintiff=f"原告{i}",
                    court="多伦县人民法院", court_number=number, contested_act="行政处罚",
                    filed_on=D(2026, 10, 9),
                )  # fmt: skip
                if i % 2:
                    services.litigation_record_hearing(
                        actor=w.legal,
                        case=suit,
                        held_on=D(2026, 10, 9),
                        head_appeared=True,
                        head_name="刘洋",
                    )
            numbers.append(number)
        return numbers

    return grow


@covers("reconsideration:suits")
def test_suits(w):
    assert_constant_queries(client_for(w.legal), "/reconsideration/suits/", suits(w))


@covers("/api/reconsideration/suits")
def test_api_suits(w):
    assert_constant_queries(client_for(w.legal), "/api/reconsideration/suits", suits(w))


@covers("reconsideration:export")
def test_export(w):
    grow_cases, grow_suits = cases(w), suits(w)

    def grow(n):
        return [*grow_cases(n), *grow_suits(n)]

    assert_constant_queries(client_for(w.legal), "/reconsideration/office/export.xlsx", grow)

"""Query counts of government information disclosure: the public catalog and a category's
items, the office's items and catalog, the disclosure requests (the office's list, an
applicant's own)."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.disclosure.office import build_office
from tests.disclosure.requests_world import build_world, person_data, receive
from tests.factories import DepartmentFactory
from tests.querycount import assert_constant_queries, covers
from zhengwu.disclosure import services
from zhengwu.disclosure.models import Category

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def o():
    return build_office()


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def items(o, *, published=True, category=None):
    """Items of new departments, in several categories (``category``: all in that one)."""
    codes = ["15.02", "15.01", "15.03"]

    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            department = DepartmentFactory(division=o.county, name=f"多伦县公开局{i}")
            where = category or Category.objects.get(division=o.county, code=codes[i % 3])
            item = services.item_draft(actor=o.drafter, department=department, category=where,
                                       title=f"第{i}号公开事项", body="正文。",
                                       created_on=D(2026, 3, 2))  # fmt: skip
            if published or i % 2:
                services.item_submit(actor=o.drafter, item=item)
                services.item_review(actor=o.reviewer, item=item, approve=True, on=D(2026, 3, 5))
            titles.append(item.title)
        return titles

    return grow


@covers("disclosure:index")
def test_public_index(o):
    assert_constant_queries(client_for(), "/disclosure/", items(o))


@covers("disclosure:category")
def test_a_categorys_items(o):
    url = f"/disclosure/category/{o.category.code}/"
    assert_constant_queries(client_for(), url, items(o, category=o.category))


@covers("disclosure:office")
def test_office_items(o):
    assert_constant_queries(client_for(o.drafter), "/disclosure/office/", items(o, published=False))


def categories(o):
    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            parent = Category.objects.get(division=o.county, code="15")
            category = services.category_save(actor=o.drafter, division=o.county, parent=parent,
                                               code=f"15.{50 + i}", name=f"新增栏目{i}",
                                               position=50 + i)  # fmt: skip
            names.append(category.name)
        return names

    return grow


@covers("disclosure:office_catalog")
def test_office_catalog(o):
    assert_constant_queries(client_for(o.drafter), "/disclosure/office/catalog/", categories(o))


@covers("disclosure:office_category")
def test_office_catalog_editing_a_category(o):
    url = f"/disclosure/office/catalog/{o.category.pk}/"
    assert_constant_queries(client_for(o.drafter), url, categories(o))


@pytest.fixture
def rw():
    return build_world()


def requests(rw, *, online=False):
    def grow(n):
        numbers = []
        for _ in range(n):
            i = next(_n)
            department = DepartmentFactory(division=rw.county, name=f"多伦县被申请局{i}")
            data = person_data(name=f"申请人{i}", description=f"第{i}项政府信息")
            if online:
                from tests.disclosure.requests_world import apply_online

                request = apply_online(rw, data=data).request
            else:
                request = receive(rw, department=department, data=data)
            numbers.append(request.number)
        return numbers

    return grow


@covers("disclosure:request_list")
def test_office_requests(rw):
    assert_constant_queries(client_for(rw.officer), "/disclosure/requests/", requests(rw))


@covers("disclosure:request_mine")
def test_my_requests(rw):
    url = "/disclosure/requests/mine/"
    assert_constant_queries(client_for(rw.citizen), url, requests(rw, online=True))

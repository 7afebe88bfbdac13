"""Whole-page caching of public pages (zhengwu.common.cache): served from the cache to anonymous
visitors, new as soon as the catalog or the organisation changes, one copy per language, never
for a logged-in user, and every visitor gets a CSRF token of their own."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import StaffFactory
from zhengwu.catalog import services
from zhengwu.catalog.models import Power
from zhengwu.common import cache as page_cache
from zhengwu.org.models import Department, Division

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def caching(monkeypatch):
    """Every test here runs in a transaction that is rolled back, where pages are not cached
    (see the module); these tests stand for requests outside a transaction."""
    monkeypatch.setattr(page_cache, "_in_transaction", lambda: False)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def county():
    league = Division.objects.create(code="152500000000", level="league", name="锡林郭勒盟")
    return Division.objects.create(
        code="152531000000", level="county", parent=league, name="多伦县"
    )


@pytest.fixture
def market(county):
    return Department.objects.create(
        division=county, code="d01", name="多伦县市场监督管理局", kind="department"
    )


def publish(code: str, name: str, department: Department) -> Power:
    power, version = services.power_create(
        actor=None,
        basic_code=f"B{code}",
        implementation_code=code,
        name=name,
        kind="licensing",
        department=department,
        legal_limit_days=20,
        promised_limit_days=10,
    )
    services.power_version_publish(actor=None, version=version)
    return power


def test_the_catalog_page_is_served_from_the_cache(market, django_assert_num_queries):
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    client = Client()
    first = client.get(reverse("catalog:index"))
    assert first.status_code == 200 and "食品经营许可" in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get(reverse("catalog:index"))
    assert again.status_code == 200
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())
    assert "Cookie" in again["Vary"]


def test_a_change_of_the_catalog_is_shown_at_once(market, django_assert_num_queries):
    power = publish("11152531MB1234567X4000117001", "烟草专卖零售许可", market)
    client = Client()
    client.get(reverse("catalog:index"))
    # A new matter published.
    publish("11152531MB1234567X4000117002", "公共场所卫生许可", market)
    page = client.get(reverse("catalog:index")).content.decode()
    assert "烟草专卖零售许可" in page and "公共场所卫生许可" in page
    # A matter repealed (a status change through the service).
    services.power_set_status(actor=None, power=power, status="repealed", reason="法律修改")
    page = client.get(reverse("catalog:index")).content.decode()
    assert "烟草专卖零售许可" not in page and "公共场所卫生许可" in page
    # Its own page is gone as well, and the cache serves the rest again.
    assert (
        client.get(reverse("catalog:detail", args=[power.implementation_code])).status_code == 404
    )
    with django_assert_num_queries(0):
        assert "公共场所卫生许可" in client.get(reverse("catalog:index")).content.decode()


def test_a_renamed_department_is_shown_at_once(market):
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    client = Client()
    assert "多伦县市场监督管理局" in client.get(reverse("catalog:index")).content.decode()
    market.name = "多伦县市场监管局"
    market.save()
    page = client.get(reverse("catalog:index")).content.decode()
    assert "多伦县市场监管局" in page and "多伦县市场监督管理局" not in page


def test_a_lost_version_makes_the_pages_new(market):
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    client = Client()
    client.get(reverse("catalog:index"))
    cache.delete(page_cache.VERSION_KEY.format("catalog"))  # evicted
    assert _queries(client, reverse("catalog:index")) > 0  # rendered again, not the old copy


@pytest.mark.parametrize(
    ("language", "lang_attribute", "text"),
    [
        ("zh-hans", "zh-hans", "事项"),
        ("zh-hant", "zh-hant", "事項"),
        ("en", "en", "Service catalog"),
    ],
)
def test_one_copy_per_language(market, language, lang_attribute, text, django_assert_num_queries):
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    # The default language fills the cache first.
    Client().get(reverse("catalog:index"))
    visitor = Client()
    visitor.cookies["django_language"] = language
    page = visitor.get(reverse("catalog:index")).content.decode()
    assert f'<html lang="{lang_attribute}"' in page and text in page
    with django_assert_num_queries(0):
        again = visitor.get(reverse("catalog:index")).content.decode()
    assert f'<html lang="{lang_attribute}"' in again and text in again


def test_the_browser_language_chooses_the_copy(market):
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    Client().get(reverse("catalog:index"))
    taiwan = Client(HTTP_ACCEPT_LANGUAGE="zh-TW")
    assert '<html lang="zh-hant"' in taiwan.get(reverse("catalog:index")).content.decode()


def test_every_visitor_gets_a_csrf_token_of_their_own(county):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one = first.get(reverse("cases:track"))
    two = second.get(reverse("cases:track"))  # from the cache
    token_one, token_two = TOKEN.search(one.content.decode()), TOKEN.search(two.content.decode())
    assert token_one and token_two and token_one.group(1) != token_two.group(1)
    assert page_cache.CSRF_PLACEHOLDER.decode() not in two.content.decode()
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    # The token of the cached page is accepted with the second visitor's cookie.
    answer = second.post(
        reverse("cases:track"),
        {"csrfmiddlewaretoken": token_two.group(1), "number": "X", "code": "Y"},
    )
    assert answer.status_code == 200
    # And a token is refused without its cookie.
    third = Client(enforce_csrf_checks=True)
    refused = third.post(
        reverse("cases:track"),
        {"csrfmiddlewaretoken": token_two.group(1), "number": "X", "code": "Y"},
    )
    assert refused.status_code == 403


def test_a_logged_in_user_is_never_served_the_cached_page(market):
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    logout = f'action="{reverse("logout")}"'
    assert logout not in Client().get(reverse("catalog:index")).content.decode()  # cached
    client = Client()
    client.force_login(StaffFactory(department=market))
    assert logout in client.get(reverse("catalog:index")).content.decode()
    # And what the logged-in user saw is not served to the next anonymous visitor.
    assert logout not in Client().get(reverse("catalog:index")).content.decode()


def test_a_visitor_with_messages_or_a_session_is_not_served_from_the_cache(market):
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    Client().get(reverse("catalog:index"))
    for name in ("sessionid", "messages"):
        client = Client()
        client.cookies[name] = "x"
        request_count = _queries(client, reverse("catalog:index"))
        assert request_count > 0, name


def test_a_look_up_is_never_cached(county):
    client = Client()
    client.cookies["django_language"] = "en"
    client.get(reverse("cases:track"))  # the empty form, cached
    answer = client.post(reverse("cases:track"), {"number": "X", "code": "Y"})
    assert "No case matches" in answer.content.decode()
    assert "No case matches" not in client.get(reverse("cases:track")).content.decode()


def test_inside_a_transaction_nothing_is_cached(market, monkeypatch):
    monkeypatch.undo()  # the real check: this test runs inside a transaction
    publish("11152531MB1234567X4000117001", "食品经营许可", market)
    client = Client()
    client.get(reverse("catalog:index"))
    assert _queries(client, reverse("catalog:index")) > 0


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)

"""Every list page and every API list endpoint has a query-count test in this package.

The rule, so that a new list without a query-count test fails here:

* **API**: every GET operation of the OpenAPI schema whose 200 response is an array, or an
  object with an ``items`` array (a page of a list), is a list endpoint and must be covered.
* **HTML**: every named route of the site (outside the admin, the API, login/logout and the
  language switch) whose pattern takes no path parameter, and every route that serves an
  ``.xlsx`` file, is a *candidate*: it must either be covered, or be named in ``NOT_LISTS``
  below as a page that lists no records (a form, a look-up by number, a guide, a page of
  fixed figures). Routes with a parameter are detail pages, except the list pages named in
  ``PARAMETRISED_LISTS`` (a list of one category, campaign or exam), which must be covered too.
* Every name covered must still exist (no stale entries).
"""

from __future__ import annotations

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import tests.querycount as package
from tests.querycount import COVERED

#: Candidates that list no records.
NOT_LISTS = {
    "portal:home": "the portal's home: links, no records",
    "workbench:home": "the workbench's home: the user's roles and the calendar's state",
    "workdays:calendar": "a month of the calendar",
    "cases:track": "look-up of one case by its query code",
    "disclosure:guide": "the disclosure guide (text)",
    "disclosure:request_apply": "form",
    "disclosure:request_track": "look-up of one request by number",
    "disclosure:request_intake": "form",
    "disclosure:office_new": "form",
    "interaction:track": "look-up of one message by number",
    "rulemaking:document_new": "form",
    "enforcement:certificate_lookup": "look-up of one certificate by number",
    "reconsideration:guide": "the reconsideration guide (text)",
    "reconsideration:apply": "form",
    "reconsideration:track": "look-up of one case by number",
    "reconsideration:case_new": "form",
    "reconsideration:suit_new": "form",
    "contracts:contract_new": "form",
    "decisions:decision_new": "form",
    "disputes:dispute_new": "form",
    "proposals:proposal_new": "form",
    "assessment:scheme_new": "form",
    "reports:annual_create": "form",
    # Pages of the year's figures: aggregates computed in the database, a fixed set of numbers
    # (their tests compare them with figures worked out by hand).
    "lawstudy:home": "the year's law-study figures",
    "disputes:figures": "the year's dispute figures",
    "proposals:stats": "the year's figures of the suggestions and proposals",
    "reconsideration:stats": "the year's reconsideration and litigation figures",
}

#: List pages whose route takes a parameter (which category, campaign, scheme...).
PARAMETRISED_LISTS = {
    "disclosure:category",
    "disclosure:office_category",
    "rulemaking:campaign",
    "enforcement:campaign",
    "disputes:campaign",
    "lawstudy:exam",  # the exam's participation by unit and its results
    "assessment:scheme",  # the scheme's units
}

SKIPPED_NAMESPACES = {"admin", "api"}


def _routes(resolver=None, prefix="", namespace=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _routes(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace:
            yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern)


def _covered() -> set[str]:
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("test_"):
            importlib.import_module(f"{package.__name__}.{module.name}")
    return set(COVERED)


def api_list_paths() -> set[str]:
    from zhengwu.api import api

    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]

    def resolve(node):
        while "$ref" in node:
            node = components[node["$ref"].rsplit("/", 1)[-1]]
        return node

    paths = set()
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        ok = get["responses"].get("200") or get["responses"].get(200) or {}
        body = resolve(ok.get("content", {}).get("application/json", {}).get("schema", {}))
        items = resolve(body.get("properties", {}).get("items", {}))
        if body.get("type") == "array" or items.get("type") == "array":
            paths.add(path)
    return paths


def html_candidates() -> set[str]:
    return {name for name, pattern in _routes() if "<" not in pattern or pattern.endswith(".xlsx")}


def test_the_api_list_endpoints_are_found():
    paths = api_list_paths()
    assert {"/api/cases", "/api/tasks", "/api/contracts/contracts"} <= paths
    assert "/api/cases/{number}" not in paths and "/api/health" not in paths


def test_every_api_list_endpoint_has_a_query_count_test():
    missing = sorted(api_list_paths() - _covered())
    assert not missing, f"API list endpoints without a query-count test: {missing}"


def test_every_list_page_has_a_query_count_test():
    covered = _covered()
    candidates = html_candidates()
    assert not set(NOT_LISTS) - candidates, "NOT_LISTS names a route that is not a candidate"
    assert not set(NOT_LISTS) & covered, "a route in NOT_LISTS has a query-count test"
    missing = sorted((candidates - set(NOT_LISTS) | PARAMETRISED_LISTS) - covered)
    assert not missing, f"list pages without a query-count test: {missing}"


def test_every_name_covered_exists():
    names = {name for name, _ in _routes()}
    stale = sorted(t for t in _covered() if not t.startswith("/api/") and t not in names) + sorted(
        t for t in _covered() if t.startswith("/api/") and t not in api_list_paths()
    )
    assert not stale, f"query-count tests cover what no longer exists: {stale}"

"""The workbench home: each role sees the registers of the legal-affairs office it may use, and
every link it is shown opens (no link to a page that would refuse it)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import DepartmentFactory, StaffFactory, TownshipFactory
from zhengwu.org.models import Department
from zhengwu.org.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _panel_links(client, panel="legal-affairs") -> list[str]:
    html = client.get(reverse("workbench:home")).content.decode()
    if f'id="{panel}"' not in html:
        return []
    start = html.index(f'id="{panel}"')
    return re.findall(r'href="([^"]+)"', html[start : html.index("</section>", start)])


@pytest.mark.parametrize(
    "roles",
    [
        [Role.LEGAL_OFFICER],
        [Role.SUPERVISOR],
        [Role.ADMINISTRATOR],
        [Role.DEPARTMENT_HEAD, Role.REVIEWER],
        [Role.WINDOW_CLERK],
    ],
)
def test_every_link_shown_opens(client, roles):
    user = StaffFactory(roles=roles)
    client.force_login(user)
    links = _panel_links(client)
    assert reverse("assessment:schemes") in links
    links += _panel_links(client, "leaders")
    refused = {link: client.get(link).status_code for link in links}
    assert {link: code for link, code in refused.items() if code != 200} == {}


def test_the_office_sees_every_register_and_a_department_fewer(client):
    client.force_login(StaffFactory(roles=[Role.LEGAL_OFFICER]))
    office = set(_panel_links(client))
    for name in ["reconsideration:register", "reconsideration:stats", "contracts:register",
                 "decisions:register", "disputes:register", "proposals:register",
                 "proposals:stats", "lawstudy:exams", "assessment:schemes"]:  # fmt: skip
        assert reverse(name) in office, name
    township = TownshipFactory()
    government = DepartmentFactory(division=township, kind=Department.Kind.GOVERNMENT)
    client.force_login(StaffFactory(department=government, roles=[Role.REVIEWER]))
    mediator = set(_panel_links(client))
    assert reverse("reconsideration:stats") not in mediator
    assert reverse("proposals:stats") not in mediator


def test_the_leaders_panel_for_those_who_read_the_figures(client):
    client.force_login(StaffFactory(roles=[Role.SUPERVISOR]))
    assert set(_panel_links(client, "leaders")) == {
        reverse("dashboard:dashboard"), reverse("reports:annual_list")}  # fmt: skip
    client.force_login(StaffFactory(roles=[Role.WINDOW_CLERK]))
    assert _panel_links(client, "leaders") == []

"""Query counts of e-supervision: the dashboard's live alerts, the alerts and efficiency
exports and the supervision notices."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.core.cache import cache
from django.test import Client

from tests.cases.world import _power, build_world, pdf
from tests.factories import CitizenFactory, DepartmentFactory, Role, StaffFactory
from tests.querycount import assert_constant_queries, covers
from zhengwu.cases import services as cases
from zhengwu.supervision import services
from zhengwu.supervision.models import Alert, Rule

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    world = build_world()
    world.supervisor = StaffFactory(department=world.co[0], roles=[Role.SUPERVISOR])
    return world


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def case(w, power=None):
    applicant = CitizenFactory()
    submitted = cases.case_submit(actor=applicant, applicant=applicant,
                                  power=power or w.joint, idempotency_key=f"qc-{next(_n)}",
                                  files=[pdf()]).case  # fmt: skip
    cases.case_accept(actor=w.clerk, case=submitted)
    return submitted


def alerts(w):
    """Open alerts, yellow and red, on the cases of several departments."""

    def grow(n):
        numbers = []
        for _ in range(n):
            i = next(_n)
            found = case(w, w.joint if i % 2 else w.simple)
            red = i % 2 == 0
            Alert.objects.create(
                rule=Rule.objects.get(code="overdue" if red else "near_due"),
                severity="red" if red else "yellow", key=f"qc:{i}", object_type="cases.case",
                object_id=str(found.pk), case=found, department=w.co[i % 3] if i % 3 else w.lead,
                due_date=D(2026, 12, 1 + i % 20), raised_on=D(2026, 11, 30), status="open",
            )  # fmt: skip
            numbers.append(found.number)
        return numbers

    return grow


@covers("supervision:dashboard")
def test_dashboard(w):
    assert_constant_queries(client_for(w.supervisor), "/supervision/", alerts(w))


@covers("supervision:export_alerts")
def test_export_alerts(w):
    assert_constant_queries(client_for(w.supervisor), "/supervision/export/alerts.xlsx", alerts(w))


def departments_with_cases(w):
    """New departments, each with a matter of its own and an accepted case of it."""

    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            department = DepartmentFactory(division=w.lead.division, code=f"e{i}",
                                           name=f"多伦县效能局{i}")  # fmt: skip
            stages = [
                {"code": code, "name": name, "kind": code, "department": department,
                 "role": role, "limit_days": 5, "parallel_group": None}
                for code, name, role in [("accept", "受理", "window_clerk"),
                                         ("decide", "决定", "reviewer")]
            ]  # fmt: skip
            power = _power(f"EF{i:05d}", f"第{i}项效能事项", department, legal=20, promised=10,
                           extension=5, stages=stages)  # fmt: skip
            case(w, power)
            names.append(department.name)
        return names

    return grow


@covers("supervision:export_efficiency")
def test_export_efficiency(w):
    url = "/supervision/export/efficiency.xlsx"
    assert_constant_queries(client_for(w.supervisor), url, departments_with_cases(w))


@covers("dashboard:dashboard")
def test_dashboard_of_the_leaders(w):
    """The dashboard's chart of the departments lists every department with cases."""
    assert_constant_queries(client_for(w.supervisor), "/dashboard/", departments_with_cases(w))


@covers("dashboard:figures_xlsx")
def test_dashboard_figures_export(w):
    url = "/dashboard/figures.xlsx"
    assert_constant_queries(client_for(w.supervisor), url, departments_with_cases(w))


@covers("supervision:notices")
def test_notices(w):
    """Notices on alerts (the list names the alert's rule) and on cases."""
    new_alerts = alerts(w)

    def grow(n):
        numbers = []
        for _ in range(n):
            i = next(_n)
            if i % 2:
                new_alerts(1)
                alert = Alert.objects.latest("pk")
                notice = services.notice_issue(actor=w.supervisor, content=f"第{i}号督办",
                                               alert=alert)  # fmt: skip
            else:
                notice = services.notice_issue(actor=w.supervisor, content=f"第{i}号督办",
                                               case=case(w), department=w.co[i % 3])  # fmt: skip
            numbers.append(notice.number)
        return numbers

    assert_constant_queries(client_for(w.supervisor), "/supervision/notices/", grow)

"""Who sees which decision, the stage of a case, the checklist, the register's pages."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.decisions.factories import adopted, make_world, new_decision, prepare
from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory
from zhengwu.decisions import selectors, services

pytestmark = pytest.mark.django_db
D = datetime.date


def test_visibility_by_role_and_department():
    world = make_world()
    draft = new_decision(world)
    published = adopted(world, start=D(2026, 1, 5), publish_on=D(2026, 5, 6))
    gov_staff = StaffFactory(department=world.government, roles=[Role.REVIEWER])

    def ids(user):
        return set(selectors.decisions_visible_to(user).values_list("pk", flat=True))

    both = {draft.pk, published.pk}
    assert ids(world.legal) == ids(world.supervisor) == ids(world.undertaker) == both
    assert ids(gov_staff) == both  # the decision body
    assert ids(world.outsider) == ids(None) == {published.pk}
    elsewhere = CountyFactory(code="152522000000", name="阿巴嘎旗")
    office = DepartmentFactory(division=elsewhere, name="阿巴嘎旗人民政府法制办公室")
    assert ids(StaffFactory(department=office, roles=[Role.LEGAL_OFFICER])) == set()


def test_stage_and_checklist_follow_the_steps():
    world = make_world()
    decision = new_decision(world, needs_risk=True)
    assert selectors.stage(decision) == "blocked"
    services.comment_open(actor=world.undertaker, decision=decision, channel="网站",
                          on=D(2026, 6, 1))  # fmt: skip
    assert selectors.stage(decision) == "comment"
    rows = {r.code: r for r in selectors.checklist(decision)}
    assert not rows["expert"].required and not rows["expert"].done
    assert rows["risk"].required and rows["risk"].problem.startswith("缺少风险评估")
    ready = new_decision(world, needs_expert=True, needs_risk=True)
    prepare(world, ready, start=D(2026, 2, 2))
    assert selectors.stage(ready) == "ready"
    assert all(r.done for r in selectors.checklist(ready))


def test_the_register_pages_by_20():
    world = make_world()
    for n in range(21):
        new_decision(world, title=f"分页决策{n:02d}")
    client = Client()
    client.force_login(world.legal)
    first = client.get(reverse("decisions:register"))
    assert first.context["page_obj"].paginator.count == 21
    assert len(first.context["rows"]) == 20
    second = client.get(reverse("decisions:register"), {"page": 2})
    assert len(second.context["rows"]) == 1


def test_the_register_year_is_the_year_of_adoption():
    world = make_world()
    old = adopted(world, start=D(2025, 3, 2))
    new = new_decision(world)
    client = Client()
    client.force_login(world.legal)
    rows = client.get(reverse("decisions:register"), {"year": "2025"}).context["rows"]
    assert [r["d"].pk for r in rows] == [old.pk]
    rows = client.get(reverse("decisions:register"), {"year": "2026"}).context["rows"]
    assert [r["d"].pk for r in rows] == [new.pk]

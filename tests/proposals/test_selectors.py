"""Row-level visibility: who sees which proposals."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import CountyFactory, DepartmentFactory, LeagueFactory, Role, StaffFactory
from tests.proposals.factories import assigned, make_world, register
from zhengwu.proposals import selectors, services

pytestmark = pytest.mark.django_db
D = datetime.date


def test_visibility_follows_the_current_assignments():
    world = make_world()
    proposal = assigned(world, on=D(2012, 3, 15))  # 住建局 leads, 财政局 co-handles
    waiting = register(world, title="未交办的建议")
    seen = lambda user: set(selectors.proposals_visible_to(user).values_list("pk", flat=True))  # noqa: E731
    assert seen(world.legal) == seen(world.supervisor) == {proposal.pk, waiting.pk}
    assert seen(world.lead_reviewer) == seen(world.co_head) == {proposal.pk}
    assert seen(world.other_head) == set()
    # 财政局 declines and the office gives its part to 教育局: 财政局 no longer sees it.
    co = proposal.assignments.get(role="co")
    services.assignment_decline(actor=world.co_head, assignment=co, reason="无关",
                                on=D(2012, 3, 16))  # fmt: skip
    assert seen(world.co_head) == {proposal.pk}  # until the office decides
    services.assignment_reassign(actor=world.legal, assignment=co, department=world.other,
                                 on=D(2012, 3, 19))  # fmt: skip
    assert seen(world.co_head) == set() and seen(world.other_head) == {proposal.pk}
    # Staff of another county see nothing of this one.
    other_county = CountyFactory(parent=LeagueFactory(), code="152530000000", name="太仆寺旗")
    stranger = StaffFactory(department=DepartmentFactory(division=other_county),
                            roles=[Role.LEGAL_OFFICER])  # fmt: skip
    assert seen(stranger) == set()
    from django.contrib.auth.models import AnonymousUser

    assert seen(AnonymousUser()) == set()


def test_the_work_of_a_department():
    world = make_world()
    first = assigned(world, on=D(2012, 3, 20), title="后交办的建议")
    second = assigned(world, on=D(2012, 3, 15), title="先交办的建议", co=False)
    lead = selectors.work_of(world.lead_reviewer)
    assert list(lead["replies"]) == [second, first] and not lead["opinions"].exists()
    co = selectors.work_of(world.co_reviewer)
    assert [a.proposal for a in co["opinions"]] == [first] and not co["replies"].exists()
    services.assignment_give_opinion(actor=world.co_reviewer,
                                     assignment=first.assignments.get(role="co"),
                                     text="同意", on=D(2012, 3, 25))  # fmt: skip
    assert not selectors.work_of(world.co_reviewer)["opinions"].exists()

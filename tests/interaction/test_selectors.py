"""Who sees which message: the public, the writer, the routing office, the departments."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import CitizenFactory, CountyFactory, DepartmentFactory, Role, StaffFactory
from tests.interaction.world import build_world, on, submit
from zhengwu.interaction import services
from zhengwu.interaction.models import Message
from zhengwu.interaction.selectors import (
    InboxFilters,
    inbox_for,
    message_find,
    messages_published,
    messages_visible_to,
    search_published,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def w():
    return build_world()


def numbers(messages):
    return sorted(m.number for m in messages)


def test_each_user_sees_what_is_theirs_to_see(w):
    mine = submit(w, actor=w.citizen).message
    anonymous = submit(w, kind="consultation").message
    to_social = submit(w, kind="mailbox").message
    with on(D(2026, 10, 8)):
        services.message_route(actor=w.office, message=mine, department=w.housing)
        services.message_route(actor=w.office, message=to_social, department=w.social)
    everything = numbers([mine, anonymous, to_social])

    assert numbers(messages_visible_to(w.office)) == everything
    assert numbers(messages_visible_to(w.supervisor)) == everything
    assert numbers(messages_visible_to(w.housing_reviewer)) == [mine.number]
    assert numbers(messages_visible_to(w.housing_head)) == [mine.number]
    assert numbers(messages_visible_to(w.social_reviewer)) == [to_social.number]
    assert numbers(messages_visible_to(w.citizen)) == [mine.number]
    assert numbers(messages_visible_to(CitizenFactory())) == []
    assert numbers(messages_visible_to(AnonymousUser())) == []
    # Staff without a role, and the routing office of another county, see nothing.
    assert numbers(messages_visible_to(StaffFactory(department=w.housing))) == []
    elsewhere = DepartmentFactory(division=CountyFactory(code="152530000000", name="正蓝旗"))
    assert (
        numbers(
            messages_visible_to(StaffFactory(department=elsewhere, roles=[Role.DISCLOSURE_OFFICER]))
        )
        == []
    )
    inactive = StaffFactory(department=w.housing, roles=[Role.REVIEWER], is_active=False)
    assert numbers(messages_visible_to(inactive)) == []


def test_a_rerouted_message_leaves_the_first_departments_view(w):
    message = submit(w).message
    with on(D(2026, 10, 8)):
        services.message_route(actor=w.office, message=message, department=w.social)
    assert messages_visible_to(w.social_reviewer).count() == 1
    with on(D(2026, 10, 9)):
        services.message_reroute(
            actor=w.office, message=message, department=w.housing, reason="归口住建"
        )
    assert messages_visible_to(w.social_reviewer).count() == 0
    assert messages_visible_to(w.housing_reviewer).count() == 1


def test_the_public_sees_published_messages_only_and_searches_their_public_text(w):
    published = submit(w, kind="consultation", subject="城乡居民医保缴费时间").message
    answered_only = submit(w, kind="consultation", subject="医保异地就医备案").message
    for message in (published, answered_only):
        with on(D(2026, 10, 8)):
            services.message_route(actor=w.office, message=message, department=w.social)
            services.message_answer(
                actor=w.social_reviewer, message=message, answer="每年9月至12月缴纳。"
            )
    with on(D(2026, 10, 9)):
        services.message_publish(actor=w.office, message=published)
    assert numbers(messages_published()) == [published.number]
    assert numbers(search_published(query="医保")) == [published.number]
    assert numbers(search_published(query="缴费 9月")) == [published.number]
    assert numbers(search_published(query="异地")) == []  # not published
    assert numbers(search_published(kind="complaint", query="医保")) == []
    # The writer's name is not in the public text, so it finds nothing.
    assert numbers(search_published(query="马秀英")) == []


def test_the_number_and_query_code_find_a_message(w):
    sent = submit(w)
    assert message_find(sent.message.number.lower(), sent.query_code) == sent.message
    assert message_find(sent.message.number, f" {sent.query_code} ") == sent.message
    assert message_find(sent.message.number, "") is None
    assert message_find("TS2026999999", sent.query_code) is None


def test_the_inbox_filters_and_counts_the_working_days_left(w):
    late = submit(w, day=D(2026, 9, 30)).message  # complaint: due 20 Oct
    fresh = submit(w, kind="consultation", day=D(2026, 10, 16)).message  # due 23 Oct
    waiting = submit(w, kind="mailbox", day=D(2026, 10, 19)).message
    with on(D(2026, 10, 19)):
        services.message_route(actor=w.office, message=late, department=w.housing)
        services.message_route(actor=w.office, message=fresh, department=w.social)
    today = D(2026, 10, 21)
    rows = {m.number: m for m in inbox_for(w.office, InboxFilters(), on=today)}
    assert list(rows) == [late.number, fresh.number, waiting.number]  # open, earliest due first
    assert (rows[late.number].overdue, rows[late.number].days_left) == (True, -1)
    # 21 Oct → 23 Oct: 22, 23.
    assert (rows[fresh.number].overdue, rows[fresh.number].days_left) == (False, 2)
    assert (rows[waiting.number].due_date, rows[waiting.number].days_left) == (None, None)

    def inbox(**filters):
        return numbers(inbox_for(w.office, InboxFilters(**filters), on=today))

    assert inbox(overdue=True) == [late.number]
    assert inbox(kind="consultation") == [fresh.number]
    assert inbox(status="submitted") == [waiting.number]
    assert inbox(status="open") == numbers([late, fresh, waiting])
    assert inbox(department=w.social.pk) == [fresh.number]
    assert numbers(inbox_for(w.housing_reviewer, InboxFilters(), on=today)) == [late.number]
    assert Message.objects.count() == 3

"""Drafting, review, publication and withdrawal of information items, and their clock (art. 26).

Dates are worked out by hand on the official 2026 calendar: 25 September (Mid-Autumn) and
1–7 October (National Day; 3–4 October a weekend anyway) are holidays, Saturday 10 October is a
working day. From Thursday 24 September, the 20 working days of art. 26 run 28, 29, 30 September,
8, 9, 10, 12–16, 19–23, 26–29 October: the limit is Thursday 29 October 2026.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.disclosure.office import build_office
from zhengwu.common.errors import IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.disclosure import selectors, services
from zhengwu.disclosure.catalog import DEFAULT_TREE, catalog_create_defaults
from zhengwu.disclosure.models import Category, Item
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep
from zhengwu.workdays.models import Clock

D = datetime.date
pytestmark = pytest.mark.django_db


MADE_ON = D(2026, 9, 24)


def _draft(o, *, created_on=MADE_ON, title="关于做好2026年冬季供暖工作的通知", **extra):
    return services.item_draft(
        actor=o.drafter,
        department=extra.pop("department", o.office),
        category=o.category,
        title=title,
        body="各乡镇人民政府，县直各有关部门：\n为做好今冬供暖工作，现就有关事项通知如下。",
        created_on=created_on,
        **extra,
    )


def _clock(item) -> Clock:
    return Clock.objects.get(owner_type="disclosure.item", owner_id=str(item.pk))


@time_machine.travel(datetime.datetime(2026, 10, 9, 9, 0), tick=False)
def test_the_default_catalog_has_23_categories_65_sub_items_and_every_item_of_art_20():
    o = build_office()
    categories = Category.objects.filter(division=o.county)
    assert categories.filter(parent__isnull=True).count() == 23
    assert categories.filter(parent__isnull=False).count() == 65
    items = set(categories.exclude(statutory_item=None).values_list("statutory_item", flat=True))
    assert items == set(range(1, 16))
    assert len(DEFAULT_TREE) == 23
    # A second call adds nothing.
    assert catalog_create_defaults(actor=o.drafter, division=o.county) == 0
    assert categories.count() == 88


@time_machine.travel(datetime.datetime(2026, 10, 9, 9, 0), tick=False)
def test_a_draft_starts_the_publication_clock_from_the_day_it_was_made():
    o = build_office()
    item = _draft(o)
    assert item.status == Item.Status.DRAFT
    clock = _clock(item)
    assert clock.purpose == services.PUBLICATION
    assert clock.started_on == D(2026, 9, 24)
    assert clock.due_date == D(2026, 10, 29)
    assert clock.department == o.office
    event = AuditEvent.objects.filter(action="item_draft").get()
    assert (event.actor_id, event.to_state) == (o.drafter.pk, "draft")


@time_machine.travel(datetime.datetime(2026, 10, 9, 9, 0), tick=False)
def test_only_disclosure_officers_draft_and_a_date_in_the_future_is_refused():
    o = build_office()
    with pytest.raises(NotPermitted):
        services.item_draft(actor=o.clerk, department=o.department, category=o.category,
                            title="t", body="b", created_on=D(2026, 10, 1))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        _draft(o, created_on=D(2026, 10, 10))
    assert "created_on" in error.value.message_dict
    assert not Item.objects.exists()


@time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0), tick=False)
def test_review_publishes_with_an_index_number_and_stops_the_clock_on_time():
    o = build_office()
    first = services.item_submit(actor=o.drafter, item=_draft(o))
    with pytest.raises(NotPermitted):
        services.item_review(actor=o.drafter, item=first, approve=True)
    first = services.item_review(actor=o.reviewer, item=first, approve=True, on=D(2026, 10, 20))
    assert first.status == Item.Status.PUBLISHED
    assert first.published_on == D(2026, 10, 20)
    assert first.index_number == "gkb/2026-00001"
    clock = _clock(first)
    assert (clock.status, clock.completed_on) == (Clock.Status.COMPLETED, D(2026, 10, 20))
    second = services.item_submit(actor=o.drafter, item=_draft(o, title="第二条"))
    second = services.item_review(actor=o.reviewer, item=second, approve=True)
    assert second.index_number == "gkb/2026-00002"
    other = services.item_submit(actor=o.drafter, item=_draft(o, department=o.department))
    other = services.item_review(actor=o.reviewer, item=other, approve=True)
    assert other.index_number == "czj/2026-00001"
    event = AuditEvent.objects.filter(action="item_publish", object_id=str(first.pk)).get()
    assert (event.from_state, event.to_state) == ("in_review", "published")
    # Published items cannot be reviewed or changed again.
    with pytest.raises(IllegalTransition):
        services.item_review(actor=o.reviewer, item=first, approve=True)
    with pytest.raises(IllegalTransition):
        services.item_update(actor=o.drafter, item=first, title="改")


@time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0), tick=False)
def test_sending_back_needs_a_note_and_returns_the_draft():
    o = build_office()
    item = services.item_submit(actor=o.drafter, item=_draft(o))
    with pytest.raises(ValidationError):
        services.item_review(actor=o.reviewer, item=item, approve=False, note=" ")
    item = services.item_review(actor=o.reviewer, item=item, approve=False, note="文号有误")
    assert (item.status, item.review_note) == (Item.Status.DRAFT, "文号有误")
    assert not item.index_number


@time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0), tick=False)
def test_a_changed_making_date_restarts_the_clock():
    o = build_office()
    item = _draft(o)
    item = services.item_update(actor=o.drafter, item=item, created_on=D(2026, 10, 9))
    # From Friday 9 October: 10, 12–16, 19–23, 26–30 October, 2–5 November → 5 November.
    clock = _clock(item)
    assert (clock.started_on, clock.due_date) == (D(2026, 10, 9), D(2026, 11, 5))


@time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0), tick=False)
def test_withdrawal_needs_a_reason_and_only_a_published_item_can_be_withdrawn():
    o = build_office()
    draft = _draft(o)
    with pytest.raises(IllegalTransition):
        services.item_withdraw(actor=o.drafter, item=draft, reason="错误")
    item = services.item_review(
        actor=o.reviewer, item=services.item_submit(actor=o.drafter, item=draft), approve=True
    )
    with pytest.raises(ValidationError):
        services.item_withdraw(actor=o.drafter, item=item, reason="")
    item = services.item_withdraw(actor=o.drafter, item=item, reason="内容已失效")
    assert item.status == Item.Status.WITHDRAWN
    assert item.withdrawn_on == D(2026, 10, 20)
    assert not selectors.items_published(o.county).exists()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 10, 22), set()),  # 5 working days left: 23, 26, 27, 28, 29 October
        (D(2026, 10, 23), {("near_due", "yellow")}),  # 4 left = 20 % of 20
        (D(2026, 10, 29), {("near_due", "yellow")}),  # the last day
        (D(2026, 10, 30), {("overdue", "red")}),
    ],
)
def test_supervision_watches_the_publication_clock(day, expected):
    with time_machine.travel(datetime.datetime(2026, 10, 9, 9, 0), tick=False):
        o = build_office()
        item = _draft(o)
    sweep(on=day)
    alerts = Alert.objects.filter(key=f"clock:{_clock(item).pk}", status=Alert.Status.OPEN)
    assert {(a.rule.code, a.severity) for a in alerts} == expected
    for alert in alerts:
        assert alert.department_id == o.office.pk
        assert alert.case_id is None


def test_publication_figures_count_kinds_late_ones_and_what_was_on_the_portal():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, 0), tick=False):
        o = build_office()
        on_time = _draft(o, created_on=D(2026, 10, 9), kind="service")
        late = _draft(o, created_on=D(2026, 9, 24))
        for item in (on_time, late):
            services.item_submit(actor=o.drafter, item=item)
        services.item_review(actor=o.reviewer, item=on_time, approve=True, on=D(2026, 11, 4))
        services.item_review(actor=o.reviewer, item=late, approve=True, on=D(2026, 10, 30))
        figures = selectors.publication_figures(o.county, 2026)
        assert figures.published_in_year == 2
        assert (figures.service_items, figures.disclosure_items) == (1, 1)
        assert figures.late == 1  # 30 October is after the limit of 29 October
        assert figures.published_to_date == 2
        services.item_withdraw(actor=o.drafter, item=late, reason="失效")
        assert selectors.publication_figures(o.county, 2026).published_to_date == 1

"""Who sees which documents, and validity read from the dates on the day asked about."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from tests.factories import CitizenFactory
from tests.rulemaking.factories import DraftFactory, make_world, publish
from zhengwu.rulemaking import selectors, services

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def test_a_document_past_its_validity_reads_lapsed_the_day_after_its_end_without_the_job(world):
    document = publish(world, on=D(2012, 3, 5))
    # In force from 2012-03-05 for 5 years: last day 2017-03-04, lapsed from 2017-03-05.
    with time_machine.travel("2017-03-04 23:00 +0800", tick=False):
        row = selectors.documents_public(world.county).get(pk=document.pk)
        assert row.validity == "in_force"
        assert (
            selectors.documents_in_force(world.county, D(2017, 3, 4))
            .filter(pk=document.pk)
            .exists()
        )
    with time_machine.travel("2017-03-05 00:05 +0800", tick=False):
        row = selectors.documents_public(world.county).get(pk=document.pk)
        assert row.validity == "lapsed"
        assert row.status == "published"  # nobody has recorded anything
        assert not selectors.documents_in_force(world.county, D(2017, 3, 5)).exists()


def test_validity_states_on_a_day(world):
    later = publish(world, on=D(2026, 3, 2))
    draft = DraftFactory(world=world)
    repealed = publish(world, on=D(2020, 3, 2))
    services.document_repeal(actor=world.legal, document=repealed, reason="废止", on=D(2021, 1, 4))
    rows = {d.pk: d.validity for d in selectors.with_validity(
        selectors.documents_visible_to(world.legal), D(2026, 3, 1))}  # fmt: skip
    assert rows[draft.pk] == "not_published"
    assert rows[later.pk] == "not_yet"  # published on 03-02, asked about 03-01
    assert rows[repealed.pk] == "repealed"


def test_visibility(world):
    draft = DraftFactory(world=world)
    published = publish(world, on=D(2026, 3, 2))
    citizen = CitizenFactory()
    assert set(selectors.documents_visible_to(citizen)) == {published}
    assert set(selectors.documents_visible_to(world.outsider)) == {published}
    assert set(selectors.documents_visible_to(world.drafter)) == {draft, published}
    assert set(selectors.documents_visible_to(world.legal)) == {draft, published}
    assert set(selectors.documents_visible_to(world.supervisor)) == {draft, published}


def test_expiring_documents_until_their_department_decides(world):
    document = publish(world, on=D(2021, 9, 1))  # valid to 2026-08-31, lapses 09-01
    everything = selectors.documents_visible_to(world.legal)
    # 6 months before 2026-09-01 is 2026-03-01: from that day on it is expiring.
    assert not selectors.documents_expiring(everything, D(2026, 2, 28), 6).exists()
    assert list(selectors.documents_expiring(everything, D(2026, 3, 1), 6)) == [document]
    # 3 months before is 2026-06-01.
    assert not selectors.documents_expiring(everything, D(2026, 5, 31), 3).exists()
    assert selectors.documents_expiring(everything, D(2026, 6, 1), 3).exists()
    services.document_decide_expiry(actor=world.drafter, document=document,
                                    decision="let_lapse", on=D(2026, 6, 2))  # fmt: skip
    assert not selectors.documents_expiring(everything, D(2026, 6, 2), 3).exists()


def test_the_timeline_lists_the_documents_steps(world):
    document = publish(world, on=D(2012, 3, 5))
    services.filing_submit(actor=world.legal, filing=document.filings.first(), on=D(2012, 3, 9))
    actions = [e.action for e in selectors.document_timeline(document)]
    assert actions == [
        "document_draft", "document_submit_for_review", "document_review", "document_adopt",
        "document_sign", "document_publish", "filing_submit",
    ]  # fmt: skip


def test_the_next_full_cleanup_is_due_two_years_after_the_last(world):
    assert selectors.next_periodic_cleanup(world.county) is None
    publish(world, on=D(2010, 3, 1))
    services.campaign_open(actor=world.legal, department=world.legal_office, kind="periodic",
                           title="全面清理", on=D(2010, 6, 1))  # fmt: skip
    # Two years after the start on 2010-06-01.
    assert selectors.next_periodic_cleanup(world.county) == D(2012, 6, 1)

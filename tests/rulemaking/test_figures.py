"""The registry's figures, compared with counts worked out by hand."""

from __future__ import annotations

import datetime

import pytest

from tests.rulemaking.factories import make_world, publish
from zhengwu.disclosure.annual_report import disclosure_report
from zhengwu.rulemaking import services
from zhengwu.rulemaking.figures import annual_figures, document_counts, rate

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def test_rate_has_one_decimal_and_none_without_a_denominator():
    assert rate(2, 2) == 100.0
    assert rate(2, 3) == 66.7
    assert rate(0, 0) is None


def test_the_seeds_year_two_documents_filed_rate_100(world):
    first = publish(world, on=D(2012, 3, 5))
    second = publish(world, on=D(2012, 9, 3))
    for document, day in [(first, D(2012, 3, 20)), (second, D(2012, 9, 28))]:
        for filing in document.filings.all():
            services.filing_submit(actor=world.legal, filing=filing, on=day)
    figures = annual_figures(world.county, 2012)
    assert figures["issued"] == 2 and figures["reviewed"] == 2
    assert figures["filed"] == 2 and figures["filed_on_time"] == 2
    assert figures["filing_rate"] == 100.0
    assert annual_figures(world.county, 2013)["filing_rate"] is None


def test_filed_late_and_not_filed(world):
    on_time, late, missing = (publish(world, on=D(2012, 3, 5)) for _ in range(3))
    for filing in on_time.filings.all():
        services.filing_submit(actor=world.legal, filing=filing, on=D(2012, 4, 5))
    # 2012-04-05 is the due date (see test_services); one filing of ``late`` on 04-06.
    a, b = late.filings.order_by("pk")
    services.filing_submit(actor=world.legal, filing=a, on=D(2012, 4, 5))
    services.filing_submit(actor=world.legal, filing=b, on=D(2012, 4, 6))
    services.filing_submit(actor=world.legal, filing=missing.filings.first(), on=D(2012, 4, 1))
    figures = annual_figures(world.county, 2012)
    # issued 3; filed with every authority: on_time and late (missing has one of two) = 2.
    assert (figures["issued"], figures["filed"], figures["filed_on_time"]) == (3, 2, 1)
    assert figures["filing_rate"] == 66.7  # 2 / 3


def test_issued_repealed_and_in_force_feed_the_disclosure_report(world):
    lapsing = publish(world, on=D(2007, 6, 1), number_on=D(2007, 6, 1))  # lapses 2012-06-01
    repealed = publish(world, on=D(2009, 4, 1), number_on=D(2009, 4, 1))
    services.document_repeal(actor=world.legal, document=repealed, reason="废止",
                             on=D(2012, 8, 1))  # fmt: skip
    kept = publish(world, on=D(2010, 5, 4), number_on=D(2010, 5, 4))
    new = publish(world, on=D(2012, 3, 5))
    assert lapsing.lapses_on == D(2012, 6, 1) and kept and new
    # 2012: issued 1 (new); ended 2 (lapsing by date, unrecorded; repealed); in force at the
    # end of 2012: kept and new = 2.
    expected = {"issued": 1, "repealed": 2, "in_force": 2}
    assert document_counts(world.county, 2012) == expected
    services.documents_lapse_due(on=D(2012, 6, 1))  # recording the lapse changes nothing
    assert document_counts(world.county, 2012) == expected
    # 2011: issued 0; ended 0; in force lapsing, repealed, kept = 3.
    assert document_counts(world.county, 2011) == {"issued": 0, "repealed": 0, "in_force": 3}
    report = disclosure_report(world.county, 2012)
    assert report.proactive["normative_documents"] == expected


def test_special_cleanup_outcomes(world):
    documents = [publish(world, on=D(2011, 5, 3), number_on=D(2011, 5, 3)) for _ in range(3)]
    special = services.campaign_open(
        actor=world.legal, department=world.legal_office, kind="special", title="涉及行政强制",
        topic="行政强制", documents=documents[:2], on=D(2012, 5, 2),
    )  # fmt: skip
    periodic = services.campaign_open(
        actor=world.legal, department=world.legal_office, kind="periodic", title="全面清理",
        on=D(2012, 5, 2),
    )  # fmt: skip
    a, b = special.entries.order_by("pk")
    services.cleanup_decide(actor=world.legal, entry=a, decision="amend", inconsistent=True,
                            reasons="扩大行政强制措施对象", on=D(2012, 6, 1))  # fmt: skip
    services.cleanup_decide(actor=world.legal, entry=b, decision="keep", on=D(2012, 6, 1))
    for entry in periodic.entries.all():
        services.cleanup_decide(actor=world.legal, entry=entry, decision="amend",
                                reasons="需修订", on=D(2012, 6, 1))  # fmt: skip
    services.campaign_close(actor=world.legal, campaign=special, on=D(2012, 6, 20))
    figures = annual_figures(world.county, 2012)
    # Only the closed special clean-up counts: 1 inconsistent, 1 amend.
    assert (figures["cleanup_inconsistent"], figures["cleanup_amend"]) == (1, 1)
    assert figures["cleanup"] == {"special": {"amend": 1, "keep": 1}}
    services.campaign_close(actor=world.legal, campaign=periodic, on=D(2012, 7, 2))
    figures = annual_figures(world.county, 2012)
    assert (figures["cleanup_inconsistent"], figures["cleanup_amend"]) == (1, 1)
    assert figures["cleanup"]["periodic"] == {"amend": 3}


def test_documents_published_in_the_catalog_by_hand_count_too(world):
    from zhengwu.disclosure.catalog import catalog_create_defaults
    from zhengwu.disclosure.models import Category, Item

    catalog_create_defaults(actor=world.legal, division=world.county)
    publish(world, on=D(2012, 3, 5))
    Item.objects.create(
        division=world.county, department=world.government,
        category=Category.objects.get(division=world.county, code="01.02"),
        title="手工公布的规范性文件", body="正文", created_on=D(2012, 4, 1),
        published_on=D(2012, 4, 2), status="published", validity="valid",
    )  # fmt: skip
    # 1 from the registry (its catalog item not counted twice) + 1 published by hand.
    assert document_counts(world.county, 2012) == {"issued": 2, "repealed": 0, "in_force": 2}
    figures = annual_figures(world.county, 2012)
    assert figures["issued"] == 2 and figures["filed"] == 0 and figures["filing_rate"] == 0.0

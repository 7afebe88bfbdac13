"""The year's figures against counts worked out by hand."""

from __future__ import annotations

import datetime

import pytest

from tests.decisions.factories import adopted, make_world, new_decision
from zhengwu.decisions import services
from zhengwu.decisions.figures import annual_figures
from zhengwu.decisions.indicators import reports_on_time

pytestmark = pytest.mark.django_db
D = datetime.date


def test_annual_figures_count_the_records():
    world = make_world()
    # 2025: three adopted — a (hearing, expert, risk, published), b (comment, expert, no risk,
    # published), c (comment, neither, not published) — and one still in preparation.
    adopted(world, start=D(2025, 3, 2), publish_on=D(2025, 6, 2), hearing=True)
    adopted(world, start=D(2025, 4, 1), publish_on=D(2025, 7, 1), risk=False)
    adopted(world, start=D(2025, 5, 5), expert=False, risk=False)
    new_decision(world)
    # One decision adopted in 2026 does not count for 2025.
    adopted(world, start=D(2026, 1, 5))
    figures = annual_figures(world.county, 2025)
    assert figures["adopted"] == 3
    assert figures["with_hearing"] == 1 and figures["with_comment"] == 2
    assert figures["with_expert"] == 2 and figures["with_risk"] == 1
    assert figures["legality_reviewed"] == 3 and figures["published"] == 2
    # Each review was completed 21 calendar days after submission, on a weekend, one day or more
    # after the 15th working day: a submitted Sunday 03-09, due Friday 03-28, done 03-30; b
    # submitted Sunday 05-11, due Friday 05-30, done 06-01 (Dragon Boat 05-31..06-02); c
    # submitted Saturday 06-14, due Friday 07-04, done 07-05. None on time.
    assert figures["reviews"] == 3 and figures["reviews_on_time"] == 0
    assert figures["reviews_on_time_rate"] == 0.0
    assert annual_figures(world.county, 2024)["reviews_on_time_rate"] is None


def test_a_late_review_and_the_report_indicator():
    world = make_world()
    decision = new_decision(world)
    # Submitted Monday 2026-09-28; the 15th working day after is 10-23 (see test_services).
    services.review_submit(actor=world.undertaker, decision=decision, on=D(2026, 9, 28))
    services.review_complete(actor=world.legal, decision=decision, conclusion="lawful",
                             legal_bases="x", on=D(2026, 10, 26))  # fmt: skip
    lawful = new_decision(world)
    services.review_submit(actor=world.undertaker, decision=lawful, on=D(2026, 9, 28))
    services.review_complete(actor=world.legal, decision=lawful, conclusion="unlawful",
                             legal_bases="x", opinion="无权限", on=D(2026, 10, 23))  # fmt: skip
    figures = annual_figures(world.county, 2026)
    assert (figures["reviews"], figures["reviews_on_time"], figures["reviews_unlawful"]) == (
        2,
        1,
        1,
    )
    assert figures["reviews_on_time_rate"] == 50.0
    # Reports: published 2026-01-20, the first report due 180 days later (07-19, a Sunday, so
    # Monday 07-20) made 03-01: on time; the next due 180 days after 03-01, Friday 08-28, made
    # 09-30: late. One of two on time: 50%.
    one = adopted(world, start=D(2025, 10, 6), publish_on=D(2026, 1, 20))
    services.report_record(actor=world.undertaker, decision=one, progress="a", on=D(2026, 3, 1))
    services.report_record(actor=world.undertaker, decision=one, progress="b", on=D(2026, 9, 30))
    assert reports_on_time(world.county, 2026) == {world.undertaking.pk: 50.0}

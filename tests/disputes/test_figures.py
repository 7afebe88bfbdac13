"""The register's figures against counts worked out by hand."""

from __future__ import annotations

import datetime

import pytest

from tests.disputes.factories import make_world, register
from zhengwu.disputes import services
from zhengwu.disputes.figures import annual_figures, campaign_figures, township_success_rates
from zhengwu.org.models import Department

pytestmark = pytest.mark.django_db
D = datetime.date


def _done(world, found, outcome, how, *, actor=None, township=None, **kwargs):
    actor = actor or world.township_staff
    extra = {"township": township, "village": None} if township else {}
    dispute = register(world, actor=actor, found_on=found, accepted_on=found, **extra, **kwargs)
    if how == "succeed":
        services.dispute_succeed(actor=actor, dispute=dispute, agreement_form="oral", on=outcome)
    elif how == "fail":
        services.dispute_fail(actor=actor, dispute=dispute, advice="litigation", on=outcome)
    elif how == "refer":
        services.dispute_refer(
            actor=actor,
            dispute=dispute,
            referred_to_kind="court",
            referred_to="多伦县人民法院",
            on=outcome,
        )
    return dispute


def test_annual_figures_against_hand_counts():
    world = make_world()
    campaign = services.campaign_create(
        actor=world.legal,
        organiser=world.legal_office,
        name="2025年二季度排查",
        kind="quarterly",
        started_on=D(2025, 4, 1),
        ended_on=D(2025, 6, 30),
    )
    a = _done(world, D(2025, 3, 3), D(2025, 3, 10), "succeed", dispute_type="land")
    _done(world, D(2025, 5, 6), D(2025, 5, 20), "succeed", how_found="sweep")  # b, in the sweep
    _done(world, D(2025, 6, 9), D(2025, 6, 30), "fail", how_found="sweep")  # c, in the sweep
    _done(world, D(2025, 7, 1), D(2025, 7, 2), "refer", dispute_type="labour")  # d
    # e: found in December, agreed in January: not mediated in 2025.
    _done(world, D(2025, 12, 22), D(2026, 1, 5), "succeed", dispute_type="family")
    _done(world, D(2024, 12, 30), D(2025, 1, 6), "succeed")  # f: a dispute of 2024
    _done(
        world,
        D(2025, 8, 4),
        D(2025, 8, 8),
        "succeed",
        actor=world.other_staff,
        township=world.other_township,
        dispute_type="land",
    )  # g: the other township
    register(world, found_on=D(2025, 9, 1), risk_level="may_escalate")  # h: still registered
    services.followup_record(
        actor=world.township_staff, dispute=a, visited_by="王", on=D(2025, 3, 20)
    )

    figures = annual_figures(world.county, 2025)
    # Found in 2025: a b c d e g h = 7; an outcome by 12-31: a b c d g = 5; successes a b g = 3.
    assert (figures["found"], figures["mediated"], figures["succeeded"]) == (7, 5, 3)
    assert (figures["failed"], figures["referred"], figures["open"]) == (1, 1, 2)
    assert figures["success_rate"] == 42.9  # 3 / 7 = 42.857...
    assert figures["mediated_rate"] == 71.4  # 5 / 7 = 71.428...
    assert figures["outcome_success_rate"] == 60.0  # 3 / 5
    assert figures["on_time"] == 5  # each outcome within its 30 days
    assert (figures["may_escalate"], figures["reported_on_time"]) == (1, 0)
    assert figures["followed_up"] == 1
    types = {row["type"]: row for row in figures["by_type"]}
    assert (types["land"]["found"], types["land"]["succeeded"]) == (2, 2)  # a, g
    assert types["neighbours"]["found"] == 3  # b c h
    assert types["contract"] == {
        "type": "contract",
        "label": "合同",
        "found": 0,
        "mediated": 0,
        "succeeded": 0,
        "success_rate": None,
    }
    townships = {row["township"]: row for row in figures["by_township"]}
    assert townships["多伦淖尔镇"]["found"] == 6 and townships["大北沟镇"]["found"] == 1
    assert townships["多伦淖尔镇"]["success_rate"] == 33.3  # a b of 6
    months = {row["month"]: row["found"] for row in figures["by_month"]}
    assert (months[3], months[5], months[12], months[11]) == (1, 1, 1, 0)
    sweeps = {row["name"]: row for row in figures["by_campaign"]}
    assert sweeps["2025年二季度排查"]["found"] == 2 and sweeps[""]["found"] == 5
    assert campaign_figures(campaign)["found"] == 2
    assert campaign_figures(campaign)["success_rate"] == 50.0  # b of b c

    township = annual_figures(world.township, 2025)
    assert (township["found"], township["mediated"], township["succeeded"]) == (6, 4, 2)

    # 2024: f found, agreed in 2025, so not mediated within 2024.
    earlier = annual_figures(world.county, 2024)
    assert (earlier["found"], earlier["mediated"], earlier["success_rate"]) == (1, 0, 0.0)
    assert earlier["outcome_success_rate"] is None  # nothing reached an outcome

    empty = annual_figures(world.county, 2020)
    assert empty["found"] == 0 and empty["success_rate"] is None

    rates = township_success_rates(world.county, 2025)
    government = Department.objects.get(division=world.township, kind="government")
    other = Department.objects.get(division=world.other_township, kind="government")
    assert rates == {government.pk: 33.3, other.pk: 100.0}


def test_the_seeds_rate_is_successes_over_found():
    """419 successes of 420 found is 99.8 (the seed printed 99 %), computed, not typed."""
    from zhengwu.disputes.figures import rate

    assert rate(419, 420) == 99.8 and rate(0, 0) is None and rate(1, 3) == 33.3

"""``zhengwu.reports.explain``: a way to trace every figure, what an explanation says, and the
error for a key that is not a figure."""

from __future__ import annotations

import datetime
import json

import pytest

from tests.factories import CountyFactory, LeagueFactory
from zhengwu.reports.annual import SECTIONS, figure_keys
from zhengwu.reports.explain import Count, Rate, Total, UnknownKey, explain, registry

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_keys_are_those_of_issue_10_and_every_one_is_explained():
    assert set(SECTIONS) == {
        "cases", "service_centre", "catalog", "enforcement", "normative_documents",
        "contracts_reviewed", "proposals", "disputes", "disclosure", "training",
        "reconsideration", "litigation",
    }  # fmt: skip
    assert len(figure_keys()) == 53
    assert set(registry()) == set(figure_keys())
    kinds = {k: type(v) for k, v in registry().items()}
    rates = {k for k, v in kinds.items() if v is Rate}
    assert rates == {k for k in figure_keys() if k.endswith("rate") or k.endswith("rate_to_date")}
    assert {k for k, v in kinds.items() if v is Total} == {
        "training.trained",
        "training.examinees",
    }
    assert all(kinds[k] is Count for k in figure_keys() if k not in rates | {
        "training.trained", "training.examinees"})  # fmt: skip


def test_an_unknown_key_lists_the_valid_ones():
    county = CountyFactory(parent=LeagueFactory())
    with pytest.raises(UnknownKey) as info:
        explain(county, 2012, "cases.nope")
    assert "cases.completed" in str(info.value) and "litigation.decided" in str(info.value)


def test_an_explanation_says_where_the_records_are_and_is_json():
    from tests.proposals.factories import assigned, make_world, replied

    world = make_world()
    first = replied(world, title="关于老旧小区改造的建议")
    second = assigned(world, title="关于城区道路的建议")
    e = explain(world.county, 2012, "proposals.deputies", limit=1)
    assert (e.kind, e.figure, e.count) == ("count", 2, 2)
    assert e.model == "proposals.Proposal" and e.date_field == "session__opened_on"
    assert "kind = deputy" in e.filters and "session.year = 2012" in e.filters
    assert [r["id"] for r in e.records] == [first.pk]  # the first of two, by date then id
    assert explain(world.county, 2012, "proposals.deputies", limit=0).records == []
    data = json.loads(json.dumps(e.as_dict(), ensure_ascii=False))
    assert data["records"][0]["title"] == "关于老旧小区改造的建议"
    assert data["start"] == "2012-01-01" and data["end"] == "2012-12-31"
    # A rate whose parts are not figures of the report: each part has its own records.
    r = explain(world.county, 2012, "proposals.reply_rate")
    assert (r.kind, r.figure) == ("rate", 50.0)
    assert (r.numerator.value, r.denominator.value) == (1, 2)
    assert [x["id"] for x in r.numerator.explanation.records] == [first.pk]
    assert {x["id"] for x in r.denominator.explanation.records} == {first.pk, second.pk}
    json.dumps(r.as_dict(), ensure_ascii=False)


def test_configuration_figures_say_where_they_come_from():
    county = CountyFactory(parent=LeagueFactory())
    for key in ("service_centre.service_points", "service_centre.matters", "catalog.total"):
        e = explain(county, 2012, key)
        assert e.source, key
        assert e.count == e.figure == 0

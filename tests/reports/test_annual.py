"""The annual report's figures, section by section, against records built with the registers'
factories and counted by hand; a year with no records; the figures moving by what is added;
and every figure traced back to its records (``explain``)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CountyFactory, LeagueFactory
from zhengwu.cases.stats import rate
from zhengwu.reports.annual import annual_figures, figure_keys, lookup
from zhengwu.reports.explain import Rate, explain, registry

pytestmark = pytest.mark.django_db
D = datetime.date


def traced(division, year, prefix: str) -> None:
    """Every figure under ``prefix`` equals what ``explain`` finds behind it: the records' count
    for a count, their sum for a total, the rate of its two parts for a rate."""
    figures = annual_figures(division, year)
    keys = [k for k in figure_keys() if k == prefix or k.startswith(prefix + ".")]
    assert keys
    for key in keys:
        e = explain(division, year, key, limit=3, figures=figures)
        figure = lookup(figures, key)
        assert e.figure == figure, key
        if e.kind == "rate":
            assert rate(e.numerator.value, e.denominator.value) == figure, key
        elif e.kind == "total":
            assert e.total == figure, key
        else:
            assert e.count == figure, key
            assert len(e.records) == min(3, figure), key


def test_a_year_with_no_records_gives_zeros_and_null_rates():
    county = CountyFactory(parent=LeagueFactory())
    figures = annual_figures(county, 2030)
    assert figures["year"] == 2030 and figures["division"] == county.code
    json.dumps(figures)  # JSON-serialisable as it is
    for key in figure_keys():
        expected = None if key in {k for k, v in registry().items() if isinstance(v, Rate)} else 0
        assert lookup(figures, key) == expected, key
    traced(county, 2030, "cases")


def test_cases_service_centre_and_catalog():
    from tests.cases.test_stats import Records

    r = Records()  # the cases of tests/cases/test_stats.py, all in 2026
    county = r.w.centre.division
    f = annual_figures(county, 2026)
    # County centre (all but H, at the township hall): accepted A B C D F J I; E refused.
    # Completed A B C F (H is the hall's). Instant C; promised the other six.
    assert f["cases"] == {
        "accepted": 7, "completed": 4, "completion_rate": 57.1,  # 4 / 7
        "promised": 6, "instant": 1,
    }  # fmt: skip
    # Every case is of 2026, so to date on 31 December is the year; the hall accepted H.
    # The catalog: the three licences of the world (all in the service centre, of one
    # department) and the township's own approval; one village agency point.
    assert f["service_centre"] == {
        "departments": 1, "matters": 3,
        "accepted_to_date": 7, "completed_to_date": 4, "completion_rate_to_date": 57.1,
        "township_halls_accepted_to_date": 1, "service_points": 1,
    }  # fmt: skip
    assert f["catalog"] == {
        "licensing": 3, "other_approval": 1, "public_service": 0, "fee": 0, "total": 4,
    }  # fmt: skip
    # The year before: nothing accepted, and to date nothing either.
    before = annual_figures(county, 2025)
    assert before["cases"]["accepted"] == 0 and before["cases"]["completion_rate"] is None
    assert before["service_centre"]["accepted_to_date"] == 0
    for prefix in ("cases", "service_centre", "catalog"):
        traced(county, 2026, prefix)
    e = explain(county, 2026, "cases.accepted", limit=10)
    assert {rec["number"] for rec in e.records} == {
        c.number for c in (r.a, r.b, r.c, r.d, r.f, r.j, r.i)
    }
    assert e.date_field == "accepted_on" and (e.start, e.end) == (D(2026, 1, 1), D(2026, 12, 31))
    assert e.model == "cases.Case"
    points = explain(county, 2026, "service_centre.service_points")
    assert points.source and points.count == 1


def test_normative_documents():
    from tests.rulemaking.factories import make_world, publish
    from zhengwu.rulemaking import services

    world = make_world()
    old = [publish(world, on=D(2011, 5, 3), number_on=D(2011, 5, 3)) for _ in range(2)]
    filed = publish(world, on=D(2012, 3, 5))
    half = publish(world, on=D(2012, 9, 3))
    for filing in filed.filings.all():
        services.filing_submit(actor=world.legal, filing=filing, on=D(2012, 3, 20))
    services.filing_submit(actor=world.legal, filing=half.filings.first(), on=D(2012, 9, 20))
    special = services.campaign_open(
        actor=world.legal, department=world.legal_office, kind="special", title="涉及行政强制",
        topic="行政强制", documents=old, on=D(2012, 5, 2),
    )  # fmt: skip
    a, b = special.entries.order_by("pk")
    services.cleanup_decide(actor=world.legal, entry=a, decision="amend", inconsistent=True,
                            reasons="扩大行政强制措施对象", on=D(2012, 6, 1))  # fmt: skip
    services.cleanup_decide(actor=world.legal, entry=b, decision="keep", on=D(2012, 6, 1))
    services.campaign_close(actor=world.legal, campaign=special, on=D(2012, 6, 20))
    assert half.filings.count() == 2  # so "half" is filed with one of its two authorities
    f = annual_figures(world.county, 2012)
    # Reviewed in 2012: the two published that year (the 2011 ones were reviewed in 2011).
    # Filed with every authority: one of the two issued through the registry.
    assert f["normative_documents"] == {
        "reviewed": 2, "filed": 1, "filing_rate": 50.0,
        "cleanup_inconsistent": 1, "cleanup_amend": 1,
    }  # fmt: skip
    assert annual_figures(world.county, 2011)["normative_documents"]["reviewed"] == 2
    traced(world.county, 2012, "normative_documents")
    e = explain(world.county, 2012, "normative_documents.filed")
    assert [rec["id"] for rec in e.records] == [filed.pk]
    r = explain(world.county, 2012, "normative_documents.filing_rate")
    assert (r.numerator.key, r.numerator.value, r.denominator.value) == (
        "normative_documents.filed",
        1,
        2,
    )
    assert {rec["id"] for rec in r.denominator.explanation.records} == {filed.pk, half.pk}


def _dispute(world, found, outcome=None, how="succeed", **kwargs):
    from tests.disputes.factories import register
    from zhengwu.disputes import services

    actor = world.township_staff
    dispute = register(world, found_on=found, accepted_on=found, **kwargs)
    if how == "succeed" and outcome:
        services.dispute_succeed(actor=actor, dispute=dispute, agreement_form="oral", on=outcome)
    elif how == "fail":
        services.dispute_fail(actor=actor, dispute=dispute, advice="litigation", on=outcome)
    return dispute


def test_disputes_and_the_figures_moving_by_what_is_added():
    from tests.disputes.factories import make_world

    world = make_world()
    _dispute(world, D(2012, 3, 3), D(2012, 3, 10))
    _dispute(world, D(2012, 5, 6), D(2012, 5, 20))
    _dispute(world, D(2012, 6, 9), D(2012, 6, 30), how="fail")
    _dispute(world, D(2012, 12, 22), D(2013, 1, 5))  # agreed in the next year
    _dispute(world, D(2012, 8, 1))  # still open
    _dispute(world, D(2011, 12, 30), D(2012, 1, 6))  # a dispute of 2011
    f = annual_figures(world.county, 2012)
    # Found 5 in 2012; reached an outcome by 31 December 3 (two agreed, one failed);
    # succeeded 2 of 5 found = 40.0 %.
    assert f["disputes"] == {"found": 5, "mediated": 3, "success_rate": 40.0}
    traced(world.county, 2012, "disputes")
    with CaptureQueriesContext(connection) as empty:
        before = annual_figures(world.county, 2013)
    assert before["disputes"] == {"found": 0, "mediated": 0, "success_rate": None}
    _dispute(world, D(2013, 2, 1), D(2013, 2, 8))
    _dispute(world, D(2013, 3, 1))
    with CaptureQueriesContext(connection) as full:
        after = annual_figures(world.county, 2013)
    # Set-based: as many queries with records as without (none per record).
    assert len(full.captured_queries) == len(empty.captured_queries)
    assert after["disputes"] == {"found": 2, "mediated": 1, "success_rate": 50.0}
    # Nothing else moved.
    assert {k: v for k, v in after.items() if k != "disputes"} == {
        k: v for k, v in before.items() if k != "disputes"
    }
    assert annual_figures(world.county, 2012) == f


def test_proposals():
    from tests.proposals.factories import assigned, make_world, register, replied

    world = make_world()
    replied(world, title="关于老旧小区改造的建议")  # a deputy's, answered
    assigned(world, title="关于城区道路的建议")  # a deputy's, assigned, not yet answered
    register(world, title="关于供暖的建议")  # registered, not assigned: not handled
    replied(world, session=world.cppcc, title="关于生态旅游的提案")  # CPPCC, answered
    f = annual_figures(world.county, 2012)
    # Handled: deputies 2, CPPCC 1; answered 2 of the 3 handled = 66.7 %.
    assert f["proposals"] == {"deputies": 2, "cppcc": 1, "reply_rate": 66.7}
    traced(world.county, 2012, "proposals")
    assert annual_figures(world.county, 2013)["proposals"] == {
        "deputies": 0,
        "cppcc": 0,
        "reply_rate": None,
    }


def test_training(w):
    from zhengwu.lawstudy import services
    from zhengwu.lawstudy.models import ExamParticipation

    for day in (D(2025, 1, 9), D(2025, 6, 5), D(2024, 12, 31)):
        services.session_record(
            actor=w.legal, division=w.county, kind="central_group", held_on=day, topic="学法",
            attendee_count=20,
        )  # fmt: skip
    for start, n in ((D(2025, 3, 3), 180), (D(2025, 6, 9), 146), (D(2024, 12, 30), 99)):
        services.course_record(
            actor=w.legal, division=w.county, title="培训班", organiser="人社局",
            kind="refresher", starts_on=start, ends_on=start + datetime.timedelta(days=4),
            hours=40, participant_count=n,
        )  # fmt: skip
    for unit, eligible, sat, passed in ((w.finance_unit, 40, 39, 37), (w.school, 25, 25, 24)):
        ExamParticipation.objects.create(
            exam=w.exam, unit=unit, eligible=eligible, participants=sat, passed=passed
        )
    f = annual_figures(w.county, 2025)
    # Sessions of 2025: 2; trained 180 + 146; 2 units, 39 + 25 = 64 of 40 + 25 = 65 sat.
    assert f["training"] == {
        "study_sessions": 2, "trained": 326, "exam_units": 2, "examinees": 64,
        "exam_participation_rate": 98.5,
    }  # fmt: skip
    traced(w.county, 2025, "training")
    e = explain(w.county, 2025, "training.trained")
    assert (e.count, e.total, sorted(r["value"] for r in e.records)) == (2, 326, [146, 180])


@pytest.fixture
def w(db, settings):
    from tests.lawstudy.world import build_world

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def test_contracts():
    from tests.contracts.factories import create, make_world, review

    world = make_world()
    first = create(world, on=D(2012, 2, 1), title="道路施工合同")
    review(world, first, submitted=D(2012, 2, 1), returned=D(2012, 2, 10))
    second = create(world, on=D(2012, 4, 1), title="物业服务合同", kind="other")
    review(world, second, submitted=D(2012, 4, 2), returned=D(2012, 4, 12), conclusion="amend")
    late = create(world, on=D(2012, 12, 20), title="采购合同")
    review(world, late, submitted=D(2012, 12, 24), returned=D(2013, 1, 7))  # returned in 2013
    create(world, on=D(2012, 6, 1), title="未送审合同")  # never submitted
    f = annual_figures(world.county, 2012)
    assert f["contracts_reviewed"] == 2  # first and second; late's opinion came in 2013
    assert annual_figures(world.county, 2013)["contracts_reviewed"] == 1
    traced(world.county, 2012, "contracts_reviewed")
    e = explain(world.county, 2012, "contracts_reviewed")
    assert [(r["title"], r["date"]) for r in e.records] == [
        ("道路施工合同", D(2012, 2, 10)),
        ("物业服务合同", D(2012, 4, 12)),
    ]


# The seed report's figures for 2012, as printed, with the three it got wrong replaced by the true
# sums of its own parts: its catalog "总计476项" is 257 + 56 + 21 + 98 = 432; its enforcement acts
# "共1067项" are 903 + 29 + 44 + 29 + 10 + 34 = 1,049; its "调解成功率99%" is 419 / 420 = 99.8%.
# Where the seed gives no number (disclosure requests, examinees beyond "3000多人") the demo's
# records decide and the comment says so.
SEED_2012 = {
    "year": 2012,
    "division": "152531000000",
    # 受理各类审批事项4300件,办结4284件,办结率为99.6%;承诺件3718件,即办件582件
    "cases": {"accepted": 4300, "completed": 4284, "completion_rate": 99.6,
              "promised": 3718, "instant": 582},
    # 29个部门进驻, 334项; 截至目前受理42756件,办结41473件,办结率97%; 乡镇大厅2280件; 便民服务点64个
    "service_centre": {"departments": 29, "matters": 334, "accepted_to_date": 42756,
                       "completed_to_date": 41473, "completion_rate_to_date": 97.0,
                       "township_halls_accepted_to_date": 2280, "service_points": 64},
    # 行政许可257项,非行政许可审批56项,行政服务21项,行政事业性收费98项 (总计: 432, not 476)
    "catalog": {"licensing": 257, "other_approval": 56, "public_service": 21, "fee": 98,
                "total": 432},
    # 10个法定行政机关、9个授权、9个委托; 处罚903,确认29,强制44,征收29,裁决10,其他34;
    # 法律、法规、规章352部
    "enforcement": {
        "bodies": {"statutory": 10, "authorised": 9, "entrusted": 9},
        "acts": {"penalty": 903, "confirmation": 29, "compulsion": 44, "levy": 29,
                 "ruling": 10, "other": 34, "total": 1049},
        "laws": 352,
    },
    # 审查规范性文件2件,备案2件,备案率100%; 清理: 不一致1件,建议修订1件
    "normative_documents": {"reviewed": 2, "filed": 2, "filing_rate": 100.0,
                            "cleanup_inconsistent": 1, "cleanup_amend": 1},
    "contracts_reviewed": 59,  # 审查政府合同59件
    "proposals": {"deputies": 47, "cppcc": 56, "reply_rate": 100.0},  # 47件, 56件, 答复率100%
    "disputes": {"found": 420, "mediated": 419, "success_rate": 99.8},  # 420件, 调处419件
    # 截至目前公布政府信息10277条; the year's 336 service and 740 disclosure items and 48 new
    # requests are the demo's (tests/disclosure/test_demo.py recounts them)
    "disclosure": {"published_to_date": 10277, "service_items": 336, "disclosure_items": 740,
                   "requests": 48},
    # 中心组学习12期; 培训283人 + 893人; 115个单位, 3000多人参加考试, 参考率99.8%
    "training": {"study_sessions": 12, "trained": 893 + 283, "exam_units": 115,
                 "examinees": 3012, "exam_participation_rate": 99.8},
    # 全年无行政复议和应诉案件
    "reconsideration": {"received": 0, "decided": 0},
    "litigation": {"received": 0, "decided": 0},
}  # fmt: skip


def test_the_demo_gives_the_seeds_2012_figures(settings, tmp_path):
    """Every figure of the demo's 2012 report against the seed's numbers."""
    from zhengwu.demo.registry import DemoContext, demo_load
    from zhengwu.org.selectors import home_county

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_load(
        DemoContext(report=lambda _m: None),
        only=["org", "catalog", "cases", "disclosure", "requests", "rulemaking", "enforcement",
              "reconsideration", "contracts", "disputes", "proposals", "lawstudy"],
    )  # fmt: skip
    county = home_county()
    f = annual_figures(county, 2012)
    assert f == SEED_2012
    assert f["training"]["examinees"] > 3000  # 3000多人
    # Every figure traced to its records: counts equal to the figure, for every count key.
    for key in figure_keys():
        e = explain(county, 2012, key, limit=1, figures=f)
        figure = lookup(f, key)
        if e.kind == "rate":
            assert rate(e.numerator.value, e.denominator.value) == figure, key
        elif e.kind == "total":
            assert e.total == figure, key
        else:
            assert e.count == figure, key

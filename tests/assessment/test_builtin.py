"""The indicators this app registers, compared with counts made by hand on records built for
each test (directly, or through the other registers' services)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.cases.world import _power, build_world
from zhengwu.assessment import builtin
from zhengwu.assessment.indicators import indicator
from zhengwu.cases.models import Case
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_builtin_indicators_are_registered():
    for code in ("case_completion_rate", "case_on_time_rate", "normative_filing_rate",
                 "enforcement_evaluation_score", "disclosure_reply_on_time_rate",
                 "supervision_red_cards"):  # fmt: skip
        assert indicator(code) is not None, code
        assert indicator(code).query_description  # the docstring says how
    assert indicator("supervision_red_cards").higher_is_better is False


class Cases:
    """zjj (the lead): accepted in 2026 A, B, C (left open) and D (withdrawn); completed in
    2026 A, B and F (F accepted on 30 Dec 2025); G accepted and completed in 2025. A's promised
    clock is met, B's is late (its legal clock met does not count: the promised one stands for
    the deadline), F has only a legal clock, met. gtj (a co-reviewer with a matter of its own):
    K accepted and completed in 2026, with no clock (the test's matter has none)."""

    def __init__(self):
        w = build_world()
        self.w, self.n = w, 0
        self.lead, self.other = w.lead, w.co[1]
        simple = w.simple.current
        own = _power("OWN1", "自有事项", self.other, legal=20, promised=10, extension=10).current
        a = self.case(simple, D(2026, 3, 2), completed=D(2026, 3, 6))
        b = self.case(simple, D(2026, 3, 4), completed=D(2026, 3, 20))
        self.case(simple, D(2026, 3, 4))
        d = self.case(simple, D(2026, 3, 9))
        Case.objects.filter(pk=d.pk).update(status="withdrawn", withdrawn_on=D(2026, 3, 12))
        f = self.case(simple, D(2025, 12, 30), completed=D(2026, 1, 5))
        self.case(simple, D(2025, 6, 2), completed=D(2025, 6, 5))  # G: another year
        self.case(own, D(2026, 5, 6), completed=D(2026, 5, 8))  # K: no clock
        self.clock(a, "approval.promised", D(2026, 3, 16), D(2026, 3, 6))
        self.clock(a, "approval.legal", D(2026, 3, 30), D(2026, 3, 6))
        self.clock(b, "approval.promised", D(2026, 3, 18), D(2026, 3, 20))  # late
        self.clock(b, "approval.legal", D(2026, 4, 1), D(2026, 3, 20))  # met, not the one
        self.clock(f, "approval.legal", D(2026, 1, 28), D(2026, 1, 5))

    def case(self, version, accepted, *, completed=None):
        self.n += 1
        return Case.objects.create(
            number=f"1525312026A{self.n:05d}", query_digest="-", power_version=version,
            department=version.department, applicant=self.w.citizen,
            submitted_by=self.w.clerk, channel="county_window", service_centre=self.w.centre,
            idempotency_key=f"a{self.n}", received_on=accepted, materials_complete_on=accepted,
            handling_centre=self.w.centre, accepted_on=accepted,
            status="completed" if completed else "accepted", completed_on=completed,
            decided_on=completed, decision="approve" if completed else "",
        )  # fmt: skip

    def clock(self, case, purpose, due, completed):
        Clock.objects.create(purpose=purpose, owner_type="cases.case", owner_id=str(case.pk),
                             day_kind="working", started_on=case.accepted_on, limit_days=10,
                             due_date=due, status="completed", completed_on=completed)  # fmt: skip


def test_case_completion_and_on_time_rates_per_department():
    c = Cases()
    county = c.lead.division
    # zjj: 3 completed in 2026 (A, B, F) / 4 accepted in 2026 (A, B, C, D) = 75.0; gtj: 1/1.
    assert builtin.case_completion_rate(county, 2026) == {c.lead.pk: 75.0, c.other.pk: 100.0}
    # On time: A met, B late (its promised clock), F met (legal only) → 2/3 = 66.7; gtj's K
    # has no time limit: no rate.
    assert builtin.case_on_time_rate(county, 2026) == {c.lead.pk: 66.7, c.other.pk: None}
    # 2025: G accepted and completed, F accepted → 1/2 = 50.0.
    assert builtin.case_completion_rate(county, 2025) == {c.lead.pk: 50.0}


def test_the_normative_filing_rate_per_drafting_department():
    from tests.rulemaking.factories import make_world, publish
    from zhengwu.rulemaking import services

    w = make_world()
    one = publish(w, on=D(2012, 3, 5), title="多伦县城市绿化管理办法")
    two = publish(w, on=D(2012, 4, 10), title="多伦县草原防火管理办法")
    publish(w, on=D(2012, 5, 14), title="多伦县殡葬管理办法")
    publish(w, on=D(2011, 5, 3), title="多伦县物业管理办法")  # another year
    for document in (one, two):
        for filing in document.filings.all():
            services.filing_submit(actor=w.legal, filing=filing, on=document.published_on)
    # The third document's filings are not made: not filed.
    assert one.filings.count() >= 1
    # 2 filed of 3 published in 2012 = 66.7.
    assert builtin.normative_filing_rate(w.county, 2012) == {w.drafting.pk: 66.7}
    assert builtin.normative_filing_rate(w.county, 2011) == {w.drafting.pk: 0.0}
    assert builtin.normative_filing_rate(w.county, 2013) == {}


def test_the_case_file_evaluation_score_per_body_department():
    from tests.enforcement.world import build_world as enforcement_world
    from tests.enforcement.world import file_case
    from zhengwu.enforcement.models import Evaluation, EvaluationCampaign

    w = enforcement_world()
    files = [file_case(w) for _ in range(4)]
    campaign = EvaluationCampaign.objects.create(division=w.county, year=2026, title="2026年评查")
    earlier = EvaluationCampaign.objects.create(division=w.county, year=2025, title="2025年评查")
    for case_file, score in zip(files[:3], ["80", "91", None], strict=True):
        Evaluation.objects.create(campaign=campaign, case_file=case_file, body=w.body,
                                  score=Decimal(score) if score else None)  # fmt: skip
    Evaluation.objects.create(campaign=earlier, case_file=files[3], body=w.body, score=60)
    # (80 + 91) / 2 = 85.5; the unscored file is left out.
    assert builtin.enforcement_evaluation_score(w.county, 2026) == {w.bureau.pk: 85.5}
    assert builtin.enforcement_evaluation_score(w.county, 2025) == {w.bureau.pk: 60.0}


def test_disclosure_replies_on_time_per_department(settings, tmp_path):
    from tests.disclosure.requests_world import build_world as disclosure_world
    from tests.disclosure.requests_world import on, receive
    from zhengwu.disclosure.requests import services

    settings.MEDIA_ROOT = tmp_path
    w = disclosure_world()
    # Received 1 Sep 2026, replied 2 Sep: on time. Received 1 Sep, replied 20 Nov: 20 working
    # days after 1 Sep end in September or early October, so late. Received 1 Oct (a holiday,
    # the clock's due date is whatever it is) and never replied: not counted.
    quick = receive(w, day=D(2026, 9, 1))
    late = receive(w, day=D(2026, 9, 1))
    receive(w, day=D(2026, 9, 2))
    with on(D(2026, 9, 2)):
        services.request_reply(actor=w.officer, request=quick, outcome="disclosed", text="已公开")
    with on(D(2026, 11, 20)):
        services.request_reply(actor=w.officer, request=late, outcome="disclosed", text="已公开")
    # 1 on time of 2 replied = 50.0.
    assert builtin.disclosure_reply_on_time_rate(w.county, 2026) == {w.bureau.pk: 50.0}
    assert builtin.disclosure_reply_on_time_rate(w.county, 2025) == {}


def test_red_cards_per_department():
    from tests.factories import CountyFactory, DepartmentFactory, TownshipFactory
    from zhengwu.supervision.models import Alert, Rule

    county = CountyFactory()
    bureau = DepartmentFactory(division=county, code="zjj")
    town = DepartmentFactory(division=TownshipFactory(parent=county), code="zf",
                             kind="government")  # fmt: skip
    elsewhere = DepartmentFactory(division=CountyFactory(code="152522000000", name="阿巴嘎旗"))
    rule = Rule.objects.create(code="t_overdue", kind="overdue", name="超时", severity="red")
    n = 0

    def alert(department, severity, day, status="open"):
        nonlocal n
        n += 1
        Alert.objects.create(rule=rule, severity=severity, key=f"k{n}", object_type="x",
                             object_id=str(n), department=department, raised_on=day,
                             status=status)  # fmt: skip

    alert(bureau, "red", D(2012, 3, 1))
    alert(bureau, "red", D(2012, 8, 1), status="resolved")
    alert(bureau, "yellow", D(2012, 8, 2))
    alert(bureau, "red", D(2011, 12, 31))
    alert(town, "red", D(2012, 5, 5), status="cleared")
    alert(elsewhere, "red", D(2012, 5, 5))
    # bureau: 2 red cards in 2012 (a yellow one and one of 2011 not counted); the township: 1.
    assert builtin.supervision_red_cards(county, 2012) == {bureau.pk: 2, town.pk: 1}

"""The register's figures and the assessment indicator, compared with counts made by hand."""

from __future__ import annotations

import datetime

import pytest

from tests.proposals.factories import assigned, make_world, register, replied
from zhengwu.assessment.indicators import indicator
from zhengwu.proposals import services
from zhengwu.proposals.figures import annual_figures

pytestmark = pytest.mark.django_db
D = datetime.date


def test_figures_of_a_year_by_hand():
    world = make_world()
    legal = world.legal
    # Deputies' suggestions of 2012: four assigned (one not yet replied), one merely registered.
    a = replied(world, title="建议一", on=D(2012, 5, 2), classification="A")  # on time
    b = replied(world, title="建议二", on=D(2012, 6, 18), classification="B")  # late (due 06-15)
    c = replied(world, title="建议三", on=D(2012, 6, 15), classification="C")  # on time, last day
    assigned(world, title="建议四", co=False)  # being handled
    register(world, title="建议五")  # registered, not handled
    # CPPCC proposals of 2012: two, both replied on time.
    replied(world, session=world.cppcc, title="提案一", on=D(2012, 4, 20))
    e = replied(world, session=world.cppcc, title="提案二", on=D(2012, 4, 25), classification="B")
    # Feedback: a satisfied, b unsatisfied then handled again, c basically satisfied, d none,
    # e unsatisfied (latest).
    fb = services.proposal_record_feedback
    fb(actor=legal, proposal=a, satisfaction="satisfied", on=D(2012, 5, 10))
    fb(actor=legal, proposal=b, satisfaction="unsatisfied", on=D(2012, 6, 25))
    services.proposal_rehandle(actor=legal, proposal=b, on=D(2012, 6, 26))
    fb(actor=legal, proposal=c, satisfaction="basic", on=D(2012, 6, 20))
    fb(actor=legal, proposal=e, satisfaction="unsatisfied", on=D(2012, 5, 1))
    # Another year's session is not counted.
    later = services.session_create(actor=legal, division=world.county, kind="deputy",
                                    name="多伦县第十五届人民代表大会第三次会议", year=2013,
                                    opened_on=D(2013, 2, 20))  # fmt: skip
    next_year = register(world, session=later, title="二〇一三年的建议", on=D(2013, 2, 22))
    services.proposal_assign(actor=legal, proposal=next_year, lead=world.lead, on=D(2013, 3, 15))
    figures = annual_figures(world.county, 2012)
    # handled: 4 deputies' + 2 CPPCC = 6; replied: a, b, c, d, e = 5 (b being handled again
    # still counts as replied); first reply on time: a, c, d, e = 4.
    assert (figures["deputies"], figures["cppcc"], figures["handled"]) == (4, 2, 6)
    assert (figures["replied"], figures["on_time"]) == (5, 4)
    assert figures["reply_rate"] == 83.3  # 5/6 = 83.33…
    assert figures["on_time_rate"] == 66.7  # 4/6 = 66.66…
    # Latest feedback: a satisfied, c basic, b and e unsatisfied; d none → 4 given, 2 pleased.
    assert figures["satisfaction"] == {"satisfied": 1, "basic": 1, "unsatisfied": 2}
    assert figures["feedback"] == 4 and figures["satisfaction_rate"] == 50.0
    # Classification of the latest replies: a A, b B (round 1, not yet re-answered), c C, d A,
    # e B.
    assert figures["by_classification"] == {"A": 2, "B": 2, "C": 1}
    assert figures["rehandled"] == 1
    assert figures["by_kind"]["cppcc"]["reply_rate"] == 100.0
    assert figures["by_kind"]["deputy"]["handled"] == 4
    assert figures["by_kind"]["deputy"]["reply_rate"] == 75.0  # 3/4
    lead = figures["by_department"]["多伦县住房和城乡建设局"]
    assert (lead["handled"], lead["replied"], lead["on_time"]) == (6, 5, 4)
    assert annual_figures(world.county, 2011)["reply_rate"] is None
    assert annual_figures(world.county, 2013)["handled"] == 1


def test_the_on_time_indicator_per_lead_department():
    world = make_world()
    replied(world, title="一", on=D(2012, 5, 2))  # on time
    replied(world, title="二", on=D(2012, 6, 18))  # late
    late = replied(world, title="三", on=D(2012, 6, 20))  # late
    # One led by the education bureau, on time.
    proposal = register(world, title="四")
    services.proposal_assign(actor=world.legal, proposal=proposal, lead=world.other,
                             on=D(2012, 3, 15))  # fmt: skip
    services.proposal_reply(actor=world.other_head, proposal=proposal, classification="A",
                            text="已解决", on=D(2012, 4, 1))  # fmt: skip
    found = indicator("proposal_reply_on_time")
    assert found is not None and found.unit == "percent" and found.higher_is_better
    values = found.compute(world.county, 2012)
    # 住建局 led 3, 1 on time: 33.3%; 教育局 led 1, on time: 100%.
    assert values == {world.lead.pk: 33.3, world.other.pk: 100.0}
    assert late.lead_department == world.lead

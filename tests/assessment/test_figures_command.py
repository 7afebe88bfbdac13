"""``annual_figures`` worked out by hand, and the ``zhengwu assessment`` command."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tests.assessment.conftest import FAKE_VALUES
from tests.assessment.world import make_scheme, make_world
from zhengwu.assessment import services
from zhengwu.assessment.figures import annual_figures

pytestmark = pytest.mark.django_db
D = Decimal


def test_figures_and_the_command():
    w = make_world()
    scheme = make_scheme(w)
    assert annual_figures(w.county, 2012)["units_assessed"] == 0
    FAKE_VALUES.update({w.fgj.pk: 100, w.jyj.pk: 90, w.legal_office.pk: 80, w.town_a.pk: 95,
                        w.town_b.pk: 100})  # fmt: skip
    out = io.StringIO()
    call_command("assessment", "compute", "--year", "2012", "--division", w.county.code,
                 stdout=out)  # fmt: skip
    assert "5 units, 2 computed indicators, 10 scores; 5 assessed scores to go." in out.getvalue()
    leaf = scheme.nodes.get(code="2.1")
    given = {w.fgj.pk: 40, w.jyj.pk: 30, w.legal_office.pk: 10, w.town_a.pk: 40, w.town_b.pk: 0}
    for unit in scheme.units.all():
        services.score_record(actor=w.legal, unit=unit, node=leaf,
                              points=D(given[unit.department_id]), reasoning="检查")  # fmt: skip
    services.assessment_finalise(actor=w.legal, scheme=scheme)
    # Totals (rate + count 20 + assessed): fgj 40+20+40 = 100 (excellent), jyj 20+20+30 = 70
    # (pass), legal office 0+20+10 = 30 (fail); town A 30+20+40 = 90 (excellent), town B
    # 40+20+0 = 60 (pass). Mean percent: departments (100+70+30)/3 = 66.7, townships 75.0,
    # all (100+70+30+90+60)/5 = 70.0.
    figures = annual_figures(w.county, 2012)
    assert figures["units_assessed"] == 5
    assert figures["by_grade"] == {"excellent": 2, "good": 0, "pass": 2, "fail": 1}
    assert figures["by_group"] == {"township": {"units": 2, "average_score": 75.0},
                                   "department": {"units": 3, "average_score": 66.7}}  # fmt: skip
    assert figures["average_score"] == 70.0
    out = io.StringIO()
    call_command("assessment", "stats", "--year", "2012", "--division", w.county.code,
                 "--format", "json", stdout=out)  # fmt: skip
    body = json.loads(out.getvalue())
    assert body["average_score"] == 70.0 and body["year"] == 2012


def test_the_command_refuses_a_year_without_a_scheme():
    w = make_world()
    with pytest.raises(CommandError, match="no assessment scheme for 2013"):
        call_command("assessment", "compute", "--year", "2013", "--division", w.county.code)

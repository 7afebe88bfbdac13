"""The JSON API: compute, score and finalise; the refusals as JSON; the scorecard rules."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.assessment.conftest import FAKE_VALUES
from tests.assessment.world import make_scheme, make_world

pytestmark = pytest.mark.django_db
BASE = "/api/assessment"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, url, payload=None):
    return client.post(url, payload or {}, content_type="application/json")


def test_the_run_through_the_api():
    w = make_world()
    scheme = make_scheme(w)
    legal, fgj = client_for(w.legal), client_for(w.fgj_staff)
    codes = [row["code"] for row in legal.get(f"{BASE}/indicators").json()]
    assert "test_rate" in codes and "case_completion_rate" in codes
    assert post(fgj, f"{BASE}/schemes/{scheme.pk}/compute").status_code == 404
    FAKE_VALUES.update({w.fgj.pk: 90})
    body = post(legal, f"{BASE}/schemes/{scheme.pk}/compute").json()
    assert body["status"] == "computed" and body["problems"] == []
    leaf = scheme.nodes.get(code="2.1")
    refused = post(legal, f"{BASE}/schemes/{scheme.pk}/finalise")
    assert refused.status_code == 409 and refused.json()["code"] == "unscored"
    units = {row["department"]: row["unit_id"]
             for row in legal.get(f"{BASE}/schemes/{scheme.pk}/ranking").json()}  # fmt: skip
    invalid = post(legal, f"{BASE}/schemes/{scheme.pk}/units/{units[w.fgj.name]}/scores",
                   {"node_id": leaf.pk, "points": 50})  # fmt: skip
    assert invalid.status_code == 422
    assert {e["field"] for e in invalid.json()["errors"]} == {"points", "reasoning"}
    for unit_id in units.values():
        response = post(legal, f"{BASE}/schemes/{scheme.pk}/units/{unit_id}/scores",
                        {"node_id": leaf.pk, "reasoning": "材料齐全",
                         "deductions": [{"reason": "缺台账", "points": 4}]})  # fmt: skip
        assert response.status_code == 200, response.content
    assert post(legal, f"{BASE}/schemes/{scheme.pk}/finalise").json()["status"] == "finalised"
    # fgj: 90 → 20 of 40; count none → 20; assessed 40 - 4 = 36: 76 of 100.
    card = fgj.get(f"{BASE}/schemes/{scheme.pk}/units/{units[w.fgj.name]}").json()
    assert card["total"] == "76.00" and card["grade"] == "pass"
    rate = next(line for line in card["lines"] if line["code"] == "1.1")
    assert rate["value"] == "90.0000" and rate["points"] == "20.00"
    assert rate["how"] == "A fake rate of the tests: whatever FAKE_VALUES holds."
    # Another unit's scorecard and the ranking are not the unit's to see.
    assert fgj.get(f"{BASE}/schemes/{scheme.pk}/units/{units[w.jyj.name]}").status_code == 404
    assert fgj.get(f"{BASE}/schemes/{scheme.pk}/ranking").status_code == 404
    assert fgj.get(f"{BASE}/schemes/{scheme.pk}").status_code == 404
    figures = legal.get(f"{BASE}/figures", {"year": 2012}).json()
    assert figures["units_assessed"] == 5


def test_the_openapi_schema_names_the_assessment_schemas():
    from zhengwu.api import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    for name in ("AssessmentSchemeOut", "AssessmentSchemeDetailOut", "AssessmentScorecardOut",
                 "AssessmentScoreIn", "AssessmentRankOut", "AssessmentIndicatorOut"):  # fmt: skip
        assert name in schemas, name
    assert "nodes" in schemas["AssessmentSchemeDetailOut"]["properties"]

"""Section 3 of the annual report: every cell compared with a count worked out by hand.

The requests are written as rows (the table only reads them), across 2024, 2025 and 2026, in every
outcome and sub-ground and for every applicant type. The table of 2025:

natural person: 2024-12-20 → 2025-01-10 disclosed (carried over), 2024-11-01 → 2024-11-20 (not in
2025), 2024-12-28 still open (carried over, carried forward), 2025-03-01 → disclosed,
2025-04-01 → partly disclosed, 2025-12-30 → 2026-01-15 not disclosed 4 (carried forward),
2025-05-06 → withdrawn 05-10 (other 3), 2025-06-02 → abandoned 07-01 (other 1):
new 5, carried over 2, handled 5 (disclosed 2, partly 1, other 1: 1, other 3: 1), forward 2.
commercial enterprise: not disclosed 1–8 (one each) and one partly disclosed, all in 2025: new 9,
handled 9.  research institution: cannot be provided 1–3: new 3, handled 3.  public-welfare
organisation: not processed 1–5: new 5, handled 5.  legal-service institution: other 2 and 3: new
2, handled 2.  other organisation: 2024-12-15 → 2025-02-01 cannot be provided 1 (carried over),
2025-08-01 → 08-20 disclosed: new 1, carried over 1, handled 2.
Not counted: an online application never confirmed, one withdrawn before confirmation, and a
request of another county.
"""

import datetime
import itertools

import pytest

from tests.disclosure.requests_world import CREDIT_CODE, ID_NUMBER, build_world
from tests.factories import DepartmentFactory
from zhengwu.disclosure.models import DisclosureRequest
from zhengwu.disclosure.requests.table import COLUMNS, requests_table, table_lines

pytestmark = pytest.mark.django_db
D = datetime.date
serial = itertools.count(1)

NP, CE, RI, PW, LS, OO = (
    "natural_person",
    "commercial",
    "research",
    "public_welfare",
    "legal_service",
    "other_organisation",
)


@pytest.fixture(autouse=True)
def fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def row(
    w,
    kind,
    received,
    concluded=None,
    outcome="",
    ground=None,
    *,
    status=None,
    department=None,
    division=None,
):
    if status is None:
        status = "in_process" if concluded is None else "replied"
    fields = {
        "number": f"T{next(serial):06d}",
        "query_digest": "x",
        "division": division or w.county,
        "department": department or w.bureau,
        "applicant_type": kind,
        "phone": "13904791234",
        "channel": "in_person",
        "description": "某信息",
        "provision_form": "paper",
        "obtaining_method": "collect",
        "status": status,
        "received_on": received,
        "outcome": outcome,
        "sub_ground": ground,
        "concluded_on": concluded,
    }
    if kind == NP:
        fields |= {"name": "马丽", "id_number": ID_NUMBER}
    else:
        fields |= {"organisation_name": "某单位", "credit_code": CREDIT_CODE}
    if status == "replied":
        fields |= {"replied_on": concluded, "replied_by": w.officer}
    if status == "withdrawn":
        fields |= {"withdrawn_on": concluded}
    return DisclosureRequest.objects.create(**fields)


@pytest.fixture
def w():
    w = build_world()
    # The natural person.
    row(w, NP, D(2024, 12, 20), D(2025, 1, 10), "disclosed")
    row(w, NP, D(2024, 11, 1), D(2024, 11, 20), "disclosed")
    row(w, NP, D(2024, 12, 28))
    row(w, NP, D(2025, 3, 1), D(2025, 3, 20), "disclosed")
    row(w, NP, D(2025, 4, 1), D(2025, 4, 25), "partly_disclosed")
    row(w, NP, D(2025, 12, 30), D(2026, 1, 15), "withheld", 4)
    row(w, NP, D(2025, 5, 6), D(2025, 5, 10), "other", 3, status="withdrawn")
    row(w, NP, D(2025, 6, 2), D(2025, 7, 1), "other", 1, status="abandoned")
    # The organisations; the commercial enterprises asked the disclosure office.
    for ground in range(1, 9):
        row(w, CE, D(2025, 2, ground), D(2025, 3, ground), "withheld", ground, department=w.office)
    row(w, CE, D(2025, 9, 1), D(2025, 9, 15), "partly_disclosed", department=w.office)
    for ground in (1, 2, 3):
        row(w, RI, D(2025, 5, ground), D(2025, 6, ground), "unavailable", ground)
    for ground in range(1, 6):
        row(w, PW, D(2025, 7, ground), D(2025, 7, 20 + ground), "not_processed", ground)
    row(w, LS, D(2025, 10, 8), D(2025, 11, 3), "other", 2)
    row(w, LS, D(2025, 10, 9), D(2025, 11, 4), "other", 3)
    row(w, OO, D(2024, 12, 15), D(2025, 2, 1), "unavailable", 1)
    row(w, OO, D(2025, 8, 1), D(2025, 8, 20), "disclosed")
    # Not counted.
    row(w, NP, None, status="submitted")
    row(w, NP, None, D(2025, 3, 3), "other", 3, status="withdrawn")
    elsewhere = DepartmentFactory(division=w.foreign_officer.department.division)
    row(
        w,
        NP,
        D(2025, 3, 1),
        D(2025, 3, 2),
        "disclosed",
        department=elsewhere,
        division=elsewhere.division,
    )
    return w


def cells(np=0, ce=0, ri=0, pw=0, ls=0, oo=0) -> dict:
    values = {NP: np, CE: ce, RI: ri, PW: pw, LS: ls, OO: oo}
    return {**values, "total": sum(values.values())}


def test_every_cell_of_2025_matches_the_hand_count(w, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        table = requests_table(2025, w.county)
    assert table["columns"] == COLUMNS
    assert table["new"] == cells(np=5, ce=9, ri=3, pw=5, ls=2, oo=1)
    assert table["carried_over"] == cells(np=2, oo=1)
    outcomes = table["outcomes"]
    assert outcomes["disclosed"] == cells(np=2, oo=1)
    # The partly disclosed count only there, never under another outcome.
    assert outcomes["partly_disclosed"] == cells(np=1, ce=1)
    for ground in range(1, 9):
        assert outcomes["withheld"][str(ground)] == cells(ce=1)
    assert outcomes["withheld"]["total"] == cells(ce=8)
    assert outcomes["unavailable"]["1"] == cells(ri=1, oo=1)
    assert outcomes["unavailable"]["2"] == outcomes["unavailable"]["3"] == cells(ri=1)
    assert outcomes["unavailable"]["total"] == cells(ri=3, oo=1)
    for ground in range(1, 6):
        assert outcomes["not_processed"][str(ground)] == cells(pw=1)
    assert outcomes["other"]["1"] == cells(np=1)  # abandoned
    assert outcomes["other"]["2"] == cells(ls=1)
    assert outcomes["other"]["3"] == cells(np=1, ls=1)  # a withdrawal counts here
    assert outcomes["other"]["total"] == cells(np=2, ls=2)
    assert table["handled"] == cells(np=5, ce=9, ri=3, pw=5, ls=2, oo=2)
    assert table["carried_forward"] == cells(np=2)
    # 一 + 二 = 三(七) + 四, column by column: 25 + 3 = 26 + 2.
    assert table["check"]["ok"] is True
    assert table["check"]["columns"]["total"] == {
        "received": 28,
        "handled_and_forward": 28,
        "ok": True,
    }
    assert all(c["ok"] for c in table["check"]["columns"].values())


def test_the_year_before_and_one_department(w):
    table = requests_table(2024, w.county)
    assert table["new"] == cells(np=3, oo=1)
    assert table["carried_over"] == cells()
    assert table["handled"] == cells(np=1)
    assert table["carried_forward"] == cells(np=2, oo=1)
    assert table["check"]["ok"]
    office = requests_table(2025, w.county, department=w.office)
    assert office["new"] == cells(ce=9) and office["handled"] == cells(ce=9)
    assert office["outcomes"]["partly_disclosed"] == cells(ce=1)
    assert office["carried_forward"] == cells()


def test_the_lines_as_printed(w):
    lines = table_lines(requests_table(2025, w.county))
    keys = [line["key"] for line in lines]
    assert keys[:4] == ["new", "carried_over", "outcomes", "disclosed"]
    assert keys[-2:] == ["handled", "carried_forward"]
    assert "withheld.8" in keys and "not_processed.5" in keys and "other.3" in keys
    by_key = {line["key"]: line["cells"] for line in lines}
    assert by_key["new"] == [5, 9, 3, 5, 2, 1, 25]
    assert by_key["other.3"] == [1, 0, 0, 0, 1, 0, 2]
    assert by_key["handled"][-1] == 26

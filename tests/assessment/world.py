"""A small county for the assessment's tests: two townships, three departments, the legal
office, and a scheme with two categories (a computed rate, a computed count, an assessed
leaf)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tests.factories import (
    CountyFactory,
    DepartmentFactory,
    LeagueFactory,
    Role,
    StaffFactory,
    TownshipFactory,
)
from zhengwu.assessment import services
from zhengwu.org.models import Department


@dataclass
class World:
    county: object
    legal_office: Department
    fgj: Department
    jyj: Department
    town_a: Department
    town_b: Department
    legal: object
    supervisor: object
    fgj_staff: object
    jyj_staff: object
    town_staff: object


def make_world() -> World:
    league = LeagueFactory()
    county = CountyFactory(parent=league)
    DepartmentFactory(division=county, code="zf", name="多伦县人民政府",
                      kind=Department.Kind.GOVERNMENT)  # fmt: skip
    legal_office = DepartmentFactory(division=county, code="fzb", name="多伦县人民政府法制办公室",
                                     kind=Department.Kind.OFFICE)  # fmt: skip
    fgj = DepartmentFactory(division=county, code="fgj", name="多伦县发展和改革局")
    jyj = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    towns = []
    for name in ("多伦淖尔镇", "大北沟镇"):
        township = TownshipFactory(parent=county, name=name)
        towns.append(DepartmentFactory(division=township, code="zf", name=f"{name}人民政府",
                                       kind=Department.Kind.GOVERNMENT))  # fmt: skip
    # A village committee and a department of another county are never assessed.
    return World(
        county=county,
        legal_office=legal_office,
        fgj=fgj,
        jyj=jyj,
        town_a=towns[0],
        town_b=towns[1],
        legal=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER]),
        supervisor=StaffFactory(department=legal_office, roles=[Role.SUPERVISOR]),
        fgj_staff=StaffFactory(department=fgj, roles=[Role.REVIEWER]),
        jyj_staff=StaffFactory(department=jyj, roles=[Role.REVIEWER]),
        town_staff=StaffFactory(department=towns[0], roles=[Role.REVIEWER]),
    )


def make_scheme(w: World, *, year: int = 2012, **settings):
    """100 points: 1 行政审批 (60: 1.1 test_rate linear 80→100, 40 points; 1.2 test_count 2
    points per occurrence, 20 points), 2 组织领导 (40: 2.1 assessed, 40 points)."""
    scheme = services.scheme_create(actor=w.legal, division=w.county, year=year,
                                    title=f"{year}年度依法行政考核", **settings)  # fmt: skip
    approval = services.node_add(actor=w.legal, scheme=scheme, code="1", label="行政审批",
                                 points=Decimal(60), method="category", position=1)  # fmt: skip
    services.node_add(actor=w.legal, scheme=scheme, parent=approval, code="1.1", label="测试比率",
                      points=Decimal(40), method="computed", indicator_code="test_rate",
                      rule="linear", floor=Decimal(80), target=Decimal(100),
                      position=2)  # fmt: skip
    services.node_add(actor=w.legal, scheme=scheme, parent=approval, code="1.2", label="测试次数",
                      points=Decimal(20), method="computed", indicator_code="test_count",
                      rule="deduction", deduction=Decimal(2), position=3)  # fmt: skip
    lead = services.node_add(actor=w.legal, scheme=scheme, code="2", label="组织领导",
                             points=Decimal(40), method="category", position=4)  # fmt: skip
    services.node_add(actor=w.legal, scheme=scheme, parent=lead, code="2.1", label="领导重视",
                      points=Decimal(40), method="assessed", position=5)  # fmt: skip
    return scheme

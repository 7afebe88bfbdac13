"""A small county for the register's tests: two townships, a village, their staff, the legal
office and a supervisor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tests.factories import (
    CountyFactory,
    DepartmentFactory,
    LeagueFactory,
    Role,
    StaffFactory,
    TownshipFactory,
)
from zhengwu.disputes import services
from zhengwu.org.models import Department, Division


@dataclass
class World:
    county: Division
    township: Division
    other_township: Division
    village: Division
    legal_office: Department
    legal: object  # a legal officer of the county
    township_staff: object  # staff of the township government
    other_staff: object  # staff of the other township
    county_staff: object  # staff of a county department (no dispute role)
    supervisor: object


def make_world() -> World:
    county = CountyFactory(parent=LeagueFactory())
    township = TownshipFactory(parent=county, code="152531100000", name="多伦淖尔镇")
    other = TownshipFactory(parent=county, code="152531101000", name="大北沟镇")
    village = Division.objects.create(
        code="152531100200", name="北山村", parent=township, level=Division.Level.VILLAGE
    )
    legal_office = DepartmentFactory(
        division=county, code="fzb", name="多伦县人民政府法制办公室", kind=Department.Kind.OFFICE
    )
    gov = DepartmentFactory(
        division=township, code="zf", name="多伦淖尔镇人民政府", kind=Department.Kind.GOVERNMENT
    )
    other_gov = DepartmentFactory(
        division=other, code="zf", name="大北沟镇人民政府", kind=Department.Kind.GOVERNMENT
    )
    county_dep = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    return World(
        county=county,
        township=township,
        other_township=other,
        village=village,
        legal_office=legal_office,
        legal=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER]),
        township_staff=StaffFactory(department=gov, roles=[Role.REVIEWER]),
        other_staff=StaffFactory(department=other_gov, roles=[Role.REVIEWER]),
        county_staff=StaffFactory(department=county_dep, roles=[Role.REVIEWER]),
        supervisor=StaffFactory(department=county_dep, roles=[Role.SUPERVISOR]),
    )


def register(world: World, **kwargs):
    """A dispute of the world's township, registered by its staff."""
    data = {
        "actor": world.township_staff,
        "township": world.township,
        "village": world.village,
        "found_on": datetime.date(2026, 3, 2),
        "how_found": "walk_in",
        "dispute_type": "neighbours",
        "summary": "宅基地界墙纠纷",
        "parties": [
            {"name": "张三", "phone": "13904791234", "side": "applicant"},
            {"name": "李四", "side": "respondent"},
        ],
        "mediator_kind": "village_committee",
        "mediating_body": "北山村人民调解委员会",
        "mediator": "王调解",
    }
    data.update(kwargs)
    return services.dispute_register(**data)

"""A small county and contracts driven through the services for the register's tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from tests.factories import CountyFactory, DepartmentFactory, LeagueFactory, Role, StaffFactory
from zhengwu.contracts import services
from zhengwu.contracts.models import GovernmentContract
from zhengwu.org.models import Department


@dataclass
class World:
    county: object
    legal_office: Department
    department: Department
    other_department: Department
    legal: object  # a legal officer
    staff: object  # staff of the submitting department
    outsider: object  # staff of another department
    supervisor: object


def make_world() -> World:
    league = LeagueFactory()
    county = CountyFactory(parent=league)
    legal_office = DepartmentFactory(division=county, code="fzb", name="多伦县人民政府法制办公室",
                                     kind=Department.Kind.OFFICE)  # fmt: skip
    department = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    other = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    return World(
        county=county,
        legal_office=legal_office,
        department=department,
        other_department=other,
        legal=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER]),
        staff=StaffFactory(department=department, roles=[Role.REVIEWER]),
        outsider=StaffFactory(department=other, roles=[Role.REVIEWER]),
        supervisor=StaffFactory(department=other, roles=[Role.SUPERVISOR]),
    )


def create(world: World, *, on: datetime.date, actor=None, department=None, kind="construction",
           title="多伦县城区道路改造工程施工合同", **kwargs) -> GovernmentContract:  # fmt: skip
    return services.contract_create(
        actor=actor or world.staff, department=department or world.department, title=title,
        kind=kind, counterparty=kwargs.pop("counterparty", "锡林郭勒盟路桥建设有限公司"),
        amount=kwargs.pop("amount", Decimal("1250000.00")),
        text=kwargs.pop("text", "第一条 工程概况……"), on=on, **kwargs,
    )  # fmt: skip


def review(world: World, contract, *, submitted: datetime.date, returned: datetime.date,
           conclusion="lawful", started: datetime.date | None = None, **opinion):  # fmt: skip
    """Submit the current version on ``submitted`` and return ``conclusion`` on ``returned``."""
    services.contract_submit(actor=world.staff, contract=contract, on=submitted)
    services.contract_start_review(actor=world.legal, contract=contract, on=started or submitted)
    if conclusion != "lawful":
        opinion.setdefault("findings", ["第八条违约责任约定不对等"])
        opinion.setdefault("legal_bases", ["《中华人民共和国合同法》第五十二条"])
    return services.contract_return_opinion(
        actor=world.legal, contract=contract, conclusion=conclusion, on=returned, **opinion
    )


def reviewed_and_signed(world: World, *, submitted, returned, signed, **kwargs):
    contract = create(world, on=submitted, **kwargs)
    review(world, contract, submitted=submitted, returned=returned)
    return services.contract_sign(actor=world.staff, contract=contract, on=signed)

"""A small county for the register's tests, and proposals driven through the services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tests.factories import CountyFactory, DepartmentFactory, LeagueFactory, Role, StaffFactory
from zhengwu.org.models import Department
from zhengwu.proposals import services
from zhengwu.proposals.models import Proposal, Session


@dataclass
class World:
    county: object
    office: Department  # the legal-affairs office, which runs the register
    lead: Department
    co: Department
    other: Department
    legal: object  # a legal officer: the office
    lead_head: object
    lead_reviewer: object
    co_reviewer: object
    co_head: object
    other_head: object
    supervisor: object
    deputies: Session
    cppcc: Session


def make_world() -> World:
    league = LeagueFactory()
    county = CountyFactory(parent=league)
    office = DepartmentFactory(division=county, code="fzb", name="多伦县人民政府法制办公室",
                               kind=Department.Kind.OFFICE)  # fmt: skip
    lead = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    co = DepartmentFactory(division=county, code="czj", name="多伦县财政局")
    other = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    legal = StaffFactory(department=office, roles=[Role.LEGAL_OFFICER], full_name="赵磊")
    world = World(
        county=county, office=office, lead=lead, co=co, other=other, legal=legal,
        lead_head=StaffFactory(department=lead, roles=[Role.DEPARTMENT_HEAD], full_name="刘洋"),
        lead_reviewer=StaffFactory(department=lead, roles=[Role.REVIEWER]),
        co_reviewer=StaffFactory(department=co, roles=[Role.REVIEWER]),
        co_head=StaffFactory(department=co, roles=[Role.DEPARTMENT_HEAD]),
        other_head=StaffFactory(department=other, roles=[Role.DEPARTMENT_HEAD]),
        supervisor=StaffFactory(department=other, roles=[Role.SUPERVISOR]),
        deputies=services.session_create(
            actor=legal, division=county, kind="deputy",
            name="多伦县第十五届人民代表大会第二次会议", year=2012,
            opened_on=datetime.date(2012, 2, 20)),
        cppcc=services.session_create(
            actor=legal, division=county, kind="cppcc",
            name="政协多伦县第九届委员会第二次会议", year=2012,
            opened_on=datetime.date(2012, 2, 18)),
    )  # fmt: skip
    return world


def register(world: World, *, session: Session | None = None, on=datetime.date(2012, 2, 22),
             **kwargs) -> Proposal:  # fmt: skip
    kwargs.setdefault("title", "关于加快城区老旧小区改造的建议")
    kwargs.setdefault("content", "建议县政府统筹资金，分批改造城区老旧小区。")
    kwargs.setdefault(
        "proposers", [("王建华", "多伦淖尔镇代表团", True), ("李秀英", "多伦淖尔镇代表团")]
    )
    return services.proposal_register(
        actor=world.legal, session=session or world.deputies, on=on, **kwargs
    )


def assigned(world: World, *, on=datetime.date(2012, 3, 15), co=True, **kwargs) -> Proposal:
    proposal = register(world, **kwargs)
    return services.proposal_assign(
        actor=world.legal, proposal=proposal, lead=world.lead,
        co_handlers=[world.co] if co else [], on=on,
    )  # fmt: skip


def replied(world: World, *, on=datetime.date(2012, 5, 20), classification="A",
            **kwargs) -> Proposal:  # fmt: skip
    proposal = assigned(world, co=False, **kwargs)
    services.proposal_reply(actor=world.lead_head, proposal=proposal,
                            classification=classification, text="已列入2012年改造计划。",
                            on=on)  # fmt: skip
    proposal.refresh_from_db()
    return proposal

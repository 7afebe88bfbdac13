"""A small county and the decision cases of the tests, made through the services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tests.factories import CountyFactory, DepartmentFactory, LeagueFactory, Role, StaffFactory
from zhengwu.decisions import services
from zhengwu.decisions.models import MajorDecision
from zhengwu.org.models import Department

D = datetime.date


@dataclass
class World:
    county: object
    government: Department
    legal_office: Department
    undertaking: Department
    legal: object  # a legal officer
    undertaker: object  # staff of the undertaking department
    outsider: object  # staff of another department
    supervisor: object


def make_world() -> World:
    league = LeagueFactory()
    county = CountyFactory(parent=league)
    government = DepartmentFactory(division=county, code="zf", name="多伦县人民政府",
                                   kind=Department.Kind.GOVERNMENT)  # fmt: skip
    legal_office = DepartmentFactory(division=county, code="fzb", name="多伦县人民政府法制办公室",
                                     kind=Department.Kind.OFFICE)  # fmt: skip
    undertaking = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    other = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    return World(
        county=county,
        government=government,
        legal_office=legal_office,
        undertaking=undertaking,
        legal=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER]),
        undertaker=StaffFactory(department=undertaking, roles=[Role.REVIEWER]),
        outsider=StaffFactory(department=other, roles=[Role.REVIEWER]),
        supervisor=StaffFactory(department=other, roles=[Role.SUPERVISOR]),
    )


_counter = {"n": 0}


def new_decision(world: World, **fields) -> MajorDecision:
    _counter["n"] += 1
    data = {
        "title": f"多伦县重大行政决策{_counter['n']}",
        "subject_area": "urban_planning",
        "undertaking_official": "住建局局长 王某",
        "reviewing_official": "法制办主任 李某",
        "deciding_leader": "县长 张某",
        **fields,
    }
    actor = data.pop("actor", world.undertaker)
    return services.decision_create(actor=actor, undertaking_department=world.undertaking, **data)


def prepare(world: World, decision: MajorDecision, *, start: datetime.date,
            hearing: bool = False, expert: bool = True,
            risk: bool = True) -> MajorDecision:  # fmt: skip
    """Record every step from ``start`` on: comment of 30 days (or a hearing), expert
    argumentation and risk assessment, a lawful review over 15 days, an approving meeting."""
    u, legal = world.undertaker, world.legal
    day = start
    if hearing:
        services.hearing_record(
            actor=u, decision=decision, materials_sent_on=day, held_on=day + datetime.timedelta(7),
            place="县政府会议室", participants="居民代表12人", summary="意见10条",
            adoption="采纳6条",
        )  # fmt: skip
        day += datetime.timedelta(7)
    else:
        services.comment_open(actor=u, decision=decision, channel="县政府网站", on=day)
        day += datetime.timedelta(40)
        services.comment_close(actor=u, decision=decision, summary="意见5条", adoption="采纳3条",
                               opinions_count=5, on=day)  # fmt: skip
    if expert:
        services.expert_record(actor=u, decision=decision, held_on=day, form="meeting",
                               experts="专家5人", opinions="可行")  # fmt: skip
    if risk:
        services.risk_record(actor=u, decision=decision, assessed_on=day, assessor="住建局",
                             level="low", findings="风险较小", measures="做好解释")  # fmt: skip
    services.review_submit(actor=u, decision=decision, on=day)
    day += datetime.timedelta(21)
    services.review_complete(actor=legal, decision=decision, conclusion="lawful",
                             legal_bases="《城乡规划法》", on=day)  # fmt: skip
    day += datetime.timedelta(3)
    services.discussion_record(
        actor=legal, decision=decision, meeting_kind="executive",
        meeting_name="县政府第5次常务会议",
        held_on=day, members_total=9, members_present=8, outcome="approve",
    )  # fmt: skip
    decision.refresh_from_db()
    return decision


def adopted(world: World, *, start: datetime.date, publish_on: datetime.date | None = None,
            **kwargs) -> MajorDecision:  # fmt: skip
    decision = new_decision(world, needs_expert=kwargs.get("expert", True),
                            needs_risk=kwargs.get("risk", True))  # fmt: skip
    prepare(world, decision, start=start, **kwargs)
    meeting = services.latest_discussion(decision).held_on
    services.decision_adopt(actor=world.legal, decision=decision, on=meeting)
    if publish_on:
        services.decision_publish(actor=world.legal, decision=decision, channel="县政府网站",
                                  on=publish_on)  # fmt: skip
    decision.refresh_from_db()
    return decision

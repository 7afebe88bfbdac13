"""A county with a routing office, two answering departments, a township and a citizen."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import time_machine

from tests.factories import (
    CitizenFactory,
    CountyFactory,
    DepartmentFactory,
    Role,
    StaffFactory,
    TownshipFactory,
)
from zhengwu.interaction import services
from zhengwu.interaction.models import Message
from zhengwu.org.models import Department, Division, User


@dataclass
class World:
    county: Division
    office: User  # disclosure officer of the county's disclosure office (routing office)
    supervisor: User  # supervisor (also the routing office)
    housing: Department
    social: Department
    township: Department
    housing_reviewer: User
    housing_head: User
    social_reviewer: User
    citizen: User


def on(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, 0), tick=False)


def build_world() -> World:
    county = CountyFactory()
    township = TownshipFactory(parent=county, code="152531100000", name="多伦淖尔镇")
    office_dept = DepartmentFactory(
        division=county, code="gkb", name="多伦县政务公开办公室", kind=Department.Kind.OFFICE
    )
    watch = DepartmentFactory(division=county, code="jcj", name="多伦县监察局")
    housing = DepartmentFactory(division=county, code="fgc", name="多伦县房产管理局")
    social = DepartmentFactory(division=county, code="rsj", name="多伦县人力资源和社会保障局")
    town_gov = DepartmentFactory(
        division=township, code="zf", name="多伦淖尔镇人民政府", kind=Department.Kind.GOVERNMENT
    )
    return World(
        county=county,
        office=StaffFactory(department=office_dept, roles=[Role.DISCLOSURE_OFFICER]),
        supervisor=StaffFactory(department=watch, roles=[Role.SUPERVISOR]),
        housing=housing,
        social=social,
        township=town_gov,
        housing_reviewer=StaffFactory(department=housing, roles=[Role.REVIEWER]),
        housing_head=StaffFactory(department=housing, roles=[Role.DEPARTMENT_HEAD]),
        social_reviewer=StaffFactory(department=social, roles=[Role.REVIEWER]),
        citizen=CitizenFactory(full_name="马秀英", phone="13904791234", email="ma@example.cn"),
    )


_keys = iter(range(1, 10**9))


def submit(
    w: World,
    *,
    kind: str = Message.Kind.COMPLAINT,
    day: datetime.date = datetime.date(2026, 9, 30),
    actor=None,
    **fields,
) -> services.Submission:
    values = {
        "subject": "窗口办事推诿",
        "body": "我叫马秀英，电话13904791234，去住建局办理房屋产权登记被要求反复补材料。",
        "name": "马秀英",
        "phone": "13904791234",
        "publication_consent": True,
        "idempotency_key": f"key-{next(_keys)}",
        **fields,
    }
    with on(day):
        return services.message_submit(
            actor=actor,
            kind=kind,
            division=w.county,
            **values,
        )

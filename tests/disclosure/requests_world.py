"""A county with a disclosure office, a bureau with its head and reviewer, citizens, an
organisation, a supervisor and a disclosure officer of another county; helpers for requests.

Dates used by the tests (2026 official calendar): Mid-Autumn 25–27 September and National Day
1–7 October are off; Sunday 20 September and Saturday 10 October are worked. Received on
Wednesday 30 September, the working days after it are 8 (1), 9, 10 (Sat), 12, 13, 14, 15 (7),
16, 19, 20 (10), 21, 22, 23, 26 (14), 27, 28, 29, 30 October (18), 2 November (19), 3 November
(20): the office may ask for a correction until Thursday 15 October and must reply by Tuesday
3 November.
"""

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
    make_id_number,
)
from zhengwu.cases.demo import credit_code
from zhengwu.disclosure.models import DisclosureRequest
from zhengwu.disclosure.requests import services
from zhengwu.org.models import Department, Division, User

D = datetime.date
RECEIVED = D(2026, 9, 30)
CREDIT_CODE = credit_code("91152531MA0000001")
ID_NUMBER = make_id_number("15253119800101123")


def on(day: datetime.date, *, tick: bool = False):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=tick)


@dataclass
class World:
    county: Division
    office: Department  # the county's disclosure office
    bureau: Department  # a working department requests are addressed to
    officer: User  # disclosure officer of the office
    head: User  # head of the bureau
    reviewer: User  # reviewer of the bureau
    other_head: User  # head of another department
    supervisor: User
    foreign_officer: User  # disclosure officer of another county
    citizen: User
    other_citizen: User
    company: User  # an organisation's account


def build_world() -> World:
    county = CountyFactory()
    office = DepartmentFactory(
        division=county, code="gkb", name="多伦县政务公开办公室", kind=Department.Kind.OFFICE
    )
    bureau = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    other = DepartmentFactory(division=county, code="czj", name="多伦县财政局")
    supervision = DepartmentFactory(division=county, code="jcj", name="多伦县监察局")
    elsewhere = CountyFactory(code="152522000000", name="阿巴嘎旗")
    elsewhere_office = DepartmentFactory(division=elsewhere, code="gkb", name="阿巴嘎旗政务公开办")
    company = User.objects.create(
        username="company",
        full_name="多伦县草原乳业有限公司",
        kind=User.Kind.ORGANISATION,
        credit_code=CREDIT_CODE,
        phone="13904790001",
    )
    return World(
        county=county,
        office=office,
        bureau=bureau,
        officer=StaffFactory(department=office, roles=[Role.DISCLOSURE_OFFICER], full_name="孙丽"),
        head=StaffFactory(department=bureau, roles=[Role.DEPARTMENT_HEAD], full_name="刘洋"),
        reviewer=StaffFactory(department=bureau, roles=[Role.REVIEWER], full_name="张伟"),
        other_head=StaffFactory(department=other, roles=[Role.DEPARTMENT_HEAD]),
        supervisor=StaffFactory(department=supervision, roles=[Role.SUPERVISOR]),
        foreign_officer=StaffFactory(department=elsewhere_office, roles=[Role.DISCLOSURE_OFFICER]),
        citizen=CitizenFactory(
            full_name="马丽", id_number=ID_NUMBER, email="ma@example.cn", phone="13904791234"
        ),
        other_citizen=CitizenFactory(full_name="高山"),
        company=company,
    )


def person_data(**changes) -> dict:
    return {
        "applicant_type": "natural_person",
        "name": "马丽",
        "id_number": ID_NUMBER,
        "phone": "13904791234",
        "address": "多伦县诺尔镇会盟路8号",
        "postcode": "027300",
        "email": "ma@example.cn",
        "description": "2026年多伦县城区老旧小区改造项目的实施方案及资金安排",
        "document_number": "多政发〔2026〕12号",
        "purpose": "了解本小区改造安排",
        "provision_form": "paper",
        "obtaining_method": "post",
        **changes,
    }


def organisation_data(kind: str = "commercial", **changes) -> dict:
    return {
        "applicant_type": kind,
        "organisation_name": "多伦县草原乳业有限公司",
        "credit_code": CREDIT_CODE,
        "contact_person": "王强",
        "phone": "0479-4522123",
        "address": "多伦县工业园区1号",
        "description": "2026年度乳制品加工企业扶持资金分配结果",
        "provision_form": "electronic",
        "obtaining_method": "email",
        "email": "office@caoyuan.example.cn",
        **changes,
    }


def receive(
    w: World, *, day: datetime.date = RECEIVED, department=None, channel="in_person", data=None
) -> DisclosureRequest:
    """An application taken at the office on ``day`` (its clocks start that day)."""
    with on(day):
        return services.request_submit(
            actor=w.officer,
            department=department or w.bureau,
            data=data or person_data(),
            channel=channel,
            received_on=day,
        ).request


def apply_online(w: World, *, day: datetime.date = RECEIVED, actor=None, data=None):
    with on(day):
        return services.request_submit(
            actor=actor if actor is not None else w.citizen,
            department=w.bureau,
            data=data or person_data(),
        )

"""A county with its legal-affairs office (the reconsideration office), two respondent
departments, a supervisor; and helpers that drive cases through the services.

Dates are on the official calendar: 2026 National Day holiday 1–7 October (8 days with the
Mid-Autumn festival: 1–8 October off), Sunday 27 September and Saturday 10 October worked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import time_machine

from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory, make_id_number
from zhengwu.org.models import Department
from zhengwu.reconsideration import services

D = datetime.date
ID = make_id_number("15253119800101123")


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False)


@dataclass
class World:
    county: object
    legal_office: Department
    bureau: Department  # the housing and construction bureau
    land: Department  # the natural resources bureau
    legal: object
    clerk: object  # staff of the bureau
    outsider: object
    supervisor: object


def build_world() -> World:
    county = CountyFactory()
    legal_office = DepartmentFactory(division=county, code="fzb", name="多伦县人民政府法制办公室",
                                     kind=Department.Kind.OFFICE)  # fmt: skip
    bureau = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    land = DepartmentFactory(division=county, code="zrj", name="多伦县自然资源局")
    other = DepartmentFactory(division=county, code="jyj", name="多伦县教育局")
    return World(
        county=county, legal_office=legal_office, bureau=bureau, land=land,
        legal=StaffFactory(department=legal_office, roles=[Role.LEGAL_OFFICER]),
        clerk=StaffFactory(department=bureau, roles=[Role.REVIEWER]),
        outsider=StaffFactory(department=other, roles=[Role.REVIEWER]),
        supervisor=StaffFactory(department=other, roles=[Role.SUPERVISOR]),
    )  # fmt: skip


def register(w: World, *, received: D, knew: D | None = None, respondent=None, **kwargs):
    """An application registered by the office on ``received`` (the applicant knew 10 days
    before unless told)."""
    with on(received):
        return services.case_register(
            actor=kwargs.pop("actor", w.legal),
            respondent=respondent or w.bureau,
            applicants=kwargs.pop("applicants", [
                {"name": "王某", "id_number": ID, "phone": "13912345678"}]),
            contested_act=kwargs.pop("contested_act", "多建罚字〔2026〕12号行政处罚决定"),
            knew_on=knew or received - datetime.timedelta(days=10),
            request=kwargs.pop("request", "撤销该行政处罚决定"),
            received_on=received,
            **kwargs,
        ).case  # fmt: skip


def accept(w: World, case, *, day: D, **kwargs):
    with on(day):
        return services.case_accept(actor=w.legal, case=case, on=day, **kwargs)

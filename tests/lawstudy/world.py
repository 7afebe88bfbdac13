"""A county with its legal-affairs office, two departments that sit the law exams (the finance
bureau and the housing bureau), a school outside the organisation tree, their staff, a
supervisor; a second county; and the annual law exam of 2025, held on 2025-11-20 (pass mark
60), open for entries."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from openpyxl import Workbook

from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory, make_id_number
from zhengwu.lawstudy.models import Exam, ExamUnit
from zhengwu.org.models import Department, Division, User

D = datetime.date
HELD = D(2025, 11, 20)


@dataclass
class World:
    county: Division
    other_county: Division
    office: Department
    finance: Department
    housing: Department
    legal: User
    finance_clerk: User  # staff of the finance bureau
    housing_clerk: User
    supervisor: User
    outsider: User  # legal officer of the other county
    finance_unit: ExamUnit
    housing_unit: ExamUnit
    school: ExamUnit
    exam: Exam


def build_world() -> World:
    county = CountyFactory()
    other = CountyFactory(code="152599000000", name="正蓝旗")
    office = DepartmentFactory(
        division=county, code="fzb", name="多伦县人民政府法制办公室", kind=Department.Kind.OFFICE
    )
    finance = DepartmentFactory(division=county, code="czj", name="多伦县财政局")
    housing = DepartmentFactory(division=county, code="zjj", name="多伦县住房和城乡建设局")
    supervision = DepartmentFactory(division=county, code="jcj", name="多伦县监察局")
    other_office = DepartmentFactory(division=other, code="fzb", name="正蓝旗法制办")
    exam = Exam.objects.create(
        division=county, kind=Exam.Kind.ANNUAL, year=2025, title="2025年度学法用法考试",
        held_on=HELD, pass_mark=60,
    )  # fmt: skip
    return World(
        county=county,
        other_county=other,
        office=office,
        finance=finance,
        housing=housing,
        legal=StaffFactory(department=office, roles=[Role.LEGAL_OFFICER], full_name="赵磊"),
        finance_clerk=StaffFactory(department=finance, roles=[Role.REVIEWER]),
        housing_clerk=StaffFactory(department=housing, roles=[Role.REVIEWER]),
        supervisor=StaffFactory(department=supervision, roles=[Role.SUPERVISOR]),
        outsider=StaffFactory(department=other_office, roles=[Role.LEGAL_OFFICER]),
        finance_unit=ExamUnit.objects.create(
            division=county, name=finance.name, kind="administrative", department=finance
        ),
        housing_unit=ExamUnit.objects.create(
            division=county, name=housing.name, kind="administrative", department=housing
        ),
        school=ExamUnit.objects.create(division=county, name="多伦县第一中学", kind="institution"),
        exam=exam,
    )


def xlsx(headers: list[str], rows: list[list]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "sheet.xlsx"
    return out


def id_number(n: int) -> str:
    return make_id_number(f"15253119800101{n:03d}")

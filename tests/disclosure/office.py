"""A county with a disclosure office, two officers, a department and the default catalog."""

from __future__ import annotations

from dataclasses import dataclass

from tests.factories import CountyFactory, DepartmentFactory, Role, StaffFactory
from zhengwu.disclosure.catalog import catalog_create_defaults
from zhengwu.disclosure.models import Category
from zhengwu.org.models import Department, Division, User


@dataclass
class Office:
    county: Division
    office: Department  # the disclosure office
    department: Department  # another issuing body
    drafter: User
    reviewer: User
    clerk: User  # staff of the department, not a disclosure officer
    category: Category  # 15.02 notices


def build_office() -> Office:
    county = CountyFactory()
    office = DepartmentFactory(division=county, code="gkb", name="多伦县政务公开办公室",
                               kind=Department.Kind.OFFICE)  # fmt: skip
    department = DepartmentFactory(division=county, code="czj", name="多伦县财政局")
    drafter = StaffFactory(department=office, roles=[Role.DISCLOSURE_OFFICER], full_name="孙丽")
    reviewer = StaffFactory(department=office, roles=[Role.DISCLOSURE_OFFICER], full_name="王芳")
    clerk = StaffFactory(department=department, roles=[Role.REVIEWER])
    catalog_create_defaults(actor=drafter, division=county)
    category = Category.objects.get(division=county, code="15.02")
    return Office(county, office, department, drafter, reviewer, clerk, category)

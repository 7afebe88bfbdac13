"""Who may do what in law study and exams (django-rules predicates).

The county's legal-affairs office (legal officers; administrators too) keeps the registers:
sessions, courses, the unit registry, exams and individual results. A unit's own staff enter
their unit's participation in an open exam. Every member of the county's staff may read the
registers; individual results are seen in full by the legal office, supervisors and
administrators, and by a unit's staff for their own unit only.
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import can_use_workbench
from zhengwu.org.rules import county_of as county_of


def _same_county(user, division) -> bool:
    county = county_of(user)
    if county is None or division is None:
        return False
    return county.pk == (division.county or division).pk


def is_legal_office_of(user, division) -> bool:
    """A legal officer or administrator of the county ``division``."""
    return (
        _staff(user)
        and (user.has_role(Role.LEGAL_OFFICER) or user.has_role(Role.ADMINISTRATOR))
        and _same_county(user, division)
    )


@rules.predicate
def sees_everything(user) -> bool:
    return _staff(user) and (
        user.has_role(Role.LEGAL_OFFICER)
        or user.has_role(Role.SUPERVISOR)
        or user.has_role(Role.ADMINISTRATOR)
    )


def may_administer(user, division) -> bool:
    return is_legal_office_of(user, division)


def is_unit_staff(user, unit) -> bool:
    return (
        unit is not None
        and unit.department_id is not None
        and _staff(user)
        and user.department_id == unit.department_id
        and bool(can_use_workbench(user))
    )


def may_enter_participation(user, exam, unit) -> bool:
    """The legal office for any unit of its county; a unit's staff for their own unit."""
    if unit is None or exam is None or unit.division_id != exam.division_id:
        return False
    return may_administer(user, exam.division) or is_unit_staff(user, unit)


def may_see_all_results(user, exam) -> bool:
    return bool(sees_everything(user)) and _same_county(user, exam.division)


can_view_registers = can_use_workbench
rules.add_perm("lawstudy.view_registers", can_view_registers)


@rules.predicate
def is_legal_office(user) -> bool:
    return _staff(user) and (user.has_role(Role.LEGAL_OFFICER) or user.has_role(Role.ADMINISTRATOR))


rules.add_perm("lawstudy.administer", is_legal_office)

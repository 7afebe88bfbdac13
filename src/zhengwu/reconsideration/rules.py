"""Who may do what in the reconsideration and litigation registers (django-rules predicates).

The legal-affairs office of the county is the reconsideration office: it registers, examines,
accepts, reviews and decides, and keeps the litigation register. A department's staff see the
cases in which their department is the respondent or the defendant and record their own suits'
steps; supervisors and administrators see everything of their county.
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of
from zhengwu.org.rules import is_legal_office_of as is_legal_office_of


def sees_all_of(user, division) -> bool:
    """Legal officers, supervisors and administrators see every case of their county."""
    if not _staff(user) or not any(
        user.has_role(r) for r in (Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR)
    ):
        return False
    county = county_of(user)
    return county is not None and division is not None and county.pk == division.pk


def may_handle_suit_of(user, department) -> bool:
    """The legal-affairs office of the county, or the staff of the defendant department."""
    if not _staff(user):
        return False
    if user.department_id == department.pk:
        return True
    return is_legal_office_of(user, department.division.county or department.division)


@rules.predicate
def may_see_case(user, case) -> bool:
    if case is None or not _staff(user):
        return False
    department = getattr(case, "respondent_id", None) or getattr(case, "defendant_id", None)
    return sees_all_of(user, case.division) or user.department_id == department


@rules.predicate
def is_legal_office(user, case) -> bool:
    return case is not None and is_legal_office_of(user, case.division)


can_view_registers = rules.is_authenticated & rules.predicate(_staff)
rules.add_perm("reconsideration.view_registers", can_view_registers)
rules.add_perm("reconsideration.handle_case", is_legal_office)

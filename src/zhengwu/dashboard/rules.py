"""Who may open the leaders' dashboard.

Supervisors, legal-affairs officers and administrators of a county, and the department heads of
the county's own government or government office (the leaders' office), see the county's
dashboard, its figures' records and its export. Nobody else does: a department head of a working
department or of a township, a window clerk, a citizen.
"""

from __future__ import annotations

from zhengwu.org.models import Department, Division
from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of

READER_ROLES = (Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.ADMINISTRATOR)
LEADERS_OFFICES = (Department.Kind.GOVERNMENT, Department.Kind.OFFICE)


def dashboard_county(user) -> Division | None:
    """The county whose dashboard ``user`` opens: their department's, or for an administrator
    of no department the county this installation serves."""
    county = county_of(user)
    if county is None and _staff(user) and user.has_role(Role.ADMINISTRATOR):
        from zhengwu.org.selectors import home_county

        county = home_county()
    return county


def may_see_dashboard(user, division: Division | None) -> bool:
    """May ``user`` see the dashboard of the county ``division``?"""
    if division is None or not _staff(user):
        return False
    county = dashboard_county(user)
    if county is None or county.pk != division.pk:
        return False
    if any(user.has_role(role) for role in READER_ROLES):
        return True
    department = user.department
    return (
        department is not None
        and user.has_role(Role.DEPARTMENT_HEAD)
        and department.division_id == division.pk
        and department.kind in LEADERS_OFFICES
    )

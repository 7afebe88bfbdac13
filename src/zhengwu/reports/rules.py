"""Who may read and who may change the annual report (django-rules predicates).

The leaders' pages may be read by supervisors, legal officers and administrators of the county,
and by department heads of the county's government or government office. Legal officers of the
county edit the drafts, submit and approve them; when the county has more than one legal
officer, the one who approves must not be the one who submitted (four eyes); a county with one
legal officer approves its own submission (there is no one else to ask).
"""

from __future__ import annotations

import rules

from zhengwu.org.models import Department
from zhengwu.org.roles import Role


def _staff(user) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.kind == user.Kind.STAFF
        and user.department_id is not None
    )


def county_of(user):
    """The county the user works in (None for the non-staff or a league's staff)."""
    if not _staff(user):
        return None
    return user.department.division.county


def may_read(user) -> bool:
    if not _staff(user) or county_of(user) is None:
        return False
    if any(user.has_role(r) for r in (Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.ADMINISTRATOR)):
        return True
    return user.has_role(Role.DEPARTMENT_HEAD) and user.department.kind in (
        Department.Kind.GOVERNMENT,
        Department.Kind.OFFICE,
    )


def may_edit(user) -> bool:
    return _staff(user) and county_of(user) is not None and user.has_role(Role.LEGAL_OFFICER)


@rules.predicate
def can_read_reports(user) -> bool:
    return may_read(user)


@rules.predicate
def can_edit_reports(user) -> bool:
    return may_edit(user)


rules.add_perm("reports.view_annual", can_read_reports)
rules.add_perm("reports.edit_annual", can_edit_reports)

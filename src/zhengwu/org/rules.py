"""Permission predicates for the organisation tree and the back office (django-rules)."""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role


def _role_predicate(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.has_role(role)

    return predicate


is_window_clerk = _role_predicate(Role.WINDOW_CLERK)
is_village_agent = _role_predicate(Role.VILLAGE_AGENT)
is_reviewer = _role_predicate(Role.REVIEWER)
is_department_head = _role_predicate(Role.DEPARTMENT_HEAD)
is_supervisor = _role_predicate(Role.SUPERVISOR)
is_legal_officer = _role_predicate(Role.LEGAL_OFFICER)
is_disclosure_officer = _role_predicate(Role.DISCLOSURE_OFFICER)
is_administrator = _role_predicate(Role.ADMINISTRATOR)


@rules.predicate
def is_staff_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind == user.Kind.STAFF


@rules.predicate
def is_applicant(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_applicant


@rules.predicate
def is_same_department(user, department) -> bool:
    return department is not None and user.department_id == department.pk


can_use_workbench = is_staff_member & (
    is_window_clerk
    | is_village_agent
    | is_reviewer
    | is_department_head
    | is_supervisor
    | is_legal_officer
    | is_disclosure_officer
    | is_administrator
)
can_administer = is_administrator
can_view_audit_trail = is_administrator | is_supervisor

rules.add_perm("org.use_workbench", can_use_workbench)
rules.add_perm("org.administer", can_administer)
rules.add_perm("common.view_audit_trail", can_view_audit_trail)
rules.add_perm("org.view_department", can_use_workbench)
rules.add_perm("org.change_department", can_administer)
rules.add_perm("org.view_division", can_use_workbench)
rules.add_perm("org.change_division", can_administer)


@rules.predicate
def is_self(user, owner) -> bool:
    return owner is not None and getattr(user, "pk", None) is not None and user.pk == owner.pk


# Who may see an account's ID number and phone unmasked: the owner, and staff who handle
# applications face to face or decide on them. Everyone else sees them masked.
can_view_personal_data = is_self | (
    is_staff_member
    & (is_window_clerk | is_village_agent | is_reviewer | is_department_head | is_administrator)
)
rules.add_perm("org.view_personal_data", can_view_personal_data)


# What the registers' predicates share: an active member of staff, the county a member of staff
# works in, and whether they are the legal-affairs office of a county.


def active_staff(user) -> bool:
    """An authenticated, active member of staff."""
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.kind == user.Kind.STAFF
    )


def county_of(user):
    """The county (or the top division) of a member of staff's department; None otherwise."""
    if not active_staff(user) or user.department_id is None:
        return None
    division = user.department.division
    return division.county or division


def is_legal_office_of(user, division) -> bool:
    """A legal officer (or administrator) of the county ``division``."""
    if not active_staff(user) or not (
        user.has_role(Role.LEGAL_OFFICER) or user.has_role(Role.ADMINISTRATOR)
    ):
        return False
    county = county_of(user)
    return county is not None and division is not None and county.pk == division.pk

"""Who may do what in the enforcement registry (django-rules predicates).

The legal-affairs office (法制办) of a county keeps the registry: bodies, laws, officials and
certificates, evaluation campaigns and the review of major-penalty filings, and it conducts the
legality review of major cases. A body's own staff (reviewers, heads) handle its case files.
"""

from __future__ import annotations

import rules

from zhengwu.org.rules import (
    can_use_workbench,
    is_administrator,
    is_department_head,
    is_legal_officer,
    is_reviewer,
    is_staff_member,
    is_supervisor,
)


def county_id_of(user) -> int | None:
    department = getattr(user, "department", None)
    if department is None:
        return None
    division = department.division
    county = division.county or division
    return county.pk


def _county(division) -> int | None:
    if division is None:
        return None
    return (division.county or division).pk


@rules.predicate
def in_county_of(user, division) -> bool:
    return division is not None and county_id_of(user) == _county(division)


@rules.predicate
def is_body_staff(user, body) -> bool:
    return body is not None and getattr(user, "department_id", None) == body.department_id


@rules.predicate
def is_head_of_body(user, body) -> bool:
    return is_staff_member(user) and is_body_staff(user, body) and is_department_head(user)


can_manage_registry = is_staff_member & (is_legal_officer | is_administrator) & in_county_of
can_review_legality = is_staff_member & is_legal_officer & in_county_of


@rules.predicate
def can_handle_case_files(user, body) -> bool:
    if body is None or not is_staff_member(user):
        return False
    if (is_legal_officer(user) or is_administrator(user)) and in_county_of(user, body.division):
        return True
    return is_body_staff(user, body) and (is_reviewer(user) or is_department_head(user))


# Seeing the registry's staff pages: the county's legal office and supervisors see everything;
# other staff see their own body's (``selectors`` narrows the rows).
can_view_registry = can_use_workbench
can_see_everything = is_staff_member & (is_legal_officer | is_supervisor | is_administrator)

rules.add_perm("enforcement.view_registry", can_view_registry)
rules.add_perm(
    "enforcement.manage_registry", is_staff_member & (is_legal_officer | is_administrator)
)

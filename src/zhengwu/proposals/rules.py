"""Who may do what with proposals (django-rules predicates).

The office that runs the register — registering, assigning, deciding on declines, recording
the proposers' feedback, ordering a re-handling, approving the publication of replies — is the
county's legal-affairs officers (and administrators); supervisors and the office see every
proposal of the county. A department sees the proposals it currently handles as lead or
co-handler: its reviewers and head send the co-handling opinion and record the reply (signed by
the head), its head asks to be relieved.
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of


def _in_county(user, division) -> bool:
    county = county_of(user)
    return county is not None and division is not None and county.pk == division.pk


def is_office_of(user, division) -> bool:
    """A legal officer or administrator of the county ``division``: runs the register."""
    if not _staff(user) or not (
        user.has_role(Role.LEGAL_OFFICER) or user.has_role(Role.ADMINISTRATOR)
    ):
        return False
    return _in_county(user, division)


@rules.predicate
def sees_everything(user) -> bool:
    return _staff(user) and (
        user.has_role(Role.LEGAL_OFFICER)
        or user.has_role(Role.SUPERVISOR)
        or user.has_role(Role.ADMINISTRATOR)
    )


def _handler(user) -> bool:
    return _staff(user) and (user.has_role(Role.REVIEWER) or user.has_role(Role.DEPARTMENT_HEAD))


def is_head_of(user, department) -> bool:
    return (
        _staff(user)
        and department is not None
        and user.department_id == department.pk
        and user.has_role(Role.DEPARTMENT_HEAD)
    )


@rules.predicate
def is_office(user, proposal) -> bool:
    return proposal is not None and is_office_of(user, proposal.division)


@rules.predicate
def may_reply(user, proposal) -> bool:
    """Reviewers and the head of the lead department (the office may record a paper reply)."""
    if proposal is None or proposal.lead_department_id is None:
        return False
    if is_office_of(user, proposal.division):
        return True
    return _handler(user) and user.department_id == proposal.lead_department_id


def may_give_opinion(user, assignment) -> bool:
    return (
        assignment is not None and _handler(user) and user.department_id == assignment.department_id
    )


def may_decline(user, assignment) -> bool:
    return assignment is not None and is_head_of(user, assignment.department)


can_view_register = rules.is_authenticated & rules.predicate(_staff)
rules.add_perm("proposals.view_register", can_view_register)
rules.add_perm("proposals.administer", is_office)
rules.add_perm("proposals.reply", may_reply)

"""Who may do what with major decisions (django-rules predicates).

The undertaking department's staff prepare the decision: they put the draft out for comment,
record hearings, expert argumentation and risk assessments, send the draft for legality review
and report on the implementation. The legal-affairs office (legal officers of the county) does
all of that too, completes the legality review, and records for the decision body (the county
government) the collective discussion, the adoption, the publication, the evaluations and the
changes of implementation; staff of the decision body itself may record those as well.
Supervisors and administrators see everything of their county.
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of
from zhengwu.org.rules import is_legal_office_of as is_legal_office_of


def may_undertake_for(user, department) -> bool:
    """Staff of the undertaking department itself, or the county's legal office."""
    if not _staff(user):
        return False
    if user.department_id == department.pk:
        return True
    return is_legal_office_of(user, department.division.county or department.division)


@rules.predicate
def may_prepare(user, decision) -> bool:
    return decision is not None and may_undertake_for(user, decision.undertaking_department)


@rules.predicate
def may_review(user, decision) -> bool:
    """The legality review is the legal-affairs office's."""
    return decision is not None and is_legal_office_of(user, decision.division)


@rules.predicate
def may_decide(user, decision) -> bool:
    """What the decision body records: the legal office, or staff of the decision body."""
    if decision is None or not _staff(user):
        return False
    return user.department_id == decision.decision_body_id or is_legal_office_of(
        user, decision.division
    )


@rules.predicate
def sees_everything(user) -> bool:
    return _staff(user) and (
        user.has_role(Role.LEGAL_OFFICER)
        or user.has_role(Role.SUPERVISOR)
        or user.has_role(Role.ADMINISTRATOR)
    )


can_view_register = rules.is_authenticated & rules.predicate(_staff)
rules.add_perm("decisions.view_register", can_view_register)
rules.add_perm("decisions.prepare_decision", may_prepare)
rules.add_perm("decisions.review_decision", may_review)
rules.add_perm("decisions.decide_decision", may_decide)

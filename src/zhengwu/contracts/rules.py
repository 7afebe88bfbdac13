"""Who may do what in the contract-review register (django-rules predicates).

The submitting department's staff create contracts, add versions, submit, sign and record the
performance; the legal-affairs office (legal officers of the county) reviews; legal officers,
supervisors and administrators of the county see every contract, other staff only their own
department's.
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of
from zhengwu.org.rules import is_legal_office_of as is_legal_office_of


def may_submit_for(user, department) -> bool:
    """Staff of the department itself."""
    return _staff(user) and department is not None and user.department_id == department.pk


@rules.predicate
def sees_everything(user) -> bool:
    return _staff(user) and (
        user.has_role(Role.LEGAL_OFFICER)
        or user.has_role(Role.SUPERVISOR)
        or user.has_role(Role.ADMINISTRATOR)
    )


@rules.predicate
def is_submitter(user, contract) -> bool:
    return contract is not None and may_submit_for(user, contract.department)


@rules.predicate
def is_legal_office(user, contract) -> bool:
    return contract is not None and is_legal_office_of(user, contract.division)


can_view_register = rules.is_authenticated & rules.predicate(_staff)
rules.add_perm("contracts.view_register", can_view_register)
rules.add_perm("contracts.submit_contract", is_submitter)
rules.add_perm("contracts.review_contract", is_legal_office)

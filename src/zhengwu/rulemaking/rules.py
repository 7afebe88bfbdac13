"""Who may do what in the normative-documents registry (django-rules predicates).

The legal-affairs office (legal officers of the county) reviews, adopts on the government's
behalf, numbers, publishes, files and cleans up; the drafting department's staff draft, put the
draft out for comment and decide on renewal; supervisors and administrators see everything.
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of
from zhengwu.org.rules import is_legal_office_of as is_legal_office_of


def may_draft_for(user, department) -> bool:
    """Staff of the drafting department itself, or the county's legal office."""
    if not _staff(user):
        return False
    if user.department_id == department.pk:
        return True
    return is_legal_office_of(user, department.division.county or department.division)


@rules.predicate
def may_draft(user, document) -> bool:
    return document is not None and may_draft_for(user, document.drafting_department)


@rules.predicate
def is_legal_office(user, document) -> bool:
    return document is not None and is_legal_office_of(user, document.division)


@rules.predicate
def sees_everything(user) -> bool:
    return _staff(user) and (
        user.has_role(Role.LEGAL_OFFICER)
        or user.has_role(Role.SUPERVISOR)
        or user.has_role(Role.ADMINISTRATOR)
    )


def may_see_process(user, document) -> bool:
    """The internal steps (review opinions, drafts): the drafting department, the issuer, and
    those who see the whole registry."""
    if not _staff(user):
        return False
    if sees_everything(user):
        county = county_of(user)
        return county is not None and county.pk == document.division_id
    return user.department_id in (document.drafting_department_id, document.issuer_id)


can_view_registry = rules.is_authenticated & rules.predicate(_staff)
rules.add_perm("rulemaking.view_registry", can_view_registry)
rules.add_perm("rulemaking.draft_document", may_draft)
rules.add_perm("rulemaking.handle_document", is_legal_office)

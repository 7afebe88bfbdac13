"""Who may do what in the dispute register (django-rules predicates).

The legal-affairs office (legal officers of the county) and administrators see and handle every
dispute of the county; supervisors see every dispute (e-supervision reads, it does not mediate);
the staff of a township — its government, its judicial office, its villages' committees, any
department whose division is the township or one of its villages — see and handle the disputes
of their township.
"""

from __future__ import annotations

import rules

from zhengwu.org.models import Division
from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of


def township_of(user):
    """The township the user's department belongs to (``None`` for county staff)."""
    if not _staff(user) or user.department_id is None:
        return None
    division = user.department.division
    if division.level == Division.Level.TOWNSHIP:
        return division
    if division.level == Division.Level.VILLAGE:
        return division.parent
    return None


def is_legal_office_of(user, county) -> bool:
    """A legal officer (or administrator) of ``county``."""
    if not _staff(user) or not (
        user.has_role(Role.LEGAL_OFFICER) or user.has_role(Role.ADMINISTRATOR)
    ):
        return False
    own = county_of(user)
    return own is not None and county is not None and own.pk == county.pk


def sees_everything(user) -> bool:
    return _staff(user) and (
        user.has_role(Role.LEGAL_OFFICER)
        or user.has_role(Role.SUPERVISOR)
        or user.has_role(Role.ADMINISTRATOR)
    )


def may_handle_in(user, township) -> bool:
    """Register and mediate disputes of ``township``: its own staff or the county's legal
    office."""
    if township is None or not _staff(user):
        return False
    own = township_of(user)
    if own is not None and own.pk == township.pk:
        return True
    return is_legal_office_of(user, township.county)


@rules.predicate
def may_handle(user, dispute) -> bool:
    return dispute is not None and may_handle_in(user, dispute.township)


@rules.predicate
def may_organise_sweeps(user, county) -> bool:
    return is_legal_office_of(user, county)


can_view_register = rules.is_authenticated & rules.predicate(
    lambda user: sees_everything(user) or township_of(user) is not None
)
rules.add_perm("disputes.view_register", can_view_register)
rules.add_perm("disputes.handle_dispute", may_handle)

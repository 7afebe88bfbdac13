"""Who may do what with a message (django-rules predicates).

The routing office of a county — its staff with the disclosure-officer or supervisor role —
sees every message of the county, routes and reroutes them, rejects and closes them and
prepares and publishes the answered ones. The staff of the department a message is routed to
see it and answer it. The services check these predicates themselves (not ``has_perm``, which
lets a superuser through everything).
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role

ROUTING_ROLES = [Role.DISCLOSURE_OFFICER, Role.SUPERVISOR]


def _active_staff(user) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.is_active
        and user.kind == user.Kind.STAFF
        and user.department_id is not None
    )


def county_of(user):
    """The county whose messages ``user``'s routing office handles (None for a league's staff)."""
    return user.department.division.county if _active_staff(user) else None


@rules.predicate
def is_routing_office(user) -> bool:
    """Staff of a routing office (of some county)."""
    return _active_staff(user) and any(user.has_role(role) for role in ROUTING_ROLES)


@rules.predicate
def is_routing_office_of(user, message) -> bool:
    """Staff of the routing office of the message's county."""
    if message is None or not is_routing_office(user):
        return False
    county = county_of(user)
    return county is not None and county.pk == message.division_id


@rules.predicate
def is_answering_department_of(user, message) -> bool:
    """Staff of the department the message is routed to, who use the workbench."""
    return (
        message is not None
        and message.department_id is not None
        and _active_staff(user)
        and user.department_id == message.department_id
        and user.has_perm("org.use_workbench")
    )


can_handle = is_routing_office_of
can_answer = is_answering_department_of

rules.add_perm("interaction.route_message", is_routing_office_of)
rules.add_perm("interaction.answer_message", is_answering_department_of)

"""Who may do what in the annual assessment (django-rules predicates).

The legal-affairs office of the county (legal officers, and administrators) builds the schemes,
computes the runs, scores the assessed leaves and finalises; legal officers and supervisors see
every unit's scorecard at any time. A unit's staff see their own unit's scorecard once the run
is finalised, and nobody else's — unless the scheme opens the scorecards to every unit
(``scorecards_public``), in which case, once finalised, the county's staff see all of them and
the ranking.
"""

from __future__ import annotations

import rules

from zhengwu.org.roles import Role
from zhengwu.org.rules import active_staff as _staff
from zhengwu.org.rules import county_of as county_of


def _of_county(user, division_id) -> bool:
    county = county_of(user)
    return county is not None and county.pk == division_id


def is_legal_office_of(user, division) -> bool:
    """A legal officer (or administrator) of the county ``division``."""
    if not _staff(user) or division is None:
        return False
    if not (user.has_role(Role.LEGAL_OFFICER) or user.has_role(Role.ADMINISTRATOR)):
        return False
    return _of_county(user, division.pk)


def sees_all_of(user, division) -> bool:
    """Legal officers, supervisors and administrators of the county see every scorecard."""
    if not _staff(user) or division is None:
        return False
    if not any(user.has_role(r) for r in (Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR)):
        return False
    return _of_county(user, division.pk)


@rules.predicate
def may_manage(user, scheme) -> bool:
    return scheme is not None and is_legal_office_of(user, scheme.division)


@rules.predicate
def sees_all(user, scheme) -> bool:
    return scheme is not None and sees_all_of(user, scheme.division)


def may_see_ranking(user, scheme) -> bool:
    if sees_all(user, scheme):
        return True
    return scheme.is_finalised and scheme.scorecards_public and _of_county(user, scheme.division_id)


def may_see_scorecard(user, unit) -> bool:
    """``unit`` is an ``AssessedUnit``."""
    scheme = unit.scheme
    if sees_all(user, scheme):
        return True
    if not _staff(user) or not scheme.is_finalised:
        return False
    if user.department_id == unit.department_id:
        return True
    return scheme.scorecards_public and _of_county(user, scheme.division_id)


rules.add_perm("assessment.manage_scheme", may_manage)
rules.add_perm("assessment.see_all", sees_all)

"""Reads of cases. Visibility is always a function of the user."""

from __future__ import annotations

import secrets

from django.db.models import QuerySet

from zhengwu.cases.models import Case
from zhengwu.cases.services import query_digest
from zhengwu.org.roles import Role

# Staff who see every case of the platform; the rest of the staff see their department's cases.
SEES_ALL = [Role.SUPERVISOR, Role.ADMINISTRATOR]


def cases_visible_to(user) -> QuerySet[Case]:
    """The cases ``user`` may see: their own as applicant or submitter, their department's as
    staff, all of them as supervisor or administrator, none when anonymous."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    if user.is_applicant:
        return Case.objects.filter(applicant=user)
    if any(user.has_role(role) for role in SEES_ALL):
        return Case.objects.all()
    if user.department_id is None:
        return Case.objects.none()
    # Window clerks and village agents also see what they filed for others.
    return (
        Case.objects.filter(department_id=user.department_id)
        | Case.objects.filter(submitted_by=user)
    ).distinct()


def case_find(number: str, code: str) -> Case | None:
    """The case with this number, if the query code matches (public tracking, no login)."""
    case = Case.objects.filter(number=number.strip()).first()
    if case is None:
        return None
    if not secrets.compare_digest(case.query_digest, query_digest(case.number, code)):
        return None
    return case

"""State changes of the organisation tree and its accounts."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhengwu.common.audit import audit_record
from zhengwu.common.errors import NotPermitted
from zhengwu.org.models import ApiToken, Department, ServiceCentre, User
from zhengwu.org.passwords import password_problems
from zhengwu.org.roles import Role

TOKEN_PREFIX = "zw_"  # noqa: S105 - a marker, not a secret


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _save_new_account(user: User, password: str | None) -> None:
    """Validate every field (identifiers with their check characters) and the password against
    the policy (``AUTH_PASSWORD_VALIDATORS``), and insert the account."""
    if password:
        problems = password_problems(password, user)
        if problems:
            raise ValidationError({"password": problems})
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()


@transaction.atomic
def staff_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    department: Department,
    roles: Iterable[Role],
    password: str | None = None,
    service_centre: ServiceCentre | None = None,
    phone: str = "",
) -> User:
    """Create a staff account in a department with the given roles."""
    user = User(
        username=username,
        full_name=full_name,
        kind=User.Kind.STAFF,
        department=department,
        service_centre=service_centre,
        phone=phone,
    )
    _save_new_account(user, password)
    role_codes = sorted(str(role) for role in roles)
    user.groups.set(Group.objects.filter(name__in=role_codes))
    audit_record(
        actor=actor,
        action="staff_create",
        obj=user,
        to_state="active",
        detail={"department": department.code, "roles": role_codes},
        division=department.division,
    )
    return user


@transaction.atomic
def staff_set_roles(*, actor: User, user: User, roles: Iterable[Role], reason: str = "") -> User:
    """Replace a staff account's roles (administrators only)."""
    if not actor.has_role(Role.ADMINISTRATOR):
        raise NotPermitted()
    before = sorted(user.groups.values_list("name", flat=True))
    after = sorted(str(role) for role in roles)
    user.groups.set(Group.objects.filter(name__in=after))
    user.__dict__.pop("role_codes", None)
    audit_record(
        actor=actor,
        action="staff_set_roles",
        obj=user,
        reason=reason,
        detail={"before": before, "after": after},
        division=user.division,
    )
    return user


@transaction.atomic
def applicant_register(
    *,
    username: str,
    full_name: str,
    kind: str,
    password: str | None,
    id_number: str = "",
    credit_code: str = "",
    phone: str = "",
    actor: User | None = None,
) -> User:
    """Register a natural person (with ID number) or an organisation (with credit code)."""
    user = User(
        username=username,
        full_name=full_name,
        kind=kind,
        id_number=id_number,
        credit_code=credit_code,
        phone=phone,
    )
    _save_new_account(user, password)
    audit_record(actor=actor or user, action="applicant_register", obj=user, to_state="active")
    return user


@transaction.atomic
def api_token_issue(
    *, actor: User, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Issue a token; the raw value is returned once and only its digest is stored."""
    if actor.pk != user.pk and not actor.has_role(Role.ADMINISTRATOR):
        raise NotPermitted()
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:10], digest=_digest(raw), expires_at=expires_at
    )
    audit_record(
        actor=actor, action="api_token_issue", obj=token, detail={"user": user.pk, "name": name}
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if actor.pk != token.user_id and not actor.has_role(Role.ADMINISTRATOR):
        raise NotPermitted()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api_token_revoke", obj=token, to_state="revoked")
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active account a bearer token belongs to, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

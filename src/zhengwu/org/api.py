"""API endpoints of the organisation tree and accounts."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import SessionAuth

from zhengwu.org.models import Department, Division, ServiceCentre
from zhengwu.org.personal_data import id_number_for, phone_for
from zhengwu.org.services import api_token_issue

router = Router()


class DivisionOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None


class DepartmentOut(Schema):
    code: str
    name: str
    kind: str
    division: str
    stationed_in_centre: bool


class ServiceCentreOut(Schema):
    id: int
    name: str
    kind: str
    division: str
    address: str
    phone: str
    opening_hours: str


class MeOut(Schema):
    username: str
    full_name: str
    kind: str
    department: str | None
    roles: list[str]
    id_number: str
    credit_code: str
    phone: str


class TokenIn(Schema):
    name: str
    expires_at: datetime | None = None


class TokenOut(Schema):
    token: str
    name: str
    prefix: str
    expires_at: datetime | None


@router.get("/me", response=MeOut, tags=["accounts"], summary="The signed-in account")
def me(request):
    user = request.user
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        kind=user.kind,
        department=user.department.code if user.department_id else None,
        roles=sorted(user.role_codes),
        id_number=id_number_for(user, user),
        credit_code=user.credit_code,
        phone=phone_for(user, user),
    )


@router.post(
    "/auth/tokens",
    response={201: TokenOut},
    auth=SessionAuth(),
    tags=["accounts"],
    summary="Issue an API token for the signed-in account (shown once)",
)
def token_create(request, payload: TokenIn):
    token, raw = api_token_issue(
        actor=request.user, user=request.user, name=payload.name, expires_at=payload.expires_at
    )
    return Status(
        201,
        TokenOut(token=raw, name=token.name, prefix=token.prefix, expires_at=token.expires_at),
    )


@router.get(
    "/org/divisions",
    response=list[DivisionOut],
    auth=None,
    tags=["organisation"],
    summary="Administrative divisions",
)
def division_list(request, level: Division.Level | None = None, parent: str | None = None):
    qs = Division.objects.select_related("parent").order_by("code")
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent)
    return [
        DivisionOut(
            code=d.code, name=d.name, level=d.level, parent=d.parent.code if d.parent else None
        )
        for d in qs
    ]


@router.get(
    "/org/divisions/{code}/departments",
    response=list[DepartmentOut],
    auth=None,
    tags=["organisation"],
    summary="The government and departments of a division",
)
def department_list(request, code: str):
    division = get_object_or_404(Division, code=code)
    return [
        DepartmentOut(
            code=d.code,
            name=d.name,
            kind=d.kind,
            division=division.code,
            stationed_in_centre=d.stationed_in_centre,
        )
        for d in Department.objects.filter(division=division, is_active=True)
    ]


@router.get(
    "/org/service-centres",
    response=list[ServiceCentreOut],
    auth=None,
    tags=["organisation"],
    summary="Service centres, township halls and village agency points",
)
def service_centre_list(request, kind: ServiceCentre.Kind | None = None):
    qs = ServiceCentre.objects.filter(is_active=True).select_related("division")
    if kind:
        qs = qs.filter(kind=kind)
    return [
        ServiceCentreOut(
            id=c.pk,
            name=c.name,
            kind=c.kind,
            division=c.division.code,
            address=c.address,
            phone=c.phone,
            opening_hours=c.opening_hours,
        )
        for c in qs
    ]

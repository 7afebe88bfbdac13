"""State changes of cases. Every service runs in one transaction and writes one audit event."""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.cases.models import Case, CaseMaterial, Channel
from zhengwu.cases.uploads import check_upload
from zhengwu.catalog.models import SERVICE_KINDS, Power, PowerVersion
from zhengwu.common.audit import audit_record
from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.org.models import ServiceCentre, User
from zhengwu.org.roles import Role

# Which kind of post takes applications on which channel.
CHANNEL_OF_POST = {
    ServiceCentre.Kind.COUNTY_CENTRE: Channel.COUNTY_WINDOW,
    ServiceCentre.Kind.TOWNSHIP_HALL: Channel.TOWNSHIP_HALL,
    ServiceCentre.Kind.VILLAGE_POINT: Channel.VILLAGE_POINT,
}


def query_digest(number: str, code: str) -> str:
    return hashlib.sha256(f"{number}:{code.strip()}".encode()).hexdigest()


@dataclass(frozen=True)
class Submission:
    case: Case
    query_code: str | None  # shown once; None when a retried submission returned the first case
    created: bool


def _check_submitter(actor: User, applicant: User) -> tuple[str, ServiceCentre | None]:
    """The channel and post of a submission, or NotPermitted."""
    if not applicant.is_applicant:
        raise DomainError(
            _("Applications are made by a citizen or an organisation."), code="not_an_applicant"
        )
    if actor.pk == applicant.pk:
        return Channel.ONLINE, None
    if not (actor.has_role(Role.WINDOW_CLERK) or actor.has_role(Role.VILLAGE_AGENT)):
        raise NotPermitted(_("Only a window clerk or a village agent files on someone's behalf."))
    post = actor.service_centre
    if post is None or post.kind not in CHANNEL_OF_POST:
        raise NotPermitted(_("Your account has no post at a service centre, hall or point."))
    return CHANNEL_OF_POST[post.kind], post


def _applicable_version(power: Power) -> PowerVersion:
    power = Power.objects.select_related("current__department__division").get(pk=power.pk)
    version = power.current
    if version is None or power.status != Power.Status.IN_FORCE:
        raise DomainError(_("This matter is not open for applications."), code="not_in_force")
    if version.kind not in SERVICE_KINDS:
        raise DomainError(_("This matter is not applied for."), code="not_applicable")
    return version


@transaction.atomic
def case_submit(
    *,
    actor: User,
    applicant: User,
    power: Power,
    idempotency_key: str,
    form_data: dict | None = None,
    files: list | None = None,
    received_on: datetime.date | None = None,
) -> Submission:
    """File an application. A retry with the same key returns the first case, unchanged."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError({"idempotency_key": _("Give a key of 1 to 64 characters.")})
    existing = Case.objects.filter(submitted_by=actor, idempotency_key=key).first()
    if existing is not None:
        return Submission(existing, None, created=False)
    channel, post = _check_submitter(actor, applicant)
    version = _applicable_version(power)
    checked = [(upload, check_upload(upload)) for upload in files or []]
    today = timezone.localdate()
    code = f"{secrets.randbelow(10**8):08d}"
    case = Case(
        number=f"~{uuid.uuid4().hex[:30]}",  # replaced below, in this transaction
        query_digest="",
        power_version=version,
        department=version.department,
        applicant=applicant,
        submitted_by=actor,
        channel=channel,
        service_centre=post,
        idempotency_key=key,
        form_data=form_data or {},
        received_on=received_on or today,
    )
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # The same key committed by a concurrent retry in the meantime.
        return Submission(Case.objects.get(submitted_by=actor, idempotency_key=key), None, False)
    division = version.department.division
    case.number = f"{division.code[:6]}{today:%Y}{case.pk:08d}"
    case.query_digest = query_digest(case.number, code)
    Case.objects.filter(pk=case.pk).update(number=case.number, query_digest=case.query_digest)
    for upload, info in checked:
        material = CaseMaterial(
            case=case,
            original_name=info.name,
            content_type=info.content_type,
            size=info.size,
            sha256=info.sha256,
            uploaded_by=actor,
        )
        # Stored under a generated name; the applicant's file name is kept only as text.
        material.file.save(f"{uuid.uuid4().hex}{_extension(info.name)}", File(upload), save=False)
        material.save()
    audit_record(
        actor=actor,
        action="case_submit",
        obj=case,
        to_state=Case.Status.SUBMITTED,
        detail={
            "number": case.number,
            "power": power.implementation_code,
            "version": version.number,
            "channel": channel,
            "materials": len(checked),
            "received_on": case.received_on.isoformat(),
        },
        division=division,
    )
    return Submission(case, code, created=True)


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""

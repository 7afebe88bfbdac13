"""State changes of the catalog: powers, their versions and their status."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.catalog.models import Fee, LegalBasis, Material, Power, PowerVersion, Stage
from zhengwu.catalog.process import validate_process
from zhengwu.common.audit import audit_record
from zhengwu.common.errors import DomainError, IllegalTransition

PARTS = [
    (LegalBasis, "legal_bases"),
    (Material, "materials"),
    (Fee, "fees"),
    (Stage, "stages"),
]


def _division(version: PowerVersion):
    return version.department.division


@transaction.atomic
def power_create(
    *, actor, basic_code: str, implementation_code: str, **fields
) -> tuple[Power, PowerVersion]:
    """A new power with an empty draft version 1 holding ``fields``."""
    power = Power.objects.create(basic_code=basic_code, implementation_code=implementation_code)
    version = PowerVersion(power=power, number=1, **fields)
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action="power_create",
        obj=power,
        to_state=Power.Status.DRAFT,
        detail={"name": version.name, "kind": version.kind},
        division=_division(version),
    )
    return power, version


def _copy_parts(source: PowerVersion, target: PowerVersion) -> None:
    for model, related in PARTS:
        rows = []
        for row in getattr(source, related).all():
            row.pk = None
            row.id = None
            row._state.adding = True
            row.version = target
            rows.append(row)
        model.objects.bulk_create(rows)


@transaction.atomic
def power_version_draft(*, actor, power: Power, change_note: str = "") -> PowerVersion:
    """Start editing: a new draft version copied from the latest (one draft at a time)."""
    power = Power.objects.select_for_update().get(pk=power.pk)
    latest = power.versions.order_by("-number").first()
    if latest is None:
        raise DomainError(_("This power has no version to start from."), code="no_version")
    if power.status == Power.Status.REPEALED:
        raise IllegalTransition(_("A repealed power cannot be edited."))
    if not latest.is_published:
        return latest
    copy = PowerVersion.objects.get(pk=latest.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.number = latest.number + 1
    copy.published_at = None
    copy.superseded_at = None
    copy.change_note = change_note
    copy.save()
    _copy_parts(latest, copy)
    audit_record(
        actor=actor,
        action="power_version_draft",
        obj=power,
        detail={"version": copy.number, "from_version": latest.number, "note": change_note},
        division=_division(copy),
    )
    return copy


@transaction.atomic
def power_version_update(*, actor, version: PowerVersion, **fields) -> PowerVersion:
    """Change fields of a draft version (a published one refuses)."""
    version = PowerVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise IllegalTransition(_("A published version cannot be changed: create a new version."))
    changed = sorted(name for name, value in fields.items() if getattr(version, name) != value)
    for name, value in fields.items():
        setattr(version, name, value)
    version.full_clean()
    version.save()
    if changed:
        audit_record(
            actor=actor,
            action="power_version_update",
            obj=version.power,
            detail={"version": version.number, "fields": changed},
            division=_division(version),
        )
    return version


@transaction.atomic
def power_version_publish(*, actor, version: PowerVersion) -> PowerVersion:
    """Publish a draft: check it, freeze it, make it the power's current version."""
    version = PowerVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise IllegalTransition(_("This version is already published."))
    version.full_clean()
    validate_process(list(version.stages.all()), legal_limit_days=version.legal_limit_days)
    power = Power.objects.select_for_update().get(pk=version.power_id)
    if power.status == Power.Status.REPEALED:
        raise IllegalTransition(_("A repealed power cannot be published again."))
    now = timezone.now()
    previous = power.current
    if previous is not None:
        PowerVersion.objects.filter(pk=previous.pk).update(superseded_at=now)
    PowerVersion.objects.filter(pk=version.pk).update(published_at=now)
    version.published_at = now
    before = power.status
    power.current = version
    if power.status == Power.Status.DRAFT:
        power.status = Power.Status.IN_FORCE
    power.save(update_fields=["current", "status"])
    audit_record(
        actor=actor,
        action="power_version_publish",
        obj=power,
        from_state=before,
        to_state=power.status,
        reason=version.change_note,
        detail={"version": version.number, "previous": previous.number if previous else None},
        division=_division(version),
    )
    from zhengwu.disclosure.feeds import publish_power

    publish_power(actor=actor, version=version)
    return version


@transaction.atomic
def power_set_status(*, actor, power: Power, status: str, reason: str) -> Power:
    """Suspend, reinstate or repeal a published power."""
    power = Power.objects.select_for_update().get(pk=power.pk)
    if status not in Power.TRANSITIONS[power.status]:
        raise IllegalTransition(
            _("A power that is %(state)s cannot become %(to)s.")
            % {"state": power.get_status_display(), "to": Power.Status(status).label}
        )
    if status == Power.Status.IN_FORCE and power.current is None:
        raise DomainError(_("Publish a version first."), code="no_published_version")
    if not reason.strip():
        raise DomainError(_("Give a reason for the change."), code="reason_required")
    before = power.status
    power.status = status
    power.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="power_set_status",
        obj=power,
        from_state=before,
        to_state=status,
        reason=reason,
        division=_division(power.current) if power.current else None,
    )
    if status == Power.Status.REPEALED:
        from zhengwu.disclosure.feeds import withdraw_power

        withdraw_power(actor=actor, power=power, reason=reason)
    return power

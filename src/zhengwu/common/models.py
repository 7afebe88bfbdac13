"""The audit trail: append-only events, hash-chained, one chain per county (or league)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditImmutableError(Exception):
    """Raised when code tries to change or remove an audit event."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message or "Audit events are append-only: they cannot be changed or deleted."
        )


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutableError()

    def delete(self):
        raise AuditImmutableError()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditImmutableError()

    def _raw_delete(self, using):
        raise AuditImmutableError()


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: the same bytes on every database."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


class AuditChain(models.Model):
    """The head of one chain: the sequence number and hash of its last event."""

    key = models.CharField(_("chain"), max_length=32, unique=True)
    last_seq = models.PositiveBigIntegerField(_("last sequence number"), default=0)
    last_hash = models.CharField(_("last hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain")
        verbose_name_plural = _("audit chains")

    def __str__(self) -> str:
        return self.key


class AuditEvent(models.Model):
    """One state change: who did what to which object, from which state to which, when and why.

    Each event stores the hash of the previous event of its chain and its own hash over its
    content and that previous hash, so altering or removing any row breaks the chain.
    """

    chain = models.CharField(_("chain"), max_length=32)
    seq = models.PositiveBigIntegerField(_("sequence number"))
    # A plain reference, not a foreign key: accounts may be removed, events never change.
    actor = models.ForeignKey(
        "org.User",
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    from_state = models.CharField(_("from state"), max_length=32, blank=True)
    to_state = models.CharField(_("to state"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"))
    detail_json = models.TextField(_("detail"), default="{}")
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq_unique"),
        ]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_event_object_idx"),
            models.Index(fields=["created_at"], name="audit_event_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditImmutableError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError()

    @property
    def detail(self) -> Any:
        return json.loads(self.detail_json)

    def payload(self) -> str:
        """The canonical text that the hash covers."""
        return canonical_json(
            {
                "chain": self.chain,
                "seq": self.seq,
                "actor": self.actor_id,
                "actor_label": self.actor_label,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "from_state": self.from_state,
                "to_state": self.to_state,
                "reason": self.reason,
                "created_at": self.created_at.isoformat(timespec="microseconds"),
                "detail": self.detail_json,
            }
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.payload()).encode("utf-8")).hexdigest()

"""Writing and verifying the audit trail.

Every service that changes state calls :func:`audit_record` inside its transaction. Events are
chained per county (a league's own events form the league's chain; events with no division go to
the ``system`` chain), so counties never wait on each other's audit writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from zhengwu.common.models import GENESIS_HASH, AuditChain, AuditEvent, canonical_json

SYSTEM_CHAIN = "system"


def chain_key_for(division) -> str:
    """The chain a division's events go to: its county's code, or the league's own code."""
    if division is None:
        return SYSTEM_CHAIN
    if division.level == division.Level.COUNTY or division.parent_id is None:
        return division.code  # a county, or a league: no need to walk up the tree
    county = division.county
    return (county or division.ancestors()[-1]).code


def _object_ref(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


@transaction.atomic(savepoint=False)  # called inside the service's transaction: no savepoint
def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    detail: dict[str, Any] | None = None,
    division=None,
) -> AuditEvent:
    """Append one event to the chain of ``division`` (or the actor's), in this transaction."""
    if obj is not None:
        object_type, object_id = _object_ref(obj)
    if division is None and actor is not None and getattr(actor, "department_id", None):
        division = actor.department.division
    key = chain_key_for(division)
    head = AuditChain.objects.select_for_update().filter(key=key).first()
    if head is None:  # the chain's first event
        AuditChain.objects.get_or_create(key=key)
        head = AuditChain.objects.select_for_update().get(key=key)
    event = AuditEvent(
        chain=key,
        seq=head.last_seq + 1,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=(str(actor) if actor is not None else "")[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        reason=reason or "",
        created_at=timezone.now(),
        detail_json=canonical_json(detail or {}),
        prev_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    AuditChain.objects.filter(pk=head.pk).update(last_seq=event.seq, last_hash=event.hash)
    return event


@dataclass(frozen=True)
class ChainBreak:
    chain: str
    event_id: int | None
    seq: int
    problem: str

    def __str__(self) -> str:
        where = f"event id {self.event_id}" if self.event_id is not None else "chain head"
        return f"chain {self.chain}, seq {self.seq} ({where}): {self.problem}"


@dataclass(frozen=True)
class VerifyResult:
    chains: int
    events: int
    breaks: list[ChainBreak]

    @property
    def ok(self) -> bool:
        return not self.breaks


def _verify_chain(head: AuditChain | None, key: str) -> Iterator[ChainBreak | None]:
    """Yield None per intact event and a ChainBreak at the first broken link."""
    prev_hash = GENESIS_HASH
    expected_seq = 1
    events = AuditEvent.objects.filter(chain=key).order_by("seq").iterator(chunk_size=2000)
    for event in events:
        if event.seq != expected_seq:
            yield ChainBreak(
                key, event.id, expected_seq, f"event seq {expected_seq} is missing (deleted)"
            )
            return
        if event.prev_hash != prev_hash:
            yield ChainBreak(
                key, event.id, event.seq, "previous-hash link does not match the event before it"
            )
            return
        if event.compute_hash() != event.hash:
            yield ChainBreak(key, event.id, event.seq, "content does not match its hash (altered)")
            return
        prev_hash = event.hash
        expected_seq += 1
        yield None
    last_seq = expected_seq - 1
    if head is None:
        yield ChainBreak(key, None, last_seq, "chain head is missing")
    elif head.last_seq != last_seq or head.last_hash != prev_hash:
        yield ChainBreak(
            key,
            None,
            last_seq,
            f"chain head records seq {head.last_seq} but the last event is seq {last_seq} "
            "(events removed from the end, or the head was altered)",
        )


def audit_verify(progress=None) -> VerifyResult:
    """Walk every chain; report the first broken event of each chain."""
    heads = {chain.key: chain for chain in AuditChain.objects.all()}
    keys = sorted(
        set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct().order_by())
    )
    breaks: list[ChainBreak] = []
    events = 0
    for key in keys:
        for item in _verify_chain(heads.get(key), key):
            if item is None:
                events += 1
                if progress is not None:
                    progress(1)
            else:
                breaks.append(item)
    return VerifyResult(chains=len(keys), events=events, breaks=breaks)

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import CountyFactory, StaffFactory, TownshipFactory
from zhengwu.common.audit import SYSTEM_CHAIN, audit_record, audit_verify, chain_key_for
from zhengwu.common.models import GENESIS_HASH, AuditChain, AuditEvent, AuditImmutableError

pytestmark = pytest.mark.django_db


def record_three(actor):
    return [
        audit_record(
            actor=actor,
            action="case_accept",
            object_type="cases.case",
            object_id=str(i),
            from_state="submitted",
            to_state="accepted",
            reason=f"理由 {i}",
            detail={"n": i, "材料": ["身份证", "申请表"]},
        )
        for i in range(3)
    ]


def test_events_are_chained_per_county():
    actor = StaffFactory()
    first, second, third = record_three(actor)
    county = actor.department.division
    assert [e.chain for e in (first, second, third)] == [county.code] * 3
    assert [e.seq for e in (first, second, third)] == [1, 2, 3]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    head = AuditChain.objects.get(key=county.code)
    assert (head.last_seq, head.last_hash) == (3, third.hash)
    assert third.actor == actor and third.from_state == "submitted" and third.to_state == "accepted"
    assert third.detail == {"n": 2, "材料": ["身份证", "申请表"]}


def test_chain_key_is_the_county_of_a_township_and_system_without_division():
    township = TownshipFactory()
    assert chain_key_for(township) == township.parent.code
    assert chain_key_for(None) == SYSTEM_CHAIN
    event = audit_record(actor=None, action="system_start")
    assert event.chain == SYSTEM_CHAIN


def test_two_counties_have_independent_chains():
    other_county = CountyFactory(code="152502000000", name="锡林浩特市")
    a = audit_record(actor=StaffFactory(), action="x")
    b = audit_record(actor=None, action="y", division=other_county)
    assert a.chain != b.chain and a.seq == b.seq == 1


def test_verify_passes_on_an_intact_trail():
    record_three(StaffFactory())
    result = audit_verify()
    assert result.ok and result.events == 3 and result.chains == 1


def test_verify_names_the_row_altered_with_raw_sql():
    events = record_three(StaffFactory())
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET reason = %s WHERE id = %s", ["改过的理由", events[1].id]
        )
    result = audit_verify()
    assert not result.ok
    assert result.breaks[0].event_id == events[1].id
    assert "altered" in result.breaks[0].problem


def test_verify_detects_a_deleted_row_and_a_truncated_tail():
    events = record_three(StaffFactory())
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [events[1].id])
    result = audit_verify()
    assert result.breaks[0].event_id == events[2].id and "missing" in result.breaks[0].problem

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [events[2].id])
    result = audit_verify()
    assert not result.ok and "chain head" in result.breaks[0].problem


def test_verify_detects_a_recomputed_hash_that_breaks_the_link():
    events = record_three(StaffFactory())
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.reason = "伪造"
    new_hash = forged.compute_hash()
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET reason = %s, hash = %s WHERE id = %s",
            ["伪造", new_hash, events[1].id],
        )
    result = audit_verify()
    assert result.breaks[0].event_id == events[2].id
    assert "previous-hash" in result.breaks[0].problem


def test_orm_refuses_to_update_or_delete_audit_rows():
    event = record_three(StaffFactory())[0]
    event.reason = "changed"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.bulk_update([event], ["reason"])
    assert AuditEvent.objects.get(pk=event.pk).reason == "理由 0"
    assert audit_verify().ok


def test_audit_verify_command_exit_codes(capsys):
    events = record_three(StaffFactory())
    call_command("audit", "verify")
    assert "intact: 3 events" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET action = 'x' WHERE id = %s", [events[0].id]
        )
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify")
    assert excinfo.value.returncode != 0
    assert f"event id {events[0].id}" in str(excinfo.value)

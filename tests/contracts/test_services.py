"""The lifecycle services of the register: the review clock with dates worked out by hand on
the official calendar, the suspension, every gate, the audit event of each move."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.contracts.factories import create, make_world, review
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.contracts import services
from zhengwu.contracts.models import ContractReview
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


@pytest.fixture(autouse=True)
def late_2026():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


def one_event(obj, action, *, actor, from_state, to_state):
    found = list(
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
        )
    )
    assert len(found) == 1, action
    assert (found[0].actor_id, found[0].from_state, found[0].to_state) == (
        actor.pk, from_state, to_state,
    )  # fmt: skip
    return found[0]


def clock_of(review_row) -> Clock:
    return Clock.objects.get(purpose=services.REVIEW, owner_type="contracts.contractreview",
                             owner_id=str(review_row.pk))  # fmt: skip


def test_create_records_the_first_version_and_only_the_department_creates(world):
    contract = create(world, on=D(2026, 9, 28))
    assert contract.status == "draft" and contract.division == world.county
    assert contract.current_version.number == 1 and contract.current_version.text
    one_event(contract, "contract_create", actor=world.staff, from_state="", to_state="")
    with pytest.raises(NotPermitted):
        create(world, on=D(2026, 9, 28), actor=world.outsider)
    with pytest.raises(ValidationError) as error:
        create(world, on=D(2026, 9, 28), text="", kind="loan", counterparty=" ")
    assert {"kind", "counterparty"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        create(world, on=D(2026, 9, 28), text="")
    assert "text" in error.value.message_dict


def test_a_version_may_be_an_uploaded_file(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(
        "施工合同.pdf", b"%PDF-1.4 contract", content_type="application/pdf"
    )
    contract = create(world, on=D(2026, 9, 28), text="", upload=upload)
    version = contract.current_version
    assert version.file_name == "施工合同.pdf" and version.size == len(b"%PDF-1.4 contract")
    assert version.file.read() == b"%PDF-1.4 contract"
    with pytest.raises(ValidationError):
        bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
        create(world, on=D(2026, 9, 28), text="", upload=bad)


def test_seven_working_days_across_the_national_day_holiday(world):
    contract = create(world, on=D(2026, 9, 28))
    submitted = services.contract_submit(actor=world.staff, contract=contract, on=D(2026, 9, 29))
    contract.refresh_from_db()
    assert contract.status == "submitted"
    one_event(contract, "contract_submit", actor=world.staff, from_state="draft",
              to_state="submitted")  # fmt: skip
    clock = clock_of(submitted)
    # Submitted Tuesday 2026-09-29; counting starts the next day. Working days: Wed 09-30 (1);
    # 10-01 to 10-07 are the National Day holiday; Thu 10-08 (2), Fri 10-09 (3), Saturday 10-10
    # is an adjusted working day (4); Sunday 10-11 off; Mon 10-12 (5), Tue 10-13 (6),
    # Wed 10-14 (7). Due Wednesday 2026-10-14.
    assert clock.day_kind == "working" and clock.limit_days == 7
    assert clock.due_date == D(2026, 10, 14) == submitted.due_on
    assert clock.department == world.legal_office
    services.contract_start_review(actor=world.legal, contract=contract, on=D(2026, 9, 30))
    one_event(contract, "contract_start_review", actor=world.legal, from_state="submitted",
              to_state="under_review")  # fmt: skip
    opinion = services.contract_return_opinion(actor=world.legal, contract=contract,
                                               conclusion="lawful", on=D(2026, 10, 14))  # fmt: skip
    assert opinion.on_time is True and opinion.reviewer == world.legal
    clock.refresh_from_db()
    assert clock.status == "completed" and clock.completed_on == D(2026, 10, 14)
    one_event(contract, "contract_return_opinion", actor=world.legal, from_state="under_review",
              to_state="returned")  # fmt: skip


def test_a_day_after_the_due_date_is_late_and_a_weekend_is_skipped(world):
    contract = create(world, on=D(2026, 3, 5))
    # Friday 2026-03-06: Mon 09 (1) … Fri 13 (5), Mon 16 (6), Tue 17 (7); no holiday in March.
    opinion = review(world, contract, submitted=D(2026, 3, 6), returned=D(2026, 3, 18))
    assert opinion.due_on == D(2026, 3, 17) and opinion.on_time is False


def test_the_review_days_are_configurable(world, settings):
    settings.ZHENGWU_CONTRACT_REVIEW_DAYS = 10
    contract = create(world, on=D(2026, 3, 5))
    submitted = services.contract_submit(actor=world.staff, contract=contract, on=D(2026, 3, 6))
    # Ten working days after Friday 03-06: 09-13 (5), 16-20 (10): Friday 2026-03-20.
    assert submitted.due_on == D(2026, 3, 20)


def test_supplementary_materials_stop_the_clock(world):
    contract = create(world, on=D(2026, 9, 28))
    services.contract_submit(actor=world.staff, contract=contract, on=D(2026, 9, 29))
    services.contract_start_review(actor=world.legal, contract=contract, on=D(2026, 9, 29))
    with pytest.raises(ValidationError) as error:
        services.contract_request_materials(actor=world.legal, contract=contract, reason=" ",
                                            on=D(2026, 9, 30))  # fmt: skip
    assert "reason" in error.value.message_dict
    with pytest.raises(NotPermitted):
        services.contract_request_materials(actor=world.staff, contract=contract,
                                            reason="项目立项批复", on=D(2026, 9, 30))  # fmt: skip
    services.contract_request_materials(
        actor=world.legal,
        contract=contract,
        reason="请补充项目立项批复和招标文件",
        on=D(2026, 9, 30),
    )
    one_event(contract, "contract_request_materials", actor=world.legal, from_state="",
              to_state="")  # fmt: skip
    row = ContractReview.objects.get(contract=contract)
    clock = clock_of(row)
    assert clock.status == "suspended"
    suspension = clock.suspensions.get()
    assert suspension.reason == "correction" and suspension.note == "请补充项目立项批复和招标文件"
    with pytest.raises(IllegalTransition):
        services.contract_request_materials(actor=world.legal, contract=contract, reason="再补",
                                            on=D(2026, 10, 8))  # fmt: skip
    services.contract_materials_received(actor=world.staff, contract=contract, on=D(2026, 10, 12))
    clock.refresh_from_db()
    row.refresh_from_db()
    # Stopped from the day after Wed 09-30 to Mon 10-12: the working days 10-08, 10-09, 10-10
    # (adjusted Saturday) and 10-12 are excluded: 4. The 7 days become 11 after 09-29: 09-30 (1),
    # 10-08 (2), 10-09 (3), 10-10 (4), 10-12 (5), 10-13 (6), 10-14 (7), 10-15 (8), 10-16 (9),
    # Mon 10-19 (10), Tue 10-20 (11).
    assert clock.status == "running" and clock.suspended_days == 4
    assert clock.due_date == D(2026, 10, 20) == row.due_on
    with pytest.raises(IllegalTransition):
        services.contract_materials_received(actor=world.staff, contract=contract,
                                             on=D(2026, 10, 13))  # fmt: skip
    opinion = services.contract_return_opinion(actor=world.legal, contract=contract,
                                               conclusion="lawful", on=D(2026, 10, 20))  # fmt: skip
    assert opinion.on_time is True


def test_the_opinion_needs_findings_and_an_unlawful_one_its_legal_bases(world):
    contract = create(world, on=D(2026, 3, 2))
    services.contract_submit(actor=world.staff, contract=contract, on=D(2026, 3, 2))
    with pytest.raises(IllegalTransition):  # not taken up yet
        services.contract_return_opinion(actor=world.legal, contract=contract,
                                         conclusion="lawful", on=D(2026, 3, 3))  # fmt: skip
    services.contract_start_review(actor=world.legal, contract=contract, on=D(2026, 3, 3))
    with pytest.raises(NotPermitted):
        services.contract_return_opinion(actor=world.staff, contract=contract,
                                         conclusion="lawful", on=D(2026, 3, 3))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.contract_return_opinion(
            actor=world.legal, contract=contract, conclusion="amend", findings=[], on=D(2026, 3, 4)
        )
    assert "findings" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.contract_return_opinion(actor=world.legal, contract=contract,
                                         conclusion="unlawful", findings=["以土地出让金抵顶工程款"],
                                         on=D(2026, 3, 4))  # fmt: skip
    assert "legal_bases" in error.value.message_dict
    opinion = services.contract_return_opinion(
        actor=world.legal, contract=contract, conclusion="amend",
        findings="第五条付款条件不明确\n第八条违约责任不对等\n第八条违约责任不对等",
        legal_bases="《中华人民共和国合同法》第十二条", on=D(2026, 3, 4),
    )  # fmt: skip
    assert opinion.findings == ["第五条付款条件不明确", "第八条违约责任不对等"]
    assert opinion.legal_bases == ["《中华人民共和国合同法》第十二条"]


def test_an_unlawful_contract_cannot_be_signed(world):
    contract = create(world, on=D(2026, 3, 2))
    review(world, contract, submitted=D(2026, 3, 2), returned=D(2026, 3, 5), conclusion="unlawful")
    with pytest.raises(DomainError) as error:
        services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 9))
    assert error.value.code == "unlawful"
    contract.refresh_from_db()
    assert contract.status == "returned" and contract.signed_on is None


def test_amend_needs_a_new_version_reviewed_before_signing(world):
    contract = create(world, on=D(2026, 3, 2))
    review(world, contract, submitted=D(2026, 3, 2), returned=D(2026, 3, 5), conclusion="amend")
    with pytest.raises(DomainError) as error:
        services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 6))
    assert error.value.code == "amendment_required"
    # Resubmitting the reviewed version is refused: a new version first.
    with pytest.raises(DomainError) as error:
        services.contract_submit(actor=world.staff, contract=contract, on=D(2026, 3, 6))
    assert error.value.code == "new_version_required"
    version = services.contract_add_version(
        actor=world.staff, contract=contract, text="第八条 修改后的违约责任……",
        note="按审查意见修改第八条", on=D(2026, 3, 9),
    )  # fmt: skip
    assert version.number == 2
    # The new version not yet reviewed still cannot be signed.
    with pytest.raises(DomainError) as error:
        services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 9))
    assert error.value.code == "version_not_reviewed"
    second = review(world, contract, submitted=D(2026, 3, 9), returned=D(2026, 3, 11))
    assert second.version == version and contract.reviews.count() == 2
    with pytest.raises(NotPermitted):
        services.contract_sign(actor=world.outsider, contract=contract, on=D(2026, 3, 12))
    signed = services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 12),
                                    expires_on=D(2027, 3, 11))  # fmt: skip
    assert signed.status == "signed" and signed.starts_on == D(2026, 3, 12)
    one_event(contract, "contract_sign", actor=world.staff, from_state="returned",
              to_state="signed")  # fmt: skip


def test_a_contract_under_review_or_never_reviewed_cannot_be_signed(world):
    contract = create(world, on=D(2026, 3, 2))
    with pytest.raises(IllegalTransition):
        services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 2))
    services.contract_submit(actor=world.staff, contract=contract, on=D(2026, 3, 2))
    with pytest.raises(IllegalTransition):
        services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 3))
    with pytest.raises(IllegalTransition):
        services.contract_add_version(actor=world.staff, contract=contract, text="v2")


def test_signing_cannot_precede_the_opinion_and_the_term_is_ordered(world):
    contract = create(world, on=D(2026, 3, 2))
    review(world, contract, submitted=D(2026, 3, 2), returned=D(2026, 3, 5))
    with pytest.raises(ValidationError) as error:
        services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 4))
    assert "on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 6),
                               expires_on=D(2026, 3, 1))  # fmt: skip
    assert "expires_on" in error.value.message_dict


def test_performance_milestones_completion_and_expiry(world):
    contract = create(world, on=D(2026, 3, 2))
    review(world, contract, submitted=D(2026, 3, 2), returned=D(2026, 3, 5))
    services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 6),
                           expires_on=D(2026, 9, 30))  # fmt: skip
    services.contract_start_performance(actor=world.staff, contract=contract, on=D(2026, 3, 10))
    one_event(contract, "contract_start_performance", actor=world.staff, from_state="signed",
              to_state="in_performance")  # fmt: skip
    with pytest.raises(ValidationError):
        services.milestone_add(actor=world.staff, contract=contract, title="开工",
                               due_on=D(2026, 3, 1))  # fmt: skip
    milestone = services.milestone_add(actor=world.staff, contract=contract, title="主体完工",
                                       due_on=D(2026, 6, 30))  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.contract_complete(actor=world.staff, contract=contract, on=D(2026, 7, 1))
    assert error.value.code == "milestones_open"
    services.milestone_done(actor=world.staff, milestone=milestone, on=D(2026, 7, 2))
    with pytest.raises(IllegalTransition):
        services.milestone_done(actor=world.staff, milestone=milestone, on=D(2026, 7, 3))
    # Not completed: the term ends on 09-30, so the sweep of 10-01 records the expiry, dated
    # the day after its last day; a second sweep does nothing.
    assert services.contracts_expire_due(on=D(2026, 9, 30)) == []
    assert services.contracts_expire_due(on=D(2026, 10, 1)) == [contract.pk]
    assert services.contracts_expire_due(on=D(2026, 10, 2)) == []
    contract.refresh_from_db()
    assert contract.status == "expired" and contract.ended_on == D(2026, 10, 1)
    with pytest.raises(IllegalTransition):
        services.contract_terminate(actor=world.staff, contract=contract, reason="x",
                                    on=D(2026, 10, 5))  # fmt: skip


def test_termination_needs_a_reason(world):
    contract = create(world, on=D(2026, 3, 2))
    review(world, contract, submitted=D(2026, 3, 2), returned=D(2026, 3, 5))
    services.contract_sign(actor=world.staff, contract=contract, on=D(2026, 3, 6))
    with pytest.raises(ValidationError):
        services.contract_terminate(actor=world.staff, contract=contract, reason="",
                                    on=D(2026, 4, 1))  # fmt: skip
    services.contract_terminate(actor=world.staff, contract=contract, reason="双方协商解除",
                                on=D(2026, 4, 1))  # fmt: skip
    one_event(contract, "contract_terminate", actor=world.staff, from_state="signed",
              to_state="terminated")  # fmt: skip


def test_a_signing_without_review_is_recorded_by_the_legal_office_only(world):
    contract = create(world, on=D(2026, 3, 2))
    with pytest.raises(NotPermitted):
        services.contract_record_unreviewed_signing(actor=world.staff, contract=contract,
                                                    on=D(2026, 3, 3), reason="自查")  # fmt: skip
    services.contract_record_unreviewed_signing(
        actor=world.legal, contract=contract, on=D(2026, 3, 3), reason="专项检查发现"
    )
    contract.refresh_from_db()
    assert contract.status == "signed" and contract.reviewed_before_signing is False


def test_dates_cannot_be_in_the_future(world):
    with pytest.raises(DomainError) as error:
        create(world, on=D(2026, 11, 21))
    assert error.value.code == "future_date"

"""The lifecycle services of the registry: every move, its audit event, its clock, its refusals.
Dates are worked out by hand in the comments (the official calendar of the year)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.rulemaking.factories import DraftFactory, make_world, publish
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.models import AuditEvent
from zhengwu.disclosure.models import Item
from zhengwu.rulemaking import services
from zhengwu.rulemaking.models import CleanupEntry, Filing, NormativeDocument
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return make_world()


def events(obj, action):
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
    )


def one_event(obj, action, *, actor, from_state, to_state):
    found = list(events(obj, action))
    assert len(found) == 1, action
    event = found[0]
    assert (event.actor_id, event.from_state, event.to_state) == (
        actor.pk if actor else None,
        from_state,
        to_state,
    )
    return event


# --- drafting and comment -------------------------------------------------------------------


def test_draft_is_recorded_and_only_the_drafting_department_or_legal_office_drafts(world):
    document = DraftFactory(world=world, title="多伦县城区供热管理办法")
    assert document.status == "draft" and document.division == world.county
    assert events(document, "document_draft").get().actor_id == world.drafter.pk
    with pytest.raises(NotPermitted):
        DraftFactory(world=world, actor=world.outsider)
    with pytest.raises(ValidationError) as error:
        DraftFactory(world=world, number_prefix="多政发〔2012〕")
    assert "number_prefix" in error.value.message_dict


def test_comment_period_runs_30_days_and_cannot_close_early(world):
    document = DraftFactory(world=world, comment_required=True)
    # Review needs the comment first.
    with pytest.raises(DomainError) as error:
        services.document_submit_for_review(actor=world.drafter, document=document)
    assert error.value.code == "comment_required"
    services.document_open_comment(actor=world.drafter, document=document, on=D(2026, 3, 5))
    document.refresh_from_db()
    assert document.status == "comment"
    one_event(document, "document_open_comment", actor=world.drafter, from_state="draft",
              to_state="comment")  # fmt: skip
    clock = Clock.objects.get(purpose=services.COMMENT, owner_id=str(document.pk))
    # 30 calendar days after 2026-03-05 is 04-04, a Saturday of the Qingming holiday (04-04 to
    # 04-06): the period ends on the next working day, Tuesday 04-07.
    assert clock.due_date == D(2026, 4, 7) and clock.day_kind == "calendar"
    with pytest.raises(ValidationError) as error:
        services.document_close_comment(actor=world.drafter, document=document, summary="无",
                                        on=D(2026, 4, 6))  # fmt: skip
    assert "on" in error.value.message_dict
    with pytest.raises(IllegalTransition):
        services.document_submit_for_review(actor=world.drafter, document=document)
    services.document_close_comment(actor=world.drafter, document=document,
                                    summary="收到意见3条，采纳2条", on=D(2026, 4, 7))  # fmt: skip
    document.refresh_from_db()
    assert document.status == "draft" and document.comment_closed_on == D(2026, 4, 7)
    one_event(document, "document_close_comment", actor=world.drafter, from_state="comment",
              to_state="draft")  # fmt: skip
    clock.refresh_from_db()
    assert clock.status == "completed" and clock.completed_on == D(2026, 4, 7)
    with pytest.raises(IllegalTransition):  # once only
        services.document_open_comment(actor=world.drafter, document=document)
    services.document_submit_for_review(actor=world.drafter, document=document)
    document.refresh_from_db()
    assert document.status == "review"


def test_comment_period_shorter_than_the_minimum_is_refused(world):
    document = DraftFactory(world=world)
    with pytest.raises(ValidationError) as error:
        services.document_open_comment(actor=world.drafter, document=document, days=10)
    assert "days" in error.value.message_dict


# --- legality review ------------------------------------------------------------------------


def test_review_amend_sends_back_with_findings_then_pass(world):
    document = DraftFactory(world=world)
    with pytest.raises(IllegalTransition):  # a draft not submitted cannot be reviewed
        services.document_review(actor=world.legal, document=document, opinion="pass")
    services.document_submit_for_review(actor=world.drafter, document=document)
    with pytest.raises(NotPermitted):
        services.document_review(actor=world.drafter, document=document, opinion="pass")
    with pytest.raises(ValidationError) as error:
        services.document_review(actor=world.legal, document=document, opinion="amend")
    assert "text" in error.value.message_dict
    review = services.document_review(
        actor=world.legal, document=document, opinion="amend",
        findings=["compulsion", "no_basis"], text="第五条设定查封措施，无上位法依据",
        on=D(2026, 5, 6),
    )  # fmt: skip
    document.refresh_from_db()
    assert document.status == "draft"
    assert review.findings == ["compulsion", "no_basis"]
    assert review.finding_labels[0] == "设定行政强制措施"
    one_event(document, "document_review", actor=world.legal, from_state="review",
              to_state="draft")  # fmt: skip
    services.document_submit_for_review(actor=world.drafter, document=document)
    services.document_review(actor=world.legal, document=document, opinion="pass")
    document.refresh_from_db()
    assert document.status == "reviewed" and document.reviews.count() == 2


def test_review_reject_ends_the_draft(world):
    document = DraftFactory(world=world)
    services.document_submit_for_review(actor=world.drafter, document=document)
    services.document_review(actor=world.legal, document=document, opinion="reject",
                             findings=["licence"], text="违法设定行政许可")  # fmt: skip
    document.refresh_from_db()
    assert document.status == "rejected" and document.ended_on is not None
    with pytest.raises(IllegalTransition):
        services.document_submit_for_review(actor=world.drafter, document=document)
    with pytest.raises(ValidationError):
        services.document_review(actor=world.legal, document=DraftFactory(world=world),
                                 opinion="pass", findings=["unknown"])  # fmt: skip


# --- adoption, signing, numbering -----------------------------------------------------------


def _reviewed(world, **kwargs):
    document = DraftFactory(world=world, **kwargs)
    services.document_submit_for_review(actor=world.drafter, document=document)
    services.document_review(actor=world.legal, document=document, opinion="pass",
                             on=D(2012, 3, 1))  # fmt: skip
    return document


def test_adopt_then_sign_numbers_without_leading_zeros(world):
    document = _reviewed(world)
    with pytest.raises(IllegalTransition):
        services.document_sign(actor=world.legal, document=document, signed_by="县长")
    with pytest.raises(ValidationError):
        services.document_adopt(actor=world.legal, document=document, meeting=" ")
    with pytest.raises(ValidationError):  # before the review
        services.document_adopt(actor=world.legal, document=document, meeting="常务会议",
                                on=D(2012, 2, 28))  # fmt: skip
    services.document_adopt(actor=world.legal, document=document,
                            meeting="县政府第12次常务会议", on=D(2012, 3, 2))  # fmt: skip
    document.refresh_from_db()
    assert document.status == "adopted" and document.adopted_on == D(2012, 3, 2)
    one_event(document, "document_adopt", actor=world.legal, from_state="reviewed",
              to_state="adopted")  # fmt: skip
    # 77 documents of 多政发 already numbered in 2012: this one is the 78th.
    NormativeDocument.objects.filter(pk=_reviewed(world).pk).update(
        number_year=2012, number_sequence=77, document_number="多政发〔2012〕77号"
    )
    services.document_sign(actor=world.legal, document=document, signed_by="县长",
                           on=D(2012, 3, 5))  # fmt: skip
    document.refresh_from_db()
    assert document.status == "signed"
    assert document.document_number == "多政发〔2012〕78号"
    assert (document.number_year, document.number_sequence) == (2012, 78)
    one_event(document, "document_sign", actor=world.legal, from_state="adopted",
              to_state="signed")  # fmt: skip


def _signed(world, on, **kwargs):
    document = _reviewed(world, **kwargs)
    services.document_adopt(actor=world.legal, document=document, meeting="常务会议", on=on)
    return services.document_sign(actor=world.legal, document=document, signed_by="县长", on=on)


def test_numbering_is_sequential_per_issuer_abbreviation_and_year(world):
    first = _signed(world, D(2012, 3, 5))
    second = _signed(world, D(2012, 3, 6))
    other = _signed(world, D(2012, 3, 6), number_prefix="多政办发")
    next_year = _signed(world, D(2013, 1, 4))
    assert [first.document_number, second.document_number] == [
        "多政发〔2012〕1号",
        "多政发〔2012〕2号",
    ]
    assert other.document_number == "多政办发〔2012〕1号"
    assert next_year.document_number == "多政发〔2013〕1号"


def test_a_number_from_the_dispatch_register_must_be_free(world):
    first = _signed(world, D(2012, 3, 5))
    second = _reviewed(world)
    services.document_adopt(actor=world.legal, document=second, meeting="常务会议",
                            on=D(2012, 3, 5))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.document_sign(actor=world.legal, document=second, signed_by="县长",
                               on=D(2012, 3, 6), sequence=first.number_sequence)  # fmt: skip
    assert "多政发〔2012〕1号" in error.value.message_dict["sequence"][0]
    services.document_sign(actor=world.legal, document=second, signed_by="县长",
                           on=D(2012, 3, 6), sequence=78)  # fmt: skip
    second.refresh_from_db()
    assert second.document_number == "多政发〔2012〕78号"
    assert services.next_sequence("多政发", 2012) == 79


def test_two_numberings_cannot_take_the_same_number(world):
    first = _signed(world, D(2012, 3, 5))
    second = _reviewed(world)
    # A concurrent numbering that read the same "last number" would write the same sequence:
    # the unique constraint refuses it.
    with pytest.raises(IntegrityError), transaction.atomic():
        NormativeDocument.objects.filter(pk=second.pk).update(
            number_year=2012, number_sequence=first.number_sequence
        )
    assert services.next_sequence("多政发", 2012) == 2


# --- publication, filing --------------------------------------------------------------------


def test_publication_sets_validity_files_and_publishes_into_the_catalog(world):
    document = _signed(world, D(2012, 3, 5))
    with pytest.raises(ValidationError):
        services.document_publish(actor=world.legal, document=document, on=D(2012, 3, 5),
                                  effective_from=D(2012, 3, 1))  # fmt: skip
    services.document_publish(actor=world.legal, document=document, on=D(2012, 3, 5))
    document.refresh_from_db()
    assert document.status == "published"
    one_event(document, "document_publish", actor=world.legal, from_state="signed",
              to_state="published")  # fmt: skip
    # In force from 2012-03-05 for 5 years: the last day is 2017-03-04; it lapses on 03-05.
    assert document.effective_from == D(2012, 3, 5)
    assert document.effective_to == D(2017, 3, 4) and document.lapses_on == D(2017, 3, 5)
    filings = list(document.filings.order_by("pk"))
    assert [f.authority for f in filings] == ["锡林郭勒盟行政公署", "多伦县人大常委会"]
    # 30 days after publication on 2012-03-05 is 04-04, the Qingming holiday (04-02 to 04-04):
    # the filing is due on the next working day, 04-05.
    assert {f.due_on for f in filings} == {D(2012, 4, 5)}
    clocks = Clock.objects.filter(purpose=services.FILING, status="running")
    assert clocks.count() == 2 and {c.due_date for c in clocks} == {D(2012, 4, 5)}
    item = Item.objects.get(source_type="rulemaking.normativedocument", source_id=str(document.pk))
    assert item.status == "published" and item.category.name == "行政规范性文件"
    assert item.document_number == "多政发〔2012〕1号" and item.validity == "valid"
    assert item.published_on == D(2012, 3, 5) and item.valid_to == D(2017, 3, 4)


def test_filing_on_the_due_date_is_on_time_and_the_day_after_late(world):
    document = publish(world, on=D(2012, 3, 5))
    on_time, late = document.filings.order_by("pk")
    services.filing_submit(actor=world.legal, filing=on_time, on=D(2012, 4, 5))
    services.filing_submit(actor=world.legal, filing=late, on=D(2012, 4, 6))
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert (on_time.state, late.state) == ("filed", "late")
    one_event(on_time, "filing_submit", actor=world.legal, from_state="pending",
              to_state="filed")  # fmt: skip
    one_event(late, "filing_submit", actor=world.legal, from_state="pending", to_state="late")
    assert not Clock.objects.filter(purpose=services.FILING, status="running").exists()
    with pytest.raises(IllegalTransition):
        services.filing_submit(actor=world.legal, filing=on_time, on=D(2012, 4, 7))
    services.filing_record_result(actor=world.legal, filing=on_time, result="no_objection",
                                  on=D(2012, 4, 20))  # fmt: skip
    on_time.refresh_from_db()
    assert on_time.result == "no_objection"
    one_event(on_time, "filing_record_result", actor=world.legal, from_state="",
              to_state="no_objection")  # fmt: skip


def test_a_result_needs_the_filing_first(world):
    filing = publish(world, on=D(2012, 3, 5)).filings.first()
    with pytest.raises(IllegalTransition):
        services.filing_record_result(actor=world.legal, filing=filing, result="no_objection")
    assert Filing.objects.filter(result="").count() == 2


def test_a_department_document_is_filed_with_its_government(world):
    document = publish(world, on=D(2012, 3, 5), issuer=world.drafting, number_prefix="多发改发")
    assert list(document.filings.values_list("authority", flat=True)) == ["多伦县人民政府"]


# --- validity -------------------------------------------------------------------------------


def test_an_interim_title_makes_an_interim_document_unless_the_drafter_says(world):
    assert DraftFactory(world=world, title="多伦县政府采购管理暂行办法").is_interim
    assert DraftFactory(world=world, title="多伦县村级代办员管理办法（试行）").is_interim
    assert not DraftFactory(world=world, title="多伦县城区供水管理办法").is_interim
    assert not DraftFactory(
        world=world, title="关于废止暂行办法的决定", is_interim=False
    ).is_interim
    document = publish(world, on=D(2012, 3, 5), title="多伦县政府采购管理暂行办法")
    assert document.effective_to == D(2014, 3, 4)  # 2 years, as for any interim document


def test_interim_documents_are_valid_two_years_and_leap_days_roll(world, settings):
    interim = publish(world, on=D(2012, 3, 5), is_interim=True)
    # 2 years from 2012-03-05: the last day is 2014-03-04.
    assert interim.effective_to == D(2014, 3, 4)
    leap = publish(world, on=D(2012, 2, 29), number_on=D(2012, 2, 29))
    # 5 years from 2012-02-29 is 2017-03-01 (no 29 February in 2017): last day 2017-02-28.
    assert (leap.effective_to, leap.lapses_on) == (D(2017, 2, 28), D(2017, 3, 1))
    settings.ZHENGWU_NORMATIVE_VALIDITY_YEARS = 3
    short = publish(world, on=D(2012, 3, 5))
    assert short.effective_to == D(2015, 3, 4)
    with pytest.raises(ValidationError):
        DraftFactory(world=world, validity_years=4)


def test_the_lapse_job_records_each_lapse_once_with_an_audit_event(world):
    document = publish(world, on=D(2012, 3, 5))
    assert services.documents_lapse_due(on=D(2017, 3, 4)) == []
    assert services.documents_lapse_due(on=D(2017, 3, 5)) == [document.pk]
    document.refresh_from_db()
    assert document.status == "lapsed" and document.ended_on == D(2017, 3, 5)
    one_event(document, "document_lapse", actor=None, from_state="published", to_state="lapsed")
    assert services.documents_lapse_due(on=D(2017, 3, 6)) == []  # idempotent
    item = Item.objects.get(source_id=str(document.pk), source_type="rulemaking.normativedocument")
    assert item.validity == "lapsed" and item.valid_to == D(2017, 3, 5)


def test_repeal_and_amendment_end_the_document(world):
    old = publish(world, on=D(2012, 3, 5))
    with pytest.raises(ValidationError):
        services.document_repeal(actor=world.legal, document=old, reason="")
    with pytest.raises(NotPermitted):
        services.document_repeal(actor=world.drafter, document=old, reason="不再适用")
    amending = publish(world, on=D(2013, 6, 3), amends=old)
    old.refresh_from_db()
    assert old.status == "amended" and old.ended_on == D(2013, 6, 3)
    one_event(old, "document_amended", actor=world.legal, from_state="published",
              to_state="amended")  # fmt: skip
    with pytest.raises(IllegalTransition):
        services.document_repeal(actor=world.legal, document=old, reason="不再适用")
    services.document_repeal(actor=world.legal, document=amending, reason="上位法废止",
                             on=D(2014, 1, 2))  # fmt: skip
    amending.refresh_from_db()
    assert amending.status == "repealed"
    one_event(amending, "document_repeal", actor=world.legal, from_state="published",
              to_state="repealed")  # fmt: skip


def test_expiry_decision_renew_extends_and_others_are_recorded(world):
    document = publish(world, on=D(2021, 9, 1))
    # Valid 2021-09-01 to 2026-08-31; renewed for 5 years from 2026-09-01: to 2031-08-31.
    services.document_decide_expiry(actor=world.drafter, document=document, decision="renew",
                                    note="评估后继续施行", on=D(2026, 4, 1))  # fmt: skip
    document.refresh_from_db()
    assert document.effective_to == D(2031, 8, 31) and document.lapses_on == D(2031, 9, 1)
    assert events(document, "document_decide_expiry").count() == 1
    with pytest.raises(NotPermitted):
        services.document_decide_expiry(actor=world.outsider, document=document,
                                        decision="let_lapse")  # fmt: skip
    with pytest.raises(ValidationError):
        services.document_decide_expiry(actor=world.drafter, document=document, decision="x")
    lapsed = publish(world, on=D(2012, 3, 5))
    with pytest.raises(IllegalTransition):  # past its validity already
        services.document_decide_expiry(actor=world.drafter, document=lapsed, decision="renew")


# --- clean-ups ------------------------------------------------------------------------------


def test_a_campaign_cannot_close_with_an_undecided_document(world):
    keep = publish(world, on=D(2011, 5, 3), number_on=D(2011, 5, 3))
    repeal = publish(world, on=D(2011, 6, 1), number_on=D(2011, 6, 1))
    lapse = publish(world, on=D(2011, 7, 1), number_on=D(2011, 7, 1))
    amend = publish(world, on=D(2011, 8, 1), number_on=D(2011, 8, 1))
    campaign = services.campaign_open(
        actor=world.legal, department=world.legal_office, kind="periodic",
        title="2012年规范性文件全面清理", on=D(2012, 9, 3),
    )  # fmt: skip
    assert campaign.entries.count() == 4
    entries = {e.document_id: e for e in campaign.entries.all()}
    services.cleanup_decide(actor=world.legal, entry=entries[keep.pk], decision="keep",
                            on=D(2012, 9, 10))  # fmt: skip
    with pytest.raises(ValidationError):  # reasons needed
        services.cleanup_decide(actor=world.legal, entry=entries[repeal.pk], decision="repeal")
    services.cleanup_decide(actor=world.legal, entry=entries[repeal.pk], decision="repeal",
                            reasons="调整对象已消失", on=D(2012, 9, 10))  # fmt: skip
    services.cleanup_decide(actor=world.legal, entry=entries[lapse.pk], decision="lapse",
                            reasons="适用期已过", on=D(2012, 9, 10))  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.campaign_close(actor=world.legal, campaign=campaign, on=D(2012, 10, 8))
    assert error.value.code == "cleanup_undecided"
    repeal.refresh_from_db()
    assert repeal.status == "published"  # nothing took effect
    services.cleanup_decide(actor=world.legal, entry=entries[amend.pk], decision="amend",
                            reasons="与行政强制法不一致", inconsistent=True,
                            on=D(2012, 9, 11))  # fmt: skip
    services.campaign_close(actor=world.legal, campaign=campaign, on=D(2012, 10, 8))
    campaign.refresh_from_db()
    assert campaign.status == "closed" and campaign.closed_on == D(2012, 10, 8)
    one_event(campaign, "campaign_close", actor=world.legal, from_state="open",
              to_state="closed")  # fmt: skip
    for document, state in [(keep, "published"), (repeal, "repealed"), (lapse, "lapsed"),
                            (amend, "published")]:  # fmt: skip
        document.refresh_from_db()
        assert document.status == state
    one_event(repeal, "document_repeal", actor=world.legal, from_state="published",
              to_state="repealed")  # fmt: skip
    item = Item.objects.get(source_type="rulemaking.cleanupcampaign", source_id=str(campaign.pk))
    assert item.category.name == "文件清理结果" and repeal.document_number in item.body
    with pytest.raises(IllegalTransition):
        services.cleanup_decide(actor=world.legal, entry=entries[keep.pk], decision="keep")
    assert CleanupEntry.objects.filter(decision="").count() == 0


def test_a_special_campaign_takes_only_documents_in_force(world):
    inside = publish(world, on=D(2011, 5, 3), number_on=D(2011, 5, 3))
    ended = publish(world, on=D(2011, 6, 1), number_on=D(2011, 6, 1))
    services.document_repeal(actor=world.legal, document=ended, reason="废止", on=D(2012, 1, 4))
    with pytest.raises(ValidationError) as error:
        services.campaign_open(
            actor=world.legal, department=world.legal_office, kind="special",
            title="涉及行政强制的文件清理", topic="",
        )  # fmt: skip
    assert "topic" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.campaign_open(
            actor=world.legal, department=world.legal_office, kind="special", title="清理",
            topic="行政强制", documents=[inside, ended],
        )  # fmt: skip
    campaign = services.campaign_open(
        actor=world.legal, department=world.legal_office, kind="special", title="清理",
        topic="行政强制", documents=[inside], on=D(2012, 5, 2),
    )  # fmt: skip
    assert list(campaign.entries.values_list("document_id", flat=True)) == [inside.pk]
    with pytest.raises(NotPermitted):
        services.campaign_open(actor=world.drafter, department=world.drafting, kind="periodic",
                               title="清理")  # fmt: skip

"""One parallel-approval case from submission to rating, with every date worked out by hand.

The 2026 calendar (State Council notice): 25–27 September off (Mid-Autumn), 1–7 October off
(National Day), Saturday 10 October a working day.

- Submitted Tue 22 Sep. Acceptance window, 5 working days: 23, 24, 28, 29, 30 Sep → due 30 Sep.
- Correction requested Thu 24 Sep; materials supplied Tue 29 Sep. New window: 30 Sep, 8, 9,
  10 (Sat, worked), 12 Oct → due 12 Oct.
- Accepted Fri 9 Oct. Promised limit 20: 10, 12–16, 19–23, 26–30 Oct, 2–5 Nov → due 5 Nov.
  Legal limit 45: 20 more after 5 Nov: 6, 9–13, 16–20, 23–27 Nov, 30 Nov, 1–4, 7–10 Dec
  → due 10 Dec.
- Review stage (5 days) opens 9 Oct: 10, 12, 13, 14, 15 Oct → due 15 Oct. Done Tue 13 Oct.
- Co-reviews (10 days) open 13 Oct: 14, 15, 16, 19–23, 26, 27 Oct → due 27 Oct.
  Done 14, 16 and 20 Oct.
- Decision stage (20 days) opens 20 Oct: 21–23, 26–30 Oct, 2–6, 9–13, 16, 17 Nov → due 17 Nov.
- Extension of 15 working days on Wed 21 Oct: legal due 10 Dec + 15: 11, 14–18, 21–25,
  28–31 Dec → 31 Dec.
- Decided Thu 22 Oct. Delivery within 10 working days: 23, 26–30 Oct, 2–5 Nov → due 5 Nov.
- Delivered and completed Fri 23 Oct.
- Rated "dissatisfied" Mon 26 Oct. Follow-up within 15 working days: 27–30 Oct, 2–6, 9–13,
  16 Nov → due 16 Nov. Answered Wed 28 Oct.
"""

import datetime

import pytest
import time_machine
from django.core import mail

from tests.cases.world import build_world, pdf, png
from zhengwu.cases import services
from zhengwu.cases.models import Case, Notification, Task
from zhengwu.common.audit import audit_verify
from zhengwu.common.models import AuditEvent
from zhengwu.workdays.models import Clock

pytestmark = pytest.mark.django_db
D = datetime.date


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False)


def clock(case_or_task, purpose):
    return Clock.objects.get(
        owner_type=case_or_task._meta.label_lower, owner_id=str(case_or_task.pk), purpose=purpose
    )


def case_events(case, since=0):
    return list(
        AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk), pk__gt=since)
        .order_by("pk")
        .values_list("action", "actor_id", "from_state", "to_state")
    )


def last_event_id():
    last = AuditEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_a_parallel_approval_case_from_submission_to_rating(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ZHENGWU_SMS_GATEWAY = "zhengwu.cases.notify.OutboxSmsGateway"
    settings.DATA_DIR = tmp_path
    with django_capture_on_commit_callbacks() as sent:
        case, _rating = walk(build_world())
    case.refresh_from_db()
    assert case.status == "completed"
    # Every step told the applicant once, by e-mail and by SMS, after its transaction committed.
    assert mail.outbox == []
    for callback in sent:
        callback()
    events = list(
        Notification.objects.filter(case=case).order_by("id").values_list("event", flat=True)
    )
    assert events == [
        "submitted",
        "correction",
        "accepted",
        "extended",
        "decided",
        "completed",
        "follow_up",
    ]
    assert len(mail.outbox) == len(events)
    assert all(n.channels == ["email", "sms"] for n in Notification.objects.filter(case=case))
    outbox = (tmp_path / "sms-outbox.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(outbox) == len(events) and "营业执照、施工图审查合格书" in outbox[1]
    assert Case.objects.count() == 1
    assert audit_verify().ok


def walk(w):
    citizen, clerk, reviewer, head = w.citizen, w.clerk, w.reviewer, w.head

    # Submission, online, with one of the two materials.
    with on(D(2026, 9, 22)):
        mark = last_event_id()
        submission = services.case_submit(
            actor=citizen, applicant=citizen, power=w.joint, idempotency_key="a1", files=[pdf()]
        )
        case = submission.case
        assert case.handling_centre == w.centre and case.received_on == D(2026, 9, 22)
        window = clock(case, "approval.acceptance")
        assert window.due_date == D(2026, 9, 30)
        assert case_events(case, mark) == [
            ("clock_start", citizen.pk, "", "running"),
            ("case_submit", citizen.pk, "", "submitted"),
        ]
        # A retry with the same key returns the first case.
        again = services.case_submit(
            actor=citizen, applicant=citizen, power=w.joint, idempotency_key="a1", files=[pdf()]
        )
        assert (again.case.pk, again.created, again.query_code) == (case.pk, False, None)

    # Correction: everything missing in one notice.
    with on(D(2026, 9, 24)):
        mark = last_event_id()
        notice = services.case_request_correction(
            actor=clerk, case=case, items=["营业执照", "施工图审查合格书"]
        )
        case.refresh_from_db()
        assert (case.status, case.correction_count, case.correction_flagged) == (
            "correction",
            1,
            False,
        )
        assert notice.items == ["营业执照", "施工图审查合格书"] and not notice.flagged
        window.refresh_from_db()
        assert (window.status, window.completed_on) == ("completed", D(2026, 9, 24))
        assert case_events(case, mark) == [
            ("clock_complete", clerk.pk, "running", "completed"),
            ("case_request_correction", clerk.pk, "submitted", "correction"),
        ]

    with on(D(2026, 9, 29)):
        mark = last_event_id()
        services.case_supply_materials(actor=citizen, case=case, files=[png("营业执照.png")])
        case.refresh_from_db()
        assert (case.status, case.materials_complete_on) == ("submitted", D(2026, 9, 29))
        assert case.materials.count() == 2
        window = Clock.objects.filter(
            owner_type="cases.case", owner_id=str(case.pk), purpose="approval.acceptance"
        ).latest("id")
        assert window.due_date == D(2026, 10, 12)
        assert case_events(case, mark) == [
            ("clock_start", citizen.pk, "", "running"),
            ("case_supply_materials", citizen.pk, "correction", "submitted"),
        ]

    # Acceptance: the clocks start; the review task opens for the lead department.
    with on(D(2026, 10, 9)):
        mark = last_event_id()
        services.case_accept(actor=clerk, case=case)
        case.refresh_from_db()
        assert (case.status, case.accepted_on, case.deemed_accepted) == (
            "accepted",
            D(2026, 10, 9),
            False,
        )
        assert clock(case, "approval.promised").due_date == D(2026, 11, 5)
        assert clock(case, "approval.legal").due_date == D(2026, 12, 10)
        review = case.tasks.get(stage_code="review")
        assert (review.status, review.department, review.due_on) == (
            "open",
            w.lead,
            D(2026, 10, 15),
        )
        assert case.tasks.get(stage_code="accept").completed_by == clerk
        assert case_events(case, mark) == [
            ("clock_complete", clerk.pk, "running", "completed"),
            ("clock_start", clerk.pk, "", "running"),  # legal
            ("clock_start", clerk.pk, "", "running"),  # promised
            ("case_accept", clerk.pk, "submitted", "accepted"),
        ]

    # Review by the lead department: the three co-reviews open at the same moment.
    with on(D(2026, 10, 13)):
        mark = last_event_id()
        services.task_complete(actor=reviewer, task=review, verdict="agree", opinion="材料齐全")
        co_tasks = list(case.tasks.filter(kind="co_review").order_by("stage_code"))
        assert [t.department for t in co_tasks] == w.co
        assert {(t.status, t.opened_on, t.due_on) for t in co_tasks} == {
            ("open", D(2026, 10, 13), D(2026, 10, 27))
        }
        case.refresh_from_db()
        assert case.status == "in_review"
        assert case_events(case, mark) == [("task_complete", reviewer.pk, "accepted", "in_review")]
        # The decision cannot come before the co-reviews.
        with pytest.raises(services.IllegalTransition):
            services.case_decide(actor=head, case=case, decision="approve")
        # Nor can a co-reviewer act on the lead's or another co-reviewer's task.
        with pytest.raises(services.NotPermitted):
            services.task_complete(actor=w.co_reviewers[0], task=co_tasks[1], verdict="agree")

    for day, task, person in zip(
        [D(2026, 10, 14), D(2026, 10, 16), D(2026, 10, 20)], co_tasks, w.co_reviewers, strict=True
    ):
        with on(day):
            mark = last_event_id()
            services.task_complete(actor=person, task=task, verdict="agree", opinion="同意")
            assert case_events(case, mark) == [("task_complete", person.pk, "", "")]
            task.refresh_from_db()
            assert (task.status, task.completed_on, task.completed_by) == ("done", day, person)
            with pytest.raises(services.Conflict):
                services.task_complete(actor=person, task=task, verdict="agree")

    decide = case.tasks.get(stage_code="decide")
    assert (decide.opened_on, decide.due_on) == (D(2026, 10, 20), D(2026, 11, 17))

    with on(D(2026, 10, 21)):
        mark = last_event_id()
        services.case_extend(actor=head, case=case, days=15, reason="需现场核查消防设施")
        assert clock(case, "approval.legal").due_date == D(2026, 12, 31)
        assert case_events(case, mark) == [
            ("clock_extend", head.pk, "", ""),
            ("case_extend", head.pk, "", ""),
        ]

    with on(D(2026, 10, 22)):
        mark = last_event_id()
        services.case_decide(actor=head, case=case, decision="approve", reason="符合法定条件")
        case.refresh_from_db()
        assert (case.status, case.decision, case.decided_on) == (
            "decided",
            "approve",
            D(2026, 10, 22),
        )
        legal = clock(case, "approval.legal")
        assert (legal.status, legal.completed_on) == ("completed", D(2026, 10, 22))
        assert clock(case, "approval.delivery").due_date == D(2026, 11, 5)
        assert case_events(case, mark) == [
            ("clock_complete", head.pk, "running", "completed"),
            ("clock_start", head.pk, "", "running"),
            ("case_decide", head.pk, "in_review", "decided"),
        ]

    with on(D(2026, 10, 23)):
        mark = last_event_id()
        with pytest.raises(services.ValidationError):  # the licence number is required
            services.case_deliver(actor=clerk, case=case, method="window")
        services.case_deliver(
            actor=clerk, case=case, method="window", licence_number="152531202610230101"
        )
        case.refresh_from_db()
        assert (case.status, case.delivered_on, case.completed_on) == (
            "completed",
            D(2026, 10, 23),
            D(2026, 10, 23),
        )
        promised = clock(case, "approval.promised")
        assert (promised.completed_on, promised.due_date) == (D(2026, 10, 23), D(2026, 11, 5))
        assert case_events(case, mark) == [
            ("clock_complete", clerk.pk, "running", "completed"),  # delivery
            ("case_deliver", clerk.pk, "decided", "delivered"),
            ("clock_complete", clerk.pk, "running", "completed"),  # promised
            ("case_complete", clerk.pk, "delivered", "completed"),
        ]
        assert not case.tasks.filter(status=Task.Status.OPEN).exists()

    with on(D(2026, 10, 26)):
        mark = last_event_id()
        rating = services.case_rate(actor=citizen, case=case, level=2, comment="等待时间太长")
        assert rating.follow_up_due == D(2026, 11, 16)
        assert clock(rating, "rating.follow_up").due_date == D(2026, 11, 16)
        assert case_events(case, mark) == [("case_rate", citizen.pk, "", "")]

    with on(D(2026, 10, 28)):
        mark = last_event_id()
        services.rating_follow_up(actor=head, rating=rating, answer="已约谈窗口，优化流程")
        rating.refresh_from_db()
        assert (rating.follow_up_on, rating.follow_up_by) == (D(2026, 10, 28), head)
        assert case_events(case, mark) == [("rating_follow_up", head.pk, "", "")]

    return case, rating

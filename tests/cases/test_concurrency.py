"""Two people acting on one case at the same moment, on a real database (SQLite or PostgreSQL)."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection, connections

from tests.cases.world import build_world, pdf
from zhengwu.cases import services
from zhengwu.cases.models import Task
from zhengwu.common.audit import audit_verify
from zhengwu.common.errors import Conflict
from zhengwu.common.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
D = datetime.date


def run_at_once(*actions):
    """Run the actions in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def worker(i, action):
        try:
            barrier.wait()
            results[i] = action()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture
def joint_case(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    w = build_world()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 10), tick=False):
        case = services.case_submit(
            actor=w.citizen, applicant=w.citizen, power=w.joint, idempotency_key="c", files=[pdf()]
        ).case
        services.case_accept(actor=w.clerk, case=case)
        services.task_complete(
            actor=w.reviewer, task=case.tasks.get(stage_code="review"), verdict="agree"
        )
    return w, case


def test_two_people_completing_the_same_task_exactly_one_succeeds(joint_case):
    w, case = joint_case
    task = case.tasks.get(stage_code="co1")
    colleague = type(w.co_reviewers[0]).objects.create_user(
        username="co1-colleague",
        kind="staff",
        department=w.co[0],
        password="Correct-horse-9",
    )
    colleague.groups.set(w.co_reviewers[0].groups.all())

    def complete(actor, opinion):
        return lambda: services.task_complete(
            actor=actor, task=Task.objects.get(pk=task.pk), verdict="agree", opinion=opinion
        )

    results = run_at_once(complete(w.co_reviewers[0], "甲"), complete(colleague, "乙"))
    successes = [r for r in results if isinstance(r, Task)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(successes) == 1 and len(conflicts) == 1, results
    assert "already been completed" in str(conflicts[0]) or conflicts[0].code == "conflict"
    task.refresh_from_db()
    assert task.status == "done" and task.opinion == successes[0].opinion
    assert (
        AuditEvent.objects.filter(action="task_complete", detail_json__contains="co1").count() == 1
    )
    assert audit_verify().ok


def test_the_last_two_co_reviews_at_once_open_the_decision_exactly_once(joint_case):
    w, case = joint_case
    co1, co2, co3 = (case.tasks.get(stage_code=c) for c in ("co1", "co2", "co3"))
    services.task_complete(actor=w.co_reviewers[0], task=co1, verdict="agree")

    def complete(actor, task):
        return lambda: services.task_complete(actor=actor, task=task, verdict="agree")

    results = run_at_once(complete(w.co_reviewers[1], co2), complete(w.co_reviewers[2], co3))
    assert all(isinstance(r, Task) for r in results), results
    # Neither update was lost: both opinions are in and the decision stage opened once.
    assert set(case.tasks.filter(kind="co_review").values_list("status", flat=True)) == {"done"}
    assert case.tasks.filter(stage_code="decide", status="open").count() == 1
    assert connection.vendor in {"sqlite", "postgresql"}

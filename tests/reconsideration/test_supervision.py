"""E-supervision over the registers: the seeded rules on the respondent's answer and on the
decision's due date, the links of the alerts, the sweep job in the full sweep."""

from __future__ import annotations

import datetime

import pytest

from tests.reconsideration.world import accept, on, register
from zhengwu.reconsideration import services
from zhengwu.supervision.links import attach_object_links
from zhengwu.supervision.models import Alert
from zhengwu.supervision.sweep import sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def open_alerts(code):
    return Alert.objects.filter(rule__code=code, status="open")


def test_the_respondents_answer_overdue_is_red_for_the_respondent(w):
    case = accept(w, register(w, received=D(2026, 9, 28)), day=D(2026, 9, 30))
    with on(D(2026, 10, 15)):
        services.case_send_to_respondent(actor=w.legal, case=case)  # answer due 29 October
    sweep(on=D(2026, 10, 29))
    assert not open_alerts("reconsideration_answer_overdue").exists()
    sweep(on=D(2026, 10, 30))
    alert = open_alerts("reconsideration_answer_overdue").get()
    assert (alert.department_id, alert.due_date) == (w.bureau.pk, D(2026, 10, 29))
    attach_object_links([alert])
    assert alert.object_link[1] == f"/reconsideration/office/{case.pk}/"


def test_the_decision_near_due_within_10_working_days(w):
    # Decision due Monday 30 November (60 days from 30 September). On Friday 13 November the
    # next 10 working days are 16–20 and 23–27 November: the due date lies beyond them. On
    # Monday 16 November they are 17–20, 23–27 and 30 November: the due date is the 10th.
    accept(w, register(w, received=D(2026, 9, 28)), day=D(2026, 9, 30))
    sweep(on=D(2026, 11, 13))
    assert not open_alerts("reconsideration_decision_near_due").exists()
    sweep(on=D(2026, 11, 16))
    assert open_alerts("reconsideration_decision_near_due").count() == 1


def test_the_full_sweep_deems_acceptance(w):
    case = register(w, received=D(2026, 9, 30))
    result = sweep(on=D(2026, 10, 14))
    assert result.jobs["reconsideration.sweep"] == 1
    case.refresh_from_db()
    assert case.deemed_accepted and case.accepted_on == D(2026, 10, 13)

"""The year's figures per kind, compared with counts worked out by hand.

2026 calendar: 1–7 October off, 8 and 10 (Saturday) October worked. Ordinal differences from
Wednesday 30 September: 9 Oct = 2 (8, 9), 13 Oct = 5 (8, 9, 10, 12, 13), 20 Oct = 10, 21 Oct = 11.
New Year 2026: 1–3 January off, Sunday 4 January worked, so from 31 December 2025 to 5 January
2026 is 2 working days.
"""

from __future__ import annotations

import datetime

import pytest

from tests.interaction.world import build_world, on, submit
from zhengwu.interaction import services, stats

pytestmark = pytest.mark.django_db
D = datetime.date


def routed(w, day, department, **fields):
    message = submit(w, day=day, **fields).message
    with on(max(day, D(2026, 10, 8)) if day.year == 2026 else day):
        services.message_route(actor=w.office, message=message, department=department)
    return message


def answer(w, message, day, actor):
    with on(day):
        services.message_answer(actor=actor, message=message, answer="答复如下。")


def publish(w, message, day):
    with on(day):
        services.message_publish(actor=w.office, message=message)


def test_the_figures_per_kind_match_the_hand_counts():
    w = build_world()
    sep30 = D(2026, 9, 30)
    # Complaints: A on time (10 days), B late (11 days) and published, C rejected,
    # G rerouted and answered on time (5 days).
    a = routed(w, sep30, w.housing)
    answer(w, a, D(2026, 10, 20), w.housing_reviewer)
    b = routed(w, sep30, w.housing)
    answer(w, b, D(2026, 10, 21), w.housing_reviewer)
    publish(w, b, D(2026, 10, 22))
    c = submit(w, day=D(2026, 10, 9)).message
    with on(D(2026, 10, 9)):
        services.message_reject(actor=w.office, message=c, reason="广告")
    g = routed(w, sep30, w.social)
    with on(D(2026, 10, 12)):
        services.message_reroute(actor=w.office, message=g, department=w.housing, reason="转办")
    answer(w, g, D(2026, 10, 13), w.housing_reviewer)
    # A consultation answered in 2 working days and published.
    d = routed(w, sep30, w.social, kind="consultation")
    answer(w, d, D(2026, 10, 9), w.social_reviewer)
    publish(w, d, D(2026, 10, 9))
    # A letter still open.
    routed(w, D(2026, 10, 12), w.housing, kind="mailbox")
    # A consultation of 2025, answered in 2026: it counts in 2025.
    e = submit(w, kind="consultation", day=D(2025, 12, 31)).message
    with on(D(2025, 12, 31)):
        services.message_route(actor=w.office, message=e, department=w.social)
    answer(w, e, D(2026, 1, 5), w.social_reviewer)

    figures = stats.annual_figures(2026)
    assert figures["complaint"] == {
        "received": 4,
        "rejected": 1,
        "answered": 3,
        "answered_on_time": 2,
        "published": 1,
        "on_time_rate": 66.7,
        "average_working_days": 8.7,  # (10 + 11 + 5) / 3
    }
    assert figures["consultation"] == {
        "received": 1,
        "rejected": 0,
        "answered": 1,
        "answered_on_time": 1,
        "published": 1,
        "on_time_rate": 100.0,
        "average_working_days": 2.0,
    }
    assert figures["mailbox"] == {
        "received": 1,
        "rejected": 0,
        "answered": 0,
        "answered_on_time": 0,
        "published": 0,
        "on_time_rate": None,
        "average_working_days": None,
    }
    assert figures["total"] == {
        "received": 6,
        "rejected": 1,
        "answered": 4,
        "answered_on_time": 3,
        "published": 2,
        "on_time_rate": 75.0,
        "average_working_days": 7.0,  # (10 + 11 + 5 + 2) / 4
    }
    last_year = stats.annual_figures(2025)
    assert (last_year["consultation"]["received"], last_year["consultation"]["answered"]) == (1, 1)
    assert last_year["consultation"]["average_working_days"] == 2.0
    assert last_year["total"]["received"] == 1
    assert stats.annual_figures(2026, division=w.county) == figures

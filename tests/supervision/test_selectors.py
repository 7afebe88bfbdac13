"""The supervision room's figures, compared with counts and numbers worked out by hand.

The cases are those of ``tests/cases/test_stats.py`` (its docstring has the table), all of the
housing bureau ("lead") except H (a township's own matter); March 2026:

- received by the lead: A B C D E J I (7); accepted: A B C D J (5); refused: E; completed:
  F C A B (4); with a deadline clock: A B C F, on time: A C F.
- completed *before* the due date of the deadline clock: A (promised 3-16, completed 3-06) and
  F (legal 3-25, completed 3-02); not B (late) nor C (instant, due and completed 3-04).
- working days from acceptance to completion: A 4, B 12, C 0, F 4 → 20 / 4 = 5.0; promised
  limit of the completed cases whose matter has one (A, B, F: 10) → 10.0.
- ratings given in March: A 5, C 4, B 2 → mean 11 / 3 = 3.7, satisfied 2 / 3 = 66.7 %.
- corrections (added here): D and I had correction requests → 2 / 7 = 28.6 %; refusals 1 / 7 =
  14.3 %.
"""

from __future__ import annotations

import datetime
import itertools

import pytest

from tests.cases.test_stats import Records
from zhengwu.cases.models import Case
from zhengwu.supervision.models import Alert, Rule
from zhengwu.supervision.selectors import (
    AlertFilters,
    alerts_live,
    case_colours,
    cases_matching,
    department_efficiency,
    monthly_trend,
    rank_efficiency,
)

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH = (D(2026, 3, 1), D(2026, 3, 31))
_keys = itertools.count(1)


@pytest.fixture
def r():
    return Records()


def alert(case, severity, raised, *, status="open", cleared=None, department=None, due=None):
    rule = Rule.objects.get(code="overdue" if severity == "red" else "near_due")
    return Alert.objects.create(
        rule=rule,
        severity=severity,
        key=f"test:{next(_keys)}",
        object_type="cases.case",
        object_id=str(case.pk) if case else "0",
        case=case,
        department=department or (case.department if case else None),
        due_date=due,
        raised_on=raised,
        status=status,
        cleared_on=cleared,
    )


def by_hand(cases, on):
    """The colour of each open case, worked out one by one in Python."""
    counts = {"red": 0, "yellow": 0, "green": 0}
    for case in cases:
        if case.status not in Case.OPEN_STATUSES:
            continue
        live = [
            a.severity
            for a in Alert.objects.filter(case=case)
            if a.raised_on <= on and (a.cleared_on is None or a.cleared_on > on)
        ]
        colour = "red" if "red" in live else "yellow" if "yellow" in live else "green"
        counts[colour] += 1
    return counts


def test_colour_counts_equal_a_direct_count(r, django_assert_num_queries):
    w = r.w
    k = r.case(w.simple.current, "online", None, D(2026, 3, 20), accepted=D(2026, 3, 23))
    m = r.case(w.simple.current, "online", None, D(2026, 3, 20), accepted=D(2026, 3, 23))
    n = r.case(w.simple.current, "online", None, D(2026, 3, 25))  # submitted, no alert
    alert(r.j, "red", D(2026, 3, 30))
    alert(r.j, "yellow", D(2026, 3, 26))
    alert(r.i, "yellow", D(2026, 4, 1))  # I: yellow only
    alert(k, "yellow", D(2026, 3, 25), status="cleared", cleared=D(2026, 4, 1))
    alert(k, "red", D(2026, 3, 25), status="resolved", cleared=D(2026, 3, 31))
    alert(m, "yellow", D(2026, 4, 3))  # raised after 2 April
    alert(r.a, "red", D(2026, 3, 5))  # A is completed: not counted
    alert(r.d, "yellow", D(2026, 3, 10))  # D is withdrawn: not counted
    on = D(2026, 4, 2)

    with django_assert_num_queries(1):
        colours = case_colours(None, on)

    # J red; I yellow; K (cleared, resolved), M (not yet raised) and N green.
    assert (colours.red, colours.yellow, colours.green) == (1, 1, 3)
    assert by_hand(Case.objects.all(), on) == {"red": 1, "yellow": 1, "green": 3}
    assert colours.total == Case.objects.filter(status__in=Case.OPEN_STATUSES).count() == 5
    # The next day M's warning is raised.
    later = case_colours(None, D(2026, 4, 3))
    assert (later.red, later.yellow, later.green) == (1, 2, 2)
    assert by_hand(Case.objects.all(), D(2026, 4, 3)) == {"red": 1, "yellow": 2, "green": 2}
    assert n.status == "submitted"


def test_colours_follow_the_filters(r):
    w = r.w
    alert(r.j, "red", D(2026, 3, 30))
    alert(r.i, "yellow", D(2026, 4, 1))
    on = D(2026, 4, 2)
    lead = case_colours(cases_matching(AlertFilters(department=w.lead.pk)), on)
    assert (lead.red, lead.yellow, lead.green) == (1, 1, 0)
    township = case_colours(cases_matching(AlertFilters(department=r.government.pk)), on)
    assert township.total == 0  # H is completed
    online = case_colours(cases_matching(AlertFilters(channel="online")), on)
    assert (online.red, online.yellow) == (1, 1)
    window = case_colours(cases_matching(AlertFilters(channel="county_window")), on)
    assert window.total == 0


def test_the_live_list_puts_red_first_then_the_earliest_due(r):
    w = r.w
    y_late = alert(r.i, "yellow", D(2026, 3, 20), due=D(2026, 3, 25))
    r_none = alert(r.j, "red", D(2026, 3, 10))
    y_early = alert(r.j, "yellow", D(2026, 3, 20), due=D(2026, 3, 18))
    r_due = alert(r.i, "red", D(2026, 3, 21), due=D(2026, 3, 20))
    alert(r.j, "red", D(2026, 3, 5), status="cleared", cleared=D(2026, 3, 6))  # not live
    co = alert(r.c, "yellow", D(2026, 3, 4), department=w.co[0], due=D(2026, 3, 1))
    h = alert(r.h, "red", D(2026, 3, 10), due=D(2026, 3, 9))

    assert list(alerts_live()) == [h, r_due, r_none, co, y_early, y_late]
    assert list(alerts_live(AlertFilters(department=w.co[0].pk))) == [co]
    assert list(alerts_live(AlertFilters(department=w.lead.pk))) == [r_due, r_none, y_early, y_late]
    assert list(alerts_live(AlertFilters(power=w.instant.pk))) == [co]
    assert list(alerts_live(AlertFilters(centre=r.hall.pk))) == [h]
    assert list(alerts_live(AlertFilters(channel="online"))) == [r_due, r_none, y_early, y_late]
    assert list(alerts_live(AlertFilters(severity="yellow", channel="online"))) == [
        y_early,
        y_late,
    ]


def test_department_efficiency_of_march(r):
    w = r.w
    Case.objects.filter(pk__in=[r.d.pk, r.i.pk]).update(correction_count=1)
    Case.objects.filter(pk=r.e.pk).update(correction_count=0)
    alert(r.b, "red", D(2026, 3, 10))
    alert(r.b, "red", D(2026, 3, 20))
    alert(r.j, "yellow", D(2026, 3, 15))
    alert(r.j, "yellow", D(2026, 2, 27))  # February: outside
    alert(r.a, "yellow", D(2026, 3, 12), department=w.co[0])  # the fire brigade, co-reviewing

    rows = {row.department: row for row in department_efficiency(*MARCH)}

    assert set(rows) == {w.lead, r.government, w.co[0]}
    lead = rows[w.lead]
    f = lead.figures
    assert (f.received, f.accepted, f.refused, f.completed) == (7, 5, 1, 4)
    assert (f.on_time, f.timed, f.on_time_rate) == (3, 4, 75.0)
    assert (lead.early, lead.early_rate) == (2, 50.0)
    assert (f.average_working_days, lead.average_promised_days) == (5.0, 10.0)
    assert (lead.corrected, lead.correction_rate, lead.refusal_rate) == (2, 28.6, 14.3)
    assert (f.rated, lead.average_rating, f.satisfaction_rate) == (3, 3.7, 66.7)
    assert (lead.red_alerts, lead.yellow_alerts) == (2, 1)
    assert (lead.red_per_100, lead.yellow_per_100) == (28.6, 14.3)

    township = rows[r.government]
    assert (township.figures.received, township.figures.completed) == (1, 1)
    assert (township.early_rate, township.average_promised_days) == (None, None)
    assert township.figures.average_working_days == 0.0

    fire = rows[w.co[0]]
    assert (fire.figures.received, fire.yellow_alerts, fire.yellow_per_100) == (0, 1, None)


def test_ranking_the_departments_best_first_with_nothing_to_count_last(r):
    w = r.w
    alert(r.b, "red", D(2026, 3, 10))
    alert(r.a, "yellow", D(2026, 3, 12), department=w.co[0])
    rows = department_efficiency(*MARCH)
    by_name = [row.department for row in rows]
    assert by_name == sorted(by_name, key=lambda d: (d.name, d.pk))
    # Working days: the township government (0.0) before the lead department (5.0); the fire
    # brigade completed nothing, so it has no average and comes last.
    ranked = [row.department for row in rank_efficiency(rows, "working_days")]
    assert ranked == [r.government, w.lead, w.co[0]]
    # On-time rate, higher first: only the lead department (75 %) has one; the others follow
    # by name.
    rates = {row.department: row.figures.on_time_rate for row in rows}
    assert rates == {w.lead: 75.0, r.government: None, w.co[0]: None}
    ranked = [row.department for row in rank_efficiency(rows, "on_time")]
    assert ranked[0] == w.lead
    assert ranked[1:] == sorted([r.government, w.co[0]], key=lambda d: d.name)
    # Red cards per 100 cases received, fewer first: the township 0, the lead 14.3.
    ranked = [row.department for row in rank_efficiency(rows, "red")]
    assert ranked == [r.government, w.lead, w.co[0]]
    assert rank_efficiency(rows, "nonsense") == rows


def test_monthly_trend(r):
    alert(r.b, "red", D(2026, 3, 10))
    alert(r.j, "yellow", D(2026, 3, 15))
    alert(r.j, "yellow", D(2026, 2, 27))
    months = {m.month: m for m in monthly_trend(2026)}
    assert len(months) == 12
    march, february, april = months[D(2026, 3, 1)], months[D(2026, 2, 1)], months[D(2026, 4, 1)]
    # March: accepted A B C D H J, completed F C A H B, of which B missed its deadline.
    assert (march.accepted, march.completed, march.late) == (6, 5, 1)
    assert (march.red_alerts, march.yellow_alerts) == (1, 1)
    assert (february.accepted, february.completed, february.yellow_alerts) == (1, 0, 1)
    assert (april.accepted, april.red_alerts) == (1, 0)  # I

"""``{% clock_card clock %}``: a clock's due date, state, days left and the counting rules."""

from django import template
from django.utils import timezone

from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.selectors import ClockState, clock_state_on

register = template.Library()


@register.inclusion_tag("workdays/partials/clock.html")
def clock_card(clock, on=None):
    on = on or timezone.localdate()
    state = clock_state_on(clock, on)
    calendar = get_calendar()
    days_left = days_over = 0
    if state == ClockState.RUNNING:
        days_left = calendar.workdays_between(on, clock.due_date)
    elif state == ClockState.OVERDUE:
        days_over = calendar.workdays_between(clock.due_date, on)
    return {
        "clock": clock,
        "state": state,
        "state_label": ClockState(state).label,
        "days_left": days_left,
        "days_over": days_over,
    }

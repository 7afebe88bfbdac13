"""``{% clock_card clock %}``: a clock's due date, state, days left and the counting rules."""

from django import template
from django.utils import timezone

from zhengwu.workdays.selectors import ClockState, clock_progress

register = template.Library()


@register.inclusion_tag("workdays/partials/clock.html")
def clock_card(clock, on=None):
    progress = clock_progress(clock, on or timezone.localdate())
    return {
        "clock": clock,
        "progress": progress,
        "state": progress.state,
        "state_label": ClockState(progress.state).label,
        "days_left": max(progress.working_days_left, 0),
        "days_over": max(-progress.working_days_left, 0),
    }

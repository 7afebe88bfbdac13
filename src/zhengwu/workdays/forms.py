from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.common.errors import DomainError
from zhengwu.workdays.counting import Counted, get_calendar
from zhengwu.workdays.models import Clock


class DeadlineForm(forms.Form):
    """Work out a deadline: a triggering date, a number of days and their kind."""

    start = forms.DateField(
        label=_("Triggering date"),
        help_text=_("The day of the event (e.g. the day the application was accepted)."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "invalid": _("Enter a date such as 2026-09-30."),
            "required": _("Enter the triggering date."),
        },
    )
    days = forms.IntegerField(
        label=_("Time limit (days)"),
        min_value=0,
        max_value=3650,
        error_messages={
            "invalid": _("Enter a whole number of days."),
            "required": _("Enter the number of days."),
            "min_value": _("The number of days cannot be negative."),
            "max_value": _("The number of days is too large."),
        },
    )
    day_kind = forms.ChoiceField(
        label=_("Kind of days"), choices=Clock.DayKind.choices, initial=Clock.DayKind.WORKING
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        calendar = get_calendar()
        try:
            if data["day_kind"] == Clock.DayKind.WORKING:
                counted = calendar.add_workdays(data["start"], data["days"])
            else:
                counted = calendar.add_calendar_days(data["start"], data["days"])
        except DomainError as exc:
            self.add_error("start", str(exc.message))
            return data
        data["result"] = counted
        return data

    @property
    def result(self) -> Counted | None:
        return self.cleaned_data.get("result") if self.is_bound and self.is_valid() else None

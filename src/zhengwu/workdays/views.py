"""The public working-day calendar and deadline calculator."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR

from zhengwu.workdays.forms import DeadlineForm
from zhengwu.workdays.models import CALENDAR_START
from zhengwu.workdays.schedule import CALENDAR_END
from zhengwu.workdays.selectors import calendar_status, year_grid


def calendar_page(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        raise Http404 from None
    if not CALENDAR_START.year <= year <= CALENDAR_END.year:
        raise Http404
    form = DeadlineForm(request.GET if "start" in request.GET else None)
    status = calendar_status()
    return render(
        request,
        "workdays/calendar.html",
        {
            "year": year,
            "years": range(CALENDAR_START.year, CALENDAR_END.year + 1),
            "months": year_grid(year),
            "status": status,
            "provisional": year in status.provisional_years,
            "form": form,
            "result": form.result if form.is_bound else None,
            "today": today,
            "weekdays": [WEEKDAYS_ABBR[d] for d in range(7)],
        },
    )

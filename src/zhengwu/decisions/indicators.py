"""The assessment indicator computed from decisions: the share of implementation reports an
undertaking department made on time (``decisions_reports_on_time``)."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _


def reports_on_time(division, year: int) -> dict[int, float | None]:
    """Per undertaking department: follow-up clocks of the county's decisions completed in
    ``year`` on or before their due date, in percent of those completed in the year."""
    from zhengwu.decisions.figures import rate
    from zhengwu.decisions.services import FOLLOW_UP
    from zhengwu.workdays.models import Clock

    rows = (
        Clock.objects.filter(purpose=FOLLOW_UP, division=division, completed_on__year=year)
        .exclude(department__isnull=True)
        .order_by()
        .values("department_id")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(completed_on__lte=F("due_date"))))
    )
    return {r["department_id"]: rate(r["on_time"], r["n"]) for r in rows}


def register() -> None:
    from zhengwu.assessment.indicators import register_indicator

    register_indicator(
        "decisions_reports_on_time",
        _("major decisions: implementation reports made on time"),
        reports_on_time,
        description=str(reports_on_time.__doc__ or "").strip(),
    )

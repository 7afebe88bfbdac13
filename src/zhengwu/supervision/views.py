"""Pages of the electronic supervision room (电子监察室).

Supervisors only: the dashboard (green/yellow/red counts, the live list of alerts with its
filters, the department efficiency table, monthly trends, XLSX exports), the alert page (issue a
supervision notice, resolve the alert) and every notice (close, escalate). A department's head
and reviewers see their own department's notices and reply to them.

As on the case pages, every action is a plain form POST (POST, then redirect); with htmx the view
answers with the part of the page the action changed. Errors come back field by field with what
was typed kept; ``NotPermitted`` becomes a 403, ``Conflict`` the message that someone else
already did it.
"""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengwu.cases import stats
from zhengwu.cases.selectors import cases_visible_to
from zhengwu.cases.views import Outcome, forbidden, is_htmx, run_service, staff_required
from zhengwu.common.errors import NotPermitted
from zhengwu.org.models import Department
from zhengwu.supervision import export, services
from zhengwu.supervision.forms import (
    AlertResolveForm,
    CaseNoticeForm,
    FilterForm,
    NoticeCloseForm,
    NoticeEscalateForm,
    NoticeIssueForm,
    NoticeReplyForm,
)
from zhengwu.supervision.links import attach_object_links
from zhengwu.supervision.models import Alert, SupervisionNotice
from zhengwu.supervision.selectors import (
    RANKINGS,
    alerts_live,
    answers_for_department,
    case_colours,
    cases_matching,
    department_efficiency,
    monthly_trend,
    notices_visible_to,
    rank_efficiency,
)
from zhengwu.workdays.counting import get_calendar

PER_PAGE = 20
WALL_REFRESH_SECONDS = 60


def supervisor_required(view):
    @wraps(view)
    @staff_required
    def wrapped(request, *args, **kwargs):
        if not services.is_supervisor(request.user):
            return forbidden(request, NotPermitted(_("These pages are for supervisors.")))
        return view(request, *args, **kwargs)

    return wrapped


def _conflict() -> str:
    return _("Someone else has already done this. The page now shows it as it stands.")


def _case_for_supervisor(request, number: str):
    return get_object_or_404(
        cases_visible_to(request.user).select_related("department", "power_version"),
        number=number,
    )


@supervisor_required
def case_notice(request, number: str):
    """Issue a supervision notice on a case that has no alert (a complaint, an inspection)."""
    case = _case_for_supervisor(request, number)
    form = CaseNoticeForm(
        request.POST or None, case=case, initial={"department": case.department_id}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        issued = []

        def call():
            issued.append(
                services.notice_issue(
                    actor=request.user,
                    case=case,
                    department=data["department"],
                    content=data["content"],
                    reply_days=data["reply_days"],
                )
            )

        try:
            outcome = run_service(form, None, call)
        except NotPermitted as error:
            return forbidden(request, error)
        if outcome == Outcome.DONE:
            messages.success(
                request,
                _("Supervision notice %(number)s has been issued to %(dept)s.")
                % {"number": issued[0].number, "dept": issued[0].department.name},
            )
            return redirect("supervision:notice", pk=issued[0].pk)
    return render(
        request,
        "supervision/case_notice.html",
        {
            "case": case,
            "form": form,
            "notices": case.notices.select_related("department").order_by("-id"),
        },
        status=400 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------------------------------------
# The dashboard
# ---------------------------------------------------------------------------------------------


def _trend_chart(trend) -> dict:
    """The monthly trend as the charts read it (supervision.js)."""
    return {
        "months": [m.month.strftime("%Y-%m") for m in trend],
        "cases": [
            {"name": _("Accepted"), "data": [m.accepted for m in trend]},
            {"name": _("Completed"), "data": [m.completed for m in trend]},
            {"name": _("Completed late"), "data": [m.late for m in trend]},
        ],
        "alerts": [
            {"name": _("red card"), "severity": "red", "data": [m.red_alerts for m in trend]},
            {
                "name": _("yellow card"),
                "severity": "yellow",
                "data": [m.yellow_alerts for m in trend],
            },
        ],
    }


@supervisor_required
def dashboard(request):
    form = FilterForm(request.GET)
    filters = form.filters()
    today = timezone.localdate()
    colours = case_colours(cases_matching(filters, cases_visible_to(request.user)), today)
    page = Paginator(alerts_live(filters), PER_PAGE).get_page(request.GET.get("page"))
    attach_object_links(page.object_list)
    calendar = get_calendar()  # once: each read checks its version
    for alert in page.object_list:
        alert.days_left = (
            calendar.workdays_between(today, alert.due_date) if alert.due_date else None
        )
        alert.days_over = -alert.days_left if alert.days_left is not None else 0
    context = {
        "form": form,
        "filters": filters,
        "query": filters.as_query(),
        "colours": colours,
        "page_obj": page,
        "today": today,
        "wall": request.GET.get("wall") == "1",
        "refresh_seconds": WALL_REFRESH_SECONDS,
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "live":
        return render(request, "supervision/partials/live.html", context)
    year = form.chosen_year()
    start, end = stats.year_period(year)
    trend = monthly_trend(year)
    rank = request.GET.get("rank", "")
    rank = rank if rank in RANKINGS else ""
    context.update(
        {
            "year": year,
            "start": start,
            "end": end,
            "efficiency": rank_efficiency(department_efficiency(start, end), rank),
            "rank": rank,
            "trend": trend,
            "trend_chart": _trend_chart(trend),
        }
    )
    return render(request, "supervision/dashboard.html", context)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=export.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@supervisor_required
def export_alerts(request):
    filters = FilterForm(request.GET).filters()
    today = timezone.localdate()
    alerts = alerts_live(filters).iterator(chunk_size=2000)
    return _xlsx(export.alerts_xlsx(alerts), f"alerts-{today.isoformat()}.xlsx")


@supervisor_required
def export_efficiency(request):
    year = FilterForm(request.GET).chosen_year()
    start, end = stats.year_period(year)
    content = export.efficiency_xlsx(department_efficiency(start, end), start, end)
    return _xlsx(content, f"efficiency-{year}.xlsx")


# ---------------------------------------------------------------------------------------------
# An alert
# ---------------------------------------------------------------------------------------------


def _alert(pk: int) -> Alert:
    return get_object_or_404(
        Alert.objects.select_related(
            "rule",
            "department",
            "resolved_by",
            "case__power_version",
            "case__department",
            "case__handling_centre",
        ),
        pk=pk,
    )


def _alert_context(alert: Alert, *, bound=None, notice=None) -> dict:
    forms = {}
    if alert.status == Alert.Status.OPEN:
        forms = {
            "notice": NoticeIssueForm(prefix="notice"),
            "resolve": AlertResolveForm(prefix="resolve"),
        }
    forms.update(bound or {})
    return {
        "alert": alert,
        "notices": list(alert.notices.select_related("department").order_by("-id")),
        "forms": forms,
        "notice": notice,
        "today": timezone.localdate(),
    }


@supervisor_required
def alert_page(request, pk: int):
    return render(request, "supervision/alert.html", _alert_context(_alert(pk)))


@supervisor_required
@require_POST
def alert_action(request, pk: int, action: str):
    alert = _alert(pk)
    if action == "notice":
        form = NoticeIssueForm(request.POST, prefix="notice")
    elif action == "resolve":
        form = AlertResolveForm(request.POST, prefix="resolve")
    else:
        raise Http404
    outcome, message, issued = Outcome.INVALID, "", None
    if form.is_valid():
        data = form.cleaned_data

        def call():
            nonlocal message, issued
            if action == "notice":
                issued = services.notice_issue(
                    actor=request.user,
                    alert=alert,
                    content=data["content"],
                    reply_days=data["reply_days"],
                )
                message = _("Supervision notice %(number)s has been issued to %(dept)s.") % {
                    "number": issued.number,
                    "dept": issued.department.name,
                }
            else:
                services.alert_resolve(actor=request.user, alert=alert, note=data["note"])
                message = _("The alert is resolved.")

        try:
            outcome = run_service(form, None, call)
        except NotPermitted as error:
            return forbidden(request, error)
    if outcome == Outcome.CONFLICT:
        message = _conflict()
    bound = {action: form} if outcome == Outcome.INVALID else None
    if is_htmx(request):
        notice = (outcome, message) if outcome != Outcome.INVALID else None
        context = _alert_context(_alert(pk), bound=bound, notice=notice)
        context["issued"] = issued
        return render(request, "supervision/partials/alert_live.html", context)
    if outcome == Outcome.INVALID:
        return render(request, "supervision/alert.html", _alert_context(alert, bound=bound))
    (messages.success if outcome == Outcome.DONE else messages.warning)(request, message)
    if issued is not None:
        return redirect("supervision:notice", pk=issued.pk)
    return redirect("supervision:alert", pk=alert.pk)


# ---------------------------------------------------------------------------------------------
# Supervision notices
# ---------------------------------------------------------------------------------------------


@staff_required
def notice_list(request):
    user = request.user
    if not (services.is_supervisor(user) or answers_for_department(user)):
        return forbidden(
            request,
            NotPermitted(_("Supervision notices are seen by supervisors and the departments.")),
        )
    notices = notices_visible_to(user).order_by("-issued_on", "-id")
    query = {}
    status = request.GET.get("status", "")
    if status in SupervisionNotice.Status.values:
        notices = notices.filter(status=status)
        query["status"] = status
    departments = Department.objects.filter(
        pk__in=notices_visible_to(user).order_by().values("department_id")
    ).order_by("code")
    department = request.GET.get("department", "")
    if department.isdigit() and departments.filter(pk=department).exists():
        notices = notices.filter(department_id=department)
        query["department"] = department
    else:
        department = ""
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/notices.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": SupervisionNotice.Status.choices,
            "department": department,
            "departments": departments if services.is_supervisor(user) else [],
            "is_supervisor": services.is_supervisor(user),
            "query": query,
            "today": timezone.localdate(),
        },
    )


ACTION_FORMS = {
    "reply": NoticeReplyForm,
    "close": NoticeCloseForm,
    "escalate": NoticeEscalateForm,
}


def _may_see(user, notice: SupervisionNotice) -> bool:
    return services.is_supervisor(user) or services.may_reply(user, notice)


def _may_try(user, notice: SupervisionNotice, action: str) -> bool:
    if action == "reply":
        return services.may_reply(user, notice)
    return services.is_supervisor(user)


def _available(user, notice: SupervisionNotice) -> list[str]:
    """The actions ``user`` may take on the notice as it stands."""
    status, s = notice.status, SupervisionNotice.Status
    actions = []
    if services.may_reply(user, notice) and status in (s.ISSUED, s.ESCALATED):
        actions.append("reply")
    if services.is_supervisor(user):
        if status == s.REPLIED or (status == s.ESCALATED and notice.replied_on):
            actions.append("close")
        if status in (s.ISSUED, s.REPLIED):
            actions.append("escalate")
    return actions


def _notice(pk: int) -> SupervisionNotice:
    return get_object_or_404(
        SupervisionNotice.objects.select_related(
            "department", "case", "alert__rule", "issued_by", "replied_by"
        ),
        pk=pk,
    )


def _days_left(due: datetime.date, today: datetime.date) -> int:
    return get_calendar().workdays_between(today, due)


def _notice_context(user, notice: SupervisionNotice, *, bound=None, notice_msg=None) -> dict:
    today = timezone.localdate()
    forms = {a: ACTION_FORMS[a](prefix=a) for a in _available(user, notice)}
    forms.update(bound or {})
    waiting = notice.status in (
        SupervisionNotice.Status.ISSUED,
        SupervisionNotice.Status.ESCALATED,
    )
    days_left = _days_left(notice.reply_due, today) if waiting else None
    return {
        "n": notice,
        "forms": forms,
        "notice": notice_msg,
        "today": today,
        "days_left": days_left,
        "days_over": -days_left if days_left is not None and days_left < 0 else 0,
        "is_supervisor": services.is_supervisor(user),
    }


@staff_required
def notice_page(request, pk: int):
    notice = _notice(pk)
    if not _may_see(request.user, notice):
        return forbidden(
            request,
            NotPermitted(
                _("This notice is for %(dept)s and the supervisors.")
                % {"dept": notice.department.name}
            ),
        )
    return render(request, "supervision/notice.html", _notice_context(request.user, notice))


@staff_required
@require_POST
def notice_action(request, pk: int, action: str):
    if action not in ACTION_FORMS:
        raise Http404
    notice = _notice(pk)
    if not _may_try(request.user, notice, action):
        if action == "reply":
            error = NotPermitted(
                _("The notice is answered by %(dept)s.") % {"dept": notice.department.name}
            )
        else:
            error = NotPermitted(_("Only a supervisor may do this."))
        return forbidden(request, error)
    form = ACTION_FORMS[action](request.POST, prefix=action)
    outcome = Outcome.INVALID
    messages_done = {
        "reply": _("Your reply to notice %(number)s is recorded."),
        "close": _("Notice %(number)s is closed."),
        "escalate": _("Notice %(number)s has been escalated."),
    }
    if form.is_valid():
        data, user = form.cleaned_data, request.user

        def call():
            if action == "reply":
                services.notice_reply(actor=user, notice=notice, reply=data["reply"])
            elif action == "close":
                services.notice_close(actor=user, notice=notice, conclusion=data["conclusion"])
            else:
                services.notice_escalate(
                    actor=user, notice=notice, to=data["to"], reason=data["reason"]
                )

        try:
            outcome = run_service(form, None, call)
        except NotPermitted as error:
            return forbidden(request, error)
    message = messages_done[action] % {"number": notice.number}
    if outcome == Outcome.CONFLICT:
        message = _conflict()
    bound = {action: form} if outcome == Outcome.INVALID else None
    if is_htmx(request):
        note = (outcome, message) if outcome != Outcome.INVALID else None
        context = _notice_context(request.user, _notice(pk), bound=bound, notice_msg=note)
        return render(request, "supervision/partials/notice_live.html", context)
    if outcome == Outcome.INVALID:
        context = _notice_context(request.user, notice, bound=bound)
        return render(request, "supervision/notice.html", context)
    (messages.success if outcome == Outcome.DONE else messages.warning)(request, message)
    return redirect(reverse("supervision:notice", kwargs={"pk": notice.pk}))

"""Pages of the dispute register (staff only: the township staff see their township's, the
legal-affairs office, supervisors and administrators the county's).

The register with filters (township, type, outcome, sweep, month found, risk) and its XLSX
export; a new dispute; the dispute page (summary, parties with masked contacts, clocks,
sessions, outcome, follow-up visits, timeline and the forms of the actions the user may take);
the sweeps and one sweep's figures; the year's figures. Every read goes through ``selectors``;
every change through one service.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengwu.common import views as common_views
from zhengwu.common.errors import NotPermitted
from zhengwu.common.xlsx import xlsx_response
from zhengwu.disputes import forms, rules, selectors, services
from zhengwu.disputes.figures import annual_figures, campaign_figures
from zhengwu.disputes.models import (
    OPEN_STATUSES,
    Dispute,
    DisputeStatus,
    DisputeType,
    RiskLevel,
    SweepCampaign,
)
from zhengwu.org.models import Division

PER_PAGE = 20
S = DisputeStatus
CLOCK_LABELS = {
    services.MEDIATION: gettext_lazy("Mediation time limit"),
    services.REPORT: gettext_lazy("Report to the county"),
}
ACTION_LABELS = {
    "accept": gettext_lazy("Accept for mediation"),
    "session": gettext_lazy("Record a mediation session"),
    "extend": gettext_lazy("More time agreed by the parties"),
    "risk": gettext_lazy("Re-assess the risk"),
    "report": gettext_lazy("Record the report to the county"),
    "succeed": gettext_lazy("Mediated successfully"),
    "fail": gettext_lazy("Mediation failed"),
    "refer": gettext_lazy("Refer to another body"),
    "followup": gettext_lazy("Record a follow-up visit"),
}
TIMELINE_LABELS = {
    "dispute_register": gettext_lazy("Registered"),
    "dispute_accept": gettext_lazy("Accepted for mediation"),
    "dispute_extend": gettext_lazy("More time agreed by the parties"),
    "dispute_set_risk": gettext_lazy("Risk re-assessed"),
    "dispute_report": gettext_lazy("Reported to the county"),
    "session_record": gettext_lazy("Mediation session"),
    "dispute_succeed": gettext_lazy("Mediated successfully"),
    "dispute_fail": gettext_lazy("Mediation failed"),
    "dispute_refer": gettext_lazy("Referred"),
    "followup_record": gettext_lazy("Follow-up visit"),
}
FORM_CLASSES = {
    "accept": forms.DayForm, "session": forms.SessionForm, "extend": forms.ExtendForm,
    "risk": forms.RiskForm, "report": forms.ReportForm, "succeed": forms.SucceedForm,
    "fail": forms.FailForm, "refer": forms.ReferForm, "followup": forms.FollowUpForm,
}  # fmt: skip
FIELDS_FOR_CODES = {"future_date": "on", "invalid_date": "on",
                    "extension_exceeds_limit": "days"}  # fmt: skip


staff_required = common_views.staff_required(("org.use_workbench", "disputes.view_register"))


run_service = partial(common_views.form_run_service, fields_for_codes=FIELDS_FOR_CODES)


def _townships(user):
    county = rules.county_of(user)
    if county is None:
        return Division.objects.none()
    townships = Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP)
    own = rules.township_of(user)
    if not rules.sees_everything(user):
        townships = townships.filter(pk=own.pk) if own else townships.none()
    return townships.order_by("code")


# ---------------------------------------------------------------------------------------------
# The register
# ---------------------------------------------------------------------------------------------


def _filtered(request):
    disputes = selectors.disputes_visible_to(request.user)
    get = request.GET
    filters = {
        key: get.get(key, "").strip()
        for key in ("township", "type", "outcome", "campaign", "month", "risk", "q")
    }
    if filters["township"].isdigit():
        disputes = disputes.filter(township_id=int(filters["township"]))
    if filters["type"] in DisputeType.values:
        disputes = disputes.filter(dispute_type=filters["type"])
    if filters["outcome"] == "open":
        disputes = disputes.filter(status__in=OPEN_STATUSES)
    elif filters["outcome"] in S.values:
        disputes = disputes.filter(status=filters["outcome"])
    if filters["campaign"].isdigit():
        disputes = disputes.filter(campaign_id=int(filters["campaign"]))
    if filters["risk"] in RiskLevel.values:
        disputes = disputes.filter(risk_level=filters["risk"])
    month = _month(filters["month"])
    if month:
        disputes = disputes.filter(found_on__year=month.year, found_on__month=month.month)
    else:
        filters["month"] = ""
    if filters["q"]:
        disputes = disputes.filter(
            Q(number__icontains=filters["q"]) | Q(summary__icontains=filters["q"])
            | Q(parties__name__icontains=filters["q"])
        ).distinct()  # fmt: skip
    return disputes.order_by("-found_on", "-pk"), filters


def _month(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(f"{value}-01") if value else None
    except ValueError:
        return None


@staff_required
def register(request):
    disputes, filters = _filtered(request)
    today = timezone.localdate()
    page = Paginator(disputes, PER_PAGE).get_page(request.GET.get("page"))
    visible = selectors.disputes_visible_to(request.user)
    return render(request, "disputes/register.html", {
        "page_obj": page, "filters": filters, "townships": _townships(request.user),
        "types": DisputeType.choices, "outcomes": S.choices, "risks": RiskLevel.choices,
        "campaigns": selectors.campaigns_visible_to(request.user),
        "overdue": selectors.disputes_overdue(visible, today),
        "today": today,
        "can_register": _townships(request.user).exists() and (
            rules.township_of(request.user) is not None
            or rules.is_legal_office_of(request.user, rules.county_of(request.user))),
    })  # fmt: skip


@staff_required
def register_export(request):
    from zhengwu.disputes.export import register_workbook

    disputes, _filters = _filtered(request)
    return xlsx_response(register_workbook(disputes), "disputes.xlsx")


@staff_required
def dispute_new(request):
    townships = _townships(request.user)
    handled = [t for t in townships if rules.may_handle_in(request.user, t)]
    if not handled:
        return common_views.forbidden(request)
    townships = townships.filter(pk__in=[t.pk for t in handled])
    county = rules.county_of(request.user)
    form = forms.RegisterForm(
        request.POST or None,
        townships=townships,
        villages=Division.objects.filter(parent__in=townships).order_by("code"),
        campaigns=SweepCampaign.objects.filter(division=county),
        initial={"found_on": timezone.localdate(), "accepted_on": timezone.localdate(),
                 "township": handled[0].pk if len(handled) == 1 else None},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        created = {}

        def call():
            created["dispute"] = services.dispute_register(
                actor=request.user, **form.service_kwargs()
            )

        try:
            ok = run_service(form, call)
        except NotPermitted as error:
            return common_views.forbidden(request, error.message)
        if ok:
            messages.success(request, _("The dispute is registered."))
            return redirect("disputes:dispute", pk=created["dispute"].pk)
    return render(request, "disputes/dispute_new.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# One dispute
# ---------------------------------------------------------------------------------------------


def _visible(request, pk: int) -> Dispute:
    return get_object_or_404(
        selectors.disputes_visible_to(request.user).select_related("division"), pk=pk
    )


def _available_forms(user, dispute: Dispute) -> dict:
    available: dict[str, object] = {}
    if not rules.may_handle(user, dispute):
        return available
    status = dispute.status
    if status == S.REGISTERED:
        available["accept"] = forms.DayForm(prefix="accept")
    if status == S.MEDIATING:
        available["session"] = forms.SessionForm(
            prefix="session", initial={"held_on": timezone.localdate(),
                                       "place": dispute.mediating_body})  # fmt: skip
        available["succeed"] = forms.SucceedForm(prefix="succeed")
        available["fail"] = forms.FailForm(prefix="fail")
        available["extend"] = forms.ExtendForm(prefix="extend")
    if status in OPEN_STATUSES:
        available["refer"] = forms.ReferForm(prefix="refer")
        available["risk"] = forms.RiskForm(prefix="risk",
                                           initial={"risk_level": dispute.risk_level})  # fmt: skip
    if dispute.reported_on is None and any(
        c.purpose == services.REPORT and c.status != "completed"
        for c in selectors.dispute_clocks(dispute)
    ):
        available["report"] = forms.ReportForm(prefix="report")
    if status == S.SUCCEEDED:
        initial = {"visited_by": dispute.mediator}
        available["followup"] = forms.FollowUpForm(prefix="followup", initial=initial)
    return available


def _dispute_context(request, dispute, bound: dict | None = None) -> dict:
    available = _available_forms(request.user, dispute)
    available.update(bound or {})
    return {
        "dispute": dispute,
        "forms": [(action, ACTION_LABELS[action], form) for action, form in available.items()],
        "clocks": [{"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)}
                   for c in selectors.dispute_clocks(dispute)],
        "parties": list(dispute.parties.all()),
        "sessions": list(dispute.sessions.all()),
        "visits": list(dispute.visits.all()),
        "timeline": [
            {"entry": e, "label": TIMELINE_LABELS.get(e.action, e.action),
             "to": S(e.to_state).label if e.to_state in S.values else "",
             "on": common_views.iso_day(e.detail.get("on") or e.detail.get("found_on"))}
            for e in selectors.dispute_timeline(dispute)
        ],
        "today": timezone.localdate(),
    }  # fmt: skip


@staff_required
def dispute(request, pk: int):
    return render(
        request, "disputes/dispute.html", _dispute_context(request, _visible(request, pk))
    )


def _action_call(action, request, dispute, form):
    data, user = form.cleaned_data, request.user
    on = data.get("on")
    calls = {
        "accept": lambda: services.dispute_accept(actor=user, dispute=dispute, on=on),
        "session": lambda: services.session_record(
            actor=user, dispute=dispute, held_on=data["held_on"], place=data["place"],
            participants=data["participants"], record=data["record"]),
        "extend": lambda: services.dispute_extend(
            actor=user, dispute=dispute, days=data["days"], reason=data["reason"], on=on),
        "risk": lambda: services.dispute_set_risk(
            actor=user, dispute=dispute, risk_level=data["risk_level"], reason=data["reason"],
            on=on),
        "report": lambda: services.dispute_report(
            actor=user, dispute=dispute, note=data["note"], on=on),
        "succeed": lambda: services.dispute_succeed(
            actor=user, dispute=dispute, agreement_form=data["agreement_form"],
            agreement_text=data["agreement_text"], agreement_amount=data["agreement_amount"],
            on=on),
        "fail": lambda: services.dispute_fail(
            actor=user, dispute=dispute, advice=data["advice"], note=data["note"], on=on),
        "refer": lambda: services.dispute_refer(
            actor=user, dispute=dispute, referred_to_kind=data["referred_to_kind"],
            referred_to=data["referred_to"], note=data["note"], on=on),
        "followup": lambda: services.followup_record(
            actor=user, dispute=dispute, visited_by=data["visited_by"],
            agreement_kept=data["agreement_kept"], note=data["note"], on=on),
    }  # fmt: skip
    return calls[action]


@staff_required
def dispute_action(request, pk: int, action: str):
    if request.method != "POST" or action not in FORM_CLASSES:
        raise Http404
    dispute = _visible(request, pk)
    form = FORM_CLASSES[action](request.POST, prefix=action)
    try:
        ok = form.is_valid() and run_service(form, _action_call(action, request, dispute, form))
    except NotPermitted as error:
        return common_views.forbidden(request, error.message)
    return common_views.action_response(
        request, ok, form=form, label=ACTION_LABELS[action],
        detail_url=reverse("disputes:dispute", args=[dispute.pk]),
        action_url=reverse("disputes:dispute_action", args=[dispute.pk, action]),
        origin="dispute",
        rerender=lambda: render(request, "disputes/dispute.html",
                                _dispute_context(request, _visible(request, pk), {action: form}),
                                status=422),
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Sweeps and figures
# ---------------------------------------------------------------------------------------------


@staff_required
def campaigns(request):
    county = rules.county_of(request.user)
    organiser = rules.is_legal_office_of(request.user, county)
    form = forms.CampaignForm(request.POST or None, prefix="campaign")
    if request.method == "POST":
        if not organiser:
            return common_views.forbidden(request)
        if form.is_valid():
            created = {}

            def call():
                created["campaign"] = services.campaign_create(
                    actor=request.user, organiser=request.user.department, **form.cleaned_data
                )

            if run_service(form, call):
                messages.success(request, _("The sweep is recorded."))
                return redirect("disputes:campaign", pk=created["campaign"].pk)
    listing = selectors.campaigns_visible_to(request.user).order_by("-started_on", "-pk")
    return render(request, "disputes/campaigns.html", {
        "campaigns": listing, "form": form if organiser else None,
    })  # fmt: skip


@staff_required
def campaign(request, pk: int):
    found = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    disputes = selectors.disputes_visible_to(request.user).filter(campaign=found)
    page = Paginator(disputes.order_by("-found_on", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "disputes/campaign.html", {
        "campaign": found, "figures": campaign_figures(found), "page_obj": page,
    })  # fmt: skip


@staff_required
def figures_page(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    township = rules.township_of(request.user)
    division = rules.county_of(request.user) if rules.sees_everything(request.user) else township
    if division is None:
        raise Http404
    return render(request, "disputes/figures.html", {
        "figures": annual_figures(division, year), "year": year, "division": division,
        "years": range(today.year, 2009, -1),
    })  # fmt: skip

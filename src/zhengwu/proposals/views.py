"""Pages of the proposals register.

The public (portal, ``/proposals/``): the replies whose publication the office approved, with
the proposers' names and nothing else about them. The staff (workbench): the register with its
filters and the XLSX export, the sessions, a new proposal, the proposal page (summary,
proposers, assignments and opinions, replies and feedback, clocks, timeline, and the forms of the
actions the user may take). Every read goes through ``selectors``; every change through one
service. A proposal the user may not see is a 404.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.common.errors import NotPermitted
from zhengwu.common.views import (
    action_response,
    forbidden,
    form_run_service,
    iso_day,
    staff_required,
)
from zhengwu.common.xlsx import xlsx_response
from zhengwu.org.models import Department
from zhengwu.org.selectors import home_county
from zhengwu.proposals import forms, rules, selectors, services
from zhengwu.proposals.models import (
    Assignment,
    Classification,
    Kind,
    Proposal,
    Reply,
    Satisfaction,
    Session,
    Status,
)

PER_PAGE = 20
S = Status
A = Assignment
CLOCK_LABELS = {
    services.REPLY: gettext_lazy("Reply to the proposer"),
    services.COHANDLING: gettext_lazy("Co-handling opinion"),
}
ACTION_LABELS = {
    "assign": gettext_lazy("Assign to departments"),
    "decline": gettext_lazy("Ask to be relieved"),
    "reassign": gettext_lazy("Reassign to another department"),
    "keep": gettext_lazy("Refuse the decline"),
    "opinion": gettext_lazy("Send the co-handling opinion"),
    "reply": gettext_lazy("Record the reply"),
    "feedback": gettext_lazy("Record the proposer's feedback"),
    "rehandle": gettext_lazy("Handle again"),
    "close": pgettext_lazy("proposal", "Close"),
    "publish": gettext_lazy("Approve publication of the reply"),
}
FIELDS_FOR_CODES = {"future_date": "on", "decline_window_passed": "on"}
TIMELINE_LABELS = {
    "proposal_register": gettext_lazy("Registered"),
    "proposal_assign": gettext_lazy("Assigned"),
    "assignment_decline": gettext_lazy("Asked to be relieved"),
    "assignment_reassign": gettext_lazy("Reassigned"),
    "assignment_keep": gettext_lazy("Decline refused"),
    "assignment_give_opinion": gettext_lazy("Co-handling opinion sent"),
    "proposal_reply": gettext_lazy("Replied"),
    "proposal_record_feedback": gettext_lazy("Feedback recorded"),
    "proposal_rehandle": gettext_lazy("Handled again"),
    "proposal_close": pgettext_lazy("proposal", "Closed"),
    "proposal_publish_reply": gettext_lazy("Reply published"),
}


run_service = partial(form_run_service, fields_for_codes=FIELDS_FOR_CODES)


def _departments(county):
    return Department.objects.filter(division=county, is_active=True).order_by("code")


# ---------------------------------------------------------------------------------------------
# The public
# ---------------------------------------------------------------------------------------------


def public_list(request):
    county = home_county()
    replies = selectors.replies_public(county) if county else Reply.objects.none()
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        replies = replies.filter(proposal__kind=kind)
    year = request.GET.get("year", "")
    if year.isdigit():
        replies = replies.filter(proposal__session__year=int(year))
    query = request.GET.get("q", "").strip()
    if query:
        replies = replies.filter(proposal__title__icontains=query)
    years = (
        Session.objects.filter(division=county).values_list("year", flat=True).distinct()
        if county else []
    )  # fmt: skip
    page = Paginator(replies, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "proposals/public/list.html", {
        "page_obj": page, "kind": kind, "year": year, "query": query, "kinds": Kind.choices,
        "years": sorted(set(years), reverse=True),
    })  # fmt: skip


def public_reply(request, pk: int):
    county = home_county()
    if county is None:
        raise Http404
    reply = get_object_or_404(selectors.replies_public(county), pk=pk)
    return render(request, "proposals/public/reply.html", {"reply": reply})


# ---------------------------------------------------------------------------------------------
# The register (staff)
# ---------------------------------------------------------------------------------------------


def _filtered(request):
    proposals, filters = selectors.filtered(
        selectors.proposals_visible_to(request.user), request.GET
    )
    return proposals.prefetch_related("proposers").order_by(
        "-session__year", "kind", "number", "pk"
    ), filters


@staff_required
def register(request):
    proposals, filters = _filtered(request)
    county = rules.county_of(request.user)
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
    sessions = Session.objects.filter(division=county) if county else Session.objects.none()
    return render(request, "proposals/register.html", {
        "page_obj": page, "filters": filters, "kinds": Kind.choices, "statuses": S.choices,
        "classifications": Classification.choices, "satisfactions": Satisfaction.choices,
        "sessions": sessions, "departments": _departments(county) if county else [],
        "office": county is not None and rules.is_office_of(request.user, county),
        "work": selectors.work_of(request.user), "today": timezone.localdate(),
    })  # fmt: skip


@staff_required
def register_export(request):
    from zhengwu.proposals.export import register_workbook

    proposals, _filters = _filtered(request)
    return xlsx_response(register_workbook(proposals), "proposals.xlsx")


def _office_county(request):
    county = rules.county_of(request.user)
    if county is None or not rules.is_office_of(request.user, county):
        return None
    return county


@staff_required
def sessions(request):
    county = rules.county_of(request.user)
    if county is None:
        raise Http404
    office = rules.is_office_of(request.user, county)
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST":
        if not office:
            return forbidden(request)
        if form.is_valid():
            data = form.cleaned_data

            def call():
                services.session_create(actor=request.user, division=county, **data)

            if run_service(form, call):
                messages.success(request, _("The session is recorded."))
                return redirect("proposals:sessions")
    listing = Session.objects.filter(division=county).order_by("-year", "kind")
    return render(request, "proposals/sessions.html", {
        "sessions": listing, "form": form if office else None,
    })  # fmt: skip


@staff_required
def proposal_new(request):
    county = _office_county(request)
    if county is None:
        return forbidden(request)
    form = forms.RegisterForm(
        request.POST or None,
        sessions=Session.objects.filter(division=county).order_by("-year", "kind"),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        created = {}

        def call():
            created["proposal"] = services.proposal_register(actor=request.user, **data)

        if run_service(form, call):
            messages.success(request, _("The proposal is registered."))
            return redirect("proposals:proposal", pk=created["proposal"].pk)
    return render(request, "proposals/proposal_new.html", {"form": form})


def _visible(request, pk: int) -> Proposal:
    proposals = selectors.proposals_visible_to(request.user).select_related("division")
    return get_object_or_404(proposals, pk=pk)


def _available_forms(user, proposal: Proposal, today) -> dict:
    """The action forms this user may use on the proposal now (unbound)."""
    available: dict[str, object] = {}
    office = rules.is_office_of(user, proposal.division)
    mine = selectors.assignment_of(user, proposal)
    status = proposal.status
    departments = _departments(proposal.division)
    declined = proposal.assignments.filter(status=A.Status.DECLINED).select_related("department")
    if office and status == S.REGISTERED:
        available["assign"] = forms.AssignForm(prefix="assign", departments=departments)
    if (
        status == S.ASSIGNED and mine is not None and mine.status == A.Status.ACTIVE
        and not mine.decline_decided_on and today <= mine.decline_until
        and rules.may_decline(user, mine)
    ):  # fmt: skip
        available["decline"] = forms.DeclineForm(prefix="decline")
    if office and declined.exists():
        available["reassign"] = forms.ReassignForm(prefix="reassign", declined=declined,
                                                   departments=departments)  # fmt: skip
        available["keep"] = forms.KeepForm(prefix="keep", declined=declined)
    if (
        status == S.ASSIGNED and mine is not None and mine.opinion_pending
        and rules.may_give_opinion(user, mine)
    ):  # fmt: skip
        available["opinion"] = forms.OpinionForm(prefix="opinion")
    if status == S.ASSIGNED and rules.may_reply(user, proposal):
        available["reply"] = forms.ReplyForm(
            prefix="reply", heads=services.heads_of(proposal.lead_department),
            initial={"signed_by": user.pk if rules.is_head_of(user, proposal.lead_department)
                     else None},
        )  # fmt: skip
    if office and status == S.REPLIED:
        available["feedback"] = forms.FeedbackForm(prefix="feedback")
    if office and status == S.UNSATISFIED:
        available["rehandle"] = forms.NoteForm(prefix="rehandle")
    if office and status in (S.REPLIED, S.UNSATISFIED):
        available["close"] = forms.ReasonForm(prefix="close")
    if office and status != S.ASSIGNED and proposal.replies.filter(
        round=proposal.round, published_on__isnull=True
    ).exists():  # fmt: skip
        available["publish"] = forms.DayForm(prefix="publish")
    return available


def _proposal_context(request, proposal, bound: dict | None = None) -> dict:
    today = timezone.localdate()
    available = _available_forms(request.user, proposal, today)
    available.update(bound or {})
    return {
        "proposal": proposal,
        "forms": [(action, ACTION_LABELS[action], form) for action, form in available.items()],
        "proposers": list(proposal.proposers.all()),
        "assignments": list(proposal.assignments.select_related("department", "opinion_by")
                            .order_by("role", "pk")),
        "replies": list(proposal.replies.select_related("signed_by", "department")
                        .prefetch_related("feedback").order_by("round")),
        "clocks": [{"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)}
                   for c in selectors.proposal_clocks(proposal)],
        "timeline": [
            {"entry": e, "label": TIMELINE_LABELS.get(e.action, e.action),
             "on": iso_day(e.detail.get("on"))}
            for e in selectors.proposal_timeline(proposal)
        ],
        "today": today,
    }  # fmt: skip


@staff_required
def proposal(request, pk: int):
    found = _visible(request, pk)
    return render(request, "proposals/proposal.html", _proposal_context(request, found))


def _form_for(action, request, proposal, data=None, files=None):
    departments = _departments(proposal.division)
    declined = proposal.assignments.filter(status=A.Status.DECLINED).select_related("department")
    kwargs = {
        "assign": {"departments": departments},
        "reassign": {"declined": declined, "departments": departments},
        "keep": {"declined": declined},
        "reply": {"heads": services.heads_of(proposal.lead_department)
                  if proposal.lead_department_id else Department.objects.none()},
    }.get(action, {})  # fmt: skip
    classes = {
        "assign": forms.AssignForm, "decline": forms.DeclineForm,
        "reassign": forms.ReassignForm, "keep": forms.KeepForm, "opinion": forms.OpinionForm,
        "reply": forms.ReplyForm, "feedback": forms.FeedbackForm, "rehandle": forms.NoteForm,
        "close": forms.ReasonForm, "publish": forms.DayForm,
    }  # fmt: skip
    return classes[action](data, files, prefix=action, **kwargs)


def _action_call(action, request, proposal, form):
    data, user = form.cleaned_data, request.user
    on = data.get("on")
    mine = selectors.assignment_of(user, proposal)

    def own():
        if mine is None:
            raise NotPermitted()
        return mine

    calls = {
        "assign": lambda: services.proposal_assign(
            actor=user, proposal=proposal, lead=data["lead"],
            co_handlers=list(data["co_handlers"]), on=on),
        "decline": lambda: services.assignment_decline(
            actor=user, assignment=own(), reason=data["reason"], on=on),
        "reassign": lambda: services.assignment_reassign(
            actor=user, assignment=data["assignment"], department=data["department"],
            note=data["note"], on=on),
        "keep": lambda: services.assignment_keep(
            actor=user, assignment=data["assignment"], note=data["note"], on=on),
        "opinion": lambda: services.assignment_give_opinion(
            actor=user, assignment=own(), text=data["text"], on=on),
        "reply": lambda: services.proposal_reply(
            actor=user, proposal=proposal, classification=data["classification"],
            text=data["text"], signed_by=data["signed_by"], upload=data.get("upload"), on=on),
        "feedback": lambda: services.proposal_record_feedback(
            actor=user, proposal=proposal, satisfaction=data["satisfaction"],
            comment=data["comment"], on=on),
        "rehandle": lambda: services.proposal_rehandle(
            actor=user, proposal=proposal, note=data["note"], on=on),
        "close": lambda: services.proposal_close(
            actor=user, proposal=proposal, note=data["note"], on=on),
        "publish": lambda: services.proposal_publish_reply(actor=user, proposal=proposal, on=on),
    }  # fmt: skip
    return calls[action]


@staff_required
@require_POST
def proposal_action(request, pk: int, action: str):
    found = _visible(request, pk)
    if action not in ACTION_LABELS:
        raise Http404
    form = _form_for(action, request, found, request.POST, request.FILES)
    try:
        ok = form.is_valid() and run_service(form, _action_call(action, request, found, form))
    except NotPermitted as error:
        return forbidden(request, error.message)
    return action_response(
        request, ok, form=form, label=ACTION_LABELS[action],
        detail_url=reverse("proposals:proposal", args=[found.pk]),
        action_url=reverse("proposals:proposal_action", args=[found.pk, action]),
        origin="proposal", in_place=action != "reply",
        rerender=lambda: render(request, "proposals/proposal.html",
                                _proposal_context(request, _visible(request, pk), {action: form}),
                                status=422),
    )  # fmt: skip


@staff_required
def reply_file(request, pk: int, reply_id: int):
    found = _visible(request, pk)
    reply = get_object_or_404(found.replies.exclude(file=""), pk=reply_id)
    try:
        handle = reply.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=reply.file_name or "reply")


@staff_required
def stats(request):
    """The year's figures (``figures.annual_figures``) for the office and supervisors."""
    from zhengwu.proposals.figures import annual_figures

    county = rules.county_of(request.user)
    if county is None or not rules.sees_everything(request.user):
        return forbidden(request)
    years = sorted(set(Session.objects.filter(division=county).values_list("year", flat=True)),
                   reverse=True)  # fmt: skip
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else (years[0] if years else timezone.localdate().year)
    figures = annual_figures(county, year)
    return render(request, "proposals/stats.html", {
        "figures": figures, "year": year, "years": years,
        "kinds": [(Kind(k).label, row) for k, row in figures["by_kind"].items()],
        "classes": [(Classification(c).label, n) for c, n in figures["by_classification"].items()],
    })  # fmt: skip

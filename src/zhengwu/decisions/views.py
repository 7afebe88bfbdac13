"""Pages of major decisions.

The public (portal): the published decisions and the drafts out for public comment with their
deadline. The staff (workbench): the register with filters and pagination, a new case, the case
page (summary and responsibility on record, the checklist of steps with their legal sources,
each step's records, the clocks, the forms of the actions the user may take, the timeline), and
the XLSX export of the register. Every read goes through ``selectors``; every change through one
service.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.common.views import action_response, forbidden, iso_day, staff_required
from zhengwu.common.xlsx import xlsx_response
from zhengwu.decisions import forms, rules, selectors, services
from zhengwu.decisions.models import DecisionStatus, MajorDecision, SubjectArea
from zhengwu.org.models import Department
from zhengwu.org.selectors import home_county

PER_PAGE = 20
S = DecisionStatus
CLOCK_LABELS = {
    services.COMMENT: gettext_lazy("Public comment period"),
    services.LEGALITY: pgettext_lazy("major decision", "Legality review"),
    services.FOLLOW_UP: gettext_lazy("Next implementation report"),
}
ACTION_LABELS = {
    "edit": gettext_lazy("Change the case"),
    "comment_open": gettext_lazy("Put the draft out for public comment"),
    "comment_close": gettext_lazy("Close the public comment"),
    "hearing": gettext_lazy("Record a hearing"),
    "expert": gettext_lazy("Record expert argumentation"),
    "risk": gettext_lazy("Record a risk assessment"),
    "review_submit": pgettext_lazy("major decision", "Send for legality review"),
    "review_complete": gettext_lazy("Record the legality review opinion"),
    "discussion": gettext_lazy("Record the collective discussion"),
    "adopt": gettext_lazy("Adopt the decision"),
    "publish": gettext_lazy("Publish the decision"),
    "report": gettext_lazy("Report on the implementation"),
    "evaluate": gettext_lazy("Record a post-decision evaluation"),
    "change": gettext_lazy("Suspend, resume, change or stop the implementation"),
}
TIMELINE_LABELS = {
    "decision_create": gettext_lazy("Case opened"),
    "decision_update": gettext_lazy("Case changed"),
    "comment_open": gettext_lazy("Put out for public comment"),
    "comment_close": gettext_lazy("Public comment closed"),
    "hearing_record": gettext_lazy("Hearing held"),
    "expert_record": gettext_lazy("Expert argumentation"),
    "risk_record": gettext_lazy("Risk assessment"),
    "review_submit": pgettext_lazy("major decision", "Sent for legality review"),
    "review_complete": gettext_lazy("Legality review opinion"),
    "discussion_record": gettext_lazy("Collective discussion"),
    "decision_adopt": pgettext_lazy("major decision", "Adopted"),
    "decision_publish": pgettext_lazy("major decision", "Published"),
    "report_record": gettext_lazy("Implementation report"),
    "evaluation_record": gettext_lazy("Post-decision evaluation"),
    "implementation_suspend": gettext_lazy("Implementation suspended"),
    "implementation_resume": gettext_lazy("Implementation resumed"),
    "implementation_change": gettext_lazy("Decision changed"),
    "implementation_stop": gettext_lazy("Implementation stopped"),
    "implementation_complete": gettext_lazy("Implementation completed"),
}
FIELDS_FOR_CODES = {"future_date": "on"}
FORM_CLASSES = {
    "edit": forms.EditForm,
    "comment_open": forms.CommentOpenForm, "comment_close": forms.CommentCloseForm,
    "hearing": forms.HearingForm, "expert": forms.ExpertForm, "risk": forms.RiskForm,
    "review_submit": forms.DayForm, "review_complete": forms.ReviewCompleteForm,
    "discussion": forms.DiscussionForm, "adopt": forms.DayForm, "publish": forms.PublishForm,
    "report": forms.ReportForm, "evaluate": forms.EvaluationForm, "change": forms.ChangeForm,
}  # fmt: skip
# The date field of the forms without ``on``: a future date refused goes there.
DATE_FIELDS = {"hearing": "held_on", "expert": "held_on", "risk": "assessed_on",
               "discussion": "held_on"}  # fmt: skip


def run_service(form, call, *, date_field: str = "on") -> bool:
    """Call the service; what it refuses goes on the form (NotPermitted goes up). A refused
    adoption lists every missing step, one line each."""
    try:
        call()
    except NotPermitted:
        raise
    except services.StepsMissing as error:
        for missing in error.missing:
            form.add_error(None, missing.message)
        return False
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                field = date_field if field == "on" and "on" not in form.fields else field
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    except DomainError as error:
        field = date_field if error.code == "future_date" else None
        form.add_error(field if field in form.fields else None, str(error.message))
        return False
    return True


# ---------------------------------------------------------------------------------------------
# The public
# ---------------------------------------------------------------------------------------------


def public_decision(request, pk: int):
    """A published decision, or a draft out for public comment (with its deadline)."""
    county = home_county()
    if county is None:
        raise Http404
    decision = get_object_or_404(
        selectors.decisions_visible_to(None).filter(division=county), pk=pk
    )
    comments = list(decision.comments.all())
    return render(request, "decisions/public/decision.html",
                  {"decision": decision, "comments": comments})  # fmt: skip


def public_list(request):
    county = home_county()
    today = timezone.localdate()
    if county is None:
        published, comments = MajorDecision.objects.none(), []
    else:
        published = selectors.decisions_published(county)
        comments = list(selectors.comments_open(county, today))
    page = Paginator(published, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "decisions/public/list.html",
                  {"page_obj": page, "comments": comments, "today": today})  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The register (staff)
# ---------------------------------------------------------------------------------------------


def _filtered(request):
    decisions = selectors.with_stage_flags(selectors.decisions_visible_to(request.user))
    get = request.GET
    filters = {
        "status": get.get("status", ""),
        "area": get.get("area", ""),
        "department": get.get("department", ""),
        "year": get.get("year", ""),
        "stage": get.get("stage", ""),
        "q": get.get("q", "").strip(),
    }
    if filters["status"] in S.values:
        decisions = decisions.filter(status=filters["status"])
    if filters["area"] in SubjectArea.values:
        decisions = decisions.filter(subject_area=filters["area"])
    if filters["department"].isdigit():
        decisions = decisions.filter(undertaking_department_id=int(filters["department"]))
    if filters["year"].isdigit():
        year = int(filters["year"])
        # Adopted in the year, or (not adopted yet) opened in it.
        decisions = decisions.filter(
            Q(adopted_on__year=year) | Q(adopted_on__isnull=True, created_at__year=year)
        )
    if filters["stage"] == "comment":
        decisions = decisions.filter(out_for_comment=True)
    elif filters["stage"] == "review":
        decisions = decisions.filter(in_review=True)
    if filters["q"]:
        decisions = decisions.filter(title__icontains=filters["q"])
    return decisions.order_by("-updated_at", "-pk"), filters


@staff_required
def register(request):
    decisions, filters = _filtered(request)
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"d": d, "stage": selectors.STAGE_LABELS.get(selectors.stage(d), "")}
            for d in page.object_list]  # fmt: skip
    county = rules.county_of(request.user)
    return render(request, "decisions/register.html", {
        "page_obj": page, "rows": rows, "filters": filters, "statuses": S.choices,
        "areas": SubjectArea.choices,
        "stages": [("comment", selectors.STAGE_LABELS["comment"]),
                   ("review", selectors.STAGE_LABELS["review"])],
        "departments": Department.objects.filter(division=county, is_active=True)
        if county else Department.objects.none(),
        "can_create": request.user.department_id is not None,
    })  # fmt: skip


@staff_required
def decision_new(request):
    county = rules.county_of(request.user)
    if county is None:
        raise Http404
    departments = Department.objects.filter(division=county, is_active=True)
    if not rules.is_legal_office_of(request.user, county):
        departments = departments.filter(pk=request.user.department_id)
    initial = {"undertaking_department": request.user.department_id}
    form = forms.DecisionForm(request.POST or None, departments=departments, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        created = {}

        def call():
            created["decision"] = services.decision_create(actor=request.user, **data)

        try:
            ok = run_service(form, call)
        except NotPermitted as error:
            return forbidden(request, error.message)
        if ok:
            messages.success(request, _("The decision case is recorded."))
            return redirect("decisions:decision", pk=created["decision"].pk)
    return render(request, "decisions/decision_new.html", {"form": form})


def _available_forms(user, decision: MajorDecision) -> dict:
    """The action forms this user may use on the decision now (unbound)."""
    available: dict[str, object] = {}
    prepare = rules.may_prepare(user, decision)
    decide = rules.may_decide(user, decision)
    review = rules.may_review(user, decision)
    status = decision.status
    open_comment = decision.comments.filter(closed_on__isnull=True).exists()
    open_review = decision.reviews.filter(completed_on__isnull=True).exists()
    if status == S.PREPARING:
        if prepare:
            fields = forms.EditForm.base_fields
            available["edit"] = forms.EditForm(
                prefix="edit", initial={name: getattr(decision, name) for name in fields}
            )
        if prepare and not open_comment:
            available["comment_open"] = forms.CommentOpenForm(
                prefix="comment_open", initial={"days": services.comment_days()}
            )
        if prepare and open_comment:
            available["comment_close"] = forms.CommentCloseForm(prefix="comment_close")
        if prepare:
            available["hearing"] = forms.HearingForm(prefix="hearing")
            available["expert"] = forms.ExpertForm(prefix="expert")
            available["risk"] = forms.RiskForm(prefix="risk")
        if prepare and not open_review:
            available["review_submit"] = forms.DayForm(prefix="review_submit")
        if review and open_review:
            available["review_complete"] = forms.ReviewCompleteForm(prefix="review_complete")
        last = services.latest_review(decision)
        if decide and last and last.completed_on and last.conclusion != "unlawful":
            available["discussion"] = forms.DiscussionForm(prefix="discussion")
        if decide:
            available["adopt"] = forms.DayForm(prefix="adopt")
    if decide and status == S.ADOPTED:
        available["publish"] = forms.PublishForm(prefix="publish")
    if status in (S.PUBLISHED, S.SUSPENDED):
        if prepare:
            available["report"] = forms.ReportForm(prefix="report")
        if decide:
            available["evaluate"] = forms.EvaluationForm(prefix="evaluate")
            available["change"] = forms.ChangeForm(prefix="change")
    return available


def _decision_context(request, decision, bound: dict | None = None) -> dict:
    available = _available_forms(request.user, decision)
    available.update(bound or {})
    clocks = [{"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)}
              for c in selectors.decision_clocks(decision)]  # fmt: skip
    return {
        "decision": decision,
        "stage": selectors.STAGE_LABELS.get(selectors.stage(decision), ""),
        "checklist": selectors.checklist(decision),
        "forms": [(action, ACTION_LABELS[action], form) for action, form in available.items()],
        "clocks": clocks,
        "comments": list(decision.comments.all()),
        "hearings": list(decision.hearings.all()),
        "experts": list(decision.experts.all()),
        "risks": list(decision.risks.all()),
        "reviews": list(decision.reviews.select_related("reviewer", "reviewing_department")),
        "discussions": list(decision.discussions.all()),
        "reports": list(decision.implementation_reports.select_related("reported_by")),
        "evaluations": list(decision.evaluations.all()),
        "changes": list(decision.changes.all()),
        "timeline": [
            {"entry": e, "label": TIMELINE_LABELS.get(e.action, e.action),
             "to": S(e.to_state).label if e.to_state in S.values else "",
             "on": iso_day(e.detail.get("on"))}
            for e in selectors.decision_timeline(decision)
        ],
        "today": timezone.localdate(),
    }  # fmt: skip


def _visible(request, pk: int) -> MajorDecision:
    return get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)


@staff_required
def decision(request, pk: int):
    return render(
        request, "decisions/decision.html", _decision_context(request, _visible(request, pk))
    )


def _action_call(action, request, decision, form):
    data, user = form.cleaned_data, request.user
    on = data.get("on")
    calls = {
        "edit": lambda: services.decision_update(actor=user, decision=decision, **data),
        "comment_open": lambda: services.comment_open(
            actor=user, decision=decision, channel=data["channel"], on=on, days=data["days"]),
        "comment_close": lambda: services.comment_close(
            actor=user, decision=decision, summary=data["summary"], adoption=data["adoption"],
            opinions_count=data["opinions_count"], on=on),
        "hearing": lambda: services.hearing_record(actor=user, decision=decision, **data),
        "expert": lambda: services.expert_record(actor=user, decision=decision, **data),
        "risk": lambda: services.risk_record(actor=user, decision=decision, **data),
        "review_submit": lambda: services.review_submit(
            actor=user, decision=decision, on=on,
            reviewing_department=_legal_department(decision)),
        "review_complete": lambda: services.review_complete(
            actor=user, decision=decision, conclusion=data["conclusion"],
            legal_bases=data["legal_bases"], opinion=data["opinion"], on=on),
        "discussion": lambda: services.discussion_record(actor=user, decision=decision, **data),
        "adopt": lambda: services.decision_adopt(actor=user, decision=decision, on=on),
        "publish": lambda: services.decision_publish(
            actor=user, decision=decision, channel=data["channel"], on=on),
        "report": lambda: services.report_record(
            actor=user, decision=decision, progress=data["progress"],
            problems=data["problems"], on=on),
        "evaluate": lambda: services.evaluation_record(
            actor=user, decision=decision, evaluator=data["evaluator"],
            conclusion=data["conclusion"], recommendation=data["recommendation"],
            third_party=data["third_party"], public_opinion=data["public_opinion"], on=on),
        "change": lambda: services.implementation_change(
            actor=user, decision=decision, kind=data["kind"], reason=data["reason"], on=on),
    }  # fmt: skip
    return calls[action]


def _legal_department(decision: MajorDecision) -> Department | None:
    """The county's legal-affairs office (the department of its legal officers)."""
    from zhengwu.org.roles import Role

    return (
        Department.objects.filter(
            division=decision.division, staff__groups__name=Role.LEGAL_OFFICER
        )
        .distinct()
        .first()
    )


@staff_required
@require_POST
def decision_action(request, pk: int, action: str):
    decision = _visible(request, pk)
    if action not in FORM_CLASSES:
        raise Http404
    form = FORM_CLASSES[action](request.POST, prefix=action)
    try:
        ok = form.is_valid() and run_service(
            form,
            _action_call(action, request, decision, form),
            date_field=DATE_FIELDS.get(action, "on"),
        )
    except NotPermitted as error:
        return forbidden(request, error.message)
    return action_response(
        request, ok, form=form, label=ACTION_LABELS[action],
        detail_url=reverse("decisions:decision", args=[decision.pk]),
        action_url=reverse("decisions:decision_action", args=[decision.pk, action]),
        origin="decision",
        rerender=lambda: render(request, "decisions/decision.html",
                                _decision_context(request, _visible(request, pk), {action: form}),
                                status=422),
    )  # fmt: skip


@staff_required
def register_export(request):
    from zhengwu.decisions.export import register_workbook

    decisions, _filters = _filtered(request)
    return xlsx_response(register_workbook(decisions), "major-decisions.xlsx")

"""Pages of the reconsideration and litigation registers.

The public (portal): the guide (channels, scope, conditions, procedure, time limits from the
same constants as the clocks), the online application with its receipt number and query code,
and the look-up of an application's state. The staff (workbench): the register with filters,
a new registration, the case page (summary, clocks, the actions on offer, timeline), the
litigation register and a suit's page, the year's section-4 table, and the XLSX export. Every
read goes through ``selectors``; every change through one service.
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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.common.errors import NotPermitted
from zhengwu.common.throttle import LookupThrottle
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
from zhengwu.reconsideration import figures, forms, guide, rules, selectors, services
from zhengwu.reconsideration.models import (
    IN_REVIEW,
    CaseStatus,
    Channel,
    LitigationCase,
    ReconsiderationCase,
)

PER_PAGE = 20
S = CaseStatus
SUIT = LitigationCase.Status
TRACKING = LookupThrottle("reconsideration")
CLOCK_LABELS = {
    services.EXAMINATION: gettext_lazy("Examination (5 working days)"),
    services.SEND: gettext_lazy("Copy to the respondent"),
    services.ANSWER: gettext_lazy("Respondent's answer"),
    services.DECISION: gettext_lazy("Decision"),
    services.DOCUMENT_REVIEW: gettext_lazy("Incidental review of the normative document"),
    services.DRAFTER_ANSWER: gettext_lazy("Answer of the body that made the document"),
    services.LITIGATION_ANSWER: gettext_lazy("Answer to the court"),
}
ACTION_LABELS = {
    "accept": gettext_lazy("Accept"),
    "correction": gettext_lazy("Ask for a correction"),
    "refuse": gettext_lazy("Do not accept"),
    "supply": gettext_lazy("Record the supplied correction"),
    "send": gettext_lazy("Record the copy sent to the respondent"),
    "answer": gettext_lazy("Record the respondent's answer"),
    "review": gettext_lazy("Record the review mode"),
    "suspend": gettext_lazy("Suspend"),
    "resume": gettext_lazy("Resume"),
    "extend": gettext_lazy("Extend the time limit"),
    "convert": gettext_lazy("Convert to the ordinary procedure"),
    "notify_drafter": gettext_lazy("Record the notice to the body that made the document"),
    "drafter_answer": gettext_lazy("Record the answer of the body that made the document"),
    "document_review": gettext_lazy("Record the incidental review"),
    "decide": gettext_lazy("Record the decision"),
    "withdraw": gettext_lazy("Record the withdrawal"),
    "terminate": gettext_lazy("Terminate"),
}
SUIT_ACTION_LABELS = {
    "answer": gettext_lazy("Record the answer to the court"),
    "hearing": gettext_lazy("Record a hearing"),
    "judgment": gettext_lazy("Record the first-instance judgment"),
    "appeal": gettext_lazy("Record an appeal"),
    "appeal_result": gettext_lazy("Record the second-instance judgment"),
}
TIMELINE_LABELS = {
    "reconsideration_register": gettext_lazy("Application received"),
    "reconsideration_request_correction": gettext_lazy("Correction requested"),
    "reconsideration_supply_correction": gettext_lazy("Correction supplied"),
    "reconsideration_accept": gettext_lazy("Accepted"),
    "reconsideration_refuse": gettext_lazy("Not accepted"),
    "reconsideration_abandon": gettext_lazy("Deemed abandoned"),
    "reconsideration_send": gettext_lazy("Copy sent to the respondent"),
    "reconsideration_answer": gettext_lazy("Respondent answered"),
    "reconsideration_review": gettext_lazy("Review mode"),
    "reconsideration_suspend": gettext_lazy("Suspended"),
    "reconsideration_resume": gettext_lazy("Resumed"),
    "reconsideration_extend": gettext_lazy("Time limit extended"),
    "reconsideration_convert": gettext_lazy("Converted to the ordinary procedure"),
    "reconsideration_notify_drafter": gettext_lazy("Body that made the document notified"),
    "reconsideration_drafter_answer": gettext_lazy("Body that made the document answered"),
    "reconsideration_document_review": gettext_lazy("Incidental review"),
    "reconsideration_decide": gettext_lazy("Decided"),
    "reconsideration_withdraw": gettext_lazy("Withdrawn"),
    "reconsideration_terminate": gettext_lazy("Terminated"),
    "litigation_register": gettext_lazy("Suit registered"),
    "litigation_answer": gettext_lazy("Answer submitted"),
    "litigation_hearing": gettext_lazy("Hearing"),
    "litigation_judgment": gettext_lazy("First-instance judgment"),
    "litigation_appeal": gettext_lazy("Appeal"),
    "litigation_appeal_result": gettext_lazy("Second-instance judgment"),
}
FIELDS_FOR_CODES = {"future_date": "on", "invalid_date": "on"}


run_service = partial(form_run_service, fields_for_codes=FIELDS_FOR_CODES)


def _timeline(obj, labels) -> list[dict]:
    return [
        {"entry": e, "label": labels.get(e.action, e.action),
         "to": S(e.to_state).label if e.to_state in S.values else (
             SUIT(e.to_state).label if e.to_state in SUIT.values else ""),
         "on": iso_day(e.detail.get("on"))}
        for e in selectors.timeline_of(obj)
    ]  # fmt: skip


def _respondents(county):
    return Department.objects.filter(division__in=[county, *county.children.all()],
                                     is_active=True).order_by("division__code", "code")  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The public
# ---------------------------------------------------------------------------------------------


def public_guide(request):
    county = home_county()
    return render(request, "reconsideration/public/guide.html", {
        "county": county, "limits": guide.time_limits(), "scope": guide.scope(),
        "conditions": guide.conditions(), "procedure": guide.procedure(),
        "channels": Channel.choices,
        "office": Department.objects.filter(division=county, code="fzb").first()
        if county else None,
    })  # fmt: skip


def public_apply(request):
    county = home_county()
    if county is None:
        raise Http404
    form = forms.ApplyForm(request.POST or None, request.FILES or None,
                           respondents=_respondents(county))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = {}

        def call():
            made["r"] = services.case_register(
                actor=None, respondent=data["respondent"], applicants=form.applicants(),
                contested_act=data["contested_act"], knew_on=data["knew_on"],
                request=data["request"], reasons=data["reasons"], channel=Channel.ONLINE,
                is_disclosure=data["is_disclosure"],
                normative_document_text=data["document_text"],
                uploads=data["uploads"],
            )  # fmt: skip

        if run_service(form, call):
            registration = made["r"]
            return render(request, "reconsideration/public/receipt.html", {
                "case": registration.case, "query_code": registration.query_code,
                "examination_due": services.case_clock(
                    registration.case, services.EXAMINATION).due_date,
            })  # fmt: skip
    return render(request, "reconsideration/public/apply.html", {"form": form})


def public_track(request):
    """Find an application by its receipt number and query code (posted: the code stays out of
    the logs)."""
    form = forms.TrackForm(request.POST or None)
    case = None
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        if TRACKING.blocked(number):
            form.add_error(None, _("Too many failed look-ups of this number; try again in "
                                   "%(n)s minutes.") % {"n": TRACKING.window_minutes})  # fmt: skip
        else:
            case = selectors.case_find(number, form.cleaned_data["code"])
            if case is None:
                TRACKING.failed(number)
                form.add_error(None, _("No application matches this number and query code."))
    clocks = []
    if case is not None:
        clocks = [{"label": CLOCK_LABELS.get(c.purpose, c.purpose), "clock": c}
                  for c in selectors.clocks_of(case) if c.purpose != services.SEND]  # fmt: skip
    return render(request, "reconsideration/public/track.html",
                  {"form": form, "case": case, "clocks": clocks})  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The register (staff)
# ---------------------------------------------------------------------------------------------


def _filtered(request):
    filters = selectors.CaseFilters.from_query(request.GET)
    cases = selectors.cases_filtered(
        selectors.cases_visible_to(request.user), filters, timezone.localdate()
    )
    return cases, filters


@staff_required
def register(request):
    cases, filters = _filtered(request)
    county = rules.county_of(request.user)
    page = Paginator(cases.prefetch_related("applicants"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "reconsideration/register.html", {
        "page_obj": page, "filters": filters, "statuses": S.choices,
        "respondents": _respondents(county) if county else Department.objects.none(),
        "legal": rules.is_legal_office_of(request.user, county),
    })  # fmt: skip


@staff_required
def register_export(request):
    from zhengwu.reconsideration.export import registers_workbook

    cases, _filters = _filtered(request)
    suits = selectors.suits_visible_to(request.user).order_by("-filed_on", "-pk")
    return xlsx_response(registers_workbook(cases, suits), "reconsideration.xlsx")


@staff_required
def case_new(request):
    county = rules.county_of(request.user)
    if county is None or not rules.is_legal_office_of(request.user, county):
        return forbidden(request)
    from zhengwu.rulemaking.models import NormativeDocument

    documents = NormativeDocument.objects.filter(division=county).exclude(
        published_on__isnull=True
    ).order_by("-published_on")  # fmt: skip
    form = forms.RegisterForm(request.POST or None, request.FILES or None,
                              respondents=_respondents(county), documents=documents)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = {}

        def call():
            made["r"] = services.case_register(
                actor=request.user, respondent=data["respondent"], applicants=form.applicants(),
                contested_act=data["contested_act"], knew_on=data["knew_on"],
                request=data["request"], reasons=data["reasons"], channel=data["channel"],
                received_on=data["received_on"], is_disclosure=data["is_disclosure"],
                normative_document=data["normative_document"],
                normative_document_text=data["document_text"],
                uploads=data["uploads"],
            )  # fmt: skip

        if run_service(form, call):
            registration = made["r"]
            text = _("Registered as %(number)s; the applicant's query code is %(code)s.")
            messages.success(request, text % {"number": registration.case.receipt_number,
                                              "code": registration.query_code})  # fmt: skip
            return redirect("reconsideration:case", pk=registration.case.pk)
    return render(request, "reconsideration/case_new.html", {"form": form})


def _case_forms(user, case: ReconsiderationCase) -> dict:
    """The action forms this user may use on the case now (unbound)."""
    if not rules.is_legal_office_of(user, case.division):
        return {}
    available: dict[str, object] = {}
    status = case.status
    if status == S.RECEIVED:
        available["accept"] = forms.AcceptForm(prefix="accept")
        if case.correction_notified_on is None:
            available["correction"] = forms.CorrectionForm(prefix="correction")
        available["refuse"] = forms.RefuseForm(prefix="refuse")
    if status == S.CORRECTION:
        available["supply"] = forms.DayForm(prefix="supply")
    if status == S.ACCEPTED:
        if case.sent_on is None:
            available["send"] = forms.DayForm(prefix="send")
        elif case.answered_on is None:
            available["answer"] = forms.AnswerForm(prefix="answer")
        available["review"] = forms.ReviewForm(prefix="review")
        available["decide"] = forms.DecideForm(prefix="decide")
        available["suspend"] = forms.SuspendForm(prefix="suspend")
        if not case.simplified:
            available["extend"] = forms.ExtendForm(prefix="extend")
        else:
            available["convert"] = forms.ReasonForm(prefix="convert")
    if status == S.SUSPENDED:
        available["resume"] = forms.DayForm(prefix="resume")
    if status in IN_REVIEW and case.has_document_review and not case.document_review_outcome:
        drafter = services.case_clock(case, services.DRAFTER_ANSWER)
        if drafter is None:
            available["notify_drafter"] = forms.DayForm(prefix="notify_drafter")
        elif drafter.status != "completed":
            available["drafter_answer"] = forms.NoteForm(prefix="drafter_answer")
        available["document_review"] = forms.DocumentReviewForm(prefix="document_review")
    if status in (S.ACCEPTED, S.SUSPENDED):
        available["terminate"] = forms.TerminateForm(prefix="terminate")
    if case.is_open:
        available["withdraw"] = forms.WithdrawForm(prefix="withdraw")
    return available


FORM_CLASSES = {
    "accept": forms.AcceptForm, "correction": forms.CorrectionForm, "refuse": forms.RefuseForm,
    "supply": forms.DayForm, "send": forms.DayForm, "answer": forms.AnswerForm,
    "review": forms.ReviewForm, "suspend": forms.SuspendForm, "resume": forms.DayForm,
    "extend": forms.ExtendForm, "document_review": forms.DocumentReviewForm,
    "notify_drafter": forms.DayForm, "drafter_answer": forms.NoteForm,
    "convert": forms.ReasonForm,
    "decide": forms.DecideForm, "withdraw": forms.WithdrawForm,
    "terminate": forms.TerminateForm,
}  # fmt: skip


def _case_call(action, user, case, data):
    on = data.get("on")
    calls = {
        "accept": lambda: services.case_accept(
            actor=user, case=case, simplified=data["simplified"], case_number=data["case_number"],
            late_reason=data["late_reason"], on=on),
        "correction": lambda: services.case_request_correction(
            actor=user, case=case, items=data["items"], on=on),
        "refuse": lambda: services.case_refuse(actor=user, case=case, reasons=data["reasons"],
                                               on=on),
        "supply": lambda: services.case_supply_correction(actor=user, case=case, on=on),
        "send": lambda: services.case_send_to_respondent(actor=user, case=case, on=on),
        "answer": lambda: services.case_record_answer(actor=user, case=case,
                                                      summary=data["summary"], on=on),
        "review": lambda: services.case_record_review(actor=user, case=case, mode=data["mode"],
                                                      note=data["note"], on=on),
        "suspend": lambda: services.case_suspend(actor=user, case=case, ground=data["ground"],
                                                 note=data["note"], on=on),
        "resume": lambda: services.case_resume(actor=user, case=case, on=on),
        "extend": lambda: services.case_extend(actor=user, case=case, days=data["days"],
                                               reason=data["reason"], on=on),
        "convert": lambda: services.case_convert_to_ordinary(actor=user, case=case,
                                                             reason=data["reason"], on=on),
        "notify_drafter": lambda: services.case_notify_drafter(actor=user, case=case, on=on),
        "drafter_answer": lambda: services.case_record_drafter_answer(
            actor=user, case=case, note=data["note"], on=on),
        "document_review": lambda: services.case_review_document(
            actor=user, case=case, outcome=data["outcome"], note=data["note"], to=data["to"],
            on=on),
        "decide": lambda: services.case_decide(actor=user, case=case,
                                               decision_type=data["decision_type"],
                                               text=data["text"], on=on),
        "withdraw": lambda: services.case_withdraw(actor=user, case=case, reason=data["reason"],
                                                   on=on),
        "terminate": lambda: services.case_terminate(actor=user, case=case,
                                                     ground=data["ground"],
                                                     reason=data["reason"], on=on),
    }  # fmt: skip
    return calls[action]


def _visible_case(request, pk: int) -> ReconsiderationCase:
    return get_object_or_404(
        selectors.cases_visible_to(request.user).select_related("normative_document"), pk=pk
    )


def _case_context(request, case, bound: dict | None = None) -> dict:
    available = _case_forms(request.user, case)
    available.update(bound or {})
    return {
        "case": case,
        "applicants": list(case.applicants.all()),
        "attachments": list(case.attachments.all()),
        "forms": [(a, ACTION_LABELS[a], f) for a, f in available.items()],
        "clocks": [{"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)}
                   for c in selectors.clocks_of(case)],
        "suits": list(case.litigation_cases.all()),
        "transfer_due": services.transfer_due_on(case),
        "apply_by": services.add_days("application", case.knew_on),
        "timeline": _timeline(case, TIMELINE_LABELS),
        "today": timezone.localdate(),
    }  # fmt: skip


@staff_required
def case(request, pk: int):
    found = _visible_case(request, pk)
    return render(request, "reconsideration/case.html", _case_context(request, found))


@staff_required
def attachment(request, pk: int, attachment_id: int):
    """A file the applicant gave, for those who see the case."""
    found = get_object_or_404(_visible_case(request, pk).attachments, pk=attachment_id)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=found.name)


@staff_required
@require_POST
def case_action(request, pk: int, action: str):
    found = _visible_case(request, pk)
    if action not in FORM_CLASSES:
        raise Http404
    form = FORM_CLASSES[action](request.POST, prefix=action)
    try:
        ok = form.is_valid() and run_service(
            form, _case_call(action, request.user, found, form.cleaned_data)
        )
    except NotPermitted as error:
        return forbidden(request, error.message)
    return action_response(
        request, ok, form=form, origin="reconsideration", label=ACTION_LABELS[action],
        detail_url=reverse("reconsideration:case", args=[found.pk]),
        action_url=reverse("reconsideration:case_action", args=[found.pk, action]),
        rerender=lambda: render(request, "reconsideration/case.html",
                                _case_context(request, _visible_case(request, pk),
                                              {action: form}), status=422),
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Litigation (staff)
# ---------------------------------------------------------------------------------------------


@staff_required
def suits(request):
    found = selectors.suits_filtered(selectors.suits_visible_to(request.user), request.GET)
    page = Paginator(found.prefetch_related("hearings"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reconsideration/suits.html", {
        "page_obj": page, "filters": request.GET, "statuses": SUIT.choices,
        "can_register": request.user.department_id is not None,
    })  # fmt: skip


@staff_required
def suit_new(request):
    county = rules.county_of(request.user)
    if county is None:
        raise Http404
    defendants = _respondents(county)
    if not rules.is_legal_office_of(request.user, county):
        defendants = defendants.filter(pk=request.user.department_id)
    reviews = selectors.cases_visible_to(request.user).exclude(case_number="")
    form = forms.SuitForm(request.POST or None, defendants=defendants, reviews=reviews)
    if request.method == "POST" and form.is_valid():
        made = {}

        def call():
            made["suit"] = services.litigation_register(actor=request.user, **form.cleaned_data)

        try:
            ok = run_service(form, call)
        except NotPermitted as error:
            return forbidden(request, error.message)
        if ok:
            messages.success(request, _("The suit is registered."))
            return redirect("reconsideration:suit", pk=made["suit"].pk)
    return render(request, "reconsideration/suit_new.html", {"form": form})


def _suit_forms(user, suit: LitigationCase) -> dict:
    if not rules.may_handle_suit_of(user, suit.defendant):
        return {}
    available: dict[str, object] = {}
    if suit.status == SUIT.FILED:
        available["answer"] = forms.DayForm(prefix="answer")
    if suit.status != SUIT.CONCLUDED:
        available["hearing"] = forms.HearingForm(prefix="hearing")
    if suit.status in (SUIT.FILED, SUIT.ANSWERED):
        available["judgment"] = forms.JudgmentForm(prefix="judgment")
    if suit.status == SUIT.JUDGED:
        available["appeal"] = forms.AppealForm(prefix="appeal")
    if suit.status == SUIT.APPEALED:
        available["appeal_result"] = forms.AppealResultForm(prefix="appeal_result")
    return available


SUIT_FORM_CLASSES = {
    "answer": forms.DayForm, "hearing": forms.HearingForm, "judgment": forms.JudgmentForm,
    "appeal": forms.AppealForm, "appeal_result": forms.AppealResultForm,
}  # fmt: skip


def _suit_call(action, user, suit, data):
    on = data.get("on")
    calls = {
        "answer": lambda: services.litigation_record_answer(actor=user, case=suit, on=on),
        "hearing": lambda: services.litigation_record_hearing(actor=user, case=suit, **data),
        "judgment": lambda: services.litigation_record_judgment(actor=user, case=suit,
                                                                result=data["result"], on=on),
        "appeal": lambda: services.litigation_appeal(actor=user, case=suit, court=data["court"],
                                                     on=on),
        "appeal_result": lambda: services.litigation_record_appeal_result(
            actor=user, case=suit, result=data["result"], final_result=data["final_result"],
            on=on),
    }  # fmt: skip
    return calls[action]


def _visible_suit(request, pk: int) -> LitigationCase:
    return get_object_or_404(selectors.suits_visible_to(request.user), pk=pk)


def _suit_context(request, suit, bound: dict | None = None) -> dict:
    available = _suit_forms(request.user, suit)
    available.update(bound or {})
    return {
        "suit": suit,
        "hearings": list(suit.hearings.all()),
        "forms": [(a, SUIT_ACTION_LABELS[a], f) for a, f in available.items()],
        "clocks": [{"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)}
                   for c in selectors.clocks_of(suit)],
        "timeline": _timeline(suit, TIMELINE_LABELS),
    }  # fmt: skip


@staff_required
def suit(request, pk: int):
    found = _visible_suit(request, pk)
    return render(request, "reconsideration/suit.html", _suit_context(request, found))


@staff_required
@require_POST
def suit_action(request, pk: int, action: str):
    found = _visible_suit(request, pk)
    if action not in SUIT_FORM_CLASSES:
        raise Http404
    form = SUIT_FORM_CLASSES[action](request.POST, prefix=action)
    try:
        ok = form.is_valid() and run_service(
            form, _suit_call(action, request.user, found, form.cleaned_data)
        )
    except NotPermitted as error:
        return forbidden(request, error.message)
    return action_response(
        request, ok, form=form, origin="reconsideration", label=SUIT_ACTION_LABELS[action],
        detail_url=reverse("reconsideration:suit", args=[found.pk]),
        action_url=reverse("reconsideration:suit_action", args=[found.pk, action]),
        rerender=lambda: render(request, "reconsideration/suit.html",
                                _suit_context(request, _visible_suit(request, pk),
                                              {action: form}), status=422),
    )  # fmt: skip


@staff_required
def stats(request):
    county = rules.county_of(request.user)
    if county is None or not rules.sees_all_of(request.user, county):
        return forbidden(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    result = figures.annual_figures(county, year)
    groups = [
        (gettext_lazy("Reconsideration"), result["table"]["reconsideration"]),
        (gettext_lazy("Litigation without reconsideration"), result["table"]["litigation_direct"]),
        (gettext_lazy("Litigation after reconsideration"),
         result["table"]["litigation_after_review"]),
    ]  # fmt: skip
    return render(request, "reconsideration/stats.html", {
        "year": year, "years": range(today.year, today.year - 16, -1), "groups": groups,
        "recon": result["reconsideration"], "suits": result["litigation"],
        "disclosure": result["disclosure_table"],
    })  # fmt: skip

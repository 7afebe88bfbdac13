"""Pages of the normative-documents registry.

The public (portal): the published documents with their number, dates and validity on the day,
one document's page, and the published clean-up results. The staff (workbench): the registry
list with filters and the expiry notices, a new draft, the document page (summary, clocks,
filings, reviews, timeline and the forms of the actions the user may take), the clean-ups, and
the XLSX export of the registry. Every read goes through ``selectors``; every change through
one service.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.common.errors import DomainError, NotPermitted
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
from zhengwu.rulemaking import forms, rules, selectors, services
from zhengwu.rulemaking.models import (
    CleanupCampaign,
    CleanupEntry,
    DocumentStatus,
    ExpiryDecision,
    NormativeDocument,
    ValidityState,
)

PER_PAGE = 20
S = DocumentStatus
CLOCK_LABELS = {
    services.COMMENT: gettext_lazy("Public comment period"),
    services.FILING: gettext_lazy("Filing period"),
}
ACTION_LABELS = {
    "edit": gettext_lazy("Change the draft"),
    "attach": gettext_lazy("Attach a file"),
    "open_comment": gettext_lazy("Put out for public comment"),
    "close_comment": gettext_lazy("Close the public comment"),
    "submit": gettext_lazy("Send for legality review"),
    "review": gettext_lazy("Record the legality review"),
    "adopt": gettext_lazy("Record the adoption"),
    "sign": gettext_lazy("Sign and number"),
    "publish": pgettext_lazy("normative document", "Publish"),
    "file": gettext_lazy("Record a filing"),
    "filing_result": gettext_lazy("Record the filing authority's result"),
    "expiry": gettext_lazy("Decide on the end of validity"),
    "repeal": gettext_lazy("Repeal"),
}
FIELDS_FOR_CODES = {"future_date": "on", "invalid_date": "on"}
TIMELINE_LABELS = {
    "document_draft": gettext_lazy("Drafted"),
    "document_update": gettext_lazy("Draft changed"),
    "document_attach": gettext_lazy("File attached"),
    "document_open_comment": gettext_lazy("Put out for public comment"),
    "document_close_comment": gettext_lazy("Public comment closed"),
    "document_submit_for_review": gettext_lazy("Sent for legality review"),
    "document_review": gettext_lazy("Legality review"),
    "document_adopt": gettext_lazy("Adopted"),
    "document_sign": gettext_lazy("Signed and numbered"),
    "document_publish": pgettext_lazy("normative document", "Published"),
    "filing_submit": gettext_lazy("Filed"),
    "filing_record_result": gettext_lazy("Filing authority's result"),
    "document_decide_expiry": gettext_lazy("Decision on the end of validity"),
    "document_amended": gettext_lazy("Superseded by an amendment"),
    "document_repeal": gettext_lazy("Repealed"),
    "document_lapse": gettext_lazy("Lapsed"),
}


run_service = partial(form_run_service, fields_for_codes=FIELDS_FOR_CODES)


# ---------------------------------------------------------------------------------------------
# The public
# ---------------------------------------------------------------------------------------------


def public_list(request):
    county = home_county()
    today = timezone.localdate()
    documents = (
        selectors.documents_public(county, today) if county else NormativeDocument.objects.none()
    )
    validity = request.GET.get("validity", "")
    if validity in ValidityState.values:
        documents = documents.filter(validity=validity)
    query = request.GET.get("q", "").strip()
    if query:
        documents = documents.filter(
            Q(title__icontains=query) | Q(document_number__icontains=query)
        )
    page = Paginator(documents.order_by("-published_on", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    choices = [(v, label) for v, label in ValidityState.choices
               if v in ("in_force", "not_yet", "amended", "repealed", "lapsed")]  # fmt: skip
    return render(request, "rulemaking/public/list.html", {
        "page_obj": page, "validity": validity, "query": query, "choices": choices,
        "today": today,
    })  # fmt: skip


def public_document(request, pk: int):
    county = home_county()
    if county is None:
        raise Http404
    document = get_object_or_404(selectors.documents_public(county), pk=pk)
    return render(request, "rulemaking/public/document.html", {"document": document})


def public_cleanups(request):
    county = home_county()
    campaigns = selectors.campaigns_public(county) if county else CleanupCampaign.objects.none()
    campaigns = campaigns.prefetch_related("entries__document")
    return render(request, "rulemaking/public/cleanups.html", {"campaigns": campaigns})


# ---------------------------------------------------------------------------------------------
# The registry (staff)
# ---------------------------------------------------------------------------------------------


def _filtered(request):
    today = timezone.localdate()
    documents = selectors.with_validity(selectors.documents_visible_to(request.user), today)
    get = request.GET
    filters = {
        "status": get.get("status", ""),
        "validity": get.get("validity", ""),
        "department": get.get("department", ""),
        "q": get.get("q", "").strip(),
    }
    if filters["status"] in S.values:
        documents = documents.filter(status=filters["status"])
    if filters["validity"] in ValidityState.values:
        documents = documents.filter(validity=filters["validity"])
    if filters["department"].isdigit():
        documents = documents.filter(drafting_department_id=int(filters["department"]))
    if filters["q"]:
        documents = documents.filter(
            Q(title__icontains=filters["q"]) | Q(document_number__icontains=filters["q"])
        )
    late = Q(filings__submitted_on__isnull=True, filings__due_on__lt=today)
    documents = documents.annotate(filings_overdue=Count("filings", filter=late))
    filters["filing_overdue"] = get.get("filing_overdue") == "1"
    if filters["filing_overdue"]:
        documents = documents.filter(filings_overdue__gt=0)
    return documents.order_by("-updated_at", "-pk"), filters


@staff_required
def registry(request):
    documents, filters = _filtered(request)
    today = timezone.localdate()
    visible = selectors.documents_visible_to(request.user)
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    county = rules.county_of(request.user)
    return render(request, "rulemaking/registry.html", {
        "page_obj": page, "filters": filters, "statuses": S.choices,
        "validities": ValidityState.choices,
        "departments": Department.objects.filter(division=county, is_active=True)
        if county else Department.objects.none(),
        "expiring": selectors.documents_expiring(visible, today, 6).select_related(
            "drafting_department"),
        "today": today,
        "can_draft": request.user.department_id is not None,
    })  # fmt: skip


@staff_required
def document_new(request):
    county = rules.county_of(request.user)
    if county is None:
        raise Http404
    departments = Department.objects.filter(division=county, is_active=True)
    if not rules.is_legal_office_of(request.user, county):
        departments = departments.filter(pk=request.user.department_id)
    issuers = Department.objects.filter(division=county, is_active=True)
    in_force = NormativeDocument.objects.filter(division=county, status=S.PUBLISHED)
    form = forms.DraftForm(request.POST or None, departments=departments, issuers=issuers,
                           in_force=in_force.order_by("-published_on"),
                           initial={"drafting_department": request.user.department_id,
                                    "amends": request.GET.get("amends")})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        created = {}

        def call():
            created["document"] = services.document_draft(actor=request.user, **data)

        try:
            ok = run_service(form, call)
        except NotPermitted as error:
            return forbidden(request, error.message)
        if ok:
            messages.success(request, _("The draft is recorded."))
            return redirect("rulemaking:document", pk=created["document"].pk)
    return render(request, "rulemaking/document_new.html", {"form": form})


def _available_forms(user, document: NormativeDocument, today) -> dict:
    """The action forms this user may use on the document now (unbound)."""
    available: dict[str, object] = {}
    drafter = rules.may_draft(user, document)
    legal = rules.is_legal_office_of(user, document.division)
    status = document.status
    if drafter and status == S.DRAFT:
        available["edit"] = forms.EditForm(
            prefix="edit", initial={"title": document.title, "text": document.text}
        )
    if drafter and status in (S.DRAFT, S.COMMENT, S.REVIEW):
        available["attach"] = forms.AttachForm(prefix="attach")
    if drafter and status == S.DRAFT:
        if document.comment_required and document.comment_closed_on is None:
            available["open_comment"] = forms.CommentOpenForm(
                prefix="open_comment", initial={"days": services.comment_days()}
            )
        else:
            available["submit"] = forms.DayForm(prefix="submit")
    if drafter and status == S.COMMENT:
        available["close_comment"] = forms.CommentCloseForm(prefix="close_comment")
    if legal and status == S.REVIEW:
        available["review"] = forms.ReviewForm(prefix="review")
    if legal and status == S.REVIEWED:
        available["adopt"] = forms.AdoptForm(prefix="adopt")
    if legal and status == S.ADOPTED:
        available["sign"] = forms.SignForm(prefix="sign")
    if legal and status == S.SIGNED:
        available["publish"] = forms.PublishForm(prefix="publish")
    if status == S.PUBLISHED:
        pending = document.filings.filter(submitted_on__isnull=True)
        filed = document.filings.filter(submitted_on__isnull=False, result="")
        if legal and pending.exists():
            available["file"] = forms.FilingForm(prefix="file", filings=pending)
        if legal and filed.exists():
            available["filing_result"] = forms.FilingResultForm(prefix="filing_result",
                                                                filings=filed)  # fmt: skip
        if drafter and document.lapses_on and document.lapses_on > today:
            available["expiry"] = forms.ExpiryForm(prefix="expiry")
        if legal:
            available["repeal"] = forms.ReasonForm(prefix="repeal")
    return available


def _document_context(request, document, bound: dict | None = None) -> dict:
    today = timezone.localdate()
    available = _available_forms(request.user, document, today)
    available.update(bound or {})
    clocks = [
        {"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)}
        for c in selectors.document_clocks(document)
    ]
    expiring = selectors.documents_expiring(
        NormativeDocument.objects.filter(pk=document.pk), today, 6
    ).exists()
    return {
        "document": document,
        "forms": [(action, ACTION_LABELS[action], form) for action, form in available.items()],
        "clocks": clocks,
        "filings": list(document.filings.order_by("pk")),
        "reviews": list(document.reviews.select_related("reviewer"))
        if rules.may_see_process(request.user, document) else [],
        "timeline": [
            {"entry": e, "label": TIMELINE_LABELS.get(e.action, e.action),
             "to": S(e.to_state).label if e.to_state in S.values else "",
             "on": iso_day(e.detail.get("on"))}
            for e in selectors.document_timeline(document)
        ],
        "attachments": list(document.attachments.all()),
        "expiring": expiring,
        "today": today,
    }  # fmt: skip


def _visible(request, pk: int) -> NormativeDocument:
    documents = selectors.with_validity(
        selectors.documents_visible_to(request.user), timezone.localdate()
    ).select_related("division", "amends")
    return get_object_or_404(documents, pk=pk)


@staff_required
def document(request, pk: int):
    return render(
        request, "rulemaking/document.html", _document_context(request, _visible(request, pk))
    )


def _action_call(action, request, document, form):
    data, user = form.cleaned_data, request.user
    on = data.get("on")
    calls = {
        "edit": lambda: services.document_update(
            actor=user, document=document, title=data["title"], text=data["text"]),
        "attach": lambda: services.document_attach(
            actor=user, document=document, upload=data["upload"]),
        "open_comment": lambda: services.document_open_comment(
            actor=user, document=document, on=on, days=data["days"]),
        "close_comment": lambda: services.document_close_comment(
            actor=user, document=document, summary=data["summary"], on=on),
        "submit": lambda: services.document_submit_for_review(actor=user, document=document, on=on),
        "review": lambda: services.document_review(
            actor=user, document=document, opinion=data["opinion"], findings=data["findings"],
            text=data["text"], on=on),
        "adopt": lambda: services.document_adopt(
            actor=user, document=document, meeting=data["meeting"], on=on),
        "sign": lambda: services.document_sign(
            actor=user, document=document, signed_by=data["signed_by"], on=on),
        "publish": lambda: services.document_publish(
            actor=user, document=document, on=on, effective_from=data["effective_from"]),
        "file": lambda: services.filing_submit(actor=user, filing=data["filing"], on=on),
        "filing_result": lambda: services.filing_record_result(
            actor=user, filing=data["filing"], result=data["result"], note=data["note"], on=on),
        "expiry": lambda: services.document_decide_expiry(
            actor=user, document=document, decision=data["decision"], note=data["note"], on=on),
        "repeal": lambda: services.document_repeal(
            actor=user, document=document, reason=data["reason"], on=on),
    }  # fmt: skip
    return calls[action]


FORM_CLASSES = {
    "edit": forms.EditForm, "attach": forms.AttachForm,
    "open_comment": forms.CommentOpenForm, "close_comment": forms.CommentCloseForm,
    "submit": forms.DayForm, "review": forms.ReviewForm, "adopt": forms.AdoptForm,
    "sign": forms.SignForm, "publish": forms.PublishForm, "file": forms.FilingForm,
    "filing_result": forms.FilingResultForm, "expiry": forms.ExpiryForm,
    "repeal": forms.ReasonForm,
}  # fmt: skip


@staff_required
@require_POST
def document_action(request, pk: int, action: str):
    document = _visible(request, pk)
    if action not in FORM_CLASSES:
        raise Http404
    kwargs = {}
    if action == "file":
        kwargs["filings"] = document.filings.filter(submitted_on__isnull=True)
    elif action == "filing_result":
        kwargs["filings"] = document.filings.filter(submitted_on__isnull=False, result="")
    form = FORM_CLASSES[action](request.POST, request.FILES, prefix=action, **kwargs)
    try:
        ok = form.is_valid() and run_service(form, _action_call(action, request, document, form))
    except NotPermitted as error:
        return forbidden(request, error.message)
    return action_response(
        request, ok, form=form, label=ACTION_LABELS[action],
        detail_url=reverse("rulemaking:document", args=[document.pk]),
        action_url=reverse("rulemaking:document_action", args=[document.pk, action]),
        origin="document",
        rerender=lambda: render(request, "rulemaking/document.html",
                                _document_context(request, _visible(request, pk), {action: form}),
                                status=422),
    )  # fmt: skip


@staff_required
def attachment(request, pk: int, attachment_id: int):
    """An attached file, for those who see the document's internal steps."""
    document = _visible(request, pk)
    if not rules.may_see_process(request.user, document):
        raise Http404
    found = get_object_or_404(document.attachments, pk=attachment_id)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=found.name)


@staff_required
def registry_export(request):
    from zhengwu.rulemaking.export import registry_workbook

    documents, _filters = _filtered(request)
    content = registry_workbook(documents, on=timezone.localdate())
    return xlsx_response(content, "normative-documents.xlsx")


# ---------------------------------------------------------------------------------------------
# Clean-ups (staff)
# ---------------------------------------------------------------------------------------------


@staff_required
def campaigns(request):
    county = rules.county_of(request.user)
    if county is None:
        raise Http404
    legal = rules.is_legal_office_of(request.user, county)
    in_force = selectors.documents_in_force(county, timezone.localdate()).order_by("-published_on")
    form = forms.CampaignForm(request.POST or None, documents=in_force, prefix="campaign")
    if request.method == "POST":
        if not legal:
            return forbidden(request)
        if form.is_valid():
            data = dict(form.cleaned_data)
            created = {}

            def call():
                created["campaign"] = services.campaign_open(
                    actor=request.user, department=request.user.department,
                    kind=data["kind"], title=data["title"], topic=data["topic"],
                    criteria=data["criteria"], basis=data["basis"],
                    documents=list(data["documents"]), on=data["on"],
                )  # fmt: skip

            if run_service(form, call):
                return redirect("rulemaking:campaign", pk=created["campaign"].pk)
    listing = CleanupCampaign.objects.filter(division=county).order_by("-started_on", "-pk")
    return render(request, "rulemaking/campaigns.html", {
        "campaigns": listing, "form": form if legal else None,
        "next_periodic": selectors.next_periodic_cleanup(county), "today": timezone.localdate(),
    })  # fmt: skip


@staff_required
def campaign(request, pk: int):
    county = rules.county_of(request.user)
    campaign = get_object_or_404(CleanupCampaign, pk=pk, division=county)
    entries = campaign.entries.select_related("document").order_by("pk")
    legal = rules.is_legal_office_of(request.user, county)
    bound_form, close_error = None, None
    if request.method == "POST" and legal:
        if request.POST.get("action") == "close":
            try:
                services.campaign_close(actor=request.user, campaign=campaign)
                messages.success(request, _("The clean-up is closed and its results published."))
                return redirect("rulemaking:campaign", pk=pk)
            except (DomainError, ValidationError) as error:
                close_error = getattr(error, "message", None) or "; ".join(error.messages)
        else:
            bound_form = forms.DecideForm(request.POST, entries=entries, prefix="decide")
            if bound_form.is_valid():
                data = bound_form.cleaned_data

                def call():
                    services.cleanup_decide(
                        actor=request.user, entry=data["entry"], decision=data["decision"],
                        reasons=data["reasons"], inconsistent=data["inconsistent"],
                        on=data["on"],
                    )  # fmt: skip

                if run_service(bound_form, call):
                    return redirect("rulemaking:campaign", pk=pk)
    rows = []
    for entry in entries:
        form = None
        if legal and campaign.status == CleanupCampaign.Status.OPEN:
            bound = bound_form is not None and bound_form.data.get("decide-entry") == str(entry.pk)
            form = bound_form if bound else forms.DecideForm(
                entries=entries, prefix="decide",
                initial={"entry": entry.pk, "decision": entry.decision or "keep",
                         "reasons": entry.reasons, "inconsistent": entry.inconsistent},
            )  # fmt: skip
        rows.append({"entry": entry, "form": form})
    undecided = sum(1 for e in entries if not e.decision)
    return render(request, "rulemaking/campaign.html", {
        "campaign": campaign, "rows": rows, "legal": legal, "undecided": undecided,
        "close_error": close_error,
    })  # fmt: skip


__all__ = ["CleanupEntry", "ExpiryDecision"]

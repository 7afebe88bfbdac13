"""Staff pages of the contract-review register: the register (filters, sorting, pages, XLSX),
a new contract, the contract page (versions, the review clocks, the opinions, the milestones,
the timeline and the forms of the actions the user may take) and the files. Every read goes
through ``selectors``; every change through one service. A contract the user may not see is
a 404."""

from __future__ import annotations

import datetime
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
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
from zhengwu.contracts import forms, rules, selectors, services
from zhengwu.contracts.models import (
    ContractKind,
    ContractStatus,
    GovernmentContract,
)
from zhengwu.org.models import Department

PER_PAGE = 20
S = ContractStatus
SORTS = {
    "updated": ("-updated_at", "-pk"),
    "title": ("title", "pk"),
    "amount": ("-amount", "-pk"),
    "signed": ("-signed_on", "-pk"),
    "expires": ("expires_on", "pk"),
}
SORT_LABELS = {
    "updated": gettext_lazy("last changed"),
    "title": gettext_lazy("title"),
    "amount": gettext_lazy("amount, largest first"),
    "signed": gettext_lazy("signing, latest first"),
    "expires": gettext_lazy("expiry, soonest first"),
}
ACTION_LABELS = {
    "version": gettext_lazy("Add a new version"),
    "submit": gettext_lazy("Submit for legality review"),
    "start_review": gettext_lazy("Take up the review"),
    "request_materials": gettext_lazy("Request supplementary materials"),
    "materials_received": gettext_lazy("Supplementary materials received"),
    "opinion": gettext_lazy("Return the opinion"),
    "sign": gettext_lazy("Record the signing"),
    "unreviewed": gettext_lazy("Record a signing without review"),
    "perform": gettext_lazy("Start performance"),
    "milestone": gettext_lazy("Add a milestone"),
    "milestone_done": gettext_lazy("Record a milestone done"),
    "complete": gettext_lazy("Record the contract performed"),
    "terminate": gettext_lazy("Terminate"),
}
FORM_CLASSES = {
    "version": forms.VersionForm,
    "submit": forms.DayForm,
    "start_review": forms.DayForm,
    "request_materials": forms.MaterialsForm,
    "materials_received": forms.ReceivedForm,
    "opinion": forms.OpinionForm,
    "sign": forms.SignForm,
    "unreviewed": forms.UnreviewedForm,
    "perform": forms.DayForm,
    "milestone": forms.MilestoneForm,
    "milestone_done": forms.MilestoneDoneForm,
    "complete": forms.NoteForm,
    "terminate": forms.ReasonForm,
}
MULTIPART = {"version", "sign"}
FIELDS_FOR_CODES = {"future_date": "on", "invalid_date": "on"}
TIMELINE_LABELS = {
    "contract_create": gettext_lazy("Recorded"),
    "contract_add_version": gettext_lazy("New version"),
    "contract_submit": gettext_lazy("Submitted for legality review"),
    "contract_start_review": gettext_lazy("Review taken up"),
    "contract_request_materials": gettext_lazy("Supplementary materials requested"),
    "contract_materials_received": gettext_lazy("Supplementary materials received"),
    "contract_return_opinion": gettext_lazy("Opinion returned"),
    "contract_sign": pgettext_lazy("contract", "Signed"),
    "contract_record_unreviewed_signing": gettext_lazy("Found signed without review"),
    "contract_start_performance": gettext_lazy("Performance started"),
    "contract_complete": gettext_lazy("Performed"),
    "contract_terminate": gettext_lazy("Terminated"),
    "contract_expire": pgettext_lazy("contract", "Expired"),
    "milestone_add": gettext_lazy("Milestone added"),
    "milestone_done": gettext_lazy("Milestone done"),
}


run_service = partial(form_run_service, fields_for_codes=FIELDS_FOR_CODES)


def _filtered(request):
    contracts = selectors.contracts_visible_to(request.user)
    get = request.GET
    filters = {
        "status": get.get("status", ""),
        "kind": get.get("kind", ""),
        "department": get.get("department", ""),
        "year": get.get("year", "").strip(),
        "q": get.get("q", "").strip(),
        "sort": get.get("sort", "updated") if get.get("sort") in SORTS else "updated",
    }
    if filters["status"] in S.values:
        contracts = contracts.filter(status=filters["status"])
    if filters["kind"] in ContractKind.values:
        contracts = contracts.filter(kind=filters["kind"])
    if filters["department"].isdigit():
        contracts = contracts.filter(department_id=int(filters["department"]))
    if filters["year"].isdigit():
        contracts = contracts.filter(reviews__reviewed_on__year=int(filters["year"])).distinct()
    if filters["q"]:
        contracts = contracts.filter(
            Q(title__icontains=filters["q"]) | Q(counterparty__icontains=filters["q"])
        )
    return contracts.order_by(*SORTS[filters["sort"]]), filters


@staff_required
def register(request):
    contracts, filters = _filtered(request)
    today = timezone.localdate()
    visible = selectors.contracts_visible_to(request.user)
    page = Paginator(contracts, PER_PAGE).get_page(request.GET.get("page"))
    county = rules.county_of(request.user)
    departments = Department.objects.none()
    if county is not None and rules.sees_everything(request.user):
        departments = Department.objects.filter(division=county, is_active=True)
    return render(request, "contracts/register.html", {
        "page_obj": page, "filters": filters, "statuses": S.choices,
        "kinds": ContractKind.choices, "departments": departments,
        "sorts": list(SORT_LABELS.items()),
        "expiring": selectors.contracts_expiring(visible, today, services.expiry_warning_days()),
        "overdue": selectors.milestones_overdue(today, visible),
        "today": today,
    })  # fmt: skip


@staff_required
def register_export(request):
    from zhengwu.contracts.export import register_workbook

    contracts, _filters = _filtered(request)
    return xlsx_response(register_workbook(contracts), "government-contracts.xlsx")


@staff_required
def contract_new(request):
    user = request.user
    if user.department_id is None:
        raise Http404
    departments = Department.objects.filter(pk=user.department_id)
    form = forms.ContractForm(request.POST or None, request.FILES or None,
                              departments=departments,
                              initial={"department": user.department_id})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        created = {}

        def call():
            created["contract"] = services.contract_create(actor=user, **data)

        try:
            ok = run_service(form, call)
        except NotPermitted as error:
            return forbidden(request, error.message)
        if ok:
            messages.success(request, _("The contract is recorded."))
            return redirect("contracts:contract", pk=created["contract"].pk)
    return render(request, "contracts/contract_new.html", {"form": form})


def _visible(request, pk: int) -> GovernmentContract:
    return get_object_or_404(selectors.contracts_visible_to(request.user), pk=pk)


def _open_milestones(contract):
    return contract.milestones.filter(done_on__isnull=True)


def _available_forms(user, contract: GovernmentContract) -> dict:
    """The action forms this user may use on the contract now (unbound)."""
    available: dict[str, object] = {}
    mine = rules.may_submit_for(user, contract.department)
    legal = rules.is_legal_office_of(user, contract.division)
    status = contract.status
    review = services.open_review(contract)
    clock = services.review_clock(review) if review else None
    suspended = clock is not None and clock.status == "suspended"
    if mine and status in (S.DRAFT, S.RETURNED):
        available["version"] = forms.VersionForm(prefix="version")
        current = contract.current_version
        if status == S.DRAFT or not hasattr(current, "review"):
            available["submit"] = forms.DayForm(prefix="submit")
    if legal and status == S.SUBMITTED:
        available["start_review"] = forms.DayForm(prefix="start_review")
    if legal and status in (S.SUBMITTED, S.UNDER_REVIEW) and clock and not suspended:
        available["request_materials"] = forms.MaterialsForm(prefix="request_materials")
    if (mine or legal) and suspended:
        available["materials_received"] = forms.ReceivedForm(prefix="materials_received")
    if legal and status == S.UNDER_REVIEW:
        available["opinion"] = forms.OpinionForm(prefix="opinion")
    if mine and status == S.RETURNED and services.signing_refusal(contract) is None:
        available["sign"] = forms.SignForm(prefix="sign")
    if legal and status == S.DRAFT:
        available["unreviewed"] = forms.UnreviewedForm(prefix="unreviewed")
    if mine and status == S.SIGNED:
        available["perform"] = forms.DayForm(prefix="perform")
    if mine and status in (S.SIGNED, S.IN_PERFORMANCE):
        available["milestone"] = forms.MilestoneForm(prefix="milestone")
        if _open_milestones(contract).exists():
            available["milestone_done"] = forms.MilestoneDoneForm(
                prefix="milestone_done", milestones=_open_milestones(contract)
            )
        available["terminate"] = forms.ReasonForm(prefix="terminate")
    if mine and status == S.IN_PERFORMANCE:
        available["complete"] = forms.NoteForm(prefix="complete")
    return available


def _contract_context(request, contract, bound: dict | None = None) -> dict:
    today = timezone.localdate()
    available = _available_forms(request.user, contract)
    available.update(bound or {})
    refusal = services.signing_refusal(contract) if contract.status == S.RETURNED else None
    return {
        "contract": contract,
        "forms": [(a, ACTION_LABELS[a], f, a in MULTIPART) for a, f in available.items()],
        "versions": list(contract.versions.select_related("created_by").order_by("-number")),
        "reviews": list(contract.reviews.select_related("version", "reviewer")
                        .order_by("-submitted_on", "-pk")),
        "clocks": selectors.contract_clocks(contract),
        "milestones": list(contract.milestones.order_by("due_on", "pk")),
        "refusal": refusal.message if refusal else None,
        "expiring": contract.status == S.IN_PERFORMANCE and contract.expires_on is not None
        and today <= contract.expires_on
        <= today + datetime.timedelta(days=services.expiry_warning_days()),
        "timeline": [
            {"entry": e, "label": TIMELINE_LABELS.get(e.action, e.action),
             "to": S(e.to_state).label if e.to_state in S.values else "",
             "on": iso_day(e.detail.get("on"))}
            for e in selectors.contract_timeline(contract) if not e.action.startswith("clock_")
        ],
        "today": today,
    }  # fmt: skip


@staff_required
def contract(request, pk: int):
    found = _visible(request, pk)
    return render(request, "contracts/contract.html", _contract_context(request, found))


def _action_call(action, user, contract, data):
    on = data.get("on")
    calls = {
        "version": lambda: services.contract_add_version(
            actor=user, contract=contract, text=data["text"], upload=data["upload"],
            note=data["note"], on=on),
        "submit": lambda: services.contract_submit(actor=user, contract=contract, on=on),
        "start_review": lambda: services.contract_start_review(
            actor=user, contract=contract, on=on),
        "request_materials": lambda: services.contract_request_materials(
            actor=user, contract=contract, reason=data["reason"], on=on),
        "materials_received": lambda: services.contract_materials_received(
            actor=user, contract=contract, note=data["note"], on=on),
        "opinion": lambda: services.contract_return_opinion(
            actor=user, contract=contract, conclusion=data["conclusion"],
            findings=data["findings"], legal_bases=data["legal_bases"], text=data["text"],
            on=on),
        "sign": lambda: services.contract_sign(
            actor=user, contract=contract, upload=data["upload"], on=on,
            starts_on=data["starts_on"], expires_on=data["expires_on"]),
        "unreviewed": lambda: services.contract_record_unreviewed_signing(
            actor=user, contract=contract, reason=data["reason"],
            on=on or timezone.localdate(), expires_on=data["expires_on"]),
        "perform": lambda: services.contract_start_performance(
            actor=user, contract=contract, on=on),
        "milestone": lambda: services.milestone_add(
            actor=user, contract=contract, title=data["title"], due_on=data["due_on"],
            note=data["note"]),
        "milestone_done": lambda: services.milestone_done(
            actor=user, milestone=data["milestone"], on=on, note=data["note"]),
        "complete": lambda: services.contract_complete(
            actor=user, contract=contract, note=data["note"], on=on),
        "terminate": lambda: services.contract_terminate(
            actor=user, contract=contract, reason=data["reason"], on=on),
    }  # fmt: skip
    return calls[action]


@staff_required
@require_POST
def contract_action(request, pk: int, action: str):
    found = _visible(request, pk)
    if action not in FORM_CLASSES:
        raise Http404
    kwargs = {"milestones": _open_milestones(found)} if action == "milestone_done" else {}
    form = FORM_CLASSES[action](request.POST, request.FILES, prefix=action, **kwargs)
    try:
        ok = form.is_valid() and run_service(
            form, _action_call(action, request.user, found, form.cleaned_data)
        )
    except NotPermitted as error:
        return forbidden(request, error.message)
    return action_response(
        request, ok, form=form, label=ACTION_LABELS[action],
        detail_url=reverse("contracts:contract", args=[found.pk]),
        action_url=reverse("contracts:contract_action", args=[found.pk, action]),
        origin="contract", in_place=action not in MULTIPART,
        rerender=lambda: render(request, "contracts/contract.html",
                                _contract_context(request, _visible(request, pk), {action: form}),
                                status=422),
    )  # fmt: skip


def _file_response(field, name):
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=name or "contract")


@staff_required
def version_file(request, pk: int, number: int):
    version = get_object_or_404(_visible(request, pk).versions, number=number)
    return _file_response(version.file, version.file_name)


@staff_required
def signed_copy(request, pk: int):
    found = _visible(request, pk)
    return _file_response(found.signed_copy, found.signed_copy_name)

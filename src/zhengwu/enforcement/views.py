"""Pages of the enforcement registry: the public list of confirmed bodies and the certificate
lookup; the legal-affairs office's and the bodies' staff pages. Views are thin: they check the
permission, parse a form, call one service or selector, and render."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.common import views as common_views
from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.common.identity import mask_id_number, mask_phone
from zhengwu.common.throttle import LookupThrottle
from zhengwu.common.xlsx import xlsx_response
from zhengwu.enforcement import export, forms, rules, selectors, services
from zhengwu.enforcement.figures import annual_figures, laws_in_use
from zhengwu.enforcement.models import (
    ACT_KINDS,
    CaseFile,
    Certificate,
    ConfirmationBatch,
    EnforcementBody,
    Evaluation,
    EvaluationCampaign,
    MajorPenaltyFiling,
    Official,
)
from zhengwu.org.selectors import home_county
from zhengwu.workdays.models import Clock

LOOKUPS = LookupThrottle("enforcement-certificate", allowed=20)


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


staff_required = common_views.staff_required("enforcement.view_registry")


# DomainError codes that belong to one field of the form.
FIELDS_FOR_CODES = {
    "future_date": "on",
    "invalid_date": "on",
    "invalid_act": "power",
    "two_officials_required": "officials",
    "not_certified": "officials",
    "amount_required": "penalty_amount",
    "invalid_amount": "penalty_amount",
    "opinion_required": "opinion",
    "reason_required": "reason",
}


run_service = partial(common_views.form_run_service_by_field, fields_for_codes=FIELDS_FOR_CODES)


def _today() -> datetime.date:
    return timezone.localdate()


def _county(user):
    department = getattr(user, "department", None)
    if department is None:
        return home_county()
    return department.division.county or department.division


@dataclass
class Action:
    label: object
    form: callable  # (obj, data) -> Form
    perform: callable  # (user, obj, cleaned) -> message
    available: callable  # (user, obj) -> bool
    secondary: bool = False


def _handle_action(request, obj, actions: dict, action: str, render_detail):
    if action not in actions:
        raise Http404
    spec = actions[action]
    if not spec.available(request.user, obj):
        return common_views.forbidden(request)
    form = spec.form(obj, request.POST)
    message = ""
    ok = False
    if form.is_valid():

        def call():
            nonlocal message
            message = spec.perform(request.user, obj, form.cleaned_data)

        try:
            ok = run_service(form, call)
        except NotPermitted as error:
            return common_views.forbidden(request, error.message)
    if not ok:
        obj.refresh_from_db()
        return render_detail(request, obj, bound=(action, form))
    messages.success(request, message)
    return None


def _forms(user, obj, actions: dict, bound=None) -> list:
    out = []
    for name, spec in actions.items():
        if bound and bound[0] == name:
            out.append((name, spec.label, bound[1], spec.secondary))
        elif spec.available(user, obj):
            out.append((name, spec.label, spec.form(obj, None), spec.secondary))
    return out


def _clock(owner, purpose: str) -> Clock | None:
    return (
        Clock.objects.filter(
            owner_type=owner._meta.label_lower, owner_id=str(owner.pk), purpose=purpose
        )
        .order_by("-id")
        .first()
    )


# ---------------------------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------------------------


def index(request):
    """The confirmed enforcement bodies and their acts (公示)."""
    county = home_county()
    bodies = list(selectors.public_bodies(county)) if county else []
    figures = annual_figures(county, _today().year) if county else None
    groups = []
    for value, label in EnforcementBody._meta.get_field("standing").choices:
        members = [b for b in bodies if b.standing == value]
        if members:
            groups.append({"standing": value, "label": label, "bodies": members})
    return render(
        request, "enforcement/index.html", {"groups": groups, "figures": figures, "county": county}
    )


def body_public(request, pk: int):
    county = home_county()
    body = get_object_or_404(selectors.public_bodies(county), pk=pk)
    acts = selectors.body_acts(body)
    kinds = dict(ACT_KINDS_LABELS())
    by_kind = [
        {"kind": row["current__kind"], "label": kinds.get(row["current__kind"]), "n": row["n"]}
        for row in acts.order_by()
        .values("current__kind")
        .annotate(n=Count("pk"))
        .order_by("current__kind")
    ]
    laws = sorted(title for (title,) in laws_in_use(EnforcementBody.objects.filter(pk=body.pk)))
    return render(
        request,
        "enforcement/body.html",
        {"body": body, "acts": acts, "by_kind": by_kind, "laws": laws},
    )


def ACT_KINDS_LABELS():
    from zhengwu.catalog.models import PowerKind

    return [(k.value, k.label) for k in PowerKind if k in ACT_KINDS]


def _client_key(request) -> str:
    return "ip:" + (request.META.get("REMOTE_ADDR") or "unknown")


def certificate_lookup(request):
    """A citizen checks the certificate of the official in front of them: holder's name, body,
    area and validity — nothing else. Failed look-ups are throttled per address."""
    found = None
    form = forms.LookupForm(request.GET or None)
    if request.GET and form.is_valid():
        key = _client_key(request)
        if LOOKUPS.blocked(key):
            form.add_error(
                None,
                _("Too many look-ups. Please try again in %(n)s minutes.")
                % {"n": LOOKUPS.window_minutes},
            )
        else:
            found = selectors.certificate_lookup(form.cleaned_data["number"])
            if found is None:
                LOOKUPS.failed(key)
                form.add_error(
                    "number",
                    _("No certificate has this number. Check the number on the certificate."),
                )
    return render(request, "enforcement/lookup.html", {"form": form, "found": found})


# ---------------------------------------------------------------------------------------------
# The office: dashboard and lists
# ---------------------------------------------------------------------------------------------


@staff_required
def office(request):
    county = _county(request.user)
    year = _today().year
    user = request.user
    context = {
        "year": year,
        "figures": annual_figures(county, year) if county else None,
        "expiring": selectors.certificates_expiring(user, _today()).order_by("valid_to")[:20],
        "filings_due": selectors.filings_visible_to(user)
        .filter(status=MajorPenaltyFiling.Status.DUE)
        .order_by("due_on")[:20],
        "reviews": selectors.case_files_visible_to(user)
        .filter(status=CaseFile.Status.IN_REVIEW)
        .order_by("review_requested_on")[:20],
        "may_manage": rules.can_manage_registry(user, county),
    }
    return render(request, "enforcement/office/home.html", context)


@staff_required
def bodies(request):
    """The registry of bodies; the legal-affairs office registers bodies and records batches."""
    county = _county(request.user)
    may_manage = county is not None and rules.can_manage_registry(request.user, county)
    batch_form = forms.BatchForm(prefix="batch")
    body_form = forms.BodyForm(prefix="body", division=county) if may_manage else None
    if request.method == "POST":
        if not may_manage:
            return common_views.forbidden(request)
        if "batch-number" in request.POST:
            batch_form = forms.BatchForm(request.POST, prefix="batch")
            form, service = batch_form, services.batch_create
            extra = {"division": county}
        else:
            body_form = forms.BodyForm(request.POST, prefix="body", division=county)
            form, service, extra = body_form, services.body_register, {}
        if form.is_valid() and run_service(
            form, lambda: service(actor=request.user, **extra, **form.cleaned_data)
        ):
            messages.success(request, _("Saved."))
            return redirect("enforcement:office_bodies")
    rows = selectors.with_act_counts(selectors.bodies_visible_to(request.user)).order_by(
        "standing", "department__code"
    )
    context = {
        "rows": rows,
        "may_manage": may_manage,
        "batch_form": batch_form,
        "body_form": body_form,
        "batches": ConfirmationBatch.objects.filter(division=county) if county else [],
    }
    return render(request, "enforcement/office/bodies.html", context)


def _body_actions():
    def manage(user, body):
        return rules.can_manage_registry(user, body.division)

    return {
        "confirm": Action(
            gettext_lazy("Confirm the standing"),
            lambda body, data: forms.ConfirmForm(data, division=body.division, prefix="confirm"),
            lambda user, body, c: (
                services.body_confirm(actor=user, body=body, batch=c["batch"], on=c["on"])
                and _("The body's standing is confirmed.")
            ),
            lambda user, body: manage(user, body) and body.status == "pending",
        ),
        "law": Action(
            gettext_lazy("Add a law in use"),
            lambda body, data: forms.LawForm(data, prefix="law"),
            lambda user, body, c: (
                services.law_add(actor=user, body=body, **c) and _("The law is added.")
            ),
            manage,
        ),
        "official": Action(
            gettext_lazy("Register an official"),
            lambda body, data: forms.OfficialForm(
                data,
                prefix="official",
                initial={"on_establishment": True, "in_enforcement_post": True},
            ),
            lambda user, body, c: (
                services.official_register(actor=user, body=body, **c)
                and _("The official is registered.")
            ),
            manage,
        ),
        "revoke": Action(
            gettext_lazy("Revoke the standing"),
            lambda body, data: forms.ReasonForm(data, prefix="revoke"),
            lambda user, body, c: (
                services.body_revoke(actor=user, body=body, on=c["on"], reason=c["reason"])
                and _("The body's standing is revoked.")
            ),
            lambda user, body: manage(user, body) and body.status == "confirmed",
            secondary=True,
        ),
    }


def _body_detail(request, body, bound=None):
    acts = selectors.body_acts(body)
    kinds = dict(ACT_KINDS_LABELS())
    by_kind = [
        {"label": kinds.get(row["current__kind"]), "n": row["n"]}
        for row in acts.order_by()
        .values("current__kind")
        .annotate(n=Count("pk"))
        .order_by("current__kind")
    ]
    context = {
        "body": body,
        "by_kind": by_kind,
        "acts_total": sum(r["n"] for r in by_kind),
        "laws": body.laws.all(),
        "laws_in_use": laws_in_use(EnforcementBody.objects.filter(pk=body.pk)).count(),
        "officials": body.officials.annotate(
            valid=Count("certificates", filter=Q(certificates__status="valid"))
        ),
        "forms": _forms(request.user, body, _body_actions(), bound),
        "may_file": rules.can_handle_case_files(request.user, body)
        and body.status == EnforcementBody.Status.CONFIRMED,
    }
    return render(request, "enforcement/office/body.html", context)


@staff_required
def body(request, pk: int):
    return _body_detail(
        request, get_object_or_404(selectors.bodies_visible_to(request.user), pk=pk)
    )


@staff_required
@require_POST
def body_action(request, pk: int, action: str):
    body = get_object_or_404(selectors.bodies_visible_to(request.user), pk=pk)
    response = _handle_action(request, body, _body_actions(), action, _body_detail)
    return response or redirect("enforcement:office_body", pk=body.pk)


@staff_required
def officials(request):
    rows = selectors.officials_visible_to(request.user).annotate(
        valid=Count("certificates", filter=Q(certificates__status="valid")),
        certificates_count=Count("certificates"),
    )
    body_id = request.GET.get("body")
    if body_id and body_id.isdigit():
        rows = rows.filter(body_id=int(body_id))
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(Q(full_name__contains=q) | Q(certificates__number=q)).distinct()
    page = Paginator(rows.order_by("body__department__code", "full_name"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "enforcement/office/officials.html",
        {
            "page_obj": page,
            "rows": page.object_list,
            "bodies": selectors.bodies_visible_to(request.user),
            "filters": {"body": int(body_id) if body_id and body_id.isdigit() else None, "q": q},
        },
    )


def _current_certificate(official: Official) -> Certificate | None:
    return official.certificates.order_by("-valid_from", "-id").first()


def _official_actions():
    def manage(user, official):
        return rules.can_manage_registry(user, official.body.division)

    def cert(official):
        return _current_certificate(official)

    def cert_in(official, *statuses):
        current = cert(official)
        return current is not None and current.status in statuses

    def may_apply(official):
        current = cert(official)
        return (
            current is None
            or current.status in ("expired", "revoked")
            or (current.status == "lost" and hasattr(current, "replaced_by"))
        )

    def apply(user, official, c):
        services.certificate_apply(actor=user, official=official, **c)
        return _("The certificate is issued.")

    return {
        "exam": Action(
            gettext_lazy("Record a law exam result"),
            lambda o, data: forms.ExamForm(data, prefix="exam"),
            lambda user, o, c: (
                services.law_exam_result_record(actor=user, official=o, **c)
                and _("The exam result is recorded.")
            ),
            manage,
        ),
        "apply": Action(
            gettext_lazy("Apply for a certificate"),
            lambda o, data: forms.CertificateApplyForm(
                data, prefix="apply", initial={"area": f"{o.body.division.name}行政区域"}
            ),
            apply,
            lambda user, o: manage(user, o) and may_apply(o),
        ),
        "review": Action(
            gettext_lazy("Annual review"),
            lambda o, data: forms.AnnualReviewForm(
                data, prefix="review", initial={"year": _today().year}
            ),
            lambda user, o, c: (
                services.certificate_review(actor=user, certificate=cert(o), **c)
                and _("The annual review is recorded.")
            ),
            lambda user, o: manage(user, o) and cert_in(o, "valid", "suspended"),
        ),
        "suspend": Action(
            gettext_lazy("Suspend the certificate"),
            lambda o, data: forms.ReasonForm(data, prefix="suspend"),
            lambda user, o, c: (
                services.certificate_suspend(actor=user, certificate=cert(o), **c)
                and _("The certificate is suspended.")
            ),
            lambda user, o: manage(user, o) and cert_in(o, "valid"),
            secondary=True,
        ),
        "reinstate": Action(
            gettext_lazy("Reinstate the certificate"),
            lambda o, data: forms.ReasonForm(data, prefix="reinstate"),
            lambda user, o, c: (
                services.certificate_reinstate(actor=user, certificate=cert(o), **c)
                and _("The certificate is valid again.")
            ),
            lambda user, o: manage(user, o) and cert_in(o, "suspended"),
        ),
        "lost": Action(
            gettext_lazy("Report the certificate lost"),
            lambda o, data: forms.DayForm(data, prefix="lost"),
            lambda user, o, c: (
                services.certificate_report_lost(actor=user, certificate=cert(o), **c)
                and _("The certificate is reported lost.")
            ),
            lambda user, o: manage(user, o) and cert_in(o, "valid", "suspended"),
            secondary=True,
        ),
        "reissue": Action(
            gettext_lazy("Reissue the lost certificate"),
            lambda o, data: forms.ReissueForm(data, prefix="reissue"),
            lambda user, o, c: (
                services.certificate_reissue(actor=user, certificate=cert(o), **c)
                and _("A new certificate is issued.")
            ),
            lambda user, o: (
                manage(user, o) and cert_in(o, "lost") and not hasattr(cert(o), "replaced_by")
            ),
        ),
        "revoke": Action(
            gettext_lazy("Revoke the certificate"),
            lambda o, data: forms.ReasonForm(data, prefix="revoke"),
            lambda user, o, c: (
                services.certificate_revoke(actor=user, certificate=cert(o), **c)
                and _("The certificate is revoked.")
            ),
            lambda user, o: manage(user, o) and cert_in(o, "valid", "suspended"),
            secondary=True,
        ),
        "update": Action(
            gettext_lazy("Change post or staffing"),
            lambda o, data: forms.OfficialUpdateForm(
                data,
                prefix="update",
                initial={
                    "post": o.post,
                    "phone": o.phone,
                    "on_establishment": o.on_establishment,
                    "in_enforcement_post": o.in_enforcement_post,
                },
            ),
            lambda user, o, c: (
                services.official_update(actor=user, official=o, **c)
                and _("The official's record is changed.")
            ),
            manage,
            secondary=True,
        ),
        "sanction": Action(
            gettext_lazy("Record a disciplinary sanction"),
            lambda o, data: forms.SanctionForm(data, prefix="sanction"),
            lambda user, o, c: (
                services.official_record_sanction(actor=user, official=o, **c)
                and _("The sanction is recorded.")
            ),
            manage,
            secondary=True,
        ),
    }


def _official_detail(request, official, bound=None):
    context = {
        "official": official,
        "id_number": mask_id_number(official.id_number),
        "phone": mask_phone(official.phone),
        "certificates": official.certificates.order_by("-valid_from", "-id"),
        "exams": official.exam_results.all(),
        "applications": official.applications.all(),
        "eligibility": services.certificate_eligibility(official, _today()),
        "forms": _forms(request.user, official, _official_actions(), bound),
    }
    return render(request, "enforcement/office/official.html", context)


@staff_required
def official(request, pk: int):
    return _official_detail(
        request, get_object_or_404(selectors.officials_visible_to(request.user), pk=pk)
    )


@staff_required
@require_POST
def official_action(request, pk: int, action: str):
    official = get_object_or_404(selectors.officials_visible_to(request.user), pk=pk)
    try:
        response = _handle_action(request, official, _official_actions(), action, _official_detail)
    except services.CertificateRefused:  # pragma: no cover - handled by run_service
        raise
    return response or redirect("enforcement:official", pk=official.pk)


# ---------------------------------------------------------------------------------------------
# Case files
# ---------------------------------------------------------------------------------------------


@staff_required
def case_files(request):
    rows = selectors.case_files_visible_to(request.user)
    status = request.GET.get("status", "")
    if status in CaseFile.Status.values:
        rows = rows.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(Q(number__contains=q) | Q(parties__contains=q))
    page = Paginator(rows.order_by("-filed_on", "-id"), 50).get_page(request.GET.get("page"))
    due = {
        c.owner_id: c
        for c in Clock.objects.filter(
            owner_type="enforcement.casefile",
            owner_id__in=[str(f.pk) for f in page.object_list],
            purpose=services.DECISION,
        )
    }
    for row in page.object_list:
        row.decision_clock = due.get(str(row.pk))
    return render(
        request,
        "enforcement/office/case_files.html",
        {
            "page_obj": page,
            "rows": page.object_list,
            "statuses": CaseFile.Status.choices,
            "filters": {"status": status, "q": q},
            "bodies": [
                b
                for b in selectors.bodies_visible_to(request.user)
                .filter(status="confirmed")
                .select_related("division__parent__parent")  # the county, without a query
                if rules.can_handle_case_files(request.user, b)
            ],
            "today": _today(),
        },
    )


@staff_required
def case_file_new(request, body_pk: int):
    body = get_object_or_404(
        selectors.bodies_visible_to(request.user).filter(status="confirmed"), pk=body_pk
    )
    if not rules.can_handle_case_files(request.user, body):
        return common_views.forbidden(request)
    form = forms.CaseFileForm(request.POST or None, body=body)
    created = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def call():
            nonlocal created
            created = services.casefile_file(actor=request.user, body=body, **data)

        try:
            ok = run_service(form, call)
        except NotPermitted as error:
            return common_views.forbidden(request, error.message)
        if ok:
            messages.success(request, _("The case is filed; its clock runs from the next day."))
            return redirect("enforcement:case_file", pk=created.pk)
    return render(request, "enforcement/office/case_file_new.html", {"body": body, "form": form})


def _case_actions():
    def handle(user, cf):
        return rules.can_handle_case_files(user, cf.body)

    def at(*statuses):
        return lambda user, cf: handle(user, cf) and cf.status in statuses

    def step(service, message):
        def perform(user, cf, c):
            service(actor=user, case_file=cf, **c)
            return message

        return perform

    S = CaseFile.Status
    return {
        "investigate": Action(
            gettext_lazy("Record the end of the investigation"),
            lambda cf, data: forms.DayForm(data, prefix="investigate"),
            step(services.casefile_record_investigation, _("The investigation is recorded.")),
            at(S.FILED),
        ),
        "notify": Action(
            gettext_lazy("Record the notice of rights"),
            lambda cf, data: forms.DayForm(data, prefix="notify"),
            step(services.casefile_notify_rights, _("The notice of rights is recorded.")),
            at(S.INVESTIGATED),
        ),
        "hearing": Action(
            gettext_lazy("Record the hearing"),
            lambda cf, data: forms.DayForm(data, prefix="hearing"),
            step(services.casefile_record_hearing, _("The hearing is recorded.")),
            at(S.NOTIFIED),
        ),
        "request_review": Action(
            gettext_lazy("Send to the legality review"),
            lambda cf, data: forms.DayForm(data, prefix="request_review"),
            step(services.casefile_request_review, _("The case is sent to the legality review.")),
            lambda user, cf: cf.is_major and at(S.INVESTIGATED, S.NOTIFIED, S.HEARING)(user, cf),
        ),
        "review": Action(
            gettext_lazy("Record the legality review"),
            lambda cf, data: forms.LegalityReviewForm(data, prefix="review"),
            step(services.casefile_record_review, _("The legality review is recorded.")),
            lambda user, cf: (
                cf.status == S.IN_REVIEW and rules.can_review_legality(user, cf.body.division)
            ),
        ),
        "decide": Action(
            gettext_lazy("Record the decision"),
            lambda cf, data: forms.DecideForm(data, prefix="decide"),
            step(services.casefile_decide, _("The decision is recorded.")),
            at(S.INVESTIGATED, S.NOTIFIED, S.HEARING, S.REVIEWED),
        ),
        "serve": Action(
            gettext_lazy("Record the service of the decision"),
            lambda cf, data: forms.DayForm(data, prefix="serve"),
            step(services.casefile_serve, _("The service is recorded.")),
            at(S.DECIDED),
        ),
        "execute": Action(
            gettext_lazy("Record the execution"),
            lambda cf, data: forms.DayForm(data, prefix="execute"),
            step(services.casefile_record_execution, _("The execution is recorded.")),
            at(S.SERVED),
        ),
        "close": Action(
            gettext_lazy("Close the case"),
            lambda cf, data: forms.DayForm(data, prefix="close"),
            step(services.casefile_close, _("The case is closed.")),
            at(S.SERVED, S.EXECUTED),
        ),
        "assign": Action(
            gettext_lazy("Change the officials"),
            lambda cf, data: forms.AssignForm(data, case_file=cf, prefix="assign"),
            step(services.casefile_assign_officials, _("The officials are changed.")),
            lambda user, cf: handle(user, cf) and cf.status in CaseFile.OPEN_STATUSES,
            secondary=True,
        ),
        "suspend_clock": Action(
            gettext_lazy("Stop the 90 days (hearing, appraisal …)"),
            lambda cf, data: forms.SuspendClockForm(data, prefix="suspend_clock"),
            step(services.casefile_suspend_clock, _("The clock is stopped.")),
            lambda user, cf: handle(user, cf) and _decision_status(cf) == "running",
            secondary=True,
        ),
        "resume_clock": Action(
            gettext_lazy("Run the 90 days again"),
            lambda cf, data: forms.DayForm(data, prefix="resume_clock"),
            step(services.casefile_resume_clock, _("The clock runs again.")),
            lambda user, cf: handle(user, cf) and _decision_status(cf) == "suspended",
        ),
        "extend": Action(
            gettext_lazy("Approve an extension"),
            lambda cf, data: forms.ExtendForm(data, prefix="extend"),
            step(services.casefile_extend, _("The time limit is extended.")),
            lambda user, cf: (
                rules.is_head_of_body(user, cf.body)
                and cf.status in CaseFile.OPEN_STATUSES
                and _decision_status(cf) is not None
            ),
            secondary=True,
        ),
        "withdraw": Action(
            gettext_lazy("Withdraw the case"),
            lambda cf, data: forms.ReasonForm(data, prefix="withdraw"),
            step(services.casefile_withdraw, _("The case is withdrawn.")),
            at(S.FILED, S.INVESTIGATED),
            secondary=True,
        ),
        "file": Action(
            gettext_lazy("File the decision with the legal-affairs office"),
            lambda cf, data: forms.DayForm(data, prefix="file"),
            lambda user, cf, c: (
                services.filing_submit(actor=user, filing=cf.filing, **c)
                and _("The decision is filed.")
            ),
            lambda user, cf: (
                handle(user, cf) and _filing(cf) is not None and cf.filing.status == "due"
            ),
        ),
        "filing_review": Action(
            gettext_lazy("Review the filing"),
            lambda cf, data: forms.FilingReviewForm(data, prefix="filing_review"),
            lambda user, cf, c: (
                services.filing_review(actor=user, filing=cf.filing, **c)
                and _("The filing review is recorded.")
            ),
            lambda user, cf: (
                _filing(cf) is not None
                and cf.filing.status == "filed"
                and rules.can_manage_registry(user, cf.body.division)
            ),
        ),
    }


def _decision_status(case_file: CaseFile) -> str | None:
    clock = services.case_clock(case_file, services.DECISION, open_only=True)
    return clock.status if clock else None


def _filing(case_file: CaseFile) -> MajorPenaltyFiling | None:
    try:
        return case_file.filing
    except MajorPenaltyFiling.DoesNotExist:
        return None


def _case_detail(request, case_file, bound=None):
    filing = _filing(case_file)
    context = {
        "cf": case_file,
        "officials": case_file.officials.all(),
        "decision_clock": _clock(case_file, services.DECISION),
        "service_clock": _clock(case_file, services.SERVICE),
        "filing": filing,
        "filing_clock": _clock(filing, services.FILING) if filing else None,
        "forms": _forms(request.user, case_file, _case_actions(), bound),
        "today": _today(),
    }
    return render(request, "enforcement/office/case_file.html", context)


@staff_required
def case_file(request, pk: int):
    return _case_detail(
        request, get_object_or_404(selectors.case_files_visible_to(request.user), pk=pk)
    )


@staff_required
@require_POST
def case_file_action(request, pk: int, action: str):
    case_file = get_object_or_404(selectors.case_files_visible_to(request.user), pk=pk)
    response = _handle_action(request, case_file, _case_actions(), action, _case_detail)
    return response or redirect("enforcement:case_file", pk=case_file.pk)


@staff_required
def filings(request):
    rows = selectors.filings_visible_to(request.user).order_by("status", "due_on")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/office/filings.html",
        {"page_obj": page, "rows": page.object_list, "today": _today()},
    )


# ---------------------------------------------------------------------------------------------
# Evaluation campaigns
# ---------------------------------------------------------------------------------------------


@staff_required
def campaigns(request):
    county = _county(request.user)
    may_manage = rules.can_manage_registry(request.user, county)
    form = forms.CampaignForm(request.POST or None, initial={"year": _today().year - 1})
    if request.method == "POST":
        if not may_manage:
            return common_views.forbidden(request)
        created = None
        if form.is_valid():

            def call():
                nonlocal created
                created = services.campaign_create(
                    actor=request.user, division=county, **form.cleaned_data
                )

            if run_service(form, call):
                messages.success(request, _("The campaign is created."))
                return redirect("enforcement:campaign", pk=created.pk)
    rows = selectors.campaigns_visible_to(request.user).annotate(
        sampled=Count("evaluations"), scored=Count("evaluations__score")
    )
    return render(
        request,
        "enforcement/office/campaigns.html",
        {"rows": rows, "form": form if may_manage else None},
    )


def _campaign_detail(request, campaign, *, bound_score=None, bound_error=None):
    from zhengwu.enforcement.figures import body_ranking

    may_manage = rules.can_manage_registry(request.user, campaign.division)
    checklist = list(campaign.checklist.all())
    evaluations = list(
        campaign.evaluations.select_related("case_file", "body__department").order_by(
            "body__department__code", "case_file__number"
        )
    )
    score_forms = {}
    if may_manage and campaign.status == EvaluationCampaign.Status.SAMPLED:
        for evaluation in evaluations:
            if bound_score and bound_score[0] == evaluation.pk:
                score_forms[evaluation.pk] = bound_score[1]
            elif evaluation.score is None:
                score_forms[evaluation.pk] = forms.ScoreForm(
                    checklist=checklist, prefix=f"e{evaluation.pk}"
                )
    for evaluation in evaluations:
        evaluation.form = score_forms.get(evaluation.pk)
    context = {
        "campaign": campaign,
        "checklist": checklist,
        "total_points": sum(i.points for i in checklist),
        "evaluations": evaluations,
        "ranking": body_ranking(Evaluation.objects.filter(campaign=campaign)),
        "may_manage": may_manage,
        "error": bound_error,
    }
    return render(request, "enforcement/office/campaign.html", context)


@staff_required
def campaign(request, pk: int):
    return _campaign_detail(
        request, get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    )


@staff_required
@require_POST
def campaign_action(request, pk: int, action: str):
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    if not rules.can_manage_registry(request.user, campaign.division):
        return common_views.forbidden(request)
    try:
        if action == "sample":
            sampled = services.campaign_sample(actor=request.user, campaign=campaign)
            messages.success(request, _("%(n)s case files are sampled.") % {"n": len(sampled)})
        elif action == "close":
            services.campaign_close(actor=request.user, campaign=campaign)
            messages.success(request, _("The campaign is closed."))
        elif action == "score":
            evaluation = get_object_or_404(
                Evaluation, campaign=campaign, pk=request.POST.get("evaluation", "0") or 0
            )
            form = forms.ScoreForm(
                request.POST, checklist=list(campaign.checklist.all()), prefix=f"e{evaluation.pk}"
            )
            ok = False
            if form.is_valid():
                data = dict(form.cleaned_data)
                note = data.pop("note", "")

                def call():
                    services.evaluation_score(
                        actor=request.user, evaluation=evaluation, marks=data, note=note
                    )

                ok = run_service(form, call)
            if not ok:
                return _campaign_detail(request, campaign, bound_score=(evaluation.pk, form))
            messages.success(request, _("The score is recorded."))
        else:
            raise Http404
    except NotPermitted as error:
        return common_views.forbidden(request, error.message)
    except DomainError as error:
        campaign.refresh_from_db()
        return _campaign_detail(request, campaign, bound_error=str(error.message))
    return redirect("enforcement:campaign", pk=campaign.pk)


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------


@staff_required
def export_registry(request, registry: str):
    if registry not in export.REGISTRIES:
        raise Http404
    content = export.registry_xlsx(registry, request.user)
    return xlsx_response(content, f"enforcement-{registry}-{_today().isoformat()}.xlsx")

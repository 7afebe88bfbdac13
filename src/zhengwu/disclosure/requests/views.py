"""Pages of disclosure requests.

The public (portal): the application form (with or without an account; a logged-in applicant's
details are filled in), the page with the request number and the query code (shown once), and
tracking by number and query code. A logged-in applicant also has the list of their own requests,
each with its correction and withdrawal forms.

The office (workbench): the list with filters and the reply's due date, the counter intake of
applications received in person, by post, fax or e-mail, and the request page with its summary,
clocks, timeline and the forms of the actions the user may take.

The written reply (DOCX) is downloaded by the staff who see the request, by the applicant's
account, and by whoever tracked the request with its query code in the same session.
"""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.common.identity import mask_id_number, mask_phone
from zhengwu.common.throttle import LookupThrottle
from zhengwu.disclosure.models.requests import DisclosureRequest, Outcome
from zhengwu.disclosure.requests import forms as request_forms
from zhengwu.disclosure.requests import selectors, services
from zhengwu.org.models import Department
from zhengwu.org.selectors import home_county
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock
from zhengwu.workdays.selectors import clock_progress

PER_PAGE = 20
CODES_SESSION_KEY = "zhengwu.disclosure.query_codes"
TRACKED_SESSION_KEY = "zhengwu.disclosure.tracked"
TRACKING = LookupThrottle("disclosure-request")
S = DisclosureRequest.Status

CLOCK_LABELS = {
    services.REPLY: gettext_lazy("Reply period"),
    services.CORRECTION_WINDOW: gettext_lazy("Period for asking a correction"),
}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _forbidden(request, message=None):
    error = NotPermitted(message) if message else NotPermitted()
    template = "cases/forbidden.html"
    if not request.user.is_authenticated or request.user.is_applicant:
        template = "cases/forbidden_portal.html"
    return render(request, template, {"message": str(error.message)}, status=403)


def staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.is_applicant:
            return redirect("disclosure:request_mine")
        if not request.user.has_perm("org.use_workbench"):
            return _forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


def applicant_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_applicant:
            return redirect("disclosure:request_list")
        return view(request, *args, **kwargs)

    return wrapped


def _visible(user, number: str) -> DisclosureRequest:
    """The request, or 404 for one the user may not see (its existence is not told)."""
    return get_object_or_404(
        selectors.requests_visible_to(user).select_related(
            "department__division", "division", "applicant_user", "entered_by", "replied_by"
        ),
        number=number,
    )


def _add_errors(form, error: ValidationError, renames: dict | None = None) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            field = (renames or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# DomainError codes that belong to one field.
FIELDS_FOR_CODES = {
    "future_date": "on",
    "invalid_date": "on",
    "invalid_extension": "days",
    "extension_exceeds_limit": "days",
}


def run_service(form, call, *, renames=None) -> bool:
    """Call the service for a valid form; what it refuses goes on the form. NotPermitted goes up."""
    try:
        call()
    except NotPermitted:
        raise
    except ValidationError as error:
        _add_errors(form, error, renames)
        return False
    except DomainError as error:
        field = FIELDS_FOR_CODES.get(error.code)
        form.add_error(field if field in form.fields else None, str(error.message))
        return False
    return True


def deadline_info(clock: Clock | None, today: datetime.date):
    if clock is None:
        return None
    progress = clock_progress(clock, today)
    return {
        "clock": clock,
        "label": CLOCK_LABELS.get(clock.purpose, clock.purpose),
        "state": progress.state,
        "days_left": max(progress.working_days_left, 0),
        "days_over": max(-progress.working_days_left, 0),
    }


def timeline_rows(request: DisclosureRequest, *, for_public: bool = False) -> list[dict]:
    """Rows for ``cases/partials/timeline.html``."""
    rows = []
    for entry in selectors.request_timeline(request, for_public=for_public):
        items = entry.detail.get("items") if entry.action == "request_ask_correction" else None
        rows.append(
            {
                "at": entry.at,
                "action": entry.action,
                "label": entry.label,
                "by": entry.by,
                "stage": "",
                "verdict": "",
                "reason": entry.reason,
                "items": items or [],
            }
        )
    return rows


def _departments():
    return selectors.request_departments(home_county())


def _remember_code(request, number: str, code: str) -> None:
    codes = request.session.get(CODES_SESSION_KEY, {})
    codes[number] = code
    request.session[CODES_SESSION_KEY] = codes


def _remember_tracked(request, req: DisclosureRequest) -> None:
    tracked = request.session.get(TRACKED_SESSION_KEY, [])
    if req.pk not in tracked:
        request.session[TRACKED_SESSION_KEY] = [*tracked, req.pk][-20:]


def _public_context(req: DisclosureRequest) -> dict:
    today = timezone.localdate()
    deadline = None if req.status == S.CORRECTION else selectors.request_deadline(req)
    return {
        "req": req,
        "deadline": deadline_info(deadline, today) if req.is_open else None,
        "timeline": timeline_rows(req, for_public=True),
        "correction": req.corrections.filter(answered_on__isnull=True, lapsed_on__isnull=True)
        .order_by("-id")
        .first()
        if req.status == S.CORRECTION
        else None,
        "today": today,
    }


# ---------------------------------------------------------------------------------------------
# The public: apply, the number and query code, tracking
# ---------------------------------------------------------------------------------------------


def request_apply(request):
    user = request.user if request.user.is_authenticated else None
    if user is not None and not user.is_applicant:
        return redirect("disclosure:request_intake")
    departments = _departments()
    if request.method == "POST":
        form = request_forms.ApplicationForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            submission = None

            def call():
                nonlocal submission
                submission = services.request_submit(
                    actor=user,
                    department=data["department"],
                    data=form.application(),
                    idempotency_key=data.get("idempotency_key") or "",
                )

            if run_service(form, call):
                if submission.query_code:
                    _remember_code(request, submission.request.number, submission.query_code)
                return redirect("disclosure:request_submitted", number=submission.request.number)
    else:
        form = request_forms.ApplicationForm(departments=departments, user=user)
    return render(
        request,
        "disclosure/requests/apply.html",
        {"form": form, "has_departments": departments.exists()},
    )


def request_submitted(request, number: str):
    """The request number and, once, its query code (for the applicant or the office that just
    entered it)."""
    codes = request.session.get(CODES_SESSION_KEY, {})
    code = codes.pop(number, None)
    request.session[CODES_SESSION_KEY] = codes
    if code is None and request.user.is_authenticated:
        req = _visible(request.user, number)
    else:
        if code is None:
            raise Http404
        req = get_object_or_404(
            DisclosureRequest.objects.select_related("department"), number=number
        )
        _remember_tracked(request, req)
    staff = request.user.is_authenticated and not request.user.is_applicant
    return render(
        request,
        "disclosure/requests/submitted.html",
        {
            "req": req,
            "query_code": code,
            "base_template": "workbench/base.html" if staff else "portal/base.html",
        },
    )


def request_track(request):
    """Find a request by its number and query code, without logging in. Posted, so the code
    stays out of addresses and logs; the answer is the same whether the number or code is
    wrong."""
    req = None
    if request.method == "POST":
        form = request_forms.TrackForm(request.POST)
        if form.is_valid():
            number, code = form.cleaned_data["number"], form.cleaned_data["code"]
            if TRACKING.blocked(number):
                form.add_error(
                    None,
                    _("Too many attempts for this number. Please try again in %(n)s minutes.")
                    % {"n": TRACKING.window_minutes},
                )
            else:
                req = selectors.request_track(number, code)
                if req is None:
                    TRACKING.failed(number)
                    form.add_error(
                        None,
                        _(
                            "No request matches this number and query code. Check both and try "
                            "again, or ask the disclosure office."
                        ),
                    )
                else:
                    _remember_tracked(request, req)
    else:
        form = request_forms.TrackForm()
    context = {"form": form, "req": req}
    if req is not None:
        context.update(_public_context(req))
    return render(request, "disclosure/requests/track.html", context)


def request_reply_download(request, number: str):
    """The written reply: for those who see the request, or who tracked it in this session."""
    req = None
    if request.user.is_authenticated:
        req = selectors.requests_visible_to(request.user).filter(number=number).first()
    if req is None:
        tracked = request.session.get(TRACKED_SESSION_KEY, [])
        req = DisclosureRequest.objects.filter(number=number, pk__in=tracked).first()
    if req is None or not req.reply_document:
        raise Http404
    try:
        handle = req.reply_document.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the store.")) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{req.number}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


# ---------------------------------------------------------------------------------------------
# The applicant's own requests
# ---------------------------------------------------------------------------------------------


@applicant_required
def request_mine(request):
    requests = selectors.requests_of_applicant(request.user).order_by("-submitted_at", "-id")
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "disclosure/requests/mine.html", {"page_obj": page})


def _my_forms(user, req: DisclosureRequest, bound: dict | None = None) -> dict:
    forms = {}
    if req.status == S.CORRECTION and services.is_applicant_of(user, req):
        forms["correct"] = request_forms.MyCorrectionForm(
            prefix="correct", initial={"description": req.description}
        )
    if req.is_open and services.is_applicant_of(user, req):
        forms["withdraw"] = request_forms.MyWithdrawForm(prefix="withdraw")
    forms.update(bound or {})
    return forms


@applicant_required
def request_my(request, number: str):
    req = _visible(request.user, number)
    bound = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "correct":
            form = request_forms.MyCorrectionForm(request.POST, prefix="correct")

            def call():
                services.request_supply_correction(
                    actor=request.user,
                    request=req,
                    description=form.cleaned_data["description"],
                    note=form.cleaned_data["note"],
                )

            done = _("Thank you: your corrected application is received.")
        elif action == "withdraw":
            form = request_forms.MyWithdrawForm(request.POST, prefix="withdraw")

            def call():
                services.request_withdraw(
                    actor=request.user, request=req, reason=form.cleaned_data["reason"]
                )

            done = _("Your application has been withdrawn.")
        else:
            raise Http404
        try:
            ok = form.is_valid() and run_service(form, call)
        except NotPermitted as error:
            return _forbidden(request, error.message)
        if ok:
            messages.success(request, done)
            return redirect("disclosure:request_my", number=req.number)
        bound = {action: form}
    context = {**_public_context(req), "forms": _my_forms(request.user, req, bound)}
    return render(request, "disclosure/requests/my_request.html", context)


# ---------------------------------------------------------------------------------------------
# The office: list, intake, request page
# ---------------------------------------------------------------------------------------------


def _list_filters(request, departments) -> dict:
    get = request.GET
    status = get.get("status", "")
    outcome = get.get("outcome", "")
    try:
        department = int(get.get("department") or 0) or None
    except ValueError:
        department = None
    return {
        "status": status if status in S.values else "",
        "outcome": outcome if outcome in Outcome.values else "",
        "department": department if department in {d.pk for d in departments} else None,
        "overdue": get.get("overdue") == "1",
        "query": get.get("q", "").strip()[:100],
    }


@staff_required
def request_list(request):
    today = timezone.localdate()
    county = home_county()
    departments = list(
        Department.objects.filter(
            pk__in=selectors.requests_visible_to(request.user).values("department")
        ).order_by("division__code", "code")
    )
    filters = _list_filters(request, departments)
    requests = selectors.requests_list(request.user, on=today, **filters)
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    calendar = get_calendar()
    rows = list(page.object_list)
    for row in rows:
        row.waiting = row.status in selectors.RUNNING_STATUSES
        row.days_left = None
        row.overdue = False
        if row.reply_due and row.waiting and row.reply_clock_status == Clock.Status.RUNNING:
            row.days_left = calendar.workdays_between(today, row.reply_due)
            row.overdue = row.reply_due < today
            row.days_over = -row.days_left
    awaiting = selectors.requests_awaiting_confirmation(request.user).count()
    return render(
        request,
        "disclosure/requests/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "filters": filters,
            "departments": departments,
            "statuses": S.choices,
            "outcomes": Outcome.choices,
            "awaiting": awaiting,
            "county": county,
            "today": today,
        },
    )


@staff_required
def request_intake(request):
    """Enter an application received in person, by post, fax or e-mail."""
    departments = _departments()
    if request.method == "POST":
        form = request_forms.IntakeForm(request.POST, departments=departments)
        if form.is_valid():
            data = form.cleaned_data
            submission = None

            def call():
                nonlocal submission
                submission = services.request_submit(
                    actor=request.user,
                    department=data["department"],
                    data=form.application(),
                    channel=data["channel"],
                    received_on=data["received_on"],
                    idempotency_key=data.get("idempotency_key") or "",
                )

            try:
                ok = run_service(form, call)
            except NotPermitted as error:
                return _forbidden(request, error.message)
            if ok:
                if submission.query_code:
                    _remember_code(request, submission.request.number, submission.query_code)
                return redirect("disclosure:request_submitted", number=submission.request.number)
    else:
        form = request_forms.IntakeForm(departments=departments)
    return render(request, "disclosure/requests/intake.html", {"form": form})


# The office's actions: the form, who may see it, and the service.
ACTIONS = {
    "confirm": (request_forms.ConfirmForm, gettext_lazy("Confirm receipt")),
    "accept": (request_forms.AcceptForm, gettext_lazy("Take into processing")),
    "correction": (request_forms.CorrectionForm, gettext_lazy("Ask for a correction")),
    "supply": (request_forms.SupplyForm, gettext_lazy("Record the correction")),
    "consult": (request_forms.ConsultForm, gettext_lazy("Consult")),
    "answer": (request_forms.AnswerForm, gettext_lazy("Record the answer")),
    "extend": (request_forms.ExtendForm, gettext_lazy("Extend the reply period")),
    "reply": (request_forms.ReplyForm, gettext_lazy("Reply")),
    "fee": (request_forms.FeeForm, gettext_lazy("Record a processing fee")),
    "withdraw": (request_forms.WithdrawForm, gettext_lazy("Record a withdrawal")),
}


def available_actions(user, req: DisclosureRequest, today: datetime.date) -> list[str]:
    """What ``user`` may do with ``req`` now."""
    handler = services.may_handle(user, req)
    head = services.may_approve_extension(user, req)
    if not (handler or head):
        return []
    actions = []
    status = req.status
    if handler:
        if status == S.SUBMITTED:
            actions.append("confirm")
        if status == S.RECEIVED:
            actions.append("accept")
        if (
            status in (S.RECEIVED, S.IN_PROCESS)
            and req.correction_requested_on is None
            and today <= services.correction_deadline(req)
        ):
            actions.append("correction")
        if status == S.CORRECTION:
            actions.append("supply")
        if status == S.CONSULTATION:
            actions.append("answer")
        if status in (S.RECEIVED, S.IN_PROCESS, S.CONSULTATION):
            actions.append("consult")
        if status in (S.RECEIVED, S.IN_PROCESS):
            actions.append("reply")
    if status in (S.RECEIVED, S.IN_PROCESS, S.CONSULTATION):
        clock = services.request_clock(req, services.REPLY)
        if clock is not None and clock.extended_days == 0 and today <= clock.due_date:
            actions.append("extend")
    if handler and req.is_open and status != S.SUBMITTED:
        actions.append("fee")
    if handler and req.is_open:
        actions.append("withdraw")
    return actions


def make_form(action: str, req: DisclosureRequest, user, data=None):
    form_class = ACTIONS[action][0]
    kwargs = {"prefix": action}
    if action == "answer":
        kwargs["request"] = req
    if action == "extend":
        kwargs["request"] = req
        kwargs["user"] = user
    return form_class(data, **kwargs)


def _perform(action: str, user, req: DisclosureRequest, data: dict) -> str:
    day = data["on"]
    number = req.number
    if action == "confirm":
        services.request_confirm_receipt(actor=user, request=req, on=day)
        return _("Request %(number)s is received; its reply period runs.") % {"number": number}
    if action == "accept":
        services.request_accept(actor=user, request=req, on=day)
        return _("Request %(number)s is in process.") % {"number": number}
    if action == "correction":
        notice = services.request_ask_correction(
            actor=user, request=req, items=data["items"], period_days=data["period_days"], on=day
        )
        return _("The correction notice is issued; the applicant has until %(due)s.") % {
            "due": notice.due_on.isoformat()
        }
    if action == "supply":
        services.request_supply_correction(
            actor=user, request=req, description=data["description"], note=data["note"], on=day
        )
        return _("The correction is recorded; the reply period runs again.")
    if action == "consult":
        services.request_consult(
            actor=user,
            request=req,
            kind=data["kind"],
            party=data["party"],
            question=data["question"],
            on=day,
        )
        return _("The consultation is recorded; the reply period stops meanwhile.")
    if action == "answer":
        services.request_consultation_answered(
            actor=user, consultation=data["consultation"], answer=data["answer"], on=day
        )
        return _("The answer is recorded.")
    if action == "extend":
        clock = services.request_extend(
            actor=user,
            request=req,
            days=data["days"],
            reason=data["reason"],
            approved_by=data["approved_by"],
            on=day,
        )
        return _("The reply period now ends on %(due)s; the applicant is told.") % {
            "due": clock.due_date.isoformat()
        }
    if action == "reply":
        outcome, ground = data["decision"]
        services.request_reply(
            actor=user,
            request=req,
            outcome=outcome,
            sub_ground=ground,
            text=data["text"],
            legal_basis=data["legal_basis"],
            on=day,
        )
        return _("The reply to request %(number)s is recorded and its written reply made.") % {
            "number": number
        }
    if action == "fee":
        services.request_record_fee(actor=user, request=req, amount=data["amount"], on=day)
        return _("The processing fee is recorded.")
    if action == "withdraw":
        services.request_withdraw(actor=user, request=req, reason=data["reason"], on=day)
        return _("The withdrawal is recorded.")
    raise Http404


def detail_context(request, req: DisclosureRequest, *, bound=None) -> dict:
    today = timezone.localdate()
    user = request.user
    forms = {}
    for action in available_actions(user, req, today):
        if bound is not None and bound[0] == action:
            forms[action] = bound[1]
        else:
            forms[action] = make_form(action, req, user)
    clocks = [
        {"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)}
        for c in selectors.request_clocks(req)
    ]
    show_personal = services.may_handle(user, req)
    deadline = None if req.status == S.CORRECTION else selectors.request_deadline(req)
    return {
        "req": req,
        "forms": [(action, ACTIONS[action][1], form) for action, form in forms.items()],
        "clocks": clocks,
        "deadline": deadline_info(deadline, today) if req.is_open else None,
        "correction_deadline": services.correction_deadline(req),
        "corrections": list(req.corrections.select_related("issued_by").order_by("id")),
        "consultations": list(req.consultations.order_by("sent_on", "id")),
        "timeline": timeline_rows(req),
        "id_number": req.id_number if show_personal else mask_id_number(req.id_number),
        "phone": req.phone if show_personal else mask_phone(req.phone),
        "show_personal": show_personal,
        "today": today,
    }


@staff_required
def request_detail(request, number: str):
    req = _visible(request.user, number)
    return render(request, "disclosure/requests/detail.html", detail_context(request, req))


@staff_required
@require_POST
def request_action(request, number: str, action: str):
    if action not in ACTIONS:
        raise Http404
    req = _visible(request.user, number)
    # Someone without the role gets "not permitted"; a step the state no longer allows goes to
    # the service, which says why.
    may = services.may_handle(request.user, req) or services.may_approve_extension(
        request.user, req
    )
    if not may:
        return _forbidden(request)
    form = make_form(action, req, request.user, request.POST)
    message = ""
    ok = False
    if form.is_valid():

        def call():
            nonlocal message
            message = _perform(action, request.user, req, form.cleaned_data)

        try:
            ok = run_service(form, call, renames={"outcome": "decision"})
        except NotPermitted as error:
            return _forbidden(request, error.message)
    if not ok:
        req.refresh_from_db()
        context = detail_context(request, req, bound=(action, form))
        if action not in [a for a, _label, _form in context["forms"]]:
            context["forms"].insert(0, (action, ACTIONS[action][1], form))
        return render(request, "disclosure/requests/detail.html", context, status=200)
    messages.success(request, message)
    return redirect("disclosure:request_detail", number=req.number)

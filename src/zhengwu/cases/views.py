"""Pages of cases.

The applicant (portal): apply online for a matter, see the case number and query code once, track
a case by number and query code without logging in, follow their own cases, supply what a
correction notice asks for, withdraw, and rate the service once the case is completed.

The staff (workbench): the intake queue of a window, the task list (待办), and the case page with
its summary, timeline, materials, clocks, tasks and the forms for what the user may do.

Every action is a plain form POST that works without JavaScript (POST, then redirect). With htmx
(``HX-Request: true``) the same view answers with the part of the page the action changed, which
htmx swaps in place. Errors come back field by field, with what was typed kept. A service's
``NotPermitted`` becomes a 403 page, ``Conflict`` (or a refused move on a case someone changed
since the form was drawn) the message that someone else already did it, any other
``DomainError`` a message on the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.cases import forms as case_forms
from zhengwu.cases import services
from zhengwu.cases.models import Case, CaseMaterial, Rating, Task
from zhengwu.cases.selectors import (
    can_act_on_task,
    case_clocks,
    case_deadline,
    case_find,
    case_timeline,
    cases_visible_to,
    intake_for,
    is_waiting_for_forwarding,
    open_correction,
    stage_clocks,
    tasks_for,
)
from zhengwu.catalog import browse
from zhengwu.catalog.models import SERVICE_KINDS, Stage
from zhengwu.common.errors import Conflict, DomainError, IllegalTransition, NotPermitted
from zhengwu.common.throttle import LookupThrottle
from zhengwu.org.roles import Role
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import Clock
from zhengwu.workdays.selectors import clock_progress

PER_PAGE = 20

# The query code of a new case is shown once, on the page after the submission. It is kept
# for that page in the session and, for a double submission whose second request saved the
# session over the first one's, in the cache.
CODES_SESSION_KEY = "zhengwu.cases.query_codes"
CODE_CACHE_SECONDS = 15 * 60

# Public tracking: failed look-ups allowed per case number (existing or not) in a window.
TRACKING = LookupThrottle("case")

CLOCK_LABELS = {
    services.ACCEPTANCE: gettext_lazy("Deciding on acceptance"),
    services.LEGAL: gettext_lazy("Legal time limit"),
    services.PROMISED: gettext_lazy("Promised time limit"),
    services.INSTANT: gettext_lazy("Instant matter: handled the same day"),
    services.DELIVERY: gettext_lazy("Delivery of the result"),
}

# Statuses in which the applicant may still withdraw (services.TRANSITIONS).
WITHDRAWABLE = [s for s, moves in services.TRANSITIONS.items() if Case.Status.WITHDRAWN in moves]
WAITING = [Case.Status.SUBMITTED, Case.Status.CORRECTION]
REVIEW_KINDS_EXCLUDED = {Stage.Kind.ACCEPT, Stage.Kind.DECIDE, Stage.Kind.DELIVER}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _login_first(request):
    """The login page, then back here; an htmx request is told to load it as a whole page (its
    session may have timed out while the page stood open)."""
    if is_htmx(request):
        current = urlsplit(request.headers.get("HX-Current-URL") or "")
        back = current.path + (f"?{current.query}" if current.query else "")
        back = back or request.get_full_path()
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back})}"
        return response
    return redirect_to_login(request.get_full_path())


def _signed_in(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _login_first(request)
        return view(request, *args, **kwargs)

    return wrapped


def staff_required(view):
    """A logged-in member of staff who may use the workbench; an applicant goes to their cases."""

    @wraps(view)
    @_signed_in
    def wrapped(request, *args, **kwargs):
        if request.user.is_applicant:
            return redirect("cases:mine")
        if not request.user.has_perm("org.use_workbench"):
            return forbidden(request, NotPermitted())
        return view(request, *args, **kwargs)

    return wrapped


def applicant_required(view):
    """A logged-in citizen or organisation."""

    @wraps(view)
    @_signed_in
    def wrapped(request, *args, **kwargs):
        if not request.user.is_applicant:
            return forbidden(
                request, NotPermitted(_("These pages are for citizens and organisations."))
            )
        return view(request, *args, **kwargs)

    return wrapped


def _visible_case(user, number: str) -> Case:
    return get_object_or_404(
        cases_visible_to(user).select_related(
            "power_version__power",
            "department",
            "applicant",
            "submitted_by",
            "service_centre",
            "handling_centre",
        ),
        number=number,
    )


def seen_token(case: Case) -> str:
    return case.last_activity_at.isoformat()


def _stale(form, case: Case | None) -> bool:
    if case is None:
        return False
    seen = (getattr(form, "cleaned_data", None) or {}).get("seen") or ""
    return bool(seen) and seen != seen_token(case)


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError next to the fields it names (on the form when it names none)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class Outcome:
    DONE = "done"
    INVALID = "invalid"
    CONFLICT = "conflict"


def run_service(form, case: Case | None, call, *, fields_for_codes=None) -> str:
    """Call a service for a valid form; put what it refuses on the form. NotPermitted goes up."""
    try:
        call()
    except NotPermitted:
        raise
    except Conflict:
        return Outcome.CONFLICT
    except ValidationError as error:
        _add_errors(form, error)
        return Outcome.INVALID
    except DomainError as error:
        if isinstance(error, IllegalTransition) and _stale(form, case):
            return Outcome.CONFLICT
        field = (fields_for_codes or {}).get(error.code)
        form.add_error(field if field in form.fields else None, str(error.message))
        return Outcome.INVALID
    return Outcome.DONE


def forbidden(request, error: NotPermitted):
    """The 403 page; for htmx, the message swapped into the page's alert area."""
    context = {"message": str(error.message)}
    if is_htmx(request):
        response = render(request, "cases/partials/forbidden.html", context, status=403)
        response["HX-Retarget"] = "#action-alert"
        response["HX-Reswap"] = "innerHTML"
        return response
    template = (
        "cases/forbidden_portal.html" if request.user.is_applicant else "cases/forbidden.html"
    )
    return render(request, template, context, status=403)


def conflict_message() -> str:
    return _("Someone else has already done this. The page now shows the case as it stands.")


def deadline_info(clock: Clock | None, today):
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


def labelled_materials(case: Case) -> list[CaseMaterial]:
    """The case's files, each labelled with the catalog material it was filed as, when known."""
    materials = list(
        case.materials.select_related("uploaded_by", "catalog_material").order_by(
            "uploaded_at", "id"
        )
    )
    for material in materials:
        material.label = material.catalog_material.name if material.catalog_material else ""
    return materials


# ---------------------------------------------------------------------------------------------
# The applicant: apply online
# ---------------------------------------------------------------------------------------------


def _remember_code(request, case: Case, code: str) -> None:
    codes = request.session.get(CODES_SESSION_KEY, {})
    codes[case.number] = code
    request.session[CODES_SESSION_KEY] = codes
    cache.set(f"zhengwu:case-code:{request.user.pk}:{case.pk}", code, CODE_CACHE_SECONDS)


def _take_code(request, case: Case) -> str | None:
    codes = request.session.get(CODES_SESSION_KEY, {})
    code = codes.pop(case.number, None)
    request.session[CODES_SESSION_KEY] = codes
    key = f"zhengwu:case-code:{request.user.pk}:{case.pk}"
    code = code or cache.get(key)
    cache.delete(key)
    return code


@applicant_required
def apply(request, implementation_code: str):
    version = browse.published_version(implementation_code)
    if version is None:
        raise Http404(_("No published matter has this code."))
    power = version.power
    open_for_applications = (
        power.status == power.Status.IN_FORCE
        and power.current_id == version.pk
        and version.kind in SERVICE_KINDS
    )
    if request.method == "POST":
        form = case_forms.ApplicationForm(request.POST, request.FILES, version=version)
        if form.is_valid():
            pairs = form.uploads()
            form_data = {"note": form.cleaned_data["note"].strip()}
            submission = None

            def call():
                nonlocal submission
                submission = services.case_submit(
                    actor=request.user,
                    applicant=request.user,
                    power=power,
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    form_data=form_data,
                    files=list(pairs),
                )

            try:
                outcome = run_service(form, None, call)
            except NotPermitted as error:
                return forbidden(request, error)
            if outcome == Outcome.DONE:
                if submission.query_code:
                    _remember_code(request, submission.case, submission.query_code)
                return redirect("cases:submitted", number=submission.case.number)
    else:
        form = case_forms.ApplicationForm(version=version)
    return render(
        request,
        "cases/apply.html",
        {
            "version": version,
            "power": power,
            "form": form,
            "open_for_applications": open_for_applications,
        },
    )


@applicant_required
def submitted(request, number: str):
    case = _visible_case(request.user, number)
    code = _take_code(request, case)
    return render(request, "cases/submitted.html", {"case": case, "query_code": code})


# ---------------------------------------------------------------------------------------------
# The applicant: tracking without login
# ---------------------------------------------------------------------------------------------


def track(request):
    """Find a case by its number and query code. Posted, so the code stays out of addresses and
    logs; the answer is the same whether the number or the code is wrong."""
    case = None
    if request.method == "POST":
        form = case_forms.TrackForm(request.POST)
        if form.is_valid():
            number, code = form.cleaned_data["number"], form.cleaned_data["code"]
            if TRACKING.blocked(number):
                form.add_error(
                    None,
                    _("Too many attempts for this case number. Please try again in %(n)s minutes.")
                    % {"n": TRACKING.window_minutes},
                )
            else:
                case = case_find(number, code)
                if case is None:
                    TRACKING.failed(number)
                    form.add_error(
                        None,
                        _(
                            "No case matches this number and query code. Check both and try "
                            "again, or ask the service centre."
                        ),
                    )
    else:
        form = case_forms.TrackForm()
    context = {"form": form, "case": case}
    if case is not None:
        context.update(_public_case_context(case))
    return render(request, "cases/track.html", context)


# Steps whose written reason the applicant is told; a reviewer's opinion stays inside.
PUBLIC_REASONS = {
    "case_request_correction",
    "case_refuse",
    "case_extend",
    "case_decide",
    "case_withdraw",
    "case_rate",
    "rating_follow_up",
}


def timeline_rows(case: Case, tasks: list[Task] | None = None, *, for_public: bool = False):
    """The case's timeline with the name of the stage each completed task belongs to."""
    by_pk = {t.pk: t for t in (tasks if tasks is not None else case.tasks.all())}
    rows = []
    for entry in case_timeline(case, for_public=for_public):
        task = by_pk.get(entry.detail.get("task")) if entry.action == "task_complete" else None
        verdict = entry.detail.get("verdict") if entry.action == "task_complete" else ""
        if for_public:
            verdict = ""
        public_reason = entry.action in PUBLIC_REASONS
        rows.append(
            {
                "at": entry.at,
                "action": entry.action,
                "label": entry.label,
                "by": entry.by,
                "stage": task.name if task else "",
                "verdict": Task.Verdict(verdict).label if verdict in Task.Verdict.values else "",
                "reason": entry.reason if (public_reason or not for_public) else "",
                "items": entry.detail.get("items") or []
                if entry.action == "case_request_correction"
                else [],
            }
        )
    return rows


def _public_case_context(case: Case) -> dict:
    today = timezone.localdate()
    return {
        "timeline": timeline_rows(case, for_public=True),
        "deadline": deadline_info(case_deadline(case), today),
        "correction": open_correction(case),
        "today": today,
    }


# ---------------------------------------------------------------------------------------------
# The applicant: my cases
# ---------------------------------------------------------------------------------------------


@applicant_required
def my_cases(request):
    cases = (
        cases_visible_to(request.user)
        .filter(applicant=request.user)
        .select_related("power_version", "department")
        .order_by("-submitted_at", "-id")
    )
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/my_cases.html", {"page_obj": page})


def _applicant_forms(user, case: Case, bound: dict | None = None) -> dict:
    forms = {}
    if case.status == Case.Status.CORRECTION and services.may_file_for(user, case):
        forms["supply"] = case_forms.SupplyForm(prefix="supply")
    if case.status in WITHDRAWABLE and services.may_file_for(user, case):
        forms["withdraw"] = case_forms.WithdrawForm(prefix="withdraw")
    if (
        case.status == Case.Status.COMPLETED
        and user.pk == case.applicant_id
        and not Rating.objects.filter(case=case).exists()
    ):
        forms["rate"] = case_forms.RatingForm(prefix="rate")
    forms.update(bound or {})
    return forms


def _my_case_context(request, case: Case, *, bound=None, notice=None) -> dict:
    return {
        "case": case,
        "materials": labelled_materials(case),
        "rating": Rating.objects.filter(case=case).first(),
        "forms": _applicant_forms(request.user, case, bound),
        "notice": notice,
        **_public_case_context(case),
    }


@applicant_required
def my_case(request, number: str):
    case = _visible_case(request.user, number)
    return render(request, "cases/my_case.html", _my_case_context(request, case))


def _applicant_action(request, number: str, name: str, form_class, perform, done_message):
    case = _visible_case(request.user, number)
    form = form_class(request.POST, request.FILES, prefix=name)
    outcome = Outcome.INVALID
    if form.is_valid():
        try:
            outcome = run_service(form, case, lambda: perform(case, form.cleaned_data))
        except NotPermitted as error:
            return forbidden(request, error)
    if outcome == Outcome.INVALID:
        return _render_my_case(request, case, bound={name: form})
    message = done_message if outcome == Outcome.DONE else conflict_message()
    if is_htmx(request):
        case.refresh_from_db()
        return _render_my_case(request, case, notice=(outcome, message))
    (messages.success if outcome == Outcome.DONE else messages.warning)(request, message)
    return redirect("cases:my_case", number=case.number)


def _render_my_case(request, case, *, bound=None, notice=None):
    context = _my_case_context(request, case, bound=bound, notice=notice)
    template = "cases/partials/my_case_live.html" if is_htmx(request) else "cases/my_case.html"
    return render(request, template, context)


@applicant_required
@require_POST
def supply(request, number: str):
    def perform(case, data):
        services.case_supply_materials(
            actor=request.user, case=case, files=data["files"], note=data["note"]
        )

    return _applicant_action(
        request,
        number,
        "supply",
        case_forms.SupplyForm,
        perform,
        _("Thank you: your materials have been handed in. The window will look at them."),
    )


@applicant_required
@require_POST
def withdraw(request, number: str):
    def perform(case, data):
        services.case_withdraw(actor=request.user, case=case, reason=data["reason"])

    return _applicant_action(
        request,
        number,
        "withdraw",
        case_forms.WithdrawForm,
        perform,
        _("Your application has been withdrawn."),
    )


@applicant_required
@require_POST
def rate(request, number: str):
    def perform(case, data):
        services.case_rate(
            actor=request.user, case=case, level=data["level"], comment=data["comment"]
        )

    return _applicant_action(
        request,
        number,
        "rate",
        case_forms.RatingForm,
        perform,
        _("Thank you for rating the service."),
    )


# ---------------------------------------------------------------------------------------------
# Materials: downloaded through a view that checks visibility, never served from MEDIA_ROOT
# ---------------------------------------------------------------------------------------------


@_signed_in
def material_download(request, number: str, material_id: int):
    case = _visible_case(request.user, number)
    material = get_object_or_404(case.materials, pk=material_id)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the store.")) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=material.original_name,
        content_type=material.content_type or "application/octet-stream",
    )


# ---------------------------------------------------------------------------------------------
# The staff: forms for what the user may do
# ---------------------------------------------------------------------------------------------

FORM_CLASSES = {
    "accept": case_forms.AcceptForm,
    "correction": case_forms.CorrectionForm,
    "refuse": case_forms.RefuseForm,
    "forward": case_forms.ForwardForm,
    "instant": case_forms.InstantForm,
    "opinion": case_forms.OpinionForm,
    "decide": case_forms.DecideForm,
    "deliver": case_forms.DeliverForm,
    "extend": case_forms.ExtendForm,
    "follow-up": case_forms.FollowUpForm,
}
WINDOW_ACTIONS = ["accept", "correction", "refuse", "forward", "instant"]


def _has_delivery(case: Case) -> bool:
    return any(stage.kind == Stage.Kind.DELIVER for stage in services.process_of(case))


def _open_clock(case: Case, purpose: str) -> Clock | None:
    clocks = [c for c in case_clocks(case) if c.purpose == purpose]
    clock = clocks[-1] if clocks else None
    return clock if clock is not None and clock.status != Clock.Status.COMPLETED else None


def make_form(action: str, case: Case, data=None, *, task: Task | None = None):
    """The form of ``action`` on ``case`` (or on ``task``), bound to ``data`` when given; the
    prefix makes every field id unique on pages that list several cases."""
    kwargs = {
        "prefix": f"{action}-{task.pk if task else case.pk}",
        "initial": {"seen": seen_token(case)},
    }
    if action == "correction":
        kwargs["repeated"] = case.correction_count > 0
    if action in ("deliver", "instant"):
        kwargs["result_name"] = case.power_version.result_name
    if action == "instant":
        kwargs["with_delivery"] = _has_delivery(case)
    if action == "extend":
        clock = _open_clock(case, services.LEGAL)
        if clock is not None:
            kwargs["days_left"] = clock.max_extension_days - clock.extended_days
    if action == "instant":
        kwargs["initial"]["decision"] = "approve"
    return FORM_CLASSES[action](data, **kwargs)


def acceptance_window_passed(window: Clock | None, today) -> bool:
    return bool(window and window.status != Clock.Status.COMPLETED and today > window.due_date)


def window_actions(user, case: Case, *, window_passed: bool = False) -> list[str]:
    """What ``user`` may do at the window with a waiting application. Once the acceptance window
    has passed, the law deems the application accepted: only accepting is left."""
    if case.status not in WAITING:
        return []
    if is_waiting_for_forwarding(case):
        return ["forward"] if services.at_post(user, case) else []
    if case.status != Case.Status.SUBMITTED:
        return []  # waiting for the applicant's correction
    if not services.may_act(user, case, department_id=case.department_id, role=Role.WINDOW_CLERK):
        return []
    actions = ["accept"] if window_passed else ["accept", "correction", "refuse"]
    if services.is_instant(case):
        actions.append("instant")
    return actions


def _bound_for(bound, action: str, task: Task | None = None):
    if bound and bound[0] == action and bound[1] == (task.pk if task else None):
        return bound[2]
    return None


def staff_forms(
    user, case: Case, tasks: list[Task], *, bound=None, window_passed: bool = False
) -> dict:
    """Every action form ``user`` may use on ``case``; ``bound`` = (action, task id, form) puts a
    submitted form with its errors in place of the blank one."""
    forms = {}
    for action in window_actions(user, case, window_passed=window_passed):
        forms[action] = _bound_for(bound, action) or make_form(action, case)
    opinions = []
    for task in tasks:
        if not can_act_on_task(user, task):
            continue
        if task.kind == Stage.Kind.DECIDE:
            forms["decide"] = _bound_for(bound, "decide") or make_form("decide", case)
            forms["decide_task"] = task
        elif task.kind == Stage.Kind.DELIVER:
            forms["deliver"] = _bound_for(bound, "deliver") or make_form("deliver", case)
            forms["deliver_task"] = task
        elif task.kind not in REVIEW_KINDS_EXCLUDED:
            form = _bound_for(bound, "opinion", task) or make_form("opinion", case, task=task)
            opinions.append((task, form))
    forms["opinions"] = opinions
    legal = _open_clock(case, services.LEGAL)
    if (
        legal is not None
        and legal.max_extension_days > legal.extended_days
        and services.may_act(
            user, case, department_id=case.department_id, role=Role.DEPARTMENT_HEAD
        )
    ):
        forms["extend"] = _bound_for(bound, "extend") or make_form("extend", case)
    rating = Rating.objects.filter(case=case).first()
    if (
        rating is not None
        and rating.is_bad
        and rating.follow_up_on is None
        and services.may_follow_up(user, case)
    ):
        forms["follow_up"] = _bound_for(bound, "follow-up") or make_form("follow-up", case)
    return forms


def staff_case_context(request, case: Case, *, bound=None, notice=None) -> dict:
    today = timezone.localdate()
    tasks = list(
        case.tasks.select_related("department", "completed_by").order_by("opened_on", "id")
    )
    clocks_by_task = stage_clocks(case)
    for task in tasks:
        task.case = case
        task.overdue = bool(task.status == Task.Status.OPEN and task.due_on and task.due_on < today)
        task.clock = clocks_by_task.get(task.pk)
        task.role_label = Role(task.role).label if task.role in Role.values else task.role
    clocks = [
        {"clock": c, "label": CLOCK_LABELS.get(c.purpose, c.purpose)} for c in case_clocks(case)
    ]
    window_passed = acceptance_window_passed(_open_clock(case, services.ACCEPTANCE), today)
    forms = staff_forms(request.user, case, tasks, bound=bound, window_passed=window_passed)
    return {
        "case": case,
        "tasks": tasks,
        "clocks": clocks,
        "deadline": deadline_info(case_deadline(case), today),
        "timeline": timeline_rows(case, tasks),
        "materials": labelled_materials(case),
        "corrections": list(case.corrections.select_related("issued_by").order_by("id")),
        "rating": Rating.objects.filter(case=case).select_related("follow_up_by").first(),
        "forms": forms,
        "has_actions": any(v for k, v in forms.items() if not k.endswith("_task")),
        "disagreed": any(t.verdict == Task.Verdict.DISAGREE for t in tasks),
        "waiting_for_forwarding": is_waiting_for_forwarding(case),
        "window_passed": window_passed,
        "notice": notice,
        "today": today,
    }


# ---------------------------------------------------------------------------------------------
# The staff: pages
# ---------------------------------------------------------------------------------------------


def _acceptance_clocks(cases: list[Case]) -> dict[int, Clock]:
    """The latest acceptance window of each case, in one query (workaround: no selector yet)."""
    clocks = {}
    for clock in Clock.objects.filter(
        owner_type=Case._meta.label_lower,
        owner_id__in=[str(c.pk) for c in cases],
        purpose=services.ACCEPTANCE,
    ).order_by("id"):
        clocks[int(clock.owner_id)] = clock
    return clocks


@dataclass
class IntakeEntry:
    case: Case
    window: Clock | None
    forms: dict
    notice: tuple | None = None
    done: bool = False
    window_passed: bool = False


def intake_entry(user, case: Case, window: Clock | None, *, bound=None, notice=None):
    passed = acceptance_window_passed(window, timezone.localdate())
    forms = {}
    for action in window_actions(user, case, window_passed=passed):
        forms[action] = _bound_for(bound, action) or make_form(action, case)
    return IntakeEntry(case, window, forms, notice, case.status not in WAITING, passed)


@staff_required
def intake(request):
    queue = intake_for(request.user)
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    windows = _acceptance_clocks(cases)
    entries = [intake_entry(request.user, c, windows.get(c.pk)) for c in cases]
    return render(
        request,
        "cases/intake.html",
        {"page_obj": page, "entries": entries, "today": timezone.localdate()},
    )


@staff_required
def task_list(request):
    today = timezone.localdate()
    page = Paginator(tasks_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    tasks = list(page.object_list)
    calendar = get_calendar() if tasks else None  # once: each read checks its version
    for task in tasks:
        task.overdue = bool(task.due_on and task.due_on < today)
        task.days_left = calendar.workdays_between(today, task.due_on) if task.due_on else None
        task.days_over = -task.days_left if task.days_left is not None else 0
    overdue = sum(1 for t in tasks if t.overdue)
    return render(
        request,
        "cases/tasks.html",
        {"page_obj": page, "tasks": tasks, "overdue": overdue, "today": today},
    )


@_signed_in
def case_page(request, number: str):
    case = _visible_case(request.user, number)
    if request.user.is_applicant:
        return redirect("cases:my_case", number=case.number)
    if not request.user.has_perm("org.use_workbench"):
        return forbidden(request, NotPermitted())
    return render(request, "cases/case.html", staff_case_context(request, case))


# ---------------------------------------------------------------------------------------------
# The staff: actions
# ---------------------------------------------------------------------------------------------


def _perform(action: str, user, case: Case, data: dict, task: Task | None) -> str:
    """Run the service of ``action``; the message to show when it succeeds."""
    number = case.number
    if action == "accept":
        services.case_accept(actor=user, case=case)
        return _("Case %(number)s is accepted; its time limits are running.") % {"number": number}
    if action == "correction":
        services.case_request_correction(
            actor=user, case=case, items=data["items"], reason=data.get("reason", "")
        )
        return _("The correction notice for case %(number)s has been issued.") % {"number": number}
    if action == "refuse":
        services.case_refuse(actor=user, case=case, reason=data["reason"])
        return _("Case %(number)s is not accepted; the applicant is told the reason.") % {
            "number": number
        }
    if action == "forward":
        forwarded = services.case_forward(actor=user, case=case)
        return _("Case %(number)s has been forwarded to %(centre)s.") % {
            "number": number,
            "centre": forwarded.handling_centre.name,
        }
    if action == "instant":
        services.case_handle_instant(
            actor=user,
            case=case,
            decision=data["decision"],
            reason=data["reason"],
            legal_basis=data["legal_basis"],
            **(
                {"method": data["method"], "licence_number": data["licence_number"]}
                if "method" in data
                else {}
            ),
        )
        return _("Case %(number)s has been handled on the spot.") % {"number": number}
    if action == "opinion":
        services.task_complete(
            actor=user, task=task, verdict=data["verdict"], opinion=data["opinion"]
        )
        return _("Your opinion on case %(number)s is recorded.") % {"number": number}
    if action == "decide":
        services.case_decide(
            actor=user,
            case=case,
            decision=data["decision"],
            reason=data["reason"],
            legal_basis=data["legal_basis"],
        )
        return _("The decision on case %(number)s is recorded.") % {"number": number}
    if action == "deliver":
        services.case_deliver(
            actor=user, case=case, method=data["method"], licence_number=data["licence_number"]
        )
        return _("The result of case %(number)s is delivered.") % {"number": number}
    if action == "extend":
        clock = services.case_extend(
            actor=user, case=case, days=data["days"], reason=data["reason"]
        )
        return _("The time limit of case %(number)s now ends on %(due)s.") % {
            "number": number,
            "due": clock.due_date.isoformat(),
        }
    if action == "follow-up":
        rating = Rating.objects.filter(case=case).first()
        if rating is None:
            raise IllegalTransition(_("This case has no rating to follow up."))
        services.rating_follow_up(actor=user, rating=rating, answer=data["answer"])
        return _("The answer to the rating of case %(number)s is recorded.") % {"number": number}
    raise Http404


# DomainError codes that belong to one field of a form.
FIELDS_FOR_CODES = {
    "reason_required": "reason",
    "invalid_extension": "days",
    "extension_exceeds_limit": "days",
}


def _origin(request) -> str:
    origin = request.POST.get("from", "")
    return origin if origin in ("intake", "tasks", "case") else "case"


def may_try(user, case: Case, action: str, task: Task | None = None) -> bool:
    """Whether ``user`` holds the post or role for ``action`` on ``case``, checked before the form
    so that someone without it gets "not permitted", not errors about what they typed. The state
    of the case is left to the service (a step already taken is a conflict, not a refusal)."""
    if action == "forward":
        return services.at_post(user, case)
    if action in ("accept", "correction", "refuse", "instant"):
        return services.may_act(
            user, case, department_id=case.department_id, role=Role.WINDOW_CLERK
        )
    if action in ("decide", "deliver"):
        kind = Stage.Kind.DECIDE if action == "decide" else Stage.Kind.DELIVER
        task = case.tasks.filter(kind=kind, status=Task.Status.OPEN).first()
    if action in ("opinion", "decide", "deliver"):
        return task is None or task.status != Task.Status.OPEN or can_act_on_task(user, task)
    if action == "follow-up":
        return services.may_follow_up(user, case)
    return services.may_act(user, case, department_id=case.department_id, role=Role.DEPARTMENT_HEAD)


def _handle_action(request, case: Case, action: str, task: Task | None = None):
    if not may_try(request.user, case, action, task):
        return forbidden(request, NotPermitted())
    form = make_form(action, case, request.POST, task=task)
    outcome = Outcome.INVALID
    message = ""
    if form.is_valid():

        def call():
            nonlocal message
            message = _perform(action, request.user, case, form.cleaned_data, task)

        try:
            outcome = run_service(form, case, call, fields_for_codes=FIELDS_FOR_CODES)
        except NotPermitted as error:
            return forbidden(request, error)
    origin = _origin(request)
    if outcome == Outcome.CONFLICT:
        message = conflict_message()
    bound = (action, task.pk if task else None, form) if outcome == Outcome.INVALID else None
    if is_htmx(request):
        fresh = _visible_case(request.user, case.number)
        notice = (outcome, message) if outcome != Outcome.INVALID else None
        if origin == "intake":
            windows = _acceptance_clocks([fresh])
            entry = intake_entry(
                request.user, fresh, windows.get(fresh.pk), bound=bound, notice=notice
            )
            return render(
                request,
                "cases/partials/intake_item.html",
                {"entry": entry, "today": timezone.localdate()},
            )
        context = staff_case_context(request, fresh, bound=bound, notice=notice)
        return render(request, "cases/partials/case_live.html", context)
    if outcome == Outcome.INVALID:
        # Without JavaScript the form comes back on the case page, with its errors and what
        # was typed.
        context = staff_case_context(request, case, bound=bound)
        return render(request, "cases/case.html", context)
    (messages.success if outcome == Outcome.DONE else messages.warning)(request, message)
    if origin == "intake":
        return redirect("cases:intake")
    if origin == "tasks":
        return redirect("cases:tasks")
    return redirect("cases:case", number=case.number)


@staff_required
@require_POST
def case_action(request, number: str, action: str):
    if action not in FORM_CLASSES or action == "opinion":
        raise Http404
    case = _visible_case(request.user, number)
    return _handle_action(request, case, action)


@staff_required
@require_POST
def task_action(request, number: str, task_id: int):
    case = _visible_case(request.user, number)
    task = get_object_or_404(case.tasks.select_related("department"), pk=task_id)
    task.case = case
    return _handle_action(request, case, "opinion", task)

"""Pages of public interaction.

The portal: the published messages by kind with a search, a form for each kind, the page after
sending (the message number and, once, the query code), tracking a message by number and query
code without logging in, the writer's own messages when logged in, and a published message.

The workbench: the inbox of the routing office and of the departments (filters: kind, status,
department, overdue; the working days left), and a message's page with the forms for what the
user may do: route, reroute, answer, prepare the public version (from the automatic redaction)
and publish it, reject, close. Every action is a plain form POST (then a redirect); a form with
errors comes back on the page with what was typed. Access goes through the selectors: a message
the user may not see is a 404.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengwu.common.errors import DomainError, NotPermitted
from zhengwu.common.identity import mask_id_number
from zhengwu.common.throttle import LookupThrottle
from zhengwu.interaction import forms as message_forms
from zhengwu.interaction import limits, services
from zhengwu.interaction.models import Message
from zhengwu.interaction.redaction import personal_data_found
from zhengwu.interaction.rules import can_answer, can_handle
from zhengwu.interaction.selectors import (
    InboxFilters,
    inbox_departments,
    inbox_for,
    message_clocks,
    message_find,
    message_history,
    messages_published,
    messages_visible_to,
    routing_departments,
    search_published,
)
from zhengwu.org.selectors import home_county
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.selectors import clock_progress

PER_PAGE = 20
CODES_SESSION_KEY = "zhengwu.interaction.query_codes"
TRACKING = LookupThrottle("message")


def _found_labels(kinds: list[str]) -> list[str]:
    labels = {
        "email": _("e-mail address"),
        "id_number": _("ID number or long number"),
        "mobile": _("mobile number"),
        "landline": _("landline number"),
        "plate": _("plate number"),
        "name": _("a person's name"),
    }
    return [labels[k] for k in kinds]


def _kinds_with_limits() -> list[dict]:
    answer_limits = limits.answer_limits()
    return [
        {"value": value, "label": label, "days": answer_limits[value]}
        for value, label in Message.Kind.choices
    ]


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError next to the fields it names (on the form when it names none)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _run(form, call) -> bool:
    """Call a service for a valid form; put what it refuses on the form. NotPermitted goes up."""
    try:
        call()
    except NotPermitted:
        raise
    except ValidationError as error:
        _add_errors(form, error)
        return False
    except DomainError as error:
        form.add_error(None, str(error.message))
        return False
    return True


def _forbidden(request, error: NotPermitted, template: str):
    return render(request, template, {"message": str(error.message)}, status=403)


# ---------------------------------------------------------------------------------------------
# The portal
# ---------------------------------------------------------------------------------------------


def index(request):
    """The published messages, by kind, with a search."""
    form = message_forms.SearchForm(request.GET or None)
    kind, query = "", ""
    if form.is_valid():
        kind, query = form.cleaned_data["kind"], form.cleaned_data["q"].strip()
    found = search_published(kind=kind, query=query, division=home_county())
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/index.html",
        {
            "form": form,
            "kind": kind,
            "query": query,
            "page_obj": page,
            "kinds": _kinds_with_limits(),
        },
    )


def _remember_code(request, message: Message, code: str) -> None:
    codes = request.session.get(CODES_SESSION_KEY, {})
    codes[message.number] = code
    request.session[CODES_SESSION_KEY] = codes


def submit(request, kind: str):
    """A form for one kind of message; anyone may write, a logged-in citizen finds it filled."""
    if kind not in Message.Kind.values:
        raise Http404
    county = home_county()
    if request.method == "POST":
        form = message_forms.MessageForm(request.POST, kind=kind)
        if form.is_valid():
            data = form.cleaned_data
            submission = None

            def call():
                nonlocal submission
                submission = services.message_submit(
                    actor=request.user,
                    kind=kind,
                    division=county,
                    subject=data["subject"],
                    body=data["body"],
                    topic=data["topic"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    id_number=data.get("id_number", ""),
                    case_number=data.get("case_number", ""),
                    publication_consent=data["publication_consent"],
                    idempotency_key=data["idempotency_key"],
                )

            if _run(form, call):
                if submission.query_code:
                    _remember_code(request, submission.message, submission.query_code)
                return redirect("interaction:submitted", number=submission.message.number)
    else:
        form = message_forms.MessageForm(
            kind=kind, initial=message_forms.MessageForm.prefill(request.user)
        )
    return render(
        request,
        "interaction/submit.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": Message.Kind(kind).label,
            "days": limits.answer_limit(kind),
            "county": county,
        },
    )


def submitted(request, number: str):
    """After sending: the number and, this once, the query code. Only the browser that sent the
    message (or the writer's account) sees this page."""
    codes = request.session.get(CODES_SESSION_KEY, {})
    message = Message.objects.filter(number=number).first()
    if message is None:
        raise Http404
    own = request.user.is_authenticated and message.user_id == request.user.pk
    if number not in codes and not own:
        raise Http404
    code = codes.pop(number, None)
    request.session[CODES_SESSION_KEY] = codes
    return render(
        request,
        "interaction/submitted.html",
        {
            "message": message,
            "query_code": code,
            "days": limits.answer_limit(message.kind),
            "expected": get_calendar()
            .add_workdays(message.submitted_on, limits.answer_limit(message.kind))
            .date,
        },
    )


def _writer_context(message: Message) -> dict:
    """What the writer sees of their message: its state, the time limit and the answer."""
    today = timezone.localdate()
    clock = services.answer_clock(message, open_only=False)
    if clock is not None:
        due = clock.due_date
    else:
        due = get_calendar().add_workdays(message.submitted_on, limits.answer_limit(message.kind))
        due = due.date
    return {
        "message": message,
        "due": due,
        "days": limits.answer_limit(message.kind),
        "history": message_history(message, for_writer=True),
        "masked_id_number": mask_id_number(message.id_number),
        "today": today,
    }


def track(request):
    """Find a message by its number and query code (posted, so the code stays out of logs)."""
    message = None
    if request.method == "POST":
        form = message_forms.TrackForm(request.POST)
        if form.is_valid():
            number, code = form.cleaned_data["number"], form.cleaned_data["code"]
            if TRACKING.blocked(number):
                form.add_error(
                    None,
                    _(
                        "Too many attempts for this message number. Please try again in "
                        "%(n)s minutes."
                    )
                    % {"n": TRACKING.window_minutes},
                )
            else:
                message = message_find(number, code)
                if message is None:
                    TRACKING.failed(number)
                    form.add_error(
                        None,
                        _(
                            "No message matches this number and query code. Check both and "
                            "try again."
                        ),
                    )
    else:
        form = message_forms.TrackForm()
    context = {"form": form, "message": message}
    if message is not None:
        context.update(_writer_context(message))
    return render(request, "interaction/track.html", context)


def mine(request):
    """The logged-in writer's messages."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = (
        messages_visible_to(request.user)
        .filter(user=request.user)
        .select_related("department")
        .order_by("-submitted_at", "-id")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "interaction/mine.html", {"page_obj": page})


def my_message(request, number: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    message = get_object_or_404(
        messages_visible_to(request.user).filter(user=request.user).select_related("department"),
        number=number,
    )
    return render(request, "interaction/my_message.html", _writer_context(message))


def detail(request, number: str):
    """A published message: only its public version."""
    message = get_object_or_404(
        messages_published(home_county()).select_related("department"), number=number
    )
    return render(request, "interaction/detail.html", {"message": message})


# ---------------------------------------------------------------------------------------------
# The workbench
# ---------------------------------------------------------------------------------------------


def staff_required(view):
    """A logged-in member of staff who may use the workbench."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.is_applicant:
            return redirect("interaction:mine")
        if not request.user.has_perm("org.use_workbench"):
            return _forbidden(request, NotPermitted(), "cases/forbidden.html")
        return view(request, *args, **kwargs)

    return wrapped


@staff_required
def inbox(request):
    today = timezone.localdate()
    departments = list(inbox_departments(request.user))
    form = message_forms.InboxForm(request.GET or None, departments=departments)
    filters = InboxFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = InboxFilters(
            kind=data["kind"],
            status=data["status"],
            department=data["department"],
            overdue=data["overdue"],
        )
    found = inbox_for(request.user, filters, on=today)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    for message in page.object_list:
        message.days_over = -message.days_left if message.days_left is not None else 0
    return render(
        request,
        "interaction/inbox.html",
        {"form": form, "page_obj": page, "today": today},
    )


ACTIONS = ["route", "reroute", "answer", "prepare", "publish", "reject", "close"]


def _may(user, message: Message, action: str) -> bool:
    """Whether ``user`` may take ``action`` on ``message`` in its present state."""
    status = message.status
    if action == "answer":
        return status == Message.Status.ROUTED and can_answer(user, message)
    if not can_handle(user, message):
        return False
    if action == "route":
        return status == Message.Status.SUBMITTED
    if action == "reroute":
        return status == Message.Status.ROUTED
    if action in ("prepare", "publish"):
        return status == Message.Status.ANSWERED and message.publication_consent
    if action == "reject":
        return status in Message.OPEN_STATUSES
    if action == "close":
        return status in (*Message.OPEN_STATUSES, Message.Status.ANSWERED)
    return False


def _make_form(action: str, message: Message, data=None):
    departments = routing_departments(message.division)
    if action == "route":
        return message_forms.RouteForm(data, departments=departments, prefix="route")
    if action == "reroute":
        return message_forms.RerouteForm(
            data, departments=departments.exclude(pk=message.department_id), prefix="reroute"
        )
    if action == "answer":
        return message_forms.AnswerForm(data, prefix="answer")
    if action in ("prepare", "publish"):
        initial = services.publication_draft(message)
        return message_forms.PublicationForm(data, initial=initial, prefix="publication")
    if action == "reject":
        return message_forms.RejectForm(data, prefix="reject")
    return message_forms.CloseForm(data, prefix="close")


def _staff_context(request, message: Message, *, bound=None) -> dict:
    today = timezone.localdate()
    forms = {}
    for action in ACTIONS:
        if action == "publish" or not _may(request.user, message, action):
            continue
        key = "publication" if action == "prepare" else action
        forms[key] = _make_form(action, message)
    if bound is not None:
        action, form = bound
        forms["publication" if action in ("prepare", "publish") else action] = form
    clocks = []
    for clock in message_clocks(message):
        progress = clock_progress(clock, today)
        clocks.append(
            {
                "clock": clock,
                "state": progress.state,
                "days_left": max(progress.working_days_left, 0),
                "days_over": max(-progress.working_days_left, 0),
            }
        )
    warnings = []
    if "publication" in forms:
        form = forms["publication"]
        texts = form.data if form.is_bound else form.initial
        prefix = f"{form.prefix}-" if form.is_bound else ""
        combined = "\n".join(
            str(texts.get(f"{prefix}{name}", ""))
            for name in ("public_subject", "public_body", "public_answer")
        )
        warnings = _found_labels(personal_data_found(combined, names=[message.name]))
    return {
        "message": message,
        "masked_id_number": mask_id_number(message.id_number),
        "clocks": clocks,
        "current_clock": clocks[-1] if clocks else None,
        "history": message_history(message),
        "forms": forms,
        "publication_warnings": warnings,
        "today": today,
    }


def _visible(user, number: str) -> Message:
    return get_object_or_404(
        messages_visible_to(user).select_related("division", "department", "user", "case"),
        number=number,
    )


@staff_required
def message_page(request, number: str):
    message = _visible(request.user, number)
    return render(request, "interaction/message.html", _staff_context(request, message))


def _perform(action: str, user, message: Message, data: dict) -> str:
    number = message.number
    if action == "route":
        routed = services.message_route(actor=user, message=message, department=data["department"])
        return _("Message %(number)s is routed to %(dept)s.") % {
            "number": number,
            "dept": routed.department.name,
        }
    if action == "reroute":
        routed = services.message_reroute(
            actor=user, message=message, department=data["department"], reason=data["reason"]
        )
        return _("Message %(number)s is rerouted to %(dept)s.") % {
            "number": number,
            "dept": routed.department.name,
        }
    if action == "answer":
        services.message_answer(actor=user, message=message, answer=data["answer"])
        return _("The answer to message %(number)s is recorded.") % {"number": number}
    if action == "prepare":
        services.message_prepare_publication(actor=user, message=message, **data)
        return _("The public version of message %(number)s is saved.") % {"number": number}
    if action == "publish":
        services.message_publish(actor=user, message=message, **data)
        return _("Message %(number)s is published.") % {"number": number}
    if action == "reject":
        services.message_reject(actor=user, message=message, reason=data["reason"])
        return _("Message %(number)s is rejected.") % {"number": number}
    services.message_close(actor=user, message=message, reason=data["reason"])
    return _("Message %(number)s is closed.") % {"number": number}


@staff_required
@require_POST
def action(request, number: str, action: str):
    if action not in ACTIONS:
        raise Http404
    message = _visible(request.user, number)
    may_act = can_answer if action == "answer" else can_handle
    if not may_act(request.user, message):
        return _forbidden(request, NotPermitted(), "cases/forbidden.html")
    if not _may(request.user, message, action):
        flash.warning(
            request,
            _("This step is not possible now: the message is %(state)s.")
            % {"state": message.get_status_display()},
        )
        return redirect("interaction:message", number=message.number)
    form = _make_form(action, message, request.POST)
    done_message = ""
    if form.is_valid():

        def call():
            nonlocal done_message
            done_message = _perform(action, request.user, message, form.cleaned_data)

        try:
            ok = _run(form, call)
        except NotPermitted as error:
            return _forbidden(request, error, "cases/forbidden.html")
        if ok:
            flash.success(request, done_message)
            return redirect("interaction:message", number=message.number)
    message.refresh_from_db()
    context = _staff_context(request, message, bound=(action, form))
    return render(request, "interaction/message.html", context)

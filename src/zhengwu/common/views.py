"""What the registers' staff pages share: the staff-only decorator, the 403 page, a service
called for a valid form with what it refuses put on the form, and the answer to an action's
form posted from a record's page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhengwu.common.errors import DomainError, NotPermitted

WORKBENCH = "org.use_workbench"


def forbidden(request, message=None) -> HttpResponse:
    """The 403 page saying ``message``, or (none given) that the user may not do this."""
    return render(
        request,
        "cases/forbidden.html",
        {"message": str(message or NotPermitted().message)},
        status=403,
    )


def iso_day(value) -> datetime.date | None:
    """The day ISO text names (an audit event's ``on``, say), or None for anything else."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def staff_required(
    perm: str | Iterable[str] | Callable = WORKBENCH,
    extra_check: Callable[[object], bool] | None = None,
):
    """A page for signed-in staff: the anonymous go to the login page; a user without ``perm``
    (every one of them, if several), or for whom ``extra_check(user)`` is false, gets the 403
    page. ``@staff_required`` asks for the workbench; ``@staff_required("app.perm")`` for
    another permission."""
    if callable(perm):  # used bare: @staff_required
        return staff_required()(perm)
    perms = (perm,) if isinstance(perm, str) else tuple(perm)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not all(user.has_perm(p) for p in perms) or (
                extra_check is not None and not extra_check(user)
            ):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def form_run_service(
    form, call: Callable[[], object], fields_for_codes: Mapping[str, str] | None = None
) -> bool:
    """Call the service for a valid form; True if it did what was asked. What it refuses goes
    on the form: a ``ValidationError``'s errors on their fields (or the form, for a field it
    does not have), a ``DomainError`` on the field ``fields_for_codes`` gives for its code (or
    the form). ``NotPermitted`` goes up, for the view to answer with the 403 page."""
    try:
        call()
    except NotPermitted:
        raise
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    except DomainError as error:
        field = (fields_for_codes or {}).get(error.code)
        form.add_error(field if field in form.fields else None, str(error.message))
        return False
    return True


def form_run_service_by_field(
    form, call: Callable[[], object], fields_for_codes: Mapping[str, str] | None = None
) -> bool:
    """Call the service for a valid form, one that names the fields it refuses; True if it did
    what was asked. A ``DomainError``'s ``errors`` (field → message) go on those of the fields
    the form has; if none is on it, its message goes on the field ``fields_for_codes`` gives
    for its code (or the form). ``NotPermitted`` goes up; a ``ValidationError`` is not caught."""
    try:
        call()
    except NotPermitted:
        raise
    except DomainError as error:
        placed = False
        for field, message in (error.params.get("errors") or {}).items():
            if field in form.fields:
                form.add_error(field, str(message))
                placed = True
        if not placed:
            field = (fields_for_codes or {}).get(error.code)
            form.add_error(field if field in form.fields else None, str(error.message))
        return False
    return True


def action_response(
    request,
    ok: bool,
    *,
    form,
    label,
    detail_url: str,
    action_url: str,
    origin: str,
    rerender: Callable[[], HttpResponse],
    in_place: bool = True,
) -> HttpResponse:
    """The answer to an action's form posted from a record's page. Done (``ok``): "Done:
    <label>." and the record's page again (for htmx, by ``HX-Redirect``: the whole page
    changes). Refused: for htmx, unless not ``in_place`` (a form with a file to upload), the
    form again in place with its errors and what was typed; else ``rerender()``, the page with
    the form."""
    htmx = request.headers.get("HX-Request") == "true"
    if ok:
        messages.success(request, _("Done: %(action)s.") % {"action": label})
        if htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = detail_url
            return response
        return redirect(detail_url)
    if htmx and in_place:
        response = render(request, "cases/partials/action_form.html",
                          {"form": form, "url": action_url, "label": label,
                           "origin": origin})  # fmt: skip
        response["HX-Reswap"] = "outerHTML"
        return response
    return rerender()

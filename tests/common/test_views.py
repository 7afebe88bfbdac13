"""Tests for zhengwu.common.views: the staff-only decorator, the 403 page, form_run_service."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from tests.factories import StaffFactory
from zhengwu.common.errors import DomainError, IllegalTransition, NotPermitted
from zhengwu.common.views import (
    action_response,
    forbidden,
    form_run_service,
    form_run_service_by_field,
    iso_day,
    staff_required,
)
from zhengwu.org.roles import Role

DEFAULT = "You do not have permission to do this."


def get(user, path="/registers/page/?year=2012"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def page(request, *args, **kwargs):
    """The view behind the decorator: says who it served and with what arguments."""
    return HttpResponse(f"served {request.user.username} {args} {sorted(kwargs.items())}")


def text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------------------------------------
# forbidden
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("message", [None, ""])
def test_forbidden_without_a_message_says_the_user_may_not(message):
    user = StaffFactory(roles=[Role.LEGAL_OFFICER])
    with translation.override("en"):
        response = forbidden(get(user), message)
    assert response.status_code == 403
    assert DEFAULT in text(response)


@pytest.mark.django_db
def test_forbidden_says_the_message_given():
    user = StaffFactory(roles=[Role.LEGAL_OFFICER])
    with translation.override("en"):
        response = forbidden(get(user), NotPermitted("Only the legal office closes it.").message)
    assert response.status_code == 403
    assert "Only the legal office closes it." in text(response)
    assert DEFAULT not in text(response)


# ---------------------------------------------------------------------------------------------
# staff_required
# ---------------------------------------------------------------------------------------------


def test_the_anonymous_go_to_the_login_page_with_the_page_to_come_back_to():
    for decorated in (staff_required(page), staff_required("org.administer")(page)):
        response = decorated(get(AnonymousUser()))
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/registers/page/%3Fyear%3D2012"


@pytest.mark.django_db
def test_bare_it_asks_for_the_workbench():
    decorated = staff_required(page)
    with translation.override("en"):
        refused = decorated(get(StaffFactory()))  # staff, but with no role
    assert refused.status_code == 403 and DEFAULT in text(refused)
    legal = StaffFactory(roles=[Role.LEGAL_OFFICER])
    served = decorated(get(legal), 7, action="close")
    assert served.status_code == 200
    assert text(served) == f"served {legal.username} (7,) [('action', 'close')]"


@pytest.mark.django_db
def test_it_asks_for_the_permission_named():
    decorated = staff_required("org.administer")(page)
    assert decorated(get(StaffFactory(roles=[Role.LEGAL_OFFICER]))).status_code == 403
    assert decorated(get(StaffFactory(roles=[Role.ADMINISTRATOR]))).status_code == 200


@pytest.mark.django_db
def test_with_several_permissions_it_asks_for_every_one():
    decorated = staff_required(("org.use_workbench", "common.view_audit_trail"))(page)
    assert decorated(get(StaffFactory(roles=[Role.LEGAL_OFFICER]))).status_code == 403
    assert decorated(get(StaffFactory(roles=[Role.SUPERVISOR]))).status_code == 200


@pytest.mark.django_db
def test_the_extra_check_is_asked_of_the_user_after_the_permission():
    asked = []

    def in_the_legal_office(user):
        asked.append(user)
        return user.username.startswith("legal")

    decorated = staff_required(extra_check=in_the_legal_office)(page)
    assert decorated(get(StaffFactory())).status_code == 403
    assert asked == []  # no permission: the check is not asked
    other = StaffFactory(roles=[Role.LEGAL_OFFICER])
    assert decorated(get(other)).status_code == 403
    legal = StaffFactory(roles=[Role.LEGAL_OFFICER], username="legal1")
    assert decorated(get(legal)).status_code == 200
    assert asked == [other, legal]


def test_the_view_keeps_its_name_and_doc():
    assert staff_required(page).__name__ == "page"
    assert staff_required("org.administer")(page).__doc__ == page.__doc__


# ---------------------------------------------------------------------------------------------
# form_run_service
# ---------------------------------------------------------------------------------------------


class DayForm(forms.Form):
    on = forms.DateField()
    note = forms.CharField(required=False)


def valid_form() -> DayForm:
    form = DayForm({"on": "2012-03-05", "note": "x"})
    assert form.is_valid()
    return form


def raising(error):
    def call():
        raise error

    return call


def test_a_service_that_does_its_work_leaves_the_form_clean():
    done = []
    form = valid_form()
    assert form_run_service(form, lambda: done.append(1)) is True
    assert done == [1] and form.errors == {}


def test_validation_errors_go_on_their_fields_or_on_the_form():
    form = valid_form()
    error = ValidationError({"on": "Not a working day.", "elsewhere": "Not in the form."})
    assert form_run_service(form, raising(error)) is False
    assert form.errors["on"] == ["Not a working day."]
    assert form.non_field_errors() == ["Not in the form."]


def test_a_validation_error_without_fields_goes_on_the_form():
    form = valid_form()
    assert form_run_service(form, raising(ValidationError("Too late."))) is False
    assert form.non_field_errors() == ["Too late."] and "on" not in form.errors


def test_a_domain_error_goes_on_the_field_its_code_names():
    codes = {"future_date": "on", "missing_reason": "reason"}
    form = valid_form()
    error = DomainError("The day is still to come.", code="future_date")
    assert form_run_service(form, raising(error), codes) is False
    assert form.errors["on"] == ["The day is still to come."] and not form.non_field_errors()
    form = valid_form()  # a field the form does not have: on the form
    error = DomainError("Give a reason.", code="missing_reason")
    assert form_run_service(form, raising(error), fields_for_codes=codes) is False
    assert form.non_field_errors() == ["Give a reason."]


def test_without_codes_a_domain_error_goes_on_the_form():
    form = valid_form()
    error = IllegalTransition("Already closed.", code="future_date")
    assert form_run_service(form, raising(error)) is False
    assert form.non_field_errors() == ["Already closed."] and "on" not in form.errors


def test_not_permitted_goes_up():
    form = valid_form()
    with pytest.raises(NotPermitted):
        form_run_service(form, raising(NotPermitted()), {"forbidden": "on"})
    assert form.errors == {}


def test_by_field_the_errors_a_domain_error_names_go_on_their_fields():
    form = valid_form()
    error = DomainError(
        "Two problems.", code="invalid", errors={"on": "Not a working day.", "note": "Too long."}
    )
    assert form_run_service_by_field(form, raising(error), {"invalid": "on"}) is False
    assert form.errors["on"] == ["Not a working day."] and form.errors["note"] == ["Too long."]
    assert not form.non_field_errors()  # the message is not repeated on the form


def test_by_field_errors_of_fields_the_form_has_not_are_left_for_the_message():
    form = valid_form()
    error = DomainError("The whole message.", code="invalid", errors={"elsewhere": "Not here."})
    assert form_run_service_by_field(form, raising(error)) is False
    assert form.non_field_errors() == ["The whole message."] and "elsewhere" not in form.errors


def test_by_field_without_named_errors_the_message_goes_where_its_code_says():
    form = valid_form()
    error = DomainError("The day is still to come.", code="future_date")
    assert form_run_service_by_field(form, raising(error), {"future_date": "on"}) is False
    assert form.errors["on"] == ["The day is still to come."]
    form = valid_form()
    assert form_run_service_by_field(form, raising(error)) is False
    assert form.non_field_errors() == ["The day is still to come."]


def test_by_field_a_validation_error_and_not_permitted_go_up():
    done = []
    assert form_run_service_by_field(valid_form(), lambda: done.append(1)) is True
    assert done == [1]
    with pytest.raises(ValidationError):
        form_run_service_by_field(valid_form(), raising(ValidationError("Bad.")))
    with pytest.raises(NotPermitted):
        form_run_service_by_field(valid_form(), raising(NotPermitted()), {"forbidden": "on"})


# ---------------------------------------------------------------------------------------------
# action_response
# ---------------------------------------------------------------------------------------------

DETAIL = "/registers/things/7/"
ACTION = "/registers/things/7/actions/close/"


def posted(*, htmx: bool):
    headers = {"HX-Request": "true"} if htmx else {}
    request = RequestFactory().post(ACTION, {"close-on": "2012-13-01"}, headers=headers)
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def respond(request, ok: bool, *, in_place: bool = True):
    rerendered = []

    def rerender():
        rerendered.append(True)
        return HttpResponse("the page with the form", status=422)

    form = DayForm({"on": "2012-13-01"}, prefix="close")
    form.is_valid()
    with translation.override("en"):
        response = action_response(
            request, ok, form=form, label="Close the thing", detail_url=DETAIL,
            action_url=ACTION, origin="thing", rerender=rerender, in_place=in_place,
        )  # fmt: skip
    return response, rerendered


def said(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_done_says_so_and_goes_back_to_the_page():
    request = posted(htmx=False)
    response, rerendered = respond(request, True)
    assert response.status_code == 302 and response["Location"] == DETAIL
    assert said(request) == ["Done: Close the thing."]
    assert rerendered == []


def test_done_for_htmx_the_whole_page_changes():
    request = posted(htmx=True)
    response, rerendered = respond(request, True)
    assert response.status_code == 204 and response["HX-Redirect"] == DETAIL
    assert said(request) == ["Done: Close the thing."]
    assert rerendered == []


@pytest.mark.django_db  # the template's context processors read the database
def test_refused_for_htmx_the_form_comes_back_in_place():
    request = posted(htmx=True)
    response, rerendered = respond(request, False)
    assert response.status_code == 200 and response["HX-Reswap"] == "outerHTML"
    html = text(response)
    assert f'hx-post="{ACTION}"' in html and 'value="thing"' in html
    assert "Close the thing</button>" in html and 'name="close-on"' in html
    assert said(request) == [] and rerendered == []


@pytest.mark.parametrize(("htmx", "in_place"), [(False, True), (True, False), (False, False)])
def test_refused_otherwise_the_page_is_drawn_again_with_the_form(htmx, in_place):
    request = posted(htmx=htmx)
    response, rerendered = respond(request, False, in_place=in_place)
    assert response.status_code == 422 and text(response) == "the page with the form"
    assert rerendered == [True] and said(request) == []


# ---------------------------------------------------------------------------------------------
# iso_day
# ---------------------------------------------------------------------------------------------


def test_iso_day_reads_the_day_of_iso_text():
    assert iso_day("2012-03-05") == datetime.date(2012, 3, 5)


@pytest.mark.parametrize("value", [None, "", "2012-02-30", "5 March 2012", 20120305, ["2012"]])
def test_iso_day_of_anything_else_is_none(value):
    assert iso_day(value) is None

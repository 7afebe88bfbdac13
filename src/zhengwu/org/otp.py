"""The second factor for staff: time-based one-time passwords (RFC 6238) through django-otp.

Staff may enrol an authenticator app; administrators and supervisors
(``ZHENGWU_OTP_REQUIRED_ROLES``) must. Once a staff member has a confirmed device, or holds a
role that requires one, every page after the password asks for the six-digit code first
(:class:`SecondFactorMiddleware`); a session verified once stays verified until it ends.
Enrolment, each code accepted and each code refused is written to the audit trail. An
administrator removes a lost device in the admin ("TOTP devices"); the account then enrols again
at its next login.
"""

from __future__ import annotations

import base64
import io
import math
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from zhengwu.common.audit import audit_record
from zhengwu.org.auth_events import client_details

DEVICE_NAME = "authenticator"


def required_roles() -> set[str]:
    return {str(role) for role in getattr(settings, "ZHENGWU_OTP_REQUIRED_ROLES", [])}


def second_factor_required(user) -> bool:
    """Whether ``user`` must give a one-time code after the password."""
    if not user.is_authenticated or user.kind != user.Kind.STAFF:
        return False
    needed = required_roles()
    if user.role_codes & needed or (user.is_superuser and "administrator" in needed):
        return True
    return user_has_device(user, confirmed=True)


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from the authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": _("Enter the code your authenticator app shows."),
            "min_length": _("The code has six digits."),
            "max_length": _("The code has six digits."),
        },
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code has digits only."))
        return token


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _redirect(page: str, target: str) -> HttpResponseRedirect:
    """To one of the code pages, carrying where the user was going."""
    return HttpResponseRedirect(f"{reverse(page)}?{urlencode({'next': target})}")


WRONG_CODE = _("The code is wrong or has expired. Enter the code the app shows now.")


def _check(request, device: TOTPDevice, form: CodeForm) -> bool:
    """Whether the form's code is the device's now; a refusal goes on the form and in the audit.

    After each wrong code the device waits 1, 2, 4, … seconds before it checks another (django-otp's
    throttling), and says so instead of counting the attempt.
    """
    allowed, data = device.verify_is_allowed()
    if not allowed:
        locked_until = (data or {}).get("locked_until")
        seconds = (
            max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
            if locked_until
            else 1
        )
        form.add_error(
            "token",
            ngettext(
                "Too many wrong codes: try again in %(n)d second.",
                "Too many wrong codes: try again in %(n)d seconds.",
                seconds,
            )
            % {"n": seconds},
        )
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    audit_record(
        actor=request.user,
        action="login_otp_failed",
        obj=request.user,
        detail=client_details(request),
    )
    form.add_error("token", WRONG_CODE)
    return False


@login_required
def verify(request):
    """After the password: the code of the staff member's device."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return _redirect("otp_setup", _next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(request, device, form):
        otp_login(request, device)
        audit_record(actor=user, action="login_otp", obj=user, detail=client_details(request))
        return HttpResponseRedirect(_next(request))
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next(request)})


def _qr_svg(url: str) -> str:
    out = io.BytesIO()
    write_qrcode_image(url, out)
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :] if "<svg" in svg else svg


@login_required
def setup(request):
    """Enrol an authenticator app: scan the code (or type the key), then confirm with a code."""
    user = request.user
    if user.kind != user.Kind.STAFF:
        return HttpResponseRedirect(reverse("portal:home"))
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return _redirect("otp_verify", _next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(request, device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        audit_record(actor=user, action="otp_enrolled", obj=user, detail=client_details(request))
        return HttpResponseRedirect(_next(request))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "next": _next(request),
        "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (SVG made here from our URL)
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": second_factor_required(user),
    }
    return render(request, "registration/otp_setup.html", context)


class SecondFactorMiddleware:
    """Staff who need a second factor reach nothing but the code pages until they give it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self._exempt(request.path)
            and second_factor_required(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": str(_("A second factor is required: log in with your code."))},
                    status=403,
                )
            page = "otp_verify" if user_has_device(user, confirmed=True) else "otp_setup"
            return _redirect(page, request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = [reverse("otp_verify"), reverse("otp_setup"), reverse("logout"), "/i18n/"]
        static = settings.STATIC_URL or "/static/"
        return path.startswith(static) or any(path.startswith(prefix) for prefix in exempt)

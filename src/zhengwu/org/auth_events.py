"""Every login success, failure and logout is written to the audit trail."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from zhengwu.common.audit import audit_record


def client_details(request) -> dict[str, str]:
    if request is None:
        return {}
    return {
        "ip": request.META.get("REMOTE_ADDR", ""),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
    }


@receiver(user_logged_in, dispatch_uid="zhengwu_audit_login")
def audit_login(sender, request, user, **kwargs):
    audit_record(actor=user, action="login", obj=user, detail=client_details(request))


@receiver(user_login_failed, dispatch_uid="zhengwu_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        action="login_failed",
        object_type="org.user",
        object_id=username,
        detail=client_details(request),
    )


@receiver(user_logged_out, dispatch_uid="zhengwu_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="logout", obj=user, detail=client_details(request))

"""The staff workbench."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from zhengwu.dashboard.rules import dashboard_county, may_see_dashboard
from zhengwu.org.roles import Role
from zhengwu.workdays.selectors import calendar_status


@login_required
def home(request):
    user = request.user
    if user.is_applicant:
        return redirect("portal:home")
    if not user.has_perm("org.use_workbench"):
        raise PermissionDenied
    roles = [Role(code).label for code in sorted(user.role_codes) if code in Role.values]
    status = calendar_status()
    return render(
        request,
        "workbench/home.html",
        {
            "roles": roles,
            "calendar_status": status,
            "missing_year": status.missing_year_for(timezone.localdate()),
            "sees_dashboard": may_see_dashboard(user, dashboard_county(user)),
        },
    )

"""The staff workbench."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from zhengwu.org.roles import Role


@login_required
def home(request):
    user = request.user
    if user.is_applicant:
        return redirect("portal:home")
    if not user.has_perm("org.use_workbench"):
        raise PermissionDenied
    roles = [Role(code).label for code in sorted(user.role_codes) if code in Role.values]
    return render(request, "workbench/home.html", {"roles": roles})

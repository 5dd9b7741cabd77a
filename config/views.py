"""Project-level views that belong to no app."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from core import roles
from programmes.views.programmes import programme_list


def home(request: HttpRequest) -> HttpResponse:
    """The landing page: a project leader's own projects, an elected member's reports; for others the programme.

    It lives here, not in programmes, because it sends people to pages of any app.
    """
    if roles.has_role(request.user, roles.PROJECT_LEADER, roles.PROGRAMME_LEADER):
        return redirect("programmes:my_projects")
    if roles.role_names(request.user) == {roles.POLITICIAN}:
        return redirect("reports:archive")
    return programme_list(request)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in through the app's own (throttled, Norwegian) login page.

    A signed-in user without staff access gets the 403 page instead of a redirect loop between the admin
    and the login page.
    """
    next_url = request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not request.user.is_staff:
        raise PermissionDenied
    return redirect(next_url)

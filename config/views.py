"""Project-level views that belong to no app."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from config import front
from core import access, roles
from programmes import selectors
from programmes.models import Project, SubProgramme
from programmes.views.programmes import programme_list


def home(request: HttpRequest) -> HttpResponse:
    """The front page of the user's role: the portfolio at a glance for the kommunedirektør (and the
    administrator), the sub-programme for its leader, the projects and what is due for a project leader,
    the latest published report and the programme summary for an elected member.

    It lives here, not in an app, because it shows and links pages of every app.
    """
    user = request.user
    if roles.has_role(user, roles.ADMINISTRATOR, roles.EXECUTIVE):
        programme = front.default_programme()
        if programme is None:
            return programme_list(request)
        return render(
            request,
            "front/executive.html",
            {
                "glance": front.portfolio_at_a_glance(user=user, programme=programme),
                "decision_points_waiting": selectors.waiting_for_decision_count(
                    projects=Project.objects.filter(sub_programme__programme=programme)
                ),
            },
        )
    if roles.has_role(user, roles.PROGRAMME_LEADER):
        sub_programmes = list(
            SubProgramme.objects.filter(leader=user).select_related("programme").order_by("position", "name")
        )
        if sub_programmes:
            glances = [
                front.portfolio_at_a_glance(user=user, programme=sub.programme, sub_programme=sub)
                for sub in sub_programmes
            ]
            for glance in glances:
                glance.heading_level = 2 if len(glances) == 1 else 3
            return render(
                request,
                "front/sub_programme.html",
                {"glances": glances, "moves": selectors.moves_into_led_sub_programmes(user=user)},
            )
    if roles.has_role(user, roles.PROJECT_LEADER, roles.PROGRAMME_LEADER):
        projects = selectors.projects_for_leader(user=user)
        return render(
            request,
            "front/project_leader.html",
            {
                "projects": projects,
                "due": front.due_items(projects),
                "moves": selectors.moves_into_led_sub_programmes(user=user),
                "can_propose": access.has_perm(user, "programmes.add_project"),
            },
        )
    if roles.has_role(user, roles.POLITICIAN):
        programme = front.default_programme()
        if programme is None:
            return programme_list(request)
        return render(
            request,
            "front/politician.html",
            {"summary": front.programme_summary(user=user, programme=programme)},
        )
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

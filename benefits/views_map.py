"""Benefit map pages: a project's map with its change lines and the goals its benefits serve (edited by
whoever may edit the project's benefits), and the programme's goals with the gains that serve them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import access
from programmes.models import Programme, Project

from . import map_services
from .benefit_map import map_history, project_map
from .forms_map import BenefitGoalsForm, ChangeLineForm, programme_goal_choices
from .goals_served import goals_served
from .models import Benefit, ProjectChange

PROJECTS = Project.objects.select_related("sub_programme__programme")
PERM = "benefits.change_project_benefits"


def _map_page(
    request: HttpRequest, project: Project, *, form=None, goal_form=None, status=200
) -> HttpResponse:
    benefit_map = project_map(project_id=project.pk)
    choices = programme_goal_choices(project)
    goal_forms = []
    for node in benefit_map.benefits:
        if goal_form is not None and goal_form.benefit.pk == node.benefit.pk:
            goal_forms.append((node, goal_form))
        else:
            goal_forms.append((node, BenefitGoalsForm(benefit=node.benefit, choices=choices)))
    return render(
        request,
        "benefits/map.html",
        {
            "project": project,
            "map": benefit_map,
            "form": form or ChangeLineForm(project=project),
            "goal_forms": goal_forms,
            "has_goals": bool(choices),
            "history": map_history(project_id=project.pk),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def project_map_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    """The map with its change lines; a POST adds a line."""
    project = access.get_for_user(request.user, PROJECTS, PERM, pk=project_id)
    if request.method == "GET":
        return _map_page(request, project)
    form = ChangeLineForm(request.POST, project=project)
    if form.is_valid():
        try:
            line = map_services.change_create(project=project, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The change «%(change)s» was added to the map.") % {"change": line.change}
            )
            return redirect("benefits:project_map", project_id=project.pk)
    return _map_page(request, project, form=form, status=422)


@require_http_methods(["GET", "POST"])
def change_edit(request: HttpRequest, project_id: int, change_id: int) -> HttpResponse:
    project = access.get_for_user(request.user, PROJECTS, PERM, pk=project_id)
    line = get_object_or_404(
        ProjectChange.objects.prefetch_related("benefits"), pk=change_id, project=project
    )
    initial = {"deliverable": line.deliverable, "change": line.change, "benefits": list(line.benefits.all())}
    form = ChangeLineForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            map_services.change_update(line=line, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The change «%(change)s» was saved.") % {"change": form.cleaned_data["change"]}
            )
            return redirect("benefits:project_map", project_id=project.pk)
    return render(
        request,
        "benefits/map_change_form.html",
        {"project": project, "line": line, "form": form},
        status=422 if form.errors else 200,
    )


@require_POST
def change_delete(request: HttpRequest, project_id: int, change_id: int) -> HttpResponse:
    project = access.get_for_user(request.user, PROJECTS, PERM, pk=project_id)
    line = get_object_or_404(ProjectChange, pk=change_id, project=project)
    map_services.change_delete(line=line, user=request.user)
    messages.success(
        request, _("The change «%(change)s» was removed from the map.") % {"change": line.change}
    )
    return redirect("benefits:project_map", project_id=project.pk)


@require_POST
def benefit_goals(request: HttpRequest, project_id: int, benefit_id: int) -> HttpResponse:
    project = access.get_for_user(request.user, PROJECTS, PERM, pk=project_id)
    benefit = get_object_or_404(Benefit.objects.prefetch_related("goals"), pk=benefit_id, project=project)
    form = BenefitGoalsForm(request.POST, benefit=benefit, choices=programme_goal_choices(project))
    if form.is_valid():
        map_services.benefit_goals_set(benefit=benefit, user=request.user, goals=form.cleaned_data["goals"])
        messages.success(request, _("The goals of «%(title)s» were saved.") % {"title": benefit.title})
        return redirect(f"{reverse('benefits:project_map', args=[project.pk])}#goals-{benefit.pk}")
    return _map_page(request, project, goal_form=form, status=422)


def programme_goals(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Per master-plan goal, the gains that serve it (every signed-in user may read it)."""
    access.require_perm(request.user, "benefits.view_benefits")
    programme = get_object_or_404(Programme, pk=programme_id)
    return render(request, "benefits/goals_served.html", {"served": goals_served(programme_id=programme.pk)})

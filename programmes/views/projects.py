"""Project pages: 'Mine prosjekter', the project page, registering and editing a project."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..forms import MilestoneForm, ProjectForm, RiskForm
from ..gains import expected_gains
from ..history import project_history
from ..models import Milestone, Project, Risk


def my_projects(request: HttpRequest) -> HttpResponse:
    projects = selectors.projects_for_leader(user=request.user)
    return render(request, "programmes/my_projects.html", {"projects": projects})


def project_page_context(*, project_id: int, user) -> dict:
    """Everything the project page shows; its htmx sections are rendered from the same context."""
    try:
        project = selectors.project_detail(project_id=project_id)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    can_edit = user.has_perm("programmes.change_project", project)
    risks = list(project.risks.all())
    return {
        "project": project,
        "can_edit": can_edit,
        "milestones": list(project.milestones.all()),
        "risks": risks,
        "risk_matrix": selectors.risk_matrix(risks),
        "reports": list(project.status_reports.all()),
        "expected_gain": expected_gains([project.pk])[project.pk],
        "history": project_history(project=project),
        "milestone_form": MilestoneForm(prefix="milestone") if can_edit else None,
        "risk_form": RiskForm(prefix="risk") if can_edit else None,
    }


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    return render(
        request,
        "programmes/project_detail.html",
        project_page_context(project_id=project_id, user=request.user),
    )


def _validation_response(request: HttpRequest, form) -> HttpResponse:
    """Inline validation: re-renders just the field the user left, with its errors (nothing is saved)."""
    name = request.GET["validate"]
    if name not in form.fields:
        return HttpResponse(status=204)
    form.is_valid()
    response = render(request, "includes/field.html", {"field": form[name], "validate_url": request.path})
    response["Vary"] = "HX-Request"
    return response


@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("programmes.add_project"):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, creating=True)
    if request.method == "POST":
        if request.htmx and request.GET.get("validate"):
            return _validation_response(request, form)
        if form.is_valid():
            try:
                project = services.project_create(user=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("The project was registered. It now waits for the portfolio decision.")
                )
                return redirect(project)
    return render(request, "programmes/project_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("sub_programme__programme"), pk=project_id)
    if not request.user.has_perm("programmes.change_project", project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project)
    conflict = None
    if request.method == "POST":
        if request.htmx and request.GET.get("validate"):
            return _validation_response(request, form)
        if form.is_valid():
            try:
                services.project_update(
                    project_id=project.pk,
                    user=request.user,
                    data=form.cleaned_data,
                    expected_version=form.cleaned_data.get("version") or 0,
                )
            except services.StaleObjectError as exc:
                conflict = exc
                # The user's input stays in the form; saving again now deliberately overwrites.
                data = request.POST.copy()
                data["version"] = exc.current_version
                form = ProjectForm(data, instance=Project.objects.get(pk=project.pk))
                form.is_valid()
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect(project)
    return render(
        request, "programmes/project_form.html", {"form": form, "project": project, "conflict": conflict}
    )


def edit_project_item(request: HttpRequest, project_id: int, *, form_class, model, prefix: str, item_id=None):
    """Adds or edits a milestone or risk. htmx gets the section back; without JS, the project page."""
    project = get_object_or_404(Project.objects.select_related("sub_programme"), pk=project_id)
    if not request.user.has_perm("programmes.change_project", project):
        raise PermissionDenied
    item = get_object_or_404(model, pk=item_id, project=project) if item_id else model(project=project)
    form = form_class(request.POST or None, instance=item, prefix=prefix)
    if request.method == "POST":
        if form.is_valid():
            services.project_item_save(item=item, user=request.user, data=form.cleaned_data)
            if request.htmx:
                return section_response(request, project_id, prefix)
            messages.success(request, _("Saved."))
            return redirect(f"{project.get_absolute_url()}#{prefix}s")
        if request.htmx:
            return section_response(request, project_id, prefix, form=form, item=item)
    if request.htmx:
        return render(
            request, f"programmes/{prefix}_form.html#form", {"project": project, "form": form, "item": item}
        )
    return render(request, f"programmes/{prefix}_form.html", {"project": project, "form": form, "item": item})


def section_response(
    request: HttpRequest, project_id: int, prefix: str, *, form=None, item=None
) -> HttpResponse:
    """The project page's milestone or risk section, with the history swapped in out of band.

    A form that failed validation is shown in the section's editor with the user's input and errors.
    """
    context = project_page_context(project_id=project_id, user=request.user)
    if form is not None:
        context[f"{prefix}_form"] = form
        context[f"{prefix}_item"] = item
    response = render(request, f"programmes/project_detail.html#{prefix}s", {**context, "oob_history": True})
    response["Vary"] = "HX-Request"
    return response


def milestone_edit(request: HttpRequest, project_id: int, milestone_id: int | None = None) -> HttpResponse:
    return edit_project_item(
        request,
        project_id,
        form_class=MilestoneForm,
        model=Milestone,
        prefix="milestone",
        item_id=milestone_id,
    )


def risk_edit(request: HttpRequest, project_id: int, risk_id: int | None = None) -> HttpResponse:
    return edit_project_item(
        request, project_id, form_class=RiskForm, model=Risk, prefix="risk", item_id=risk_id
    )

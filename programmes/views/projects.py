"""Project pages: 'Mine prosjekter', the project page, registering and editing a project."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from core import access
from core.forms import save_edit
from core.versioning import saved_text

from .. import selectors, services
from ..forms import MilestoneForm, ProjectForm, RiskForm
from ..gains import expected_gains
from ..history import project_history
from ..models import Milestone, Project, Risk
from ..page_sections import project_page_sections
from .decisions import decision_point_context


def my_projects(request: HttpRequest) -> HttpResponse:
    projects = selectors.projects_for_leader(user=request.user)
    moves = selectors.moves_into_led_sub_programmes(user=request.user)
    can_propose = access.has_perm(request.user, "programmes.add_project")
    return render(
        request,
        "programmes/my_projects.html",
        {"projects": projects, "moves": moves, "can_propose": can_propose},
    )


def project_page_context(*, project_id: int, user) -> dict:
    """Everything the project page shows; its htmx sections are rendered from the same context."""
    try:
        project = selectors.project_detail(project_id=project_id)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    can_edit = access.has_perm(user, "programmes.change_project", project)
    risks = list(project.risks.all())
    return {
        "project": project,
        "can_edit": can_edit,
        "milestones": list(project.milestones.all()),
        "risks": risks,
        "risk_matrix": selectors.risk_matrix(risks),
        "reports": list(project.status_reports.all()),
        # Drafts are the editors' own: nobody else learns that one exists.
        "drafts": list(project.status_report_drafts.select_related("updated_by").order_by("-period_key"))
        if can_edit
        else [],
        "expected_gain": expected_gains([project.pk])[project.pk],
        "history": project_history(project=project),
        **decision_point_context(project=project, user=user),
        "page_sections": project_page_sections(),
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
    return render(request, "includes/field.html", {"field": form[name], "validate_url": request.path})


@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    access.require_perm(request.user, "programmes.add_project")
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


# A project as its edit page needs it.
PROJECT_FORM_PROJECTS = Project.objects.select_related("sub_programme__programme")


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.get_for_user(
        request.user, PROJECT_FORM_PROJECTS, "programmes.change_project", pk=project_id
    )
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    conflict = None
    if request.method == "POST":
        if request.htmx and request.GET.get("validate"):
            return _validation_response(request, form)
        if form.is_valid():
            edit = save_edit(
                form,
                lambda: services.project_update(
                    project_id=project.pk,
                    user=request.user,
                    data=form.cleaned_data,
                    expected_version=form.expected_version,
                    choices=form.conflict_choices,
                    phase_reason=form.cleaned_data.get("phase_reason", ""),
                ),
                after_conflict=lambda exc: ProjectForm.after_conflict(
                    exc, instance=PROJECT_FORM_PROJECTS.get(pk=project.pk), user=request.user
                ),
            )
            if edit.saved:
                messages.success(request, saved_text(edit.saved))
                return redirect(project)
            form, conflict = edit.form, edit.conflict
    return render(
        request, "programmes/project_form.html", {"form": form, "project": project, "conflict": conflict}
    )


ITEM_SAVED = {
    ("milestone", True): _lazy("The milestone «%(title)s» was added."),
    ("milestone", False): _lazy("The milestone «%(title)s» was saved."),
    ("risk", True): _lazy("The risk «%(title)s» was added."),
    ("risk", False): _lazy("The risk «%(title)s» was saved."),
}


# A project as its milestone and risk pages need it.
EDITED_PROJECTS = Project.objects.select_related("sub_programme")


def edit_project_item(request: HttpRequest, project_id: int, *, form_class, model, prefix: str, item_id=None):
    """Adds or edits a milestone or risk. htmx gets the section back; without JS, the project page.

    A stale edit is merged field by field; a field both people changed comes back with a choice.
    """
    project = access.get_for_user(request.user, EDITED_PROJECTS, "programmes.change_project", pk=project_id)
    item = get_object_or_404(model, pk=item_id, project=project) if item_id else model(project=project)
    form = form_class(request.POST or None, instance=item, prefix=prefix)
    conflict = None
    if request.method == "POST":
        if form.is_valid():
            creating = item.pk is None
            edit = save_edit(
                form,
                lambda: services.project_item_save(
                    item=item,
                    user=request.user,
                    data=form.cleaned_data,
                    expected_version=form.expected_version,
                    choices=form.conflict_choices,
                ),
                after_conflict=lambda exc: form_class.after_conflict(
                    exc, instance=model.objects.get(pk=item.pk), prefix=prefix
                ),
            )
            if edit.saved:
                title = edit.saved.instance.title
                text = saved_text(edit.saved, ITEM_SAVED[(prefix, creating)] % {"title": title})
                if request.htmx:
                    return section_response(request, project_id, prefix, saved_text=text)
                messages.success(request, text)
                return redirect(f"{project.get_absolute_url()}#{prefix}s")
            form, conflict = edit.form, edit.conflict
        if request.htmx:
            return section_response(request, project_id, prefix, form=form, item=item, conflict=conflict)
    context = {"project": project, "form": form, "item": item, "conflict": conflict}
    if request.htmx:
        return render(request, f"programmes/{prefix}_form.html#form", context)
    return render(request, f"programmes/{prefix}_form.html", context, status=422 if form.errors else 200)


def delete_project_item(request: HttpRequest, project_id: int, *, model, prefix: str, item_id: int):
    """Deleting a milestone or risk asks first (a page of its own, so it works without JavaScript)."""
    project = access.get_for_user(request.user, EDITED_PROJECTS, "programmes.change_project", pk=project_id)
    item = get_object_or_404(model, pk=item_id, project=project)
    if request.method == "POST":
        title = item.title
        services.project_item_delete(item=item, user=request.user)
        messages.success(request, ITEM_DELETED[prefix] % {"title": title})
        return redirect(f"{project.get_absolute_url()}#{prefix}s")
    return render(
        request, "programmes/item_delete.html", {"project": project, "item": item, "prefix": prefix}
    )


ITEM_DELETED = {
    "milestone": _lazy("The milestone «%(title)s» was deleted."),
    "risk": _lazy("The risk «%(title)s» was deleted."),
}


def section_response(
    request: HttpRequest,
    project_id: int,
    prefix: str,
    *,
    form=None,
    item=None,
    conflict=None,
    saved_text: str = "",
) -> HttpResponse:
    """The project page's milestone or risk section, with the history swapped in out of band.

    A form that failed validation (422) or met a conflict is shown in the section's editor with the user's
    input; a save is announced in the section, where the keyboard focus goes.
    """
    context = project_page_context(project_id=project_id, user=request.user)
    if form is not None:
        context[f"{prefix}_form"] = form
        context[f"{prefix}_item"] = item
    context.update(conflict=conflict, saved_text=saved_text, oob_history=True)
    status = 422 if form is not None and (form.errors or conflict) else 200
    return render(request, f"programmes/project_detail.html#{prefix}s", context, status=status)


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


@require_http_methods(["GET", "POST"])
def milestone_delete(request: HttpRequest, project_id: int, milestone_id: int) -> HttpResponse:
    return delete_project_item(request, project_id, model=Milestone, prefix="milestone", item_id=milestone_id)


@require_http_methods(["GET", "POST"])
def risk_delete(request: HttpRequest, project_id: int, risk_id: int) -> HttpResponse:
    return delete_project_item(request, project_id, model=Risk, prefix="risk", item_id=risk_id)

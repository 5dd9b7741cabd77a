"""Gain pages: a project's benefits and plan grid, the programme and sub-programme overviews, the Excel
export, template and import, and the programme's savings targets."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from programmes.forms import staff_people
from programmes.models import Programme, Project, SubProgramme
from programmes.people import person_name

from . import charts, excel, rules, selectors, services
from .forms import BenefitForm, ImportForm, TargetsForm, cell_name, format_amount, original_name, parse_grid
from .history import benefit_history
from .models import Benefit, SavingsTarget

# --- A project's gains -------------------------------------------------------------------------------------


def _project_or_404(project_id: int) -> Project:
    return get_object_or_404(Project.objects.select_related("sub_programme__programme"), pk=project_id)


def _editable_project(request: HttpRequest, project_id: int) -> Project:
    project = _project_or_404(project_id)
    if not request.user.has_perm("benefits.change_project_benefits", project):
        raise PermissionDenied
    return project


def grid_cells(gains: selectors.ProjectGains, *, raw=None, errors=None, originals=None) -> list[dict]:
    """The grid's rows with one dict per cell: name, shown text, original value, error."""
    raw, errors, originals = raw or {}, errors or {}, originals or {}
    rows = []
    for row in gains.rows:
        benefit = row.benefit
        cells = []
        for year in gains.years:
            plan_year = row.years[year]
            for field in ("planned", "realised"):
                key = (benefit.pk, year, field)
                stored = getattr(plan_year, field) if plan_year else None
                original = originals.get(key, stored)
                cells.append(
                    {
                        "year": year,
                        "field": field,
                        "name": cell_name(benefit.pk, year, field),
                        "orig_name": original_name(benefit.pk, year, field),
                        "id": f"cell-{benefit.pk}-{year}-{field}",
                        "value": raw.get(key, format_amount(stored)),
                        "original": format_amount(original),
                        "error": errors.get(key, ""),
                    }
                )
        rows.append({"row": row, "benefit": benefit, "cells": cells})
    return rows


def project_context(request: HttpRequest, project_id: int, **grid) -> dict:
    try:
        gains = selectors.project_gains(project_id=project_id)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    can_edit = request.user.has_perm("benefits.change_project_benefits", gains.project)
    return {
        "project": gains.project,
        "gains": gains,
        "grid": grid_cells(gains, **grid),
        "can_edit": can_edit,
        "history": benefit_history(project_id=project_id),
    }


@require_http_methods(["GET", "POST"])
def project_benefits(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project's gains tab; a POST saves the grid's changed cells (htmx: per change, without JS: all)."""
    if request.method == "GET":
        return render(request, "benefits/project_benefits.html", project_context(request, project_id))
    project = _editable_project(request, project_id)
    gains = selectors.project_gains(project_id=project.pk)
    benefits = [row.benefit for row in gains.rows]
    cells, errors, raw = parse_grid(request.POST, benefits=benefits, years=gains.years)
    result = services.benefit_grid_save(project=project, user=request.user, cells=cells)
    errors |= result.errors
    for conflict in result.conflicts:
        errors[(conflict.cell.benefit_id, conflict.cell.year, conflict.cell.field)] = _(
            "Someone else changed this to %(value)s while you were editing. Your figure is kept: save again to "
            "overwrite."
        ) % {"value": format_amount(conflict.current) or _("empty")}
    # Originals become what the database now holds, so that saving again overwrites on purpose.
    originals = result.current_values
    if request.htmx:
        context = project_context(request, project_id, raw=raw, errors=errors, originals=originals)
        context["saved_at"] = timezone.localtime() if result.saved else None
        context["error_count"] = len(errors)
        response = render(request, "benefits/project_benefits.html#grid_update", context)
        response["Vary"] = "HX-Request"
        return response
    if errors:
        context = project_context(request, project_id, raw=raw, errors=errors, originals=originals)
        context["error_count"] = len(errors)
        return render(request, "benefits/project_benefits.html", context, status=200)
    messages.success(request, _("The gain plan was saved."))
    return redirect("benefits:project_benefits", project_id=project.pk)


def _plan_years_for(project: Project, benefit: Benefit | None = None) -> list[int]:
    years = set(selectors.plan_years(project.sub_programme.programme))
    if benefit is not None:
        years.update(py.year for py in benefit.plan_years.all())
    return sorted(years)


@require_http_methods(["GET", "POST"])
def benefit_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _editable_project(request, project_id)
    years = _plan_years_for(project)
    form = BenefitForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            benefit = services.benefit_create(
                project=project, user=request.user, data=form.cleaned_data, plan=form.plan()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The benefit «%(title)s» was added.") % {"title": benefit.title})
            return redirect("benefits:project_benefits", project_id=project.pk)
    return render(request, "benefits/benefit_form.html", {"project": project, "form": form})


@require_http_methods(["GET", "POST"])
def benefit_edit(request: HttpRequest, project_id: int, benefit_id: int) -> HttpResponse:
    project = _editable_project(request, project_id)
    benefit = get_object_or_404(
        Benefit.objects.prefetch_related("plan_years"), pk=benefit_id, project=project
    )
    years = _plan_years_for(project, benefit)
    plan_years = list(benefit.plan_years.all())
    form = BenefitForm(request.POST or None, instance=benefit, years=years, plan_years=plan_years)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_update(
                benefit_id=benefit.pk,
                user=request.user,
                data=form.cleaned_data,
                plan=form.plan(),
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except services.BenefitConflictError as exc:
            conflict = exc
            # The input stays; the form now carries the current version, so saving again overwrites.
            data = request.POST.copy()
            data["version"] = exc.current_version
            benefit = Benefit.objects.prefetch_related("plan_years").get(pk=benefit.pk)
            form = BenefitForm(data, instance=benefit, years=years, plan_years=list(benefit.plan_years.all()))
            form.is_valid()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("benefits:project_benefits", project_id=project.pk)
    return render(
        request,
        "benefits/benefit_form.html",
        {"project": project, "form": form, "benefit": benefit, "conflict": conflict},
    )


@require_POST
def benefit_delete(request: HttpRequest, project_id: int, benefit_id: int) -> HttpResponse:
    project = _editable_project(request, project_id)
    benefit = get_object_or_404(Benefit, pk=benefit_id, project=project)
    services.benefit_delete(benefit=benefit, user=request.user)
    messages.success(request, _("The benefit «%(title)s» was deleted.") % {"title": benefit.title})
    return redirect("benefits:project_benefits", project_id=project.pk)


# --- Overviews -------------------------------------------------------------------------------------------------


def overview_index(request: HttpRequest) -> HttpResponse:
    """'Gevinster' in the menu: the overview of the programme, or a list when there are several."""
    programmes = list(Programme.objects.order_by("name"))
    if len(programmes) == 1:
        return redirect("benefits:programme_overview", programme_id=programmes[0].pk)
    return render(request, "benefits/overview_index.html", {"programmes": programmes})


def _overview_response(
    request: HttpRequest, *, programme_id: int, sub_programme_id: int | None
) -> HttpResponse:
    largest_sort = request.GET.get("largest", "planned")
    behind_sort = request.GET.get("behind", "behind")
    try:
        overview = selectors.gain_overview(
            programme_id=programme_id,
            sub_programme_id=sub_programme_id,
            largest_sort=largest_sort if largest_sort in selectors.LARGEST_SORTS else "planned",
            behind_sort=behind_sort if behind_sort in selectors.BEHIND_SORTS else "behind",
        )
    except (Programme.DoesNotExist, SubProgramme.DoesNotExist) as exc:
        raise Http404 from exc
    context = {
        "overview": overview,
        "largest_sort": largest_sort,
        "behind_sort": behind_sort,
        # The predicates themselves: has_perm would also ask Django's ModelBackend (two queries) on a "no".
        "can_import": rules.can_import_benefits(request.user),
        "can_set_targets": rules.can_set_targets(request.user),
    }
    # An htmx sort swaps only the list it sorts.
    target = request.headers.get("HX-Target", "") if request.htmx else ""
    if target in ("largest", "behind"):
        response = render(request, f"benefits/overview.html#{target}_list", context)
        response["Vary"] = "HX-Request"
        return response
    context["charts"] = {
        "yearly": charts.yearly_chart(overview),
        "cumulative": charts.cumulative_chart(overview),
        "kinds": charts.group_chart(overview.by_kind, description=_("Bar chart of financial gains by type.")),
    }
    if sub_programme_id is None:
        context["charts"]["sub_programmes"] = charts.group_chart(
            overview.by_sub_programme, description=_("Bar chart of financial gains by sub-programme.")
        )
    response = render(request, "benefits/overview.html", context)
    response["Vary"] = "HX-Request"
    return response


def programme_overview(request: HttpRequest, programme_id: int) -> HttpResponse:
    return _overview_response(request, programme_id=programme_id, sub_programme_id=None)


def sub_programme_overview(request: HttpRequest, sub_programme_id: int) -> HttpResponse:
    sub = get_object_or_404(SubProgramme, pk=sub_programme_id)
    return _overview_response(request, programme_id=sub.programme_id, sub_programme_id=sub.pk)


# --- Excel -------------------------------------------------------------------------------------------------------


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def benefit_export(request: HttpRequest, programme_id: int) -> HttpResponse:
    get_object_or_404(Programme, pk=programme_id)
    years, rows = selectors.benefit_plan(programme_id=programme_id)
    return _xlsx(excel.export_workbook(years, rows), f"gevinstplan-{timezone.localdate():%Y-%m-%d}.xlsx")


def benefit_template(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("economic_plan"), pk=programme_id)
    projects = selectors.programme_projects(programme_id=programme.pk)
    labels = selectors.project_labels(projects)
    people = [person_name(user) for user in staff_people()]
    data = excel.template_workbook(
        selectors.plan_years(programme), [labels[p["pk"]] for p in projects], people
    )
    return _xlsx(data, "gevinstplan-mal.xlsx")


def import_lookups(*, programme: Programme, user) -> tuple[excel.ProjectLookup, dict]:
    """What the parse step matches names against, limited to the projects this user may import for."""
    projects = selectors.programme_projects(programme_id=programme.pk)
    allowed = {
        p["pk"]
        for p in projects
        if rules.may_import_for_project(
            user,
            # Enough of the project for the predicate, without a query per project.
            Project(
                pk=p["pk"],
                sub_programme=SubProgramme(pk=p["sub_programme_id"], leader_id=p["sub_programme__leader_id"]),
            ),
        )
    }
    return excel.ProjectLookup.build(projects, allowed), selectors.people_by_name()


@require_http_methods(["GET", "POST"])
def benefit_import(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=programme_id)
    if not rules.can_import_benefits(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        problem = excel.file_problem(upload.size)
        if problem:
            errors = [excel.CellError(None, "", problem)]
        else:
            projects, people = import_lookups(programme=programme, user=request.user)
            result = excel.parse_workbook(upload.read(), projects=projects, people=people)
            errors = result.errors
            if result.ok:
                try:
                    summary = services.benefit_plan_import(
                        programme=programme, user=request.user, rows=result.rows
                    )
                except services.BenefitImportError as exc:
                    errors = [excel.CellError(p.row, p.column, p.message) for p in exc.problems]
                    return render(
                        request,
                        "benefits/import.html",
                        {"programme": programme, "form": form, "errors": errors, "max_rows": excel.MAX_ROWS},
                    )
                messages.success(
                    request,
                    _(
                        "The benefit plan was imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged."
                    )
                    % {
                        "created": summary.created,
                        "updated": summary.updated,
                        "unchanged": summary.unchanged,
                    },
                )
                return redirect("benefits:programme_overview", programme_id=programme.pk)
    return render(
        request,
        "benefits/import.html",
        {"programme": programme, "form": form, "errors": errors, "max_rows": excel.MAX_ROWS},
    )


# --- Targets -------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def targets_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("economic_plan"), pk=programme_id)
    if not rules.can_set_targets(request.user):
        raise PermissionDenied
    years = selectors.plan_years(programme)
    sub_programmes = list(SubProgramme.objects.filter(programme=programme).order_by("position", "name"))
    targets = {
        (t.sub_programme_id, t.year): t.amount for t in SavingsTarget.objects.filter(programme=programme)
    }
    initial = {"start_year": years[0], "years": len(years)}
    form = TargetsForm(
        request.POST or None, initial=initial, years=years, sub_programmes=sub_programmes, targets=targets
    )
    if request.method == "POST" and form.is_valid():
        services.economic_plan_set(
            programme=programme,
            user=request.user,
            start_year=form.cleaned_data["start_year"],
            years=form.cleaned_data["years"],
        )
        services.savings_targets_set(programme=programme, user=request.user, targets=form.targets())
        messages.success(request, _("The economic plan period and the savings targets were saved."))
        return redirect(reverse("benefits:targets_edit", args=[programme.pk]))
    return render(request, "benefits/targets_form.html", {"programme": programme, "form": form})

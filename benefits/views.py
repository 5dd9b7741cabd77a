"""Gain pages: a project's benefits and plan grid, the programme and sub-programme overviews, the Excel
export, template and import, and the programme's savings targets."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core import access, export_jobs, import_jobs, jobs
from core.forms import save_edit
from core.import_problems import ImportSummary
from core.merge import KEEP_THEIRS, EditConflict
from core.numbers import format_as_typed, format_date, format_number
from core.people import person_name
from core.versioning import kept_text, saved_text
from programmes.models import Programme, Project, SubProgramme

from . import charts, excel, selectors, services
from .forms import (
    BenefitForm,
    ImportForm,
    TargetsForm,
    cell_name,
    choice_name,
    conflict_name,
    original_name,
    parse_grid,
)
from .history import benefit_history
from .models import Benefit, BenefitPlanExport, BenefitPlanImport, BenefitUpload, SavingsTarget
from .rules import in_realisation
from .selectors.ledger_rows import ledger_year, ledger_years, with_ledger_years
from .services import gains_files

# --- A project's gains -------------------------------------------------------------------------------------


# The grid's cells as their labels name them («Planlagt», «Driftskostnad», «Uttak», «Realisert»).
GRID_LABELS = {
    "planned": gettext_lazy("Planned"),
    "operating_cost": gettext_lazy("Operating cost"),
    "withdrawal": gettext_lazy("Withdrawal"),
    "realised": gettext_lazy("Realised"),
}

# A project as its gain pages need it.
PROJECTS = Project.objects.select_related("sub_programme__programme__economic_plan", "owner", "leader")


def grid_cells(
    gains: selectors.ProjectGains,
    *,
    raw=None,
    errors=None,
    originals=None,
    conflicts: dict | None = None,
    refresh: set | None = None,
    editable: dict[int, frozenset[str]] | None = None,
) -> list[dict]:
    """The grid's rows with one dict per cell: name, shown text, original value, error, conflict, and
    whether this user may change it (`editable`: the fields each benefit's cells may be changed in); and
    per year the benefit's ledger (net gain, range, operating cost, withdrawal and its warning).

    `raw` is the text the user typed (shown again), except for the cells in `refresh`, which show what is
    stored (a colleague's change, or their value the user chose). `conflicts` maps a cell to the
    CellConflict the user must decide.
    """
    raw, errors, originals = raw or {}, errors or {}, originals or {}
    conflicts, refresh = conflicts or {}, refresh or set()
    editable = editable or {}
    rows = []
    for row in gains.rows:
        benefit = row.benefit
        may = editable.get(benefit.pk, frozenset())
        fields = services.grid_fields(benefit)
        cells = []
        years = []
        for year in gains.years:
            plan_year = row.years[year]
            year_cells = []
            for field in fields:
                key = (benefit.pk, year, field)
                stored = getattr(plan_year, field) if plan_year else None
                original = originals.get(key, stored)
                conflict = conflicts.get(key)
                error = errors.get(key, "")
                if not error and field == "realised" and year in row.uncounted_realised:
                    error = _(
                        "Not counted as realised: %(year)s has not started yet. Move the figure to the plan "
                        "or empty it."
                    ) % {"year": year}
                year_cells.append(
                    {
                        "year": year,
                        "field": field,
                        "label": GRID_LABELS[field],
                        "name": cell_name(benefit.pk, year, field),
                        "orig_name": original_name(benefit.pk, year, field),
                        "conflict_name": conflict_name(benefit.pk, year, field),
                        "choice_name": choice_name(benefit.pk, year, field),
                        "id": f"cell-{benefit.pk}-{year}-{field}",
                        "value": format_as_typed(stored)
                        if key in refresh
                        else raw.get(key, format_as_typed(stored)),
                        "original": format_as_typed(original),
                        "error": error,
                        "conflict": conflict,
                        "mine": raw.get(key, "") if conflict else "",
                        "theirs": (format_as_typed(conflict.current) or _("empty")) if conflict else "",
                        "refresh": key in refresh,
                        "editable": field in may,
                    }
                )
            cells += year_cells
            # One column per year: its cells (plan, then realised), and the year's ledger.
            years.append(
                {
                    "year": year,
                    "cells": year_cells,
                    "ledger": ledger_year(benefit, plan_year, year, gains.this_year),
                }
            )
        rows.append(
            {"row": row, "benefit": benefit, "cells": cells, "years": years, "may_report": "realised" in may}
        )
    return rows


def editable_fields(user, gains: selectors.ProjectGains) -> dict[int, frozenset[str]]:
    """The grid's fields this user may change, by benefit: the plan (planned, operating cost, withdrawal)
    for whoever may edit the project's benefits, the realised figure for whoever reports the benefit's
    realisation (rules.py)."""
    may_plan = access.has_perm(user, "benefits.change_project_benefits", gains.project)
    fields = {}
    for row in gains.rows:
        row.benefit.project = gains.project  # the rules read the phase and leaders without a query
        allowed = set(services.grid_fields(row.benefit)) - {"realised"} if may_plan else set()
        if access.has_perm(user, "benefits.report_realisation", row.benefit):
            allowed.add("realised")
        fields[row.benefit.pk] = frozenset(allowed)
    return fields


def project_context(
    request: HttpRequest, project: Project, gains: selectors.ProjectGains | None = None, **grid
) -> dict:
    """The gains tab's context; `gains`, when the caller has them (a save's answer), saves reading them."""
    gains = with_ledger_years(gains or selectors.gains_of_project(project))
    can_edit = access.has_perm(request.user, "benefits.change_project_benefits", gains.project)
    editable = editable_fields(request.user, gains)
    return {
        "project": gains.project,
        "gains": gains,
        "grid": grid_cells(gains, editable=editable, **grid),
        "can_edit": can_edit,
        "can_write": any(editable.values()),
        "in_realisation": in_realisation(gains.project),
        "history": benefit_history(project_id=project.pk),
    }


def _cell_label(gains: selectors.ProjectGains, key) -> str:
    benefit_id, year, field = key
    title = next((row.benefit.title for row in gains.rows if row.benefit.pk == benefit_id), "")
    return f"{title}: {GRID_LABELS[field].lower()} {year}"


def _names(names: list[str]) -> str:
    names = names or [_("someone else")]
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _merged_message(gains: selectors.ProjectGains, result: services.GridResult) -> str:
    """«Endringene dine er lagret. {navn} hadde også endret {felter} – de endringene er beholdt.»"""
    fields = [_cell_label(gains, c.cell.key) for c in result.theirs_only]
    names = [c.changed_by for c in result.theirs_only if c.changed_by]
    if result.saved:
        return kept_text(_("Your changes were saved."), who=_names(names) if names else "", fields=fields)
    return _("%(name)s has changed %(fields)s; the grid now shows their figures.") % {
        "name": _names(names),
        "fields": ", ".join(fields),
    }


@require_http_methods(["GET", "POST"])
def project_benefits(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project's gains tab; a POST saves the grid's changed cells (htmx: per change, without JS: all).

    Cells are merged field by field with what others saved meanwhile (services.benefit_grid_save). Every
    figure and total on the page, and in the htmx answer, is summed by the server (the selector, over the
    rows the save holds): the browser never adds anything up.
    """
    if request.method == "GET":
        project = get_object_or_404(PROJECTS, pk=project_id)
        return render(request, "benefits/project_benefits.html", project_context(request, project))
    project = access.get_for_user(request.user, PROJECTS, "benefits.write_project_gains", pk=project_id)
    result = services.benefit_grid_save(
        project=project,
        user=request.user,
        read=partial(parse_grid, request.POST),
        may_change=partial(editable_fields, request.user),
    )
    errors = dict(result.errors)
    for key in result.unchosen:
        errors[key] = _("Choose which value is to apply.")
    conflicts = {c.cell.key: c for c in result.conflicts}
    # A cell only the colleague changed, or one where the user chose the colleague's value, shows what is
    # stored; the other cells keep what the user typed.
    refresh = {c.cell.key for c in result.theirs_only}
    refresh |= {c.key for c in result.submitted.cells if c.must_choose and c.choice == KEEP_THEIRS}
    if not conflicts and not result.unchosen:
        refresh |= {c.key for c in result.saved}
    # Originals become what the database now holds (the version the re-rendered page carries).
    originals = result.current_values
    merged = _merged_message(result.gains, result) if result.theirs_only and not conflicts else ""
    conflict_names = _names(result.colleagues) if conflicts else ""
    grid = {
        "raw": result.submitted.raw,
        "errors": errors,
        "originals": originals,
        "conflicts": conflicts,
        "refresh": refresh,
    }
    problems = len(errors) + len(conflicts)
    if request.htmx or problems:
        context = project_context(request, project, result.gains, **grid)
        context |= {
            "error_count": len(errors),
            "conflict_count": len(conflicts),
            "conflict_names": conflict_names,
            "merged": merged,
        }
        if not request.htmx:
            return render(request, "benefits/project_benefits.html", context)
        context["saved_at"] = timezone.localtime() if result.saved else None
        return render(
            request, "benefits/project_benefits.html#grid_update", context, status=422 if problems else 200
        )
    messages.success(request, merged or _("The gain plan was saved."))
    return redirect("benefits:project_benefits", project_id=project.pk)


def _plan_years_for(project: Project, benefit: Benefit | None = None) -> list[int]:
    """The years of the benefit form: the ledger's years, and any other year the benefit has figures for."""
    years = set(ledger_years(project.sub_programme.programme))
    if benefit is not None:
        years.update(py.year for py in benefit.plan_years.all())
    return sorted(years)


@require_http_methods(["GET", "POST"])
def benefit_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.get_for_user(request.user, PROJECTS, "benefits.change_project_benefits", pk=project_id)
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


def _shown(form: BenefitForm, name: str, value) -> str:
    """A field's value as the conflict panel shows it: a name, a label, an amount, a date, or «–»."""
    if value in (None, ""):
        return "–"
    field = form.fields[name]
    if name == "owner":
        user = value if hasattr(value, "pk") else field.queryset.filter(pk=value).first()
        return person_name(user) if user else "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if getattr(field, "choices", None) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, Decimal):
        return format_number(value)
    if hasattr(value, "strftime"):
        return format_date(value)
    return str(value)


def _as_form_data(value: Any) -> str | None:
    """A stored value as the bound form must carry it, to show a colleague's change in the input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, Decimal):
        return format_as_typed(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _must_choose(conflict: EditConflict) -> list[str]:
    """The fields the user is to choose for: both changed them, or a choice shown before was not made."""
    return [*conflict.outcome.conflicts, *sorted(conflict.unchosen - set(conflict.outcome.conflicts))]


def _conflict_panel(form: BenefitForm, conflict: EditConflict) -> dict:
    """Each field to choose for, with the user's value and the one saved now, as the form's panel shows them."""
    mine = form.values()
    return {
        "changed_by": conflict.changed_by or _("someone else"),
        "fields": [
            {
                "name": name,
                "label": form.fields[name].label,
                "mine": _shown(form, name, mine.get(name)),
                "theirs": _shown(form, name, conflict.current.get(name)),
                "error": _("Choose which value is to apply.") if name in conflict.unchosen else "",
            }
            for name in _must_choose(conflict)
        ],
    }


def _form_after_conflict(
    request: HttpRequest, conflict: EditConflict, *, benefit_id: int, years: list[int], rights: dict
) -> BenefitForm:
    """The form again after a conflict: the input stays, the colleague's other changes are applied, and it
    carries the current version and values as its base, so a third save in between repeats the process."""
    data = request.POST.copy()
    for name in conflict.outcome.theirs_only:
        value = _as_form_data(conflict.current.get(name))
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    data["version"] = conflict.current_version
    data["base"] = json.dumps({name: services.canonical(value) for name, value in conflict.current.items()})
    data["must_choose"] = ",".join(_must_choose(conflict))
    for name in conflict.outcome.conflicts:
        data.pop(f"choice_{name}", None)
    benefit = Benefit.objects.prefetch_related("plan_years").get(pk=benefit_id)
    form = BenefitForm(
        data, instance=benefit, years=years, plan_years=list(benefit.plan_years.all()), **rights
    )
    form.is_valid()
    return form


@require_http_methods(["GET", "POST"])
def benefit_edit(request: HttpRequest, project_id: int, benefit_id: int) -> HttpResponse:
    """Edits a benefit and its plan. A save made on a form someone else saved meanwhile is merged field by
    field (services.benefit_update); a field both changed is shown side by side for the user to choose.

    Whoever may edit the project's benefits edits the benefit and its plan; whoever reports the benefit's
    realisation (its owner, once the project has delivered) the realised figures and comments (rules.py)."""
    project = get_object_or_404(PROJECTS, pk=project_id)
    benefit = get_object_or_404(
        Benefit.objects.prefetch_related("plan_years"), pk=benefit_id, project=project
    )
    benefit.project = project
    rights = {
        "may_edit_plan": access.has_perm(request.user, "benefits.change_project_benefits", project),
        "may_report": access.has_perm(request.user, "benefits.report_realisation", benefit),
    }
    if not any(rights.values()):
        raise PermissionDenied
    years = _plan_years_for(project, benefit)
    plan_years = list(benefit.plan_years.all())
    form = BenefitForm(request.POST or None, instance=benefit, years=years, plan_years=plan_years, **rights)
    conflict = None
    if request.method == "POST" and form.is_valid():
        edit = save_edit(
            form,
            lambda: services.benefit_update(
                benefit_id=benefit.pk,
                user=request.user,
                values=form.values(),
                expected_version=form.cleaned_data.get("version") or 0,
                base=form.base_values(),
                must_choose=form.must_choose_fields(),
                choices={name: request.POST.get(f"choice_{name}", "") for name in form.must_choose_fields()},
            ),
            after_conflict=lambda exc: _form_after_conflict(
                request, exc, benefit_id=benefit.pk, years=years, rights=rights
            ),
        )
        if edit.saved:
            labels = {name: field.label for name, field in form.fields.items()}
            messages.success(request, saved_text(edit.saved, labels=labels))
            return redirect("benefits:project_benefits", project_id=project.pk)
        if edit.conflict:
            conflict = _conflict_panel(form, edit.conflict)
        form = edit.form
    return render(
        request,
        "benefits/benefit_form.html",
        {
            "project": project,
            "form": form,
            "benefit": form.instance,
            "conflict": conflict,
            "in_realisation": in_realisation(project),
            "ledgers": _ledgers(benefit, plan_years),
        },
    )


def _ledgers(benefit: Benefit, plan_years: list) -> list:
    """The saved ledger of each year the benefit has figures for (net gain, withdrawal warning)."""
    this_year = selectors.current_year()
    return [ledger_year(benefit, py, py.year, this_year) for py in plan_years]


@require_POST
def benefit_delete(request: HttpRequest, project_id: int, benefit_id: int) -> HttpResponse:
    project = access.get_for_user(request.user, PROJECTS, "benefits.change_project_benefits", pk=project_id)
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
        overview = selectors.cached_gain_overview(
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
        "can_import": access.has_perm(request.user, "benefits.import_benefits"),
        "can_set_targets": access.has_perm(request.user, "benefits.change_targets"),
    }
    # An htmx sort swaps only the list it sorts.
    target = request.headers.get("HX-Target", "") if request.htmx else ""
    if target in ("largest", "behind"):
        return render(request, f"benefits/overview.html#{target}_list", context)
    context["charts"] = {
        "yearly": charts.yearly_chart(overview),
        "cumulative": charts.cumulative_chart(overview),
        "kinds": charts.group_chart(overview.by_kind, description=_("Bar chart of financial gains by type.")),
    }
    if sub_programme_id is None:
        context["charts"]["sub_programmes"] = charts.group_chart(
            overview.by_sub_programme, description=_("Bar chart of financial gains by sub-programme.")
        )
    return render(request, "benefits/overview.html", context)


def programme_overview(request: HttpRequest, programme_id: int) -> HttpResponse:
    return _overview_response(request, programme_id=programme_id, sub_programme_id=None)


def sub_programme_overview(request: HttpRequest, sub_programme_id: int) -> HttpResponse:
    sub = get_object_or_404(SubProgramme, pk=sub_programme_id)
    return _overview_response(request, programme_id=sub.programme_id, sub_programme_id=sub.pk)


# --- Excel -------------------------------------------------------------------------------------------------------


def _export_breadcrumbs(programme: Programme) -> list[tuple[str, str]]:
    return [(programme.name, reverse("benefits:programme_overview", args=[programme.pk]))]


def export_job(request: HttpRequest, plan_export_id: int) -> HttpResponse:
    """A benefit plan export being made by a worker, as its owner sees it; htmx polls the progress."""
    export = export_jobs.job_for_user(BenefitPlanExport, job_id=plan_export_id, user=request.user)
    return export_jobs.export_job_page(
        request,
        job=export,
        breadcrumbs=_export_breadcrumbs(export.programme),
        title=export.programme.name,
        back_url=reverse("benefits:programme_overview", args=[export.programme_id]),
        order_url=reverse("benefits:benefit_export", args=[export.programme_id]),
        file_url=reverse("benefits:export_file", args=[export.pk]),
    )


def export_file(request: HttpRequest, plan_export_id: int) -> FileResponse:
    export = export_jobs.job_for_user(BenefitPlanExport, job_id=plan_export_id, user=request.user)
    if not export.file:
        raise Http404
    return export_jobs.job_file_response(export, stem=f"gevinstplan-{export.finished_at.date():%Y-%m-%d}")


@require_http_methods(["GET", "POST"])
def benefit_import(request: HttpRequest, programme_id: int) -> HttpResponse:
    """The upload: a workbook in the plan's own layout is imported at once (a large one by a worker, whose
    progress has its own page); any other file is kept, and its columns are chosen on the next page (or,
    with the mapping remembered for the programme, its preview is shown). The pages after the upload are in
    import_views.py."""
    programme = access.get_for_user(request.user, Programme, "benefits.import_benefits", pk=programme_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, file_name = [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        file_name = upload.name  # a file input cannot be refilled: the page says which file was refused
        if problem := excel.file_problem(upload.size):  # an upload past the limit arrives without its bytes
            outcome = ImportSummary.refused_file(problem)
        else:
            outcome = gains_files.gains_upload(
                programme=programme, user=request.user, content=upload.read(), file_name=upload.name
            )
        if isinstance(outcome, BenefitUpload):
            return redirect(outcome)
        done = reverse("benefits:programme_overview", args=[programme.pk])
        if response := import_jobs.upload_redirect(request, outcome, done=done):
            return response
        problems = outcome.problems
    return _import_page(request, programme=programme, form=form, problems=problems, file_name=file_name)


def _import_page(
    request: HttpRequest, *, programme: Programme, form: ImportForm, problems: list, file_name: str
) -> HttpResponse:
    return render(
        request,
        "benefits/import.html",
        {
            "programme": programme,
            "form": form,
            "problems": problems,
            "file_name": file_name,
            "max_rows": excel.MAX_ROWS,
        },
    )


def import_job(request: HttpRequest, plan_import_id: int) -> HttpResponse:
    """A benefit plan file being imported by a worker, as the person who uploaded it sees it; a refused file
    is shown as the import page shows it: every problem, and the form for a corrected file."""
    job = jobs.job_for_user(BenefitPlanImport, job_id=plan_import_id, user=request.user)
    programme = job.programme
    overview = reverse("benefits:programme_overview", args=[programme.pk])
    return import_jobs.import_job_page(
        request,
        job=job,
        refused_page=partial(_import_page, request, programme=programme, form=ImportForm()),
        breadcrumbs=[(programme.name, overview)],
        title=programme.name,
        back_url=overview,
        back_label=_("Back to %(title)s") % {"title": programme.name},
        import_url=reverse("benefits:benefit_import", args=[programme.pk]),
        retry_url=reverse("benefits:import_retry", args=[job.pk]),
    )


@require_POST
def import_retry(request: HttpRequest, plan_import_id: int) -> HttpResponse:
    job = jobs.job_for_user(BenefitPlanImport, job_id=plan_import_id, user=request.user)
    access.require_perm(request.user, "benefits.import_benefits")
    return redirect(services.PLAN_FILE.retry(job=job))


# --- Targets -------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def targets_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access.get_for_user(
        request.user,
        Programme.objects.select_related("economic_plan"),
        "benefits.change_targets",
        pk=programme_id,
    )
    years = selectors.plan_years(programme)
    sub_programmes = list(SubProgramme.objects.filter(programme=programme).order_by("position", "name"))
    targets = {
        (t.sub_programme_id, t.year): t.amount for t in SavingsTarget.objects.filter(programme=programme)
    }
    initial = {"start_year": years[0], "years": len(years)}
    plan = getattr(programme, "economic_plan", None)
    if plan is not None:
        initial["horizon_years"] = plan.horizon_years
    form = TargetsForm(
        request.POST or None, initial=initial, years=years, sub_programmes=sub_programmes, targets=targets
    )
    if request.method == "POST" and form.is_valid():
        services.economic_plan_set(
            programme=programme,
            user=request.user,
            start_year=form.cleaned_data["start_year"],
            years=form.cleaned_data["years"],
            horizon_years=form.cleaned_data["horizon_years"],
        )
        services.savings_targets_set(programme=programme, user=request.user, targets=form.targets())
        messages.success(request, _("The economic plan period and the savings targets were saved."))
        return redirect(reverse("benefits:targets_edit", args=[programme.pk]))
    return render(request, "benefits/targets_form.html", {"programme": programme, "form": form})

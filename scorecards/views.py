"""Pages: goals and scorecards overview, a goal, a scorecard (inline editing), export, a project's goals; the
import's pages are in import_views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core import access, export_jobs
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.forms import save_edit
from core.merge import EditConflict
from core.text import file_slug
from core.versioning import kept_text, saved_text
from programmes.models import Project

from . import excel, selectors, services
from .forms import DirectionForm, ProjectGoalForm, ScorecardForm, ValueForm
from .models import Goal, Indicator, ProjectGoal, Scorecard, ScorecardExport

WHICH_LABELS = {"target": gettext_lazy("Target %(year)s"), "result": gettext_lazy("Result %(year)s")}


def _htmx(request: HttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "scorecards/index.html",
        {
            "goals": selectors.goal_tree(),
            "scorecards": selectors.scorecard_list(),
            "can_add_scorecard": access.has_perm(request.user, "scorecards.add_scorecard"),
        },
    )


def goal_detail(request: HttpRequest, goal_id: int) -> HttpResponse:
    try:
        goal = selectors.goal_detail(goal_id=goal_id)
    except Goal.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "scorecards/goal_detail.html", {"goal": goal})


@require_http_methods(["GET", "POST"])
def scorecard_create(request: HttpRequest) -> HttpResponse:
    access.require_perm(request.user, "scorecards.add_scorecard")
    form = ScorecardForm(request.POST or None, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            scorecard = services.scorecard_create(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The scorecard was created. Import its indicators from Excel."))
            return redirect("scorecards:scorecard_import", scorecard_id=scorecard.pk)
    return render(request, "scorecards/scorecard_form.html", {"form": form})


# A scorecard as its pages need it.
SCORECARDS = Scorecard.objects.select_related("owner")


def _year_param(request: HttpRequest, params=None) -> int | None:
    try:
        return int((request.GET if params is None else params).get("year", ""))
    except ValueError:
        return None


def scorecard_detail(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """The scorecard as in an annual report; an htmx request gets only the results (status and table)."""
    scorecard = get_object_or_404(SCORECARDS, pk=scorecard_id)
    context = {
        "scorecard": scorecard,
        "table": selectors.scorecard_table(scorecard=scorecard, year=_year_param(request)),
        "can_edit": access.has_perm(request.user, "scorecards.change_scorecard", scorecard),
    }
    template = "scorecards/scorecard_detail.html"
    response = render(request, f"{template}#results" if _htmx(request) else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
def value_edit(request: HttpRequest, indicator_id: int) -> HttpResponse:
    """One target or result of one year. With htmx the scorecard's results come back with the cell as a
    form (GET, or POST with an error or a conflict) or saved (POST); without JS it is a page of its own.

    A cell someone else changed since the form was opened is merged (services.indicator_value_set): 409 with
    both values and a choice when both changed it, 422 when the input is not a value."""
    indicator = get_object_or_404(Indicator.objects.select_related("scorecard__owner"), pk=indicator_id)
    scorecard = indicator.scorecard
    access.require_perm(request.user, "scorecards.change_scorecard", scorecard)
    params = request.POST if request.method == "POST" else request.GET
    which = params.get("field", "result")
    if which not in WHICH_LABELS:
        which = "result"
    try:
        year = int(params.get("year", ""))
    except ValueError:
        year = scorecard.last_year or timezone.localdate().year
    if not 1900 <= year <= 2200:
        raise Http404
    label = str(WHICH_LABELS[which]) % {"year": year}
    line = selectors.indicator_line(indicator=indicator, year=year)
    current = getattr(line, f"{which}_text")
    form = ValueForm(
        request.POST if request.method == "POST" else None, initial={"text": current}, label=label
    )
    editing, status, saved_message, conflict = True, 200, "", None
    base = current if request.method == "GET" else request.POST.get("base")
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_value_set(
                indicator=indicator,
                year=year,
                which=which,
                text=form.mine,
                base=form.cleaned_data["base"],
                user=request.user,
            )
        except EditConflict as exc:
            status, base = 409, exc.current[which]
            conflict = {"theirs": base, "mine": exc.outcome.values[which], "changed_by": exc.changed_by}
        except ValidationError as exc:
            form.add_error("text", exc.message_dict.get(f"{which}_text", exc.messages))
        else:
            if saved.kept_theirs:
                saved_message = kept_text(_("Your changes were saved."), who=saved.changed_by, fields=[label])
            else:
                saved_message = _("Saved.")
            if not _htmx(request):
                messages.success(request, saved_message)
                return redirect(f"{scorecard.get_absolute_url()}?year={year}#indicator-{indicator.pk}")
            editing = False
    if form.errors:
        status = 422 if _htmx(request) else 200
        if request.POST.get("conflict"):  # still to choose: show the choice again
            conflict = {
                "theirs": base,
                "mine": request.POST.get("text", ""),
                "changed_by": selectors.cell_changed_by(indicator=indicator, year=year),
            }
    if conflict is not None:
        conflict["changed_by"] = conflict["changed_by"] or _("someone else")
    context = {
        "scorecard": scorecard,
        "line": line,
        "year": year,
        "form": form,
        "label": label,
        "base": base,
        "conflict": conflict,
        "saved_message": saved_message,
        "can_edit": True,
        "editing_id": indicator.pk if editing else None,
        "editing_field": which,
    }
    if _htmx(request):
        context["table"] = selectors.scorecard_table(scorecard=scorecard, year=year)
        response = render(request, "scorecards/scorecard_detail.html#results", context, status=status)
    else:
        response = render(request, "scorecards/value_form.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
def direction_confirm(request: HttpRequest, indicator_id: int) -> HttpResponse:
    """The owner confirms which way an indicator is better, from the scorecard page's list; without JS the
    page comes back, with htmx only its results (statuses, list and table)."""
    indicator = get_object_or_404(Indicator.objects.select_related("scorecard__owner"), pk=indicator_id)
    scorecard = indicator.scorecard
    access.require_perm(request.user, "scorecards.change_scorecard", scorecard)
    form = DirectionForm(request.POST)
    if not form.is_valid():  # the page's buttons always send a choice
        return HttpResponseBadRequest(form.errors["direction"][0])
    indicator = services.indicator_direction_confirm(
        indicator=indicator, direction=form.cleaned_data["direction"], user=request.user
    )
    saved_message = _("The direction of «%(name)s» is confirmed: %(direction)s.") % {
        "name": indicator.name,
        "direction": indicator.get_direction_display(),
    }
    year = _year_param(request, request.POST)
    if not _htmx(request):
        messages.success(request, saved_message)
        query = f"?year={year}" if year else ""
        return redirect(f"{scorecard.get_absolute_url()}{query}#indicator-{indicator.pk}")
    context = {
        "scorecard": scorecard,
        "table": selectors.scorecard_table(scorecard=scorecard, year=year),
        "can_edit": True,
        "saved_message": saved_message,
    }
    response = render(request, "scorecards/scorecard_detail.html#results", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
def scorecard_export(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """The long form as a file at once when it is small; a large one (a GET shows what will happen, a POST
    orders it) is made by a worker and offered on the export's own page."""
    scorecard = get_object_or_404(SCORECARDS, pk=scorecard_id)
    file_format = "csv" if (request.POST or request.GET).get("format") == "csv" else "xlsx"
    if request.method == "POST":
        export = services.scorecard_export_order(
            scorecard=scorecard, user=request.user, file_format=file_format
        )
        return redirect(export)
    size = selectors.scorecard_export_size(scorecard=scorecard)
    if size > services.INLINE_EXPORT_MAX_ROWS:
        return export_jobs.export_start_page(
            request,
            breadcrumbs=scorecard_breadcrumbs(scorecard),
            title=scorecard.title,
            back_url=scorecard.get_absolute_url(),
            order_url=reverse("scorecards:scorecard_export", args=[scorecard.pk]),
            file_format=file_format,
            size=size,
            active=export_jobs.active_job(
                ScorecardExport, user=request.user, file_format=file_format, scorecard=scorecard
            ),
        )
    rows = selectors.scorecard_export_rows(scorecard=scorecard)
    stem = file_slug(scorecard.title) or "malekort"
    if file_format == "csv":
        return HttpResponse(
            excel.export_csv(rows),
            content_type=CSV_CONTENT_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{stem}.csv"'},
        )
    return HttpResponse(
        excel.export_xlsx(rows),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{stem}.xlsx"'},
    )


def scorecard_breadcrumbs(scorecard: Scorecard) -> list[tuple[str, str]]:
    return [
        (_("Goals and scorecards"), reverse("scorecards:index")),
        (scorecard.title, scorecard.get_absolute_url()),
    ]


def export_job(request: HttpRequest, export_id: int) -> HttpResponse:
    """An export being made by a worker, as its owner sees it; htmx polls the progress block."""
    export = export_jobs.job_for_user(ScorecardExport, job_id=export_id, user=request.user)
    return export_jobs.export_job_page(
        request,
        job=export,
        breadcrumbs=scorecard_breadcrumbs(export.scorecard),
        title=export.scorecard.title,
        back_url=export.scorecard.get_absolute_url(),
        order_url=reverse("scorecards:scorecard_export", args=[export.scorecard_id]),
        file_url=reverse("scorecards:export_file", args=[export.pk]),
    )


def export_file(request: HttpRequest, export_id: int) -> FileResponse:
    export = export_jobs.job_for_user(ScorecardExport, job_id=export_id, user=request.user)
    if not export.file:
        raise Http404
    return export_jobs.job_file_response(export, stem=file_slug(export.scorecard.title) or "malekort")


def import_template(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        excel.template_xlsx(),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": 'attachment; filename="malekort-mal.xlsx"'},
    )


# A project as its goal pages need it.
PROJECTS = Project.objects.select_related("sub_programme__programme")


@require_http_methods(["GET", "POST"])
def project_goals(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's goals; its editors link it to goals here (the project form lives in programmes)."""
    project = get_object_or_404(PROJECTS, pk=project_id)
    can_edit = access.has_perm(request.user, "programmes.change_project", project)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = None
    if can_edit:
        form = ProjectGoalForm(
            request.POST or None,
            instance=ProjectGoal(project=project),
            goals=selectors.goal_choices(),
            prefix="link",
        )
        if request.method == "POST" and form.is_valid():
            services.project_goal_save(link=form.instance, user=request.user, data=form.cleaned_data)
            messages.success(request, _("The project is linked to the goal."))
            return redirect("scorecards:project_goals", project_id=project.pk)
    return render(
        request,
        "scorecards/project_goals.html",
        {
            "project": project,
            "links": selectors.project_goal_links(project=project),
            "can_edit": can_edit,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def project_goal_edit(request: HttpRequest, project_id: int, link_id: int) -> HttpResponse:
    project = access.get_for_user(request.user, PROJECTS, "programmes.change_project", pk=project_id)
    link = get_object_or_404(ProjectGoal.objects.select_related("goal"), pk=link_id, project=project)
    if request.method == "POST" and "delete" in request.POST:
        services.project_goal_delete(link=link, user=request.user)
        messages.success(request, _("The link to the goal was removed."))
        return redirect("scorecards:project_goals", project_id=project.pk)
    form = ProjectGoalForm(request.POST or None, instance=link, goals=selectors.goal_choices(), prefix="link")
    conflict = None
    if request.method == "POST" and form.is_valid():
        edit = save_edit(
            form,
            lambda: services.project_goal_save(
                link=link,
                user=request.user,
                data=form.cleaned_data,
                expected_version=form.expected_version,
                choices=form.conflict_choices,
            ),
            after_conflict=lambda exc: ProjectGoalForm.after_conflict(
                exc,
                instance=ProjectGoal.objects.select_related("goal").get(pk=link.pk),
                goals=selectors.goal_choices(),
                prefix="link",
            ),
        )
        if edit.saved:
            messages.success(request, saved_text(edit.saved, _("Saved.")))
            return redirect(reverse("scorecards:project_goals", args=[project.pk]))
        form, conflict = edit.form, edit.conflict
    return render(
        request,
        "scorecards/project_goal_form.html",
        {"project": project, "link": link, "form": form, "conflict": conflict},
    )

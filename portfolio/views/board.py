"""Portfolio pages: the ranked board, a project's prioritisation, capacity, what-if scenarios, the suggested
portfolio, criteria and the read-only overview with its Excel export."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.merge import KEEP_MINE, KEEP_THEIRS
from core.params import parse_id, parse_int
from core.people import person_name
from core.text import file_slug
from programmes.models import Programme, Project

from .. import charts, excel, scoring, selectors, services
from ..forms import (
    AssessmentForm,
    CapacityForm,
    CriterionForm,
    DecisionForm,
    MoveForm,
    OptimiserForm,
    ReorderForm,
    ScenarioApplyForm,
    ScenarioNameForm,
)
from ..models import Criterion, CriterionKind, OrderChangeKind, Scenario


def can_prioritise(user) -> bool:
    # The rule itself, not user.has_perm: the model backend would add permission queries per role.
    return rules.has_perm("portfolio.prioritise", user)


def _require_prioritiser(request: HttpRequest) -> None:
    if not can_prioritise(request.user):
        raise PermissionDenied


def _programme_id(request: HttpRequest) -> int:
    """The programme named by `programme` in the query or form, or the default one."""
    value = request.POST.get("programme") or request.GET.get("programme")
    programme_id = parse_id(value) or selectors.default_programme_id()
    if programme_id is None:
        raise Http404
    return programme_id


def _programme(request: HttpRequest) -> Programme:
    return get_object_or_404(Programme, pk=_programme_id(request))


def _board_context(request: HttpRequest, programme_id: int) -> dict:
    try:
        board = selectors.portfolio_board(programme_id=programme_id)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
    programme = board.programme
    editable = can_prioritise(request.user)
    changes = (
        selectors.last_order_changes(board_version=board.version, programme=programme) if editable else []
    )
    undo = (
        changes[0] if changes and changes[0].kind == OrderChangeKind.RANK and not changes[0].undone else None
    )
    return {
        "board": board,
        "programme": programme,
        "can_prioritise": editable,
        "order_changes": changes,
        "undo": undo,
        "scenarios": selectors.saved_scenarios(programme=programme) if not request.htmx else [],
        "programmes": Programme.objects.order_by("name") if not request.htmx else [],
    }


def _board_response(request: HttpRequest, programme_id: int, *, status: int = 200, **extra) -> HttpResponse:
    """The board page, or for htmx only the board, with `extra` (a conflict, a notice or an error) in it."""
    context = _board_context(request, programme_id) | extra
    template = "portfolio/board.html#board" if request.htmx else "portfolio/board.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def board(request: HttpRequest) -> HttpResponse:
    """The ranked board; read-only (no controls) for everyone who may not prioritise."""
    return _board_response(request, _programme_id(request))


def _project_names(programme: Programme, ids) -> str:
    names = dict(Project.objects.filter(pk__in=ids).values_list("pk", "name"))
    return ", ".join(names[pk] for pk in ids if pk in names)


def _people(users) -> str:
    return ", ".join(person_name(user) for user in users) or _("someone else")


def _conflict_view(programme: Programme, conflict: services.OrderConflict) -> dict:
    """Both orders of a board conflict as rows to show side by side, the projects both moved marked."""
    names = dict(Project.objects.filter(pk__in=conflict.theirs + conflict.mine).values_list("pk", "name"))
    both = set(conflict.projects)

    def rows(order):
        return [{"pk": pk, "name": names.get(pk, "?"), "both": pk in both} for pk in order]

    return {
        "mine": rows(conflict.mine),
        "theirs": rows(conflict.theirs),
        "order": ",".join(map(str, conflict.mine)),
        "projects": _project_names(programme, conflict.projects),
        "by": _people(conflict.by),
    }


def _order_result(request: HttpRequest, programme: Programme, save) -> HttpResponse:
    """Runs `save` (a reorder) and answers: the board, a merged save said as such, both orders to choose
    from when the user and someone else moved the same project, or the error where the board is."""
    try:
        result = save()
    except services.BoardConflict:
        result = None
        error = _(
            "Someone else changed the order while you were working. Nothing was saved; the board now shows "
            "their order, so you can make your change again."
        )
    except ValidationError as exc:
        result = None
        error = " ".join(exc.messages)
    else:
        error = None
    if error:
        if request.htmx:
            return _board_response(request, programme.pk, status=422, board_error=error)
        messages.error(request, error)
    elif result is not None and result.conflict is not None:
        return _board_response(
            request, programme.pk, status=409, order_conflict=_conflict_view(programme, result.conflict)
        )
    elif result is not None and result.merged_with:
        notice = _(
            "Your changes were saved. %(name)s had also changed %(fields)s – those changes were kept."
        ) % {
            "name": _people(result.merged_with),
            "fields": _("the place of %(projects)s")
            % {"projects": _project_names(programme, result.theirs_moved)},
        }
        if request.htmx:
            return _board_response(request, programme.pk, board_notice=notice)
        messages.success(request, notice)
    if request.htmx:
        return _board_response(request, programme.pk)
    return redirect(f"{reverse('portfolio:board')}?programme={programme.pk}#board")


@require_POST
def reorder(request: HttpRequest) -> HttpResponse:
    """Saves the whole order after a drag and drop, merged with others' moves of other projects made since;
    also answers the choice between two orders after a conflict (`resolve`)."""
    _require_prioritiser(request)
    programme = _programme(request)
    form = ReorderForm(request.POST)
    if not form.is_valid():
        return _order_result(request, programme, lambda: _raise(form))
    resolve = form.cleaned_data["resolve"]
    if resolve == KEEP_THEIRS:
        notice = _("The other order was kept; yours was not saved.")
        if request.htmx:
            return _board_response(request, programme.pk, board_notice=notice)
        messages.info(request, notice)
        return redirect(f"{reverse('portfolio:board')}?programme={programme.pk}#board")
    return _order_result(
        request,
        programme,
        lambda: services.board_order_save(
            programme=programme,
            order=form.cleaned_data["order"],
            # After a conflict the user chose their whole order: what they moved is worked out anew.
            moved=None if resolve == KEEP_MINE else form.cleaned_data["moved"],
            version=form.cleaned_data["version"],
            user=request.user,
        ),
    )


def _raise(form) -> None:
    raise ValidationError([error for errors in form.errors.values() for error in errors])


@require_POST
def move(request: HttpRequest) -> HttpResponse:
    """Moves one project a place up or down: the move buttons of the board, which work without JavaScript."""
    _require_prioritiser(request)
    programme = _programme(request)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _order_result(request, programme, lambda: _raise(form))
    project_id, direction = form.cleaned_data["move"]
    return _order_result(
        request,
        programme,
        lambda: services.board_move(
            programme=programme,
            project_id=project_id,
            direction=direction,
            version=form.cleaned_data["version"],
            user=request.user,
        ),
    )


def rank_by_priority(request: HttpRequest) -> HttpResponse:
    """Asks first, on a page of its own that shows every project's place now and after: re-ranking
    replaces a hand-made order. A POST with `confirm` re-ranks; the board then offers to undo it."""
    _require_prioritiser(request)
    programme = _programme(request)
    status = 200
    stale = False
    if request.method == "POST" and request.POST.get("confirm"):
        # The version is a hidden field: anything but a number was not sent by this page.
        version = parse_int(request.POST.get("version"))
        if version is None:
            raise BadRequest("The board's version is not a number.")
        try:
            services.board_rank_by_priority(programme=programme, version=version, user=request.user)
        except services.BoardConflict:
            stale, status = True, 409
        else:
            messages.success(
                request,
                _(
                    "The board was ranked by priority score. The order it replaced is kept: you can undo below."
                ),
            )
            return redirect(f"{reverse('portfolio:board')}?programme={programme.pk}#board")
    preview = selectors.rank_preview(programme_id=programme.pk)
    return render(
        request,
        "portfolio/rank_confirm.html",
        {"programme": programme, "preview": preview, "stale": stale},
        status=status,
    )


@require_POST
def undo_rank(request: HttpRequest) -> HttpResponse:
    """Restores the order a re-ranking replaced (recorded in the board's order history)."""
    _require_prioritiser(request)
    programme = _programme(request)
    change_id = parse_id(request.POST.get("change"))
    if change_id is None:
        raise BadRequest("The re-ranking to undo is not a number.")

    def undo():
        result = services.board_order_undo(programme=programme, change_id=change_id, user=request.user)
        if result.conflict is None and not request.htmx:
            messages.success(request, _("The re-ranking was undone: the order from before it is back."))
        return result

    return _order_result(request, programme, undo)


def capacity(request: HttpRequest) -> HttpResponse:
    """The programme's capacity per year, set by the kommunedirektør."""
    _require_prioritiser(request)
    programme = _programme(request)
    form = CapacityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.capacity_set(programme=programme, user=request.user, **form.cleaned_data)
        messages.success(
            request, _("The capacity for %(year)s was saved.") % {"year": form.cleaned_data["year"]}
        )
        return redirect(f"{reverse('portfolio:capacity')}?programme={programme.pk}")
    years = selectors.plan_years(selectors.board_programme(programme_id=programme.pk))
    existing = selectors.capacities(programme=programme)
    rows = [(year, existing.get(year)) for year in sorted(set(years) | existing.keys())]
    return render(
        request,
        "portfolio/capacity.html",
        {"programme": programme, "form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


# --- One project ----------------------------------------------------------------------------------------


def project(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's priority score explained, its assessments (with suggested scores) and decision log."""
    try:
        data = selectors.project_prioritisation(project_id=project_id)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "portfolio/project.html", _project_context(request, data))


def _project_context(request, data, *, forms_by_criterion=None, decision_form=None) -> dict:
    editable = can_prioritise(request.user)
    forms_by_criterion = forms_by_criterion or {}
    for row in data.rows:
        row.form = None
        if editable:
            row.form = forms_by_criterion.get(row.criterion.pk) or AssessmentForm(
                criterion=row.criterion,
                prefix=f"c{row.criterion.pk}",
                initial={"score": row.assessment.score, "rationale": row.assessment.rationale}
                if row.assessment
                else {"score": row.suggestion.score if row.suggestion else None},
            )
    return {
        "data": data,
        "project": data.project,
        "can_prioritise": editable,
        "decision_form": (decision_form or DecisionForm()) if editable else None,
        "financial_rule": scoring.financial_rule_text(),
        "goal_rule": scoring.goal_rule_text(),
        "gain_years": sorted(data.gain_by_year.items()),
    }


@require_POST
def assess(request: HttpRequest, project_id: int) -> HttpResponse:
    _require_prioritiser(request)
    project_obj = get_object_or_404(Project, pk=project_id)
    criterion = get_object_or_404(Criterion, pk=parse_id(request.POST.get("criterion")) or 0)
    form = AssessmentForm(request.POST, criterion=criterion, prefix=f"c{criterion.pk}")
    if form.is_valid():
        services.assessment_set(
            project=project_obj, criterion=criterion, user=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("The score on “%(criterion)s” was saved.") % {"criterion": criterion.name}
        )
        return redirect(f"{reverse('portfolio:project', args=[project_id])}#criterion-{criterion.pk}")
    data = selectors.project_prioritisation(project_id=project_id)
    context = _project_context(request, data, forms_by_criterion={criterion.pk: form})
    return render(request, "portfolio/project.html", context, status=400)


@require_POST
def decide(request: HttpRequest, project_id: int) -> HttpResponse:
    _require_prioritiser(request)
    project_obj = get_object_or_404(Project, pk=project_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        services.decision_record(project=project_obj, user=request.user, **form.cleaned_data)
        messages.success(request, _("The decision was recorded."))
        return redirect(f"{reverse('portfolio:project', args=[project_id])}#decisions")
    data = selectors.project_prioritisation(project_id=project_id)
    return render(
        request, "portfolio/project.html", _project_context(request, data, decision_form=form), status=400
    )


# --- Scenarios ------------------------------------------------------------------------------------------


@require_POST
def scenario_create(request: HttpRequest) -> HttpResponse:
    _require_prioritiser(request)
    scenario = services.scenario_create(programme=_programme(request), user=request.user)
    return redirect("portfolio:scenario", scenario_id=scenario.pk)


def scenario_suggest(request: HttpRequest) -> HttpResponse:
    """The optimiser: choose the objective and what is forced, get a scenario back."""
    _require_prioritiser(request)
    programme = _programme(request)
    form = OptimiserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = services.scenario_suggest(programme=programme, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect("portfolio:scenario", scenario_id=scenario.pk)
    return render(
        request,
        "portfolio/suggest.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


SCENARIO_ACTIONS = ("save", "apply", "discard")


def scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """A what-if: its order and projects in or out, its effect beside the current portfolio. Taking a
    project in or out, moving it, naming, applying and discarding are POSTs to this page."""
    _require_prioritiser(request)
    obj = get_object_or_404(Scenario.objects.select_related("programme", "created_by"), pk=scenario_id)
    name_form = ScenarioNameForm(initial={"name": obj.name})
    apply_form = ScenarioApplyForm()
    status = 200
    if request.method == "POST":
        op = request.POST.get("op", "")
        action = request.POST.get("action", "")
        try:
            if op:
                # The pressed button's value, "<kind>:<project id>": nothing else is sent by this page.
                kind, _sep, project_id = op.partition(":")
                project_id = parse_id(project_id)
                if project_id is None or kind not in ("toggle", "up", "down"):
                    raise BadRequest("Unknown scenario operation.")
                if kind == "toggle":
                    services.scenario_toggle(scenario=obj, project_id=project_id)
                else:
                    services.scenario_move(scenario=obj, project_id=project_id, direction=kind)
                return redirect(f"{reverse('portfolio:scenario', args=[obj.pk])}#{kind}-{project_id}")
            if action not in SCENARIO_ACTIONS:
                raise BadRequest("Unknown scenario action.")
            if action == "save":
                name_form = ScenarioNameForm(request.POST)
                if name_form.is_valid():
                    services.scenario_save(scenario=obj, name=name_form.cleaned_data["name"])
                    messages.success(request, _("The scenario was saved."))
                    return redirect("portfolio:scenario", scenario_id=obj.pk)
            elif action == "discard":
                if obj.name and "confirm" not in request.POST:
                    # A saved scenario is someone's work: discarding it asks first (a page of its own).
                    return render(request, "portfolio/scenario_discard.html", {"scenario": obj})
                programme_id = obj.programme_id
                services.scenario_discard(scenario=obj)
                messages.success(request, _("The scenario was discarded; the portfolio is unchanged."))
                return redirect(f"{reverse('portfolio:board')}?programme={programme_id}")
            elif action == "apply":
                apply_form = ScenarioApplyForm(request.POST)
                if apply_form.is_valid():
                    programme_id = obj.programme_id
                    services.scenario_apply(
                        scenario=obj, rationale=apply_form.cleaned_data["rationale"], user=request.user
                    )
                    messages.success(request, _("The scenario was applied to the portfolio."))
                    return redirect(f"{reverse('portfolio:board')}?programme={programme_id}")
        except services.BoardConflict:
            apply_form.add_error(
                None,
                _(
                    "The board was reordered after this scenario was made, so it was not applied. Make a new one."
                ),
            )
        except (ValueError, ValidationError) as exc:
            # Shown in the form that was sent, where the user is looking; a move or toggle has no form.
            text = " ".join(getattr(exc, "messages", [str(exc)]))
            form = {"apply": apply_form, "save": name_form}.get(action)
            if form is not None and form.is_bound:
                form.add_error(None, text)
            else:
                messages.error(request, text)
        status = 400
    view = selectors.scenario_view(scenario=obj)
    return render(
        request,
        "portfolio/scenario.html",
        {"view": view, "scenario": obj, "name_form": name_form, "apply_form": apply_form},
        status=status,
    )


# --- Criteria ---------------------------------------------------------------------------------------------


def criteria(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portfolio/criteria.html",
        {
            "criteria": Criterion.objects.order_by("position", "name"),
            "can_edit": rules.has_perm("portfolio.change_criterion", request.user),
        },
    )


def criterion_edit(request: HttpRequest, criterion_id: int) -> HttpResponse:
    """Administrator changes a criterion; a new weight re-ranks every score at once (scores are computed)."""
    if not rules.has_perm("portfolio.change_criterion", request.user):
        raise PermissionDenied
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    if request.method != "POST":
        form = CriterionForm(instance=criterion, initial={"version": selectors.criterion_version(criterion)})
        return render(request, "portfolio/criterion_form.html", {"form": form, "criterion": criterion})
    # A copy for the form: a ModelForm writes the input into its instance while validating.
    form = CriterionForm(request.POST, instance=Criterion.objects.get(pk=criterion.pk))
    conflicting = [name for name in request.POST.get("conflicts", "").split(",") if name in form.fields]
    choices = {name: request.POST.get(f"resolve-{name}", "") for name in conflicting}
    if form.is_valid() and any(choice not in (KEEP_MINE, KEEP_THEIRS) for choice in choices.values()):
        form.add_error(None, _("Choose which value shall apply for every field below."))
    if not form.is_valid():
        context = {"form": form, "criterion": criterion}
        if conflicting:
            context["conflict"] = _criterion_conflict(form, criterion, conflicting, choices=choices)
        return render(request, "portfolio/criterion_form.html", context, status=400)
    fields = list(CriterionForm.Meta.fields)
    result = services.criterion_update(
        criterion=criterion,
        values={name: form.cleaned_data[name] for name in fields},
        version=form.cleaned_data["version"],
        choices=choices,
        user=request.user,
    )
    if result.saved:
        if result.outcome and result.outcome.theirs_only:
            messages.success(
                request,
                _("Your changes were saved. %(name)s had also changed %(fields)s – those changes were kept.")
                % {"name": _people(result.by), "fields": _field_labels(form, result.outcome.theirs_only)},
            )
        else:
            messages.success(request, _("The criterion was saved."))
        return redirect("portfolio:criteria")
    # Both changed a field: nothing saved. The form again with the user's input, the other person's other
    # changes applied, the current version, and for each conflicting field both values to choose from.
    data = request.POST.copy()
    for name in result.outcome.theirs_only:
        data[name] = result.theirs[name]
    data["version"] = result.version
    form = CriterionForm(data, instance=Criterion.objects.get(pk=criterion.pk))
    form.is_valid()
    context = {
        "form": form,
        "criterion": criterion,
        "conflict": _criterion_conflict(
            form, criterion, result.outcome.conflicts, theirs=result.theirs, by=result.by
        ),
    }
    return render(request, "portfolio/criterion_form.html", context, status=409)


def _field_labels(form, names) -> str:
    return ", ".join(str(form.fields[name].label).lower() for name in names)


def _criterion_conflict(form, criterion, names, *, theirs=None, by=None, choices=None) -> dict:
    """The conflicting fields of a criterion edit, each with this user's value and the other person's."""
    if theirs is None:
        theirs = {name: getattr(criterion, name) for name in names}
    if by is None:
        # Asked again (no choice made): the one who saved the version the form now carries.
        version = int(form.data.get("version") or 0)
        by = selectors.criterion_changed_by(criterion, version - 1)[:1]
    kinds = dict(CriterionKind.choices)

    def shown(name, value):
        return kinds.get(value, value) if name == "kind" else value

    return {
        "by": _people(by),
        "names": ",".join(names),
        "fields": [
            {
                "name": name,
                "label": form.fields[name].label,
                "mine": shown(name, form.data.get(name, "")),
                "theirs": shown(name, theirs[name]),
                "choice": (choices or {}).get(name, ""),
            }
            for name in names
        ],
    }


# --- Overview ---------------------------------------------------------------------------------------------


def _overview(request: HttpRequest) -> selectors.Overview:
    try:
        return selectors.portfolio_overview(programme_id=_programme_id(request))
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


def overview(request: HttpRequest) -> HttpResponse:
    """The read-only overview for every role: counts, gains planned vs realised, the bubble chart."""
    data = _overview(request)
    programme = data.board.programme
    gains = selectors.gain_overview_for(programme_id=programme.pk)
    return render(
        request,
        "portfolio/overview.html",
        {
            "programme": programme,
            "data": data,
            "gains": gains,
            "chart": charts.bubble_chart(data.board.rows),
            "can_prioritise": can_prioritise(request.user),
        },
    )


def overview_export(request: HttpRequest) -> HttpResponse:
    data = _overview(request)
    name = file_slug(_("portfolio"))
    filename = f"{name}-{timezone.localdate().isoformat()}.xlsx"
    return HttpResponse(
        excel.portfolio_workbook(data),
        content_type=excel.XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

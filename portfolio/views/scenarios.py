"""What-if scenarios: making one, the optimiser's suggested portfolio, and the scenario page with its
edits, saving, applying and discarding."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import parse_id

from .. import selectors, services
from ..forms import OptimiserForm, ScenarioApplyForm, ScenarioNameForm
from ..models import Scenario
from .common import _programme, _require_prioritiser


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

"""One project's prioritisation: its priority score explained, its assessments and its decision log."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import parse_id
from programmes.models import Project

from .. import scoring, selectors, services
from ..forms import AssessmentForm, DecisionForm
from ..models import Criterion
from .common import _require_prioritiser, can_prioritise


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

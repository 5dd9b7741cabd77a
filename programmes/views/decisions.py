"""Decision points between phases: the project leader prepares the basis, the project owner or the
kommunedirektør decides, and the project page shows the pending decision and every decision made."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from core import access

from .. import selectors, services
from ..forms import DecideForm, DecisionPrepareForm
from ..models import DECISION_PENDING, NEXT_PHASE, DecisionOutcome, DecisionPoint, Phase, Project

DECIDED_TEXT = {
    DecisionOutcome.GO: _lazy("The decision was recorded: go. The project is now in %(phase)s."),
    DecisionOutcome.GO_WITH_CONDITIONS: _lazy(
        "The decision was recorded: go with conditions. The project is now in %(phase)s."
    ),
    DecisionOutcome.REWORK: _lazy(
        "The decision was recorded: back for rework. The project stays in %(phase)s."
    ),
    DecisionOutcome.STOP: _lazy("The decision was recorded: stop. The project is closed."),
}


def decide_form_for(point: DecisionPoint, data=None) -> DecideForm:
    return DecideForm(data, prefix="decision", to_phase_label=str(Phase(point.to_phase).label).lower())


def decision_point_context(*, project: Project, user) -> dict:
    """What the project page's «Beslutningspunkt» section shows (programmes/includes/decision_point.html):
    the pending decision with the decider's form, the next decision point to prepare, and the decisions
    made. One query for the decision points."""
    points = selectors.decision_points(project=project)
    pending = points[0] if points and points[0].pending else None
    next_phase = NEXT_PHASE.get(project.phase)
    may_decide = pending is not None and access.has_perm(user, "programmes.decide_decision_point", project)
    return {
        "pending_decision": pending,
        "decisions_made": [point for point in points if not point.pending],
        "next_phase": Phase(next_phase) if next_phase else None,
        "can_prepare_decision": next_phase is not None
        and access.has_perm(user, "programmes.prepare_decision_point", project),
        "decide_form": decide_form_for(pending) if may_decide else None,
    }


# A project as the decision pages need it.
DECISION_PROJECTS = Project.objects.select_related("sub_programme__programme")


@require_http_methods(["GET", "POST"])
def decision_prepare(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project leader's basis for the next decision point; sending it again updates it until the
    decision is made."""
    project = access.get_for_user(
        request.user, DECISION_PROJECTS, "programmes.prepare_decision_point", pk=project_id
    )
    to_phase = NEXT_PHASE.get(project.phase)
    if to_phase is None:
        messages.info(request, _("A closed project has no decision point ahead."))
        return redirect(f"{project.get_absolute_url()}#decision")
    pending = project.decision_points.filter(DECISION_PENDING).first()
    answers = {item["text"]: item for item in (pending.checklist if pending else [])}
    checklist = [
        {
            "text": item.text,
            "guidance": item.guidance,
            "done": answers.get(item.text, {}).get("done", False),
            "comment": answers.get(item.text, {}).get("comment", ""),
        }
        for item in selectors.decision_checklist(from_phase=project.phase)
    ]
    if pending is not None:
        initial = {name: getattr(pending, name) for name in services.DECISION_BASIS_FIELDS}
    else:
        initial = selectors.decision_basis_initial(project=project)
    initial["from_phase"] = project.phase
    form = DecisionPrepareForm(request.POST or None, initial=initial, checklist=checklist)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_point_prepare(
                project_id=project.pk,
                user=request.user,
                basis=form.basis(),
                checklist=form.answered_checklist(),
                from_phase=form.cleaned_data["from_phase"] or None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The decision basis was sent. The project owner or the kommunedirektør decides."),
            )
            return redirect(f"{project.get_absolute_url()}#decision")
    context = {
        "project": project,
        "form": form,
        "pending": pending,
        "from_phase": Phase(project.phase),
        "to_phase": Phase(to_phase),
    }
    return render(request, "programmes/decision_prepare.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def decision_decide(request: HttpRequest, project_id: int, decision_point_id: int) -> HttpResponse:
    """The decision on a prepared decision point. htmx: a refused form comes back in the project page's
    section; a recorded decision reloads the page, whose phase has changed."""
    project = access.get_for_user(
        request.user, DECISION_PROJECTS, "programmes.decide_decision_point", pk=project_id
    )
    point = get_object_or_404(
        DecisionPoint.objects.select_related("prepared_by"), pk=decision_point_id, project=project
    )
    if not point.pending:
        messages.info(request, _("This decision point has already been decided."))
        return redirect(f"{project.get_absolute_url()}#decision")
    form = decide_form_for(point, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_point_decide(
                decision_point_id=point.pk,
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                conditions=form.cleaned_data["conditions"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            project.refresh_from_db()
            text = DECIDED_TEXT[form.cleaned_data["outcome"]] % {
                "phase": str(project.get_phase_display()).lower()
            }
            messages.success(request, text)
            # htmx: the project page is loaded again (its phase and change log have changed); a redirect to
            # the URL the browser is on, #decision and all, would not reload it.
            if request.htmx:
                return HttpResponseClientRefresh()
            return redirect(f"{project.get_absolute_url()}#decision")
    status = 422 if form.errors else 200
    if request.htmx:
        from .projects import project_page_context

        context = project_page_context(project_id=project.pk, user=request.user)
        context["decide_form"] = form
        return render(request, "programmes/includes/decision_point.html", context, status=status)
    context = {"project": project, "point": point, "form": form}
    return render(request, "programmes/decision_decide.html", context, status=status)

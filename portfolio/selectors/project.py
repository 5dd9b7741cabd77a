"""One project's prioritisation: its assessments with suggested scores, goal links, decisions and the
history of its assessments."""

from __future__ import annotations

from dataclasses import dataclass

from benefits.selectors import expected_gains, plan_years
from programmes.gains import ExpectedGain
from programmes.models import Project
from scorecards.selectors import goals_for_projects

from ..models import Assessment, Criterion, CriterionKind, Decision
from ..scoring import (
    PriorityScore,
    Suggestion,
    priority_score,
    suggested_financial_score,
    suggested_goal_score,
)
from .board import _criteria, criterion_weights


@dataclass
class CriterionAssessment:
    criterion: Criterion
    assessment: Assessment | None
    suggestion: Suggestion | None = None


@dataclass
class ProjectPrioritisation:
    project: Project
    years: list[int]
    gain_by_year: dict[int, int]
    rows: list[CriterionAssessment]
    priority: PriorityScore
    goal_links: list
    decisions: list[Decision]
    history: list
    expected_gain: ExpectedGain | None = None  # where gain_by_year comes from (plan, estimate, unknown)

    @property
    def gain_total(self) -> int:
        return sum(self.gain_by_year.values())

    @property
    def current_decision(self) -> Decision | None:
        return self.decisions[0] if self.decisions else None


def project_prioritisation(*, project_id: int) -> ProjectPrioritisation:
    """A project with its assessments, suggested scores, goal links, decision log and assessment history."""
    project = Project.objects.select_related(
        "sub_programme__programme__economic_plan", "leader", "owner", "portfolio_entry"
    ).get(pk=project_id)
    years = plan_years(project.sub_programme.programme)
    criteria = _criteria()
    assessments = {
        a.criterion_id: a for a in Assessment.objects.filter(project=project).select_related("assessed_by")
    }
    expected = expected_gains(project_ids=[project.pk])[project.pk]
    gains = {year: expected.by_year.get(year, 0) for year in years}
    links = goals_for_projects([project.pk]).get(project.pk, [])
    rows = []
    for criterion in criteria:
        suggestion = None
        if criterion.kind == CriterionKind.FINANCIAL:
            suggestion = suggested_financial_score(
                planned_gain=sum(gains.values()), cost=project.cost_estimate
            )
        elif criterion.kind == CriterionKind.GOALS:
            suggestion = suggested_goal_score(link.strength for link in links)
        rows.append(CriterionAssessment(criterion, assessments.get(criterion.pk), suggestion))
    priority = priority_score(criterion_weights(criteria), {pk: a.score for pk, a in assessments.items()})
    decisions = list(
        Decision.objects.filter(project=project).select_related("decided_by").order_by("-created_at", "-pk")
    )
    history = list(
        Assessment.history.filter(project_id=project.pk)
        .select_related("history_user", "criterion")
        .order_by("-history_date", "-history_id")[:50]
    )
    return ProjectPrioritisation(
        project=project,
        years=years,
        gain_by_year=gains,
        expected_gain=expected,
        rows=rows,
        priority=priority,
        goal_links=links,
        decisions=decisions,
        history=history,
    )

"""The programme's goals and the gains that serve them: per master-plan goal, which benefits serve it, how
many, and their expected financial gain over the economic-plan period.

A benefit serves its own goals, or the project's goals when it has none (as on the benefit map,
benefits.benefit_map). A benefit that serves two goals counts under both, so the per-goal sums are never
added up across goals: the distinct benefits have their own count and sum.

A benefit's expected gain is what its plan holds for the programme's plan years (financial kinds only):
the same figures, over the same years, that make a project's expected gain when it has a gain plan
(benefits.selectors.expected_gains), so the benefits of a project add up to its expected gain. A
project still on its proposal's estimate has no planned figures: its benefits count, with no amount.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from programmes.models import Programme

from .models import Benefit
from .selectors import benefits_expected, plan_years


@dataclass(frozen=True)
class ServedBenefit:
    pk: int
    title: str
    project_id: int
    project_name: str
    kind_label: str
    is_financial: bool
    expected: int | None  # None: not financial, or no planned figure in the period
    goals_from_project: bool


@dataclass
class GoalGains:
    pk: int
    label: str
    benefits: list[ServedBenefit] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.benefits)

    @property
    def expected(self) -> int | None:
        """The sum of the benefits' expected gains; None when none of them has one (not 0 kr)."""
        amounts = [b.expected for b in self.benefits if b.expected is not None]
        return sum(amounts) if amounts else None

    @property
    def without_amount(self) -> int:
        return sum(1 for b in self.benefits if b.expected is None)


@dataclass
class GoalsServed:
    programme: Programme
    years: list[int]
    goals: list[GoalGains]
    without_goal: list[ServedBenefit]
    distinct: list[ServedBenefit]

    @property
    def period(self) -> str:
        return f"{self.years[0]}–{self.years[-1]}" if self.years else ""

    @property
    def distinct_count(self) -> int:
        return len(self.distinct)

    @property
    def distinct_expected(self) -> int:
        """The expected gain of the programme's benefits, each counted once however many goals it serves."""
        return sum(b.expected or 0 for b in self.distinct)

    @property
    def shared(self) -> int:
        """How many benefits count under more than one goal."""
        counts: dict[int, int] = defaultdict(int)
        for goal in self.goals:
            for benefit in goal.benefits:
                counts[benefit.pk] += 1
        return sum(1 for count in counts.values() if count > 1)


def goals_served(*, programme_id: int) -> GoalsServed:
    """Every goal of the programme (and the goals common to all programmes) with the benefits serving it, in
    six queries however many projects and benefits there are."""
    from scorecards.models import Goal, ProjectGoal

    programme = Programme.objects.select_related("economic_plan").get(pk=programme_id)
    years = plan_years(programme)
    benefits = list(
        Benefit.objects.filter(project__sub_programme__programme=programme)
        .select_related("project")
        .prefetch_related("goals")
        .order_by("project__name", "project_id", "pk")
    )
    project_goals: dict[int, set[int]] = defaultdict(set)
    for project_id, goal_id in ProjectGoal.objects.filter(
        project__sub_programme__programme=programme
    ).values_list("project_id", "goal_id"):
        project_goals[project_id].add(goal_id)
    expected = benefits_expected(programme_id=programme.pk, years=years)
    own_goal_ids = {goal.pk for benefit in benefits for goal in benefit.goals.all()}
    goal_ids = own_goal_ids | {pk for ids in project_goals.values() for pk in ids}
    goals = {
        goal.pk: GoalGains(goal.pk, f"{goal.code} {goal.title}")
        for goal in Goal.objects.filter(
            Q(programme=programme) | Q(programme__isnull=True) | Q(pk__in=goal_ids)
        ).order_by("position", "code", "pk")
    }
    without_goal = []
    distinct = []
    for benefit in benefits:
        own = {goal.pk for goal in benefit.goals.all()}
        served = own or project_goals.get(benefit.project_id, set())
        line = ServedBenefit(
            pk=benefit.pk,
            title=benefit.title,
            project_id=benefit.project_id,
            project_name=benefit.project.name,
            kind_label=str(benefit.get_kind_display()),
            is_financial=benefit.is_financial,
            expected=expected.get(benefit.pk) if benefit.is_financial else None,
            goals_from_project=not own and bool(served),
        )
        distinct.append(line)
        if not served:
            without_goal.append(line)
        for goal_id in served:
            goals[goal_id].benefits.append(line)
    return GoalsServed(
        programme=programme,
        years=years,
        goals=list(goals.values()),
        without_goal=without_goal,
        distinct=distinct,
    )

"""Factories for goals and scorecards (kept beside their tests; tests/factories.py holds the shared ones)."""

import factory

from scorecards import values
from tests.factories import ProjectFactory


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "scorecards.Goal"

    code = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Samfunnsmål {n + 1}")


class ProjectGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "scorecards.ProjectGoal"

    project = factory.SubFactory(ProjectFactory)
    goal = factory.SubFactory(GoalFactory)
    statement = "Bidrar direkte."
    strength = "medium"


class ScorecardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "scorecards.Scorecard"

    title = factory.Sequence(lambda n: f"{120 + n}: Tjenesteområde {n}")
    function_code = factory.Sequence(lambda n: str(120 + n))
    first_year = 2023
    last_year = 2025


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "scorecards.Indicator"

    scorecard = factory.SubFactory(ScorecardFactory)
    area = "Administrasjon"
    perspective = "Tjenestekvalitet"
    name = factory.Sequence(lambda n: f"Indikator {n}")
    direction = "higher"
    direction_source = (
        "user"  # a confirmed direction, so that statuses show; see tests/scorecards/test_direction*.py
    )
    position = factory.Sequence(lambda n: n)


def indicator_value(indicator, year: int, target: str = "", result: str = ""):
    """An IndicatorValue with its target and result parsed as the import would."""
    from scorecards.models import IndicatorValue

    value = IndicatorValue(indicator=indicator, year=year)
    value.set_value("target", target, values.parse_value(target))
    value.set_value("result", result, values.parse_value(result))
    value.save()
    return value


def scorecard_world(*, project, owner) -> dict:
    """The goal, project link, scorecard, indicator and value that the URL permission test fills kwargs from."""
    goal = GoalFactory(code="1", title="Gode liv i trygge lokalsamfunn")
    link = ProjectGoalFactory(
        project=project, goal=GoalFactory(code="1.1", title="Bo trygt hjemme", parent=goal)
    )
    indicator = IndicatorFactory(scorecard=ScorecardFactory(owner=owner), name="Sykefravær")
    indicator_value(indicator, 2025, "<6 %", "5,9 %")
    return {"goal": goal, "project_goal": link, "scorecard": indicator.scorecard, "indicator": indicator}

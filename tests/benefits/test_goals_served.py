"""The programme's goals and the gains serving them: per-goal counts and sums, a gain under two goals
counted under both but once in the distinct total, the project's goals as the fallback, the figures the
expected-gain selector gives, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benefits.goals_served import goals_served
from benefits.selectors import expected_gains
from scorecards.models import Goal, ProjectGoal
from tests.factories import ProjectFactory

from .conftest import add_benefit


@pytest.fixture
def world(programme, project):
    safe = Goal.objects.create(programme=programme, code="1.1", title="Trygt hjemme")
    economy = Goal.objects.create(programme=programme, code="2", title="Bærekraftig økonomi")
    unused = Goal.objects.create(programme=programme, code="3", title="Klima")
    ProjectGoal.objects.create(project=project, goal=safe)
    both = add_benefit(project, title="Færre nattilsyn", planned=(400_000, 800_000))  # 1 200 000
    both.goals.add(safe, economy)
    add_benefit(
        project, title="Mindre overtid", planned=(100_000, 100_000, 100_000)
    )  # project's goal: 300 000
    add_benefit(project, title="Bedre søvn", kind="quality", planned=(5, 10))
    other = ProjectFactory(sub_programme=project.sub_programme, name="Uten mål")
    add_benefit(other, title="Lavere husleie", planned=(0, 500_000))
    return {"safe": safe, "economy": economy, "unused": unused, "other": other}


def test_per_goal_sums_count_a_shared_gain_under_each_goal_and_once_in_the_total(world, programme):
    served = goals_served(programme_id=programme.pk)
    by_code = {goal.label.split()[0]: goal for goal in served.goals}
    assert [b.title for b in by_code["1.1"].benefits] == ["Færre nattilsyn", "Mindre overtid", "Bedre søvn"]
    assert by_code["1.1"].count == 3
    assert by_code["1.1"].expected == 1_500_000
    assert by_code["2"].count == 1
    assert by_code["2"].expected == 1_200_000
    assert by_code["3"].count == 0 and by_code["3"].expected is None
    assert served.shared == 1
    # Each gain once: 1 200 000 + 300 000 + 500 000, not the goals' 2 700 000 + 500 000.
    assert served.distinct_count == 4
    assert served.distinct_expected == 2_000_000
    assert [b.title for b in served.without_goal] == ["Lavere husleie"]


def test_a_non_financial_gain_counts_but_adds_no_kroner(world, programme):
    served = goals_served(programme_id=programme.pk)
    sleep = next(b for b in served.distinct if b.title == "Bedre søvn")
    assert sleep.expected is None and not sleep.is_financial


def test_the_benefits_figures_add_up_to_the_projects_expected_gain(world, programme, project):
    served = goals_served(programme_id=programme.pk)
    for pk in (project.pk, world["other"].pk):
        mine = sum(b.expected or 0 for b in served.distinct if b.project_id == pk)
        assert mine == expected_gains(project_ids=[pk])[pk].total


def test_the_page_warns_against_adding_up_the_goals(client, world, programme, people):
    client.force_login(people["politician"])
    response = client.get(f"/gevinster/program/{programme.pk}/mal-og-gevinster/")
    assert response.status_code == 200
    text = " ".join(response.content.decode().split())
    assert "så summene per mål kan ikke legges sammen: 1 gevinst telles under mer enn ett mål" in text
    assert "2 000 000 kr" in text  # the distinct total
    assert "Ingen gevinst bidrar til dette målet ennå." in text


def test_anonymous_users_are_sent_to_sign_in(client, programme):
    response = client.get(f"/gevinster/program/{programme.pk}/mal-og-gevinster/")
    assert response.status_code == 302


def test_the_query_count_does_not_grow_with_the_programme(world, programme, project):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            goals_served(programme_id=programme.pk)
        return len(captured)

    few = count()
    for index in range(15):
        other = ProjectFactory(sub_programme=project.sub_programme, name=f"Ekstra {index}")
        ProjectGoal.objects.create(project=other, goal=world["economy"])
        benefit = add_benefit(other, title="Gevinst", planned=(1000,))
        benefit.goals.add(world["safe"])
    assert count() == few == 6

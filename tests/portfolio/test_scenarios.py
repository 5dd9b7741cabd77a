"""What-if scenarios: made from the board, changed, compared, saved, applied or discarded; and the
optimiser's suggestion with the reason each project fell out."""

import pytest
from django.urls import reverse

from portfolio import services
from portfolio.models import Decision, Outcome, PortfolioEntry, Scenario

pytestmark = pytest.mark.django_db


def new_scenario(client, programme) -> Scenario:
    response = client.post(reverse("portfolio:scenario_create"), {"programme": programme.pk})
    assert response.status_code == 302
    return Scenario.objects.get()


def test_a_new_scenario_takes_in_the_projects_above_the_capacity_line(make_board, client, executive):
    programme, projects = make_board(4, capacity_person_years="2")
    client.force_login(executive)
    scenario = new_scenario(client, programme)
    assert scenario.included == sorted(p.pk for p in projects[:2])
    html = client.get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    assert "Dagens portefølje" in html
    assert "Dette scenarioet" in html


def test_toggling_and_moving_change_the_scenario_but_not_the_portfolio(make_board, client, executive):
    programme, projects = make_board(3, capacity_person_years="5")
    client.force_login(executive)
    scenario = new_scenario(client, programme)
    url = reverse("portfolio:scenario", args=[scenario.pk])
    client.post(url, {"op": f"toggle:{projects[0].pk}"})
    client.post(url, {"op": f"up:{projects[2].pk}"})
    scenario.refresh_from_db()
    assert projects[0].pk not in scenario.included
    assert scenario.order == [projects[0].pk, projects[2].pk, projects[1].pk]
    assert not PortfolioEntry.objects.exists()
    assert not Decision.objects.exists()


def test_discarding_a_scenario_leaves_the_portfolio_unchanged(make_board, client, executive):
    programme, _projects = make_board(2)
    client.force_login(executive)
    scenario = new_scenario(client, programme)
    response = client.post(reverse("portfolio:scenario", args=[scenario.pk]), {"action": "discard"})
    assert response.status_code == 302
    assert not Scenario.objects.exists()
    assert not PortfolioEntry.objects.exists()


def test_a_saved_scenario_is_listed_on_the_board(make_board, client, executive):
    programme, _projects = make_board(2)
    client.force_login(executive)
    scenario = new_scenario(client, programme)
    client.post(
        reverse("portfolio:scenario", args=[scenario.pk]), {"action": "save", "name": "Satse på velferd"}
    )
    assert "Satse på velferd" in client.get(reverse("portfolio:board")).content.decode()


def test_applying_a_scenario_writes_its_order_and_the_decisions_it_implies(make_board, client, executive):
    programme, projects = make_board(3, capacity_person_years="5")
    services.decision_record(project=projects[0], outcome=Outcome.INCLUDE, rationale="Før", user=executive)
    client.force_login(executive)
    scenario = new_scenario(client, programme)
    url = reverse("portfolio:scenario", args=[scenario.pk])
    client.post(url, {"op": f"toggle:{projects[0].pk}"})
    client.post(url, {"op": f"toggle:{projects[1].pk}"})
    client.post(url, {"op": f"down:{projects[0].pk}"})
    response = client.post(url, {"action": "apply", "rationale": "Omprioritert etter budsjettet"})
    assert response.status_code == 302
    assert dict(PortfolioEntry.objects.values_list("project_id", "decision")) == {
        projects[0].pk: Outcome.WAIT,
        projects[1].pk: Outcome.INCLUDE,
        projects[2].pk: "",
    }
    assert PortfolioEntry.objects.get(project=projects[1]).rank == 1
    assert Decision.objects.filter(rationale="Omprioritert etter budsjettet").count() == 2
    assert not Scenario.objects.exists()


def test_a_scenario_made_before_someone_reordered_the_board_is_not_applied(make_board, client, executive):
    programme, projects = make_board(2)
    client.force_login(executive)
    scenario = new_scenario(client, programme)
    services.board_reorder(
        programme=programme, order=[projects[1].pk, projects[0].pk], version=0, user=executive
    )
    response = client.post(
        reverse("portfolio:scenario", args=[scenario.pk]), {"action": "apply", "rationale": "Ta i bruk"}
    )
    assert response.status_code == 400
    assert not Decision.objects.exists()
    assert PortfolioEntry.objects.get(project=projects[1]).rank == 1


def test_optimiser_suggestion_fits_the_capacity_and_says_why_projects_fell_out(
    make_board, client, executive, criteria
):
    programme, projects = make_board(4, capacity_person_years="2")
    for score, project in zip((5, 4, 3), projects, strict=False):
        for criterion in criteria:
            services.assessment_set(
                project=project, criterion=criterion, score=score, rationale="x", user=executive
            )
    client.force_login(executive)
    response = client.post(
        f"{reverse('portfolio:scenario_suggest')}?programme={programme.pk}",
        {"programme": programme.pk, "objective": "priority", "keep_included": "on"},
    )
    assert response.status_code == 302
    scenario = Scenario.objects.get()
    assert scenario.included == sorted([projects[0].pk, projects[1].pk])
    assert "årsverk" in scenario.reasons[str(projects[2].pk)]
    assert "ingen prioritetspoeng" in scenario.reasons[str(projects[3].pk)]
    html = client.get(reverse("portfolio:scenario", args=[scenario.pk])).content.decode()
    assert "bevist optimal" in html


def test_discarding_a_saved_scenario_asks_first_and_says_it_cannot_be_undone(make_board, client, executive):
    programme, _projects = make_board(2)
    client.force_login(executive)
    scenario = new_scenario(client, programme)
    Scenario.objects.filter(pk=scenario.pk).update(name="To nye i 2027")
    url = reverse("portfolio:scenario", args=[scenario.pk])
    response = client.post(url, {"action": "discard"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Forkaste scenarioet «To nye i 2027»?" in html and "Dette kan ikke angres" in html
    assert Scenario.objects.filter(pk=scenario.pk).exists()  # nothing deleted before the answer
    assert client.post(url, {"action": "discard", "confirm": "1"}).status_code == 302
    assert not Scenario.objects.filter(pk=scenario.pk).exists()

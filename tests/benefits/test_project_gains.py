"""The project's gains tab: adding and editing benefits, the grid that saves per cell, conflicts, access."""

from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import Benefit, BenefitPlanYear

from .conftest import add_benefit

pytestmark = pytest.mark.django_db


def grid_url(project):
    return reverse("benefits:project_benefits", args=[project.pk])


def cell(benefit, year, field):
    return f"cell-{benefit.pk}-{year}-{field}", f"orig-{benefit.pk}-{year}-{field}"


def test_project_leader_adds_a_benefit_with_a_four_year_plan(client, project, people):
    client.force_login(people["leader"])
    response = client.post(
        reverse("benefits:benefit_create", args=[project.pk]),
        {
            "title": "Færre nattilsyn",
            "kind": "reduced_cost",
            "owner": people["owner"].pk,
            "unit": "Hjemmetjenesten",
            "plan_2026": "1 250 000",
            "withdrawal_2026": "1 250 000",
            "plan_2027": "1,5 mill.",
            "plan_2028": "1500000",
            "plan_2029": "",
        },
    )
    assert response.status_code == 302
    benefit = Benefit.objects.get(title="Færre nattilsyn")
    assert dict(benefit.plan_years.values_list("year", "planned")) == {
        2026: Decimal(1_250_000),
        2027: Decimal(1_500_000),
        2028: Decimal(1_500_000),
    }
    assert benefit.plan_years.get(year=2026).withdrawal == Decimal(1_250_000)
    assert benefit.history.first().history_user == people["leader"]


def test_a_financial_plan_in_ore_is_refused_and_the_input_kept(client, project, people):
    client.force_login(people["leader"])
    response = client.post(
        reverse("benefits:benefit_create", args=[project.pk]),
        {"title": "X", "kind": "avoided_cost", "plan_2026": "1 250,50", "plan_2027": "2 mill."},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["plan_2026"] == [
        "«1 250,50» er ikke et beløp i hele kroner; skriv f.eks. 1 250 000 eller 1,25 mill."
    ]
    assert 'value="2 mill."' in response.content.decode()
    assert not Benefit.objects.exists()


def test_grid_saves_the_changed_cells_and_records_who(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 1_000_000])
    client.force_login(people["leader"])
    realised, realised_orig = cell(benefit, 2026, "realised")
    planned, planned_orig = cell(benefit, 2027, "planned")
    response = client.post(
        grid_url(project),
        {realised: "900 000", realised_orig: "", planned: "1 000 000", planned_orig: "1 000 000"},
    )
    assert response.status_code == 302
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2026).realised == Decimal(900_000)
    record = BenefitPlanYear.history.filter(benefit_id=benefit.pk, year=2026).first()
    assert (record.history_user, record.realised) == (people["leader"], Decimal(900_000))
    page = client.get(grid_url(project)).content.decode()
    assert "Realisert: <del>–</del> → <ins>900\xa0000</ins>" in page


def test_grid_over_htmx_answers_with_the_cell_states_and_the_change_log(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people["leader"])
    realised, realised_orig = cell(benefit, 2026, "realised")
    response = client.post(grid_url(project), {realised: "0", realised_orig: ""}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="orig-cell-{benefit.pk}-2026-realised" value="0" hx-swap-oob="true"' in body
    assert "Lagret kl." in body
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2026).realised == Decimal(0)


def test_grid_keeps_a_bad_figure_and_saves_the_good_ones(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 1_000_000])
    client.force_login(people["leader"])
    bad, bad_orig = cell(benefit, 2026, "realised")
    good, good_orig = cell(benefit, 2027, "planned")
    response = client.post(
        grid_url(project), {bad: "mye", bad_orig: "", good: "2 mill.", good_orig: "1 000 000"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="mye"' in body
    assert "«mye» er ikke et beløp i hele kroner" in body
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2027).planned == Decimal(2_000_000)


def test_grid_does_not_overwrite_a_figure_someone_else_changed_meanwhile(client, project, people):
    # Issue 13, defect 1: this test used to assert that saving again overwrote the colleague's figure
    # («save again to overwrite»). Now both values are shown side by side and the user must choose.
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    BenefitPlanYear.objects.filter(benefit=benefit).update(planned=Decimal(1_100_000))  # the other person
    client.force_login(people["leader"])
    planned, planned_orig = cell(benefit, 2026, "planned")
    response = client.post(grid_url(project), {planned: "1 200 000", planned_orig: "1 000 000"})
    body = response.content.decode()
    assert "Noen andre lagret mens du redigerte" in body
    assert "Behold min verdi: <strong>1 200 000</strong>" in body
    assert "Bruk verdien til noen andre: <strong>1\xa0100\xa0000</strong>" in body
    assert 'value="1 200 000"' in body
    assert f'name="{planned_orig}" id="orig-cell-{benefit.pk}-2026-planned" value="1\xa0100\xa0000"' in body
    assert BenefitPlanYear.objects.get(benefit=benefit).planned == Decimal(1_100_000)
    # Saving again without choosing saves nothing; choosing «Behold min verdi» saves the user's figure.
    again = {planned: "1 200 000", planned_orig: "1 100 000", f"conflict-{benefit.pk}-2026-planned": "1"}
    assert "Velg hvilken verdi som skal gjelde." in client.post(grid_url(project), again).content.decode()
    assert BenefitPlanYear.objects.get(benefit=benefit).planned == Decimal(1_100_000)
    client.post(grid_url(project), again | {f"choice-{benefit.pk}-2026-planned": "mine"})
    assert BenefitPlanYear.objects.get(benefit=benefit).planned == Decimal(1_200_000)


def test_benefit_form_opened_before_a_grid_save_is_refused_without_losing_input(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people["leader"])
    url = reverse("benefits:benefit_edit", args=[project.pk, benefit.pk])
    version = client.get(url).context["form"].initial["version"]
    planned, planned_orig = cell(benefit, 2026, "planned")
    client.post(grid_url(project), {planned: "2 000 000", planned_orig: "1 000 000"})
    response = client.post(
        url, {"title": "A (nytt navn)", "kind": "reduced_cost", "plan_2026": "3 000 000", "version": version}
    )
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    assert 'value="A (nytt navn)"' in response.content.decode()
    assert Benefit.objects.get(pk=benefit.pk).title == "A"


@pytest.mark.parametrize("role", ["politician", "executive"])
def test_roles_that_may_not_edit_the_project_cannot_change_its_gains(client, project, people, role):
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people[role])
    planned, planned_orig = cell(benefit, 2026, "planned")
    assert client.post(grid_url(project), {planned: "5", planned_orig: "1 000 000"}).status_code == 403
    assert (
        client.post(
            reverse("benefits:benefit_create", args=[project.pk]), {"title": "X", "kind": "quality"}
        ).status_code
        == 403
    )
    assert client.post(reverse("benefits:benefit_delete", args=[project.pk, benefit.pk])).status_code == 403
    assert BenefitPlanYear.objects.get(benefit=benefit).planned == Decimal(1_000_000)
    assert Benefit.objects.count() == 1
    page = client.get(grid_url(project)).content.decode()
    assert '<input type="text"' not in page


def test_deleting_a_benefit_keeps_it_in_the_change_log(client, project, people):
    benefit = add_benefit(project, title="Utgår", planned=[1_000_000])
    client.force_login(people["programme_leader"])
    client.post(reverse("benefits:benefit_delete", args=[project.pk, benefit.pk]))
    assert not Benefit.objects.exists()
    assert "Gevinst «Utgår» slettet" in client.get(grid_url(project)).content.decode()

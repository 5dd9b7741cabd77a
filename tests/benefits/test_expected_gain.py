"""Issue 13, defect 4: one selector decides a project's expected gain — the gain plan where it exists, the
proposal's estimate until then (marked as an estimate), otherwise unknown (never «0 kr») — and the project
page, the register's Excel export, the board and the optimiser all show that one figure."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portfolio.models import Capacity, Scenario
from programmes.models import Project
from tests.factories import ProjectFactory

from .conftest import add_benefit

pytestmark = pytest.mark.django_db


def page(client, project) -> str:
    return client.get(reverse("programmes:project_detail", args=[project.pk])).content.decode()


def register_row(client, name: str) -> dict:
    response = client.get(reverse("programmes:project_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        values = dict(zip(header, (cell.value for cell in row), strict=True))
        if values["Prosjekt"] == name:
            return values
    raise AssertionError(f"{name} not in the export")


def test_a_project_with_a_gain_plan_shows_the_plan_not_the_empty_estimate(client, project, people):
    """The reported case: «Estimert gevinst per år: 0 kr» for a project whose plan holds millions."""
    Project.objects.filter(pk=project.pk).update(estimated_annual_gain=None)
    add_benefit(project, title="Færre nattilsyn", planned=[2_000_000, 3_000_000, 3_000_000, 4_000_000])
    add_benefit(project, title="Kvalitet", kind="quality", planned=[50, 60])  # not money: not summed
    client.force_login(people["leader"])
    body = page(client, project)
    assert "Forventet gevinst 2026–2029" in body
    assert "12\xa0000\xa0000 kr" in body
    assert "(fra gevinstplanen)" in body
    assert "<dd>0 kr" not in body
    row = register_row(client, project.name)
    assert row["Forventet gevinst i planperioden (kr)"] == 12_000_000
    assert row["Grunnlag for forventet gevinst"] == "fra gevinstplanen"


def test_a_plan_wins_over_the_proposals_estimate(client, project, people):
    Project.objects.filter(pk=project.pk).update(estimated_annual_gain=9_000_000)
    add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people["leader"])
    assert register_row(client, project.name)["Forventet gevinst i planperioden (kr)"] == 1_000_000


def test_a_proposal_without_a_plan_shows_its_estimate_marked_as_one(client, project, people):
    Project.objects.filter(pk=project.pk).update(
        estimated_annual_gain=1_000_000, start_date=datetime.date(2027, 3, 1), end_date=None
    )
    client.force_login(people["leader"])
    body = page(client, project)
    # Counted from the year the project starts: 2027, 2028 and 2029.
    assert "3\xa0000\xa0000 kr" in body
    assert "(anslag: 1\xa0000\xa0000 kr per år)" in body
    row = register_row(client, project.name)
    assert row["Forventet gevinst i planperioden (kr)"] == 3_000_000
    assert row["Grunnlag for forventet gevinst"] == "anslag i forslaget"


def test_an_empty_estimate_is_not_estimated_never_0_kr(client, programme, project, people):
    client.force_login(people["leader"])
    response = client.post(
        reverse("programmes:project_create"),
        {
            "name": "Nytt forslag",
            "sub_programme": project.sub_programme_id,
            "need": "Et behov.",
            "owner": people["owner"].pk,
            "leader": people["leader"].pk,
            "cost_estimate": "100 000",
            "resource_need": "1",
            "estimated_annual_gain": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Project.objects.get(name="Nytt forslag")
    assert proposal.estimated_annual_gain is None
    body = page(client, proposal)
    assert "ikke anslått" in body.split("Forventet gevinst")[1].split("</dd>")[0]
    row = register_row(client, "Nytt forslag")
    assert row["Forventet gevinst i planperioden (kr)"] is None
    assert row["Grunnlag for forventet gevinst"] == "ikke anslått"


def test_the_board_and_the_optimiser_count_a_proposals_estimate(client, programme, project, people):
    """The reported case: the board showed «0,0 mill. kr» for a proposal with an estimate, and the optimiser
    maximising the planned gain left it out."""
    Project.objects.filter(pk=project.pk).update(estimated_annual_gain=None)
    add_benefit(project, title="A", planned=[500_000, 500_000, 500_000, 500_000])
    proposal = ProjectFactory(
        sub_programme=project.sub_programme,
        name="Forslag med anslag",
        leader=people["leader"],
        owner=people["owner"],
        start_date=None,
        end_date=None,
        cost_estimate=100_000,
        resource_need=1,
        estimated_annual_gain=1_500_000,
    )
    unknown = ProjectFactory(
        sub_programme=project.sub_programme,
        name="Forslag uten anslag",
        leader=people["leader"],
        owner=people["owner"],
        estimated_annual_gain=None,
    )
    client.force_login(people["executive"])
    board = client.get(f"{reverse('portfolio:board')}?programme={programme.pk}").content.decode()
    row = board.split(f'data-pk="{proposal.pk}"')[1].split("</tr>")[0]
    assert ">6 mill. kr <span" in row and "(anslag)" in row
    assert "ikke anslått" in board.split(f'data-pk="{unknown.pk}"')[1].split("</tr>")[0]
    assert ">2 mill. kr<" in board.split(f'data-pk="{project.pk}"')[1].split("</tr>")[0]
    # With room for every project, the gain above the capacity line says which part is estimated.
    for year in range(2026, 2030):
        Capacity.objects.create(programme=programme, year=year, person_years=100, kroner=10**9)
    board = client.get(f"{reverse('portfolio:board')}?programme={programme.pk}").content.decode()
    assert "(herav anslag 1\xa0500\xa0000 kr)" in board

    response = client.post(
        f"{reverse('portfolio:scenario_suggest')}?programme={programme.pk}",
        {"programme": programme.pk, "objective": "gain"},
    )
    assert response.status_code == 302
    assert proposal.pk in Scenario.objects.get().included

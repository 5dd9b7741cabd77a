"""Issue 13, defect 3: the figures of the gains grid come from the server and never count a refused value;
a realised figure for a year that has not started is refused everywhere and never counted; the cell save
runs a fixed number of queries."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from benefits import selectors
from benefits.models import Benefit, BenefitPlanYear

from .conftest import add_benefit

pytestmark = pytest.mark.django_db

FUTURE = "2027 har ikke begynt ennå, så ingenting kan være realisert i det."


def grid_url(project):
    return reverse("benefits:project_benefits", args=[project.pk])


def oob_total(body: str, name: str) -> str:
    match = re.search(rf'id="total-{name}" hx-swap-oob="true">([^<]*)<', body)
    assert match, f"no total {name} in the answer"
    return match.group(1)


@pytest.mark.parametrize("typed", ["-500 000", "100000000000000000000", "mye"])
def test_htmx_save_answers_with_the_servers_totals_without_the_refused_figure(client, project, people, typed):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])
    client.force_login(people["leader"])
    response = client.post(
        grid_url(project),
        {f"cell-{benefit.pk}-2026-planned": typed, f"orig-{benefit.pk}-2026-planned": "1 000 000"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert oob_total(body, "all-planned") == "3\xa0000\xa0000"
    assert oob_total(body, "2026-planned") == "1\xa0000\xa0000"
    assert oob_total(body, f"{benefit.pk}-planned") == "3\xa0000\xa0000"
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2026).planned == Decimal(1_000_000)


def test_htmx_save_answers_with_the_new_totals_from_the_selector(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])
    add_benefit(project, title="Kvalitet", kind="quality", planned=[50, 60])
    client.force_login(people["leader"])
    response = client.post(
        grid_url(project),
        {f"cell-{benefit.pk}-2026-planned": "1,5 mill.", f"orig-{benefit.pk}-2026-planned": "1 000 000"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    gains = selectors.project_gains(project_id=project.pk)
    assert gains.planned_total == 3_500_000  # the non-financial benefit is not summed
    assert oob_total(body, "all-planned") == "3\xa0500\xa0000"
    assert oob_total(body, "2026-planned") == "1\xa0500\xa0000"


def test_htmx_save_of_a_year_without_figures_answers_with_its_new_totals(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people["leader"])
    response = client.post(
        grid_url(project),
        {f"cell-{benefit.pk}-2028-planned": "250 000", f"orig-{benefit.pk}-2028-planned": ""},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert oob_total(body, "2028-planned") == "250\xa0000"
    assert oob_total(body, f"{benefit.pk}-planned") == "1\xa0250\xa0000"
    assert oob_total(body, "all-planned") == "1\xa0250\xa0000"
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2028).planned == Decimal(250_000)


def test_the_grid_page_has_no_script_that_adds_figures_up(client, project, people):
    add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people["leader"])
    body = client.get(grid_url(project)).content.decode()
    assert "data-col-total" not in body and "data-row-total" not in body
    script = re.search(r'<script src="([^"]*benefit-grid[^"]*)"', body)
    if script:
        source = client.get(script.group(1))
        text = b"".join(source.streaming_content if source.streaming else [source.content]).decode()
        assert "parseFloat" not in text and "textContent" not in text


# --- Realised figures for years that have not started --------------------------------------------------


def test_grid_refuses_a_realised_figure_for_a_future_year(client, project, people, freeze_2026):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])
    client.force_login(people["leader"])
    response = client.post(
        grid_url(project),
        {f"cell-{benefit.pk}-2027-realised": "2 000 000", f"orig-{benefit.pk}-2027-realised": ""},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert FUTURE in body
    assert 'value="2 000 000"' in body
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2027).realised is None
    # This year's realisation is allowed.
    client.post(
        grid_url(project),
        {f"cell-{benefit.pk}-2026-realised": "900 000", f"orig-{benefit.pk}-2026-realised": ""},
    )
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2026).realised == Decimal(900_000)


def test_benefit_form_refuses_a_realised_figure_for_a_future_year(client, project, people, freeze_2026):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])
    client.force_login(people["leader"])
    url = reverse("benefits:benefit_edit", args=[project.pk, benefit.pk])
    version = client.get(url).context["form"].initial["version"]
    response = client.post(
        url,
        {
            "title": "A",
            "kind": "reduced_cost",
            "version": version,
            "plan_2026": "1 000 000",
            "plan_2027": "2 000 000",
            "realised_2027": "1 000 000",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["realised_2027"][0].startswith(FUTURE)
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2027).realised is None


def test_import_refuses_a_realised_figure_for_a_future_year(client, programme, project, people, freeze_2026):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Prosjekt", "Gevinst", "Type", "Gevinsteier", "Plan 2027", "Realisert 2027"])
    sheet.append(["Digitalt tilsyn", "Ny gevinst", "Redusert kostnad", "", 1_000_000, 1_000_000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = io.BytesIO(buffer.getvalue())
    file.name = "gevinster.xlsx"
    client.force_login(people["programme_leader"])
    response = client.post(reverse("benefits:benefit_import", args=[programme.pk]), {"file": file})
    errors = [(e.row, e.column, e.message) for e in response.context["problems"]]
    assert len(errors) == 1
    assert errors[0][:2] == (2, "Realisert 2027")
    assert errors[0][2].startswith(FUTURE)
    assert not Benefit.objects.filter(title="Ny gevinst").exists()


def test_a_stored_realised_figure_for_a_future_year_is_never_counted(
    client, programme, project, people, freeze_2026
):
    """Rows from before the rule are kept as they are, marked in the grid, and left out of every sum."""
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000], realised=[800_000])
    BenefitPlanYear.objects.filter(benefit=benefit, year=2027).update(realised=Decimal(5_000_000))

    gains = selectors.project_gains(project_id=project.pk)
    assert (gains.realised_total, gains.realised_by_year[2027]) == (800_000, 0)
    assert gains.rows[0].realised_total == Decimal(800_000)
    overview = selectors.gain_overview(programme_id=programme.pk)
    assert overview.realised_total == 800_000
    assert {y.year: y.realised for y in overview.by_year}[2027] == 0
    assert overview.largest[0].realised == 800_000

    client.force_login(people["leader"])
    body = client.get(grid_url(project)).content.decode()
    assert "Telles ikke som realisert: 2027 har ikke begynt ennå." in body
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2027).realised == Decimal(5_000_000)


def test_project_totals_agree_with_the_overview(programme, project, people, freeze_2026):
    add_benefit(project, title="A", planned=[1_000_000, 2_000_000], realised=[700_000])
    add_benefit(project, title="B", kind="more_income", planned=[300_000, None, 400_000], realised=[100_000])
    add_benefit(project, title="C", kind="quality", planned=[5, 5], realised=[4])
    gains = selectors.project_gains(project_id=project.pk)
    overview = selectors.gain_overview(programme_id=programme.pk, sub_programme_id=project.sub_programme_id)
    assert {y.year: (y.planned, y.realised) for y in overview.by_year} == {
        year: (gains.planned_by_year[year], gains.realised_by_year[year]) for year in overview.years
    }


# --- Queries -------------------------------------------------------------------------------------------------


# Four to reach the grid (session, user, project, roles), seven for the save (savepoint, the benefits
# locked, their plan years, the cell's update and its history row, the version bump, release) and three for
# the answer's change log (benefits', plan years' and measurements' records; no names, as no shown change
# names an owner). The cells are parsed against the rows read under the lock and the answer's figures are
# summed from them, so neither reads the benefits again (17 before: once before the save to parse, once
# after to answer).
CELL_SAVE_QUERIES = 14


@pytest.mark.parametrize("benefits", [1, 6])
def test_a_cell_save_runs_a_fixed_number_of_queries(
    client, project, people, django_assert_num_queries, benefits
):
    first = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])
    for n in range(1, benefits):
        add_benefit(project, title=f"B{n}", planned=[1_000_000, 2_000_000], realised=[500_000])
    client.force_login(people["leader"])
    client.get(grid_url(project))
    with django_assert_num_queries(CELL_SAVE_QUERIES):
        response = client.post(
            grid_url(project),
            {f"cell-{first.pk}-2026-realised": "5", f"orig-{first.pk}-2026-realised": ""},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    assert BenefitPlanYear.objects.get(benefit=first, year=2026).realised == Decimal(5)

"""The project's prioritisation page, decisions, capacity, criteria, the overview and its Excel export."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from core import roles
from portfolio.models import Assessment, Capacity, Decision, Outcome, PortfolioEntry
from tests.factories import BenefitFactory, BenefitPlanYearFactory, StatusReportFactory

pytestmark = pytest.mark.django_db


def test_financial_criterion_suggests_a_score_from_planned_gains_and_shows_the_rule(
    make_board, client, executive
):
    _programme, (project,) = make_board(1)
    benefit = BenefitFactory(project=project)
    from benefits.selectors import current_year

    BenefitPlanYearFactory(benefit=benefit, year=current_year(), planned=Decimal(2_000_000))
    client.force_login(executive)
    html = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "Foreslått poeng: 4" in html
    assert "3 eller mer gir 5" in html
    assert "mangler" in html


def test_executive_scores_a_project_and_the_change_is_kept_in_history(
    make_board, client, executive, criteria
):
    _programme, (project,) = make_board(1)
    client.force_login(executive)
    url = reverse("portfolio:assess", args=[project.pk])
    criterion = criteria[0]
    prefix = f"c{criterion.pk}"
    for score in (3, 4):
        response = client.post(
            url,
            {"criterion": criterion.pk, f"{prefix}-score": score, f"{prefix}-rationale": f"Vurdert {score}"},
        )
        assert response.status_code == 302
    assessment = Assessment.objects.get(project=project, criterion=criterion)
    assert assessment.score == 4
    assert assessment.assessed_by == executive
    assert [h.score for h in assessment.history.order_by("history_date")] == [3, 4]
    html = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "Vurdert 4" in html


def test_a_score_without_rationale_is_refused(make_board, client, executive, criteria):
    _programme, (project,) = make_board(1)
    client.force_login(executive)
    prefix = f"c{criteria[0].pk}"
    response = client.post(
        reverse("portfolio:assess", args=[project.pk]),
        {"criterion": criteria[0].pk, f"{prefix}-score": 3, f"{prefix}-rationale": ""},
    )
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_decisions_form_a_log_where_the_newest_supersedes(make_board, client, executive):
    _programme, (project,) = make_board(1)
    client.force_login(executive)
    url = reverse("portfolio:decide", args=[project.pk])
    client.post(url, {"outcome": "wait", "rationale": "Må vente på kapasitet", "decided_on": "2026-10-01"})
    client.post(url, {"outcome": "include", "rationale": "Nå er det plass", "decided_on": "2026-11-20"})
    assert list(Decision.objects.order_by("created_at").values_list("outcome", flat=True)) == [
        "wait",
        "include",
    ]
    assert PortfolioEntry.objects.get(project=project).decision == Outcome.INCLUDE
    html = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert html.index("Nå er det plass") < html.index("Må vente på kapasitet")
    assert "erstattet" in html


def test_politician_sees_the_project_page_without_forms(make_board, client, politician):
    _programme, (project,) = make_board(1)
    client.force_login(politician)
    html = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "<form" not in html.split("<main", 1)[1]


def test_executive_sets_capacity_with_norwegian_numbers(make_board, client, executive):
    programme, _projects = make_board(1)
    client.force_login(executive)
    response = client.post(
        f"{reverse('portfolio:capacity')}?programme={programme.pk}",
        {"year": 2027, "person_years": "12,5", "kroner": "8 000 000"},
    )
    assert response.status_code == 302
    capacity = Capacity.objects.get(programme=programme, year=2027)
    assert (capacity.person_years, capacity.kroner) == (Decimal("12.5"), 8_000_000)


def test_administrator_changes_a_weight_and_the_executive_may_not(
    make_board, client, executive, role_user, criteria
):
    criterion = criteria[3]
    data = {
        "name": criterion.name,
        "description": criterion.description,
        "weight": 40,
        "kind": criterion.kind,
        **{f"step_{n}": text for n, text in criterion.steps},
    }
    # The version the form was opened at (a stale save is merged: tests/portfolio/test_criterion_conflicts.py).
    data["version"] = criterion.history.latest().history_id
    url = reverse("portfolio:criterion_edit", args=[criterion.pk])
    client.force_login(executive)
    assert client.post(url, data).status_code == 403
    client.force_login(role_user(roles.ADMINISTRATOR, username="admin"))
    assert client.post(url, data).status_code == 302
    criterion.refresh_from_db()
    assert criterion.weight == 40
    assert "Hast" in client.get(reverse("portfolio:criteria")).content.decode()


@pytest.mark.parametrize("n_projects", [3, 30])
def test_overview_shows_counts_bubble_chart_and_table_in_a_fixed_number_of_queries(
    n_projects, make_board, client, politician, django_assert_num_queries
):
    _programme, projects = make_board(n_projects)
    StatusReportFactory(project=projects[0])
    client.force_login(politician)
    # session, user, groups, default programme, programme; the board (7, with the expected gains' two
    # queries, issue 13); the gain overview (7)
    with django_assert_num_queries(19):
        response = client.get(reverse("portfolio:overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html
    assert "Boblediagram over" in html
    assert html.count('<th scope="row">Prosjekt') == n_projects


def test_overview_export_is_an_excel_workbook_with_one_row_per_project(make_board, client, politician):
    _programme, _projects = make_board(3)
    client.force_login(politician)
    response = client.get(reverse("portfolio:overview_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4
    assert sheet["B2"].value == "Prosjekt 00"

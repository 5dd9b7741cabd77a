"""The ranked board: order, capacity line, reordering by drag (whole order) and by the move buttons,
concurrent reorders, who sees controls, and a fixed number of queries."""

import pytest
from django.urls import reverse

from core import roles
from portfolio import services
from portfolio.models import Board, Outcome, PortfolioEntry
from tests.factories import BenefitFactory, BenefitPlanYearFactory, StatusReportFactory

pytestmark = pytest.mark.django_db

BOARD = reverse("portfolio:board")


def board_order(html: str, projects) -> list[str]:
    positions = {p.name: html.index(f">{p.name}</a>") for p in projects}
    return sorted(positions, key=positions.get)


def score_all(project, criteria, score, user):
    for criterion in criteria:
        services.assessment_set(
            project=project, criterion=criterion, score=score, rationale="Vurdert", user=user
        )


@pytest.mark.parametrize("n_projects", [4, 40])
def test_board_runs_a_fixed_number_of_queries(
    n_projects, make_board, client, executive, criteria, django_assert_num_queries
):
    _programme, projects = make_board(n_projects, capacity_person_years="10")
    for project in projects[:3]:
        score_all(project, criteria, 3, executive)
        StatusReportFactory(project=project)
        BenefitPlanYearFactory(benefit=BenefitFactory(project=project))
    services.decision_record(project=projects[0], outcome=Outcome.INCLUDE, rationale="Viktig", user=executive)
    client.force_login(executive)
    # session, user, groups (navigation); default programme, programme; board version, criteria,
    # projects, assessments, expected gains (the projects' estimates and the gain plans' sums: issue 13),
    # capacity; saved scenarios; programme list
    with django_assert_num_queries(14):
        response = client.get(BOARD)
    assert response.status_code == 200
    assert response.content.decode().count('class="app-board__row') == n_projects


def test_unranked_projects_are_ordered_by_priority_with_missing_scores_last(
    make_board, client, executive, criteria
):
    _programme, projects = make_board(3)
    score_all(projects[2], criteria, 5, executive)
    score_all(projects[1], criteria, 2, executive)
    client.force_login(executive)
    html = client.get(BOARD).content.decode()
    assert board_order(html, projects) == ["Prosjekt 02", "Prosjekt 01", "Prosjekt 00"]
    assert "mangler" in html  # Prosjekt 00's score is shown as missing, not as 0


def test_capacity_line_falls_before_the_first_project_that_does_not_fit(make_board, client, executive):
    make_board(5, capacity_person_years="3")
    client.force_login(executive)
    html = client.get(BOARD).content.decode()
    line = html.index("data-capacity-line")
    assert "Kapasitetslinje" in html
    assert html.index(">Prosjekt 02</a>") < line < html.index(">Prosjekt 03</a>")


def test_changing_a_weight_reranks_the_board_at_once(make_board, client, executive, criteria):
    _programme, projects = make_board(2)
    financial, goals, *others = criteria
    for criterion, a, b in ((financial, 5, 2), (goals, 2, 5)):
        services.assessment_set(
            project=projects[0], criterion=criterion, score=a, rationale="x", user=executive
        )
        services.assessment_set(
            project=projects[1], criterion=criterion, score=b, rationale="x", user=executive
        )
    for criterion in others:
        for project in projects:
            services.assessment_set(
                project=project, criterion=criterion, score=3, rationale="x", user=executive
            )
    client.force_login(executive)
    # Equal scores: the tie goes by name.
    assert board_order(client.get(BOARD).content.decode(), projects) == ["Prosjekt 00", "Prosjekt 01"]
    goals.weight = 60
    goals.save()
    assert board_order(client.get(BOARD).content.decode(), projects) == ["Prosjekt 01", "Prosjekt 00"]


def test_drag_and_drop_order_is_saved_in_one_go_and_bumps_the_version(make_board, client, executive):
    programme, projects = make_board(3)
    client.force_login(executive)
    order = ",".join(str(p.pk) for p in reversed(projects))
    response = client.post(
        reverse("portfolio:reorder"),
        {"programme": programme.pk, "order": order, "version": 0},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert board_order(response.content.decode(), projects) == ["Prosjekt 02", "Prosjekt 01", "Prosjekt 00"]
    assert dict(PortfolioEntry.objects.values_list("project__name", "rank")) == {
        "Prosjekt 02": 1,
        "Prosjekt 01": 2,
        "Prosjekt 00": 3,
    }
    assert Board.objects.get(programme=programme).version == 1


def test_a_stale_reorder_moving_a_project_the_other_moved_too_saves_nothing_and_shows_both_orders(
    make_board, client, executive
):
    # Was: every reorder on an old version was refused. Now only one that moves a project the other
    # person moved too is held back for the user to choose (tests/portfolio/test_board_merge.py).
    programme, projects = make_board(3)
    ids = [p.pk for p in projects]
    services.board_reorder(programme=programme, order=list(reversed(ids)), version=0, user=executive)
    client.force_login(executive)
    response = client.post(
        reverse("portfolio:reorder"),
        {"programme": programme.pk, "order": f"{ids[2]},{ids[0]},{ids[1]}", "moved": ids[2], "version": 0},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Noen andre lagret mens du redigerte" in html
    assert board_order(html, projects) == ["Prosjekt 02", "Prosjekt 01", "Prosjekt 00"]
    assert PortfolioEntry.objects.get(project=projects[2]).rank == 1
    assert PortfolioEntry.objects.get(project=projects[0]).rank == 3


def test_an_order_that_leaves_out_a_project_is_refused(make_board, executive):
    programme, projects = make_board(3)
    with pytest.raises(services.ValidationError):
        services.board_reorder(programme=programme, order=[projects[0].pk], version=0, user=executive)
    assert not PortfolioEntry.objects.exists()


def test_move_button_works_without_javascript(make_board, client, executive):
    programme, projects = make_board(3)
    client.force_login(executive)
    response = client.post(
        reverse("portfolio:move"), {"programme": programme.pk, "move": f"{projects[2].pk}:up", "version": 0}
    )
    assert response.status_code == 302
    html = client.get(BOARD).content.decode()
    assert board_order(html, projects) == ["Prosjekt 00", "Prosjekt 02", "Prosjekt 01"]


def test_politician_sees_the_order_but_no_controls_and_cannot_reorder(make_board, client, politician):
    programme, projects = make_board(2)
    client.force_login(politician)
    html = client.get(BOARD).content.decode()
    assert "Prosjekt 00" in html
    assert 'name="move"' not in html
    assert "portfolio-board.js" not in html
    assert "Sortable" not in html
    response = client.post(
        reverse("portfolio:reorder"),
        {"programme": programme.pk, "order": f"{projects[1].pk},{projects[0].pk}", "version": 0},
    )
    assert response.status_code == 403
    assert not PortfolioEntry.objects.exists()


def test_programme_leader_may_not_decide(make_board, client, role_user):
    _programme, projects = make_board(1)
    client.force_login(role_user(roles.PROGRAMME_LEADER))
    response = client.post(
        reverse("portfolio:decide", args=[projects[0].pk]),
        {"outcome": "include", "rationale": "Ja", "decided_on": "2026-11-23"},
    )
    assert response.status_code == 403


def test_rank_by_priority_puts_a_manually_ordered_board_back_in_score_order(
    make_board, client, executive, criteria
):
    programme, projects = make_board(3)
    for project, score in zip(projects, (2, 5, 3), strict=True):
        score_all(project, criteria, score, executive)
    services.board_reorder(programme=programme, order=[p.pk for p in projects], version=0, user=executive)
    client.force_login(executive)
    # Confirmed: re-ranking is asked for first (tests/portfolio/test_rank_confirmation.py).
    response = client.post(
        reverse("portfolio:rank_by_priority"), {"programme": programme.pk, "version": 1, "confirm": "1"}
    )
    assert response.status_code == 302
    html = client.get(BOARD).content.decode()
    assert board_order(html, projects) == ["Prosjekt 01", "Prosjekt 02", "Prosjekt 00"]

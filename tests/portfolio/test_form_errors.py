"""Every portfolio form that fails shows an error summary where the user is looking: inside the form that was
sent, taking the focus (`autofocus`, which also scrolls it into view, without JavaScript; the browser test
checks that), with the user's input kept. One summary per page, so the focus has one place to go."""

import re

import pytest
from django.urls import reverse

from portfolio.models import Assessment, Capacity, Decision

pytestmark = pytest.mark.django_db


def form_html(html: str, form_id: str) -> str:
    start = html.index(f'id="{form_id}"')
    return html[html.rindex("<form", 0, start) : html.index("</form>", start)]


def test_a_decision_without_rationale_shows_the_error_summary_in_the_decision_form(
    make_board, client, executive
):
    _programme, (project,) = make_board(1)
    client.force_login(executive)
    response = client.post(
        reverse("portfolio:decide", args=[project.pk]),
        {"outcome": "reject", "rationale": " ", "decided_on": "2026-11-20"},
    )
    assert response.status_code == 400
    assert not Decision.objects.exists()
    form = form_html(response.content.decode(), "decision-form")
    # The browser lands on the form, not on the top of the page 3,800 px above it.
    assert response.content.decode().count("autofocus") == 1
    summary = re.search(r'<div class="ds-error-summary[^>]*>', form).group(0)
    assert 'id="decision-errors"' in summary and "autofocus" in summary and 'role="alert"' in summary
    assert "Beslutningen ble ikke registrert" in form
    assert 'href="#id_rationale"' in form
    # The choice and the date the user made are kept.
    assert re.search(r'value="reject" id="id_outcome_\d+" checked', form)
    assert 'value="2026-11-20"' in form


def test_a_decision_without_outcome_links_the_summary_to_the_first_choice(make_board, client, executive):
    _programme, (project,) = make_board(1)
    client.force_login(executive)
    response = client.post(
        reverse("portfolio:decide", args=[project.pk]),
        {"rationale": "Fordi", "decided_on": "2026-11-20"},
    )
    form = form_html(response.content.decode(), "decision-form")
    assert 'href="#id_outcome_0"' in form
    assert 'id="id_outcome_0"' in form
    assert re.search(r">\s*Fordi</textarea>", form)


def test_a_score_without_rationale_shows_the_error_summary_in_that_criterion_form(
    make_board, client, executive, criteria
):
    _programme, (project,) = make_board(1)
    client.force_login(executive)
    criterion = criteria[1]
    prefix = f"c{criterion.pk}"
    response = client.post(
        reverse("portfolio:assess", args=[project.pk]),
        {"criterion": criterion.pk, f"{prefix}-score": 4, f"{prefix}-rationale": ""},
    )
    assert response.status_code == 400
    assert not Assessment.objects.exists()
    html = response.content.decode()
    form = form_html(html, f"assess-{criterion.pk}")
    assert "autofocus" in form
    assert f'id="assess-errors-{criterion.pk}"' in form
    assert html.count("ds-error-summary") == 1
    assert re.search(rf'value="4" id="id_{prefix}-score_\d+" checked', form)


def test_capacity_with_bad_figures_is_refused_with_an_error_summary_and_the_input_kept(
    make_board, client, executive
):
    programme, _projects = make_board(1)
    client.force_login(executive)
    response = client.post(
        f"{reverse('portfolio:capacity')}?programme={programme.pk}",
        {"year": "2027", "person_years": "mange", "kroner": "2 000 000"},
    )
    assert response.status_code == 400
    assert not Capacity.objects.exists()
    html = response.content.decode()
    assert 'id="error-summary"' in html and "autofocus" in html
    assert 'value="mange"' in html


def test_applying_a_scenario_without_rationale_shows_the_error_summary_in_the_apply_form(
    make_board, client, executive
):
    from portfolio import services

    programme, _projects = make_board(2)
    scenario = services.scenario_create(programme=programme, user=executive)
    client.force_login(executive)
    url = reverse("portfolio:scenario", args=[scenario.pk])
    response = client.post(url, {"action": "apply", "rationale": ""})
    assert response.status_code == 400
    form = form_html(response.content.decode(), "scenario-apply")
    assert 'id="scenario-apply-errors"' in form and "autofocus" in form


def test_applying_a_scenario_on_a_reordered_board_says_so_in_the_apply_form(make_board, client, executive):
    from portfolio import services

    programme, projects = make_board(2)
    scenario = services.scenario_create(programme=programme, user=executive)
    services.board_reorder(
        programme=programme, order=[projects[1].pk, projects[0].pk], version=0, user=executive
    )
    # The page hides the apply form of a stale scenario; a form opened before the reorder still posts.
    client.force_login(executive)
    url = reverse("portfolio:scenario", args=[scenario.pk])
    response = client.post(url, {"action": "apply", "rationale": "Vi prøver"})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('id="scenario-apply"') :]
    assert "Tavlen ble omrangert etter at dette scenarioet ble laget" in summary[: summary.index("</div>")]


def test_a_criterion_with_a_bad_weight_is_refused_with_an_error_summary(
    make_board, client, role_user, criteria
):
    from core import roles

    client.force_login(role_user(roles.ADMINISTRATOR, username="admin"))
    criterion = criteria[0]
    data = {
        "name": criterion.name,
        "description": "",
        "weight": "mye",
        "version": criterion.history.latest().history_id,
        "kind": criterion.kind,
        **{f"step_{n}": getattr(criterion, f"step_{n}") for n in range(1, 6)},
    }
    response = client.post(reverse("portfolio:criterion_edit", args=[criterion.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_weight"' in html
    assert 'value="mye"' in html

"""Confirming an indicator's direction on the scorecard page: who may, what it records, and where a direction
counts as confirmed (a file's direction column, a person) or not (a guess)."""

import re

import pytest
from django.urls import reverse

from core import roles
from scorecards import excel, services
from scorecards.models import DirectionSource, Indicator
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value
from tests.scorecards.test_import import xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed(owner):
    scorecard = ScorecardFactory(owner=owner, first_year=2025, last_year=2025)
    indicator = IndicatorFactory(
        scorecard=scorecard,
        name="Antall klager",
        direction="unknown",
        direction_source=DirectionSource.INFERRED,
    )
    indicator_value(indicator, 2025, "4", "6")
    return indicator


def confirm_url(indicator) -> str:
    return reverse("scorecards:direction_confirm", args=[indicator.pk])


def test_the_page_lists_the_indicator_with_the_proposal_and_its_reason_and_a_button_per_direction(
    client, owner, unconfirmed
):
    client.force_login(owner)
    page = client.get(unconfirmed.scorecard.get_absolute_url()).content.decode()
    item = re.search(r'<li class="app-confirm-item".*?</li>', page, re.S).group(0)
    assert "Antall klager" in item and "Navnet inneholder «klage»: lavere er bedre." in item
    # The proposal is the first and primary button; the other is one click away too.
    buttons = re.findall(r'data-variant="(\w+)"[^>]*name="direction" value="(\w+)"', item)
    assert buttons == [("primary", "lower"), ("secondary", "higher")]
    assert f'action="{confirm_url(unconfirmed)}"' in item and "csrfmiddlewaretoken" in item
    assert "1 indikator viser «Retning mangler»" in page


def test_a_reader_sees_the_list_without_the_buttons(client, unconfirmed, role_user):
    client.force_login(role_user(roles.POLITICIAN, username="politiker"))
    page = client.get(unconfirmed.scorecard.get_absolute_url()).content.decode()
    assert "Antall klager" in page and "Eieren av målekortet bekrefter dem." in page
    assert 'name="direction"' not in page


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(roles.POLITICIAN, False), (roles.PROJECT_LEADER, False), (roles.EXECUTIVE, False), ("admin", True)],
)
def test_only_who_may_change_the_scorecard_may_confirm_its_directions(
    client, unconfirmed, role_user, role, allowed
):
    user = role_user(roles.ADMINISTRATOR if role == "admin" else role, username="someone")
    client.force_login(user)
    response = client.post(confirm_url(unconfirmed), {"direction": "lower"})
    assert response.status_code == (302 if allowed else 403)
    unconfirmed.refresh_from_db()
    assert unconfirmed.direction_confirmed is allowed


def test_a_confirmation_without_a_direction_is_refused_and_changes_nothing(client, owner, unconfirmed):
    client.force_login(owner)
    for data in ({}, {"direction": "unknown"}, {"direction": "sideways"}):
        assert client.post(confirm_url(unconfirmed), data).status_code == 400
    assert client.get(confirm_url(unconfirmed)).status_code == 405
    unconfirmed.refresh_from_db()
    assert (unconfirmed.direction, unconfirmed.direction_source) == ("unknown", DirectionSource.INFERRED)


def test_confirming_without_javascript_comes_back_to_the_row_with_the_status_and_a_message(
    client, owner, unconfirmed
):
    client.force_login(owner)
    response = client.post(confirm_url(unconfirmed), {"direction": "lower", "year": "2025"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"?year=2025#indicator-{unconfirmed.pk}")
    assert "Retningen for «Antall klager» er bekreftet: lavere er bedre." in page
    row = re.search(r'<tr id="indicator-\d+">.*?</tr>', page, re.S).group(0)
    assert "Ikke nådd" in row and 'id="directions"' not in page
    record = unconfirmed.history.first()
    assert (record.history_user, record.history_change_reason, record.direction) == (
        owner,
        "Retning bekreftet",
        "lower",
    )


def test_confirming_with_htmx_swaps_the_results_with_the_status_shown(client, owner, unconfirmed):
    client.force_login(owner)
    response = client.post(confirm_url(unconfirmed), {"direction": "higher"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="scorecard-results">')
    assert "Retningen for «Antall klager» er bekreftet: høyere er bedre." in html
    assert re.search(r"(?<!Ikke )Nådd", html) and 'id="directions"' not in html
    assert "HX-Request" in response["Vary"]


def test_confirming_again_the_same_way_records_nothing_new(client, owner, unconfirmed):
    client.force_login(owner)
    client.post(confirm_url(unconfirmed), {"direction": "lower"})
    records = unconfirmed.history.count()
    client.post(confirm_url(unconfirmed), {"direction": "lower"})
    assert unconfirmed.history.count() == records


HEADER = ["Område", "Perspektiv", "Indikator", "Retning", "Mål 2025", "Resultat 2025"]


def import_rows(scorecard, owner, *rows, header=HEADER):
    parsed = excel.read_scorecard_file(xlsx([header, *rows]), "fil.xlsx")
    assert parsed.problems == []
    return services.scorecard_import(scorecard=scorecard, parsed=parsed, user=owner)


def test_a_direction_the_file_states_is_confirmed_and_one_it_leaves_out_is_only_a_proposal(owner):
    scorecard = ScorecardFactory(owner=owner)
    import_rows(
        scorecard,
        owner,
        ["A", "B", "Netto driftsresultat", "høyere er bedre", "1,75 %", "0,9 %"],
        ["A", "B", "Avvik fra vedlikeholdsplan", "", "0", "3"],
        ["A", "B", "Antall innbyggere", "", "15 000", "14 800"],
    )
    found = {i.name: (i.direction, i.direction_source) for i in scorecard.indicators.all()}
    assert found == {
        "Netto driftsresultat": ("higher", DirectionSource.FILE),
        "Avvik fra vedlikeholdsplan": ("lower", DirectionSource.INFERRED),
        "Antall innbyggere": ("unknown", DirectionSource.INFERRED),
    }


def test_a_file_without_a_direction_keeps_a_confirmed_one_and_a_file_with_one_confirms_a_guess(owner):
    scorecard = ScorecardFactory(owner=owner)
    import_rows(scorecard, owner, ["A", "B", "Antall klager", "", "4", "6"])
    indicator = Indicator.objects.get()
    services.indicator_direction_confirm(indicator=indicator, direction="higher", user=owner)
    import_rows(scorecard, owner, ["A", "B", "Antall klager", "", "4", "6"])
    indicator.refresh_from_db()
    assert (indicator.direction, indicator.direction_source) == ("higher", DirectionSource.USER)
    import_rows(scorecard, owner, ["A", "B", "Antall klager", "lavere er bedre", "4", "6"])
    indicator.refresh_from_db()
    assert (indicator.direction, indicator.direction_source) == ("lower", DirectionSource.FILE)


def test_reading_back_a_confirmed_direction_from_a_file_changes_nothing(owner):
    scorecard = ScorecardFactory(owner=owner)
    import_rows(scorecard, owner, ["A", "B", "Antall klager", "", "4", "6"])
    indicator = Indicator.objects.get()
    services.indicator_direction_confirm(indicator=indicator, direction="lower", user=owner)
    summary = import_rows(scorecard, owner, ["A", "B", "Antall klager", "lavere er bedre", "4", "6"])
    assert not summary.changed
    indicator.refresh_from_db()
    assert (indicator.direction, indicator.direction_source) == ("lower", DirectionSource.USER)

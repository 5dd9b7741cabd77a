"""Two people editing the same scorecard cell: nothing is lost without the user choosing (issue 13, defect 1)."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import roles
from scorecards.models import IndicatorValue
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@pytest.fixture
def colleague(role_user):
    return role_user(roles.ADMINISTRATOR, username="kari", first_name="Kari", last_name="Nordmann")


def opened(client, indicator, which: str, year: int = 2025, htmx: bool = True) -> dict:
    """Opens the cell's form as the browser does and returns what the form would post back."""
    url = reverse("scorecards:value_edit", args=[indicator.pk])
    page = client.get(f"{url}?year={year}&field={which}", headers=HX if htmx else {}).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    text = re.search(r'name="text"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="text"', page
    )
    fields = {name: html.unescape(value) for name, value in fields.items()}
    fields["text"] = html.unescape(text.group(1)) if text else ""
    return fields


def post(client, indicator, data: dict, htmx: bool = True):
    url = reverse("scorecards:value_edit", args=[indicator.pk])
    return client.post(url, data, headers=HX if htmx else {})


def cell(indicator, which: str, year: int = 2025) -> str:
    value = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    return getattr(value, f"{which}_text") if value else ""


@pytest.fixture
def two_sessions(owner, colleague):
    mine, theirs = Client(), Client()
    mine.force_login(owner)
    theirs.force_login(colleague)
    mine.session_user, theirs.session_user = owner, colleague
    return mine, theirs


@pytest.fixture
def energy(owner):
    indicator = IndicatorFactory(
        scorecard=ScorecardFactory(owner=owner), name="Energikostnad", direction="lower"
    )
    indicator_value(indicator, 2025, "<205", "226")
    return indicator


def test_the_form_carries_the_cell_as_the_user_saw_it(two_sessions, energy):
    mine, _ = two_sessions
    form = opened(mine, energy, "result")
    assert (form["base"], form["text"], form["year"], form["field"]) == ("226", "226", "2025", "result")


def test_both_changed_the_same_cell_nothing_is_saved_and_both_values_are_shown(two_sessions, energy):
    mine, theirs = two_sessions
    my_form = opened(mine, energy, "result")
    their_form = opened(theirs, energy, "result")
    assert post(theirs, energy, their_form | {"text": "200"}).status_code == 200

    response = post(mine, energy, my_form | {"text": "194"})

    assert response.status_code == 409
    assert cell(energy, "result") == "200"
    page = response.content.decode()
    assert "Noen andre lagret mens du redigerte" in page
    assert "Både du og Kari Nordmann har endret feltene under." in page
    assert "Behold min verdi" in page and "Bruk verdien til Kari Nordmann" in page
    assert re.search(r'name="text"[^>]*value="194"', page), "the user's input is kept"
    assert ">200<" in page and ">194<" in page, "both values side by side"
    assert not re.search(r'name="choice"[^>]*checked', page), "no choice is made for the user"
    assert 'name="base" value="200"' in page, "the form now carries the current value"


def test_without_js_the_conflict_is_the_cell_page_with_the_choice(two_sessions, energy):
    mine, theirs = two_sessions
    my_form = opened(mine, energy, "target", htmx=False)
    post(theirs, energy, opened(theirs, energy, "target") | {"text": "<210"})
    response = post(mine, energy, my_form | {"text": "<200"}, htmx=False)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Noen andre lagret mens du redigerte" in page and "Bruk verdien til Kari Nordmann" in page
    assert cell(energy, "target") == "<210"


def test_a_cell_only_the_colleague_changed_keeps_the_colleagues_value(two_sessions, energy):
    mine, theirs = two_sessions
    my_form = opened(mine, energy, "result", htmx=False)
    post(theirs, energy, opened(theirs, energy, "result") | {"text": "200"})

    response = post(mine, energy, my_form, htmx=False)  # saved without changing the value

    assert cell(energy, "result") == "200"
    assert response.status_code == 302
    follow = mine.get(response["Location"]).content.decode()
    assert (
        "Endringene dine er lagret. Kari Nordmann hadde også endret Resultat 2025 – de endringene er beholdt."
        in follow
    )


def test_a_cell_only_this_user_changed_is_saved(two_sessions, energy):
    mine, theirs = two_sessions
    my_form = opened(mine, energy, "result")
    post(theirs, energy, opened(theirs, energy, "target") | {"text": "<210"})  # another cell of the row
    response = post(mine, energy, my_form | {"text": "194"})
    assert response.status_code == 200
    assert (cell(energy, "result"), cell(energy, "target")) == ("194", "<210")


@pytest.mark.parametrize(("choice", "expected"), [("mine", "194"), ("theirs", "200")])
def test_the_user_chooses_which_value_holds(two_sessions, energy, choice, expected):
    mine, theirs = two_sessions
    my_form = opened(mine, energy, "result")
    post(theirs, energy, opened(theirs, energy, "result") | {"text": "200"})
    conflict = post(mine, energy, my_form | {"text": "194"})
    resubmit = form_of(conflict) | {"choice": choice}
    response = post(mine, energy, resubmit)
    assert response.status_code == 200
    assert cell(energy, "result") == expected


def test_the_choice_is_required(two_sessions, energy):
    mine, theirs = two_sessions
    my_form = opened(mine, energy, "result")
    post(theirs, energy, opened(theirs, energy, "result") | {"text": "200"})
    conflict = post(mine, energy, my_form | {"text": "194"})
    response = post(mine, energy, form_of(conflict))
    assert response.status_code == 422
    assert 'id="error-summary"' in response.content.decode()
    assert cell(energy, "result") == "200"


def test_a_third_save_in_between_repeats_the_process(two_sessions, energy, role_user):
    mine, theirs = two_sessions
    third = Client()
    third.force_login(role_user(roles.ADMINISTRATOR, username="ola", first_name="Ola", last_name="Berg"))
    my_form = opened(mine, energy, "result")
    post(theirs, energy, opened(theirs, energy, "result") | {"text": "200"})
    conflict = post(mine, energy, my_form | {"text": "194"})
    post(third, energy, opened(third, energy, "result") | {"text": "180"})
    response = post(mine, energy, form_of(conflict) | {"choice": "mine"})
    assert response.status_code == 409
    assert "Bruk verdien til Ola Berg" in response.content.decode()
    assert cell(energy, "result") == "180"


def test_a_form_that_does_not_say_what_the_user_saw_never_overwrites_a_different_value(two_sessions, energy):
    mine, _ = two_sessions
    response = post(mine, energy, {"year": "2025", "field": "result", "text": "194"})
    assert response.status_code == 409
    assert cell(energy, "result") == "226"


def form_of(response) -> dict:
    page = response.content.decode()
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    }
    fields["text"] = html.unescape(re.search(r'name="text"[^>]*value="([^"]*)"', page).group(1))
    return fields


TEXTS = st.sampled_from(["", "194", "200", "226", "<205", "Ikke målt", "4,5"])
CELLS = [("target", 2024), ("result", 2024), ("target", 2025), ("result", 2025)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.lists(TEXTS, min_size=4, max_size=4),
    first=st.lists(st.one_of(st.none(), TEXTS), min_size=4, max_size=4),
    second=st.lists(st.one_of(st.none(), TEXTS), min_size=4, max_size=4),
    choices=st.lists(st.sampled_from(["mine", "theirs"]), min_size=4, max_size=4),
)
def test_two_sessions_never_lose_a_change_without_the_user_choosing(
    two_sessions, start, first, second, choices
):
    """Two people open the same cells, change random (overlapping) ones, the colleague saves, then the user."""
    a, b = two_sessions
    indicator = IndicatorFactory(scorecard=ScorecardFactory(owner=a.session_user))
    texts = dict(zip(CELLS, start, strict=True))
    for year in (2024, 2025):
        indicator_value(indicator, year, texts[("target", year)], texts[("result", year)])
    mine_by_cell = dict(zip(CELLS, first, strict=True))
    theirs_by_cell = dict(zip(CELLS, second, strict=True))
    a_forms = {c: opened(a, indicator, *c) for c, text in mine_by_cell.items() if text is not None}
    b_forms = {c: opened(b, indicator, *c) for c, text in theirs_by_cell.items() if text is not None}
    for c, text in theirs_by_cell.items():
        if text is not None:
            assert post(b, indicator, b_forms[c] | {"text": text}).status_code == 200

    for (which, year), choice in zip(CELLS, choices, strict=True):
        base, mine, theirs = texts[(which, year)], mine_by_cell[(which, year)], theirs_by_cell[(which, year)]
        if mine is None:
            continue
        now = theirs if theirs is not None else base
        response = post(a, indicator, a_forms[(which, year)] | {"text": mine})
        if now == base or mine in (now, base):
            # One of them changed it, or both alike: merged at once, the changed value wins.
            assert response.status_code == 200
            assert cell(indicator, which, year) == (mine if now == base else now)
        else:
            # Both changed it differently: nothing is saved until the user chooses.
            assert response.status_code == 409
            assert cell(indicator, which, year) == now
            response = post(a, indicator, form_of(response) | {"choice": choice})
            assert response.status_code == 200
            assert cell(indicator, which, year) == (mine if choice == "mine" else now)
    for c, mine in mine_by_cell.items():
        if mine is None:  # a cell the user never opened keeps what the colleague saved
            assert cell(indicator, *c) == (theirs_by_cell[c] if theirs_by_cell[c] is not None else texts[c])

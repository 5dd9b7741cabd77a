"""Two administrators edit the same criterion: a stale save is merged field by field (core.merge). Fields
only the other changed keep the other's value, fields only this user changed take this user's, and a field
both changed differently is shown side by side for the user to choose; nothing is lost without a choice."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import roles
from portfolio.models import Criterion

pytestmark = pytest.mark.django_db

FIELDS = ["name", "description", "weight", "step_1", "step_2", "step_3", "step_4", "step_5"]


@pytest.fixture
def admins(role_user):
    eva = role_user(roles.ADMINISTRATOR, username="eva", first_name="Eva", last_name="Sandvik")
    kari = role_user(roles.ADMINISTRATOR, username="kari", first_name="Kari", last_name="Nordmann")
    return eva, kari


def opened(client: Client, criterion: Criterion) -> dict:
    """The form as the browser has it: every field's value and the version."""
    html = client.get(reverse("portfolio:criterion_edit", args=[criterion.pk])).content.decode()
    data = {"version": re.search(r'name="version" value="(\d+)"', html).group(1), "kind": criterion.kind}
    for name in FIELDS:
        data[name] = getattr(criterion, name)
    return data


def save(client: Client, criterion: Criterion, data: dict):
    return client.post(reverse("portfolio:criterion_edit", args=[criterion.pk]), data)


def test_fields_changed_by_different_people_are_both_kept(client, admins, criteria):
    eva, kari = admins
    criterion = criteria[2]
    client.force_login(eva)
    eva_form = opened(client, criterion)
    other = Client()
    other.force_login(kari)
    kari_form = opened(other, criterion)
    assert save(other, criterion, kari_form | {"weight": 35}).status_code == 302

    response = save(
        client,
        criterion,
        eva_form | {"step_1": "Ingen effekt i det hele tatt"},
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.weight == 35
    assert criterion.step_1 == "Ingen effekt i det hele tatt"
    page = client.get(response["Location"]).content.decode()
    assert (
        "Endringene dine er lagret. Kari Nordmann hadde også endret vekt – de endringene er beholdt." in page
    )


def test_a_field_both_changed_saves_nothing_and_shows_both_values_to_choose_from(client, admins, criteria):
    eva, kari = admins
    criterion = criteria[2]
    client.force_login(eva)
    eva_form = opened(client, criterion)
    other = Client()
    other.force_login(kari)
    kari_form = opened(other, criterion)
    save(other, criterion, kari_form | {"weight": 35, "step_5": "Kari sin tekst"})

    response = save(client, criterion, eva_form | {"weight": 10, "name": "Eva sitt navn"})
    assert response.status_code == 409
    html = response.content.decode()
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.name, criterion.step_5) == (35, criteria[2].name, "Kari sin tekst")
    assert "Noen andre lagret mens du redigerte" in html
    assert "Både du og Kari Nordmann har endret feltene under." in html
    assert "Behold min verdi" in html and "Bruk verdien til Kari Nordmann" in html
    assert re.search(
        r'name="resolve-weight" value="mine" id="resolve-weight-mine" required>', html
    )  # no default
    assert 'name="conflicts" value="weight"' in html
    # Eva's input is kept, Kari's other change is applied, and the form carries the current version.
    assert 'value="Eva sitt navn"' in html
    assert 'value="Kari sin tekst"' in html
    assert f'name="version" value="{criterion.history.latest().history_id}"' in html

    data = eva_form | {"weight": 10, "name": "Eva sitt navn", "step_5": "Kari sin tekst"}
    data |= {"version": criterion.history.latest().history_id, "conflicts": "weight"}
    # Saving without choosing is refused.
    response = save(client, criterion, data)
    assert response.status_code == 400
    assert "Velg hvilken verdi som skal gjelde for hvert felt under." in response.content.decode()
    # Choosing Kari's weight saves it with Eva's name.
    response = save(client, criterion, data | {"resolve-weight": "theirs"})
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.name, criterion.step_5) == (35, "Eva sitt navn", "Kari sin tekst")


def test_a_third_save_while_choosing_repeats_the_process(client, admins, criteria):
    eva, kari = admins
    criterion = criteria[1]
    client.force_login(eva)
    eva_form = opened(client, criterion)
    other = Client()
    other.force_login(kari)
    save(other, criterion, opened(other, criterion) | {"weight": 33})
    assert save(client, criterion, eva_form | {"weight": 11}).status_code == 409
    version = criterion.history.latest().history_id
    criterion.refresh_from_db()
    save(other, criterion, opened(other, criterion) | {"weight": 44})
    response = save(
        client,
        criterion,
        eva_form | {"weight": 11, "version": version, "conflicts": "weight", "resolve-weight": "mine"},
    )
    assert response.status_code == 409
    criterion.refresh_from_db()
    assert criterion.weight == 44


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    eva_changes=st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(["a", "b"]), max_size=4),
    kari_changes=st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(["a", "b"]), max_size=4),
)
def test_no_change_is_ever_lost_without_the_user_choosing(
    client, admins, criteria, eva_changes, kari_changes
):
    """Two sessions over HTTP change random, overlapping fields of one criterion from the same version."""
    from django.db import transaction

    with transaction.atomic():
        check_two_sessions(client, admins, criteria[0], eva_changes, kari_changes)
        transaction.set_rollback(True)


def value(name: str, token: str):
    return {"a": 17, "b": 23}[token] if name == "weight" else f"{name} {token}"


def check_two_sessions(client, admins, criterion, eva_changes, kari_changes):
    eva, kari = admins
    criterion.refresh_from_db()
    original = {name: getattr(criterion, name) for name in FIELDS}
    client.force_login(eva)
    eva_form = opened(client, criterion)
    other = Client()
    other.force_login(kari)
    kari_form = opened(other, criterion)
    kari_values = {name: value(name, token) for name, token in kari_changes.items()}
    eva_values = {name: value(name, token) for name, token in eva_changes.items()}
    assert save(other, criterion, kari_form | kari_values).status_code == 302
    response = save(client, criterion, eva_form | eva_values)
    criterion.refresh_from_db()
    saved = {name: getattr(criterion, name) for name in FIELDS}
    kari_state = original | kari_values
    both = [n for n in FIELDS if n in eva_values and n in kari_values and eva_values[n] != kari_values[n]]
    if both:
        assert response.status_code == 409
        assert saved == kari_state  # nothing of Eva's is saved until she chooses
        html = response.content.decode()
        assert f'name="conflicts" value="{",".join(n for n in FIELDS if n in both)}"' in html
    else:
        assert response.status_code == 302
        for name in FIELDS:
            if name in eva_values and eva_values[name] != original[name]:
                assert saved[name] == eva_values[name]
            else:
                assert saved[name] == kari_state[name]

"""The project register filters on the current portfolio decision (the newest one)."""

import pytest
from django.urls import reverse

from portfolio import services
from portfolio.models import Outcome

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:
    html = response.content.decode()
    return {name for name in ("Prosjekt 00", "Prosjekt 01", "Prosjekt 02") if f">{name}</a>" in html}


def test_register_filters_on_the_current_decision(make_board, client, executive):
    _programme, projects = make_board(3)
    services.decision_record(project=projects[0], outcome=Outcome.WAIT, rationale="Vent", user=executive)
    services.decision_record(project=projects[0], outcome=Outcome.INCLUDE, rationale="Inn", user=executive)
    services.decision_record(project=projects[1], outcome=Outcome.WAIT, rationale="Vent", user=executive)
    client.force_login(executive)
    url = reverse("programmes:project_list")
    assert names(client.get(url, {"decision": "include"})) == {"Prosjekt 00"}
    assert names(client.get(url, {"decision": "wait"})) == {"Prosjekt 01"}
    assert names(client.get(url, {"decision": "none"})) == {"Prosjekt 02"}
    assert names(client.get(url)) == {"Prosjekt 00", "Prosjekt 01", "Prosjekt 02"}

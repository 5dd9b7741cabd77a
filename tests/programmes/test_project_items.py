"""Milestones and risks: saves are announced where the user is, stale edits merge, deleting asks first."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from core import roles
from programmes.models import Milestone, Risk
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestone(leader):
    project = ProjectFactory(leader=leader, owner=leader)
    return Milestone.objects.create(
        project=project, title="Pilot ferdig", planned_date=datetime.date(2027, 3, 1)
    )


def milestone_data(milestone, **changes):
    data = {
        "milestone-title": milestone.title,
        "milestone-planned_date": milestone.planned_date.isoformat(),
        "milestone-forecast_date": "",
        "milestone-done_date": "",
        "milestone-version": milestone.version,
    }
    data.update({f"milestone-{k}": v for k, v in changes.items()})
    return data


def test_adding_a_milestone_is_announced_in_the_section_where_focus_goes(client, leader):
    project = ProjectFactory(leader=leader)
    client.force_login(leader)
    response = client.post(
        reverse("programmes:milestone_create", args=[project.pk]),
        {"milestone-title": "Anskaffelse avsluttet", "milestone-planned_date": "2026-12-01"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="status" tabindex="-1" autofocus>Milepælen «Anskaffelse avsluttet» er lagt til.' in html


def test_invalid_milestone_with_htmx_is_422_with_a_focused_error_summary(client, leader):
    project = ProjectFactory(leader=leader)
    client.force_login(leader)
    response = client.post(
        reverse("programmes:milestone_create", args=[project.pk]),
        {"milestone-title": "Uten dato"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert html.lstrip().startswith('<section id="milestones"')
    assert 'id="error-summary" autofocus' in html
    assert "Feltet er påkrevet." in html
    assert 'value="Uten dato"' in html
    assert not Milestone.objects.exists()


def test_stale_milestone_edit_keeps_the_colleagues_change(milestone, leader):
    first, second = Client(), Client()
    first.force_login(leader)
    second.force_login(leader)
    url = reverse("programmes:milestone_edit", args=[milestone.project_id, milestone.pk])
    opened = milestone_data(milestone)
    assert first.post(url, {**opened, "milestone-done_date": "2027-02-20"}).status_code == 302
    assert second.post(url, {**opened, "milestone-forecast_date": "2027-03-15"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_date == datetime.date(2027, 2, 20)  # not reverted by the stale form
    assert milestone.forecast_date == datetime.date(2027, 3, 15)


def test_milestone_field_both_changed_asks_which_value_applies(milestone, leader):
    first, second = Client(), Client()
    first.force_login(leader)
    second.force_login(leader)
    url = reverse("programmes:milestone_edit", args=[milestone.project_id, milestone.pk])
    opened = milestone_data(milestone)
    first.post(url, {**opened, "milestone-title": "Pilot avsluttet"})
    response = second.post(url, {**opened, "milestone-title": "Pilot i drift"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 422
    assert "Både du og Kari Nordmann har endret feltene under" in html
    assert 'name="milestone-resolve__title"' in html
    assert "Pilot avsluttet" in html and 'value="Pilot i drift"' in html
    milestone.refresh_from_db()
    assert milestone.title == "Pilot avsluttet"
    resolved = {
        **opened,
        "milestone-title": "Pilot i drift",
        "milestone-version": milestone.version,
        "milestone-conflict_fields": "title",
        "milestone-resolve__title": "mine",
    }
    assert second.post(url, resolved).status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == "Pilot i drift"


def test_deleting_a_milestone_asks_first_and_says_it_cannot_be_undone(client, milestone, leader):
    client.force_login(leader)
    url = reverse("programmes:milestone_delete", args=[milestone.project_id, milestone.pk])
    html = client.get(url).content.decode()
    assert "Slette milepælen «Pilot ferdig»?" in html
    assert "Dette kan ikke angres." in html
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    response = client.post(url, follow=True)
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    page = response.content.decode()
    assert "Milepælen «Pilot ferdig» er slettet." in page
    assert "Milepæl «Pilot ferdig»" in page  # the change log keeps the deletion


def test_deleting_a_risk_needs_edit_rights(client, leader, role_user):
    risk = Risk.objects.create(
        project=ProjectFactory(leader=leader), title="Forsinkelse", probability=2, consequence=3
    )
    client.force_login(role_user(roles.PROJECT_LEADER, username="ola"))
    url = reverse("programmes:risk_delete", args=[risk.project_id, risk.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Risk.objects.filter(pk=risk.pk).exists()

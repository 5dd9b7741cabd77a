"""Editing a project: inline validation, the lost-update guard, and who may edit."""

import pytest
from django.test import Client
from django.urls import reverse

from programmes import roles
from programmes.models import Phase, Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def form_data(project: Project, **changes) -> dict:
    data = {
        "sub_programme": project.sub_programme_id,
        "name": project.name,
        "need": project.need,
        "description": project.description,
        "goal": project.goal,
        "owner": project.owner_id,
        "leader": project.leader_id,
        "phase": project.phase,
        "start_date": project.start_date or "",
        "end_date": project.end_date or "",
        "cost_estimate": project.cost_estimate,
        "resource_need": str(project.resource_need).replace(".", ","),
        # Empty when not estimated (issue 13: an unknown estimate is no longer stored as 0).
        "estimated_annual_gain": project.estimated_annual_gain or "",
        "version": project.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def project(role_user):
    leader = role_user(roles.PROJECT_LEADER, username="kari", first_name="Kari", last_name="Nordmann")
    return ProjectFactory(name="Digitalt tilsyn", leader=leader, owner=leader)


def test_leader_saves_changes_and_norwegian_amounts_are_understood(client, project):
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    response = client.post(url, form_data(project, cost_estimate="2,5 mill.", resource_need="1,5"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.cost_estimate == 2_500_000
    assert str(project.resource_need) == "1.5"
    assert project.version == 2


def test_second_save_of_stale_form_is_refused_and_first_change_survives(project):
    first, second = Client(), Client()
    first.force_login(project.leader)
    second.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    # Both open the form at version 1.
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()

    assert first.post(url, form_data(project, name="Digitalt tilsyn natt")).status_code == 302
    response = second.post(url, form_data(project, goal="Færre nattbesøk"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre lagret prosjektet mens du redigerte" in html
    assert "Digitalt tilsyn natt" in html  # what the other person changed is shown
    assert "Færre nattbesøk" in html  # the user's own input is kept in the form
    assert 'name="version" value="2"' in html  # saving again is a deliberate overwrite
    project.refresh_from_db()
    assert project.name == "Digitalt tilsyn natt"
    assert project.goal == ""
    assert project.version == 2


def test_saving_again_after_a_conflict_keeps_the_users_version(project):
    client = Client()
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    Project.objects.filter(pk=project.pk).update(version=2)  # someone saved meanwhile
    client.post(url, form_data(project, goal="Færre nattbesøk"))  # refused, version now 2 in the form
    assert client.post(url, form_data(project, goal="Færre nattbesøk", version=2)).status_code == 302
    project.refresh_from_db()
    assert project.goal == "Færre nattbesøk"


def test_inline_validation_returns_only_the_field_with_its_error_and_saves_nothing(client, project):
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk]) + "?validate=end_date"
    data = form_data(project, start_date="2026-05-01", end_date="2026-04-01")
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div class="ds-field app-field app-field--error" id="field-end_date"')
    assert "Planlagt slutt kan ikke være før planlagt start." in html
    assert "<html" not in html
    assert response["Vary"] == "HX-Request" or "HX-Request" in response["Vary"]
    project.refresh_from_db()
    assert project.version == 1


def test_full_form_without_javascript_shows_errors_and_keeps_input(client, project):
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    response = client.post(url, form_data(project, need="", cost_estimate="mye penger", goal="Beholdt tekst"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skjemaet har feil" in html
    assert "Skriv et beløp i hele kroner" in html
    assert "Beholdt tekst" in html
    assert 'aria-invalid="true"' in html


def test_other_project_leader_gets_a_norwegian_403_and_nothing_changes(client, project, role_user):
    other = role_user(roles.PROJECT_LEADER, username="ola")
    client.force_login(other)
    url = reverse("programmes:project_edit", args=[project.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, form_data(project, name="Kapret"))
    assert response.status_code == 403
    assert "Du har ikke tilgang til dette" in response.content.decode()
    project.refresh_from_db()
    assert project.name == "Digitalt tilsyn"


def test_programme_leader_edits_projects_in_their_sub_programme(client, project, role_user):
    boss = role_user(roles.PROGRAMME_LEADER, username="per")
    project.sub_programme.leader = boss
    project.sub_programme.save()
    client.force_login(boss)
    url = reverse("programmes:project_edit", args=[project.pk])
    assert client.post(url, form_data(project, phase=Phase.EXECUTION)).status_code == 302


def test_proposal_starts_in_the_idea_phase(client, role_user):
    leader = role_user(roles.PROJECT_LEADER, username="kari")
    template = ProjectFactory.build()
    sub = ProjectFactory().sub_programme
    client.force_login(leader)
    data = form_data(
        template, sub_programme=sub.pk, owner=leader.pk, leader=leader.pk, name="Ny idé", phase=""
    )
    data.pop("version")
    data.pop("phase")
    response = client.post(reverse("programmes:project_create"), data)
    assert response.status_code == 302
    created = Project.objects.get(name="Ny idé")
    assert created.phase == Phase.IDEA
    assert response["Location"] == created.get_absolute_url()
    assert created.history.get().history_user == leader


def test_politician_cannot_propose_a_project(client, politician):
    client.force_login(politician)
    assert client.get(reverse("programmes:project_create")).status_code == 403

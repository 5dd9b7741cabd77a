"""Editing a project: inline validation, the lost-update guard, and who may edit."""

import pytest
from django.test import Client
from django.urls import reverse

from core import roles
from programmes.models import Phase, Project
from tests.factories import ProjectFactory, project_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(leader):
    return ProjectFactory(name="Digitalt tilsyn", leader=leader, owner=leader)


def test_leader_saves_changes_and_norwegian_amounts_are_understood(client, project):
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    response = client.post(url, project_form_data(project, cost_estimate="2,5 mill.", resource_need="1,5"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.cost_estimate == 2_500_000
    assert str(project.resource_need) == "1.5"
    assert project.version == 2


def two_editors(project):
    first, second = Client(), Client()
    first.force_login(project.leader)
    second.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    # Both open the form at version 1.
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()
    return first, second, url


def test_stale_save_keeps_the_colleagues_change_to_a_field_the_user_did_not_touch(project):
    first, second, url = two_editors(project)
    assert first.post(url, project_form_data(project, goal="Færre nattbesøk")).status_code == 302
    # The second editor's form still holds the old (empty) goal; they change only the name.
    response = second.post(url, project_form_data(project, name="Digitalt tilsyn natt"), follow=True)

    project.refresh_from_db()
    assert project.goal == "Færre nattbesøk"  # not reverted by the stale form
    assert project.name == "Digitalt tilsyn natt"
    assert project.version == 3
    html = response.content.decode()
    assert "Endringene dine er lagret. Kari Nordmann hadde også endret prosjektmål" in html


def test_field_both_changed_is_shown_side_by_side_and_nothing_is_saved(project):
    first, second, url = two_editors(project)
    assert (
        first.post(
            url, project_form_data(project, name="Digitalt tilsyn natt", need="Nytt behov")
        ).status_code
        == 302
    )
    response = second.post(url, project_form_data(project, name="Digitalt tilsyn dag", goal="Færre besøk"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre lagret mens du redigerte" in html
    assert "Både du og Kari Nordmann har endret feltene under" in html
    assert 'value="Digitalt tilsyn dag"' in html  # the user's own value stays in the field
    assert "Digitalt tilsyn natt" in html  # the colleague's value is shown beside it
    assert 'name="resolve__name"' in html and 'name="resolve__goal"' not in html
    assert "Nytt behov" in html  # the colleague's change to a field this user left is in the form
    assert 'name="version" value="2"' in html
    project.refresh_from_db()
    assert (project.name, project.goal, project.version) == ("Digitalt tilsyn natt", "", 2)


@pytest.mark.parametrize(
    ("choice", "expected_name"), [("mine", "Digitalt tilsyn dag"), ("theirs", "Digitalt tilsyn natt")]
)
def test_the_user_chooses_per_field_and_other_changes_are_merged(project, choice, expected_name):
    first, second, url = two_editors(project)
    first.post(url, project_form_data(project, name="Digitalt tilsyn natt", need="Nytt behov"))
    second.post(url, project_form_data(project, name="Digitalt tilsyn dag", goal="Færre besøk"))
    # What the re-shown form posts: the merged values, the current version, the conflict and the choice.
    data = project_form_data(
        project,
        name="Digitalt tilsyn dag",
        need="Nytt behov",
        goal="Færre besøk",
        version=2,
        conflict_fields="name",
        conflict_by="Kari Nordmann",
        resolve__name=choice,
    )
    assert second.post(url, data).status_code == 302
    project.refresh_from_db()
    assert (project.name, project.need, project.goal) == (expected_name, "Nytt behov", "Færre besøk")


def test_saving_a_conflict_without_choosing_is_refused_and_keeps_the_input(project):
    client = Client()
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    data = project_form_data(project, name="Mitt navn", conflict_fields="name", conflict_by="Kari Nordmann")
    response = client.post(url, data)
    html = response.content.decode()
    assert "Velg hvilken verdi som skal gjelde." in html
    assert 'value="Mitt navn"' in html
    project.refresh_from_db()
    assert project.name == "Digitalt tilsyn"


def test_a_save_in_the_admin_also_makes_open_forms_stale(project):
    client = Client()
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    opened = project_form_data(project)
    project.goal = "Satt i admin"
    project.save()
    assert client.post(url, {**opened, "name": "Nytt navn"}).status_code == 302
    project.refresh_from_db()
    assert (project.name, project.goal) == ("Nytt navn", "Satt i admin")


def test_inline_validation_returns_only_the_field_with_its_error_and_saves_nothing(client, project):
    client.force_login(project.leader)
    url = reverse("programmes:project_edit", args=[project.pk]) + "?validate=end_date"
    data = project_form_data(project, start_date="2026-05-01", end_date="2026-04-01")
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
    response = client.post(
        url, project_form_data(project, need="", cost_estimate="mye penger", goal="Beholdt tekst")
    )
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
    response = client.post(url, project_form_data(project, name="Kapret"))
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
    assert client.post(url, project_form_data(project, goal="Færre besøk")).status_code == 302
    project.refresh_from_db()
    assert project.goal == "Færre besøk"


def test_programme_leader_cannot_change_the_phase_in_the_form(client, project, role_user):
    """The phase changes by a decision (tests/programmes/test_decision_points.py); a posted phase is not
    read from anyone but the administrator."""
    boss = role_user(roles.PROGRAMME_LEADER, username="per")
    project.sub_programme.leader = boss
    project.sub_programme.save()
    client.force_login(boss)
    url = reverse("programmes:project_edit", args=[project.pk])
    phase = project.phase
    assert client.post(url, project_form_data(project, phase=Phase.CLOSED)).status_code == 302
    project.refresh_from_db()
    assert project.phase == phase


def test_proposal_starts_in_the_idea_phase(client, role_user):
    leader = role_user(roles.PROJECT_LEADER, username="kari")
    template = ProjectFactory.build()
    sub = ProjectFactory().sub_programme
    client.force_login(leader)
    data = project_form_data(
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

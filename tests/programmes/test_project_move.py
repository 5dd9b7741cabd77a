"""Moving a project between sub-programmes: only with rights in both, recorded and told to the receiver."""

import pytest
from django.urls import reverse

from core import roles
from programmes.models import Project, ProjectMove
from tests.factories import ProjectFactory, SubProgrammeFactory, project_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(role_user):
    leader_a = role_user(roles.PROGRAMME_LEADER, username="anne", first_name="Anne", last_name="Lie")
    leader_b = role_user(roles.PROGRAMME_LEADER, username="bjorn", first_name="Bjørn", last_name="Dahl")
    sub_a = SubProgrammeFactory(name="Velferd og teknologi", leader=leader_a)
    sub_b = SubProgrammeFactory(name="Oppvekstløftet", leader=leader_b, programme=sub_a.programme)
    project = ProjectFactory(name="Digitalt tilsyn", sub_programme=sub_a)
    return leader_a, leader_b, sub_a, sub_b, project


def test_sub_programme_leader_is_offered_only_their_own_sub_programmes(client, setup):
    leader_a, _, _sub_a, _sub_b, project = setup
    client.force_login(leader_a)
    html = client.get(reverse("programmes:project_edit", args=[project.pk])).content.decode()
    assert "Velferd og teknologi" in html
    assert "Oppvekstløftet" not in html


def test_moving_out_of_ones_sub_programme_without_rights_in_the_target_is_refused(client, setup):
    leader_a, _, sub_a, sub_b, project = setup
    client.force_login(leader_a)
    url = reverse("programmes:project_edit", args=[project.pk])
    response = client.post(url, project_form_data(project, sub_programme=sub_b.pk, name="Nytt navn"))
    assert response.status_code == 200
    assert "Skjemaet har feil" in response.content.decode()
    project.refresh_from_db()
    assert (project.sub_programme_id, project.name) == (sub_a.pk, "Digitalt tilsyn")
    assert not ProjectMove.objects.exists()


def test_project_leader_cannot_move_their_project(client, setup, role_user):
    _, _, sub_a, sub_b, project = setup
    leader = role_user(roles.PROJECT_LEADER, username="kari")
    Project.objects.filter(pk=project.pk).update(leader=leader)
    project.refresh_from_db()
    client.force_login(leader)
    client.post(
        reverse("programmes:project_edit", args=[project.pk]),
        project_form_data(project, sub_programme=sub_b.pk),
    )
    project.refresh_from_db()
    assert project.sub_programme_id == sub_a.pk


def test_leader_of_both_moves_it_and_the_move_is_recorded_and_told(client, setup):
    leader_a, _leader_b, sub_a, sub_b, project = setup
    sub_b.leader = leader_a
    sub_b.save()
    client.force_login(leader_a)
    url = reverse("programmes:project_edit", args=[project.pk])
    response = client.post(url, project_form_data(project, sub_programme=sub_b.pk))
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.sub_programme_id == sub_b.pk
    move = ProjectMove.objects.get()
    assert (move.from_sub_programme, move.to_sub_programme, move.moved_by) == (sub_a, sub_b, leader_a)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Velferd og teknologi" in page and "Oppvekstløftet" in page  # the change log shows from → to


def test_executive_moves_and_receiving_leader_is_told_on_their_page(client, setup, executive):
    _leader_a, leader_b, _sub_a, sub_b, project = setup
    client.force_login(executive)
    services_move(project, sub_b, executive)
    client.force_login(leader_b)
    html = client.get(reverse("programmes:my_projects")).content.decode()
    assert "Prosjekter flyttet til ditt delprogram" in html
    assert "ble flyttet fra Velferd og teknologi til Oppvekstløftet av Eva Direktør" in html


def services_move(project, target, user):
    from programmes import services

    services.project_update(
        project_id=project.pk,
        user=user,
        data={"sub_programme": target},
        expected_version=project.version,
    )

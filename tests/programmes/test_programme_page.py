"""The programme page: its structure, and a fixed number of queries whatever the number of projects."""

import pytest
from django.urls import reverse

from core import roles
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_programme(n_projects: int):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    subs = [SubProgrammeFactory(programme=programme, name=f"Delprogram {i}") for i in range(5)]
    people = [UserFactory() for _ in range(6)]
    for i in range(n_projects):
        ProjectFactory(
            sub_programme=subs[i % len(subs)],
            leader=people[i % len(people)],
            owner=people[(i + 1) % len(people)],
        )
    return programme


@pytest.mark.parametrize("n_projects", [5, 50])
def test_programme_page_runs_a_fixed_number_of_queries(
    n_projects, client, role_user, django_assert_num_queries
):
    programme = make_programme(n_projects)
    client.force_login(role_user(roles.PROJECT_LEADER))
    url = reverse("programmes:programme_detail", args=[programme.pk])
    # session, user, the user's groups (navigation), programme, sub-programmes, projects, people, and the
    # count of status reports for the last ended period (programmes.selectors.status_count, one query)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert (
        response.content.decode().count('<th scope="row"><a class="ds-link" href="/prosjekter/') == n_projects
    )


def test_programme_page_shows_sub_programmes_with_their_projects_phase_leader_and_owner(client, role_user):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    leader = UserFactory(first_name="Kari", last_name="Nordmann")
    owner = UserFactory(first_name="Ola", last_name="Hansen")
    ProjectFactory(sub_programme=sub, name="Digitalt tilsyn", leader=leader, owner=owner, phase="execution")
    client.force_login(role_user(roles.POLITICIAN))

    html = client.get(reverse("programmes:programme_detail", args=[programme.pk])).content.decode()

    assert "Velferd og teknologi" in html
    assert "Digitalt tilsyn" in html
    assert "Gjennomføring" in html
    assert "Kari Nordmann" in html
    assert "Ola Hansen" in html


def test_programme_list_goes_straight_to_the_only_programme(client, role_user):
    programme = ProgrammeFactory()
    client.force_login(role_user(roles.EXECUTIVE))
    response = client.get(reverse("programmes:programme_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:programme_detail", args=[programme.pk])


def test_unknown_programme_is_a_norwegian_404(client, role_user):
    client.force_login(role_user(roles.POLITICIAN))
    response = client.get(reverse("programmes:programme_detail", args=[999999]))
    assert response.status_code == 404
    assert "Siden finnes ikke" in response.content.decode()

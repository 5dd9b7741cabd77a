"""Editing the benefit map: who may, what a wrong entry answers (Norwegian, input kept), and that each
change is stored with its history."""

import pytest

from benefits.models import Benefit, ProjectChange
from scorecards.models import Goal
from tests.factories import ProjectFactory

from .conftest import add_benefit


@pytest.fixture
def benefit(project):
    return add_benefit(project, title="Færre nattilsyn", planned=(400_000,))


def url(project, *rest):
    return f"/gevinster/prosjekt/{project.pk}/gevinstkart/" + "".join(f"{part}/" for part in rest)


@pytest.mark.parametrize("who", ["politician", "executive", "owner_of_other", "programme_leader_elsewhere"])
def test_only_those_who_may_edit_the_benefits_may_edit_the_map(
    client, project, benefit, people, role_user, who
):
    from core import roles

    users = {
        "politician": people["politician"],
        # The kommunedirektør reads and decides; the project's people keep its map.
        "executive": people["executive"],
        "owner_of_other": ProjectFactory(leader=role_user(roles.PROJECT_LEADER, username="annen")).leader,
        "programme_leader_elsewhere": role_user(roles.PROGRAMME_LEADER, username="annen-programleder"),
    }
    client.force_login(users[who])
    assert client.get(url(project)).status_code == 403
    data = {"deliverable": "Sensorer", "change": "Digitalt tilsyn", "benefits": [benefit.pk]}
    assert client.post(url(project), data).status_code == 403
    assert not ProjectChange.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, project):
    assert client.get(url(project)).status_code == 302


@pytest.mark.parametrize("who", ["leader", "owner", "programme_leader", "admin"])
def test_project_leader_and_those_above_add_a_line(client, project, benefit, people, who):
    client.force_login(people[who])
    response = client.post(
        url(project),
        {"deliverable": " Sensorer  og kamera ", "change": "Digitalt tilsyn", "benefits": [benefit.pk]},
    )
    assert response.status_code == 302
    line = ProjectChange.objects.get()
    assert (line.deliverable, line.change, list(line.benefits.all())) == (
        "Sensorer og kamera",
        "Digitalt tilsyn",
        [benefit],
    )
    record = line.history.first()
    assert record.history_user == people[who]


def test_a_line_without_a_deliverable_is_refused_in_norwegian_and_the_input_kept(
    client, project, benefit, people
):
    client.force_login(people["leader"])
    response = client.post(
        url(project), {"deliverable": "   ", "change": "Digitalt tilsyn", "benefits": [benefit.pk]}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Leveranse: Feltet er påkrevet." in page
    assert "Digitalt tilsyn</textarea>" in page
    assert f'value="{benefit.pk}" id="id_benefits_0" checked' in page
    assert not ProjectChange.objects.exists()


def test_a_too_long_change_is_refused(client, project, people):
    client.force_login(people["leader"])
    response = client.post(url(project), {"deliverable": "Sensorer", "change": "x" * 301})
    assert response.status_code == 422
    assert "Sørg for at denne verdien har 300 eller færre tegn (den har nå 301)." in response.content.decode()


def test_another_projects_benefit_cannot_be_given_by_a_line(client, project, people):
    foreign = add_benefit(ProjectFactory(), title="Fremmed gevinst")
    client.force_login(people["leader"])
    response = client.post(
        url(project), {"deliverable": "Sensorer", "change": "Tilsyn", "benefits": [foreign.pk]}
    )
    assert response.status_code == 422
    assert "Velg et gyldig valg" in response.content.decode()
    assert not ProjectChange.objects.exists()


def test_a_line_is_edited_and_removed(client, project, benefit, people):
    line = ProjectChange.objects.create(project=project, deliverable="Sensorer", change="Tilsyn")
    client.force_login(people["leader"])
    page = client.get(url(project, "endring", line.pk)).content.decode()
    assert 'value="Sensorer"' in page
    response = client.post(
        url(project, "endring", line.pk),
        {"deliverable": "Sensorer", "change": "Digitalt tilsyn", "benefits": [benefit.pk]},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.change == "Digitalt tilsyn" and list(line.benefits.all()) == [benefit]
    empty = client.post(url(project, "endring", line.pk), {"deliverable": "Sensorer", "change": ""})
    assert empty.status_code == 422 and "Endring: Feltet er påkrevet." in empty.content.decode()
    assert client.get(url(project, "endring", line.pk, "slett")).status_code == 405
    assert client.post(url(project, "endring", line.pk, "slett")).status_code == 302
    assert not ProjectChange.objects.exists()
    assert ProjectChange.history.filter(history_type="-").get().history_user == people["leader"]


def test_a_line_of_another_project_is_not_found(client, project, people):
    other = ProjectChange.objects.create(project=ProjectFactory(), deliverable="A", change="B")
    client.force_login(people["leader"])
    assert client.post(url(project, "endring", other.pk, "slett")).status_code == 404
    assert ProjectChange.objects.filter(pk=other.pk).exists()


def test_a_benefits_goals_are_set_and_bump_its_version(client, project, benefit, people, programme):
    goal = Goal.objects.create(programme=programme, code="2", title="Bærekraftig økonomi")
    elsewhere = Goal.objects.create(
        programme=ProjectFactory().sub_programme.programme, code="9", title="Annet"
    )
    client.force_login(people["leader"])
    prefix = f"benefit-{benefit.pk}"
    response = client.post(url(project, "gevinst", benefit.pk, "mal"), {f"{prefix}-goals": [goal.pk]})
    assert response.status_code == 302 and response["Location"].endswith(f"#goals-{benefit.pk}")
    benefit = Benefit.objects.get(pk=benefit.pk)
    assert list(benefit.goals.all()) == [goal]
    assert benefit.version == 2
    refused = client.post(url(project, "gevinst", benefit.pk, "mal"), {f"{prefix}-goals": [elsewhere.pk]})
    assert refused.status_code == 422
    assert "Velg et gyldig valg" in refused.content.decode()
    assert list(benefit.goals.all()) == [goal]
    # None chosen: back to the project's goals.
    assert client.post(url(project, "gevinst", benefit.pk, "mal"), {}).status_code == 302
    assert not benefit.goals.exists()


def test_the_map_page_shows_who_changed_the_lines(client, project, people):
    client.force_login(people["leader"])
    client.post(url(project), {"deliverable": "Sensorer", "change": "Digitalt tilsyn"})
    line = ProjectChange.objects.get()
    client.post(
        url(project, "endring", line.pk), {"deliverable": "Sensorer og kamera", "change": "Digitalt tilsyn"}
    )
    text = " ".join(client.get(url(project)).content.decode().split())
    assert "Endringslinje «Digitalt tilsyn» endret</p>" in text
    assert "Leveranse: <del>Sensorer</del> → <ins>Sensorer og kamera</ins>" in text
    assert "Endringslinje «Digitalt tilsyn» opprettet" in text

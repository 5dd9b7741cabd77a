"""The benefit map: the chains read from the data, the SVG drawn from them (every node's text and every
edge, parsed as XML), incomplete links flagged, goals falling back to the project's, the text alternative
on the project page, and a fixed number of queries however many projects."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benefits.benefit_map import draw_map, project_map, project_maps
from benefits.models import ProjectChange
from scorecards.models import Goal, ProjectGoal
from tests.factories import ProjectFactory

from .conftest import add_benefit

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def goals(programme):
    return {
        "safe": Goal.objects.create(programme=programme, code="1.1", title="Innbyggerne kan bo trygt hjemme"),
        "economy": Goal.objects.create(programme=programme, code="2", title="Bærekraftig økonomi"),
    }


@pytest.fixture
def mapped(project, goals):
    """Sensors → digital night checks → fewer visits (own goal: economy) and better sleep (project's goal);
    training → new habits (no benefit); a benefit no change gives."""
    ProjectGoal.objects.create(project=project, goal=goals["safe"])
    visits = add_benefit(project, title="Færre fysiske nattilsyn", planned=(400_000, 800_000))
    visits.goals.add(goals["economy"], goals["safe"])
    sleep = add_benefit(project, title="Bedre søvn for brukerne", kind="quality")
    add_benefit(project, title="Mindre overtid")
    sensors = ProjectChange.objects.create(
        project=project, deliverable="Sensorer og kamera", change="Nattevakten ser til brukerne digitalt"
    )
    sensors.benefits.add(visits, sleep)
    ProjectChange.objects.create(
        project=project, deliverable="Opplæring", change="Nye vaner på natt", position=1
    )
    return project


def _nodes(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("data-key"): g for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


def _text(node: ET.Element) -> str:
    return " ".join(t.text for t in node.iter(f"{SVG}text") if t.get("class") != "warning")


def _edges(svg: str) -> set[tuple[str, str]]:
    root = ET.fromstring(svg)
    return {(g.get("data-from"), g.get("data-to")) for g in root.iter(f"{SVG}g") if g.get("class") == "edge"}


def test_the_svg_holds_every_node_with_its_text_and_every_edge(mapped, goals):
    benefit_map = project_map(project_id=mapped.pk)
    svg = draw_map(benefit_map).svg
    nodes = _nodes(svg)
    by_text = {_text(node): key for key, node in nodes.items()}
    visits = mapped.benefits.get(title="Færre fysiske nattilsyn")
    sleep = mapped.benefits.get(title="Bedre søvn for brukerne")
    loose = mapped.benefits.get(title="Mindre overtid")
    sensors, training = mapped.changes.order_by("position")
    assert by_text == {
        "Sensorer og kamera": "d1",
        "Opplæring": "d2",
        # Wrapped over two lines in the box; the words are all there.
        "Nattevakten ser til brukerne digitalt": f"c{sensors.pk}",
        "Nye vaner på natt": f"c{training.pk}",
        "Færre fysiske nattilsyn": f"b{visits.pk}",
        "Bedre søvn for brukerne": f"b{sleep.pk}",
        "Mindre overtid": f"b{loose.pk}",
        "1.1 Innbyggerne kan bo trygt hjemme": f"g{goals['safe'].pk}",
        "2 Bærekraftig økonomi": f"g{goals['economy'].pk}",
    }
    assert _edges(svg) == {
        ("d1", f"c{sensors.pk}"),
        ("d2", f"c{training.pk}"),
        (f"c{sensors.pk}", f"b{visits.pk}"),
        (f"c{sensors.pk}", f"b{sleep.pk}"),
        (f"b{visits.pk}", f"g{goals['safe'].pk}"),
        (f"b{visits.pk}", f"g{goals['economy'].pk}"),
        # No goals of their own: the project's goal.
        (f"b{sleep.pk}", f"g{goals['safe'].pk}"),
        (f"b{loose.pk}", f"g{goals['safe'].pk}"),
    }
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    assert title.text == f"Gevinstkart for {mapped.name}"


def test_incomplete_links_are_flagged_in_the_drawing_and_counted(mapped):
    benefit_map = project_map(project_id=mapped.pk)
    nodes = _nodes(benefit_map.chart.svg)
    flagged = {
        key: " ".join(t.text for t in node.iter(f"{SVG}text") if t.get("class") == "warning")
        for key, node in nodes.items()
        if node.get("data-incomplete") == "true"
    }
    training = mapped.changes.get(deliverable="Opplæring")
    loose = mapped.benefits.get(title="Mindre overtid")
    assert flagged == {
        f"c{training.pk}": "⚠ Gir ingen gevinst ennå",
        f"b{loose.pk}": "⚠ Ingen endring gir den",
    }
    assert benefit_map.incomplete_count == 2
    assert "2 ufullstendige ledd" in benefit_map.chart.alt


def test_a_benefit_with_no_goal_at_all_is_flagged(project):
    add_benefit(project, title="Gevinst uten mål")
    benefit_map = project_map(project_id=project.pk)
    (node,) = _nodes(benefit_map.chart.svg).values()
    assert node.get("data-incomplete") == "true"
    assert "Ingen endring gir den; Bidrar ikke til noe mål" in " ".join(
        t.text for t in node.iter(f"{SVG}text") if t.get("class") == "warning"
    ).replace("⚠ ", "")
    assert benefit_map.incomplete_count == 2  # no change gives it, and it serves no goal


def test_goals_fall_back_to_the_projects_goals_only_when_the_benefit_has_none(mapped, goals):
    benefit_map = project_map(project_id=mapped.pk)
    by_title = {node.benefit.title: node for node in benefit_map.benefits}
    assert [g.pk for g in by_title["Færre fysiske nattilsyn"].goals] == [
        goals["safe"].pk,
        goals["economy"].pk,
    ]
    assert not by_title["Færre fysiske nattilsyn"].goals_from_project
    assert [g.pk for g in by_title["Bedre søvn for brukerne"].goals] == [goals["safe"].pk]
    assert by_title["Bedre søvn for brukerne"].goals_from_project
    # Drawn dashed, with the legend saying why.
    svg = benefit_map.chart.svg
    root = ET.fromstring(svg)
    sleep = by_title["Bedre søvn for brukerne"].benefit
    (edge,) = [g for g in root.iter(f"{SVG}g") if g.get("data-from") == f"b{sleep.pk}"]
    assert edge.find(f"{SVG}path").get("stroke-dasharray")
    assert "prosjektets mål er brukt" in svg


def test_one_deliverable_with_two_changes_is_one_box(project):
    for position, change in enumerate(("Deler arbeidsplasser", "Leier ut frigjort areal")):
        ProjectChange.objects.create(
            project=project, deliverable="Aktivitetsbaserte  kontorer", change=change, position=position
        )
    svg = project_map(project_id=project.pk).chart.svg
    deliverables = [k for k, node in _nodes(svg).items() if node.get("data-kind") == "deliverable"]
    assert deliverables == ["d1"]
    assert {source for source, _target in _edges(svg)} == {"d1"}


def test_the_project_page_shows_the_map_and_its_text_alternative(client, mapped, people):
    client.force_login(people["politician"])
    page = client.get(mapped.get_absolute_url()).content.decode()
    assert project_map(project_id=mapped.pk).chart.svg in page
    text = " ".join(page.split())
    assert (
        "Leveransen «Sensorer og kamera» gir endringen «Nattevakten ser til brukerne digitalt» <ul><li>som gir "
        "gevinsten «Færre fysiske nattilsyn», som bidrar til målene «1.1 Innbyggerne kan bo trygt hjemme», "
        "«2 Bærekraftig økonomi».</li><li>som gir gevinsten «Bedre søvn for brukerne», som bidrar til målet "
        "«1.1 Innbyggerne kan bo trygt hjemme» (prosjektets mål).</li></ul>"
    ) in text
    assert "Leveransen «Opplæring» gir endringen «Nye vaner på natt» – <strong" in text
    assert "ufullstendig: endringen gir ingen gevinst ennå" in text
    assert "ingen endring gir gevinsten «Mindre overtid», som bidrar til målet" in text
    # A politician reads it but is not offered to edit it.
    assert "Rediger gevinstkartet" not in text


def test_an_empty_map_says_so(client, project, people):
    client.force_login(people["leader"])
    text = client.get(project.get_absolute_url()).content.decode()
    assert "Kartet er tomt" in text
    assert "Rediger gevinstkartet" in text


def test_maps_of_many_projects_take_as_many_queries_as_two(mapped, programme):
    def count(ids) -> int:
        with CaptureQueriesContext(connection) as captured:
            maps = project_maps(project_ids=ids)
            for benefit_map in maps.values():
                benefit_map.chart  # noqa: B018 - drawing reads nothing more
        return len(captured)

    others = []
    for index in range(19):
        other = ProjectFactory(sub_programme=mapped.sub_programme, name=f"Prosjekt {index}")
        benefit = add_benefit(other, title="Gevinst")
        line = ProjectChange.objects.create(project=other, deliverable="Leveranse", change="Endring")
        line.benefits.add(benefit)
        others.append(other.pk)
    assert count([mapped.pk, others[0]]) == count([mapped.pk, *others]) == 6


def test_the_demo_has_benefit_maps_with_one_gap_of_each_kind_on_purpose(demo):
    from programmes.models import Project

    chatbot = Project.objects.get(name="Digital innbyggerdialog med chatbot")
    dispensers = Project.objects.get(name="Elektroniske medisindispensere i hjemmetjenesten")
    maps = project_maps(project_ids=[chatbot.pk, dispensers.pk])
    chat = maps[chatbot.pk]
    assert [line.change.deliverable for line in chat.chains] == [
        "Chatbot på kommunens nettsider",
        "Opplæring av servicetorget",
    ]
    assert [line.without_benefit for line in chat.chains] == [False, True]
    assert [[g.label for g in node.goals] for node in chat.benefits] == [
        ["2 En bærekraftig kommuneøkonomi"],
        ["1.3 Kommunen er tilgjengelig og lett å ha med å gjøre"],
    ]
    assert [node.benefit.title for node in maps[dispensers.pk].loose_benefits] == [
        "Unngått vekst i hjemmetjenesten"
    ]
    assert ProjectChange.objects.count() == 6

"""The goal and scorecard pages: what they show, who may change what, and fixed query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from core import roles
from scorecards import selectors
from scorecards.models import IndicatorValue, ProjectGoal
from tests.factories import ProjectFactory
from tests.scorecards.factories import (
    GoalFactory,
    IndicatorFactory,
    ProjectGoalFactory,
    ScorecardFactory,
    indicator_value,
)
from tests.scorecards.test_import import HEADER, xlsx

pytestmark = pytest.mark.django_db


def scorecard_with(n_indicators: int, owner=None):
    scorecard = ScorecardFactory(owner=owner, first_year=2022, last_year=2025)
    for n in range(n_indicators):
        indicator = IndicatorFactory(
            scorecard=scorecard, area=f"Område {n % 2}", perspective=f"Perspektiv {n % 3}", goal=GoalFactory()
        )
        for year in (2022, 2023, 2024, 2025):
            indicator_value(indicator, year, "<205", str(180 + 10 * (year - 2022) + n))
    return scorecard


@pytest.mark.parametrize("n_indicators", [2, 12])
def test_scorecard_page_has_a_fixed_number_of_queries(client, owner, django_assert_num_queries, n_indicators):
    scorecard = scorecard_with(n_indicators, owner=owner)
    client.force_login(owner)
    # session, user, groups (role), scorecard with owner, indicators with goal, their values
    with django_assert_num_queries(6):
        response = client.get(scorecard.get_absolute_url())
    assert response.status_code == 200


def test_scorecard_page_reads_like_an_annual_report_table(client, owner):
    scorecard = ScorecardFactory(owner=owner, title="254: Helse og omsorg i hjemmet")
    cost = IndicatorFactory(
        scorecard=scorecard,
        area="Hjemmetjenesten",
        perspective="Økonomi",
        name="Energikostnad",
        direction="lower",
    )
    indicator_value(cost, 2023, "<205", "226")
    indicator_value(cost, 2024, "<205", "212")
    indicator_value(cost, 2025, "<205", "194")
    survey = IndicatorFactory(
        scorecard=scorecard, area="Hjemmetjenesten", perspective="Tjenestekvalitet", name="Tilfredshet"
    )
    indicator_value(survey, 2025, "4,5", "Ikke målt")
    client.force_login(owner)
    page = client.get(scorecard.get_absolute_url()).content.decode()
    assert (
        "Mål 2025" in page and "Resultat 2025" in page and "Resultat 2024" in page and "Resultat 2023" in page
    )
    assert "Hjemmetjenesten · Økonomi" in page
    assert "&lt;205" in page and "194" in page and "212" in page
    assert "Nådd" in page and "Ikke målt" in page and "Bedre" in page
    earlier = client.get(scorecard.get_absolute_url() + "?year=2023").content.decode()
    assert "Ikke nådd" in earlier and "Resultat 2022" in earlier


def test_scorecard_page_for_htmx_is_only_the_results(client, owner):
    scorecard = scorecard_with(1, owner=owner)
    client.force_login(owner)
    response = client.get(scorecard.get_absolute_url(), headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<div id="scorecard-results">')
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("n_projects", [1, 8])
def test_goal_page_has_a_fixed_number_of_queries(client, owner, django_assert_num_queries, n_projects):
    goal = GoalFactory()
    GoalFactory(parent=goal)
    for _ in range(n_projects):
        ProjectGoalFactory(goal=goal)
        IndicatorFactory(goal=goal)
    client.force_login(owner)
    # session, user, groups, goal with parent and programme, sub-goals, project links, indicators
    with django_assert_num_queries(7):
        response = client.get(goal.get_absolute_url())
    assert response.content.decode().count("Bidrar direkte.") == n_projects


@pytest.mark.parametrize("n_goals", [1, 6])
def test_overview_page_has_a_fixed_number_of_queries(client, owner, django_assert_num_queries, n_goals):
    for _ in range(n_goals):
        GoalFactory(parent=GoalFactory())
        ScorecardFactory()
    client.force_login(owner)
    # session, user, groups, goals, sub-goals, scorecards
    with django_assert_num_queries(6):
        assert client.get(reverse("scorecards:index")).status_code == 200


def test_goals_for_projects_reads_every_projects_goals_in_one_query(django_assert_num_queries):
    links = [ProjectGoalFactory(goal=GoalFactory(parent=GoalFactory())) for _ in range(3)]
    with django_assert_num_queries(1):
        goals = selectors.goals_for_projects([link.project_id for link in links])
        assert [goals[link.project_id][0].goal.parent.code for link in links] == [
            link.goal.parent.code for link in links
        ]


def test_owner_edits_a_result_inline_and_the_status_changes(client, owner):
    scorecard = ScorecardFactory(owner=owner)
    indicator = IndicatorFactory(scorecard=scorecard, name="Energikostnad")
    indicator_value(indicator, 2025, "<205", "226")
    client.force_login(owner)
    url = reverse("scorecards:value_edit", args=[indicator.pk])
    form = client.get(f"{url}?year=2025&field=result", headers={"HX-Request": "true"}).content.decode()
    assert 'name="text" value="226"' in form
    response = client.post(
        url, {"year": "2025", "field": "result", "base": "226", "text": "194"}, headers={"HX-Request": "true"}
    )
    assert "Nådd" in response.content.decode()
    value = IndicatorValue.objects.get()
    assert (value.result_text, value.result_number, value.history.first().history_user) == ("194", 194, owner)


def test_a_bad_value_is_refused_with_the_message_and_nothing_is_saved(client, owner):
    indicator = IndicatorFactory(scorecard=ScorecardFactory(owner=owner))
    indicator_value(indicator, 2025, "4,5", "4,6")
    client.force_login(owner)
    url = reverse("scorecards:value_edit", args=[indicator.pk])
    response = client.post(url, {"year": "2025", "field": "target", "base": "4,5", "text": "fire"})
    assert response.status_code == 200
    assert "«fire» er ikke en verdi" in response.content.decode()
    assert IndicatorValue.objects.get().target_text == "4,5"
    response = client.post(url, {"year": "2025", "field": "target", "base": "4,5", "text": "Ikke målt"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().target_kind == "not_measured"


@pytest.mark.parametrize("role", [roles.POLITICIAN, roles.PROJECT_LEADER, roles.PROGRAMME_LEADER])
def test_others_than_the_owner_cannot_change_or_import(client, role_user, owner, role):
    indicator = IndicatorFactory(scorecard=ScorecardFactory(owner=owner))
    client.force_login(role_user(role, username="annen"))
    url = reverse("scorecards:value_edit", args=[indicator.pk])
    assert client.post(url, {"year": "2025", "field": "result", "text": "1"}).status_code == 403
    upload = SimpleUploadedFile("m.xlsx", xlsx([HEADER, ["A", "B", "C", "", "", "1", "2", "", ""]]))
    assert (
        client.post(
            reverse("scorecards:scorecard_import", args=[indicator.scorecard_id]), {"file": upload}
        ).status_code
        == 403
    )
    assert not IndicatorValue.objects.exists()


def test_import_page_refuses_a_bad_file_with_errors_by_row_and_imports_a_good_one(client, owner):
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)
    url = reverse("scorecards:scorecard_import", args=[scorecard.pk])
    bad = SimpleUploadedFile("m.xlsx", xlsx([HEADER, ["A", "B", "C", "", "", "<205", "fire", "", ""]]))
    page = client.post(url, {"file": bad}).content.decode()
    assert "Filen ble ikke importert: 1 feil" in page
    assert "«fire» er ikke en verdi" in page and "Resultat 2024" in page
    assert not scorecard.indicators.exists()
    good = SimpleUploadedFile("m.xlsx", xlsx([HEADER, ["A", "B", "C", "", "", "<205", "194", "", ""]]))
    response = client.post(url, {"file": good}, follow=True)
    page = response.content.decode()
    assert "Importert: 1 nye" in page
    assert "Retningen for «C» er ikke bekreftet. «&lt;205» er en øvre grense: lavere er bedre." in page


def test_export_is_the_long_form_in_excel_and_csv(client, owner):
    indicator = IndicatorFactory(
        scorecard=ScorecardFactory(owner=owner), name="Sykefravær", direction="lower"
    )
    indicator_value(indicator, 2025, "<6 %", "5,9 %")
    client.force_login(owner)
    url = reverse("scorecards:scorecard_export", args=[indicator.scorecard_id])
    csv = client.get(url + "?format=csv").content.decode("utf-8-sig").splitlines()
    assert csv == [
        "Område;Perspektiv;Indikator;Enhet;Retning;År;Mål;Resultat;Status",
        "Administrasjon;Tjenestekvalitet;Sykefravær;;lavere er bedre;2025;<6 %;5,9 %;Nådd",
    ]
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert [c.value for c in sheet[2]] == [
        "Administrasjon",
        "Tjenestekvalitet",
        "Sykefravær",
        None,
        "lavere er bedre",
        2025,
        "<6 %",
        "5,9 %",
        "Nådd",
    ]


def test_project_editor_links_the_project_to_a_goal_and_the_goal_page_lists_it(client, role_user):
    leader = role_user(roles.PROJECT_LEADER, username="leder")
    project = ProjectFactory(leader=leader, name="Digitalt tilsyn på natt")
    goal = GoalFactory(code="1.1", title="Bo trygt hjemme")
    client.force_login(leader)
    url = reverse("scorecards:project_goals", args=[project.pk])
    data = {"link-goal": goal.pk, "link-statement": "Færre nattlige besøk.", "link-strength": "high"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 200  # the same goal twice is refused
    link = ProjectGoal.objects.get()
    assert (link.strength, link.history.first().history_user) == ("high", leader)
    assert "Digitalt tilsyn på natt" in client.get(goal.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert "Bo trygt hjemme" in page and 'aria-current="page">Mål<' in page
    edit = reverse("scorecards:project_goal_edit", args=[project.pk, link.pk])
    assert client.post(edit, {"delete": "1"}).status_code == 302
    assert not ProjectGoal.objects.exists()


def test_who_cannot_edit_the_project_cannot_link_it(client, role_user):
    project = ProjectFactory()
    goal = GoalFactory()
    client.force_login(role_user(roles.POLITICIAN, username="politiker"))
    url = reverse("scorecards:project_goals", args=[project.pk])
    assert client.post(url, {"link-goal": goal.pk, "link-strength": "high"}).status_code == 403
    assert not ProjectGoal.objects.exists()


def test_an_employee_creates_a_scorecard_and_owns_it(client, role_user):
    user = role_user(roles.PROJECT_LEADER, username="kari")
    client.force_login(user)
    response = client.post(
        reverse("scorecards:scorecard_create"),
        {
            "title": "120: Økonomi",
            "function_code": "120",
            "first_year": "2024",
            "last_year": "2025",
            "owner": user.pk,
        },
    )
    assert response.status_code == 302
    assert user.scorecards.get().title == "120: Økonomi"


def test_template_download_is_an_importable_scorecard(client, owner):
    from scorecards import excel

    client.force_login(owner)
    content = client.get(reverse("scorecards:import_template")).content
    parsed = excel.read_scorecard_file(content)
    assert parsed.problems == [] and len(parsed.rows) == 2


def test_a_stale_goal_link_edit_keeps_the_colleagues_change(client, django_user_model):
    """Two editors of one goal link: a field only the colleague changed is not reverted by the other."""
    from django.test import Client

    from core import roles
    from scorecards.models import ProjectGoal
    from tests.factories import ProjectFactory
    from tests.scorecards.factories import GoalFactory

    leader = django_user_model.objects.create_user("kari", first_name="Kari", last_name="Nordmann")
    from django.contrib.auth.models import Group

    leader.groups.add(Group.objects.get_or_create(name=roles.PROJECT_LEADER)[0])
    project = ProjectFactory(leader=leader, owner=leader)
    link = ProjectGoal.objects.create(project=project, goal=GoalFactory(), statement="", strength="medium")
    url = reverse("scorecards:project_goal_edit", args=[project.pk, link.pk])
    opened = {"link-goal": link.goal_id, "link-statement": "", "link-strength": "medium", "link-version": 1}
    first, second = Client(), Client()
    first.force_login(leader)
    second.force_login(leader)
    assert first.post(url, {**opened, "link-strength": "high"}).status_code == 302
    assert second.post(url, {**opened, "link-statement": "Færre innleggelser"}).status_code == 302
    link.refresh_from_db()
    assert (link.strength, link.statement) == ("high", "Færre innleggelser")

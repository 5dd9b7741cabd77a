"""Every scorecards form that fails shows an error summary where the user is looking, with focus moved to it,
and keeps the input (issue 13, defect 6). Focus itself is checked in the browser (tests/e2e)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from scorecards.models import ProjectGoal, Scorecard
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


def summary(page: str) -> str:
    """The error summary's HTML; it takes focus when the page loads or the fragment is swapped in."""
    match = re.search(r'<div class="ds-error-summary[^>]*>.*?</div>', page, re.S)
    assert match, "the page has an error summary"
    assert re.search(r'id="error-summary"[^>]*autofocus|autofocus[^>]*id="error-summary"', page)
    return match.group(0)


def test_a_scorecard_that_cannot_be_created_shows_the_summary_and_keeps_the_input(client, role_user):
    user = role_user(roles.PROJECT_LEADER, username="kari")
    client.force_login(user)
    response = client.post(
        reverse("scorecards:scorecard_create"),
        {"title": "", "function_code": "120", "first_year": "2026", "last_year": "2024", "owner": user.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    errors = summary(page)
    assert 'href="#id_title"' in errors
    assert "Siste år kan ikke være før første år." in errors
    assert 'value="120"' in page and 'value="2026"' in page
    assert not Scorecard.objects.exists()


def test_a_bad_goal_link_shows_the_summary_at_the_form_and_keeps_the_input(client, role_user):
    leader = role_user(roles.PROJECT_LEADER, username="leder")
    project = ProjectFactory(leader=leader)
    goal = GoalFactory()
    ProjectGoalFactory(project=project, goal=goal)
    client.force_login(leader)
    url = reverse("scorecards:project_goals", args=[project.pk])
    response = client.post(
        url, {"link-goal": goal.pk, "link-statement": "Mitt bidrag", "link-strength": "high"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Prosjektet er allerede koblet til dette målet." in summary(page)
    assert page.index("error-summary") > page.index('id="link-h"'), "at the top of the form, not the page"
    assert "Mitt bidrag" in page
    assert ProjectGoal.objects.count() == 1


def test_a_goal_link_edited_badly_shows_the_summary_and_keeps_the_input(client, role_user):
    leader = role_user(roles.PROJECT_LEADER, username="leder")
    project = ProjectFactory(leader=leader)
    link = ProjectGoalFactory(project=project)
    client.force_login(leader)
    url = reverse("scorecards:project_goal_edit", args=[project.pk, link.pk])
    response = client.post(url, {"link-goal": "", "link-statement": "Nytt bidrag", "link-strength": "high"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_link-goal"' in summary(page)
    assert "Nytt bidrag" in page


def test_an_import_without_a_file_shows_the_summary(client, role_user):
    owner = role_user(roles.EXECUTIVE, username="eier")
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)
    response = client.post(reverse("scorecards:scorecard_import", args=[scorecard.pk]), {})
    assert response.status_code == 200
    assert 'href="#id_file"' in summary(response.content.decode())


def test_a_refused_import_takes_focus_and_names_the_file(client, role_user):
    owner = role_user(roles.EXECUTIVE, username="eier")
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)
    bad = SimpleUploadedFile("malekort.xlsx", xlsx([HEADER, ["A", "B", "C", "", "", "<205", "fire", "", ""]]))
    response = client.post(reverse("scorecards:scorecard_import", args=[scorecard.pk]), {"file": bad})
    page = response.content.decode()
    alert = re.search(r'<div class="ds-alert"[^>]*id="import-errors"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in alert and "autofocus" in alert
    assert "malekort.xlsx" in page, "the file cannot be kept in the input, so the page says which it was"


def test_a_bad_cell_answers_422_to_htmx_with_the_summary_in_the_cell_and_keeps_the_input(client, role_user):
    owner = role_user(roles.EXECUTIVE, username="eier")
    indicator = IndicatorFactory(scorecard=ScorecardFactory(owner=owner))
    indicator_value(indicator, 2025, "4,5", "4,6")
    client.force_login(owner)
    url = reverse("scorecards:value_edit", args=[indicator.pk])
    data = {"year": "2025", "field": "result", "base": "4,6", "text": "fire"}
    response = client.post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 422
    page = response.content.decode()
    errors = summary(page)
    assert 'href="#cell-text"' in errors and "«fire» er ikke en verdi" in errors
    assert re.search(r'name="text" value="fire"', page)
    assert page.index("error-summary") > page.index('class="app-cell-form"'), "in the cell being edited"
    page = client.post(url, data).content.decode()  # the cell's own page, without JavaScript
    assert 'href="#cell-text"' in summary(page) and 'value="fire"' in page

"""The project page, 'Mine prosjekter', milestones and risks inline, and the change log."""

import datetime

import pytest
from django.urls import reverse

from core import roles
from programmes import services
from programmes.models import Milestone, Phase, Risk
from tests.factories import ProjectFactory, SubProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

DIMENSIONS = ("overall", "schedule", "cost", "scope", "gains")


def make_projects(leader, n: int):
    sub = SubProgrammeFactory()
    projects = []
    for i in range(n):
        project = ProjectFactory(sub_programme=sub, leader=leader, owner=UserFactory(), phase=Phase.EXECUTION)
        services.status_report_submit(
            project=project,
            user=leader,
            period_key="2026-T2",
            data=dict.fromkeys(DIMENSIONS, "green"),
        )
        Milestone.objects.create(
            project=project, title=f"Milepæl {i}", planned_date=datetime.date(2027, 1, 1)
        )
        Risk.objects.create(project=project, title=f"Risiko {i}", probability=3, consequence=4)
        projects.append(project)
    return projects


@pytest.mark.parametrize("n", [2, 12])
def test_my_projects_runs_a_fixed_number_of_queries(client, leader, n, django_assert_num_queries):
    make_projects(leader, n)
    client.force_login(leader)
    # session, user, groups, projects with latest report id, open milestones, latest reports, the periods
    # each project has reported (the one rule for a missing report), projects moved into the user's
    # sub-programmes
    with django_assert_num_queries(8):
        response = client.get(reverse("programmes:my_projects"))
    assert response.content.decode().count('class="ds-card app-project-card') == n


@pytest.mark.parametrize("n", [1, 8])
def test_project_page_runs_a_fixed_number_of_queries(client, leader, n, django_assert_num_queries):
    project = make_projects(leader, 1)[0]
    project.sub_programme = SubProgrammeFactory(programme=project.sub_programme.programme)
    project.save()
    for i in range(n):
        services.status_report_submit(
            project=project,
            user=leader,
            period_key=f"2025-T{i % 3 + 1}",
            data=dict.fromkeys(DIMENSIONS, "red"),
        )
        Milestone.objects.create(project=project, title=f"Ekstra {i}", planned_date=datetime.date(2027, 2, 1))
        risk = Risk.objects.create(
            project=project, title=f"Ekstra {i}", probability=1, consequence=2, owner=UserFactory()
        )
        risk.owner = UserFactory()
        risk.save()
    client.force_login(leader)
    # session, user, groups; project, milestones, risks, reports; history of project, milestones, risks and
    # reports; the users and sub-programmes the history names (the risk owners and the move, one query
    # each however many); the people offered as risk owner; the expected gain (the project's plan period and
    # its gain plan's sums: programmes.gains, issue 13); the editor's status report drafts (issue 17); the
    # status trend (the project's periods, the reports in them) and the benefit map (project, benefits,
    # project goals, change lines; with benefits and lines one more each for their goals and benefits), issue 18
    # decision points and their history records (issue 18)
    with django_assert_num_queries(25):
        response = client.get(project.get_absolute_url())
    assert response.status_code == 200


def test_my_projects_marks_overdue_reports_and_late_milestones(client, leader):
    project = ProjectFactory(leader=leader, phase=Phase.EXECUTION, name="Heltidskultur")
    # Registered a year ago, so it owes the last ended tertial's report (one registered today would not).
    type(project).objects.filter(pk=project.pk).update(
        created_at=project.created_at - datetime.timedelta(days=365)
    )
    Milestone.objects.create(project=project, title="Pilot ferdig", planned_date=datetime.date(2025, 1, 1))
    client.force_login(leader)
    html = client.get(reverse("programmes:my_projects")).content.decode()
    assert "Heltidskultur" in html
    assert "Forsinket:" in html  # no report at all for the last ended tertial
    assert "Pilot ferdig" in html
    assert '<strong class="app-late">forsinket</strong>' in html


def test_adding_a_milestone_with_htmx_returns_the_section_and_the_updated_change_log(client, leader):
    project = ProjectFactory(leader=leader)
    client.force_login(leader)
    url = reverse("programmes:milestone_create", args=[project.pk])
    response = client.post(
        url,
        {"milestone-title": "Anskaffelse avsluttet", "milestone-planned_date": "2026-12-01"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="milestones"')
    assert "Anskaffelse avsluttet" in html
    assert 'id="history" aria-labelledby="history-h" class="app-section" hx-swap-oob="true"' in html
    assert "Milepæl «Anskaffelse avsluttet» opprettet" in html
    assert Milestone.objects.get().project == project


def test_adding_a_risk_without_javascript_redirects_to_the_project_page(client, leader):
    project = ProjectFactory(leader=leader)
    client.force_login(leader)
    response = client.post(
        reverse("programmes:risk_create", args=[project.pk]),
        {
            "risk-title": "Leverandør leverer ikke",
            "risk-probability": 4,
            "risk-consequence": 5,
            "risk-status": "open",
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.score, risk.level) == (20, "high")
    html = client.get(project.get_absolute_url()).content.decode()
    assert "4 × 5 = 20" in html


def test_change_log_shows_who_changed_what_from_old_to_new(client, leader):
    # The phase changes by a decision now (tests/programmes/test_decision_points.py); the goal is edited.
    project = ProjectFactory(leader=leader, phase=Phase.PLANNING, goal="Færre besøk")
    services.project_update(
        project_id=project.pk,
        user=leader,
        data={"goal": "Ingen unødige besøk"},
        expected_version=project.version,
    )
    client.force_login(leader)
    html = client.get(project.get_absolute_url()).content.decode()
    history = html[html.index('id="history"') :]
    assert "Kari Nordmann" in history
    assert "Prosjektmål: <del>Færre besøk</del> → <ins>Ingen unødige besøk</ins>" in history


def test_milestone_lateness():
    today = datetime.date(2026, 11, 23)
    past = datetime.date(2026, 10, 1)
    future = datetime.date(2027, 1, 1)
    assert Milestone(planned_date=past).is_late(today)
    assert not Milestone(planned_date=future).is_late(today)
    assert Milestone(planned_date=future, forecast_date=datetime.date(2027, 2, 1)).is_late(today)
    assert Milestone(planned_date=past, done_date=datetime.date(2026, 10, 5)).is_late(today)
    assert not Milestone(planned_date=past, done_date=past).is_late(today)


def test_politician_sees_no_edit_controls(client, politician, leader):
    project = ProjectFactory(leader=leader)
    client.force_login(politician)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Endre prosjekt" not in html
    assert "Skriv statusrapport" not in html
    assert "Legg til milepæl" not in html


@pytest.mark.parametrize(
    ("role", "may_propose"),
    [(roles.PROJECT_LEADER, True), (roles.EXECUTIVE, True), (roles.POLITICIAN, False)],
)
def test_my_projects_offers_proposing_a_project_only_to_roles_with_the_permission(
    client, role_user, role, may_propose
):
    client.force_login(role_user(role))
    html = client.get(reverse("programmes:my_projects")).content.decode()
    assert (reverse("programmes:project_create") in html) is may_propose

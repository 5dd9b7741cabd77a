"""The front page of each role: what it shows, that its figures are the selectors' figures, and that its
query count does not grow with the number of projects."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benefits.models import SavingsTarget
from benefits.selectors import current_year
from core import roles
from portfolio.models import Capacity, Outcome, PortfolioEntry
from portfolio.reports.models import Report, ReportStatus, Scope
from programmes import selectors as programme_selectors
from programmes.models import Phase, Project
from tests.factories import (
    BenefitFactory,
    BenefitPlanYearFactory,
    MilestoneFactory,
    ProgrammeFactory,
    ProjectFactory,
    StatusReportFactory,
    SubProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def build(n_projects: int, *, sub_leader=None, project_leader=None) -> dict:
    """A programme with two sub-programmes and `n_projects` projects under way in each, registered a year
    ago: in each sub-programme one reports red for the period due, one has not reported, the rest green;
    each has a gain plan, one in three a decision; in each sub-programme one proposal (an idea) waiting
    for a decision; capacity and a savings target for every plan year."""
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    subs = [
        SubProgrammeFactory(
            programme=programme, name="Velferd og teknologi", leader=sub_leader or UserFactory()
        ),
        SubProgrammeFactory(programme=programme, name="Oppvekstløftet"),
    ]
    period = programme_selectors.due_period(programme, timezone.localdate())
    year = current_year()
    people = [UserFactory() for _ in range(3)]
    projects = []
    for sub in subs:
        for i in range(n_projects):
            project = ProjectFactory(
                sub_programme=sub,
                name=f"{sub.name[:4]} prosjekt {i:02d}",
                phase=Phase.EXECUTION,
                leader=project_leader if (project_leader and i == 0 and sub is subs[0]) else people[i % 3],
                owner=people[(i + 1) % 3],
                resource_need=Decimal(2),
            )
            projects.append(project)
            if i != 1:  # the second project of each sub-programme has not reported
                StatusReportFactory(
                    project=project, period_key=period.key, overall="red" if i == 0 else "green"
                )
            BenefitPlanYearFactory(
                benefit=BenefitFactory(project=project),
                year=year,
                planned=Decimal(100_000),
                realised=Decimal(40_000),
            )
            if i % 3 == 2:
                PortfolioEntry.objects.create(project=project, decision=Outcome.INCLUDE)
        ProjectFactory(sub_programme=sub, name=f"{sub.name[:4]} forslag", phase=Phase.IDEA, leader=people[0])
    Project.objects.update(created_at=timezone.now() - datetime.timedelta(days=365))
    for y in range(year, year + 4):
        Capacity.objects.create(programme=programme, year=y, person_years=Decimal(100), kroner=10**9)
        SavingsTarget.objects.create(programme=programme, year=y, amount=150_000 * n_projects)
    return {"programme": programme, "subs": subs, "period": period, "projects": projects}


def publish_report(programme, period, *, published: bool = True) -> Report:
    now = timezone.now()
    return Report.objects.create(
        scope=Scope.PROGRAMME,
        programme=programme,
        scope_key=f"programme:{programme.pk}",
        period_key=period.key,
        period_label=str(period.label),
        title=f"Statusrapport {period.label}",
        status=ReportStatus.DONE,
        finished_at=now,
        published_at=now if published else None,
    )


def front(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, response.content.decode()


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- The kommunedirektør --------------------------------------------------------------------------------


def test_executive_sees_the_portfolio_at_a_glance(client, executive):
    world = build(4)
    publish_report(world["programme"], world["period"], published=False)
    response, html = front(client, executive)
    text = text_of(html)
    assert response.templates[0].name == "front/executive.html"
    period = world["period"].label
    assert f"Statusrapporter for {period}" in text
    # The counts are status_count's: 2 red, 4 green, 2 missing of 8 projects under way; 2 proposals.
    count = response.context["glance"].status_count
    assert (count.green, count.yellow, count.red, count.missing, count.not_reporting) == (4, 0, 2, 2, 2)
    assert "Grønn 4 Gul 0 Rød 2" in text
    assert "Velf prosjekt 00" in text and "Oppv prosjekt 00" in text  # the reds
    assert "Velf prosjekt 01" in text and "Oppv prosjekt 01" in text  # not reported
    assert "2 prosjekter har ikke rapportert" in text
    # Gains against the target: 8 × 100 000 planned, 8 × 40 000 realised, 4 × 600 000 target.
    assert "800 000 kr" in text and "320 000 kr" in text and "2 400 000 kr" in text
    assert "Planen er 1 600 000 kr under målet." in text
    assert "Bruk av kapasitet" in text and "100,0" in text
    # Decisions waiting: the two proposals; in all ten projects, two of them decided.
    assert response.context["glance"].undecided_count == 8
    assert "2 forslag venter på porteføljebeslutning" in text
    assert "Oppv forslag" in text and "Velf forslag" in text
    assert "8 prosjekter i alt har ingen registrert porteføljebeslutning." in text
    assert "Statusrapport " in text and "ikke publisert" in text


def test_executive_front_page_before_any_data_says_so(client, executive):
    ProgrammeFactory()
    _response, html = front(client, executive)
    text = text_of(html)
    assert "Ingen rapport er laget ennå." in text
    assert "Ingen prosjekter har rapportert rødt for perioden." in text
    assert "Det er ikke satt noe innsparingsmål." in text


def test_front_page_figures_follow_a_change_made_after_they_were_cached(client, executive):
    world = build(3)
    before, _html = front(client, executive)
    assert before.context["glance"].undecided_count == 6
    project = world["projects"][0]
    PortfolioEntry.objects.create(project=project, decision=Outcome.REJECT)
    Capacity.objects.filter(programme=world["programme"]).update(person_years=Decimal("12.5"))
    response, html = front(client, executive)
    assert response.context["glance"].undecided_count == 5
    assert "12,5" in text_of(html)


def _queries(client, user) -> tuple[int, int]:
    """Queries of the front page with its cached figures computed, and then read from the cache."""
    client.force_login(user)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(reverse("home"))
    with CaptureQueriesContext(connection) as warm:
        client.get(reverse("home"))
    return len(cold), len(warm)


@pytest.mark.parametrize("n_projects", [2, 12])
def test_executive_front_page_query_count_does_not_grow_with_projects(client, executive, n_projects):
    world = build(n_projects)
    publish_report(world["programme"], world["period"])
    cold, warm = _queries(client, executive)
    # Session, user, groups; default programme, programme; the fingerprint of the standing's tables;
    # status count, reds, missing; latest report. Computing the standing adds the portfolio overview
    # (board: 8) and the gain overview (5 with no benefit lists). The count of projects waiting at a
    # decision point is one more (issue 18).
    if connection.vendor == "postgresql":
        assert (cold, warm) == (24, 11)
    else:
        assert (cold, warm) == (23, 23)


# --- A sub-programme leader -----------------------------------------------------------------------------


def test_sub_programme_leader_sees_their_sub_programme_only(client, role_user):
    leader = role_user(roles.PROGRAMME_LEADER, username="programleder")
    build(3, sub_leader=leader)
    response, html = front(client, leader)
    text = text_of(html)
    assert response.templates[0].name == "front/sub_programme.html"
    assert "Velf prosjekt 00" in text and "Velf prosjekt 01" in text
    assert "Oppv prosjekt" not in text
    glance = response.context["glances"][0]
    assert (glance.status_count.red, glance.status_count.missing, glance.undecided_count) == (1, 1, 3)
    assert [row.name for row in glance.waiting] == ["Velf forslag"]
    assert "300 000 kr" in text  # the sub-programme's planned gains
    assert "Bruk av kapasitet" not in text  # capacity belongs to the whole programme


def test_leader_of_two_sub_programmes_sees_each_under_its_own_heading(client, role_user):
    leader = role_user(roles.PROGRAMME_LEADER, username="programleder")
    world = build(2, sub_leader=leader)
    world["subs"][1].leader = leader
    world["subs"][1].save()
    _response, html = front(client, leader)
    assert re.search(r"<h1[^>]*>Dine delprogrammer</h1>", html)
    for sub in world["subs"]:
        assert re.search(rf"<h2[^>]*>{sub.name}</h2>", html)
    assert len(re.findall(r"<h3[^>]*>Gevinster mot innsparingsmålet</h3>", html)) == 2
    assert '<h2 class="ds-heading" data-size="sm"' not in html


@pytest.mark.parametrize("n_projects", [2, 12])
def test_sub_programme_front_page_query_count_does_not_grow_with_projects(client, role_user, n_projects):
    leader = role_user(roles.PROGRAMME_LEADER, username="programleder")
    build(n_projects, sub_leader=leader)
    cold, warm = _queries(client, leader)
    # Session, user, groups; the led sub-programmes; moves; fingerprint; status count, reds, missing;
    # latest report; computing the standing adds the overview and the gain overview.
    if connection.vendor == "postgresql":
        assert (cold, warm) == (23, 10)
    else:
        assert (cold, warm) == (22, 22)


# --- A project leader ----------------------------------------------------------------------------------


def test_project_leader_sees_their_projects_and_what_is_due(client, role_user):
    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder")
    programme = ProgrammeFactory()
    overdue = ProjectFactory(
        sub_programme__programme=programme, name="Digital postkasse", leader=leader, phase=Phase.EXECUTION
    )
    Project.objects.filter(pk=overdue.pk).update(created_at=timezone.now() - datetime.timedelta(days=365))
    MilestoneFactory(
        project=overdue, title="Pilot ferdig", planned_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    response, html = front(client, leader)
    text = text_of(html)
    assert response.templates[0].name == "front/project_leader.html"
    assert "Mine prosjekter" in text and "Dette forfaller" in text
    assert "Digital postkasse" in text
    assert "milepæl «Pilot ferdig»" in text
    assert reverse("programmes:status_report_create", args=[overdue.pk]) in html
    assert [item.kind for item in response.context["due"]][:1] in (["report"], ["milestone"])


@pytest.mark.parametrize("n_projects", [2, 12])
def test_project_leader_front_page_query_count_does_not_grow_with_projects(client, role_user, n_projects):
    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder")
    sub = SubProgrammeFactory()
    for _ in range(n_projects):
        project = ProjectFactory(sub_programme=sub, leader=leader, phase=Phase.EXECUTION)
        MilestoneFactory(project=project)
        StatusReportFactory(project=project)
    client.force_login(leader)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    # Session, user, groups; projects; their milestones; latest reports; reported periods; moves.
    assert len(queries) == 8


# --- An elected member ---------------------------------------------------------------------------------


def test_politician_before_anything_is_published_is_told_so_and_sees_the_summary(client, politician):
    world = build(2)
    publish_report(world["programme"], world["period"], published=False)  # not for elected members
    response, html = front(client, politician)
    text = text_of(html)
    assert response.templates[0].name == "front/politician.html"
    assert "Ingen statusrapport er publisert ennå." in text
    assert "Utvikling og bærekraft" in text
    assert "Rød" in text and "Statusrapport mangler" in text
    assert "Velferd og teknologi" in text and "200 000 kr" in text  # gains per sub-programme
    assert "Statusrapport " + str(world["period"].label) not in text


def test_politician_sees_the_latest_published_report(client, politician):
    world = build(2)
    report = publish_report(world["programme"], world["period"])
    _response, html = front(client, politician)
    assert report.title in text_of(html)
    assert reverse("reports:download", args=[report.pk]) in html
    assert "Ingen statusrapport er publisert ennå." not in text_of(html)


@pytest.mark.parametrize("n_projects", [2, 12])
def test_politician_front_page_query_count_does_not_grow_with_projects(client, politician, n_projects):
    world = build(n_projects)
    publish_report(world["programme"], world["period"])
    client.force_login(politician)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    # Session, user, groups; default programme, programme; status count; gain overview (5); latest report.
    assert len(queries) == 12

"""Only what belongs to the period (issue 19, point 5): which projects `status_count` expects a status
report from, and that the pages showing the count say how it is made."""

import datetime

import pytest
from django.utils import timezone

from core.periods import Period
from programmes import selectors
from programmes.models import Phase, Project
from tests.config.test_front_page import build, front, text_of
from tests.factories import ProgrammeFactory, ProjectFactory, StatusReportFactory, SubProgrammeFactory

pytestmark = pytest.mark.django_db

RULE = "«Mangler» teller dem som ikke har levert statusrapport for"


def registered(project: Project, day: datetime.date) -> Project:
    Project.objects.filter(pk=project.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    )
    return project


@pytest.fixture
def period() -> Period:
    return Period.from_key("2026-T2")


@pytest.fixture
def sub():
    return SubProgrammeFactory(programme=ProgrammeFactory())


def count(sub, period) -> selectors.StatusCount:
    return selectors.status_count(projects=Project.objects.filter(sub_programme=sub), period=period)


def test_a_project_under_way_without_a_report_is_counted_as_missing(sub, period):
    registered(ProjectFactory(sub_programme=sub, phase=Phase.EXECUTION), period.start)
    StatusReportFactory(
        project=registered(ProjectFactory(sub_programme=sub, phase=Phase.PLANNING), period.start),
        period_key=period.key,
        overall="green",
    )
    result = count(sub, period)
    assert (result.green, result.missing, result.not_reporting) == (1, 1, 0)


def test_a_project_proposed_after_the_period_ended_is_not_counted_at_all(sub, period):
    late = registered(
        ProjectFactory(sub_programme=sub, phase=Phase.EXECUTION), period.end + datetime.timedelta(days=1)
    )
    result = count(sub, period)
    assert (result.missing, result.total) == (0, 0)
    assert selectors.projects_missing_report(projects=Project.objects.all(), period=period, limit=10) == []
    # The next period it belongs to, and owes a report for.
    assert count(sub, period.next()).missing == 1
    late.refresh_from_db()
    assert selectors.project_owes_status_report(late, period.next())
    assert not selectors.project_owes_status_report(late, period)


def test_a_project_proposed_on_the_last_day_of_the_period_belongs_to_it(sub, period):
    registered(ProjectFactory(sub_programme=sub, phase=Phase.EXECUTION), period.end)
    assert count(sub, period).missing == 1


@pytest.mark.parametrize("phase", [Phase.IDEA, Phase.CONCEPT, Phase.CLOSED])
def test_ideas_concepts_and_closed_projects_are_not_missing_a_report(sub, period, phase):
    registered(ProjectFactory(sub_programme=sub, phase=phase), period.start - datetime.timedelta(days=30))
    result = count(sub, period)
    assert (result.missing, result.not_reporting) == (0, 1)


def test_a_project_planned_to_start_after_the_period_is_not_missing_a_report(sub, period):
    registered(
        ProjectFactory(
            sub_programme=sub, phase=Phase.PLANNING, start_date=period.end + datetime.timedelta(days=1)
        ),
        period.start,
    )
    result = count(sub, period)
    assert (result.missing, result.not_reporting) == (0, 1)


def test_the_executive_front_page_says_how_missing_reports_are_counted(client, executive):
    world = build(2)
    _response, html = front(client, executive)
    text = text_of(html)
    assert "2 prosjekter har ikke rapportert" in text
    assert f"{RULE} {world['period'].label}" in text
    assert "Idéer, konsepter og avsluttede prosjekter rapporterer ikke" in text


def test_the_politician_front_page_says_how_missing_reports_are_counted(client, politician):
    world = build(2)
    _response, html = front(client, politician)
    assert f"{RULE} {world['period'].label}" in text_of(html)

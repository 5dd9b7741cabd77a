"""The status trend: per project and dimension the latest version of each period's rating, «no report» for
a period without one, the window ending where the page or the report says, and two queries whatever the
number of projects."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.periods import Period
from programmes.models import Project
from programmes.trends import NO_REPORT, status_trends
from tests.factories import ProjectFactory, StatusReportFactory

TODAY = datetime.date(2026, 11, 20)  # in 3. tertial 2026


@pytest.fixture
def project(db):
    project = ProjectFactory(name="Digitalt tilsyn")
    Project.objects.filter(pk=project.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2024, 1, 10, 9)), start_date=None
    )
    return project


def ratings(trend, name):
    dimension = next(d for d in trend.dimensions if d.name == name)
    return [(cell.period.key, cell.rating) for cell in dimension.cells]


def test_the_trend_shows_each_periods_latest_version_and_no_report_for_a_gap(project):
    StatusReportFactory(project=project, period_key="2025-T3", overall="green", cost="yellow")
    StatusReportFactory(project=project, period_key="2026-T2", overall="red", version=1)
    StatusReportFactory(project=project, period_key="2026-T2", overall="yellow", version=2)
    trend = status_trends(project_ids=[project.pk], today=TODAY)[project.pk]
    # The current period (3. tertial 2026) has no report yet and is not due: it is left out.
    assert [p.key for p in trend.periods] == [
        "2024-T3",
        "2025-T1",
        "2025-T2",
        "2025-T3",
        "2026-T1",
        "2026-T2",
    ]
    assert ratings(trend, "overall") == [
        ("2024-T3", NO_REPORT),
        ("2025-T1", NO_REPORT),
        ("2025-T2", NO_REPORT),
        ("2025-T3", "green"),
        ("2026-T1", NO_REPORT),
        ("2026-T2", "yellow"),
    ]
    assert ratings(trend, "cost")[3] == ("2025-T3", "yellow")
    assert [d.label for d in trend.dimensions] == [
        "samlet status",
        "fremdrift",
        "kostnad",
        "omfang og kvalitet",
        "gevinster",
    ]
    assert trend.reported == 2


def test_a_reported_current_period_ends_the_trend(project):
    StatusReportFactory(project=project, period_key="2026-T3", overall="red")
    trend = status_trends(project_ids=[project.pk], today=TODAY)[project.pk]
    assert trend.periods[-1].key == "2026-T3"
    assert len(trend.periods) == 6
    assert ratings(trend, "overall")[-1] == ("2026-T3", "red")


def test_a_report_ends_the_trend_at_its_own_period_and_leaves_later_reports_out(project):
    StatusReportFactory(project=project, period_key="2026-T2", overall="green")
    StatusReportFactory(project=project, period_key="2026-T3", overall="red")
    trend = status_trends(project_ids=[project.pk], until=Period.from_key("2026-T2"), today=TODAY)[project.pk]
    assert trend.periods[-1].key == "2026-T2"
    assert "red" not in [rating for _key, rating in ratings(trend, "overall")]


def test_periods_before_the_project_existed_are_left_out(db):
    project = ProjectFactory()
    Project.objects.filter(pk=project.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 9)), start_date=None
    )
    StatusReportFactory(project=project, period_key="2026-T2")
    trend = status_trends(project_ids=[project.pk], today=TODAY)[project.pk]
    assert [p.key for p in trend.periods] == ["2026-T1", "2026-T2"]


def test_monthly_programmes_get_months(project):
    programme = project.sub_programme.programme
    programme.reporting_scheme = "monthly"
    programme.save()
    StatusReportFactory(project=project, period_key="2026-10", overall="yellow")
    trend = status_trends(project_ids=[project.pk], today=TODAY)[project.pk]
    assert [p.key for p in trend.periods] == [
        "2026-05",
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
    ]


def test_the_chart_tells_every_rating_by_word_as_well_as_colour(project):
    import xml.etree.ElementTree as ET

    StatusReportFactory(project=project, period_key="2026-T2", overall="red")
    trend = status_trends(project_ids=[project.pk], today=TODAY)[project.pk]
    root = ET.fromstring(trend.chart.svg)
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert "samlet status, 2. tertial 2026: Rød" in titles
    assert "samlet status, 1. tertial 2026: ingen rapport" in titles
    legend = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"Grønn", "Gul", "Rød", "ingen rapport"} <= set(legend)
    assert "Samlet status: 3. tertial 2024 ingen rapport" in trend.chart.alt


def test_trends_of_twenty_projects_take_as_many_queries_as_two(project):
    def count(ids) -> int:
        with CaptureQueriesContext(connection) as captured:
            status_trends(project_ids=ids, today=TODAY)
        return len(captured)

    others = []
    for index in range(19):
        other = ProjectFactory(sub_programme=project.sub_programme, name=f"P{index}")
        StatusReportFactory(project=other, period_key="2026-T2")
        StatusReportFactory(project=other, period_key="2026-T1")
        others.append(other.pk)
    assert count([project.pk, others[0]]) == count([project.pk, *others]) == 2

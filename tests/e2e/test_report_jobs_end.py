"""A report left by a dead worker ends as failed with «Prøv igjen» once the watchdog has run, and a
published report offers an administrator nothing to publish again; both pages pass axe-core."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from portfolio.reports import services
from portfolio.reports.models import Report, ReportStatus
from tests.reports.conftest import report_world  # noqa: F401 - fixture
from tests.reports.test_report_pages import make_report


def test_a_stuck_report_is_failed_by_the_watchdog_and_offers_try_again(
    page,
    login,
    report_world,  # noqa: F811 - imported fixture
    assert_accessible,
    screenshot,
):
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    report = make_report(
        report_world,
        status=ReportStatus.RUNNING,
        progress=55,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    assert services.report_watch() == {"requeued": 0, "failed": 1}
    login(page, "direktor")
    page.goto(report.get_absolute_url())
    expect(page.get_by_text("Rapporten kunne ikke lages: det tok mer enn 4 minutter")).to_be_visible()
    expect(page.get_by_role("button", name="Prøv igjen")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "report-failed-by-watchdog")


def test_an_administrator_cannot_publish_a_published_report_again(
    page,
    login,
    django_user_model,
    report_world,  # noqa: F811 - imported fixture
    assert_accessible,
    screenshot,
):
    django_user_model.objects.create_superuser(username="admin", password="demo")
    report = make_report(report_world, status=ReportStatus.DONE, progress=100)
    services.report_publish(user=report_world["executive"], report=report)
    login(page, "admin")
    page.goto(report.get_absolute_url())
    expect(page.get_by_role("button", name="Publiser til de folkevalgte")).to_have_count(0)
    page.goto(f"{report.get_absolute_url()}publiser/")
    expect(page.get_by_text("Rapporten er allerede publisert")).to_be_visible()
    assert Report.objects.get(pk=report.pk).published_by == report_world["executive"]
    assert_accessible(page)
    screenshot(page, "report-published-admin")

"""Published means frozen for everyone: not even an administrator (a superuser passes every permission
predicate) can publish a report again, change it or delete it, through the page, the admin or the service."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portfolio.reports import services
from portfolio.reports.models import Report, ReportStatus
from tests.reports.test_report_pages import make_report

pytestmark = pytest.mark.django_db

PUBLISHED_AT = timezone.make_aware(datetime.datetime(2026, 9, 10, 12, 0))


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", password="demo", first_name="Ada", last_name="Admin"
    )


@pytest.fixture
def published(report_world):
    return make_report(
        report_world,
        status=ReportStatus.DONE,
        progress=100,
        sha256="a" * 64,
        published_at=PUBLISHED_AT,
        published_by=report_world["executive"],
    )


def assert_unchanged(report: Report, world) -> None:
    report.refresh_from_db()
    assert (report.published_at, report.published_by) == (PUBLISHED_AT, world["executive"])
    assert report.sha256 == "a" * 64


def test_a_superuser_posting_the_publish_form_of_a_published_report_changes_nothing(
    client, superuser, published, report_world
):
    client.force_login(superuser)
    response = client.post(reverse("reports:publish", args=[published.pk]), {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert "Rapporten er allerede publisert" in response.content.decode()
    assert_unchanged(published, report_world)


def test_the_report_page_offers_no_publish_button_to_a_superuser_once_published(client, superuser, published):
    client.force_login(superuser)
    html = client.get(published.get_absolute_url()).content.decode()
    assert reverse("reports:publish", args=[published.pk]) not in html
    confirm = client.get(reverse("reports:publish", args=[published.pk]), follow=True)
    assert "Publisere rapporten til de folkevalgte?" not in confirm.content.decode()
    assert "Rapporten er allerede publisert" in confirm.content.decode()


def test_the_service_refuses_to_publish_a_published_report_even_for_a_superuser(
    superuser, published, report_world
):
    with pytest.raises(ValidationError, match="allerede publisert"):
        services.report_publish(user=superuser, report=published)
    assert_unchanged(published, report_world)


def test_the_service_refuses_to_publish_a_report_that_is_not_done_even_for_a_superuser(
    superuser, report_world
):
    for status in (ReportStatus.QUEUED, ReportStatus.RUNNING, ReportStatus.FAILED):
        Report.objects.all().delete()
        report = make_report(report_world, status=status)
        with pytest.raises(ValidationError):
            services.report_publish(user=superuser, report=report)
        report.refresh_from_db()
        assert report.published_at is None


def test_a_published_report_cannot_be_saved_with_changes_through_the_model(published, report_world):
    report = Report.objects.get(pk=published.pk)
    report.published_at = timezone.now()
    report.title = "Endret"
    with pytest.raises(ValidationError, match="allerede publisert"):
        report.save()
    with pytest.raises(ValidationError, match="allerede publisert"):
        report.delete()
    assert_unchanged(published, report_world)
    assert Report.objects.get(pk=published.pk).title != "Endret"


def test_the_admin_neither_changes_nor_deletes_a_published_report_for_a_superuser(
    client, superuser, published, report_world
):
    client.force_login(superuser)
    change = reverse("admin:reports_report_change", args=[published.pk])
    page = client.get(change)
    assert page.status_code == 200  # read-only view
    assert 'name="_save"' not in page.content.decode()
    response = client.post(change, {"title": "Endret", "published_at_0": "2030-01-01", "_save": "1"})
    assert response.status_code == 403
    delete = reverse("admin:reports_report_delete", args=[published.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert_unchanged(published, report_world)
    assert Report.objects.filter(pk=published.pk).exists()


def test_the_first_publication_by_a_superuser_still_works(client, superuser, report_world):
    report = make_report(report_world, status=ReportStatus.DONE, progress=100)
    client.force_login(superuser)
    response = client.post(reverse("reports:publish", args=[report.pk]), {"confirm": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.published_by == superuser and report.published_at is not None

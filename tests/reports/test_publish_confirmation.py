"""Publishing a report cannot be undone: it is asked for on a page of its own (no JavaScript needed) that
says so, and only a confirmed POST publishes."""

import pytest
from django.urls import reverse

from portfolio.reports.models import ReportStatus
from tests.reports.test_report_pages import make_report

pytestmark = pytest.mark.django_db


def test_the_publish_button_leads_to_a_confirmation_page_that_says_what_cannot_be_undone(
    client, report_world
):
    report = make_report(report_world, status=ReportStatus.DONE, progress=100)
    client.force_login(report_world["executive"])
    url = reverse("reports:publish", args=[report.pk])
    detail = client.get(report.get_absolute_url()).content.decode()
    assert f'<form method="get" action="{url}"' in detail
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Publisere rapporten til de folkevalgte?" in html
    assert "kan den ikke endres, trekkes tilbake eller slettes" in html
    assert 'name="confirm" value="1"' in html
    report.refresh_from_db()
    assert report.published_at is None


def test_a_post_without_confirmation_does_not_publish(client, report_world):
    report = make_report(report_world, status=ReportStatus.DONE, progress=100)
    client.force_login(report_world["executive"])
    response = client.post(reverse("reports:publish", args=[report.pk]))
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.published_at is None


def test_a_confirmed_post_publishes(client, report_world):
    report = make_report(report_world, status=ReportStatus.DONE, progress=100)
    client.force_login(report_world["executive"])
    response = client.post(reverse("reports:publish", args=[report.pk]), {"confirm": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.published_by == report_world["executive"]


def test_the_confirmation_page_is_refused_to_those_who_may_not_publish(client, report_world):
    # The programme leader reads the draft of their own sub-programme, but may not publish it.
    report = make_report(
        report_world, report_world["sub_programmes"][0], status=ReportStatus.DONE, progress=100
    )
    client.force_login(report_world["programme_leader"])
    assert client.get(reverse("reports:publish", args=[report.pk])).status_code == 403
    # The whole programme's draft they do not even see.
    whole = make_report(report_world, status=ReportStatus.DONE, progress=100)
    assert client.get(reverse("reports:publish", args=[whole.pk])).status_code == 404

"""The report pages: ordering, progress, archive, publishing, and who may do what."""

from unittest import mock

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from core.periods import Period
from portfolio.reports import services
from portfolio.reports.models import Report, ReportStatus

from .conftest import PERIOD_KEY

pytestmark = pytest.mark.django_db


def order_over_http(client, scope_object, period_key=PERIOD_KEY, **extra):
    kind = type(scope_object).__name__
    kind = {"Programme": "programme", "SubProgramme": "sub_programme", "Project": "project"}[kind]
    return client.post(
        reverse("reports:order"), {"scope": f"{kind}:{scope_object.pk}", "period": period_key}, **extra
    )


def make_report(world, scope_object=None, **fields) -> Report:
    """A report row as the worker leaves it, without rendering a PDF (fast)."""
    scope_object = scope_object or world["programme"]
    with mock.patch.object(services, "report_send"):
        report, _created = services.report_order(
            user=world["executive"], scope_object=scope_object, period=Period.from_key(PERIOD_KEY)
        )
    Report.objects.filter(pk=report.pk).update(**fields)
    report.refresh_from_db()
    return report


def test_executive_orders_a_report_and_is_sent_to_its_page(
    transactional_db, client, report_world, media_root
):
    """Committed for real, so the task is sent when the order commits, as in production (eager here)."""
    client.force_login(report_world["executive"])
    response = order_over_http(client, report_world["sub_programmes"][0])
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.status == ReportStatus.DONE, report.error
    assert report.ordered_by == report_world["executive"]
    page = client.get(report.get_absolute_url())
    assert "Rapporten er bestilt." in page.content.decode()
    assert reverse("reports:download", args=[report.pk]) in page.content.decode()


def test_ordering_the_same_report_twice_while_it_is_queued_gives_one_job(
    client, report_world, django_capture_on_commit_callbacks
):
    client.force_login(report_world["executive"])
    send_task = mock.patch("portfolio.reports.tasks.generate_report.apply_async")
    with send_task as send, django_capture_on_commit_callbacks(execute=True):
        order_over_http(client, report_world["programme"])
        second = order_over_http(client, report_world["programme"], follow=True)
    assert Report.objects.count() == 1
    assert send.call_count == 1
    assert "Denne rapporten lages allerede" in second.content.decode()


def test_database_refuses_a_second_active_order_of_the_same_report(report_world):
    from django.db import IntegrityError, transaction

    report = make_report(report_world)
    duplicate = Report(
        scope=report.scope,
        programme=report.programme,
        scope_key=report.scope_key,
        period_key=report.period_key,
        period_label=report.period_label,
        title=report.title,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_finished_report_does_not_block_ordering_it_again(report_world):
    first = make_report(report_world, status=ReportStatus.DONE)
    with mock.patch.object(services, "report_send"):
        second, created = services.report_order(
            user=report_world["executive"], scope_object=report_world["programme"], period=first.period
        )
    assert created and second.pk != first.pk


def test_order_is_recorded_and_the_user_told_when_the_broker_is_down(transactional_db, client, report_world):
    """Committed for real: the task is sent when the order commits, and the broker refuses it."""
    client.force_login(report_world["executive"])
    broken = mock.patch(
        "portfolio.reports.tasks.generate_report.apply_async",
        side_effect=OperationalError("Connection refused"),
    )
    with broken:
        response = order_over_http(client, report_world["programme"], follow=True)
    assert response.status_code == 200
    report = Report.objects.get()
    assert (report.status, report.sent_at) == (ReportStatus.QUEUED, None)
    text = response.content.decode()
    assert "Rapporten er bestilt, men køen er ikke tilgjengelig akkurat nå" in text
    assert "sendes når køen er tilgjengelig" in text


def test_beat_task_sends_the_orders_that_never_reached_the_broker(report_world):
    from portfolio.reports.tasks import send_unsent_reports

    report = make_report(report_world)
    assert report.sent_at is None
    with mock.patch("portfolio.reports.tasks.generate_report.apply_async") as send:
        assert send_unsent_reports() == 1
    send.assert_called_once()
    assert send.call_args.kwargs["args"] == [report.pk]
    assert Report.objects.get(pk=report.pk).sent_at is not None


def test_progress_fragment_polls_while_the_report_is_being_made_and_stops_when_done(client, report_world):
    report = make_report(report_world, status=ReportStatus.RUNNING, progress=40, step="Leser prosjekt 2 av 3")
    client.force_login(report_world["executive"])
    fragment = client.get(report.get_absolute_url(), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert 'value="40"' in html and "Leser prosjekt 2 av 3" in html
    assert "<html" not in html
    assert fragment["Vary"] and "HX-Request" in fragment["Vary"]
    # Without JavaScript the full page has a link that refreshes it.
    page = client.get(report.get_absolute_url()).content.decode()
    assert f'href="{report.get_absolute_url()}"' in page
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DONE, progress=100)
    done = client.get(report.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done


def test_failed_report_shows_its_norwegian_message_and_try_again_queues_it_again(
    client, report_world, django_capture_on_commit_callbacks
):
    report = make_report(report_world, status=ReportStatus.RUNNING)
    services.report_fail(report_id=report.pk, reason="en uventet feil (ValueError)")
    client.force_login(report_world["executive"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Rapporten kunne ikke lages: en uventet feil (ValueError)" in page
    assert "Prøv igjen" in page
    send_task = mock.patch("portfolio.reports.tasks.generate_report.apply_async")
    with send_task as send, django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED and report.error == ""
    send.assert_called_once()


def test_only_the_executive_publishes_and_then_the_politician_sees_the_report(client, report_world):
    report = make_report(report_world, status=ReportStatus.DONE, progress=100)
    client.force_login(report_world["politician"])
    assert client.get(report.get_absolute_url()).status_code == 404
    assert report.title not in client.get(reverse("reports:archive")).content.decode()
    # The programme leader may not order the whole programme's report, so its draft is hidden from them too.
    client.force_login(report_world["programme_leader"])
    assert client.post(reverse("reports:publish", args=[report.pk])).status_code == 404
    client.force_login(report_world["executive"])
    # Confirmed: publishing is asked for first (tests/reports/test_publish_confirmation.py).
    assert client.post(reverse("reports:publish", args=[report.pk]), {"confirm": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.published_by == report_world["executive"]
    client.force_login(report_world["politician"])
    assert client.get(report.get_absolute_url()).status_code == 200
    assert report.scope_name in client.get(reverse("reports:archive")).content.decode()


def test_a_published_report_cannot_be_published_again_or_retried(client, report_world):
    report = make_report(report_world, status=ReportStatus.DONE)
    services.report_publish(user=report_world["executive"], report=report)
    client.force_login(report_world["executive"])
    assert client.post(reverse("reports:publish", args=[report.pk])).status_code == 403
    assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 403


def test_politician_lands_on_a_front_page_that_links_the_reports(client, report_world):
    client.force_login(report_world["politician"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("reports:archive") in response.content.decode()


def test_politician_may_not_order(client, report_world):
    client.force_login(report_world["politician"])
    assert client.get(reverse("reports:order")).status_code == 403
    assert order_over_http(client, report_world["programme"]).status_code == 403
    assert not Report.objects.exists()


def test_programme_leader_orders_for_their_own_sub_programme_but_not_for_another(client, report_world):
    client.force_login(report_world["programme_leader"])
    own, other = report_world["sub_programmes"]
    form = client.get(reverse("reports:order")).content.decode()
    assert own.name in form and other.name not in form
    assert f'value="programme:{report_world["programme"].pk}"' not in form
    with mock.patch.object(services, "report_send"):
        assert order_over_http(client, own).status_code == 302
        response = order_over_http(client, other)
    # The form again, with the choice refused in the error summary (400, as every refused form answers).
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert Report.objects.count() == 1


def test_archive_filters_by_scope_and_period(client, report_world):
    make_report(report_world, status=ReportStatus.DONE)
    make_report(report_world, report_world["projects"][0], status=ReportStatus.DONE)
    client.force_login(report_world["executive"])
    projects_only = client.get(reverse("reports:archive"), {"scope": "project"}).context["reports"]
    assert [r.scope for r in projects_only] == ["project"]
    other_period = client.get(reverse("reports:archive"), {"period": "2025-T1"})
    assert other_period.status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_archive_reads_the_same_number_of_queries_whatever_the_number_of_reports(
    client, report_world, django_assert_num_queries, count
):
    for index in range(count):
        make_report(report_world, status=ReportStatus.DONE, period_key=f"20{10 + index}-T1")
    client.force_login(report_world["executive"])
    # session, user, groups (roles), filter periods, the reports with their scope and orderer, the
    # correction links (versions.with_versions: version numbers and replacements)
    with django_assert_num_queries(6):
        client.get(reverse("reports:archive"))

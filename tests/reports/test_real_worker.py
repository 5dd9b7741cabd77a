"""Reports made by a REAL Celery worker process on Redis (not eager): ordered over HTTP, rendered by the
worker against the test database, read back with pypdf; a worker killed mid-render; duplicate orders."""

import io
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from benefits import selectors as benefit_selectors
from core.templatetags.formatting import nok
from portfolio.reports import services
from portfolio.reports.models import Report, ReportStatus
from tests.workers import wait_for

from .conftest import PERIOD_KEY, PLANNED_TOTAL, REALISED_TOTAL, normalise, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def order_over_http(client, value: str):
    return client.post(reverse("reports:order"), {"scope": value, "period": PERIOD_KEY})


def finished(report_id: int) -> Report | None:
    report = Report.objects.get(pk=report_id)
    if report.status == ReportStatus.FAILED:
        raise AssertionError(f"The report failed: {report.error}")
    return report if report.status == ReportStatus.DONE else None


def test_report_ordered_over_http_is_made_by_the_worker_with_the_programme_and_its_gains(
    celery_worker, client, report_world
):
    client.force_login(report_world["executive"])
    response = order_over_http(client, f"programme:{report_world['programme'].pk}")
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.sent_at is not None  # handed to Redis, not run in-process
    report = wait_for(lambda: finished(report.pk), timeout=90, message=celery_worker.log_text()[-3000:])
    assert "generate_report[" in celery_worker.log_text()

    data = report.file.read()
    text = pdf_text(data)
    assert "Utvikling og bærekraft" in text
    for sub in report_world["sub_programmes"]:
        assert sub.name in text
    overview = benefit_selectors.gain_overview(programme_id=report_world["programme"].pk)
    assert (overview.planned_total, overview.realised_total) == (PLANNED_TOTAL, REALISED_TOTAL)
    assert normalise(nok(PLANNED_TOTAL)) in text and normalise(nok(REALISED_TOTAL)) in text
    catalog = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "pdfaid:part" in catalog["/Metadata"].get_object().get_data().decode()
    assert "/StructTreeRoot" in catalog


def test_killing_the_worker_mid_render_and_starting_a_new_one_yields_exactly_one_finished_report(
    celery_worker, client, report_world
):
    celery_worker.stop()
    celery_worker.start(step_delay=1.5)  # slow steps, so the kill lands in the middle of the rendering
    client.force_login(report_world["executive"])
    order_over_http(client, f"programme:{report_world['programme'].pk}")
    report = Report.objects.get()
    wait_for(
        lambda: Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING, progress__gt=2).exists(),
        timeout=60,
        message="the worker never started the report",
    )
    celery_worker.kill()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RUNNING
    celery_worker.start()  # the message comes back after the visibility timeout (5 s in the tests)
    report = wait_for(lambda: finished(report.pk), timeout=120, message=celery_worker.log_text()[-3000:])
    assert Report.objects.count() == 1
    assert report.attempts == 2
    assert report.file and report.page_count >= 5
    # Nothing else is waiting: no second rendering happens later.
    time.sleep(1)
    assert Report.objects.get(pk=report.pk).sha256 == report.sha256


def test_ordering_the_same_report_twice_while_the_worker_makes_it_gives_one_job(
    celery_worker, client, report_world
):
    client.force_login(report_world["executive"])
    sub = report_world["sub_programmes"][1]
    order_over_http(client, f"sub_programme:{sub.pk}")
    second = order_over_http(client, f"sub_programme:{sub.pk}")
    assert second.status_code == 302
    assert Report.objects.count() == 1
    report = wait_for(
        lambda: finished(Report.objects.get().pk), timeout=90, message=celery_worker.log_text()[-3000:]
    )
    assert report.attempts == 1
    assert celery_worker.log_text().count("generate_report[") >= 1


def worker_backends() -> list[int]:
    """The PostgreSQL backends of every other process on the test database: the worker's connections."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def cut_connections(pids: list[int]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for pid in pids:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_cutting_the_workers_database_connection_mid_render_ends_the_report_never_stuck(
    celery_worker, client, report_world
):
    celery_worker.stop()
    celery_worker.start(step_delay=1.5)  # slow steps, so the cut lands in the middle of the rendering
    client.force_login(report_world["executive"])
    order_over_http(client, f"programme:{report_world['programme'].pk}")
    report = Report.objects.get()
    wait_for(
        lambda: Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING, progress__gt=2).exists(),
        timeout=60,
        message="the worker never started the report",
    )
    pids = worker_backends()
    assert pids, "the worker holds no database connection"
    cut_connections(pids)

    def ended():
        current = Report.objects.get(pk=report.pk)
        return current if current.status in (ReportStatus.DONE, ReportStatus.FAILED) else None

    report = wait_for(ended, timeout=90, message=celery_worker.log_text()[-3000:])
    if report.status == ReportStatus.FAILED:
        page = client.get(report.get_absolute_url()).content.decode()
        assert "Prøv igjen" in page and report.error
    else:
        # Made again after a retry with backoff, on a fresh connection: one report, a second attempt.
        assert report.attempts == 2
        assert report.file and report.page_count >= 5
    assert Report.objects.count() == 1
    assert "OperationalError" in celery_worker.log_text() or "InterfaceError" in celery_worker.log_text()


def test_a_report_whose_worker_was_killed_is_made_again_by_the_watchdog_not_after_the_visibility_timeout(
    celery_worker, client, report_world, settings
):
    celery_worker.stop()
    celery_worker.start(step_delay=1.5)
    client.force_login(report_world["executive"])
    order_over_http(client, f"programme:{report_world['programme'].pk}")
    report = Report.objects.get()
    wait_for(
        lambda: Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING, progress__gt=2).exists(),
        timeout=60,
        message="the worker never started the report",
    )
    celery_worker.kill()
    # The next worker has the production visibility timeout: the killed worker's message would come back
    # only after 30 minutes.
    celery_worker.start(CELERY_VISIBILITY_TIMEOUT="1800")
    settings.REPORT_HEARTBEAT_STALE = 3
    time.sleep(settings.REPORT_HEARTBEAT_STALE + 1)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RUNNING  # stuck without the watchdog
    assert services.report_watch() == {"requeued": 1, "failed": 0}
    report = wait_for(lambda: finished(report.pk), timeout=90, message=celery_worker.log_text()[-3000:])
    assert (report.attempts, Report.objects.count()) == (2, 1)
    assert report.file and report.page_count >= 5

"""Every report job ends: a dead database connection during a render is retried on a fresh one, and the
watchdog (beat) makes again or fails a report whose worker fell silent or ran past its time limit.

In-process (eager) and on PostgreSQL; the real-worker version of the cut connection is in
test_real_worker.py.
"""

import datetime
import time
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portfolio.reports import services, tasks
from portfolio.reports.models import Report, ReportStatus

from .test_report_pages import make_report, order_over_http

pytestmark = pytest.mark.django_db(transaction=True)


def cut_own_connection(**kwargs):
    """What a restarted database server or a cut network does to the worker in the middle of a render."""
    if connection.vendor != "postgresql":
        pytest.skip("cutting a connection needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")


def running(world, *, started: int, heartbeat: int | None, attempts: int = 1, scope_object=None) -> Report:
    """A report a worker took `started` seconds ago and last gave a sign of life `heartbeat` seconds ago."""
    now = timezone.now()
    return make_report(
        world,
        scope_object,
        status=ReportStatus.RUNNING,
        progress=40,
        step="Leser prosjekt 1 av 3",
        sent_at=now - datetime.timedelta(seconds=started + 1),
        started_at=now - datetime.timedelta(seconds=started),
        heartbeat_at=None if heartbeat is None else now - datetime.timedelta(seconds=heartbeat),
        attempts=attempts,
    )


# --- A dead connection during the render -------------------------------------------------------------


def test_a_connection_cut_during_the_render_is_retried_with_backoff_on_a_fresh_connection(report_world):
    report = make_report(report_world)
    with (
        mock.patch.object(services, "report_render", side_effect=cut_own_connection),
        pytest.raises(Retry) as retry,
    ):
        tasks.generate_report.apply(args=[report.pk], throw=True)
    assert retry.value.when == tasks.BACKOFF_SECONDS
    report = Report.objects.get(pk=report.pk)  # a fresh connection answers


def test_a_connection_cut_during_a_render_that_is_then_made_again_ends_done(report_world, media_root):
    report = make_report(report_world, report_world["projects"][0])
    calls = []

    def cut_once(**kwargs):
        # The render starts (the report is running), then the connection dies mid-way.
        calls.append(kwargs)
        services.report_start(report_id=kwargs["report_id"])
        cut_own_connection()

    with mock.patch.object(services, "report_render", side_effect=cut_once), pytest.raises(Retry):
        tasks.generate_report.apply(args=[report.pk], throw=True)
    waiting = Report.objects.get(pk=report.pk)
    assert waiting.status == ReportStatus.RUNNING
    assert "En midlertidig feil; prøver igjen om 10 sekunder" in waiting.step
    # While it waits for the retry the watchdog leaves it alone.
    assert waiting.heartbeat_at > timezone.now() + datetime.timedelta(seconds=5)
    assert services.report_watch() == {"requeued": 0, "failed": 0}
    assert tasks.generate_report.apply(args=[report.pk], retries=1).get() == "done"
    done = Report.objects.get(pk=report.pk)
    assert (done.status, done.attempts, Report.objects.count()) == (ReportStatus.DONE, 2, 1)


def test_a_connection_that_stays_dead_through_the_last_retry_fails_the_report_with_try_again(
    client, report_world
):
    report = running(report_world, started=5, heartbeat=1)
    with mock.patch.object(services, "report_render", side_effect=cut_own_connection):
        result = tasks.generate_report.apply(args=[report.pk], retries=tasks.MAX_RETRIES)
    assert result.get() == "failed"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error.startswith("Rapporten kunne ikke lages: en midlertidig feil gikk ikke over")
    client.force_login(report_world["executive"])
    assert "Prøv igjen" in client.get(report.get_absolute_url()).content.decode()


# --- The watchdog -------------------------------------------------------------------------------------


def test_watchdog_is_run_by_beat_every_minute():
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith(".watch_reports"))
    assert entry["task"] == tasks.watch_reports.name
    assert entry["schedule"] <= 60
    assert (
        settings.REPORT_HEARTBEAT_STALE
        < 5 * 60
        < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    )


def test_watchdog_makes_again_a_report_whose_worker_fell_silent(report_world, media_root):
    report = running(report_world, started=200, heartbeat=settings.REPORT_HEARTBEAT_STALE + 10)
    assert tasks.watch_reports.apply().get() == {"requeued": 1, "failed": 0}
    report.refresh_from_db()
    # Queued again and (in-process here) made by the next worker: one report, a second attempt.
    assert (report.status, report.attempts, Report.objects.count()) == (ReportStatus.DONE, 2, 1)
    assert report.file and report.error == ""


def test_watchdog_leaves_a_report_whose_worker_is_alive_and_within_its_time(report_world):
    report = running(report_world, started=200, heartbeat=5)
    assert services.report_watch() == {"requeued": 0, "failed": 0}
    report.refresh_from_db()
    assert (report.status, report.progress, report.attempts) == (ReportStatus.RUNNING, 40, 1)


def test_watchdog_fails_a_report_running_past_its_time_limit_and_it_can_be_tried_again(
    client, report_world, media_root
):
    # Its worker still writes signs of life (a render that hangs), but the time is up.
    too_long = settings.REPORT_TIME_LIMIT + settings.REPORT_HEARTBEAT_STALE + 5
    report = running(report_world, started=too_long, heartbeat=5)
    assert services.report_watch() == {"requeued": 0, "failed": 1}
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "det tok mer enn 4 minutter" in report.error
    client.force_login(report_world["executive"])
    assert "Prøv igjen" in client.get(report.get_absolute_url()).content.decode()
    client.post(reverse("reports:retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_watchdog_fails_a_report_whose_workers_died_on_every_attempt(report_world):
    report = running(report_world, started=300, heartbeat=300, attempts=services.MAX_ATTEMPTS)
    assert services.report_watch() == {"requeued": 0, "failed": 1}
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "prosessen som lagde den, stoppet 3 ganger" in report.error


def test_watchdog_requeues_with_the_broker_down_and_the_order_is_sent_later(report_world):
    report = running(report_world, started=300, heartbeat=300)
    with mock.patch.object(services, "report_send", return_value=False) as send:
        assert services.report_watch() == {"requeued": 1, "failed": 0}
    send.assert_called_once()
    report.refresh_from_db()
    assert (report.status, report.sent_at, report.progress) == (ReportStatus.QUEUED, None, 0)
    assert report.step == "Arbeidet stoppet opp; rapporten lages på nytt"


def test_ordering_a_report_left_by_a_dead_worker_again_does_not_return_it_stuck(
    client, report_world, media_root
):
    stuck = running(report_world, started=300, heartbeat=300)
    client.force_login(report_world["executive"])
    response = order_over_http(client, report_world["programme"])
    assert response["Location"] == stuck.get_absolute_url()
    stuck.refresh_from_db()
    assert stuck.status == ReportStatus.DONE and Report.objects.count() == 1


def test_ordering_again_a_report_stuck_past_its_time_limit_orders_a_new_one(client, report_world, media_root):
    stuck = running(report_world, started=3600, heartbeat=3600)
    client.force_login(report_world["executive"])
    response = order_over_http(client, report_world["programme"])
    stuck.refresh_from_db()
    assert stuck.status == ReportStatus.FAILED
    new = Report.objects.exclude(pk=stuck.pk).get()
    assert response["Location"] == new.get_absolute_url()
    assert new.status == ReportStatus.DONE


# --- The sign of life -----------------------------------------------------------------------------------


def test_the_worker_writes_signs_of_life_while_laying_out_a_long_report(report_world, media_root):
    report = make_report(report_world, report_world["projects"][2])
    seen = []
    real_render = services.render_pdf

    def slow_render(**kwargs):
        seen.append(Report.objects.get(pk=report.pk).heartbeat_at)
        time.sleep(0.6)  # a long layout, with no step to report
        seen.append(Report.objects.get(pk=report.pk).heartbeat_at)
        return real_render(**kwargs)

    with (
        override_settings(REPORT_HEARTBEAT_SECONDS=0.1),
        mock.patch.object(services, "render_pdf", side_effect=slow_render),
    ):
        assert tasks.generate_report.apply(args=[report.pk]).get() == "done"
    assert seen[0] is not None and seen[1] > seen[0]

"""The report task in-process (eager): retries, final failure, limits, the scheduled reports, make_report."""

import datetime
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.management import CommandError, call_command
from django.db import OperationalError

from core.periods import Period
from portfolio.reports import services, tasks
from portfolio.reports.models import Origin, Report, ReportStatus

from .conftest import PERIOD_KEY, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def queued(world, scope_object=None) -> Report:
    with mock.patch.object(services, "report_send"):
        report, _created = services.report_order(
            user=world["executive"],
            scope_object=scope_object or world["programme"],
            period=Period.from_key(PERIOD_KEY),
        )
    return report


def test_task_has_late_acknowledgement_reject_on_worker_lost_and_time_limits():
    task = tasks.generate_report
    assert task.acks_late and task.reject_on_worker_lost
    assert 0 < task.soft_time_limit < task.time_limit
    assert task.max_retries == tasks.MAX_RETRIES


def test_transient_error_is_retried_with_backoff_and_the_report_then_made(report_world, media_root):
    """Eager mode does not re-run a retry by itself; the worker would, after the countdown. Here the test
    runs the retry (retries=1) as the worker would."""
    from celery.exceptions import Retry

    report = queued(report_world)
    # The database drops while the report is being made, after the worker has marked it running.
    broken = mock.patch.object(services, "_report_make", side_effect=OperationalError("server closed"))
    with broken, pytest.raises(Retry) as retry:
        tasks.generate_report.apply(args=[report.pk], throw=True)
    assert retry.value.when == tasks.BACKOFF_SECONDS
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING
    assert report.step == f"En midlertidig feil; prøver igjen om {tasks.BACKOFF_SECONDS} sekunder (forsøk 2)"
    assert tasks.generate_report.apply(args=[report.pk], retries=1).get() == "done"
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_backoff_doubles_with_each_retry(report_world):
    from celery.exceptions import Retry

    report = queued(report_world)
    broken = mock.patch.object(services, "report_render", side_effect=OperationalError("gone"))
    with broken, pytest.raises(Retry) as retry:
        tasks.generate_report.apply(args=[report.pk], retries=2, throw=True)
    assert retry.value.when == tasks.BACKOFF_SECONDS * 4


def test_error_that_does_not_go_away_fails_the_report_with_a_norwegian_message(report_world):
    report = queued(report_world)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    with mock.patch.object(services, "report_render", side_effect=OperationalError("gone")):
        result = tasks.generate_report.apply(args=[report.pk], retries=tasks.MAX_RETRIES)
    assert result.get() == "failed"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error.startswith("Rapporten kunne ikke lages: en midlertidig feil gikk ikke over")


def test_unexpected_error_fails_the_report_at_once(report_world):
    report = queued(report_world)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    with mock.patch.object(services, "report_render", side_effect=ValueError("bug")) as render:
        tasks.generate_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert render.call_count == 1
    assert report.status == ReportStatus.FAILED
    assert "en uventet feil (ValueError)" in report.error


def test_report_that_takes_too_long_fails_with_the_time_limit_in_the_message(report_world):
    report = queued(report_world)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    with mock.patch.object(services, "report_render", side_effect=SoftTimeLimitExceeded()):
        tasks.generate_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "det tok mer enn 4 minutter" in report.error


def test_task_for_a_finished_report_does_nothing(report_world):
    report = queued(report_world)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DONE, sha256="x" * 64)
    assert tasks.generate_report.apply(args=[report.pk]).get() == "skipped"
    assert Report.objects.get(pk=report.pk).sha256 == "x" * 64


def test_task_for_a_report_left_running_by_a_dead_worker_makes_it_again(report_world, media_root):
    report = queued(report_world, report_world["projects"][2])
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=40, attempts=1)
    assert tasks.generate_report.apply(args=[report.pk]).get() == "done"
    report.refresh_from_db()
    assert (report.status, report.attempts, Report.objects.count()) == (ReportStatus.DONE, 2, 1)


def test_beat_orders_a_draft_programme_report_the_day_after_a_period_ended(report_world):
    with mock.patch.object(services, "report_send"):
        made = services.report_order_period_end(today=datetime.date(2026, 9, 1))
        again = services.report_order_period_end(today=datetime.date(2026, 9, 1))
        nothing = services.report_order_period_end(today=datetime.date(2026, 9, 2))
    assert [(r.scope, r.period_key, r.ordered_by, r.origin, r.published_at) for r in made] == [
        ("programme", "2026-T2", None, Origin.SCHEDULE, None)
    ]
    assert again == [] and nothing == []
    assert made[0].orderer == "Etter tidsplan ved periodens slutt"


def test_a_report_made_from_the_command_line_does_not_stand_in_for_the_scheduled_draft(report_world):
    with mock.patch.object(services, "report_send"):
        scripted, _created = services.report_order(
            user=None,
            scope_object=report_world["programme"],
            period=Period.from_key(PERIOD_KEY),
            origin=Origin.COMMAND,
        )
        Report.objects.filter(pk=scripted.pk).update(status=ReportStatus.DONE)
        made = services.report_order_period_end(today=datetime.date(2026, 9, 1))
    assert [r.origin for r in made] == [Origin.SCHEDULE]


def test_make_report_writes_the_pdf_of_a_sub_programme(report_world, media_root, tmp_path):
    output = tmp_path / "innbygger.pdf"
    call_command(
        "make_report",
        "--period",
        "2. tertial 2026",
        "--output",
        str(output),
        "--subprogramme",
        "Innbyggerløftet",
    )
    text = pdf_text(output.read_bytes())
    assert "Innbyggerløftet" in text and "Arealeffektivisering" not in text
    assert "Bestilt av Fra kommandolinjen" in text and "tidsplan" not in text
    report = Report.objects.get()
    assert (report.ordered_by, report.origin) == (None, Origin.COMMAND)


def test_make_report_fails_with_the_reason(report_world, media_root, tmp_path):
    with pytest.raises(CommandError, match="Det finnes ikke noe delprogram som heter «Finnes ikke»"):
        call_command(
            "make_report",
            "--period",
            "2026-T2",
            "--output",
            str(tmp_path / "x.pdf"),
            "--subprogramme",
            "Finnes ikke",
        )
    broken = mock.patch.object(services, "render_pdf", side_effect=ValueError("bug"))
    with broken, pytest.raises(CommandError, match="Rapporten kunne ikke lages"):
        call_command("make_report", "--period", "2. tertial 2026", "--output", str(tmp_path / "y.pdf"))
    with pytest.raises(CommandError, match="Ukjent periode «sommeren»"):
        call_command("make_report", "--period", "sommeren", "--output", str(tmp_path / "z.pdf"))


def test_make_report_refuses_an_output_it_cannot_write_before_ordering(report_world, media_root, tmp_path):
    with pytest.raises(CommandError, match="finnes ikke"):
        call_command("make_report", "--period", "2026-T2", "--output", str(tmp_path / "nowhere" / "x.pdf"))
    with pytest.raises(CommandError, match="er en mappe"):
        call_command("make_report", "--period", "2026-T2", "--output", str(tmp_path))
    assert not Report.objects.exists()

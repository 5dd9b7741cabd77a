"""A scorecard export too large for a page request is made by a worker (issue 14, defect 7): the page offers
to make it, shows its progress (htmx polling, or a refresh link without JavaScript) and the file when done;
a failure shows the reason and «Prøv igjen»; a database that drops during the export is retried."""

import io

import openpyxl
import pytest
from django.db import OperationalError
from django.urls import reverse

from core.models import ExportStatus
from scorecards import selectors, services, tasks
from scorecards.models import ScorecardExport
from tests.workers import wait_for

from .factories import IndicatorFactory, ScorecardFactory, indicator_value


def large_scorecard(owner):
    """Six indicators with two years each: «large» once the inline limit is lowered to 3 rows."""
    scorecard = ScorecardFactory(title="=Alle indikatorer", owner=owner)
    for number in range(6):
        indicator = IndicatorFactory(scorecard=scorecard, name=f"Indikator {number}", direction="lower")
        indicator_value(indicator, 2024, "<205", "-21 %")
        indicator_value(indicator, 2025, "<200", "194")
    return scorecard


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(services, "INLINE_EXPORT_MAX_ROWS", 3)


def read_rows(data: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.django_db
def test_a_large_export_is_offered_as_a_background_job_and_a_small_one_is_served_at_once(
    client, executive, small_limit
):
    client.force_login(executive)
    small = ScorecardFactory(title="Lite", owner=executive)
    indicator_value(IndicatorFactory(scorecard=small), 2025, "4,5", "4,6")
    response = client.get(reverse("scorecards:scorecard_export", args=[small.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="lite.xlsx"'

    scorecard = large_scorecard(executive)
    response = client.get(reverse("scorecards:scorecard_export", args=[scorecard.pk]) + "?format=csv")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Eksporter til CSV" in page and "opptil 18 rader" in page and "Lag filen" in page
    assert not ScorecardExport.objects.exists()  # a GET orders nothing


@pytest.mark.django_db
def test_ordering_the_same_file_twice_gives_one_job(client, executive, small_limit):
    scorecard = large_scorecard(executive)
    client.force_login(executive)
    url = reverse("scorecards:scorecard_export", args=[scorecard.pk])
    first = client.post(url, {"format": "csv"})  # not committed in this test, so never queued
    second = client.post(url, {"format": "csv"})
    assert first["Location"] == second["Location"] == ScorecardExport.objects.get().get_absolute_url()
    page = client.get(url + "?format=csv").content.decode()
    assert "Filen lages allerede" in page and "Lag filen" not in page


@pytest.mark.django_db
def test_the_job_page_polls_while_the_file_is_made_and_works_without_javascript(client, executive):
    scorecard = large_scorecard(executive)
    export = ScorecardExport.objects.create(
        scorecard=scorecard,
        requested_by=executive,
        file_format="xlsx",
        status=ExportStatus.RUNNING,
        progress=40,
    )
    client.force_login(executive)
    page = client.get(export.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert f'href="{export.get_absolute_url()}">Oppdater</a>' in page  # the refresh link without JavaScript
    assert 'value="40"' in page
    fragment = client.get(export.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="export-progress"')


def test_the_watchdog_fails_an_export_whose_worker_died_and_leaves_a_live_one(client, executive):
    """A job still «being made» long after any worker could be making it is failed with «Prøv igjen»."""
    import datetime

    from django.utils import timezone

    from core.tasks import watch_jobs

    scorecard = large_scorecard(executive)
    stuck, live = (
        ScorecardExport.objects.create(
            scorecard=scorecard,
            requested_by=executive,
            file_format=fmt,
            status=ExportStatus.RUNNING,
            progress=40,
        )
        for fmt in ("xlsx", "csv")
    )
    ScorecardExport.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    from scorecards.models import ScorecardImport

    stuck_import = ScorecardImport.objects.create(
        scorecard=scorecard, requested_by=executive, file_name="stor.xlsx", status=ExportStatus.RUNNING
    )
    ScorecardImport.objects.filter(pk=stuck_import.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    from django.conf import settings

    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == watch_jobs.name)
    assert entry["schedule"] <= 60  # beat runs it every minute
    assert watch_jobs() == 2  # the export and the import left by a dead worker
    stuck_import.refresh_from_db()
    assert stuck_import.status == ExportStatus.FAILED
    stuck.refresh_from_db()
    live.refresh_from_db()
    assert (stuck.status, live.status) == (ExportStatus.FAILED, ExportStatus.RUNNING)
    client.force_login(executive)
    page = client.get(stuck.get_absolute_url()).content.decode()
    assert "ikke ferdig innen 15 minutter" in page and "Prøv igjen" in page


@pytest.mark.django_db
def test_a_failure_shows_the_reason_and_try_again_makes_a_new_file(
    client, executive, small_limit, eager, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    scorecard = large_scorecard(executive)
    url = reverse("scorecards:scorecard_export", args=[scorecard.pk])
    client.force_login(executive)

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "scorecard_export_rows", broken)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"format": "xlsx"})
    export = ScorecardExport.objects.get()
    assert first["Location"] == export.get_absolute_url()
    assert export.status == ExportStatus.FAILED
    page = client.get(export.get_absolute_url()).content.decode()
    assert "Filen kunne ikke lages: en uventet feil (RuntimeError)." in page
    assert "Prøv igjen" in page and 'hx-trigger="every 2s"' not in page

    monkeypatch.undo()
    monkeypatch.setattr(services, "INLINE_EXPORT_MAX_ROWS", 3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"format": "xlsx"})
    again = ScorecardExport.objects.get()  # the failed one is replaced by the one that worked
    assert again.status == ExportStatus.DONE and again.pk != export.pk
    rows = read_rows(client.get(reverse("scorecards:export_file", args=[again.pk])).getvalue())
    assert len(rows) == 12 and rows[0][:3] == ["Administrasjon", "Tjenestekvalitet", "Indikator 0"]


@pytest.mark.django_db
def test_a_database_error_during_the_export_is_retried_not_failed(client, executive, media_root, monkeypatch):
    scorecard = large_scorecard(executive)
    real = selectors.scorecard_export_rows
    calls = []

    def drops_once(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(selectors, "scorecard_export_rows", drops_once)
    export = services.scorecard_export_order(scorecard=scorecard, user=executive, file_format="csv")
    # In-process, Celery runs the retry at once (a worker would requeue it with a 5 s countdown).
    tasks.make_scorecard_export.apply(args=[export.pk], throw=False)
    export.refresh_from_db()
    assert len(calls) == 2 and export.status == ExportStatus.DONE
    client.force_login(executive)
    data = client.get(reverse("scorecards:export_file", args=[export.pk])).getvalue()
    assert data.decode("utf-8-sig").splitlines()[1].startswith("Administrasjon;Tjenestekvalitet;Indikator 0")


# --- With a real worker ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_large_export_ordered_over_http_is_made_by_the_worker_and_downloaded(
    celery_worker, client, executive, small_limit
):
    scorecard = large_scorecard(executive)
    client.force_login(executive)
    response = client.post(reverse("scorecards:scorecard_export", args=[scorecard.pk]), {"format": "xlsx"})
    export = ScorecardExport.objects.get()
    assert response["Location"] == export.get_absolute_url()

    def done():
        export.refresh_from_db()
        assert export.status != ExportStatus.FAILED, export.error
        return export.status == ExportStatus.DONE

    wait_for(done, timeout=60, message=celery_worker.log_text()[-3000:])
    assert "make_scorecard_export[" in celery_worker.log_text()
    fragment = client.get(export.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "Filen er klar (12 rader)." in fragment
    download = client.get(reverse("scorecards:export_file", args=[export.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="alle-indikatorer.xlsx"'
    rows = read_rows(download.getvalue())
    assert rows == [
        [None if value == "" else value for value in row]
        for row in selectors.scorecard_export_rows(scorecard=scorecard)
    ]
    assert {"-21 %", "<205"} <= {value for row in rows for value in row}

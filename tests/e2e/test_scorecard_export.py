"""A large scorecard export in the browser: the offer to make the file, a failure with «Prøv igjen», the
progress that htmx keeps up to date, and the file when it is ready."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from config.celery import app as celery_app
from core import roles
from core.models import ExportStatus
from scorecards import selectors, services
from scorecards.models import ScorecardExport
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value


@pytest.fixture
def eager_tasks(monkeypatch):
    monkeypatch.setattr(services, "INLINE_EXPORT_MAX_ROWS", 3)
    old = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = old


def test_a_large_export_is_made_in_the_background_and_downloaded(
    page, login, role_user, assert_accessible, screenshot, eager_tasks, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    scorecard = ScorecardFactory(title="120: Økonomi", owner=owner)
    for number in range(4):
        indicator = IndicatorFactory(scorecard=scorecard, name=f'=HYPERLINK("x") {number}')
        indicator_value(indicator, 2025, "<205", "-21 %")

    login(page, "eier")
    page.goto(scorecard.get_absolute_url())
    page.get_by_role("link", name="Eksporter til Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eksporter til Excel")
    expect(page.get_by_text("Eksporten er stor (opptil 8 rader)")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "scorecard-export-start")

    def broken(**kwargs):
        raise RuntimeError("boom")

    real = selectors.scorecard_export_rows
    monkeypatch.setattr(selectors, "scorecard_export_rows", broken)
    page.get_by_role("button", name="Lag filen").click()
    expect(page.get_by_text("Filen kunne ikke lages: en uventet feil (RuntimeError).")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "scorecard-export-failed")

    monkeypatch.setattr(selectors, "scorecard_export_rows", real)
    page.get_by_role("button", name="Prøv igjen").click()
    expect(page.get_by_text("Filen er klar (4 rader).")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "scorecard-export-done")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned Excel-filen").click()
    assert download.value.suggested_filename == "120-okonomi.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert [cell.value for cell in sheet[2]][2:8] == [
        '=HYPERLINK("x") 0',
        None,
        "høyere er bedre",
        2025,
        "<205",
        "-21 %",
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_progress_of_an_export_is_kept_up_to_date_until_the_file_is_ready(
    page, login, role_user, assert_accessible, screenshot
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    scorecard = ScorecardFactory(title="120: Økonomi", owner=owner)
    export = ScorecardExport.objects.create(
        scorecard=scorecard, requested_by=owner, file_format="csv", status=ExportStatus.RUNNING, progress=40
    )
    login(page, "eier")
    page.goto(export.get_absolute_url())
    expect(page.get_by_role("progressbar", name="Lages")).to_have_attribute("value", "40")
    assert_accessible(page)
    screenshot(page, "scorecard-export-running")
    ScorecardExport.objects.filter(pk=export.pk).update(status=ExportStatus.DONE, progress=100, rows=12)
    # htmx asks again every 2 seconds and swaps in the finished state; the page itself is not reloaded.
    expect(page.get_by_text("Filen er klar (12 rader).")).to_be_visible(timeout=6000)
    expect(page.get_by_role("link", name="Last ned CSV-filen")).to_have_attribute(
        "href", re.compile(rf"/eksport/{export.pk}/fil/$")
    )
    assert_accessible(page)

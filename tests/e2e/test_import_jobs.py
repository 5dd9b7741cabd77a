"""A large scorecard file in the browser: uploaded, left to a worker, its progress kept up to date by htmx,
a failure with «Prøv igjen», and a refused file shown with every problem and the form for a corrected one."""

import io

from openpyxl import Workbook
from playwright.sync_api import expect

from core import roles
from core.models import JobStatus
from scorecards import services
from scorecards.models import ScorecardImport
from tests.scorecards.factories import ScorecardFactory
from tests.scorecards.test_import import HEADER


def xlsx_file(tmp_path, rows, name):
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_a_large_import_shows_its_progress_a_failure_and_the_problems_of_a_bad_file(
    page,
    login,
    role_user,
    assert_accessible,
    screenshot,
    imports_to_worker,
    eager,
    media_root,
    monkeypatch,
    tmp_path,
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    scorecard = ScorecardFactory(title="120: Økonomi", owner=owner)
    running = ScorecardImport.objects.create(
        scorecard=scorecard, requested_by=owner, file_name="stor.xlsx", status=JobStatus.RUNNING, progress=50
    )
    login(page, "eier")
    page.goto(running.get_absolute_url())
    expect(page.get_by_role("progressbar", name="Fremdrift")).to_have_attribute("value", "50")
    assert_accessible(page)
    screenshot(page, "scorecard-import-running")
    ScorecardImport.objects.filter(pk=running.pk).update(
        status=JobStatus.DONE, progress=100, summary=[["success", "Importert: 3 nye indikatorer."]]
    )
    # htmx asks again every 2 seconds and swaps in the finished state.
    expect(page.get_by_text("Importert: 3 nye indikatorer.")).to_be_visible(timeout=6000)
    assert_accessible(page)

    def broken(**kwargs):
        raise RuntimeError("boom")

    real = services.scorecard_import
    monkeypatch.setattr(services, "scorecard_import", broken)
    good = xlsx_file(tmp_path, [["A", "B", "C", "", "", "<205", "194", "", ""]], "malekort.xlsx")
    page.goto(f"/mal/malekort/{scorecard.pk}/import/")
    page.get_by_label("Fil med målekort (.xlsx eller .csv)").set_input_files(good)
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("Filen kunne ikke importeres: en uventet feil (RuntimeError).")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "scorecard-import-failed")

    monkeypatch.setattr(services, "scorecard_import", real)
    page.get_by_role("button", name="Prøv igjen").click()
    expect(page.get_by_text("Importert: 1 nye")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "scorecard-import-done")

    bad = xlsx_file(tmp_path, [["A", "B", "D", "", "", "<205", "fire", "", ""]], "feil.xlsx")
    page.goto(f"/mal/malekort/{scorecard.pk}/import/")
    page.get_by_label("Fil med målekort (.xlsx eller .csv)").set_input_files(bad)
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("Filen ble ikke importert: 1 feil")).to_be_visible()
    expect(page.get_by_text("Fil: feil.xlsx.")).to_be_visible()
    expect(page.get_by_role("button", name="Importer")).to_be_visible()  # a corrected file can be uploaded
    assert_accessible(page)
    screenshot(page, "scorecard-import-refused")

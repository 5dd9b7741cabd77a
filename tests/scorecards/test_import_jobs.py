"""A scorecard file too large to import within a page request is imported by a worker (issue 14, «bounded
work in the web process»): the page stores the file and shows the job's progress (htmx polling, or a refresh
link without JavaScript); the job ends with the same summary as an import at once, or with every problem of
the file and the form for a corrected one; a failure of the machinery says why and offers «Prøv igjen»."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from core import import_jobs, roles
from core.models import JobStatus
from scorecards import services, tasks
from scorecards.models import Indicator, IndicatorValue, ScorecardImport
from tests.workers import wait_for

from .factories import ScorecardFactory
from .test_import import HEADER, xlsx

GOOD = [
    HEADER,
    ["A", "B", "C", "", "", "<205", "194", "", ""],
    ["A", "B", "D", "", "", "-21 %", "-19 %", "", ""],
]
BAD = [HEADER, ["A", "B", "C", "", "", "<205", "fire", "", ""], ["A", "B", "D", "", "", "1", "to", "", ""]]


def upload(rows, name="malekort.xlsx"):
    return SimpleUploadedFile(name, xlsx(rows))


@pytest.mark.django_db
def test_a_small_file_is_imported_at_once_without_a_job(client, owner, media_root):
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("scorecards:scorecard_import", args=[scorecard.pk]), {"file": upload(GOOD)}
    )
    assert response["Location"] == scorecard.get_absolute_url()
    assert scorecard.indicators.count() == 2 and not ScorecardImport.objects.exists()


@pytest.mark.django_db
def test_a_large_file_is_imported_by_a_worker_and_its_page_shows_the_summary(
    client, owner, imports_to_worker, eager, media_root, django_capture_on_commit_callbacks
):
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scorecards:scorecard_import", args=[scorecard.pk]), {"file": upload(GOOD)}
        )
    job = ScorecardImport.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.DONE and job.problems == []
    assert not job.file, "the uploaded file is not kept once it is imported"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Importert: 2 nye" in page and "hx-trigger" not in page
    assert "Retningen for «C» er ikke bekreftet. «&lt;205» er en øvre grense: lavere er bedre." in page
    assert f'href="{scorecard.get_absolute_url()}"' in page
    values = IndicatorValue.objects.filter(indicator__scorecard=scorecard)
    assert sorted(v.result_text for v in values) == ["-19 %", "194"]


@pytest.mark.django_db
def test_a_large_bad_file_shows_every_problem_and_the_form_for_a_corrected_one(
    client, owner, imports_to_worker, eager, media_root, django_capture_on_commit_callbacks
):
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)
    url = reverse("scorecards:scorecard_import", args=[scorecard.pk])
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(url, {"file": upload(BAD, "rettet.xlsx")})
    response = client.get(posted["Location"])  # the worker has run: the job's page shows the outcome
    page = response.content.decode()
    assert response.status_code == 200
    assert "Filen ble ikke importert: 2 feil" in page and "«fire» er ikke en verdi" in page
    assert "Resultat 2024" in page and "rettet.xlsx" in page
    assert f'action="{url}"' in page or 'enctype="multipart/form-data"' in page  # upload a corrected file
    assert not Indicator.objects.exists()
    # An htmx poll that finds the file refused reloads the page, which then shows the problems.
    job = ScorecardImport.objects.get()
    poll = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"


@pytest.mark.django_db
def test_the_job_page_polls_while_the_file_is_imported_and_works_without_javascript(client, owner):
    scorecard = ScorecardFactory(owner=owner)
    job = ScorecardImport.objects.create(
        scorecard=scorecard, requested_by=owner, file_name="m.xlsx", status=JobStatus.RUNNING, progress=50
    )
    client.force_login(owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="50"' in page
    assert f'href="{job.get_absolute_url()}">Oppdater</a>' in page
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="import-progress"')


@pytest.mark.django_db
def test_nobody_else_sees_an_import_job(client, owner, role_user):
    job = ScorecardImport.objects.create(
        scorecard=ScorecardFactory(owner=owner), requested_by=owner, file_name="m"
    )
    client.force_login(role_user(roles.ADMINISTRATOR, username="admin"))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(reverse("scorecards:import_retry", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_a_failure_says_why_and_try_again_imports_the_kept_file(
    client, owner, imports_to_worker, eager, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "scorecard_import", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scorecards:scorecard_import", args=[scorecard.pk]), {"file": upload(GOOD)})
    job = ScorecardImport.objects.get()
    assert job.status == JobStatus.FAILED and job.file
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Filen kunne ikke importeres: en uventet feil (RuntimeError). Ingenting ble endret." in page
    assert "Prøv igjen" in page and 'hx-trigger="every 2s"' not in page
    assert not Indicator.objects.exists()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scorecards:import_retry", args=[job.pk]))
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and scorecard.indicators.count() == 2


@pytest.mark.django_db
def test_a_database_error_during_the_import_is_retried_and_imports_once(owner, media_root, monkeypatch):
    scorecard = ScorecardFactory(owner=owner)
    real = services.scorecard_import
    calls = []

    def drops_once(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(services, "scorecard_import", drops_once)
    monkeypatch.setattr(import_jobs, "INLINE_MAX_WORK", 0)
    job = services.SCORECARD_FILE.upload(into=scorecard, user=owner, content=xlsx(GOOD), file_name="m.xlsx")
    tasks.import_scorecard_file.apply(args=[job.pk], throw=False)
    job.refresh_from_db()
    assert len(calls) == 2 and job.status == JobStatus.DONE
    assert job.summary[0][1].startswith("Importert: 2 nye")


# --- With a real worker ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_large_file_uploaded_over_http_is_imported_by_the_worker(
    celery_worker, client, owner, imports_to_worker
):
    scorecard = ScorecardFactory(owner=owner)
    client.force_login(owner)
    response = client.post(
        reverse("scorecards:scorecard_import", args=[scorecard.pk]), {"file": upload(GOOD)}
    )
    job = ScorecardImport.objects.get()
    assert response["Location"] == job.get_absolute_url()

    def done():
        job.refresh_from_db()
        assert job.status != JobStatus.FAILED, job.error
        return job.status == JobStatus.DONE

    wait_for(done, timeout=60, message=celery_worker.log_text()[-3000:])
    assert "import_scorecard_file[" in celery_worker.log_text()
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "Importert: 2 nye" in fragment
    values = {
        (v.indicator.name, v.year): (v.target_text, v.result_text)
        for v in IndicatorValue.objects.filter(indicator__scorecard=scorecard).select_related("indicator")
    }
    assert values == {("C", 2024): ("<205", "194"), ("D", 2024): ("-21 %", "-19 %")}

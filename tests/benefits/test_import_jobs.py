"""A gain plan file too large to import within a page request is imported by a worker, through the same
parse and write as a small one: the job's page shows the summary, or every problem with the form for a
corrected file; only the person who uploaded it sees the job."""

from decimal import Decimal

import pytest

from benefits.models import Benefit, BenefitPlanImport
from core.models import JobStatus

from .test_import import upload, xlsx

# Every file is «large», and the worker runs in-process.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("imports_to_worker", "eager", "media_root")]

GOOD = [["Digitalt tilsyn", "Bedre søvn", "Kvalitet", "eier", "85,5", "80", 90, None]]
BAD = [["Digitalt tilsyn", "Bedre søvn", "Kvalitet", "eier", "mye", "80", 90, None]]


def test_a_large_gain_plan_is_imported_by_a_worker_and_its_page_shows_the_summary(
    client, programme, project, people, django_capture_on_commit_callbacks
):
    client.force_login(people["programme_leader"])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, programme, xlsx(GOOD))
    job = BenefitPlanImport.objects.get()
    assert response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Gevinstplanen er importert: 1 nye, 0 endret, 0 uendret." in page
    plan = {py.year: py.planned for py in Benefit.objects.get(title="Bedre søvn").plan_years.all()}
    assert plan == {2026: Decimal("85.5"), 2027: Decimal(90)}
    client.force_login(people["executive"])
    assert client.get(job.get_absolute_url()).status_code == 404


def test_a_large_bad_gain_plan_shows_every_problem_and_the_form_for_a_corrected_file(
    client, programme, project, people, django_capture_on_commit_callbacks
):
    client.force_login(people["programme_leader"])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, programme, xlsx(BAD))
    job = BenefitPlanImport.objects.get()
    assert job.status == JobStatus.DONE and job.refused
    response = client.get(response["Location"])
    assert [(e.row, e.column) for e in response.context["problems"]] == [(2, "Plan 2026")]
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert not Benefit.objects.filter(title="Bedre søvn").exists()

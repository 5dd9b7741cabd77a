"""A mapped gains file with the gains ledger's figures, imported by a REAL Celery worker (tests/workers.py):
the worker reads the file with the mapping the preview was confirmed with and stores the figures the preview
showed, the withdrawal and operating cost included."""

import re

import pytest
from django.urls import reverse

from benefits.models import Benefit, BenefitPlanImport, BenefitUpload
from core.models import JobStatus
from tests.workers import wait_for

from .test_ledger_excel import pasted_file, row_html, upload

COLUMNS = {
    "rad": "4",
    "column_0": "measure",
    "column_1": "unit",
    "column_2": "planned:2026",
    "column_3": "planned:2027",
    "column_4": "withdrawal:2026",
    "column_5": "operating_cost:2026",
    "column_6": "low:2026",
    "column_7": "ignore",
}
CHOICES = {"scale": "1000000", "sign": "negative", "unmatched": "skip", "kind": "reduced_cost"}


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_stores_the_ledger_figures_the_preview_showed(
    celery_worker, client, programme, project, people, imports_to_worker
):
    client.force_login(people["executive"])
    response = upload(client, programme, pasted_file())
    upload_ = BenefitUpload.objects.get()
    client.post(response["Location"], COLUMNS)
    preview_url = reverse("benefits:upload_preview", args=[programme.pk, upload_.pk])
    shown = client.post(preview_url, CHOICES | {"update": "1"}, follow=True).content.decode()
    row = row_html(shown, 5)
    assert re.search(r"1\xa0200\xa0000 kr.*«-1,2»", row, re.S)  # the withdrawal, with the gains' sign
    assert "100\xa0000 kr" in row  # the operating cost, as printed

    response = client.post(preview_url, CHOICES | {"confirm": "1"})
    job = BenefitPlanImport.objects.get()
    assert response["Location"] == job.get_absolute_url()

    def done():
        job.refresh_from_db()
        return job.status in (JobStatus.DONE, JobStatus.FAILED)

    wait_for(done, timeout=60, message=celery_worker.log_text()[-3000:])
    assert job.status == JobStatus.DONE and not job.refused, (job.error, job.problems)
    assert "import_benefit_plan_file[" in celery_worker.log_text()
    saving = Benefit.objects.get(title="Digitalt tilsyn")
    assert saving.unit == "Hjemmetjenesten"
    year = saving.plan_years.get(year=2026)
    assert (year.planned, year.low, year.operating_cost, year.withdrawal) == (
        1_500_000,
        1_000_000,
        100_000,
        1_200_000,
    )
    assert Benefit.objects.count() == 1  # «Ny turnus» names no project and was skipped, as chosen

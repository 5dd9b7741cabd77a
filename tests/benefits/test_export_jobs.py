"""A benefit plan too large for a page request is exported by a worker (issue 14, defect 7), on the same
machinery as the scorecard export (core.export_jobs)."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from benefits import services
from benefits.models import BenefitPlanExport
from core.models import ExportStatus
from tests.factories import BenefitFactory, BenefitPlanYearFactory

pytestmark = pytest.mark.django_db


def test_a_large_plan_is_exported_by_a_worker_and_offered_to_whoever_ordered_it(
    client,
    programme,
    project,
    people,
    eager,
    media_root,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(services, "INLINE_EXPORT_MAX_ROWS", 1)
    for title in ("=1+1", "Færre telefonhenvendelser"):
        benefit = BenefitFactory(project=project, title=title, kind="reduced_cost")
        BenefitPlanYearFactory(benefit=benefit, year=2026, planned=Decimal(600_000), realised=None)
    url = reverse("benefits:benefit_export", args=[programme.pk])
    client.force_login(people["executive"])

    page = client.get(url).content.decode()
    assert "Eksporten er stor (opptil 2 rader)" in page and "Lag filen" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    export = BenefitPlanExport.objects.get()
    assert response["Location"] == export.get_absolute_url()
    assert export.status == ExportStatus.DONE and export.rows == 2
    assert "Filen er klar (2 rader)." in client.get(export.get_absolute_url()).content.decode()

    download = client.get(reverse("benefits:export_file", args=[export.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="gevinstplan-')
    sheet = openpyxl.load_workbook(io.BytesIO(download.getvalue())).active
    rows = [[cell.value for cell in row[:8]] for row in sheet.iter_rows(min_row=2)]
    assert [row[1] for row in rows] == ["=1+1", "Færre telefonhenvendelser"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[0][7] == 600_000  # Plan 2026, after the benefit's seven columns

    client.force_login(people["politician"])
    assert client.get(export.get_absolute_url()).status_code == 404
    assert client.get(reverse("benefits:export_file", args=[export.pk])).status_code == 404

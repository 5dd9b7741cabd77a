"""Celery tasks of scorecards: the export and the import too large for a page request. Thin, taking ids; core.export_jobs
owns the retries, limits and failure reasons, the service does the work."""

from celery import shared_task

from core.jobs import TASK_OPTIONS, run_job_task

from . import services
from .models import ScorecardExport, ScorecardImport


@shared_task(**TASK_OPTIONS)
def make_scorecard_export(self, export_id: int) -> str:
    return run_job_task(
        self, ScorecardExport, export_id, lambda job_id: services.scorecard_export_make(export_id=job_id)
    )


@shared_task(**TASK_OPTIONS)
def import_scorecard_file(self, import_id: int) -> str:
    return run_job_task(
        self, ScorecardImport, import_id, lambda job_id: services.SCORECARD_FILE.run(job_id=job_id)
    )

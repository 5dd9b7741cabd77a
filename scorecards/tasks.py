"""Celery tasks of scorecards: the export too large for a page request. Thin, taking ids; core.export_jobs
owns the retries, limits and failure reasons, the service does the work."""

from celery import shared_task

from core.export_jobs import TASK_OPTIONS, run_job_task

from . import services
from .models import ScorecardExport


@shared_task(**TASK_OPTIONS)
def make_scorecard_export(self, export_id: int) -> str:
    return run_job_task(
        self, ScorecardExport, export_id, lambda job_id: services.scorecard_export_make(export_id=job_id)
    )

"""Celery tasks of benefits: the benefit plan export and import too large for a page request. Thin, taking ids;
core.jobs owns the retries, limits and failure reasons, the service does the work."""

from celery import shared_task

from core.jobs import TASK_OPTIONS, run_job_task

from . import services
from .models import BenefitPlanExport, BenefitPlanImport


@shared_task(**TASK_OPTIONS)
def make_benefit_plan_export(self, export_id: int) -> str:
    return run_job_task(
        self, BenefitPlanExport, export_id, lambda job_id: services.benefit_plan_export_make(export_id=job_id)
    )


@shared_task(**TASK_OPTIONS)
def import_benefit_plan_file(self, import_id: int) -> str:
    return run_job_task(
        self, BenefitPlanImport, import_id, lambda job_id: services.PLAN_FILE.run(job_id=job_id)
    )

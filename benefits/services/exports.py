"""The benefit plan export when it is too large for a page request: ordered here, made by a worker."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from core import export_jobs
from programmes.models import Programme

from .. import excel
from ..ledger_rows import ledger_plan
from ..models import BenefitPlanExport

# A plan of more benefits than this is exported by a Celery worker (core.export_jobs). With the gains ledger
# a benefit is up to seven figures a year over ten years: 1,500 benefits with five years of plan, net and
# realised figures take about 1.1 s to write, 500 with every figure of ten years 1.7 s; so 1,000 stay near
# a second in the web process.
INLINE_EXPORT_MAX_ROWS = 1_000


def benefit_plan_export_order(*, programme: Programme, user: AbstractBaseUser) -> BenefitPlanExport:
    """Orders the programme's benefit plan as an Excel file made by a worker (one job for two clicks)."""
    from .. import tasks  # tasks imports services

    return export_jobs.job_order(
        BenefitPlanExport,
        user=user,
        file_format="xlsx",
        lock=programme,
        task=tasks.make_benefit_plan_export,
        programme=programme,
    )


def benefit_plan_export_make(*, export_id: int) -> BenefitPlanExport | None:
    """Makes the file of an ordered benefit plan export (called by the Celery task)."""

    def make(export: BenefitPlanExport) -> tuple[str, bytes, int]:
        years, rows = ledger_plan(programme_id=export.programme_id)
        BenefitPlanExport.objects.filter(pk=export.pk).update(progress=30, rows=len(rows))
        content = excel.export_workbook(years, export_jobs.with_progress(BenefitPlanExport, export.pk, rows))
        return f"gevinstplan-{timezone.localdate():%Y-%m-%d}.xlsx", content, len(rows)

    return export_jobs.job_make(BenefitPlanExport, job_id=export_id, make=make)

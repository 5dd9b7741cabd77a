"""Exports made by a Celery worker (core.models.ExportJob): ordering, making, failing, and the body every
app's export task shares.

An export whose size could take more than a second or two in a page request is ordered instead (a POST);
the task, taking the job's id, makes the file and records its progress, and the job's page (seen only by
whoever ordered it) polls the progress and offers the file. Two clicks give one job; only the newest
finished file per person, object and format is kept. A database that is briefly gone is retried with
backoff on a fresh connection; anything else, or the last retry, fails the job with a Norwegian reason and
a «Prøv igjen» (core.jobs, shared with the imports).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from .jobs import ACTIVE, TASK_OPTIONS, job_fail, job_for_user, run_job_task  # noqa: F401  (re-exported)
from .models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5_000  # rows between two progress updates


def active_job(model: type[ExportJob], *, user, file_format: str, **target) -> ExportJob | None:
    """The user's export of this object and format that is still queued or being made, if any."""
    return (
        model.objects.filter(requested_by=user, file_format=file_format, status__in=ACTIVE, **target)
        .order_by("-created_at")
        .first()
    )


def job_order(
    model: type[ExportJob], *, user, file_format: str, lock: models.Model, task, **target
) -> ExportJob:
    """Orders an export made by `task`; a second order of the same file by the same person while the first
    is being made returns the first. `lock` (the exported object) serialises two clicks."""
    with transaction.atomic():
        type(lock).objects.select_for_update().filter(pk=lock.pk).first()
        existing = active_job(model, user=user, file_format=file_format, **target)
        if existing is not None:
            return existing
        job = model.objects.create(requested_by=user, file_format=file_format, **target)
        transaction.on_commit(lambda: task.delay(job.pk))
    return job


def with_progress(model: type[ExportJob], job_id: int, rows: Sequence, *, start: int = 30, end: int = 95):
    """The rows, recording the share handed on so far as the job's progress between `start` and `end` %."""
    total = max(len(rows), 1)
    for index, row in enumerate(rows):
        if index and index % PROGRESS_EVERY == 0:
            model.objects.filter(pk=job_id).update(progress=start + (end - start) * index // total)
        yield row


def job_make(
    model: type[ExportJob], *, job_id: int, make: Callable[[ExportJob], tuple[str, bytes, int]]
) -> ExportJob | None:
    """Makes the file of an ordered export: `make(job)` returns the file's name, its bytes and its number
    of rows. A message delivered again for a job already done or failed does nothing."""
    job = model.objects.filter(pk=job_id).first()
    if job is None or not job.active:
        return job
    model.objects.filter(pk=job_id).update(status=ExportStatus.RUNNING, progress=5, error="")
    name, content, rows = make(job)
    with transaction.atomic():
        job = model.objects.select_for_update().get(pk=job_id)
        job.file.save(name, ContentFile(content), save=False)
        job.status = ExportStatus.DONE
        job.progress = 100
        job.rows = rows
        job.finished_at = timezone.now()
        job.save()
        target = {
            field.attname: getattr(job, field.attname)
            for field in model._meta.concrete_fields
            if field.is_relation and field.name != "requested_by"
        }
        older = model.objects.filter(
            requested_by_id=job.requested_by_id,
            file_format=job.file_format,
            created_at__lt=job.created_at,
            **target,
        ).exclude(status__in=ACTIVE)
        for old in older:
            if old.file:
                old.file.delete(save=False)
        older.delete()
    return job


def job_file_response(job: ExportJob, *, stem: str) -> FileResponse:
    content_type = CSV_CONTENT_TYPE if job.file_format == "csv" else XLSX_CONTENT_TYPE
    response = FileResponse(
        job.file.open("rb"),
        content_type=content_type,
        as_attachment=True,
        filename=f"{stem}.{job.file_format}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_start_page(
    request: HttpRequest,
    *,
    breadcrumbs: list[tuple[str, str]],
    title: str,
    back_url: str,
    order_url: str,
    file_format: str,
    size: int,
    active: ExportJob | None,
) -> HttpResponse:
    """What a GET of a large export answers: the size, and a form that orders the file (a GET orders
    nothing), or a link to the job already being made."""
    return render(
        request,
        "exports/start.html",
        {
            "breadcrumbs": breadcrumbs,
            "title": title,
            "back_url": back_url,
            "order_url": order_url,
            "file_format": file_format,
            "size": size,
            "active": active,
        },
    )


def export_job_page(
    request: HttpRequest,
    *,
    job: ExportJob,
    breadcrumbs: list[tuple[str, str]],
    title: str,
    back_url: str,
    order_url: str,
    file_url: str,
) -> HttpResponse:
    """The job's page; for htmx (polling) only its progress block."""
    template = "exports/job.html#progress" if getattr(request, "htmx", False) else "exports/job.html"
    return render(
        request,
        template,
        {
            "job": job,
            "breadcrumbs": breadcrumbs,
            "title": title,
            "back_url": back_url,
            "order_url": order_url,
            "file_url": file_url,
        },
    )

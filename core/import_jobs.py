"""Imports of uploaded files, in the page request when the file is small and by a Celery worker when it is
not (core.models.ImportJob), through one code path: parse (no database), then write all or nothing.

The page request checks only what is cheap (the size and the zip's directory, core.intake.work_size) and
either imports at once (`import_content`) or stores the file and queues a job (`FileImport.upload`) whose
task runs the same `import_content` (`FileImport.run`). The job's write and the record of its outcome are
one transaction, so a job cut off half-way and run again never imports twice. Retries and failure
reasons are core.jobs'; a job that failed for such a reason keeps its file and can be tried again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.module_loading import import_string

from . import intake
from .import_problems import ImportRefused, ImportSummary, ParsedFile
from .jobs import ACTIVE
from .models import ImportJob, JobStatus

# What importing at once may read (unpacked sheet XML, or CSV bytes): measured on the shared 2-core machine,
# parse and write of a scorecard took 0.26 s at 187 KB, 0.58 s at 375 KB and 1.2 s at 750 KB; anything
# larger than this goes to a worker.
INLINE_MAX_WORK = 256 * 1024

ParsedT = TypeVar("ParsedT", bound=ParsedFile)


def import_content(
    *,
    parse: Callable[[], ParsedT],
    write: Callable[[ParsedT], ImportSummary],
    parsed: Callable[[], None] | None = None,
    finish: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """The one way a file is imported: `parse()` gives the typed rows and the file's problems; only when
    there are none does `write(parsed)` run, and `finish(summary)` (the job's record) runs in the same
    transaction. A write that raises ImportRefused writes nothing and its problems are the summary's.
    `parsed()` is told when parsing is over (a job's progress)."""
    result = parse()
    if result.problems:
        summary = ImportSummary(problems=list(result.problems))
        if finish:
            finish(summary)
        return summary
    if parsed:
        parsed()
    try:
        with transaction.atomic():
            summary = write(result)
            if finish:
                finish(summary)
    except ImportRefused as exc:
        summary = ImportSummary(problems=exc.problems)
        if finish:
            finish(summary)
    return summary


def upload_redirect(request: HttpRequest, outcome: ImportSummary | ImportJob, *, done) -> HttpResponse | None:
    """Where an import page sends the uploader: to the job's page when a worker imports the file, or to
    `done` (an object or URL for `redirect`) with the summary's lines as messages; None when the file was
    refused and the import page shows why."""
    if isinstance(outcome, ImportJob):
        return redirect(outcome)
    if outcome.refused:
        return None
    for line in outcome.lines:
        messages.add_message(request, messages.INFO if line.level == "info" else messages.SUCCESS, line.text)
    return redirect(done)


@dataclass(frozen=True)
class FileImport(Generic[ParsedT]):
    """How an app imports a file into something it owns (a programme, a scorecard): at once when reading the
    file is quick, else by a worker, through the same `parse(into, user, content, file_name)` and
    `write(into, user, parsed)`.

    `model` is the app's ImportJob, whose field `into` names what is imported into; `task` is the dotted
    path of the Celery task that calls `run` (a path, because the tasks module imports the app's import).
    An import that reads only workbooks (`accepts_csv=False`) reads a file named .csv as one too. An import
    whose file is read the way a person chose before importing it (a column mapping) names the job's field
    that keeps that choice (`options`); its `parse` takes the choice as a fifth argument.
    """

    model: type[ImportJob]
    into: str
    limits: intake.Limits
    accepts_csv: bool
    parse: Callable[..., ParsedT]
    write: Callable[[Any, Any, ParsedT], ImportSummary]
    task: str
    options: str = ""

    def _parse(self, into, user, content: bytes, file_name: str, options: dict | None) -> ParsedT:
        if self.options:
            return self.parse(into, user, content, file_name, options or {})
        return self.parse(into, user, content, file_name)

    def upload(
        self,
        *,
        into,
        user,
        content: bytes,
        file_name: str,
        options: dict | None = None,
        parsed: ParsedT | None = None,
    ) -> ImportSummary | ImportJob:
        """An uploaded file: its summary when it was imported (or refused) at once, else its queued job.
        `parsed` is the file as the caller has just parsed it with these options, not parsed again."""
        try:
            work = intake.work_size(content, file_name if self.accepts_csv else "", self.limits)
        except intake.FileRefused as exc:
            return ImportSummary.refused_file(exc.message)
        if work <= INLINE_MAX_WORK:
            return import_content(
                parse=lambda: (
                    parsed if parsed is not None else self._parse(into, user, content, file_name, options)
                ),
                write=lambda parsed: self.write(into, user, parsed),
            )
        suffix = ".csv" if file_name.lower().endswith((".csv", ".txt")) else ".xlsx"
        with transaction.atomic():
            job = self.model(requested_by=user, file_name=file_name[:255], **{self.into: into})
            if self.options:
                setattr(job, self.options, options or {})
            job.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(content), save=False)
            job.save()
            transaction.on_commit(lambda: import_string(self.task).delay(job.pk))
        return job

    def retry(self, *, job: ImportJob) -> ImportJob:
        """Queues a job that failed (not a refused file) again with the file it kept."""
        with transaction.atomic():
            updated = self.model.objects.filter(pk=job.pk, status=JobStatus.FAILED).exclude(file="")
            if updated.update(status=JobStatus.QUEUED, progress=0, error="", finished_at=None):
                transaction.on_commit(lambda: import_string(self.task).delay(job.pk))
        job.refresh_from_db()
        return job

    def run(self, *, job_id: int) -> ImportJob | None:
        """Imports a job's file (called by its task). A message delivered again for a job that is over does
        nothing."""
        queryset = self.model.objects.filter(pk=job_id)
        job = queryset.first()
        if job is None or not job.active:
            return job
        queryset.update(status=JobStatus.RUNNING, progress=10, error="")
        with job.file.open("rb") as stream:
            content = stream.read()
        into, user = getattr(job, self.into), job.requested_by

        def finish(summary: ImportSummary) -> None:
            queryset.update(
                status=JobStatus.DONE,
                progress=100,
                problems=[problem.to_json() for problem in summary.problems],
                summary=[list(line) for line in summary.lines],
                finished_at=timezone.now(),
            )

        options = getattr(job, self.options) if self.options else None
        import_content(
            parse=lambda: self._parse(into, user, content, job.file_name, options),
            write=lambda parsed: self.write(into, user, parsed),
            parsed=lambda: queryset.update(progress=50),
            finish=finish,
        )
        _forget_files(self.model, job)
        job.refresh_from_db()
        return job


def _forget_files(model: type[ImportJob], job: ImportJob) -> None:
    """The file of a job that is over is not kept, nor are the person's older jobs of the same target."""
    target = {
        f.attname: getattr(job, f.attname)
        for f in model._meta.concrete_fields
        if f.is_relation and f.name != "requested_by"
    }
    older = model.objects.filter(
        requested_by_id=job.requested_by_id, created_at__lt=job.created_at, **target
    ).exclude(status__in=ACTIVE)
    for old in [job, *older]:
        if old.file:
            old.file.delete(save=False)
    model.objects.filter(pk=job.pk).update(file="")
    older.delete()


def import_job_page(
    request: HttpRequest,
    *,
    job: ImportJob,
    refused_page: Callable[..., HttpResponse],
    breadcrumbs: list[tuple[str, str]],
    title: str,
    back_url: str,
    back_label: str,
    import_url: str,
    retry_url: str,
) -> HttpResponse:
    """The page of an import being made by a worker; for htmx (polling) only its progress block. A file
    that was refused is shown by the app's import page (`refused_page(problems=…, file_name=…)`, with every
    problem and the form for a corrected file): a poll that finds it so reloads the page."""
    htmx = getattr(request, "htmx", False)
    if job.refused and not htmx:
        return refused_page(problems=job.import_summary.problems, file_name=job.file_name)
    response = render(
        request,
        "imports/job.html#progress" if htmx else "imports/job.html",
        {
            "job": job,
            "summary": job.import_summary,
            "breadcrumbs": breadcrumbs,
            "title": title,
            "back_url": back_url,
            "back_label": back_label,
            "import_url": import_url,
            "retry_url": retry_url,
        },
    )
    if htmx and job.refused:
        response["HX-Refresh"] = "true"
    return response

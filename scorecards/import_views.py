"""The pages of a scorecard file's import: the upload; for a file in a layout of its own, the page where its
columns are chosen and the preview of what will be stored, with the directions to confirm; and the page of a
large file's job (its progress, a failure with «Prøv igjen»). Nothing is written before the preview is
confirmed."""

from __future__ import annotations

from functools import partial

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import access, import_jobs, jobs, upload_pages

from . import excel, imports, services
from .forms import ColumnsForm, DirectionsForm, ImportForm
from .models import Scorecard, ScorecardImport, ScorecardUpload
from .views import SCORECARDS, scorecard_breadcrumbs

# Indicators and headings on a page of the preview.
PREVIEW_PAGE_SIZE = upload_pages.PREVIEW_PAGE_SIZE


@require_http_methods(["GET", "POST"])
def scorecard_import(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    """The upload: a file in the product's own layout is imported at once (a large one by a worker); any
    other is kept, and its columns are chosen on the next page (or, with the mapping remembered for the
    scorecard, its preview is shown)."""
    scorecard = access.get_for_user(request.user, SCORECARDS, "scorecards.change_scorecard", pk=scorecard_id)
    # Bound on every POST: a post without any field (no file chosen) must fail, not show an empty form.
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems, file_name = [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        file_name = upload.name  # a file input cannot be refilled: the page says which file was refused
        outcome = imports.scorecard_upload(
            scorecard=scorecard, user=request.user, content=upload.read(), file_name=upload.name
        )
        if isinstance(outcome, ScorecardUpload):
            return redirect(outcome)
        if response := import_jobs.upload_redirect(request, outcome, done=scorecard):
            return response
        problems = outcome.problems
    return _import_page(request, scorecard=scorecard, form=form, problems=problems, file_name=file_name)


def _import_page(request, *, scorecard: Scorecard, form: ImportForm, problems: list, file_name: str):
    return render(
        request,
        "scorecards/scorecard_import.html",
        {"scorecard": scorecard, "form": form, "problems": problems, "file_name": file_name},
    )


def _upload_for(request: HttpRequest, scorecard_id: int, upload_id: int) -> ScorecardUpload | None:
    """An upload as the person who uploaded it sees it (404 for anyone else), while they may still change
    the scorecard; None when it is no longer kept (core.upload_pages.upload_for)."""
    return upload_pages.upload_for(
        request,
        ScorecardUpload.objects.select_related("scorecard__owner"),
        upload_id=upload_id,
        into="scorecard",
        into_id=scorecard_id,
        into_queryset=SCORECARDS,
        perm="scorecards.change_scorecard",
    )


def _upload_gone(request: HttpRequest, scorecard_id: int) -> HttpResponse:
    return upload_pages.upload_gone(request, reverse("scorecards:scorecard_import", args=[scorecard_id]))


@require_http_methods(["GET", "POST"])
def upload_columns(request: HttpRequest, scorecard_id: int, upload_id: int) -> HttpResponse:
    """What each column of the uploaded file is: proposed from the headers (or as chosen before), each
    column with its header, some of its values and a choice of role; the header row can be changed
    (`?rad=`). Saving the choice shows the preview."""
    upload = _upload_for(request, scorecard_id, upload_id)
    if upload is None:
        return _upload_gone(request, scorecard_id)
    params = request.POST if request.method == "POST" else request.GET
    reading = imports.scorecard_upload_columns(
        upload=upload, header_start=upload_pages.header_start(params.get("rad"))
    )
    if reading.header is None:  # nothing in the file can be a header: it was refused on upload
        raise Http404
    samples = upload_pages.samples(reading.lines)
    form = ColumnsForm(
        request.POST if request.method == "POST" else None,
        header=reading.header,
        mapping=reading.mapping,
        columns=upload_pages.shown_columns(reading.header, samples),
        years=upload_pages.years_offered(reading.header, reading.mapping.columns.values()),
    )
    if request.method == "POST" and form.is_valid():
        imports.scorecard_upload_map(upload=upload, mapping=form.cleaned_data["mapping"])
        return redirect("scorecards:upload_preview", scorecard_id=scorecard_id, upload_id=upload.pk)
    questions = reading.questions if request.method == "GET" and reading.source != "chosen" else []
    return render(
        request,
        "scorecards/upload_columns.html",
        {
            "upload": upload,
            "scorecard": upload.scorecard,
            "reading": reading,
            "form": form,
            "fields": form.fields_with_samples(samples, questions),
            "questions": [question.problem.message for question in questions],
            "first_rows": upload_pages.first_rows(reading.grid, reading.header),
            "header_start": reading.header.rows[0] + 1,
        },
    )


def _rows(page: Page) -> list[excel.PreviewRow]:
    return [entry for entry in page if isinstance(entry, excel.PreviewRow)]


@require_http_methods(["GET", "POST"])
def upload_preview(request: HttpRequest, scorecard_id: int, upload_id: int) -> HttpResponse:
    """Every indicator as it will be stored, with its statuses, directions and problems; nothing is written
    until the person confirms. A POST keeps the directions chosen (and shows the statuses they give) or,
    with `confirm`, imports the file."""
    upload = _upload_for(request, scorecard_id, upload_id)
    if upload is None:
        return _upload_gone(request, scorecard_id)
    reading = imports.scorecard_upload_read(upload=upload) if upload.mapping else None
    if reading is None or reading.mapping is None or reading.questions:
        return redirect("scorecards:upload_columns", scorecard_id=scorecard_id, upload_id=upload.pk)
    preview = excel.build_preview(reading)
    params = request.POST if request.method == "POST" else request.GET
    page = Paginator(preview.entries, PREVIEW_PAGE_SIZE).get_page(params.get("side"))
    form = DirectionsForm(request.POST if request.method == "POST" else None, rows=_rows(page))
    refused: list = []
    if request.method == "POST" and form.is_valid():
        # The directions chosen for the indicators of other pages stay as they were.
        shown = {row.indicator.row for row in _rows(page)}
        kept = {row: direction for row, direction in reading.mapping.directions.items() if row not in shown}
        mapping = reading.mapping.replace(directions=kept | form.directions())
        imports.scorecard_upload_map(upload=upload, mapping=mapping)
        if "confirm" not in request.POST:
            url = reverse("scorecards:upload_preview", args=[scorecard_id, upload.pk])
            return redirect(f"{url}?side={page.number}#preview" if page.number > 1 else f"{url}#preview")
        outcome = imports.scorecard_upload_confirm(upload=upload, user=request.user)
        if isinstance(outcome, ScorecardImport) or not outcome.refused:
            return import_jobs.upload_redirect(request, outcome, done=upload.scorecard)
        refused = outcome.problems
        preview = excel.build_preview(imports.scorecard_upload_read(upload=upload))
        page = Paginator(preview.entries, PREVIEW_PAGE_SIZE).get_page(page.number)
        form = DirectionsForm(request.POST, rows=_rows(page))
        form.is_valid()
    return render(
        request,
        "scorecards/upload_preview.html",
        {
            "upload": upload,
            "scorecard": upload.scorecard,
            "preview": preview,
            "page": page,
            "entries": [(entry, form.field_for(entry)) for entry in page],
            "reading": preview.reading,
            "form": form,
            "refused": refused,
            "columns": [
                (column, excel.role_label(preview.reading.mapping.columns[column.index]))
                for column in preview.reading.header.columns
                if column.index in preview.reading.mapping.columns
            ],
        },
    )


def import_job(request: HttpRequest, import_id: int) -> HttpResponse:
    """A file being imported by a worker, as the person who uploaded it sees it; htmx polls the progress.
    A refused file is shown as the import page shows it: every problem, and the form for a corrected file."""
    job = jobs.job_for_user(ScorecardImport, job_id=import_id, user=request.user)
    scorecard = job.scorecard
    return import_jobs.import_job_page(
        request,
        job=job,
        refused_page=partial(_import_page, request, scorecard=scorecard, form=ImportForm()),
        breadcrumbs=scorecard_breadcrumbs(scorecard),
        title=scorecard.title,
        back_url=scorecard.get_absolute_url(),
        back_label=_("Back to %(title)s") % {"title": scorecard.title},
        import_url=reverse("scorecards:scorecard_import", args=[scorecard.pk]),
        retry_url=reverse("scorecards:import_retry", args=[job.pk]),
    )


@require_POST
def import_retry(request: HttpRequest, import_id: int) -> HttpResponse:
    job = jobs.job_for_user(ScorecardImport, job_id=import_id, user=request.user)
    access.require_perm(request.user, "scorecards.change_scorecard", job.scorecard)
    return redirect(services.SCORECARD_FILE.retry(job=job))

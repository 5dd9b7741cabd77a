"""The pages of a gains file that is not in the product's own layout (benefits.services.gains_files): the page
where its columns are chosen, and its preview, where the unit, the sign and what each row becomes are settled
and every row is shown as it will be stored. Nothing is written before the preview is confirmed. The upload
page and a large file's job page are in views.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import import_jobs, upload_pages
from core.import_problems import ImportProblem
from programmes.models import Programme

from . import reading, selectors
from .forms import GainsPreviewForm
from .import_forms import GainsColumnsForm
from .models import BenefitPlanImport, BenefitUpload, is_financial
from .services import gains_files, project_lookup

# Rows on a page of the preview.
PREVIEW_PAGE_SIZE = upload_pages.PREVIEW_PAGE_SIZE


def _upload_for(request: HttpRequest, programme_id: int, upload_id: int) -> BenefitUpload | None:
    """An upload as the person who uploaded it sees it (404 for anyone else), while they may still import
    into the programme; None when it is no longer kept (core.upload_pages.upload_for)."""
    return upload_pages.upload_for(
        request,
        BenefitUpload.objects.select_related("programme"),
        upload_id=upload_id,
        into="programme",
        into_id=programme_id,
        into_queryset=Programme,
        perm="benefits.import_benefits",
    )


def _upload_gone(request: HttpRequest, programme_id: int) -> HttpResponse:
    return upload_pages.upload_gone(request, reverse("benefits:benefit_import", args=[programme_id]))


def _column_questions(gains: reading.GainsReading) -> list[reading.Question]:
    return [question for question in gains.questions if question.about == "column"]


@require_http_methods(["GET", "POST"])
def upload_columns(request: HttpRequest, programme_id: int, gains_upload_id: int) -> HttpResponse:
    """What each column of the uploaded gains file is: proposed from the headers (or as chosen before), each
    column with its header, some of its values and a choice of role; the header row can be changed
    (`?rad=`). Saving the choice shows the preview."""
    upload = _upload_for(request, programme_id, gains_upload_id)
    if upload is None:
        return _upload_gone(request, programme_id)
    params = request.POST if request.method == "POST" else request.GET
    gains = gains_files.gains_upload_columns(
        upload=upload, header_start=upload_pages.header_start(params.get("rad"))
    )
    if gains.header is None:  # nothing in the file can be a header: it was refused on upload
        raise Http404
    # The unit, sign and row choices made in the preview before stay when the columns change.
    earlier = reading.GainsMapping.from_json(upload.mapping)
    mapping = (
        earlier.replace(header_rows=gains.mapping.header_rows, columns=gains.mapping.columns)
        if earlier
        else gains.mapping
    )
    samples = upload_pages.samples(gains.lines)
    form = GainsColumnsForm(
        request.POST if request.method == "POST" else None,
        header=gains.header,
        mapping=mapping,
        columns=upload_pages.shown_columns(gains.header, samples),
        years=upload_pages.years_offered(gains.header, gains.mapping.columns.values()),
    )
    if request.method == "POST" and form.is_valid():
        gains_files.gains_upload_map(upload=upload, mapping=form.cleaned_data["mapping"])
        return redirect("benefits:upload_preview", programme_id=programme_id, gains_upload_id=upload.pk)
    questions = _column_questions(gains) if request.method == "GET" and gains.source != "chosen" else []
    return render(
        request,
        "benefits/upload_columns.html",
        {
            "upload": upload,
            "programme": upload.programme,
            "reading": gains,
            "form": form,
            "fields": form.fields_with_samples(samples, questions),
            "questions": [question.problem.message for question in questions],
            "first_rows": upload_pages.first_rows(gains.grid, gains.header),
            "header_start": gains.header.rows[0] + 1,
            "unit": _unit_text(gains),
        },
    )


def _unit_text(gains: reading.GainsReading) -> str:
    """Where the unit of the amounts comes from, as the page says it."""
    if gains.scale_source == "own":
        return _("The product's own template is in whole kroner.")
    if len(gains.units) == 1 or (gains.units and gains.scale_source == "file"):
        unit = gains.units[0]
        return _("The file says «%(text)s» (row %(row)s).") % {"text": unit.text, "row": unit.row}
    if gains.units:
        stated = "; ".join(
            _("«%(text)s» (row %(row)s)") % {"text": unit.text, "row": unit.row} for unit in gains.units
        )
        return _("The file states more than one unit: %(units)s.") % {"units": stated}
    return _("The file does not say which unit its amounts are in.")


@dataclass
class Cell:
    """One amount of a row as the preview shows it: the file's text and what it becomes."""

    label: str
    original: str
    kroner: object = None
    financial: bool = True


@dataclass
class Entry:
    """One row of the preview: the row as read, its select, its amounts in the order of the columns, the
    project it is linked to (by name), its sum checks and its problems (with their columns)."""

    row: reading.GainRow
    field: object
    as_is: str
    cells: list[Cell]
    linked: str = ""
    checks: list[tuple[reading.SumCheck, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def checks_off(self) -> bool:
        return any(warning for _check, warning in self.checks)


@dataclass
class Settle:
    """One thing to settle before the file can be imported, with where on the page (or another page) it is
    settled."""

    href: str
    text: str


def _shown(gains: reading.GainsReading) -> reading.GainsReading:
    """The reading the page shows: while the sign is open, with the sign preselected from the numbers, so
    the amounts show what importing with the preselected choice stores."""
    if gains.mapping.negative_gains is None and gains.has_negative:
        return reading.with_sign(gains, gains.sign_default)
    return gains


def _problem_text(problem: ImportProblem) -> str:
    if problem.column:
        return _("Column «%(column)s»: %(message)s") % {"column": problem.column, "message": problem.message}
    return problem.message


class Preview:
    """Everything the preview page shows of an upload, for one page of its rows."""

    def __init__(self, request: HttpRequest, upload: BenefitUpload, gains: reading.GainsReading, page_number):
        self.upload, self.gains = upload, gains
        self.shown = _shown(gains)
        self.page = Paginator(self.shown.rows, PREVIEW_PAGE_SIZE).get_page(page_number)
        programme = upload.programme
        projects = selectors.programme_projects(programme_id=programme.pk)
        allowed = project_lookup(programme=programme, user=request.user).allowed
        self.names = {project["pk"]: project["name"] for project in projects}
        self.sub_programmes = gains_files.sub_programmes(programme=programme, user=request.user)
        self.form = GainsPreviewForm(
            request.POST if request.method == "POST" else None,
            gains=gains,
            rows=list(self.page),
            projects=[p for p in projects if allowed is None or p["pk"] in allowed],
            names=self.names,
            sub_programmes=self.sub_programmes,
        )

    @property
    def proposal_problem(self) -> str:
        """Why the rows that are to become proposals cannot be, or ""."""
        if not any(row.decision == reading.CREATE for row in self.shown.rows):
            return ""
        if not self.sub_programmes:
            return _("You may not register projects, so no row can become a proposal.")
        if self.gains.mapping.sub_programme not in {sub.pk for sub in self.sub_programmes}:
            return _("Choose the sub-programme the project proposals are to be registered in.")
        return ""

    def settle(self, refused: list[ImportProblem]) -> list[Settle]:
        """Everything that keeps the file from being imported, each linked to where it is settled: the
        unit and the sign, the sub-programme of the proposals, and every row's problem (on this page, or
        on the page it is on)."""
        found: list[Settle] = []
        covered = set()
        for question in self.gains.questions:
            # The first radio of the unit's or the sign's choice (their fields are named as `about` says).
            found.append(Settle(f"#id_{question.about}_0", question.problem.message))
            covered.add(question.problem)
        for problem in self.shown.file_problems:
            found.append(Settle("", str(problem)))
            covered.add(problem)
        if self.proposal_problem:
            found.append(Settle("#id_sub_programme" if self.sub_programmes else "", self.proposal_problem))
        on_page = {row.row for row in self.page}
        for index, row in enumerate(self.shown.rows):
            if row.decision == reading.SKIP:
                continue
            if row.row in on_page:
                href = f"#id_row_{row.row}"
            else:
                href = f"?side={index // PREVIEW_PAGE_SIZE + 1}#row-{row.row}"
            for problem in row.problems:
                found.append(Settle(href, str(problem)))
                covered.add(problem)
        # What only the import itself found (a proposal's name taken meanwhile, …).
        found += [
            Settle("", str(problem))
            for problem in refused
            if problem not in covered and problem.message != self.proposal_problem
        ]
        return found

    def entries(self) -> list[Entry]:
        shown = self.shown
        columns = [
            (key, reading.role_label(shown.mapping.columns[index]))
            for index, key in shown.value_columns.items()
        ]
        # A sum check that does not match: the warning naming both figures, by its row and column.
        warnings = {(problem.row, problem.column): problem.message for problem in shown.warnings}
        names = {
            key: shown.header.column(index).header or shown.header.column(index).letter
            for index, key in shown.value_columns.items()
        }
        entries = []
        for row in self.page:
            financial = is_financial(row.kind)
            cells = []
            for (which, year), label in columns:
                amount = row.amount(which, year)
                cells.append(
                    Cell(label, amount.original, amount.kroner, financial) if amount else Cell(label, "")
                )
            entries.append(
                Entry(
                    row,
                    self.form[f"row_{row.row}"],
                    self.form.as_is(row),
                    cells,
                    linked=self.names.get(row.project_id, "") if row.decision == reading.LINK else "",
                    checks=[
                        (check, warnings.get((row.row, names[(check.which, check.year)]), ""))
                        for check in row.sum_checks
                    ],
                    problems=[_problem_text(problem) for problem in row.problems],
                )
            )
        return entries

    def context(self, refused: list[ImportProblem]) -> dict:
        shown, gains = self.shown, self.gains
        return {
            "upload": self.upload,
            "programme": self.upload.programme,
            "reading": shown,
            "form": self.form,
            "page": self.page,
            "entries": self.entries(),
            "value_columns": [
                reading.role_label(shown.mapping.columns[index]) for index in shown.value_columns
            ],
            "columns": [
                (column, reading.role_label(shown.mapping.columns[column.index]))
                for column in shown.header.columns
                if column.index in shown.mapping.columns
            ],
            "unit": _unit_text(gains),
            "questions": {question.about: question.problem.message for question in gains.questions},
            "sign_open": gains.mapping.negative_gains is None and gains.has_negative,
            "proposal_problem": self.proposal_problem,
            "may_create": bool(self.sub_programmes),
            "settle": self.settle(refused),
            "refused": refused,
            "counts": {
                "rows": len(shown.rows),
                "linked": sum(1 for row in shown.rows if row.decision == reading.LINK),
                "proposals": sum(1 for row in shown.rows if row.decision == reading.CREATE),
                "skipped": sum(1 for row in shown.rows if row.decision == reading.SKIP),
                "undecided": len(shown.undecided),
            },
        }


@require_http_methods(["GET", "POST"])
def upload_preview(request: HttpRequest, programme_id: int, gains_upload_id: int) -> HttpResponse:
    """Every row as it will be stored, with how the amounts are read (unit, sign), what each row becomes
    (linked to its project, a proposal, skipped) and every problem; nothing is written until the person
    confirms. A POST keeps the choices made (on this page; those of other pages stay) or, with `confirm`,
    imports the file; a refused file shows the page again with its problems and the choices kept."""
    upload = _upload_for(request, programme_id, gains_upload_id)
    if upload is None:
        return _upload_gone(request, programme_id)
    gains = gains_files.gains_upload_read(upload=upload) if upload.mapping else None
    if gains is None or gains.mapping is None or gains.source == "proposed" or _column_questions(gains):
        return redirect("benefits:upload_columns", programme_id=programme_id, gains_upload_id=upload.pk)
    params = request.POST if request.method == "POST" else request.GET
    preview = Preview(request, upload, gains, params.get("side"))
    refused: list[ImportProblem] = []
    if request.method == "POST" and preview.form.is_valid():
        gains_files.gains_upload_map(upload=upload, mapping=preview.form.mapping())
        number = preview.page.number
        if "confirm" not in request.POST:
            url = reverse("benefits:upload_preview", args=[programme_id, upload.pk])
            return redirect(f"{url}?side={number}#preview" if number > 1 else f"{url}#preview")
        outcome = gains_files.gains_upload_confirm(upload=upload, user=request.user)
        if isinstance(outcome, BenefitPlanImport) or not outcome.refused:
            done = reverse("benefits:programme_overview", args=[upload.programme_id])
            return import_jobs.upload_redirect(request, outcome, done=done)
        refused = outcome.problems
        preview = Preview(request, upload, gains_files.gains_upload_read(upload=upload), number)
        preview.form.is_valid()
    return render(request, "benefits/upload_preview.html", preview.context(refused))

"""What the pages of an uploaded table show while a person settles how it is read (the scorecard and the gains
imports): the upload as its uploader sees it (or a message when it is no longer kept), the header row as a
person writes it (`?rad=`), some values under each column, the first rows of the sheet, the years a column
can be given, and the form whose select per column says what it holds."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import access, tables
from .models import Upload
from .tables import ColumnRole, Grid, Header, Line, LineKind

SAMPLES = 3  # values shown under each column's header
FIRST_ROWS_BELOW_HEADER = 3  # rows of the sheet shown below the header, so a person sees where it stands
# Rows on a page of a preview: a page of 200 renders in about a third of a second, while the 5,000 rows a
# file may have would take seconds and megabytes.
PREVIEW_PAGE_SIZE = 200


def header_start(value: str | None) -> int | None:
    """A header row as a person writes it (1 is the first row), as an index; None for anything else."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number - 1 if 1 <= number <= 10_000 else None


def samples(lines: Iterable[Line]) -> dict[int, list[str]]:
    """The first few values of each column in the data rows, by the column's index."""
    found: dict[int, list[str]] = {}
    for line in lines:
        if line.kind != LineKind.DATA:
            continue
        for index, cell in enumerate(line.cells):
            texts = found.setdefault(index, [])
            if not cell.empty and len(texts) < SAMPLES:
                texts.append(cell.text)
    return found


def shown_columns(header: Header, found: dict[int, list[str]]) -> list[int]:
    """The columns a person chooses roles for: those with a header or a value."""
    return [column.index for column in header.columns if column.header or found.get(column.index)]


def years_offered(header: Header, roles: Iterable[ColumnRole]) -> list[int]:
    """The years a column can be given: those the headers and the mapping name, two before and after."""
    named = {column.match.year for column in header.columns if column.match.year}
    named |= {role.year for role in roles if role.year}
    named = named or {datetime.date.today().year}
    return list(range(min(named) - 2, max(named) + 3))


def first_rows(grid: Grid, header: Header) -> list[tuple[int, list[str]]]:
    """The sheet's rows down to a few below the header, each with its number as the spreadsheet shows it."""
    rows = grid.rows[: header.data_start + FIRST_ROWS_BELOW_HEADER]
    return [(number, [cell.text for cell in row]) for number, row in enumerate(rows, 1)]


def role_select(auto_id: str, choices) -> forms.Select:
    # The error block under every select always exists, so the select can point at it.
    return forms.Select(choices=choices, attrs={"class": "ds-input", "aria-describedby": f"{auto_id}_error"})


def column_label(column: tables.Column) -> str:
    if column.header:
        return _("Column %(letter)s «%(header)s»") % {"letter": column.letter, "header": column.header}
    return _("Column %(letter)s (no header)") % {"letter": column.letter}


class ColumnsForm(forms.Form):
    """A select per column of an uploaded table (`column_<index>`), offering `choices` (a role's name and
    label), with the role the mapping gives it (`initial`, by index; a column without one is not imported).
    A subclass adds what else its import asks and builds its mapping in `clean`."""

    def __init__(
        self,
        *args,
        header: Header,
        columns: Sequence[int],
        choices: Sequence[tuple[str, str]],
        initial_roles: dict[int, str],
        **kwargs,
    ):
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        self.header, self.columns = header, list(columns)
        for index in self.columns:
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=column_label(header.column(index)),
                choices=choices,
                widget=role_select(f"id_{name}", choices),
            )
            self.initial[name] = initial_roles.get(index, tables.IGNORE)

    def roles(self, role_from_name: Callable[[str], ColumnRole | None]) -> dict[int, ColumnRole]:
        """The roles chosen, by column, without the columns not to be imported (once the form is valid)."""
        chosen = {index: role_from_name(self.cleaned_data[f"column_{index}"]) for index in self.columns}
        return {
            index: role for index, role in chosen.items() if role is not None and role.key != tables.IGNORE
        }

    def add_questions(self, questions: Iterable) -> None:
        """The questions a mapping leaves open (each with the `column` it is about, or None), as errors on
        the column's select, or on the form."""
        for question in questions:
            field = f"column_{question.column}" if question.column in self.columns else None
            self.add_error(field, question.problem.message)

    def fields_with_samples(self, found: dict[int, list[str]], questions: Iterable = ()) -> list[tuple]:
        """(column, its select, its sample values, the questions about it) for the columns table."""
        asked: dict[int, list[str]] = {}
        for question in questions:
            if question.column is not None:
                asked.setdefault(question.column, []).append(question.problem.message)
        return [
            (self.header.column(index), self[f"column_{index}"], found.get(index, []), asked.get(index, []))
            for index in self.columns
        ]


def upload_for(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    upload_id: int,
    into: str,
    into_id: int,
    into_queryset: type[Model] | QuerySet,
    perm: str,
) -> Upload | None:
    """An upload (a `queryset` of a core.models.Upload) as the person who uploaded it sees it, under what it
    is imported into (`into`, e.g. `scorecard`, whose id the URL gives): 404 for anyone else or under
    anything else; 403 when they may no longer do `perm` to it. None when it is no longer kept (cleaned up
    after UPLOAD_KEEP_HOURS, imported, replaced by a newer upload, or its file lost) and the person may do
    `perm` to what it was for."""
    upload = queryset.filter(pk=upload_id).first()
    if upload is None:
        access.get_for_user(request.user, into_queryset, perm, pk=into_id)
        return None
    if upload.uploaded_by_id != request.user.pk or getattr(upload, f"{into}_id") != into_id:
        raise Http404
    access.require_perm(request.user, perm, getattr(upload, into))
    upload.uploaded_by = request.user  # the same person, whose roles are already read
    return upload if upload.file.storage.exists(upload.file.name) else None


def upload_gone(request: HttpRequest, import_url: str) -> HttpResponse:
    """Back to the import page, saying why the upload is not there any more."""
    hours = settings.UPLOAD_KEEP_HOURS
    messages.warning(
        request,
        ngettext(
            "The file you uploaded is no longer kept: an upload that is not imported is deleted after "
            "%(hours)s hour. Upload the file again.",
            "The file you uploaded is no longer kept: an upload that is not imported is deleted after "
            "%(hours)s hours. Upload the file again.",
            hours,
        )
        % {"hours": hours},
    )
    return redirect(import_url)

"""A scorecard file imported the way a person goes through it: the upload is stored (`scorecard_upload`),
its columns are chosen (`scorecard_upload_map`) and its preview looked at, and confirming writes it all or
nothing (`scorecard_upload_confirm`), at once or by a worker (services.SCORECARD_FILE). Nothing is written
before the confirmation. A file in the product's own layout (its template, its exports) is imported at once,
as before; the confirmed mapping of any other file is remembered for the scorecard, so that next year's file
with the same headers goes straight to the preview.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core import intake, tables, uploads
from core.import_problems import ImportSummary

from . import services
from .excel import LIMITS, Mapping, Remembered, ScorecardReading, read_scorecard
from .models import ImportMapping, Scorecard, ScorecardImport, ScorecardUpload

# What the column page reads of a file of any size: the rows where a header may stand, and some below it.
HEAD_ROWS = tables.HEADER_SEARCH_ROWS + 20


def remembered_mapping(*, scorecard: Scorecard) -> Remembered | None:
    stored = ImportMapping.objects.filter(scorecard=scorecard).first()
    return Remembered(stored.columns, stored.headings) if stored else None


def _remember(*, scorecard: Scorecard, reading: ScorecardReading, user: AbstractBaseUser | None) -> None:
    confirmed = Remembered.of(reading.header, reading.mapping).merged_into(
        remembered_mapping(scorecard=scorecard)
    )
    ImportMapping.objects.update_or_create(
        scorecard=scorecard,
        defaults={"columns": confirmed.columns, "headings": confirmed.headings, "updated_by": user},
    )


@transaction.atomic
def scorecard_upload(
    *, scorecard: Scorecard, user: AbstractBaseUser, content: bytes, file_name: str
) -> ImportSummary | ScorecardImport | ScorecardUpload:
    """An uploaded file: imported at once (or by a worker) when it is in the product's own layout; refused
    when it cannot be read at all; else kept for its columns to be chosen, with the mapping remembered for
    the scorecard already chosen when the file's headers are the ones it knows. Reads only the file's first
    rows, whatever its size."""
    try:
        intake.work_size(content, file_name, LIMITS)
    except intake.FileRefused as exc:
        return ImportSummary.refused_file(exc.message)
    head = read_scorecard(
        content, file_name, remembered=remembered_mapping(scorecard=scorecard), head=HEAD_ROWS
    )
    if head.grid is None:
        return ImportSummary(problems=head.parsed.problems)
    if head.source == "proposed" and head.own_layout:
        return services.SCORECARD_FILE.upload(into=scorecard, user=user, content=content, file_name=file_name)
    return uploads.upload_keep(
        ScorecardUpload,
        user=user,
        content=content,
        file_name=file_name,
        into={"scorecard": scorecard},
        mapping=head.mapping.to_json() if head.source == "remembered" else {},
    )


def scorecard_upload_read(
    *, upload: ScorecardUpload, mapping: Mapping | None = None, head: int | None = None
) -> ScorecardReading:
    """The stored file read with the mapping given, else the one chosen for it, else the proposed one."""
    mapping = mapping or Mapping.from_json(upload.mapping)
    return read_scorecard(uploads.upload_content(upload), upload.file_name, mapping=mapping, head=head)


def scorecard_upload_columns(*, upload: ScorecardUpload, header_start: int | None = None) -> ScorecardReading:
    """The head of the stored file as its column page shows it: with the header starting at the row a
    person pointed at (an index; the mapping chosen before is kept if its header starts there too), else
    with the mapping chosen before, else as proposed; when no header is found, the first filled row is
    offered as the header."""
    chosen = Mapping.from_json(upload.mapping)
    content = uploads.upload_content(upload)
    if header_start is not None and not (chosen and chosen.header_rows[0] == header_start):
        return read_scorecard(content, upload.file_name, header_start=header_start, head=HEAD_ROWS)
    reading = read_scorecard(content, upload.file_name, mapping=chosen, head=HEAD_ROWS)
    if reading.header is None and reading.grid is not None:
        first = next((i for i, row in enumerate(reading.grid.rows) if any(not cell.empty for cell in row)), 0)
        reading = read_scorecard(content, upload.file_name, header_start=first, head=HEAD_ROWS)
    return reading


def scorecard_upload_map(*, upload: ScorecardUpload, mapping: Mapping) -> ScorecardUpload:
    """Keeps the mapping a person chose (or the directions they chose in the preview) for the upload."""
    upload.mapping = mapping.to_json()
    upload.save(update_fields=["mapping"])
    return upload


@transaction.atomic
def scorecard_upload_confirm(
    *, upload: ScorecardUpload, user: AbstractBaseUser
) -> ImportSummary | ScorecardImport:
    """Imports the upload as its preview shows it: all or nothing, at once when the file is small, else by a
    worker (whose job page follows it). A file with problems writes nothing and returns them. The mapping
    is remembered for the scorecard, and the upload is removed."""
    content = uploads.upload_content(upload)
    reading = read_scorecard(content, upload.file_name, mapping=Mapping.from_json(upload.mapping))
    if reading.mapping is None or reading.problems:
        return ImportSummary(problems=reading.problems)
    scorecard = upload.scorecard
    _remember(scorecard=scorecard, reading=reading, user=user)
    outcome = services.SCORECARD_FILE.upload(
        into=scorecard,
        user=user,
        content=content,
        file_name=upload.file_name,
        options=reading.mapping.to_json(),
        parsed=reading.parsed,
    )
    if not (isinstance(outcome, ImportSummary) and outcome.refused):
        uploads.upload_forget(upload)
    return outcome


def scorecard_file_remember(
    *, scorecard: Scorecard, reading: ScorecardReading, user: AbstractBaseUser | None
) -> None:
    """Remembers the mapping a file was imported with (by the command), unless it is the product's own."""
    if not reading.own_layout:
        _remember(scorecard=scorecard, reading=reading, user=user)

"""A gains file imported the way a person goes through it, as the scorecard import does (scorecards.imports):
the upload is stored (`gains_upload`), its columns chosen (`gains_upload_map`), its preview looked at with the
unit, the sign and what each row becomes, and confirming writes it all or nothing (`gains_upload_confirm`), at
once or by a worker (`PLAN_FILE`). Nothing is written before the confirmation, and nothing is created that
the person did not choose: a project proposal only for a row they said should become one. A file in the
product's own layout (its template, its export) is imported at once, as before; the confirmed mapping of
any other file is remembered for the programme, so that next year's file goes straight to the preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from core import access, import_jobs, intake, tables, uploads
from core.import_problems import ImportProblem, ImportRefused, ImportSummary, ParsedFile
from programmes.models import Programme, Project, SubProgramme
from programmes.services import project_create

from .. import excel, reading, selectors
from ..models import BenefitImportMapping, BenefitPlanImport, BenefitUpload
from .imports import benefit_plan_import, benefit_plan_parse, ledger_last_year, project_lookup

# What the column page reads of a file of any size: the rows where a header may stand, and some below it.
HEAD_ROWS = tables.HEADER_SEARCH_ROWS + 20


@dataclass
class GainsParsed(ParsedFile):
    """A mapped gains file as the write step takes it: the rows, and the projects to propose first (by
    name, with the rows that name them), into the sub-programme chosen."""

    rows: list[excel.ImportRow] = field(default_factory=list)
    proposals: dict[str, list[int]] = field(default_factory=dict)  # name → indexes into rows
    sub_programme: int | None = None
    file_name: str = ""


def remembered_mapping(*, programme: Programme) -> reading.Remembered | None:
    stored = BenefitImportMapping.objects.filter(programme=programme).first()
    return reading.Remembered(stored.columns, stored.scale, stored.negative_gains) if stored else None


def _remember(*, programme: Programme, gains: reading.GainsReading, user: AbstractBaseUser | None) -> None:
    older = remembered_mapping(programme=programme)
    columns = tables.RememberedColumns.of(gains.header, gains.mapping.columns, reading.ROLES)
    BenefitImportMapping.objects.update_or_create(
        programme=programme,
        defaults={
            "columns": columns.merged_into(older.columns if older else None),
            # A unit the file stated is the file's; the one a person chose is kept for the next file.
            "scale": gains.mapping.scale
            if gains.scale_source == "chosen"
            else (older.scale if older else None),
            "negative_gains": gains.negative_gains,
            "updated_by": user,
        },
    )


def read_upload(
    *,
    content: bytes,
    file_name: str,
    programme: Programme,
    user: AbstractBaseUser | None,
    mapping: reading.GainsMapping | None = None,
    header_start: int | None = None,
    remembered: reading.Remembered | None = None,
    head: int | None = None,
) -> reading.GainsReading:
    """A gains file read against the programme's projects (those `user` may import for) and people, and
    the last year of its gains ledger."""
    return reading.read_gains(
        content,
        file_name,
        projects=project_lookup(programme=programme, user=user),
        people=selectors.people_by_name(),
        mapping=mapping,
        header_start=header_start,
        remembered=remembered,
        head=head,
        last_year=ledger_last_year(programme=programme),
    )


@transaction.atomic
def gains_upload(
    *, programme: Programme, user: AbstractBaseUser, content: bytes, file_name: str
) -> ImportSummary | BenefitPlanImport | BenefitUpload:
    """An uploaded file: imported at once (or by a worker) when it is a workbook in the product's own layout;
    refused when it cannot be read at all; else kept for its columns to be chosen, with the mapping
    remembered for the programme already chosen when the file's headers are the ones it knows. Reads only
    the file's first rows, whatever its size."""
    try:
        intake.work_size(content, file_name, excel.LIMITS)
    except intake.FileRefused as exc:
        return ImportSummary.refused_file(exc.message)
    head = read_upload(
        content=content,
        file_name=file_name,
        programme=programme,
        user=user,
        remembered=remembered_mapping(programme=programme),
        head=HEAD_ROWS,
    )
    if head.grid is None or head.header is None:
        return ImportSummary(problems=head.file_problems)
    if head.source == "proposed" and head.own_layout and not tables.is_csv(file_name):
        return PLAN_FILE.upload(into=programme, user=user, content=content, file_name=file_name)
    return uploads.upload_keep(
        BenefitUpload,
        user=user,
        content=content,
        file_name=file_name,
        into={"programme": programme},
        mapping=head.mapping.to_json() if head.source == "remembered" else {},
    )


def gains_upload_read(
    *, upload: BenefitUpload, mapping: reading.GainsMapping | None = None, head: int | None = None
) -> reading.GainsReading:
    """The stored file read with the mapping given, else the one chosen for it, else the proposed one."""
    return read_upload(
        content=uploads.upload_content(upload),
        file_name=upload.file_name,
        programme=upload.programme,
        user=upload.uploaded_by,
        mapping=mapping or reading.GainsMapping.from_json(upload.mapping),
        head=head,
    )


def gains_upload_columns(*, upload: BenefitUpload, header_start: int | None = None) -> reading.GainsReading:
    """The head of the stored file as its column page shows it: with the header starting at the row a
    person pointed at (an index; the mapping chosen before is kept if its header starts there too), else
    with the mapping chosen before, else as proposed; when no header is found, the first filled row is
    offered as the header."""
    chosen = reading.GainsMapping.from_json(upload.mapping)
    read = {
        "content": uploads.upload_content(upload),
        "file_name": upload.file_name,
        "programme": upload.programme,
        "user": upload.uploaded_by,
        "head": HEAD_ROWS,
    }
    if header_start is not None and not (chosen and chosen.header_rows[0] == header_start):
        return read_upload(**read, header_start=header_start)
    found = read_upload(**read, mapping=chosen)
    if found.header is None and found.grid is not None:
        first = next((i for i, row in enumerate(found.grid.rows) if any(not cell.empty for cell in row)), 0)
        found = read_upload(**read, header_start=first)
    return found


def gains_upload_map(*, upload: BenefitUpload, mapping: reading.GainsMapping) -> BenefitUpload:
    """Keeps what a person chose for the upload: its columns, or the unit, sign and row choices."""
    upload.mapping = mapping.to_json()
    upload.save(update_fields=["mapping"])
    return upload


def sub_programmes(*, programme: Programme, user: AbstractBaseUser) -> list[SubProgramme]:
    """The sub-programmes a proposal from a file may go into: any of the programme's, when the person may
    register projects at all."""
    if not access.has_perm(user, "programmes.add_project"):
        return []
    return list(programme.sub_programmes.all())


def _parsed(gains: reading.GainsReading, *, file_name: str) -> GainsParsed:
    rows, proposals = reading.gain_rows_to_import(gains)
    parsed = GainsParsed(rows=rows, sub_programme=gains.mapping.sub_programme, file_name=file_name)
    by_row = {row.row: index for index, row in enumerate(rows)}
    for proposal in proposals:
        parsed.proposals.setdefault(proposal.title[:200], []).append(by_row[proposal.row])
    return parsed


def gains_parse(*, programme: Programme, user, content: bytes, file_name: str, options: dict) -> GainsParsed:
    """The parse step of a mapped file (PLAN_FILE's, also in the worker): its problems, else its rows."""
    mapping = reading.GainsMapping.from_json(options)
    gains = read_upload(content=content, file_name=file_name, programme=programme, user=user, mapping=mapping)
    problems = gains.problems + _proposal_problems(gains, programme=programme, user=user)
    if problems or gains.mapping is None:
        return GainsParsed(problems=problems)
    return _parsed(gains, file_name=file_name)


def _proposal_problems(gains: reading.GainsReading, *, programme: Programme, user) -> list[ImportProblem]:
    if gains.mapping is None or not any(row.decision == reading.CREATE for row in gains.rows):
        return []
    if user is not None and not access.has_perm(user, "programmes.add_project"):
        return [ImportProblem.for_file(_("You may not register projects, so no row can become a proposal."))]
    if not programme.sub_programmes.filter(pk=gains.mapping.sub_programme).exists():
        return [
            ImportProblem.for_file(
                _("Choose the sub-programme the project proposals are to be registered in.")
            )
        ]
    return []


def gains_write(*, programme: Programme, user, parsed) -> ImportSummary:
    """The write step: the product's own layout as before; a mapped file's project proposals first (one per
    name, in the idea phase, with the importer as owner and leader, the file and row as its need), then its
    gains, all in the caller's transaction.

    Two imports into one programme are written one after the other (a lock on the programme's row): the
    second then finds the gains and proposals the first stored and updates them, instead of failing on the
    names the first has just taken."""
    Programme.objects.select_for_update().filter(pk=programme.pk).exists()
    if not isinstance(parsed, GainsParsed):
        return benefit_plan_import(programme=programme, user=user, rows=parsed.rows)
    created = 0
    if parsed.proposals:
        sub_programme = programme.sub_programmes.filter(pk=parsed.sub_programme).first()
        if sub_programme is None:
            raise ImportRefused(
                [
                    ImportProblem.for_file(
                        _("Choose the sub-programme the project proposals are to be registered in.")
                    )
                ]
            )
        taken = {
            name.casefold()
            for name in Project.objects.filter(sub_programme=sub_programme).values_list("name", flat=True)
        }
        for name, indexes in parsed.proposals.items():
            first = parsed.rows[indexes[0]]
            if name.casefold() in taken:
                raise ImportRefused(
                    [
                        ImportProblem(
                            first.row,
                            "",
                            _("The sub-programme already has a project named «%(name)s»; link the row to it.")
                            % {"name": name},
                        )
                    ]
                )
            project = project_create(
                user=user,
                data={
                    "sub_programme": sub_programme,
                    "name": name,
                    "need": _("Proposed from row %(row)s of the gains file «%(file)s».")
                    % {"row": first.row, "file": parsed.file_name},
                    "owner": user,
                    "leader": user,
                },
            )
            taken.add(name.casefold())
            created += 1
            for index in indexes:
                parsed.rows[index].project_id = project.pk
    summary = benefit_plan_import(programme=programme, user=user, rows=parsed.rows)
    if created:
        summary.say(
            _("%(count)s project proposals were registered in «%(sub_programme)s».")
            % {"count": created, "sub_programme": sub_programme.name}
        )
    return summary


@transaction.atomic
def gains_upload_confirm(
    *, upload: BenefitUpload, user: AbstractBaseUser
) -> ImportSummary | BenefitPlanImport:
    """Imports the upload as its preview shows it: all or nothing, at once when the file is small, else by a
    worker (whose job page follows it). A file with problems writes nothing and returns them. The mapping
    is remembered for the programme, and the upload is removed."""
    content = uploads.upload_content(upload)
    mapping = reading.GainsMapping.from_json(upload.mapping)
    gains = read_upload(
        content=content, file_name=upload.file_name, programme=upload.programme, user=user, mapping=mapping
    )
    problems = gains.problems + _proposal_problems(gains, programme=upload.programme, user=user)
    if gains.mapping is None or problems:
        return ImportSummary(problems=problems)
    _remember(programme=upload.programme, gains=gains, user=user)
    outcome = PLAN_FILE.upload(
        into=upload.programme,
        user=user,
        content=content,
        file_name=upload.file_name,
        options=gains.mapping.to_json(),
        parsed=_parsed(gains, file_name=upload.file_name),
    )
    if not (isinstance(outcome, ImportSummary) and outcome.refused):
        uploads.upload_forget(upload)
    return outcome


PLAN_FILE = import_jobs.FileImport(
    BenefitPlanImport,
    into="programme",
    limits=excel.LIMITS,
    accepts_csv=True,
    parse=lambda programme, user, content, file_name, options: (
        gains_parse(programme=programme, user=user, content=content, file_name=file_name, options=options)
        if options
        else benefit_plan_parse(programme=programme, content=content, user=user)
    ),
    write=lambda programme, user, parsed: gains_write(programme=programme, user=user, parsed=parsed),
    task="benefits.tasks.import_benefit_plan_file",
    options="options",
)


def gains_file_remember(
    *, programme: Programme, gains: reading.GainsReading, user: AbstractBaseUser | None
) -> None:
    """Keeps the mapping of a file just imported for the programme, as confirming its preview does, so that
    next year's file from the same source is read the same way (the management command)."""
    _remember(programme=programme, gains=gains, user=user)

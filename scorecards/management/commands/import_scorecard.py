"""`import_scorecard FILE --title "…"`: reads a scorecard from Excel or CSV into the scorecard with that title,
finding the header and what each column holds as the import page does; `--dry-run` prints the preview, and a
file whose columns leave a question open (which column is the indicator, which year a result is for) is
imported once `--mapping FILE` answers it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from core import tables
from core.commands import ImportCommand, file_problem
from scorecards import excel, imports, selectors, services, values
from scorecards.excel.layout import HEADING_ROLES, IGNORE, RESULT, ROLE_WORDS, TARGET
from scorecards.models import Scorecard


def _help() -> str:
    return _(
        "Import a scorecard from an Excel (.xlsx) or CSV file: an annual report's table (the header is found "
        "below title rows, and what each column holds is read from its header, e.g. «Måleindikator», "
        "«Mål 2024», «Resultat 2024») or the exported long form. All or nothing: with any error nothing is "
        "imported, every error is printed and the exit code is 1. At most %(mb)s MB and %(rows)s rows."
    ) % {"mb": excel.MAX_FILE_BYTES // (1024 * 1024), "rows": excel.MAX_ROWS}


class Command(ImportCommand):
    help = lazy(_help, str)()

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("The .xlsx or .csv file to import."))
        parser.add_argument(
            "--title",
            required=True,
            metavar=_("TITLE"),
            help=_("The scorecard's title; created if it does not exist."),
        )
        parser.add_argument(
            "--owner", metavar=_("USERNAME"), help=_("Username of the owner of a new scorecard.")
        )
        parser.add_argument(
            "--service-area",
            default="",
            metavar=_("SERVICE-AREA"),
            help=_("Service area of a new scorecard."),
        )
        parser.add_argument(
            "--function-code",
            metavar=_("FUNCTION"),
            help=_("KOSTRA function of a new scorecard (default: the title's «120:» prefix)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Print what would be stored, indicator by indicator, and store nothing."),
        )
        parser.add_argument(
            "--mapping",
            type=Path,
            metavar=_("MAPPING-FILE"),
            help=_(
                "A JSON or YAML file saying what the columns hold, header → role, e.g. "
                '{"Område / Måleindikator": "indikator", "Resultat ved sist måling": "resultat 2016"}. '
                "Roles: indikator, område, perspektiv, enhet, retning, år, «mål YYYY», «resultat YYYY», "
                "ignorer; also «overskriftsrad» (the header's row) and «mellomoverskrifter» (område, "
                "perspektiv or ignorer)."
            ),
        )

    def handle(
        self,
        *args,
        file: Path,
        title: str,
        owner: str | None,
        service_area: str,
        function_code,
        dry_run: bool,
        mapping: Path | None,
        **options,
    ):
        content = self.read_file(file, excel.LIMITS)
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(_("No user has the username «%(username)s».") % {"username": owner})
        existing = selectors.scorecard_by_title(title)
        remembered = imports.remembered_mapping(scorecard=existing) if existing else None
        reading = excel.read_scorecard(content, file.name, remembered=remembered)
        if mapping is not None:
            reading = self.answered(content, file, reading, read_mapping_file(mapping))
        if dry_run:
            self.print_preview(reading)
            return
        if reading.questions:
            self.ask(file, reading)
        if reading.problems:
            raise self.refused(file, reading.problems)
        # A new scorecard is made only for a file that imports.
        with transaction.atomic():
            scorecard = existing or self.create(
                title, user=user, service_area=service_area, function_code=function_code
            )
            summary = services.scorecard_import(scorecard=scorecard, parsed=reading.parsed, user=user)
            imports.scorecard_file_remember(scorecard=scorecard, reading=reading, user=user)
        self.report(file, summary)
        self.stdout.write(self.style.SUCCESS(_("Imported into «%(title)s».") % {"title": scorecard.title}))

    def answered(self, content: bytes, file: Path, reading, answers: dict) -> excel.ScorecardReading:
        """The file read again with the mapping file's answers over the proposed (or remembered) mapping."""
        start = answers.pop("overskriftsrad", None)
        headings = answers.pop("mellomoverskrifter", None)
        if start is not None:
            reading = excel.read_scorecard(content, file.name, header_start=start - 1)
        if reading.header is None or reading.mapping is None:
            raise self.refused(file, reading.problems)
        columns = dict(reading.mapping.columns)
        for key, role in answers.items():
            column = _column_named(reading.header, key)
            if column is None:
                raise CommandError(
                    _(
                        "The mapping file names the column «%(name)s», which the header row (row %(row)s) does not have: %(headers)s."
                    )
                    % {"name": key, "row": reading.header.row_numbers, "headers": _headers(reading.header)}
                )
            if role.key == IGNORE:
                columns.pop(column.index, None)
            else:
                columns[column.index] = role
        chosen = reading.mapping.replace(columns=columns, headings=headings or reading.mapping.headings)
        return excel.read_scorecard(content, file.name, mapping=chosen)

    def ask(self, file: Path, reading: excel.ScorecardReading) -> None:
        """Stops with the questions the file's columns leave open and how to answer them."""
        self.stderr.write(
            _("The header row is row %(row)s: %(headers)s.")
            % {"row": reading.header.row_numbers, "headers": _headers(reading.header)}
        )
        for question in reading.questions:
            self.stderr.write(str(question.problem))
        raise CommandError(
            _(
                "%(file)s was not imported: what its columns hold must be settled first. Answer with --mapping "
                'FILE, a JSON file of header → role, e.g. {"%(header)s": "indikator"}. Nothing was changed.'
            )
            % {"file": file.name, "header": next((c.header for c in reading.header.named), "Indikator")}
        )

    def print_preview(self, reading: excel.ScorecardReading) -> None:
        """The preview as text: how the file is read, then each indicator with its values, statuses and
        problems, in Norwegian; nothing is stored."""
        write = self.stdout.write
        if reading.header is None:
            for problem in reading.problems:
                write(str(problem))
            write(_("Nothing was stored (--dry-run)."))
            return
        write(
            _("The header row is row %(row)s: %(headers)s.")
            % {"row": reading.header.row_numbers, "headers": _headers(reading.header)}
        )
        for column in reading.header.columns:
            role = reading.mapping.columns.get(column.index)
            if column.header or role:
                write(
                    _("  Column %(letter)s «%(header)s» → %(role)s")
                    % {
                        "letter": column.letter,
                        "header": column.header,
                        "role": excel.role_label(role or tables.ColumnRole(IGNORE)),
                    }
                )
        for question in reading.questions:
            write(_("Question: %(question)s") % {"question": question.problem})
        preview = excel.build_preview(reading)
        for entry in preview.entries:
            if isinstance(entry, excel.PreviewHeading):
                write(_("Row %(row)s: heading «%(text)s»") % {"row": entry.row, "text": entry.text})
                continue
            item = entry.indicator
            direction = excel.direction_text(item.direction)
            if entry.direction_source == "inferred":
                direction = _("%(direction)s, inferred: %(reason)s") % {
                    "direction": direction,
                    "reason": item.direction_inferred,
                }
            write(
                _("Row %(row)s: %(name)s (%(group)s; %(direction)s)")
                % {
                    "row": item.row,
                    "name": item.name,
                    "group": " / ".join(part for part in (item.area, item.perspective) if part) or "–",
                    "direction": direction,
                }
            )
            for year in entry.years:
                if not any(year.covered):
                    continue
                write(
                    _("    %(year)s: target %(target)s, result %(result)s → %(status)s")
                    % {
                        "year": year.year,
                        "target": _cell(year.target),
                        "result": _cell(year.result),
                        "status": values.STATUS_LABELS[year.status],
                    }
                )
            for note in item.notes:
                write(_("    Note: %(note)s") % {"note": note})
            for problem in entry.problems:
                write(f"    {problem}")
        for problem in preview.other_problems:
            write(str(problem))
        for note in reading.parsed.notes:
            write(_("Note under the table: %(note)s") % {"note": note})
        write(_("Nothing was stored (--dry-run)."))

    def create(self, title: str, *, user, service_area: str, function_code: str | None) -> Scorecard:
        if function_code is None:
            match = re.match(r"^\s*([\d/ ,]+?)\s*:", title)
            function_code = match.group(1) if match else ""
        scorecard = services.scorecard_create(
            user=user,
            data={
                "title": title.strip(),
                "service_area": service_area,
                "function_code": function_code,
                "owner": user,
            },
        )
        self.stdout.write(_("Created the scorecard «%(title)s».") % {"title": scorecard.title})
        return scorecard


def _headers(header: tables.Header) -> str:
    return ", ".join(f"{column.letter} «{column.header}»" for column in header.named) or "–"


def _cell(cell: excel.ParsedCell | None) -> str:
    if cell is None:
        return "–"
    parsed = str(cell.value)
    return parsed if parsed == cell.original else f"{parsed} («{cell.original}»)"


def _column_named(header: tables.Header, name: str) -> tables.Column | None:
    """The column a mapping file names by its header (compared as headers are) or by its letter."""
    wanted = tables.normalise(name)
    for column in header.columns:
        if column.header and tables.normalise(column.header) == wanted:
            return column
    return next((column for column in header.columns if column.letter == name.strip().upper()), None)


def read_mapping_file(path: Path) -> dict:
    """The answers of a mapping file: a JSON object, or YAML's flat `header: role` lines; the roles as
    core.tables.ColumnRole, `overskriftsrad` as a row number and `mellomoverskrifter` as a heading role."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s.") % {"file": path, "reason": file_problem(exc)}
        ) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(_("%(file)s is not a text file in UTF-8.") % {"file": path.name}) from exc
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else _flat_yaml(text)
    except ValueError as exc:
        raise CommandError(
            _("%(file)s is neither JSON nor YAML of «header: role» lines (%(reason)s).")
            % {"file": path.name, "reason": exc}
        ) from exc
    if not isinstance(data, dict):
        raise CommandError(_("%(file)s must map headers to roles.") % {"file": path.name})
    answers: dict = {}
    for key, value in data.items():
        word = str(key).strip().casefold()
        if word == "overskriftsrad":
            if not str(value).strip().isdigit() or int(value) < 1:
                raise CommandError(
                    _("«overskriftsrad» must be a row number, not «%(value)s».") % {"value": value}
                )
            answers[word] = int(value)
        elif word == "mellomoverskrifter":
            role = ROLE_WORDS.get(str(value).strip().casefold())
            if role not in HEADING_ROLES:
                raise CommandError(
                    _("«mellomoverskrifter» must be område, perspektiv or ignorer, not «%(value)s».")
                    % {"value": value}
                )
            answers[word] = role
        else:
            answers[str(key)] = _role(str(key), str(value))
    return answers


_ROLE_WITH_YEAR = re.compile(r"^(.*?)\s*((?:19|20)\d{2})?$")


def _role(header: str, text: str) -> tables.ColumnRole:
    match = _ROLE_WITH_YEAR.match(text.strip().casefold())
    key = ROLE_WORDS.get(match.group(1))
    year = int(match.group(2)) if match.group(2) else None
    if key is None or (year is not None and key not in (TARGET, RESULT)):
        raise CommandError(
            _(
                "«%(role)s» for the column «%(header)s» is not a role. Write indikator, område, perspektiv, enhet, "
                "retning, år, «mål YYYY», «resultat YYYY» or ignorer."
            )
            % {"role": text, "header": header}
        )
    return tables.ColumnRole(key, year)


def _flat_yaml(text: str) -> dict:
    """YAML's flat mapping (`"Område / Måleindikator": indikator`), as a mapping file needs it."""
    data = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.rpartition(":")
        if not colon or not key.strip():
            raise ValueError(_("line %(line)s has no «header: role»") % {"line": number})
        data[key.strip().strip("'\"")] = value.strip().strip("'\"")
    return data

"""`import_benefits FILE`: imports gains from an Excel or CSV file into a programme, all or nothing, through the
import page's own reading and write (benefits.services.gains_files and its PLAN_FILE): the product's own layout
is imported as before; any other gains or savings table has its header found and its columns, unit and sign
proposed as the page proposes them. `--dry-run` prints the preview and stores nothing. Without it the file is
imported at once when nothing is left open, and the command stops, writing nothing, with the question when
something is (which column names the measures, which unit, which sign is a gain, rows that match no project,
the sub-programme of the proposals); `--mapping FILE` answers it (see _gains_mapping).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from benefits import excel, reading, selectors
from benefits.models import is_financial
from benefits.services import gains_files, project_lookup
from benefits.services.gains_files import PLAN_FILE
from core import access, tables
from core.commands import ImportCommand, file_problem
from core.import_jobs import import_content
from core.import_problems import ImportProblem
from core.numbers import format_kroner, format_number
from programmes.models import Programme

from ._gains_mapping import Answers, MappingFileError, read_answers
from ._programme import add_programme_argument, find_programme


def _help() -> str:
    return _(
        "Import gains from an Excel (.xlsx) or CSV file: the product's own gain plan, or a savings table as a "
        "budget or business plan prints it (the header is found below title rows; the unit, e.g. «Tall i 1000 "
        "kr», is read from the sheet). All or nothing: with any error nothing is imported, every error is "
        "printed and the exit code is 1; so it is when the file leaves a question open, which --mapping "
        "answers. At most %(mb)s MB and %(rows)s rows."
    ) % {"mb": excel.MAX_BYTES // (1024 * 1024), "rows": excel.MAX_ROWS}


class Command(ImportCommand):
    help = lazy(_help, str)()

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("The .xlsx or .csv file to import."))
        add_programme_argument(parser)
        parser.add_argument(
            "--bruker",
            "--user",
            dest="user",
            metavar=_("USERNAME"),
            help=_(
                "Username recorded in the change log as the one who imported; owner and leader of the project "
                "proposals the file creates (required when it creates any)."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Print what would be stored, row by row, and store nothing."),
        )
        parser.add_argument(
            "--mapping",
            type=Path,
            metavar=_("MAPPING-FILE"),
            help=_(
                "A text file answering what the file leaves open, one «setting: answer» per line: «enhet: 1000 "
                "kr» (or kroner, mill. kr), «fortegn: negativ er gevinst» (or positiv er gevinst), «ukoblede: "
                "hopp over» (or forslag), «delprogram: NAME», «type: Redusert kostnad», «overskriftsrad: 6», "
                "«kolonne A: tiltak», «kolonne B: plan 2018», «rad 7: prosjekt NAME», «rad 8: forslag», «rad 9: "
                "hopp over»."
            ),
        )

    def handle(
        self,
        *args,
        file: Path,
        programme: str | None,
        user: str | None,
        dry_run: bool,
        mapping: Path | None,
        **options,
    ):
        found = find_programme(programme)
        importer = self.user_named(user)
        content = self.read_file(file, excel.LIMITS)
        answers = self.read_answers(mapping) if mapping is not None else None

        def read(**how) -> reading.GainsReading:
            return gains_files.read_upload(
                content=content, file_name=file.name, programme=found, user=None, **how
            )

        gains = read(remembered=gains_files.remembered_mapping(programme=found))
        if gains.header is None:
            raise self.refused(file, gains.file_problems)
        own_layout = (
            answers is None
            and gains.source == "proposed"
            and gains.own_layout
            and not tables.is_csv(file.name)
        )
        if answers is not None:
            gains = self.answered(read, gains, answers, programme=found, path=mapping)
        questions = self.questions(gains, programme=found)
        if dry_run:
            Preview(self.stdout.write, gains, programme=found, questions=questions).write_all()
            return
        if own_layout:  # the product's own template or export, as before
            options_json: dict = {}
        else:
            self.settle(file, gains, questions, importer=importer)
            options_json = gains.mapping.to_json()
        with transaction.atomic():
            summary = import_content(
                parse=lambda: PLAN_FILE.parse(found, None, content, file.name, options_json),
                write=lambda parsed: PLAN_FILE.write(found, importer, parsed),
            )
            if options_json and not summary.refused:
                gains_files.gains_file_remember(programme=found, gains=gains, user=importer)
        self.report(file, summary)

    # --- The mapping file ----------------------------------------------------------------------------------

    def read_answers(self, path: Path) -> Answers:
        try:
            return read_answers(path)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s.") % {"file": path, "reason": file_problem(exc)}
            ) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(_("%(file)s is not a text file in UTF-8.") % {"file": path.name}) from exc
        except MappingFileError as exc:
            raise _wrong_line(path, exc.line, exc.message) from exc

    def answered(
        self,
        read: Callable[..., reading.GainsReading],
        gains: reading.GainsReading,
        answers: Answers,
        *,
        programme: Programme,
        path: Path,
    ) -> reading.GainsReading:
        """The file read again with the answers over the proposed (or remembered) mapping; an answer that does
        not fit the file (a column it does not have, a project or sub-programme the programme does not have, a
        row that is not one of its gains) is refused naming its line."""
        if answers.header_row is not None:
            gains = read(header_start=answers.header_row - 1)
            if gains.header is None:
                raise _wrong_line(path, answers.lines["overskriftsrad"], str(gains.file_problems[0]))
        columns = dict(gains.mapping.columns)
        for answer in answers.columns:
            column = _column_named(gains.header, answer.column)
            if column is None:
                raise _wrong_line(
                    path,
                    answer.line,
                    _(
                        "The mapping file names the column «%(name)s», which the header row (row %(row)s) does "
                        "not have: %(headers)s."
                    )
                    % {
                        "name": answer.column,
                        "row": gains.header.row_numbers,
                        "headers": _headers(gains.header),
                    },
                )
            if answer.role.key == reading.IGNORE:
                columns.pop(column.index, None)
            else:
                columns[column.index] = answer.role
        changes: dict = {"columns": columns, "rows": dict(gains.mapping.rows)}
        if answers.scale is not None:
            changes["scale"] = answers.scale
        if answers.negative_gains is not None:
            changes["negative_gains"] = answers.negative_gains
        if answers.unmatched:
            changes["unmatched"] = answers.unmatched
        if answers.kind:
            changes["kind"] = answers.kind
        if answers.sub_programme:
            sub_programme = programme.sub_programmes.filter(name__iexact=answers.sub_programme).first()
            if sub_programme is None:
                raise _wrong_line(
                    path,
                    answers.lines["delprogram"],
                    _("«%(programme)s» has no sub-programme named «%(name)s». Its sub-programmes: %(names)s.")
                    % {
                        "programme": programme.name,
                        "name": answers.sub_programme,
                        "names": _sub_programme_names(programme),
                    },
                )
            changes["sub_programme"] = sub_programme.pk
        projects = project_lookup(programme=programme)
        for number, answer in answers.rows.items():
            if answer.decision != reading.LINK:
                changes["rows"][number] = answer.decision
                continue
            ids = projects.by_name.get(" ".join(answer.project.split()).casefold(), [])
            if len(ids) != 1:
                raise _wrong_line(
                    path,
                    answer.line,
                    (
                        _("«%(programme)s» has no project named «%(name)s».")
                        if not ids
                        else _("Several projects are named «%(name)s»; write «Sub-programme / Project».")
                    )
                    % {"programme": programme.name, "name": answer.project},
                )
            changes["rows"][number] = f"{reading.LINK}:{ids[0]}"
        gains = read(mapping=gains.mapping.replace(**changes))
        if not any(question.about == "column" for question in gains.questions):
            known = {row.row for row in gains.rows}
            for number, answer in answers.rows.items():
                if number not in known:
                    raise _wrong_line(
                        path,
                        answer.line,
                        _(
                            "Row %(row)s is not one of the rows of gains below the header row (row %(header)s)."
                        )
                        % {"row": number, "header": gains.header.row_numbers},
                    )
        return gains

    # --- Questions -----------------------------------------------------------------------------------------

    def questions(self, gains: reading.GainsReading, *, programme: Programme) -> list[tuple[str, str]]:
        """What must be answered before the file can be imported, each with how to answer it: the reading's
        questions, the rows matched to no project, and the sub-programme of the proposals."""
        found: list[tuple[str, str]] = []
        header = gains.header
        for question in gains.questions:
            if question.about == "scale":
                hint = _("Answer with «enhet: kroner», «enhet: 1000 kr» or «enhet: mill. kr».")
            elif question.about == "sign":
                hint = _(
                    "Answer with «fortegn: negativ er gevinst» or «fortegn: positiv er gevinst»; the numbers "
                    "suggest «%(default)s»."
                ) % {
                    "default": "fortegn: negativ er gevinst"
                    if gains.sign_default
                    else "fortegn: positiv er gevinst"
                }
            else:
                letter = header.column(question.column if question.column is not None else 0).letter
                hint = _(
                    "Answer with the column's role, e.g. «kolonne %(letter)s: tiltak», «kolonne %(letter)s: plan "
                    "2025» or «kolonne %(letter)s: ignorer»."
                ) % {"letter": letter}
            found.append((str(question.problem), hint))
        undecided = [row.row for row in gains.undecided]
        if undecided:
            found.append(
                (
                    ngettext(
                        "Row %(rows)s matches no project: choose whether it is linked to a project, becomes a "
                        "project proposal or is skipped.",
                        "Rows %(rows)s match no project: choose for each whether it is linked to a project, "
                        "becomes a project proposal or is skipped.",
                        len(undecided),
                    )
                    % {"rows": _row_list(undecided)},
                    _(
                        "Answer for each row with «rad %(row)s: prosjekt NAME», «rad %(row)s: forslag» or «rad "
                        "%(row)s: hopp over», or for every row without a project with «ukoblede: hopp over» or "
                        "«ukoblede: forslag»."
                    )
                    % {"row": undecided[0]},
                )
            )
        proposals = _proposals(gains)
        if proposals and not programme.sub_programmes.filter(pk=gains.mapping.sub_programme).exists():
            found.append(
                (
                    ngettext(
                        "Row %(rows)s becomes a project proposal, but no sub-programme is chosen for it.",
                        "Rows %(rows)s become project proposals, but no sub-programme is chosen for them.",
                        len(proposals),
                    )
                    % {"rows": _row_list(proposals)},
                    _("Answer with «delprogram: NAME»; the sub-programmes of «%(programme)s»: %(names)s.")
                    % {"programme": programme.name, "names": _sub_programme_names(programme)},
                )
            )
        return found

    def settle(self, file: Path, gains: reading.GainsReading, questions: list, *, importer) -> None:
        """Stops with what is left open, then with what is wrong, before anything is written."""
        if questions:
            self.stderr.write(
                _("The header row is row %(row)s: %(headers)s.")
                % {"row": gains.header.row_numbers, "headers": _headers(gains.header)}
            )
            for question, hint in questions:
                self.stderr.write(_("Question: %(question)s") % {"question": question})
                if hint:
                    self.stderr.write(f"  {hint}")
            asked = {question for question, _hint in questions}
            for problem in gains.problems:
                if str(problem) not in asked:
                    self.stderr.write(str(problem))
            raise CommandError(
                _(
                    "%(file)s was not imported: the questions above must be answered first, with --mapping FILE "
                    "(a text file of lines such as «enhet: 1000 kr», «fortegn: negativ er gevinst» or «rad 7: "
                    "hopp over»). Nothing was changed."
                )
                % {"file": file.name}
            )
        proposals = _proposals(gains)
        if proposals and importer is None:
            raise CommandError(
                ngettext(
                    "%(file)s was not imported: row %(rows)s becomes a project proposal, which needs an owner and "
                    "a leader; name the user who is to be both with --bruker USERNAME. Nothing was changed.",
                    "%(file)s was not imported: rows %(rows)s become project proposals, which need an owner and "
                    "a leader; name the user who is to be both with --bruker USERNAME. Nothing was changed.",
                    len(proposals),
                )
                % {"file": file.name, "rows": _row_list(proposals)}
            )
        if proposals and not access.has_perm(importer, "programmes.add_project"):
            raise self.refused(
                file,
                [
                    ImportProblem.for_file(
                        _("You may not register projects, so no row can become a proposal.")
                    )
                ],
            )
        if gains.problems:
            raise self.refused(file, gains.problems)


class Preview:
    """The preview as text, in Norwegian: how the file is read (header, columns, unit, sign), what is left
    open, then every row with its amounts as written and in kroner, what it becomes, its sum check and its
    problems; the warnings, the notes, and the gains per year that would be stored. Nothing is stored."""

    def __init__(self, write, gains: reading.GainsReading, *, programme: Programme, questions: list):
        self.write, self.gains, self.questions = write, gains, questions
        self.projects = {p["pk"]: p["name"] for p in selectors.programme_projects(programme_id=programme.pk)}
        self.columns = {value: index for index, value in gains.value_columns.items()}

    def column(self, key: tuple[str, int]) -> str:
        column = self.gains.header.column(self.columns[key])
        return column.header or column.letter

    def write_all(self) -> None:
        gains, write = self.gains, self.write
        header = gains.header
        write(
            _("The header row is row %(row)s: %(headers)s.")
            % {"row": header.row_numbers, "headers": _headers(header)}
        )
        if gains.source == "remembered":
            write(_("The columns are read as confirmed for the programme's last file."))
        for column in header.columns:
            role = gains.mapping.columns.get(column.index)
            if column.header or role:
                write(
                    _("  Column %(letter)s «%(header)s» → %(role)s")
                    % {
                        "letter": column.letter,
                        "header": column.header,
                        "role": reading.role_label(role or tables.ColumnRole(reading.IGNORE)),
                    }
                )
        write(self.unit())
        write(self.sign())
        for question, hint in self.questions:
            write(_("Question: %(question)s") % {"question": question})
            if hint:
                write(f"  {hint}")
        for row in gains.rows:
            self.row(row)
        for problem in gains.file_problems:
            write(str(problem))
        for warning in gains.warnings:
            write(_("Warning: %(warning)s") % {"warning": warning})
        for note in gains.notes:
            write(_("Note under the table: %(note)s") % {"note": note})
        self.totals()
        write(_("Nothing was stored (--dry-run)."))

    def unit(self) -> str:
        gains = self.gains
        if gains.scale is None:
            return _("Unit: not settled.")
        label = reading.SCALE_LABELS[gains.scale]
        if gains.scale_source == "file":
            stated = next(unit for unit in gains.units if unit.scale == gains.scale)
            return _("Unit: %(unit)s, as the file states in row %(row)s: «%(text)s».") % {
                "unit": label,
                "row": stated.row,
                "text": stated.text,
            }
        if gains.scale_source == "own":
            return _("Unit: whole kroner (the product's own layout).")
        return _("Unit: %(unit)s, as chosen.") % {"unit": label}

    def sign(self) -> str:
        gains = self.gains
        if gains.negative_gains is None:
            return _("Sign: not settled.")
        if gains.mapping.negative_gains is None:
            return _("Sign: no amount is negative, so positive numbers are gains.")
        if gains.negative_gains:
            return _("Sign: negative numbers are gains, as chosen.")
        return _("Sign: positive numbers are gains, as chosen.")

    def row(self, row: reading.GainRow) -> None:
        write = self.write
        if row.is_sum and row.decided_by == "sum":
            write(
                _("Row %(row)s: sum row «%(name)s», adds up rows %(rows)s → skipped")
                % {"row": row.row, "name": row.title, "rows": _row_list(row.sum_of) or "–"}
            )
            for check in row.sum_checks:
                write(
                    (
                        _("    %(column)s: printed %(printed)s, the rows add up to %(computed)s: matches")
                        if check.matches
                        else _(
                            "    %(column)s: printed %(printed)s, the rows add up to %(computed)s: does not match"
                        )
                    )
                    % {
                        "column": self.column((check.which, check.year)),
                        "printed": format_number(check.printed),
                        "computed": format_number(check.computed),
                    }
                )
            return
        values = {"row": row.row, "name": row.title, "decision": self.decision(row), "heading": row.heading}
        write(
            (
                _("Row %(row)s: «%(name)s» (under «%(heading)s») → %(decision)s")
                if row.heading
                else _("Row %(row)s: «%(name)s» → %(decision)s")
            )
            % values
        )
        for key, amount in sorted(row.amounts.items(), key=lambda item: self.columns[item[0]]):
            write(self.amount(key, amount, financial=is_financial(row.kind)))
        for note in row.notes:
            write(_("    Note: %(note)s") % {"note": note})
        if row.decision != reading.SKIP:
            for problem in row.problems:
                write(f"    {problem}")

    def amount(self, key: tuple[str, int], amount: reading.Amount, *, financial: bool) -> str:
        column = self.column(key)
        if amount.number is None:
            return _("    %(column)s: «%(original)s», no amount") % {
                "column": column,
                "original": amount.original,
            }
        if amount.kroner is None:
            return f"    {column}: {amount.original}"
        stored = format_kroner(amount.kroner) if financial else format_number(amount.kroner)
        return f"    {column}: {amount.original} → {stored}"

    def decision(self, row: reading.GainRow) -> str:
        project = self.projects.get(row.project_id, "")
        texts = {
            (reading.LINK, "found"): _("linked to the project «%(project)s», which has the same name"),
            (reading.LINK, "person"): _("linked to the project «%(project)s», as chosen"),
            (reading.CREATE, "person"): _("becomes a project proposal, as chosen"),
            (reading.CREATE, "unmatched"): _(
                "becomes a project proposal, as chosen for every row without a project"
            ),
            (reading.SKIP, "person"): _("skipped, as chosen"),
            (reading.SKIP, "unmatched"): _("skipped, as chosen for every row without a project"),
            (reading.SKIP, "sum"): _("skipped (a sum row)"),
        }
        return texts.get((row.decision, row.decided_by), _("undecided")) % {"project": project}

    def totals(self) -> None:
        gains = self.gains
        imported = gains.imported
        by_year: dict[tuple[str, int], Decimal] = {}
        for row in imported:
            if not is_financial(row.kind):
                continue
            for key, amount in row.amounts.items():
                if amount.kroner is not None:
                    by_year[key] = by_year.get(key, Decimal(0)) + amount.kroner
        for which, label in (
            (reading.PLANNED, _("Planned gains to be stored, by year: %(years)s.")),
            (reading.REALISED, _("Realised gains to be stored, by year: %(years)s.")),
            (reading.WITHDRAWAL, _("Budget withdrawals to be stored, by year: %(years)s.")),
            (reading.OPERATING_COST, _("Operating costs to be stored, by year: %(years)s.")),
        ):
            years = sorted(year for kind, year in by_year if kind == which)
            if years:
                self.write(
                    label
                    % {
                        "years": "; ".join(
                            f"{year}: {format_kroner(by_year[(which, year)])}" for year in years
                        )
                    }
                )
        linked = sum(1 for row in imported if row.decision == reading.LINK)
        self.write(
            ngettext(
                "%(imported)s row would be imported (%(linked)s linked to projects, %(proposals)s as project "
                "proposals), %(skipped)s skipped and %(undecided)s undecided.",
                "%(imported)s rows would be imported (%(linked)s linked to projects, %(proposals)s as project "
                "proposals), %(skipped)s skipped and %(undecided)s undecided.",
                len(imported),
            )
            % {
                "imported": len(imported),
                "linked": linked,
                "proposals": len(imported) - linked,
                "skipped": sum(1 for row in gains.rows if row.decision == reading.SKIP),
                "undecided": len(gains.undecided),
            }
        )


def _proposals(gains: reading.GainsReading) -> list[int]:
    return [row.row for row in gains.rows if row.decision == reading.CREATE]


def _row_list(rows) -> str:
    """«7–10», «7, 19», «4–6, 8»."""
    rows = sorted(rows)
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


def _headers(header: tables.Header) -> str:
    return ", ".join(f"{column.letter} «{column.header}»" for column in header.named) or "–"


def _sub_programme_names(programme: Programme) -> str:
    return ", ".join(f"«{name}»" for name in programme.sub_programmes.values_list("name", flat=True)) or "–"


def _column_named(header: tables.Header, name: str) -> tables.Column | None:
    """The column the mapping file names by its header (compared as headers are) or by its letter."""
    wanted = tables.normalise(name)
    for column in header.columns:
        if column.header and tables.normalise(column.header) == wanted:
            return column
    return next((column for column in header.columns if column.letter == name.strip().upper()), None)


def _wrong_line(path: Path, line: int | None, message: str) -> CommandError:
    if line is None:
        return CommandError(_("%(file)s: %(message)s") % {"file": path.name, "message": message})
    return CommandError(
        _("%(file)s, line %(line)s: %(message)s") % {"file": path.name, "line": line, "message": message}
    )

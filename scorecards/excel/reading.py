"""Scorecards read from Excel and CSV as municipalities publish them, without touching the database.

`read_scorecard` reads a file with core.tables: it finds the header, takes the mapping of columns to roles a
person chose, or the one remembered for the scorecard, or proposes one from the headers; and it turns the rows
into a `ParsedScorecard` (typed rows plus core.import_problems.ImportProblem with row, column and a Norwegian
message). What a proposed mapping leaves open (no indicator column, two candidates for it, a result without a
year) are the reading's `questions`. The service `scorecards.services.scorecard_import` writes the rows only
when there are neither questions nor problems. `read_scorecard_file` is the reading with the proposed mapping,
for a file imported as it is (the product's own template and exports, and the command).

Two layouts are read:
- wide, as in annual reports: an indicator column; optional area, perspective, unit and direction columns;
  then any number of target and result columns with the year in the header (`Mål 2024`, `Resultat 2024`; a
  bare `2024` is a result; a note after the year, as in `Resultat 2018 (ikke målt 2019)`, is allowed; or the
  years on a header row of their own, above or below the words);
- long, as exported: `Område`, `Perspektiv`, `Indikator`, `Enhet`, `Retning`, `År`, `Mål`, `Resultat`
  (`Status` is not read: it follows from the values).
An empty area or perspective (a merged cell) repeats the one above it; a heading row inside the table
(«Felles indikatorer:») becomes the area or the perspective of the rows under it, as the mapping says;
the header repeated inside the table (a table in blocks) is skipped; footnotes and notes, and a remark alone
in a value column, are kept with the indicators they explain; empty rows and columns are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from core import intake, tables
from core.import_problems import ImportProblem, ParsedFile
from core.tables import ColumnRole, Grid, Header, Line, LineKind

from .. import values
from ..direction import infer_direction
from ..values import Direction, Value, ValueParseError
from .layout import (
    AREA,
    DIRECTION,
    DIRECTION_PREFIXES,
    HEADING_ROLES,
    IGNORE,
    INDICATOR,
    LIMITS,
    PERSPECTIVE,
    RESULT,
    ROLES,
    SINGLE_ROLES,
    TARGET,
    UNIT,
    YEAR,
    is_own_layout,
    role_from_name,
    role_label,
    role_name,
)


@dataclass
class ParsedCell:
    text: str  # as it is stored: the cell's text, or a number written the Norwegian way
    value: Value | None
    original: str = ""  # the cell as the file shows it


@dataclass
class IndicatorRow:
    """One indicator of the file, with its targets and results by year."""

    row: int
    area: str
    perspective: str
    name: str
    unit: str
    direction: Direction
    direction_inferred: str = ""  # the reason, when neither the file nor the person said
    direction_chosen: bool = False  # a person chose it in the preview (the file did not state it)
    targets: dict[int, ParsedCell] = field(default_factory=dict)
    results: dict[int, ParsedCell] = field(default_factory=dict)
    # The (TARGET or RESULT, year) columns the file has for this indicator: an empty cell in one of them
    # means "no value", while a year the file does not cover is left alone.
    covered: set[tuple[str, int]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # footnotes to its marks, and text rows below it

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.area.casefold(), self.perspective.casefold(), self.name.casefold())

    @property
    def years(self) -> list[int]:
        return sorted(set(self.targets) | set(self.results))


@dataclass
class ParsedScorecard(ParsedFile):
    rows: list[IndicatorRow] = field(default_factory=list)
    layout: str = "wide"
    notes: list[str] = field(default_factory=list)  # notes under the table that explain no single indicator

    @property
    def years(self) -> list[int]:
        """Every year the file has a column (or a row, in long form) for."""
        return sorted({year for row in self.rows for _which, year in row.covered})

    @property
    def inferred(self) -> list[IndicatorRow]:
        return [row for row in self.rows if row.direction_inferred]


# --- The mapping ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mapping:
    """How a file is read: the header's rows (indexes in the sheet), each column's role (a column left out is
    not imported), what heading rows inside the table become, and the directions a person chose in the
    preview, by the indicator's row number; `remembered` when it is the scorecard's remembered mapping."""

    header_rows: tuple[int, ...]
    columns: dict[int, ColumnRole]
    headings: str = IGNORE
    directions: dict[int, Direction] = field(default_factory=dict)
    remembered: bool = False

    def to_json(self) -> dict:
        return {
            "header_rows": list(self.header_rows),
            "columns": {str(index): role_name(role) for index, role in self.columns.items()},
            "headings": self.headings,
            "directions": {str(row): direction.value for row, direction in self.directions.items()},
            "remembered": self.remembered,
        }

    @classmethod
    def from_json(cls, data: object) -> Mapping | None:
        """The mapping `to_json` wrote; None for anything else."""
        try:
            rows = tuple(int(row) for row in data["header_rows"])
            columns = {int(index): role_from_name(name) for index, name in data["columns"].items()}
            directions = {int(row): Direction(value) for row, value in data.get("directions", {}).items()}
            headings = data.get("headings", IGNORE)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        if not 1 <= len(rows) <= 2 or None in columns.values() or headings not in HEADING_ROLES:
            return None
        columns = {i: role for i, role in columns.items() if role.key != IGNORE}
        return cls(rows, columns, headings, directions, data.get("remembered") is True)

    def replace(self, **changes) -> Mapping:
        return Mapping(**{**self.__dict__, **changes})


def default_headings(columns: dict[int, ColumnRole]) -> str:
    """Heading rows become the area when no column holds it, else the perspective when none holds that."""
    keys = {role.key for role in columns.values()}
    return next((key for key in (AREA, PERSPECTIVE) if key not in keys), IGNORE)


def proposed_mapping(header: Header) -> tuple[Mapping, list[tuple[ColumnRole, tuple[int, ...]]]]:
    """The mapping the headers propose, and the roles two columns name equally well."""
    proposal = tables.propose(header)
    return Mapping(header.rows, proposal.roles, default_headings(proposal.roles)), proposal.clashes


@dataclass(frozen=True)
class Question:
    """What a mapping leaves for a person to settle, as a problem at the header row; `column` is the index
    of the column it is about, or None."""

    column: int | None
    problem: ImportProblem


def mapping_questions(
    header: Header, mapping: Mapping, clashes: Sequence[tuple[ColumnRole, tuple[int, ...]]] = ()
) -> list[Question]:
    """What keeps the mapping from being read: no indicator column, a role on two columns, a target or
    result without a year, no target or result at all; each naming the header row and the column."""
    row = header.rows[-1] + 1
    questions = []

    def ask(column: int | None, message: str) -> None:
        name = header.name(column) if column is not None else ""
        questions.append(Question(column, ImportProblem(row, name, message)))

    by_role = tables.columns_by_role(mapping.columns, clashes, SINGLE_ROLES)
    if not by_role.get(ColumnRole(INDICATOR)):
        ask(
            None,
            _(
                "The header row (row %(row)s: %(headers)s) has no column for the indicators. Expected a column "
                "named e.g. «Indikator», «Måleindikator» or «Område / Måleindikator»; choose the column that "
                "holds the indicators."
            )
            % {"row": header.row_numbers, "headers": header.quoted or "–"},
        )
    for role, indexes in by_role.items():
        for second in indexes[1:]:
            ask(second, tables.clash_message(header, indexes[0], second, role_label(role)))
    long_form = ColumnRole(YEAR) in by_role
    for index, role in sorted(mapping.columns.items()):
        if role.key in (TARGET, RESULT) and role.year is None and not long_form:
            ask(
                index,
                (
                    _("The column holds targets, but its header names no year. Choose the year.")
                    if role.key == TARGET
                    else _("The column holds results, but its header names no year. Choose the year.")
                ),
            )
    if not any(role.key in (TARGET, RESULT) for role in mapping.columns.values()):
        ask(
            None,
            _(
                "The header row (row %(row)s: %(headers)s) has no columns of targets or results: expected "
                "«Mål YYYY» or «Resultat YYYY» columns (e.g. «Mål 2024», «Resultat 2024», or the year alone)."
            )
            % {"row": header.row_numbers, "headers": header.quoted or "–"},
        )
    return questions


# --- The mapping remembered for a scorecard ---------------------------------------------------------------


@dataclass(frozen=True)
class Remembered:
    """A confirmed mapping as a scorecard keeps it for next year's file (core.tables.RememberedColumns), and
    what its heading rows became."""

    columns: dict[str, str]
    headings: str = IGNORE

    @classmethod
    def of(cls, header: Header, mapping: Mapping) -> Remembered:
        return cls(tables.RememberedColumns.of(header, mapping.columns, ROLES).columns, mapping.headings)

    def merged_into(self, older: Remembered | None) -> Remembered:
        kept = tables.RememberedColumns(self.columns).merged_into(older.columns if older else None)
        return Remembered(kept, self.headings)

    def find(self, grid: Grid) -> Mapping | None:
        """The mapping for a sheet whose header (one row, or two) has only headers this one knows."""
        found = tables.RememberedColumns(self.columns).find(grid, ROLES)
        return Mapping(found[0], found[1], self.headings, remembered=True) if found else None


# --- Reading ----------------------------------------------------------------------------------------------


@dataclass
class ScorecardReading:
    """A file read with a mapping: the sheet, its header, the mapping and where it came from (`proposed`,
    `remembered` or `chosen`), what the mapping leaves open, the rows below the header as core.tables sorted
    them, and the parsed scorecard."""

    parsed: ParsedScorecard = field(default_factory=ParsedScorecard)
    grid: Grid | None = None
    header: Header | None = None
    mapping: Mapping | None = None
    source: str = ""
    questions: list[Question] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    @property
    def problems(self) -> list[ImportProblem]:
        """Every reason the file cannot be imported as it is read: the questions, then the file's problems."""
        return [question.problem for question in self.questions] + self.parsed.problems

    @property
    def own_layout(self) -> bool:
        return self.header is not None and is_own_layout(self.header)


def _no_header() -> ImportProblem:
    return ImportProblem.for_file(
        _(
            "Found no header row in the first %(rows)s rows. A scorecard needs a column of indicators (named "
            "e.g. «Indikator», «Måleindikator» or «Område / Måleindikator») and columns of targets and results "
            "by year («Mål 2024», «Resultat 2024», or the year alone); download the template to see one."
        )
        % {"rows": tables.HEADER_SEARCH_ROWS}
    )


def read_scorecard(
    content: bytes,
    filename: str = "målekort.xlsx",
    *,
    mapping: Mapping | None = None,
    header_start: int | None = None,
    remembered: Remembered | None = None,
    head: int | None = None,
) -> ScorecardReading:
    """Reads a scorecard file with the given mapping; else with the mapping proposed for the header that
    starts at the row a person pointed at (`header_start`, an index); else with the remembered mapping if it
    fits the file's header; else with the one proposed for the header found. With `head`, only the sheet's
    first rows are read (enough to choose the mapping)."""
    reading = ScorecardReading()
    try:
        # A mapped file's sheet is the one with a header, as when its mapping was proposed.
        grid, header = tables.first_table(tables.read_grids(content, filename, LIMITS, head=head), ROLES)
    except intake.FileRefused as exc:
        reading.parsed.problems.extend(exc.problems)
        return reading
    reading.grid = grid
    settled = None
    if grid is not None:
        settled = tables.settle_mapping(
            grid,
            header,
            ROLES,
            mapping=mapping,
            header_start=header_start,
            remembered=remembered.find if remembered is not None else None,
            propose=proposed_mapping,
        )
    if settled is None:
        reading.parsed.problems.append(_no_header())
        return reading
    reading.header, reading.mapping, reading.source = settled.header, settled.mapping, settled.source
    reading.questions = mapping_questions(reading.header, reading.mapping, settled.clashes)
    reading.lines = tables.classify(grid, reading.header, reading.mapping.columns, ROLES)
    if not reading.questions:
        _read_rows(reading)
    return reading


def read_scorecard_file(
    content: bytes, filename: str = "målekort.xlsx", *, mapping: Mapping | None = None
) -> ParsedScorecard:
    """Parse and validate a scorecard file with the mapping given or, by default, the one its headers
    propose; never touches the database. What the mapping leaves open is among the problems."""
    reading = read_scorecard(content, filename, mapping=mapping)
    reading.parsed.problems = reading.problems
    return reading.parsed


def inferred_direction(row: IndicatorRow) -> tuple[Direction, str]:
    """The direction of an indicator that neither the file nor a person stated, with the reason: the one
    place the import asks scorecards.direction to infer it."""
    return infer_direction(
        row.name,
        *(cell.value for cell in row.results.values()),
        targets=[cell.value for cell in row.targets.values()],
    )


def heading_target(line: Line, mapping: Mapping) -> str:
    """What a heading row sets for the rows under it: AREA, PERSPECTIVE or IGNORE. A lone cell in the area
    or perspective column (a merged cell) is that column's value, unless it ends with a colon
    («Felles indikatorer:»); any other heading becomes what the mapping says headings become."""
    key = mapping.columns.get(line.column, ColumnRole(IGNORE)).key
    if key in (AREA, PERSPECTIVE) and not line.cells[line.column].text.endswith(":"):
        return key
    return mapping.headings


@dataclass
class _Columns:
    """The mapping's columns as the row reader uses them."""

    header: Header
    single: dict[str, int]  # AREA … YEAR, and TARGET/RESULT without a year (long form)
    yearly: list[tuple[int, ColumnRole]]

    @classmethod
    def of(cls, header: Header, mapping: Mapping) -> _Columns:
        single, yearly = {}, []
        for index, role in sorted(mapping.columns.items()):
            if role.year is not None:
                yearly.append((index, role))
            else:
                single.setdefault(role.key, index)
        return cls(header, single, yearly)

    def name(self, key: str) -> str:
        return self.header.name(self.single[key])

    def cell(self, line: Line, key: str) -> tables.Cell:
        index = self.single.get(key)
        return line.cells[index] if index is not None and index < len(line.cells) else tables.EMPTY


def _read_rows(reading: ScorecardReading) -> None:
    header, mapping, parsed = reading.header, reading.mapping, reading.parsed
    columns = _Columns.of(header, mapping)
    long_form = YEAR in columns.single and (TARGET in columns.single or RESULT in columns.single)
    parsed.layout = "long" if long_form else "wide"
    indicators: dict[tuple[str, str, str], IndicatorRow] = {}
    stated: dict[tuple[str, str, str], bool] = {}
    spellings: dict[str, str] = {}
    area = perspective = ""
    last: IndicatorRow | None = None
    footnotes: dict[str, str] = {}

    def spelled(text: str) -> str:
        # The first spelling wins, so that «økonomi» and «Økonomi» make one group.
        return spellings.setdefault(text.casefold(), text)

    for line in reading.lines:
        if line.kind in (LineKind.BLANK, LineKind.HEADER):
            last = None
            continue
        if line.kind == LineKind.NOTE:
            if line.mark:
                footnotes.setdefault(line.mark, line.text)
            elif last is not None and not line.footnote:
                last.notes.append(line.text)  # a text right under an indicator explains it
            else:
                parsed.notes.append(line.text)
            continue
        if line.kind == LineKind.HEADING:
            target = heading_target(line, mapping)
            if target == AREA:
                area = spelled(line.text)
            elif target == PERSPECTIVE:
                perspective = spelled(line.text)
            last = None
            continue
        area = spelled(columns.cell(line, AREA).text) or area
        perspective = spelled(columns.cell(line, PERSPECTIVE).text) or perspective
        name = columns.cell(line, INDICATOR).text
        if not name:
            value_columns = [index for index, _role in columns.yearly] + [
                columns.single[key] for key in (TARGET, RESULT) if key in columns.single
            ]
            filled = [line.cells[i] for i in value_columns if i < len(line.cells) and not line.cells[i].empty]
            if filled and all(_is_comment(cell) for cell in filled):
                # A remark in a value column with no indicator («Foreløpige, ureviderte tall»): a note.
                text = " ".join(cell.text for cell in line.cells if not cell.empty)
                (last.notes if last is not None else parsed.notes).append(text)
            elif filled:
                parsed.problems.append(
                    ImportProblem(
                        line.number, columns.name(INDICATOR), _("The row has values but no indicator name.")
                    )
                )
            continue
        direction = _direction(line, columns, parsed.problems)
        chosen = direction is None and line.number in mapping.directions
        if chosen:
            direction = mapping.directions[line.number]
        key = (area.casefold(), perspective.casefold(), name.casefold())
        item = indicators.get(key)
        if item is None:
            item = IndicatorRow(
                line.number,
                area,
                perspective,
                name,
                columns.cell(line, UNIT).text,
                direction or Direction.UNKNOWN,
                direction_chosen=chosen,
            )
            indicators[key] = item
            stated[key] = direction is not None
        elif not long_form:
            parsed.problems.append(
                ImportProblem(
                    line.number,
                    columns.name(INDICATOR),
                    _(
                        "The indicator «%(name)s» appears twice in the same area and perspective (also row %(row)s)."
                    )
                    % {"name": name, "row": item.row},
                )
            )
            continue
        else:
            if direction is not None:
                item.direction, stated[key] = direction, True
            item.unit = item.unit or columns.cell(line, UNIT).text
        last = item
        if long_form:
            _read_long(line, columns, item, parsed.problems)
        for index, role in columns.yearly:
            item.covered.add((role.key, role.year))
            into = item.targets if role.key == TARGET else item.results
            _read_cell(line, index, columns.header, role.year, into, parsed.problems)

    marked: set[str] = set()
    for key, item in indicators.items():
        if not stated[key]:
            item.direction, item.direction_inferred = inferred_direction(item)
        marks = [tables.trailing_mark(item.name)] + [
            tables.trailing_mark(cell.original) for cell in (*item.targets.values(), *item.results.values())
        ]
        used = [mark for mark in dict.fromkeys(marks) if mark in footnotes]
        item.notes[:0] = [footnotes[mark] for mark in used]
        marked.update(used)
    parsed.notes += [text for mark, text in footnotes.items() if mark not in marked]
    parsed.rows = list(indicators.values())
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(
            ImportProblem(
                header.rows[-1] + 1,
                "",
                _("The header row (row %(row)s) has no indicators below it.") % {"row": header.row_numbers},
            )
        )


def _is_comment(cell: tables.Cell) -> bool:
    """Whether a value cell holds a comment (values.Kind.TEXT), not a value or a mistyped one."""
    try:
        value = values.parse_value(cell.value, percent_format=cell.percent)
    except ValueParseError:
        return False
    return value is not None and value.is_note


def _direction(line: Line, columns: _Columns, problems: list[ImportProblem]) -> Direction | None:
    cell = columns.cell(line, DIRECTION)
    text = tables.normalise(cell.text)
    if not text:
        return None
    direction = next((d for d, prefixes in DIRECTION_PREFIXES.items() if text.startswith(prefixes)), None)
    if direction is None:
        problems.append(
            ImportProblem(
                line.number,
                columns.name(DIRECTION),
                _("«%(text)s» is not a direction. Write «høyere er bedre» or «lavere er bedre».")
                % {"text": cell.text},
            )
        )
    return direction


def _read_long(line: Line, columns: _Columns, item: IndicatorRow, problems: list[ImportProblem]) -> None:
    year_cell = columns.cell(line, YEAR)
    if year_cell.empty and columns.cell(line, TARGET).empty and columns.cell(line, RESULT).empty:
        return  # an indicator without values yet
    year = _year(year_cell.value)
    if year is None:
        problems.append(
            ImportProblem(
                line.number, columns.name(YEAR), _("«%(text)s» is not a year.") % {"text": year_cell.text}
            )
        )
        return
    if year in item.targets or year in item.results:
        problems.append(
            ImportProblem(
                line.number,
                columns.name(YEAR),
                _("The indicator «%(name)s» has year %(year)s twice.") % {"name": item.name, "year": year},
            )
        )
        return
    for key, into in ((TARGET, item.targets), (RESULT, item.results)):
        if key in columns.single:
            item.covered.add((key, year))
            _read_cell(line, columns.single[key], columns.header, year, into, problems)


def _year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal) and value == int(value):
        year = int(value)
    else:
        text = values.clean_text(str(value or ""))
        if not re.fullmatch(r"\d{4}", text):
            return None
        year = int(text)
    return year if 1900 <= year <= 2200 else None


def _read_cell(
    line: Line, index: int, header: Header, year: int, into: dict, problems: list[ImportProblem]
) -> None:
    if index >= len(line.cells):
        return
    cell = line.cells[index]
    column = header.name(index)
    try:
        value = values.parse_value(cell.value, percent_format=cell.percent)
    except ValueParseError as exc:
        problems.append(ImportProblem(line.number, column, exc.message))
        return
    if value is None:
        return
    if cell.percent_sign and value.kind == values.Kind.NUMBER:
        value = values.Value(values.Kind.PERCENT, value.number)
    text = values.clean_text(cell.value) if isinstance(cell.value, str) else values.format_value(value)
    if len(text) > 200:
        problems.append(ImportProblem(line.number, column, _("The text is longer than 200 characters.")))
        return
    into[year] = ParsedCell(text, value, cell.text)

"""Scorecards read from Excel and CSV in the layout of municipal annual reports, without touching the database.

`read_scorecard_file` turns the bytes of a file into a `ParsedScorecard` (typed rows plus a list of
core.import_problems.ImportProblem with row, column and a Norwegian message); the service
`scorecards.services.scorecard_import` writes the rows only when the list is empty.

Two layouts are read:
- wide, as in annual reports: `Område`, `Perspektiv`, `Indikator`, optional `Enhet` and `Retning`, then any
  number of `Mål YYYY` and `Resultat YYYY` columns (a bare `YYYY` is a result; a note after the year, as in
  `Resultat 2018 (ikke målt 2019)`, is allowed);
- long, as exported: `Område`, `Perspektiv`, `Indikator`, `Enhet`, `Retning`, `År`, `Mål`, `Resultat`
  (`Status` is ignored: it follows from the values).
Headers may stand below title rows, in any case and with extra spaces; empty rows and columns are skipped;
an empty `Område` or `Perspektiv` (a merged cell) repeats the one above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core import intake
from core.exports import csv_unescape
from core.import_problems import ImportProblem, ParsedFile

from .. import values
from ..direction import infer_direction
from ..values import Direction, Value, ValueParseError
from .layout import (
    AREA,
    DIRECTION,
    DIRECTION_PREFIXES,
    HEADER_ALIASES,
    INDICATOR,
    LIMITS,
    MAX_HEADER_SEARCH_ROWS,
    PERSPECTIVE,
    RESULT,
    TARGET,
    UNIT,
    YEAR,
)

_HEADER_BY_ALIAS = {alias: key for key, aliases in HEADER_ALIASES.items() for alias in aliases}
_YEAR_HEADER = re.compile(
    r"^(?P<what>mål|måltall|målverdi|målsetting|resultat|resultater|res\.?|oppnådd|faktisk)?\s*(?:for\s+)?"
    r"(?:år\s+)?(?P<year>(?:19|20)\d{2})(?P<note>.*)$"
)


@dataclass
class ParsedCell:
    text: str
    value: Value | None


@dataclass
class IndicatorRow:
    """One indicator of the file, with its targets and results by year."""

    row: int
    area: str
    perspective: str
    name: str
    unit: str
    direction: Direction
    direction_inferred: str = ""  # the reason, when the file did not say
    targets: dict[int, ParsedCell] = field(default_factory=dict)
    results: dict[int, ParsedCell] = field(default_factory=dict)
    # The (TARGET or RESULT, year) columns the file has for this indicator: an empty cell in one of them
    # means "no value", while a year the file does not cover is left alone.
    covered: set[tuple[str, int]] = field(default_factory=set)

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

    @property
    def years(self) -> list[int]:
        """Every year the file has a column (or a row, in long form) for."""
        return sorted({year for row in self.rows for _which, year in row.covered})

    @property
    def inferred(self) -> list[IndicatorRow]:
        return [row for row in self.rows if row.direction_inferred]


@dataclass
class _Column:
    index: int
    header: str
    letter: str
    key: str  # AREA … STATUS, or TARGET/RESULT with a year
    year: int | None = None


def _normalise_header(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = values.clean_text(str(value)).casefold().rstrip(":* ")
    # `Indikator (kilde)` is the indicator column; `Resultat 2018 (ikke målt 2019)` keeps its note.
    without_note = re.sub(r"\s*\(.*\)$", "", text)
    return without_note if without_note in _HEADER_BY_ALIAS else text


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return values.clean_text(str(value))


@dataclass(frozen=True, slots=True)
class _Cell:
    value: object
    percent: bool = False  # a number in a cell formatted as percent: 0.98 is 98 %
    percent_sign: bool = False  # a number formatted with a literal percent sign: 98 is 98 %


_EMPTY = _Cell(None)


def _cell(cell: intake.Cell) -> _Cell:
    if cell.value is None:
        return _EMPTY
    return _Cell(cell.value, is_percent_format(cell.number_format), has_literal_percent(cell.number_format))


def _file_rows(content: bytes, filename: str) -> list[list[_Cell]]:
    """The cells of the first sheet with a header row (or of the CSV), row by row; raises FileRefused."""
    if problem := intake.size_problem(len(content), LIMITS):
        raise intake.FileRefused(problem)
    if filename.lower().endswith((".csv", ".txt")):
        # A field the export neutralised (`'=1+1`) is read back as written, so importing an export changes nothing.
        return [[_Cell(csv_unescape(value)) for value in row] for row in intake.csv_rows(content, LIMITS)]
    fallback: list[list[_Cell]] = []
    for sheet in intake.xlsx_sheets(content, LIMITS):
        rows = [[_cell(cell) for cell in row] for row in sheet.rows]
        # The scorecard is the first sheet with a header row; an instructions sheet may come first.
        if _find_header(rows) is not None:
            return rows
        if not fallback and any(cell.value not in (None, "") for row in rows for cell in row):
            fallback = rows
    return fallback


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def is_percent_format(number_format: str | None) -> bool:
    """Whether Excel shows the cell's number times 100 with a percent sign: `0%`, `0.0%` and `0\\ %` do;
    `0" %"` and `0\\%` only print a percent sign behind the number as it is."""
    if not number_format:
        return False
    first_section = number_format.split(";")[0]
    return "%" in _FORMAT_LITERALS.sub("", first_section)


def has_literal_percent(number_format: str | None) -> bool:
    """`0" %"`: a number shown with a percent sign but not scaled (98 is shown as `98 %`)."""
    return bool(number_format) and not is_percent_format(number_format) and "%" in number_format.split(";")[0]


def _find_header(rows: list[list[_Cell]]) -> int | None:
    for index, row in enumerate(rows[:MAX_HEADER_SEARCH_ROWS]):
        keys = {_HEADER_BY_ALIAS.get(_normalise_header(cell.value)) for cell in row}
        if INDICATOR in keys:
            return index
    return None


_BARE_VALUE_WORDS = {alias for key in (TARGET, RESULT) for alias in HEADER_ALIASES[key]}
_A_YEAR = re.compile(r"^\D*((?:19|20)\d{2})\b")


def _years_by_column(row: list[_Cell]) -> dict[int, str]:
    """The year over each column of a row of years, carried right over merged (empty) cells."""
    years, current = {}, None
    for index, cell in enumerate(row):
        text = _normalise_header(cell.value)
        if match := _A_YEAR.match(text):
            current = match.group(1)
        elif text:
            current = None
        if current:
            years[index] = current
    return years


def _combined_header(rows: list[list[_Cell]], index: int) -> tuple[list[_Cell], int]:
    """The header row, with years from a row of years merged over «Mål» / «Resultat» sub-headers when the
    sheet has a two-row header; and the index of the first data row."""
    header = rows[index]

    def bare_words(row):
        return {i for i, cell in enumerate(row) if _normalise_header(cell.value) in _BARE_VALUE_WORDS}

    def combine(words_row, years):
        combined = list(header) + [_Cell(None)] * max(0, len(words_row) - len(header))
        for i in bare_words(words_row):
            if i in years:
                combined[i] = _Cell(f"{_display(words_row[i].value)} {years[i]}")
        return combined

    below = rows[index + 1] if index + 1 < len(rows) else []
    if bare_words(below) and (years := _years_by_column(header)):
        return combine(below, years), index + 2
    if index > 0 and bare_words(header) and (years := _years_by_column(rows[index - 1])):
        return combine(header, years), index + 1
    return header, index + 1


def _columns(header_row: list[_Cell], row_number: int) -> tuple[list[_Column], list[ImportProblem]]:
    """The columns the import reads, and a problem for each that appears twice."""
    columns, problems = [], []
    for index, cell in enumerate(header_row):
        normalised = _normalise_header(cell.value)
        if not normalised:
            continue
        letter = get_column_letter(index + 1)
        header = _display(cell.value)
        key = _HEADER_BY_ALIAS.get(normalised)
        if key:
            columns.append(_Column(index, header, letter, key))
            continue
        if match := _YEAR_HEADER.match(normalised):
            what = match.group("what") or "resultat"
            key = TARGET if what.startswith("mål") else RESULT
            columns.append(_Column(index, header, letter, key, int(match.group("year"))))
            continue
        # Other columns (comments, sources, Status in a wide file) are left out on purpose.
    seen: dict[tuple[str, int | None], _Column] = {}
    for column in columns:
        if (column.key, column.year) in seen:
            problems.append(
                ImportProblem(
                    row_number,
                    column.header,
                    _("The column appears twice (also in column %(letter)s).")
                    % {"letter": seen[(column.key, column.year)].letter},
                )
            )
        seen[(column.key, column.year)] = column
    return columns, problems


def read_scorecard_file(content: bytes, filename: str = "målekort.xlsx") -> ParsedScorecard:
    """Parse and validate a scorecard file; never touches the database."""
    parsed = ParsedScorecard()
    try:
        rows = _file_rows(content, filename)
    except intake.FileRefused as exc:
        parsed.problems.append(ImportProblem.for_file(exc.message))
        return parsed
    header_index = _find_header(rows)
    if header_index is None:
        parsed.problems.append(
            ImportProblem.for_file(
                _(
                    "Found no header row with the column «Indikator». The scorecard needs the columns "
                    "Område, Perspektiv, Indikator and one or more «Mål YYYY» and «Resultat YYYY» "
                    "(download the template)."
                )
            )
        )
        return parsed
    header_cells, data_start = _combined_header(rows, header_index)
    header_row_number = header_index + 1
    columns, header_problems = _columns(header_cells, header_row_number)
    parsed.problems += header_problems
    by_key = {column.key: column for column in columns if column.year is None}
    year_columns = [column for column in columns if column.year is not None]
    long_form = YEAR in by_key and (TARGET in by_key or RESULT in by_key)
    parsed.layout = "long" if long_form else "wide"
    if not long_form and not year_columns:
        parsed.problems.append(
            ImportProblem(
                header_row_number,
                "",
                _(
                    "The header has no «Mål YYYY» or «Resultat YYYY» columns (e.g. «Mål 2024», «Resultat 2024»)."
                ),
            )
        )
    if parsed.problems:
        return parsed

    indicators: dict[tuple[str, str, str], IndicatorRow] = {}
    stated_direction: dict[tuple[str, str, str], bool] = {}
    area = perspective = ""
    spellings: dict[str, str] = {}
    for offset, row in enumerate(rows[data_start:], start=data_start + 1):

        def cell(key: str, row=row) -> _Cell:
            column = by_key.get(key)
            if column is None or column.index >= len(row):
                return _Cell(None)
            return row[column.index]

        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in row):
            continue
        # The first spelling wins, so that «økonomi» and «Økonomi» make one group.
        area = spellings.setdefault(_display(cell(AREA).value).casefold(), _display(cell(AREA).value)) or area
        perspective = (
            spellings.setdefault(
                _display(cell(PERSPECTIVE).value).casefold(), _display(cell(PERSPECTIVE).value)
            )
            or perspective
        )
        name = _display(cell(INDICATOR).value)
        if not name:
            # A group heading (only Område or Perspektiv filled in) sets the area for the rows below.
            if any(
                c.value not in (None, "")
                for column in year_columns + [by_key[k] for k in (TARGET, RESULT) if k in by_key]
                if column.index < len(row)
                for c in [row[column.index]]
            ):
                parsed.problems.append(
                    ImportProblem(
                        offset, by_key[INDICATOR].header, _("The row has values but no indicator name.")
                    )
                )
            continue
        unit = _display(cell(UNIT).value)
        direction_text = _normalise_header(cell(DIRECTION).value)
        direction = None
        if direction_text:
            direction = next(
                (d for d, prefixes in DIRECTION_PREFIXES.items() if direction_text.startswith(prefixes)),
                None,
            )
            if direction is None:
                parsed.problems.append(
                    ImportProblem(
                        offset,
                        by_key[DIRECTION].header,
                        _("«%(text)s» is not a direction. Write «høyere er bedre» or «lavere er bedre».")
                        % {"text": _display(cell(DIRECTION).value)},
                    )
                )
        key = (area.casefold(), perspective.casefold(), name.casefold())
        item = indicators.get(key)
        if item is None:
            item = IndicatorRow(offset, area, perspective, name, unit, direction or Direction.UNKNOWN)
            indicators[key] = item
            stated_direction[key] = direction is not None
        elif not long_form:
            parsed.problems.append(
                ImportProblem(
                    offset,
                    by_key[INDICATOR].header,
                    _(
                        "The indicator «%(name)s» appears twice in the same area and perspective (also row %(row)s)."
                    )
                    % {"name": name, "row": item.row},
                )
            )
            continue
        else:
            if direction is not None:
                item.direction = direction
                stated_direction[key] = True
            item.unit = item.unit or unit

        if long_form:
            year_cell = cell(YEAR).value
            if (
                _display(year_cell) == ""
                and not _display(cell(TARGET).value)
                and not _display(cell(RESULT).value)
            ):
                continue  # an indicator without values yet
            year = _year(year_cell)
            if year is None:
                parsed.problems.append(
                    ImportProblem(
                        offset,
                        by_key[YEAR].header,
                        _("«%(text)s» is not a year.") % {"text": _display(year_cell)},
                    )
                )
                continue
            if year in item.targets or year in item.results:
                parsed.problems.append(
                    ImportProblem(
                        offset,
                        by_key[YEAR].header,
                        _("The indicator «%(name)s» has year %(year)s twice.") % {"name": name, "year": year},
                    )
                )
                continue
            pairs = [(by_key.get(TARGET), item.targets), (by_key.get(RESULT), item.results)]
            for column, into in pairs:
                if column is not None:
                    item.covered.add((column.key, year))
                    _read_cell(row, column, year, into, offset, parsed.problems)
        else:
            for column in year_columns:
                item.covered.add((column.key, column.year))
                into = item.targets if column.key == TARGET else item.results
                _read_cell(row, column, column.year, into, offset, parsed.problems)

    for key, item in indicators.items():
        if not stated_direction[key]:
            direction, reason = infer_direction(
                item.name,
                *(cell.value for cell in item.results.values()),
                targets=[cell.value for cell in item.targets.values()],
            )
            item.direction = direction
            item.direction_inferred = reason
    parsed.rows = list(indicators.values())
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(
            ImportProblem.for_file(_("The file has a header row but no indicators below it."))
        )
    return parsed


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
    row, column: _Column, year: int, into: dict, row_number: int, problems: list[ImportProblem]
) -> None:
    if column.index >= len(row):
        return
    cell = row[column.index]
    try:
        value = values.parse_value(cell.value, percent_format=cell.percent)
    except ValueParseError as exc:
        problems.append(ImportProblem(row_number, column.header, exc.message))
        return
    if value is None:
        return
    if cell.percent_sign and value.kind == values.Kind.NUMBER and not isinstance(cell.value, str):
        value = values.Value(values.Kind.PERCENT, value.number)
    text = values.format_value(value) if not isinstance(cell.value, str) else values.clean_text(cell.value)
    if len(text) > 200:
        problems.append(
            ImportProblem(row_number, column.header, _("The text is longer than 200 characters."))
        )
        return
    into[year] = ParsedCell(text, value)

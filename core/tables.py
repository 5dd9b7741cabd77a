"""Tables as people paste them into a spreadsheet, read without knowing their layout beforehand: a sheet or a
CSV file as a grid of cells that keep their original text, the header row found wherever it stands, a
proposed column → role mapping from the caller's alias lists, and the rows below the header told apart.

Pure: no database and no app (only Django's translation, for the messages it writes). A caller (the
scorecard import, the gains import) names its roles and their aliases, settles what the proposal leaves open,
and reads the values of the data rows itself.

What is recognised:
- the header among title rows, blank rows, notes and merged cells above it, by scoring each of the first rows
  against the aliases; a header of two rows, the words above and the years below (`Resultat | Resultat | MÅL`
  over `2015 | 2016 | 2017`) or the years above (`2024`, merged, over `Mål | Resultat`);
- a column by its header: exactly an alias (`Måleindikator`), an alias beside a year (`Mål 2015`, or `2015`
  alone), or an alias as a word of a longer header (`Resultat ved sist måling`, which then lacks its year);
- below the header: data rows; heading rows inside the table (one cell filled and no values: «Felles
  indikatorer:»), whose text the rows under them carry; footnotes (`*`, `1)`, «Kilde: …», or a long text
  without values), kept as notes; blank rows.
- CSV as Norwegian Excel saves it: `;` (or `,` or tab) as separator, UTF-8 with or without a byte order mark
  or Windows-1252 (core.intake), decimal commas left in the text for the caller to read.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Generic, NamedTuple, TypeVar

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from . import intake
from .exports import csv_unescape
from .numbers import format_number, parse_decimal

MappingT = TypeVar("MappingT")

HEADER_SEARCH_ROWS = 30  # title rows, notes and blank rows above a header are never more
MIN_HEADER_SCORE = 3  # the item's column alone, or two columns named exactly
MAX_HEADER_LENGTH = 60  # a longer text is a sentence, not a column's name
NOTE_LENGTH = 100  # a text without values this long is a note, not a heading
IGNORE = "ignore"

_WHITESPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d{2})(?![\d,.])")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# Words that stand between a column's name and its year: `Mål for 2024`, `Resultat år 2023`.
_YEAR_FILLERS = {"for", "år", "i", "per", "pr", "pr."}
_MARK = r"\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(?\d{1,2}\)"
_TRAILING_MARK = re.compile(rf"\s*({_MARK})$")
_FOOTNOTE = re.compile(
    rf"^(?:({_MARK})\s*\S|(?:kilder?|note|noter|merknad(?:er)?|fotnote|anm(?:erkning)?\.?|nb)\s*[:.])",
    re.IGNORECASE,
)
_SENTENCE_GAP = re.compile(r"[.!?]\s+\S")
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_FORMAT_PLACES = re.compile(r"\.([0#?]+)")


def clean_text(text: str) -> str:
    """One line with single spaces: cells carry line breaks, tabs and non-breaking spaces."""
    return _WHITESPACE.sub(" ", str(text)).strip()


# --- Cells --------------------------------------------------------------------------------------------------


def is_percent_format(number_format: str | None) -> bool:
    """Whether Excel shows the cell's number times 100 with a percent sign: `0%`, `0.0%` and `0\\ %` do;
    `0" %"` and `0\\%` only print a percent sign behind the number as it is."""
    if not number_format:
        return False
    return "%" in _FORMAT_LITERALS.sub("", number_format.split(";")[0])


def has_literal_percent(number_format: str | None) -> bool:
    """`0" %"`: a number shown with a percent sign but not scaled (98 is shown as `98 %`)."""
    return bool(number_format) and not is_percent_format(number_format) and "%" in number_format.split(";")[0]


def _as_decimal(value: int | float | Decimal) -> Decimal:
    # Excel's floats carry binary noise (0.1 + 0.2); 15 significant digits is all a cell shows.
    return Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)


def display(value: object, number_format: str = "General") -> str:
    """A cell's value as the spreadsheet shows it, on one line: `2,0 %` for 0.02 formatted `0.0%`, `39 083`
    for 39083 formatted `#,##0`, `2014` for a year."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M" if value.time() else "%d.%m.%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if not isinstance(value, int | float | Decimal):
        return clean_text(str(value))
    number = _as_decimal(value)
    if not number.is_finite():
        return str(value)
    section = _FORMAT_LITERALS.sub("", (number_format or "General").split(";")[0])
    places_match = _FORMAT_PLACES.search(section)
    places = len(places_match.group(1)) if places_match else (0 if "0" in section else None)
    suffix = ""
    if is_percent_format(number_format):
        number, suffix = number * 100, " %"
    elif has_literal_percent(number_format):
        suffix = " %"
    return format_number(number, places, separator=" " if "," in section else "") + suffix


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as the file holds it: text, or a number or date Excel stored, with its number format."""

    value: object = None
    number_format: str = "General"

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not clean_text(self.value))

    @property
    def text(self) -> str:
        """The cell as the spreadsheet shows it, on one line."""
        return display(self.value, self.number_format)

    @property
    def percent(self) -> bool:
        """A number in a cell formatted as percent: 0.98 is 98 %."""
        return not isinstance(self.value, str) and is_percent_format(self.number_format)

    @property
    def percent_sign(self) -> bool:
        """A number formatted with a literal percent sign: 98 is 98 %."""
        return not isinstance(self.value, str) and has_literal_percent(self.number_format)

    @property
    def number(self) -> Decimal | None:
        """The cell's number, from Excel or from Norwegian text (`4,5`, `39 083`); None for anything else."""
        if isinstance(self.value, bool) or self.value is None:
            return None
        if isinstance(self.value, int | float | Decimal):
            return _as_decimal(self.value)
        try:
            return parse_decimal(clean_text(str(self.value)))
        except ValueError:
            return None


EMPTY = Cell()


@dataclass
class Grid:
    """A sheet's cells, row by row (row i is the file's row i + 1), every row as wide as the widest."""

    rows: list[list[Cell]]
    sheet: str = ""

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row] if 0 <= row < len(self.rows) else []
        return cells[column] if 0 <= column < len(cells) else EMPTY


def is_csv(filename: str) -> bool:
    return filename.lower().endswith((".csv", ".txt"))


def read_grids(
    content: bytes, filename: str, limits: intake.Limits, *, head: int | None = None
) -> Iterator[Grid]:
    """Every sheet of a workbook as a grid, or the one grid of a CSV file, read within the limits (core.intake);
    with `head`, only the first rows of each. Raises intake.FileRefused."""
    if problem := intake.size_problem(len(content), limits):
        raise intake.FileRefused(problem)
    if is_csv(filename):
        lines = intake.csv_rows(content, limits)
        if head is not None:
            lines = lines[:head]
        width = max((len(fields) for fields in lines), default=0)
        # A field the product's export neutralised (`'=1+1`) is read back as written.
        yield Grid(
            [
                [Cell(csv_unescape(text)) if text.strip() else EMPTY for text in fields]
                + [EMPTY] * (width - len(fields))
                for fields in lines
            ]
        )
        return
    for sheet in intake.xlsx_sheets(content, limits, head=head):
        yield Grid(
            [[Cell(cell.value, cell.number_format) for cell in row] for row in sheet.rows], sheet.title
        )


# --- Roles and headers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """What a column can be, as the caller names it: its `key`, the header texts that name it (`aliases`, in
    lower case, as `normalise` writes them), and what its header and cells look like."""

    key: str
    aliases: tuple[str, ...] = ()
    yearly: bool = False  # its header carries a year, «Mål 2015»: the aliases are the words beside the year
    bare_year: bool = False  # a header that is only a year (`2015`) is this role
    value: bool = False  # its cells hold the row's values: a row with none is a heading or a note
    item: bool = False  # its cell names the row's item (an indicator): a header must have it


class ColumnRole(NamedTuple):
    """A column's role as proposed or chosen: a role's key (or IGNORE) and, for a yearly role, its year."""

    key: str
    year: int | None = None


@dataclass(frozen=True)
class Match:
    """What a header text says its column is: a role's key and year (None when nothing fits), whether the
    text is exactly an alias, and every role the text could be."""

    key: str | None = None
    year: int | None = None
    exact: bool = False
    candidates: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """A header as it is compared with aliases: one line, lower case, ` / ` spaced, without a footnote mark
    or colon at its end."""
    text = re.sub(r"\s*/\s*", " / ", clean_text(text).casefold())
    return _TRAILING_MARK.sub("", text.rstrip(": ")).rstrip(": ")


def _contains(text: str, alias: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text) is not None


def match_header(text: str, roles: Sequence[Role]) -> Match:
    """The role a header names: exactly an alias; an alias with a year beside it; a year alone (the
    `bare_year` role); or, in a short header, an alias as one of its words (the longest alias wins)."""
    norm = normalise(text)
    if not norm:
        return Match()
    for candidate in (norm, _PARENTHESES.sub("", norm).strip()):
        for role in roles:
            if candidate in role.aliases:
                return Match(role.key, None, True, (role.key,))
    if found := _YEAR.search(norm):
        year = int(found.group(1))
        rest = _PARENTHESES.sub("", f"{norm[: found.start()]} {norm[found.end() :]}")
        rest = " ".join(word for word in rest.split() if word not in _YEAR_FILLERS).strip(" .:-–")
        for role in roles:
            if (not rest and role.bare_year) or (role.yearly and rest in role.aliases):
                return Match(role.key, year, True, (role.key,))
        yearly = [
            (len(alias), role.key)
            for role in roles
            if role.yearly
            for alias in role.aliases
            if len(alias) >= 4 and _contains(rest, alias)
        ]
        if yearly:
            return Match(max(yearly)[1], year, False, tuple(dict.fromkeys(key for _n, key in sorted(yearly))))
    if len(norm) > MAX_HEADER_LENGTH:
        return Match()
    found_aliases = sorted(
        (
            (len(alias), role.key)
            for role in roles
            for alias in role.aliases
            if len(alias) >= 4 and _contains(norm, alias)
        ),
        reverse=True,
    )
    if not found_aliases:
        return Match()
    return Match(found_aliases[0][1], None, False, tuple(dict.fromkeys(key for _n, key in found_aliases)))


@dataclass(frozen=True)
class Column:
    """One column of a header: its index, its header as the file writes it (two rows joined, «Resultat
    2015»), and what that header says it is."""

    index: int
    header: str
    match: Match

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass(frozen=True)
class Header:
    """The header of a table: its rows in the grid (one, or two for words over years) and its columns."""

    rows: tuple[int, ...]
    columns: tuple[Column, ...]
    score: float

    @property
    def data_start(self) -> int:
        """The index of the first row below the header."""
        return self.rows[-1] + 1

    @property
    def row_numbers(self) -> str:
        """The header's rows as the spreadsheet numbers them: `4`, or `3–4`."""
        return "–".join(str(row + 1) for row in (self.rows[0], self.rows[-1])[: len(set(self.rows))])

    def column(self, index: int) -> Column:
        return self.columns[index] if 0 <= index < len(self.columns) else Column(index, "", Match())

    @property
    def named(self) -> list[Column]:
        """The columns with a header text."""
        return [column for column in self.columns if column.header]

    def name(self, index: int) -> str:
        """A column as a message names it: its header, else its letter."""
        return self.column(index).header or self.column(index).letter

    @property
    def quoted(self) -> str:
        """The header's texts as a message quotes them: «Tiltak», «2025», «2026»."""
        return ", ".join(f"«{column.header}»" for column in self.named)


def _year_cell(cell: Cell) -> bool:
    number = cell.number
    return number is not None and number == int(number) and 1900 <= number < 2100 and not cell.percent


def _headerish(cells: Sequence[Cell], roles: Sequence[Role]) -> bool:
    """Whether every filled cell of a row names a role or is a year: the second row of a two-row header."""
    filled = [cell for cell in cells if not cell.empty]
    return bool(filled) and all(_year_cell(cell) or match_header(cell.text, roles).key for cell in filled)


def _carries(text: str, roles: Sequence[Role]) -> bool:
    """Whether an upper header cell spans the empty cells to its right (a merged `2024` over `Mål |
    Resultat`, a merged `Resultat` over `2015 | 2016`)."""
    if _YEAR.fullmatch(normalise(text)):
        return True
    match = match_header(text, roles)
    return match.key is not None and any(role.key == match.key and role.yearly for role in roles)


def _joined(upper: Sequence[Cell], lower: Sequence[Cell], roles: Sequence[Role]) -> list[str]:
    texts, carried = [], ""
    for index in range(max(len(upper), len(lower))):
        above = upper[index].text if index < len(upper) else ""
        below = lower[index].text if index < len(lower) else ""
        if above:
            carried = above if _carries(above, roles) else ""
        elif below and carried:
            above = carried
        else:
            carried = ""
        texts.append(clean_text(f"{above} {below}"))
    return texts


def header_at(grid: Grid, rows: Sequence[int], roles: Sequence[Role]) -> Header:
    """The header made of the given rows of the grid (one row, or two joined column by column)."""
    if len(rows) == 1:
        texts = [cell.text for cell in grid.rows[rows[0]]]
    else:
        texts = _joined(grid.rows[rows[0]], grid.rows[rows[1]], roles)
    texts += [""] * (grid.width - len(texts))
    columns = tuple(Column(index, text, match_header(text, roles)) for index, text in enumerate(texts))
    return Header(tuple(rows), columns, _score(grid, rows, columns, roles))


def _score(grid: Grid, rows: Sequence[int], columns: Sequence[Column], roles: Sequence[Role]) -> float:
    yearly = {role.key for role in roles if role.yearly}
    items = {role.key for role in roles if role.item}
    score, keys = 0.0, set()
    for column in columns:
        match = column.match
        if match.key is None:
            # A number that is not a year is a value: the row is data, not a header.
            if any(
                not cell.empty and cell.number is not None and not _year_cell(cell)
                for cell in (grid.cell(row, column.index) for row in rows)
            ):
                score -= 1
            continue
        score += 2 if match.exact and (match.key not in yearly or match.year) else 1
        keys.add(match.key)
    return score + (3 if keys & items else 0)


def find_header(grid: Grid, roles: Sequence[Role], *, search_rows: int = HEADER_SEARCH_ROWS) -> Header | None:
    """The best-scoring header among the first rows (a row, or a row joined with the next when both name
    roles or years); the first of equals wins. None when no row names enough columns."""
    best: Header | None = None
    for index in range(min(search_rows, len(grid.rows))):
        if all(cell.empty for cell in grid.rows[index]):
            continue
        candidates = [(index,)]
        if (
            index + 1 < len(grid.rows)
            and _headerish(grid.rows[index], roles)
            and _headerish(grid.rows[index + 1], roles)
        ):
            candidates.append((index, index + 1))
        for rows in candidates:
            header = header_at(grid, rows, roles)
            if best is None or header.score > best.score:
                best = header
    return best if best is not None and best.score >= MIN_HEADER_SCORE else None


def header_starting_at(grid: Grid, index: int, roles: Sequence[Role]) -> Header:
    """The header a person points at by its first row: that row, or that row and the next when joining them
    names more (words over years)."""
    header = header_at(grid, (index,), roles)
    if (
        index + 1 < len(grid.rows)
        and _headerish(grid.rows[index], roles)
        and _headerish(grid.rows[index + 1], roles)
    ):
        joined = header_at(grid, (index, index + 1), roles)
        if joined.score > header.score:
            return joined
    return header


def first_table(grids: Iterable[Grid], roles: Sequence[Role]) -> tuple[Grid | None, Header | None]:
    """The first grid with a header and that header (an instructions sheet may come first); else the first
    grid with anything in it and None."""
    fallback = None
    for grid in grids:
        if header := find_header(grid, roles):
            return grid, header
        if fallback is None and any(not cell.empty for row in grid.rows for cell in row):
            fallback = grid
    return fallback, None


@dataclass(frozen=True)
class Settled(Generic[MappingT]):
    """The header a file is read with, the mapping of its columns, where that mapping comes from (`chosen`,
    `remembered` or `proposed`) and, for a proposed one, the roles two columns name equally well."""

    header: Header
    mapping: MappingT
    source: str
    clashes: list


def settle_mapping(
    grid: Grid,
    found: Header | None,
    roles: Sequence[Role],
    *,
    mapping: MappingT | None,
    header_start: int | None,
    remembered: Callable[[Grid], MappingT | None] | None,
    propose: Callable[[Header], tuple[MappingT, list]],
) -> Settled[MappingT] | None:
    """Which header and mapping an import reads a file with, in this order: the mapping given (a person's
    choice, or the remembered one kept for the upload); a mapping proposed for the header a person pointed at
    (`header_start`, an index); the remembered mapping, if it fits the file; the one proposed for the header
    found. None when there is none of these. A mapping has `header_rows` and `remembered`."""
    if mapping is not None and all(row < len(grid.rows) for row in mapping.header_rows):
        source = "remembered" if mapping.remembered else "chosen"
        return Settled(header_at(grid, mapping.header_rows, roles), mapping, source, [])
    if header_start is not None and 0 <= header_start < len(grid.rows):
        found = header_starting_at(grid, header_start, roles)
    elif remembered is not None and (kept := remembered(grid)) is not None:
        return Settled(header_at(grid, kept.header_rows, roles), kept, "remembered", [])
    if found is not None:
        proposed, clashes = propose(found)
        return Settled(found, proposed, "proposed", clashes)
    return None


@dataclass
class Proposal:
    """The proposed role of each column (a column not in `roles` is ignored), and the roles two or more
    columns name equally well (`clashes`: the role and those columns' indexes; the first is proposed)."""

    roles: dict[int, ColumnRole]
    clashes: list[tuple[ColumnRole, tuple[int, ...]]]


def propose(header: Header) -> Proposal:
    """Each named column's role from its header; where several columns name the same role (and year), an
    exact name wins over a word in a longer header, and equals are a clash for the person to settle."""
    by_role: dict[ColumnRole, list[Column]] = {}
    for column in header.columns:
        if column.match.key is not None:
            by_role.setdefault(ColumnRole(column.match.key, column.match.year), []).append(column)
    roles, clashes = {}, []
    for role, columns in by_role.items():
        chosen = [column for column in columns if column.match.exact] or columns
        roles[chosen[0].index] = role
        if len(chosen) > 1:
            clashes.append((role, tuple(column.index for column in chosen)))
    return Proposal(dict(sorted(roles.items())), clashes)


def columns_by_role(
    columns: Mapping[int, ColumnRole],
    clashes: Sequence[tuple[ColumnRole, tuple[int, ...]]],
    single: Sequence[str],
) -> dict[ColumnRole, list[int]]:
    """The columns each role is given (a `single` role counts once whatever its year), with the columns a
    proposal found equally good for a role (`Proposal.clashes`): a role with two or more is to be settled."""
    by_role: dict[ColumnRole, list[int]] = {}
    for index, role in sorted(columns.items()):
        by_role.setdefault(role if role.key not in single else ColumnRole(role.key), []).append(index)
    for role, indexes in clashes:
        by_role[role] = sorted({*by_role.get(role, []), *indexes})
    return by_role


def clash_message(header: Header, first: int, second: int, label: str) -> str:
    """«Både kolonne B «Mål» og kolonne C «Målsetting» er «Mål 2024». Velg én av dem.»"""
    return _(
        "Both column %(first)s «%(first_header)s» and column %(second)s «%(second_header)s» are "
        "«%(role)s». Choose one of them."
    ) % {
        "first": header.column(first).letter,
        "first_header": header.name(first),
        "second": header.column(second).letter,
        "second_header": header.name(second),
        "role": label,
    }


# --- Rows below the header ---------------------------------------------------------------------------------


class LineKind(StrEnum):
    DATA = "data"
    HEADING = "heading"
    NOTE = "note"
    BLANK = "blank"
    HEADER = "header"  # the header again, inside the table: a table in blocks, or one printed over pages


@dataclass(frozen=True)
class Line:
    """A row of the table, below the header (or the first block's heading, right above it; see
    `classify`): its index in the grid, its kind, its cells; a heading's or note's `text` (a heading without
    its closing colon) and a heading's `column`; for a data row, the `heading` above it."""

    index: int
    kind: LineKind
    cells: tuple[Cell, ...]
    text: str = ""
    column: int | None = None
    heading: str = ""

    @property
    def number(self) -> int:
        """The row as the spreadsheet numbers it."""
        return self.index + 1

    @property
    def footnote(self) -> bool:
        """A note that starts like a footnote (`*`, `1)`, `Kilde:`), not a text explaining the row above."""
        return self.kind == LineKind.NOTE and _FOOTNOTE.match(self.text) is not None

    @property
    def mark(self) -> str:
        """A footnote's mark: `*`, `**`, `1)`, `¹`; "" for other rows."""
        match = _FOOTNOTE.match(self.text) if self.kind == LineKind.NOTE else None
        return normalise_mark(match.group(1)) if match and match.group(1) else ""


def normalise_mark(mark: str) -> str:
    return mark.strip().strip("()") if mark.strip().endswith(")") else mark.strip()


def trailing_mark(text: str) -> str:
    """The footnote mark a name or value ends with (`Brukertilfredshet*` → `*`, `101,7%**` → `**`)."""
    match = _TRAILING_MARK.search(clean_text(text))
    return normalise_mark(match.group(1)) if match else ""


def _is_prose(text: str) -> bool:
    return len(text) > NOTE_LENGTH or (
        len(text) > MAX_HEADER_LENGTH and _SENTENCE_GAP.search(text) is not None
    )


def _header_texts(grid: Grid, header: Header) -> list[set[str]]:
    """Each column's header text in every row of the header (`Resultat` and `2015`), normalised."""
    return [
        {normalise(grid.cell(row, index).text) for row in header.rows} - {""} for index in range(grid.width)
    ]


def classify(
    grid: Grid, header: Header, mapping: Mapping[int, ColumnRole], roles: Sequence[Role]
) -> list[Line]:
    """Every row below the header as data, a heading, a note, blank, or the header repeated, by the chosen
    roles of the columns.

    A row of two or more cells that each say what the header says above them is the header repeated (a table
    in blocks, or one printed over pages): it is no data. A row without values is a note when it starts like a
    footnote (`*`, `1)`, `Kilde:`) or is one long text; a heading when one cell is filled and it stands before
    the item's column, is the table's first column, or ends with a colon. Anything else is data, which carries
    the text of the heading above it. When the header repeats under headings («Mål: …» over each block), the
    heading right above the header itself is the first block's, and comes first."""
    value_keys = {role.key for role in roles if role.value}
    item_keys = {role.key for role in roles if role.item}
    values = {index for index, role in mapping.items() if role.key in value_keys}
    items = [index for index, role in mapping.items() if role.key in item_keys]
    used = [index for index, role in mapping.items() if role.key != IGNORE] or [0]
    first_column, item_column = min(used), min(items) if items else None
    header_texts = _header_texts(grid, header)

    def heading_column(cells: Sequence[Cell], filled: list[int]) -> int | None:
        """The column of a heading row's one cell; None when the row is no heading."""
        text = cells[filled[0]].text
        if len(filled) != 1 or any(i in values for i in filled) or _FOOTNOTE.match(text) or _is_prose(text):
            return None
        column = filled[0]
        if item_column is None or column < item_column or column == first_column or text.endswith(":"):
            return column
        return None

    lines, heading = [], ""
    for index in range(header.data_start, len(grid.rows)):
        cells = tuple(grid.rows[index])
        filled = [i for i, cell in enumerate(cells) if not cell.empty]
        if not filled:
            lines.append(Line(index, LineKind.BLANK, cells))
            continue
        if len(filled) >= 2 and all(
            i < len(header_texts) and normalise(cells[i].text) in header_texts[i] for i in filled
        ):
            lines.append(Line(index, LineKind.HEADER, cells))
            continue
        text = cells[filled[0]].text
        if not any(i in values for i in filled):
            if _FOOTNOTE.match(text) or (len(filled) == 1 and _is_prose(text)):
                lines.append(Line(index, LineKind.NOTE, cells, " ".join(cells[i].text for i in filled)))
                continue
            column = heading_column(cells, filled)
            if column is not None:
                heading = text.rstrip(": ").strip()
                lines.append(Line(index, LineKind.HEADING, cells, heading, column))
                continue
        lines.append(Line(index, LineKind.DATA, cells, heading=heading))
    above = header.rows[0] - 1
    # Where each repeat starts (a header of two rows repeats as two lines).
    repeats = [
        i
        for i, line in enumerate(lines)
        if line.kind == LineKind.HEADER and (i == 0 or lines[i - 1].kind != LineKind.HEADER)
    ]
    if repeats and above >= 0 and all(i > 0 and lines[i - 1].kind == LineKind.HEADING for i in repeats):
        cells = tuple(grid.rows[above])
        filled = [i for i, cell in enumerate(cells) if not cell.empty]
        column = heading_column(cells, filled) if filled else None
        if column is not None:
            text = cells[column].text.rstrip(": ").strip()
            lines.insert(0, Line(above, LineKind.HEADING, cells, text, column))
            for i, line in enumerate(lines[1:], 1):
                if line.kind == LineKind.HEADING:
                    break
                if line.kind == LineKind.DATA:
                    lines[i] = replace(line, heading=text)
    return lines


# --- Mappings as stored --------------------------------------------------------------------------------------


def role_name(role: ColumnRole, roles: Sequence[Role]) -> str:
    """A column's role as a form or a stored mapping writes it: `indicator`, `target:2015`, `result:`."""
    if any(known.key == role.key and known.yearly for known in roles):
        return f"{role.key}:{role.year or ''}"
    return role.key


def role_from_name(name: str, roles: Sequence[Role]) -> ColumnRole | None:
    """The role `role_name` wrote (IGNORE included); None for anything else."""
    key, _colon, year = name.partition(":")
    known = next((role for role in roles if role.key == key), None)
    if known is not None and known.yearly:
        if not year:
            return ColumnRole(key)
        return ColumnRole(key, int(year)) if year.isdigit() and 1900 <= int(year) <= 2200 else None
    return ColumnRole(key) if (known is not None or key == IGNORE) and not year else None


_ANY_YEAR = "####"
_YEAR_IN_HEADER = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class RememberedColumns:
    """A confirmed mapping's columns as they are kept for next year's file from the same source: each header
    (with its year written `####` where the year comes from the header, so `Mål 2016` matches what `Mål 2015`
    was) → its role's name."""

    columns: dict[str, str]

    @classmethod
    def of(
        cls, header: Header, columns: Mapping[int, ColumnRole], roles: Sequence[Role]
    ) -> RememberedColumns:
        kept = {}
        for column in header.named:
            role = columns.get(column.index, ColumnRole(IGNORE))
            text = normalise(column.header)
            if role.year is not None and str(role.year) in _YEAR_IN_HEADER.findall(text):
                kept[text.replace(str(role.year), _ANY_YEAR, 1)] = f"{role.key}:*"
            else:
                kept[text] = role_name(role, roles)
        return cls(kept)

    def merged_into(self, older: Mapping[str, str] | None) -> dict[str, str]:
        return {**(older or {}), **self.columns}

    def role(self, text: str, roles: Sequence[Role]) -> ColumnRole | None:
        text = normalise(text)
        if found := _YEAR_IN_HEADER.search(text):
            name = self.columns.get(text[: found.start()] + _ANY_YEAR + text[found.end() :], "")
            if name.endswith(":*"):
                return ColumnRole(name[:-2], int(found.group(0)))
        return role_from_name(self.columns[text], roles) if text in self.columns else None

    def find(self, grid: Grid, roles: Sequence[Role]) -> tuple[tuple[int, ...], dict[int, ColumnRole]] | None:
        """The header rows and the columns of a sheet whose header (one row, or two) has only headers this
        one knows, and among them the item's column."""
        items = {role.key for role in roles if role.item}
        for index in range(min(HEADER_SEARCH_ROWS, len(grid.rows))):
            for rows in ((index,), (index, index + 1))[: 2 if index + 1 < len(grid.rows) else 1]:
                header = header_at(grid, rows, roles)
                found = {column.index: self.role(column.header, roles) for column in header.named}
                if not found or None in found.values():
                    continue
                columns = {i: role for i, role in found.items() if role.key != IGNORE}
                if any(role.key in items for role in columns.values()):
                    return tuple(rows), columns
        return None

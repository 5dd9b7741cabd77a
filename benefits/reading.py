"""Gains tables read as budgets and business plans print them, without touching the database.

`read_gains` reads a file with core.tables, as the scorecard import does: it finds the header wherever it
stands, takes the mapping of columns to roles a person chose (or the one remembered for the programme, or
proposes one from the headers) and turns the rows below it into `GainRow`s, each with what will be stored, the
original text of every amount, its problems and its warnings. Nothing is decided silently:

- **Unit.** A unit stated anywhere on the sheet (a title row, a header, a note under the table: `Tall i hele
  1000`, `(i 1000 kroner)`, `1000 kr`, `mill. kr`, `i hele kroner`) is applied as a scale and named in the
  preview; a file that states none, or states two, is asked about (`Question`). The product's own template is
  whole kroner.
- **Sign.** Savings are often printed as negative numbers. When the amounts include negative numbers, which
  sign is a gain is asked, the default taken from the numbers (mostly negative: negative is a gain). An amount
  with the other sign is a problem on its cell, never turned around.
- **Sum rows.** A row named `Sum`, `Totalt`, `I alt` … and an unnamed subtotal (a row whose amounts are the
  sum of the rows above it) is skipped, and its figures checked against the computed sum: a mismatch is a
  warning naming both figures.
- **Projects.** A row is linked to the programme's project with its name (in the project column, or the
  measure's own name); a row with no such project is listed, and a person chooses for it: link it to a
  project, create a project proposal, or skip it. Until then it is a problem, and nothing is written.

`gain_rows_to_import` turns a reading without problems into the rows the benefit plan's write step stores
(benefits.services.imports).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import intake, tables
from core.import_problems import ImportProblem
from core.numbers import format_number, parse_kroner
from core.tables import ColumnRole, Grid, Header, Line, LineKind

from . import excel
from .models import MAX_AMOUNT, BenefitKind, future_realised_error, is_financial

PROJECT, MEASURE, KIND, OWNER, UNIT = "project", "measure", "kind", "owner", "unit"
# The yearly figures (a plan year's fields, as benefits.excel names them) and the computed net gain.
PLANNED, LOW, HIGH, OPERATING_COST, WITHDRAWAL, REALISED, NET = (
    excel.PLANNED,
    excel.LOW,
    excel.HIGH,
    excel.OPERATING_COST,
    excel.WITHDRAWAL,
    excel.REALISED,
    excel.NET,
)
VALUE_ROLES = (PLANNED, LOW, HIGH, OPERATING_COST, WITHDRAWAL, REALISED)
# The figures whose sign follows the gains (a saving printed with a minus in a budget-style file is a gain,
# and so is the budget cut that takes it out); an operating cost is a cost in either style: positive.
SIGNED_ROLES = (PLANNED, LOW, HIGH, WITHDRAWAL, REALISED)
IGNORE = tables.IGNORE
ROLES = (
    tables.Role(PROJECT, ("prosjekt", "prosjektnavn", "prosjekt / tiltak"), item=True),
    tables.Role(
        MEASURE,
        (
            "tiltak",
            "gevinst",
            "gevinster",
            "gevinstnavn",
            "innsparing",
            "innsparinger",
            "innsparingstiltak",
            "effektiviseringstiltak",
            "tiltak / gevinst",
            "tiltaksbeskrivelse",
            "beskrivelse",
            "endring",
            "rammeendring",
            "tiltak / rammeendring",
            "tiltakstekst",
            "tekst",
            "innsparingskrav",
            "innsparingsforslag",
            "innsparingstiltak / effektiviseringstiltak",
            "forslag",
            "navn",
        ),
        item=True,
    ),
    tables.Role(KIND, ("type", "gevinsttype", "gevinstart")),
    tables.Role(OWNER, ("gevinsteier", "gevinstansvarlig", "ansvarlig")),
    tables.Role(
        UNIT, ("ansvarlig enhet", "enhet", "tjenesteområde", "virksomhet", "sektor", "budsjettenhet")
    ),
    tables.Role(
        PLANNED,
        (
            "plan",
            "planlagt",
            "hp",
            "øp",
            "økonomiplan",
            "handlingsprogram",
            "budsjett",
            "gevinst",
            "innsparing",
            "effekt",
            "beløp",
            "anslag",
            "estimat",
            "forventet",
            "planlagt gevinst",
            "forventet gevinst",
        ),
        yearly=True,
        bare_year=True,
        value=True,
    ),
    tables.Role(
        REALISED,
        ("realisert", "realisert gevinst", "faktisk", "regnskap", "oppnådd", "resultat"),
        yearly=True,
        value=True,
    ),
    tables.Role(
        LOW,
        ("lav", "lavt", "lavt anslag", "lavt estimat", "nedre", "minimum", "min", "pessimistisk"),
        yearly=True,
        value=True,
    ),
    tables.Role(
        HIGH,
        ("høy", "høyt", "høyt anslag", "høyt estimat", "øvre", "maksimum", "maks", "optimistisk"),
        yearly=True,
        value=True,
    ),
    tables.Role(
        OPERATING_COST,
        (
            "driftskostnad",
            "driftskostnader",
            "driftsutgift",
            "driftsutgifter",
            "økte driftskostnader",
            "løpende kostnad",
            "løpende kostnader",
            "årlig driftskostnad",
        ),
        yearly=True,
        value=True,
    ),
    tables.Role(
        WITHDRAWAL,
        (
            "uttak",
            "uttak i budsjett",
            "budsjettuttak",
            "tatt ut i budsjett",
            "uttak fra budsjett",
            "budsjettreduksjon",
        ),
        yearly=True,
        value=True,
    ),
    # Computed from the plan and the operating cost (the product's own export writes it): never read.
    tables.Role(NET, ("netto", "netto gevinst", "nettogevinst", "nettoeffekt"), yearly=True),
)
SINGLE_ROLES = (PROJECT, MEASURE, KIND, OWNER, UNIT)
# The header of the yes/no column of the layout before the gains ledger, which no year can be given.
OLD_WITHDRAWAL_HEADERS = ("uttak i budsjett", "tatt ut i budsjett")

ROLE_LABELS = {
    PROJECT: gettext_lazy("Project"),
    MEASURE: gettext_lazy("Measure / gain"),
    KIND: gettext_lazy("Type of gain"),
    OWNER: gettext_lazy("Gain owner"),
    UNIT: gettext_lazy("Responsible unit"),
    IGNORE: gettext_lazy("Not to be imported"),
}
_YEARLY_LABELS = {
    PLANNED: gettext_lazy("Planned %(year)s"),
    LOW: gettext_lazy("Low %(year)s"),
    HIGH: gettext_lazy("High %(year)s"),
    OPERATING_COST: gettext_lazy("Operating cost %(year)s"),
    WITHDRAWAL: gettext_lazy("Budget withdrawal %(year)s"),
    REALISED: gettext_lazy("Realised %(year)s"),
    NET: gettext_lazy("Net gain %(year)s (computed, not imported)"),
}
_YEARLESS_LABELS = {
    PLANNED: gettext_lazy("Planned (year missing)"),
    LOW: gettext_lazy("Low (year missing)"),
    HIGH: gettext_lazy("High (year missing)"),
    OPERATING_COST: gettext_lazy("Operating cost (year missing)"),
    WITHDRAWAL: gettext_lazy("Budget withdrawal (year missing)"),
    REALISED: gettext_lazy("Realised (year missing)"),
    NET: gettext_lazy("Net gain (computed, not imported)"),
}

# The words a mapping file (`import_benefits --mapping`) may use for a role, Norwegian or English; a yearly
# role takes its year after the word: `plan 2024`.
ROLE_WORDS = {
    "prosjekt": PROJECT,
    "project": PROJECT,
    "tiltak": MEASURE,
    "gevinst": MEASURE,
    "measure": MEASURE,
    "type": KIND,
    "kind": KIND,
    "gevinsteier": OWNER,
    "owner": OWNER,
    "enhet": UNIT,
    "unit": UNIT,
    "uttak": WITHDRAWAL,
    "withdrawal": WITHDRAWAL,
    "lav": LOW,
    "low": LOW,
    "høy": HIGH,
    "high": HIGH,
    "driftskostnad": OPERATING_COST,
    "operating_cost": OPERATING_COST,
    "plan": PLANNED,
    "planned": PLANNED,
    "realisert": REALISED,
    "realised": REALISED,
    "ignorer": IGNORE,
    "ikke importer": IGNORE,
    "ignore": IGNORE,
}


def role_label(role: ColumnRole) -> str:
    """«Tiltak / gevinst», «Plan 2024», «Importeres ikke»."""
    if role.key in _YEARLY_LABELS:
        if role.year is None:
            return str(_YEARLESS_LABELS[role.key])
        return str(_YEARLY_LABELS[role.key]) % {"year": role.year}
    return str(ROLE_LABELS[role.key])


def role_name(role: ColumnRole) -> str:
    return tables.role_name(role, ROLES)


def role_from_name(name: str) -> ColumnRole | None:
    return tables.role_from_name(name, ROLES)


def is_own_layout(header: Header) -> bool:
    """Whether a header is the benefit plan's own (its template, its export): one row, its fixed columns in
    order, then the benefit's own columns and the year columns (`Plan YYYY`, `Uttak YYYY` …). Such a file is
    imported as it is (benefits.excel). The layout before the gains ledger, with its yes/no column «Uttak i
    budsjett», is not: it is read through the column page, which asks about that column."""
    names = [" ".join(column.header.split()).casefold() for column in header.columns if column.header]
    fixed = [name.casefold() for name in excel.FIXED_COLUMNS]
    benefit_columns = {name.casefold() for name in excel.BENEFIT_COLUMNS}
    return (
        len(header.rows) == 1
        and names[: len(fixed)] == fixed
        and all(excel._YEAR_COLUMN.match(name) or name in benefit_columns for name in names[len(fixed) :])
    )


def is_old_own_layout(header: Header) -> bool:
    """Whether a header is the benefit plan's own layout from before the gains ledger: its fixed columns, the
    yes/no column «Uttak i budsjett», then `Plan YYYY` and `Realisert YYYY`. Its amounts are whole kroner,
    as the own layout's are; its yes/no column is asked about (mapping_questions)."""
    names = [" ".join(column.header.split()).casefold() for column in header.columns if column.header]
    fixed = [name.casefold() for name in excel.FIXED_COLUMNS]
    return (
        len(header.rows) == 1
        and names[: len(fixed)] == fixed
        and names[len(fixed) : len(fixed) + 1] == [excel.OLD_WITHDRAWAL.casefold()]
        and all(excel._YEAR_COLUMN.match(name) for name in names[len(fixed) + 1 :])
    )


# --- Units ------------------------------------------------------------------------------------------------

KRONER, THOUSANDS, MILLIONS = 1, 1_000, 1_000_000
SCALES = (KRONER, THOUSANDS, MILLIONS)
SCALE_LABELS = {
    KRONER: gettext_lazy("whole kroner"),
    THOUSANDS: gettext_lazy("thousands of kroner (1000 kr)"),
    MILLIONS: gettext_lazy("millions of kroner (mill. kr)"),
}
_THOUSAND = r"(?:1[ .\u00a0]?000|tusen|tusener)"
_UNIT_PATTERNS = (
    (
        MILLIONS,
        re.compile(
            r"(?<![\d,.]\s)(?<![\d,.])(?<!\w)(?:mill(?:\.|ioner|ion)?|mnok|mkr)(?!\w)\s*(?:kr\b|kroner|nok)?|(?<!\w)i\s+millioner(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        THOUSANDS,
        re.compile(
            rf"(?<![\d\w]){_THOUSAND}\s*-?\s*(?:kr\b|kr\.|kroner|nok)|(?<!\w)(?:i|tall\s+i|beløp\s+i)\s+(?:hele\s+)?"
            rf"{_THOUSAND}(?![\d\w])|(?<!\w)(?:kr|nok)\s*{_THOUSAND}(?![\d\w])|(?<!\w)tkr(?!\w)|(?<!\w)tnok(?!\w)",
            re.IGNORECASE,
        ),
    ),
    (
        KRONER,
        re.compile(
            r"(?<!\w)(?:i\s+)?hele\s+kroner(?!\w)|(?<!\w)(?:beløp|tall)\s+i\s+kroner(?!\w)", re.IGNORECASE
        ),
    ),
)
# A year before «kroner» is a price level (`i 2018-kroner`, `i 2018 kr`), not a unit.
_PRICE_LEVEL = re.compile(r"(?:19|20)\d{2}\s*-?\s*(?:kr\b|kroner)", re.IGNORECASE)


@dataclass(frozen=True)
class StatedUnit:
    """A unit the sheet states: its scale, the text that states it, and its row as the spreadsheet numbers it."""

    scale: int
    text: str
    row: int


UNIT_TEXT_LENGTH = 80  # a longer text is prose, whose «2,4 mill. kr» is an amount, not the table's unit


def unit_in(text: str) -> int | None:
    """The scale a short text states (`Tall i hele 1000` → 1000, `(i mill. kr)` → 1 000 000), or None; an
    amount (`0,16 millioner`) and a price level (`i 2018-kroner`) state none."""
    text = tables.clean_text(text)
    if len(text) > UNIT_TEXT_LENGTH:
        return None
    text = _PRICE_LEVEL.sub(" ", text)
    for scale, pattern in _UNIT_PATTERNS:
        if pattern.search(text):
            return scale
    return None


def stated_units(grid: Grid, header: Header, lines: Sequence[Line]) -> list[StatedUnit]:
    """Every unit the sheet states above the table, in its header or in a note or heading below it, in the
    order of the sheet. Amount cells and the measures' names are not read: «tilskudd på 1000 kr per elev» in
    a measure's name says nothing about the table."""
    found: list[StatedUnit] = []
    texts: list[tuple[int, str]] = []
    for index in range(min(header.rows[0], len(grid.rows))):
        texts += [(index + 1, cell.text) for cell in grid.rows[index] if isinstance(cell.value, str)]
    texts += [(header.rows[0] + 1, column.header) for column in header.columns if column.header]
    texts += [(line.number, line.text) for line in lines if line.kind in (LineKind.NOTE, LineKind.HEADING)]
    for row, text in texts:
        if (scale := unit_in(text)) is not None:
            found.append(StatedUnit(scale, text, row))
    return found


# --- The mapping ------------------------------------------------------------------------------------------

LINK, CREATE, SKIP = "link", "create", "skip"


@dataclass(frozen=True)
class GainsMapping:
    """How a gains file is read: the header's rows (indexes), each column's role, the scale of the amounts
    (None: as the file states), whether negative numbers are gains (None: not chosen), what each row
    becomes by its row number (`link:ID`, `create`, `skip`; a row not named is linked when its project is
    found, skipped when it is a sum, else `unmatched`), the sub-programme of the proposals a file creates,
    and the type of a gain when no column says it."""

    header_rows: tuple[int, ...]
    columns: dict[int, ColumnRole]
    scale: int | None = None
    negative_gains: bool | None = None
    rows: dict[int, str] = field(default_factory=dict)
    unmatched: str = ""
    sub_programme: int | None = None
    kind: str = BenefitKind.REDUCED_COST
    remembered: bool = False

    def to_json(self) -> dict:
        return {
            "header_rows": list(self.header_rows),
            "columns": {str(index): role_name(role) for index, role in self.columns.items()},
            "scale": self.scale,
            "negative_gains": self.negative_gains,
            "rows": {str(row): decision for row, decision in self.rows.items()},
            "unmatched": self.unmatched,
            "sub_programme": self.sub_programme,
            "kind": self.kind,
            "remembered": self.remembered,
        }

    @classmethod
    def from_json(cls, data: object) -> GainsMapping | None:
        """The mapping `to_json` wrote; None for anything else."""
        try:
            rows = tuple(int(row) for row in data["header_rows"])
            columns = {int(index): role_from_name(name) for index, name in data["columns"].items()}
            decisions = {int(row): str(decision) for row, decision in data.get("rows", {}).items()}
            scale, negative = data.get("scale"), data.get("negative_gains")
            unmatched, kind = data.get("unmatched", ""), data.get("kind", BenefitKind.REDUCED_COST)
            sub_programme = data.get("sub_programme")
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        if (
            not 1 <= len(rows) <= 2
            or None in columns.values()
            or scale not in (None, *SCALES)
            or negative not in (None, True, False)
            or unmatched not in ("", CREATE, SKIP)
            or kind not in BenefitKind.values
            or not (sub_programme is None or isinstance(sub_programme, int))
            or not all(_decision_ok(decision) for decision in decisions.values())
        ):
            return None
        columns = {i: role for i, role in columns.items() if role.key not in (IGNORE, NET)}
        return cls(
            rows,
            columns,
            scale,
            negative,
            decisions,
            unmatched,
            sub_programme,
            kind,
            data.get("remembered") is True,
        )

    def replace(self, **changes) -> GainsMapping:
        return GainsMapping(**{**self.__dict__, **changes})


def _decision_ok(decision: str) -> bool:
    key, _colon, project = decision.partition(":")
    return (key == LINK and project.isdigit()) or (key in (CREATE, SKIP) and not project)


@dataclass(frozen=True)
class Remembered:
    """A confirmed mapping as a programme keeps it for next year's file from the same source: its columns
    (core.tables.RememberedColumns), the scale a person chose for a file that stated none, and the sign."""

    columns: dict[str, str]
    scale: int | None = None
    negative_gains: bool | None = None

    def find(self, grid: Grid) -> GainsMapping | None:
        found = tables.RememberedColumns(self.columns).find(grid, ROLES)
        if not found:
            return None
        return GainsMapping(found[0], found[1], self.scale, self.negative_gains, remembered=True)


# --- Reading ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """What the mapping leaves for a person to settle, as a problem at the header row; `column` is the
    index of the column it is about, or None; `about` says which setting answers it (`column`, `scale`,
    `sign`)."""

    column: int | None
    problem: ImportProblem
    about: str = "column"


@dataclass(frozen=True)
class Amount:
    """One amount cell: the text the file shows, the number in the file's unit and sign, and the gain in
    whole kroner as it will be stored (None when the cell is empty or cannot be read)."""

    original: str
    number: Decimal | None
    kroner: Decimal | None


@dataclass(frozen=True)
class SumCheck:
    """A sum row's figure for a year against the sum of the rows it adds up (in the file's unit)."""

    year: int
    which: str
    printed: Decimal
    computed: Decimal

    @property
    def matches(self) -> bool:
        return self.printed == self.computed


@dataclass
class GainRow:
    """One row below the header as it will be stored: its measure, its project (found, chosen, to be created
    or none), its amounts by (PLANNED or REALISED, year), and whether it is a sum row."""

    row: int
    measure: str
    project_text: str
    heading: str
    amounts: dict[tuple[str, int], Amount] = field(default_factory=dict)
    kind: str = BenefitKind.REDUCED_COST
    owner_id: int | None = None
    unit: str | None = None  # the responsible unit, when the file has a column for it
    notes: list[str] = field(default_factory=list)
    found_project: int | None = None  # the project its name names, when there is one
    decision: str = ""  # LINK, CREATE, SKIP or "" (a person must choose)
    project_id: int | None = None  # the project it is linked to
    decided_by: str = ""  # "found", "person", "sum", "unmatched" (the choice for every unmatched row)
    sum_of: tuple[int, ...] = ()  # the rows a sum row adds up (row numbers)
    sum_checks: list[SumCheck] = field(default_factory=list)
    named_sum: bool = False
    labels: int = 0  # the row's filled cells outside the amount columns
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def is_sum(self) -> bool:
        return bool(self.sum_of) or self.named_sum

    @property
    def title(self) -> str:
        """The gain's name: the measure, else (a file with only a project column) the project's text."""
        return self.measure or self.project_text

    def amount(self, which: str, year: int) -> Amount | None:
        return self.amounts.get((which, year))


@dataclass
class GainsReading:
    """A gains file read with a mapping: the sheet, its header, the mapping and where it came from
    (`proposed`, `remembered`, `chosen`), the questions it leaves open, the rows below the header, the units
    the sheet states and the scale and sign used, and every row as it will be stored."""

    grid: Grid | None = None
    header: Header | None = None
    mapping: GainsMapping | None = None
    source: str = ""
    questions: list[Question] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    units: list[StatedUnit] = field(default_factory=list)
    scale: int | None = None
    scale_source: str = ""  # "file", "chosen", "own" (the product's template) or ""
    negative_gains: bool | None = None
    sign_default: bool = False  # what the numbers suggest: mostly negative
    has_negative: bool = False
    rows: list[GainRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    file_problems: list[ImportProblem] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({year for _which, year in self.value_columns.values()})

    @property
    def value_columns(self) -> dict[int, tuple[str, int]]:
        if self.mapping is None:
            return {}
        return {
            index: (role.key, role.year)
            for index, role in sorted(self.mapping.columns.items())
            if role.key in VALUE_ROLES and role.year is not None
        }

    @property
    def imported(self) -> list[GainRow]:
        return [row for row in self.rows if row.decision in (LINK, CREATE)]

    @property
    def undecided(self) -> list[GainRow]:
        return [row for row in self.rows if not row.decision]

    @property
    def warnings(self) -> list[ImportProblem]:
        """The sum checks that do not match, each naming both figures."""
        found = []
        columns = {value: index for index, value in self.value_columns.items()}
        for row in self.rows:
            for check in row.sum_checks:
                if not check.matches:
                    found.append(
                        ImportProblem(
                            row.row,
                            self.header.name(columns[(check.which, check.year)]),
                            _(
                                "The sum row «%(name)s» says %(printed)s for %(year)s, but the rows it adds up "
                                "come to %(computed)s (in the file's unit)."
                            )
                            % {
                                "name": row.title,
                                "printed": format_number(check.printed),
                                "year": check.year,
                                "computed": format_number(check.computed),
                            },
                        )
                    )
        return found

    @property
    def problems(self) -> list[ImportProblem]:
        """Every reason the file cannot be imported as it is read: the questions, the file's problems, and
        the problems of the rows that will be imported or are still undecided."""
        return (
            [question.problem for question in self.questions]
            + self.file_problems
            + [problem for row in self.rows if row.decision != SKIP for problem in row.problems]
        )

    @property
    def own_layout(self) -> bool:
        return self.header is not None and is_own_layout(self.header)


def _no_header() -> ImportProblem:
    return ImportProblem.for_file(
        _(
            "Found no header row in the first %(rows)s rows. A gains table needs a column naming each measure "
            "or project (e.g. «Tiltak», «Gevinst», «Prosjekt») and columns of amounts by year (e.g. «2025», "
            "«HP 2025», «Plan 2025», «Realisert 2025»); download the template to see one."
        )
        % {"rows": tables.HEADER_SEARCH_ROWS}
    )


def proposed_mapping(header: Header) -> tuple[GainsMapping, list]:
    """The mapping the headers propose; a net gain column (computed, never read) is left out."""
    proposal = tables.propose(header)
    roles = {index: role for index, role in proposal.roles.items() if role.key != NET}
    return GainsMapping(header.rows, roles), [c for c in proposal.clashes if c[0].key != NET]


def mapping_questions(header: Header, mapping: GainsMapping, clashes: Sequence = ()) -> list[Question]:
    """What keeps the columns from being read: no measure or project column, a role on two columns, an amount
    column without a year, no amount columns; each naming the header row and the column."""
    row = header.rows[-1] + 1
    questions: list[Question] = []

    def ask(column: int | None, message: str) -> None:
        name = header.name(column) if column is not None else ""
        questions.append(Question(column, ImportProblem(row, name, message)))

    by_role = tables.columns_by_role(mapping.columns, clashes, SINGLE_ROLES)
    if not by_role.get(ColumnRole(MEASURE)) and not by_role.get(ColumnRole(PROJECT)):
        ask(
            None,
            _(
                "The header row (row %(row)s: %(headers)s) has no column naming the measures or projects. "
                "Expected a column named e.g. «Tiltak», «Gevinst» or «Prosjekt»; choose the column that names "
                "each row's measure."
            )
            % {"row": header.row_numbers, "headers": header.quoted or "–"},
        )
    for role, indexes in by_role.items():
        for second in indexes[1:]:
            ask(second, tables.clash_message(header, indexes[0], second, role_label(role)))
    for index, role in sorted(mapping.columns.items()):
        if (
            role.key == WITHDRAWAL
            and role.year is None
            and tables.normalise(header.column(index).header) in OLD_WITHDRAWAL_HEADERS
        ):
            ask(
                index,
                _(
                    "«%(header)s» looks like the yes/no column of the benefit plan's old layout. A budget "
                    "withdrawal is now an amount for each year, which a yes or a no cannot be turned into: "
                    "choose «Not to be imported» for this column, or the year its amounts are for."
                )
                % {"header": header.column(index).header},
            )
        elif role.key in VALUE_ROLES and role.year is None:
            ask(index, _("The column holds amounts, but its header names no year. Choose the year."))
    if not any(role.key in VALUE_ROLES for role in mapping.columns.values()):
        ask(
            None,
            _(
                "The header row (row %(row)s: %(headers)s) has no columns of amounts by year: expected e.g. "
                "«2025», «HP 2025», «Plan 2025» or «Realisert 2025»."
            )
            % {"row": header.row_numbers, "headers": header.quoted or "–"},
        )
    return questions


def read_gains(
    content: bytes,
    filename: str = "gevinster.xlsx",
    *,
    projects: excel.ProjectLookup,
    people: dict[str, list[int]] | None = None,
    mapping: GainsMapping | None = None,
    header_start: int | None = None,
    remembered: Remembered | None = None,
    head: int | None = None,
    last_year: int | None = None,
) -> GainsReading:
    """Reads a gains file with the given mapping; else with the mapping proposed for the header that starts
    at the row a person pointed at (`header_start`, an index); else with the remembered mapping if it fits the
    file's header; else with the one proposed for the header found. With `head`, only the sheet's first rows
    are read (enough to choose the mapping). Figures for a year after `last_year` (the ledger's horizon) are
    a problem on their column."""
    reading = GainsReading()
    try:
        grid, header = tables.first_table(
            tables.read_grids(content, filename, excel.LIMITS, head=head), ROLES
        )
    except intake.FileRefused as exc:
        reading.file_problems.extend(exc.problems)
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
        reading.file_problems.append(_no_header())
        return reading
    reading.header, reading.mapping, reading.source = settled.header, settled.mapping, settled.source
    reading.questions = mapping_questions(reading.header, reading.mapping, settled.clashes)
    reading.lines = tables.classify(grid, reading.header, reading.mapping.columns, ROLES)
    reading.units = stated_units(grid, reading.header, reading.lines)
    _settle_scale(reading)
    if not any(question.about == "column" for question in reading.questions):
        _read_rows(reading, projects, people or {})
        _check_horizon(reading, last_year)
        _settle_sign(reading)
        _convert(reading)
    return reading


def _check_horizon(reading: GainsReading, last_year: int | None) -> None:
    """A problem on each column of figures for a year after the ledger's last year, when a row that is not
    skipped has a figure in it (an empty column of a later year is no harm)."""
    if last_year is None:
        return
    for index, (which, year) in reading.value_columns.items():
        if (problem := excel.beyond_horizon(year, last_year)) and any(
            (amount := row.amount(which, year)) is not None and amount.original
            for row in reading.rows
            if row.decision != SKIP and not row.is_sum
        ):
            reading.file_problems.append(
                ImportProblem(reading.header.rows[-1] + 1, reading.header.name(index), problem)
            )


def _settle_scale(reading: GainsReading) -> None:
    mapping, header = reading.mapping, reading.header
    row = header.rows[-1] + 1
    scales = {unit.scale for unit in reading.units}
    if mapping.scale is not None:
        reading.scale, reading.scale_source = mapping.scale, "chosen"
    elif reading.own_layout or is_old_own_layout(header):
        reading.scale, reading.scale_source = KRONER, "own"
    elif len(scales) == 1:
        reading.scale, reading.scale_source = scales.pop(), "file"
    elif scales:
        stated = "; ".join(
            _("«%(text)s» (row %(row)s)") % {"text": unit.text, "row": unit.row} for unit in reading.units
        )
        reading.questions.append(
            Question(
                None,
                ImportProblem(
                    row,
                    "",
                    _("The file states more than one unit for its amounts: %(units)s. Choose the unit.")
                    % {"units": stated},
                ),
                "scale",
            )
        )
    else:
        reading.questions.append(
            Question(
                None,
                ImportProblem(
                    row,
                    "",
                    _(
                        "The file does not say which unit its amounts are in (e.g. «Tall i hele 1000» or "
                        "«mill. kr» above the table). Choose whole kroner, thousands or millions of kroner."
                    ),
                ),
                "scale",
            )
        )


_SUM_NAME = re.compile(
    r"^(?:sum|summer|totalt?|i alt|samlet|sum\s.*|.*\s(?:sum|totalt|i alt))[\s:.]*$", re.IGNORECASE
)


def _cell(line: Line, index: int | None) -> tables.Cell:
    return line.cells[index] if index is not None and index < len(line.cells) else tables.EMPTY


def _number(cell: tables.Cell, text: str) -> tuple[Decimal | None, bool, str]:
    """A cell's amount in the file's unit: (number, stated in kroner by the cell itself, problem); `text` is
    the cell's text (`cell.text`, which formats a number: worked out once by the caller)."""
    if cell.empty:
        return None, False, ""
    text = text.strip()
    if text in {"-", "–", "—", "−", "..", "…", "x"}:
        return None, False, ""
    number = cell.number
    if number is not None and number.is_finite():
        return number, False, ""
    if isinstance(cell.value, str):
        try:
            return Decimal(parse_kroner(cell.value)), True, ""
        except (ValueError, ArithmeticError):
            pass
    return None, False, _("«%(value)s» is not an amount; write e.g. -1 250 or 1 250.") % {"value": text}


def _read_rows(reading: GainsReading, projects: excel.ProjectLookup, people: dict[str, list[int]]) -> None:
    header, mapping = reading.header, reading.mapping
    single = {}
    for index, role in sorted(mapping.columns.items()):
        if role.key in SINGLE_ROLES:
            single.setdefault(role.key, index)
    values = reading.value_columns
    last: GainRow | None = None
    segment = _Span()  # the rows since the last sum row
    sums = _Span()  # the sum rows since the last grand total
    seen: dict[tuple[int, str], int] = {}
    footnotes: dict[str, str] = {}
    for line in reading.lines:
        if line.kind == LineKind.BLANK:
            last = None
            continue
        if line.kind == LineKind.NOTE:
            if line.mark:
                footnotes.setdefault(line.mark, line.text)
            elif last is not None and not line.footnote:
                last.notes.append(line.text)
            else:
                reading.notes.append(line.text)
            continue
        if line.kind in (LineKind.HEADING, LineKind.HEADER):  # a heading, or the header again: no gain
            last = None
            continue
        measure = _cell(line, single.get(MEASURE)).text
        project_text = _cell(line, single.get(PROJECT)).text
        row = GainRow(line.number, measure, project_text, line.heading, kind=mapping.kind)
        name_column = single.get(MEASURE, single.get(PROJECT))
        if not row.title:
            if any(not _cell(line, index).empty for index in values):
                reading.file_problems.append(
                    ImportProblem(
                        line.number,
                        header.name(name_column),
                        _("The row has amounts but no name of a measure or project."),
                    )
                )
            continue
        for index, (which, year) in values.items():
            cell = _cell(line, index)
            text = cell.text
            number, in_kroner, problem = _number(cell, text)
            if problem:
                row.problems.append(ImportProblem(line.number, header.name(index), problem))
            if number is not None or text:
                row.amounts[(which, year)] = Amount(text, number, number if in_kroner else None)
        _read_details(row, line, single, header, people)
        row.labels = sum(1 for index, cell in enumerate(line.cells) if not cell.empty and index not in values)
        row.named_sum = _SUM_NAME.match(row.title) is not None
        grand_total = _check_sum(row, segment, sums)
        if row.is_sum:
            segment.clear()
            if grand_total:
                sums.clear()
            sums.add(row)
        else:
            segment.add(row)
        if row.is_sum and row.row not in mapping.rows:
            row.decision, row.decided_by = SKIP, "sum"
        else:
            _match_project(row, projects, mapping, header.name(name_column))
        if row.decision in (LINK, CREATE):
            key = (row.project_id or -row.row, row.title.casefold())
            if row.project_id is not None and key in seen:
                row.problems.append(
                    ImportProblem(
                        line.number,
                        header.name(name_column),
                        _("The gain «%(name)s» of this project is already in row %(row)s.")
                        % {"name": row.title, "row": seen[key]},
                    )
                )
            seen.setdefault(key, line.number)
        last = row
        reading.rows.append(row)
    for row in reading.rows:
        marks = dict.fromkeys(
            tables.trailing_mark(text) for text in (row.title, *(a.original for a in row.amounts.values()))
        )
        row.notes[:0] = [footnotes[mark] for mark in marks if mark in footnotes]
    reading.notes += [
        text for mark, text in footnotes.items() if not any(text in row.notes for row in reading.rows)
    ]
    if not reading.rows and not reading.file_problems:
        reading.file_problems.append(
            ImportProblem(
                header.rows[-1] + 1,
                "",
                _("The header row (row %(row)s) has no gains below it.") % {"row": header.row_numbers},
            )
        )


def _read_details(row: GainRow, line: Line, single: dict, header: Header, people: dict) -> None:
    """The optional columns: type, gain owner and responsible unit."""
    if KIND in single and (text := _cell(line, single[KIND]).text):
        kind = excel._KIND_LOOKUP.get(text.casefold())
        if kind is None:
            row.problems.append(
                ImportProblem(
                    line.number,
                    header.name(single[KIND]),
                    _("Unknown type «%(value)s». Use one of: %(types)s.")
                    % {"value": text, "types": ", ".join(excel.KIND_NAMES.values())},
                )
            )
        else:
            row.kind = kind
    if OWNER in single and (text := _cell(line, single[OWNER]).text):
        ids = set(people.get(" ".join(text.split()).casefold(), []))
        if len(ids) == 1:
            row.owner_id = ids.pop()
        else:
            row.problems.append(
                ImportProblem(
                    line.number,
                    header.name(single[OWNER]),
                    (
                        _("No user is named «%(name)s». Write the full name or the username.")
                        if not ids
                        else _("Several users are named «%(name)s»; write the username instead.")
                    )
                    % {"name": text},
                )
            )
    if UNIT in single:
        text = _cell(line, single[UNIT]).text
        if len(text) > 200:
            row.problems.append(
                ImportProblem(
                    line.number,
                    header.name(single[UNIT]),
                    _("The responsible unit is longer than 200 characters."),
                )
            )
        else:
            row.unit = text


def _add_amounts(totals: dict[tuple[str, int], Decimal], row: GainRow) -> None:
    """Adds the row's amounts in the file's unit (not those a cell stated in kroner itself) to `totals`."""
    for key, amount in row.amounts.items():
        if amount.number is not None and amount.kroner is None:
            totals[key] = totals.get(key, Decimal(0)) + amount.number


@dataclass
class _Span:
    """Rows a sum row may add up, with their totals and the most cells beside the amounts any of them fills,
    kept up to date as each row is added: checking every row against the rows above it then costs the same
    for the 5,000th row as for the 5th, where adding them all up again made a long table quadratic."""

    rows: list[GainRow] = field(default_factory=list)
    totals: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    labels: int = 0

    def add(self, row: GainRow) -> None:
        self.rows.append(row)
        _add_amounts(self.totals, row)
        self.labels = max(self.labels, row.labels)

    def clear(self) -> None:
        self.rows, self.totals, self.labels = [], {}, 0


@dataclass(frozen=True)
class _Candidate:
    """What a row may be the sum of: one span, or the sums and the rows since the last of them together."""

    spans: tuple[_Span, ...]
    grand: bool

    @property
    def rows(self) -> list[GainRow]:
        return [row for span in self.spans for row in span.rows]

    @property
    def labels(self) -> int:
        return max(span.labels for span in self.spans)

    @cached_property
    def totals(self) -> dict[tuple[str, int], Decimal]:
        if len(self.spans) == 1:
            return self.spans[0].totals
        totals = dict(self.spans[0].totals)
        for span in self.spans[1:]:
            for key, total in span.totals.items():
                totals[key] = totals.get(key, Decimal(0)) + total
        return totals


def _adds_up(
    numbers: dict[tuple[str, int], Decimal], totals: dict[tuple[str, int], Decimal], tolerance: Decimal
) -> bool:
    """Whether every amount of a row (`numbers`) is the sum of some rows' amounts (`totals`, within
    `tolerance`), and the row has an amount wherever they add up to something."""
    return (
        any(number != 0 for number in numbers.values())
        and all(abs(number - totals.get(key, Decimal(0))) <= tolerance for key, number in numbers.items())
        and all(key in numbers for key, total in totals.items() if total != 0)
    )


def _check_sum(row: GainRow, segment: _Span, sums: _Span) -> bool:
    """Whether the row is a sum, what it adds up, and its figures checked against the computed sums; True
    when it adds up the sums before it (a grand total).

    A row named as a sum (`Sum`, `Sum innsparing`, `Totalt`, `I alt`) adds up the rows since the sum before
    it, or every row and sum before it when that is what its figures are. A row not named so is a sum only
    when its figures are, within one unit of the source's rounding, the sum of the two or more rows since the
    sum before it (or of the sums before it) and it fills fewer cells beside its amounts than those rows do
    (a subtotal names only itself: «Driftsutgift»), so that a measure whose saving happens to equal two
    others' stays a measure."""
    if row.problems:
        return False
    candidates: list[_Candidate] = []
    if len(segment.rows) >= 2 or (row.named_sum and segment.rows):
        candidates.append(_Candidate((segment,), False))
    if len(sums.rows) >= 2 and not segment.rows:
        candidates.append(_Candidate((sums,), True))
    if sums.rows and segment.rows:
        candidates.append(_Candidate((sums, segment), True))
    numbers = {key: a.number for key, a in row.amounts.items() if a.number is not None}
    found = next((c for c in candidates if _adds_up(numbers, c.totals, Decimal(0))), None)
    if found is None and not row.named_sum:
        found = next((c for c in candidates if _adds_up(numbers, c.totals, Decimal(1))), None)
    if found is not None and not (row.named_sum or found.grand) and row.labels >= found.labels:
        found = None  # a measure whose saving equals the others': it names more than a subtotal does
    if found is None and row.named_sum:
        found = candidates[0] if candidates else _Candidate((), False)
    if found is None:
        return False
    row.sum_of = tuple(r.row for r in found.rows)
    totals = found.totals if found.spans else {}
    for (which, year), amount in sorted(row.amounts.items(), key=lambda item: (item[0][1], item[0][0])):
        if amount.number is not None:
            row.sum_checks.append(SumCheck(year, which, amount.number, totals.get((which, year), Decimal(0))))
    return found.grand


def _match_project(row: GainRow, projects: excel.ProjectLookup, mapping: GainsMapping, column: str) -> None:
    """The project the row names, and what the row becomes: a person's choice, else linked to the project
    found, else the choice made for every unmatched row, else undecided. Its problems are on `column`, the
    one that names the row."""
    name = row.project_text or row.measure
    ids = projects.by_name.get(" ".join(name.split()).casefold(), [])
    if len(ids) == 1:
        row.found_project = ids[0]
    chosen = mapping.rows.get(row.row, "")
    if chosen:
        key, _colon, project = chosen.partition(":")
        row.decision, row.decided_by = key, "person"
        row.project_id = int(project) if key == LINK else None
    elif row.found_project is not None:
        row.decision, row.project_id, row.decided_by = LINK, row.found_project, "found"
    elif mapping.unmatched:
        row.decision, row.decided_by = mapping.unmatched, "unmatched"
    if row.decision == LINK and projects.allowed is not None and row.project_id not in projects.allowed:
        row.problems.append(
            ImportProblem(
                row.row, column, _("You may not import gains for the project «%(name)s».") % {"name": name}
            )
        )
    elif row.decision == LINK and row.project_id not in projects.ids:
        row.problems.append(ImportProblem(row.row, column, _("The chosen project is not in this programme.")))
    if not row.decision:
        row.problems.append(
            ImportProblem(
                row.row,
                column,
                (
                    _(
                        "Several projects are named «%(name)s». Choose the project, or whether the row becomes "
                        "a project proposal or is skipped."
                    )
                    if len(ids) > 1
                    else _(
                        "No project is named «%(name)s». Choose a project to link it to, or whether it becomes "
                        "a project proposal or is skipped."
                    )
                )
                % {"name": name},
            )
        )


def _settle_sign(reading: GainsReading) -> None:
    """Which sign is a gain: as chosen; positive when no amount is negative; else a question, its default
    from the numbers (mostly negative: negative numbers are gains)."""
    numbers = [
        amount.number
        for row in reading.rows
        if not row.is_sum
        for (which, _year), amount in row.amounts.items()
        if which in SIGNED_ROLES
        and amount.number is not None
        and amount.number != 0
        and amount.kroner is None
    ]
    negative = sum(1 for number in numbers if number < 0)
    reading.has_negative = negative > 0
    reading.sign_default = negative > len(numbers) / 2
    if reading.mapping.negative_gains is not None:
        reading.negative_gains = reading.mapping.negative_gains
    elif not reading.has_negative:
        reading.negative_gains = False
    else:
        reading.questions.append(
            Question(
                None,
                ImportProblem(
                    reading.header.rows[-1] + 1,
                    "",
                    _(
                        "The file has negative amounts (%(negative)s of %(count)s). Say whether a negative "
                        "number is a gain (a saving printed with a minus) or a loss."
                    )
                    % {"negative": negative, "count": len(numbers)},
                ),
                "sign",
            )
        )


def _convert(reading: GainsReading) -> None:
    """Every amount in whole kroner, with the scale and sign settled; a problem on each cell that cannot be
    stored (the other sign, not whole kroner, too large, realised in the future), and then each year's
    figures checked together by the plan year's own rules (excel.year_problems: low ≤ planned ≤ high, no
    operating cost or withdrawal on a non-financial gain), with the model's messages on their cells.

    The sign question is about the gains and what follows them (planned, low, high, realised, withdrawal);
    an operating cost is a cost in either style of file and is read as it is printed."""
    if reading.scale is None or reading.negative_gains is None:
        return
    header = reading.header
    columns = {value: index for index, value in reading.value_columns.items()}
    for row in reading.rows:
        if row.is_sum and row.decision == SKIP:
            continue
        financial = is_financial(row.kind)
        for key, amount in list(row.amounts.items()):
            if amount.number is None:
                continue
            which, year = key
            flip = reading.negative_gains and which in SIGNED_ROLES
            column = header.name(columns[key])
            if amount.kroner is not None:  # the cell stated kroner itself («1,25 mill.»)
                kroner = amount.kroner * (-1 if flip and amount.kroner < 0 else 1)
            else:
                kroner = amount.number * (reading.scale if financial else 1) * (-1 if flip else 1)
            problem = ""
            if kroner < 0 and which == OPERATING_COST:
                problem = _(
                    "«%(value)s» is negative; an operating cost is written as a positive number, whichever "
                    "sign the gains have."
                ) % {"value": amount.original}
            elif kroner < 0:
                problem = (
                    _(
                        "«%(value)s» is an increase, not a gain, when negative numbers are gains. Skip the row or "
                        "correct the file."
                    )
                    if reading.negative_gains
                    else _(
                        "«%(value)s» is negative; a gain cannot be negative. Skip the row or correct the file."
                    )
                ) % {"value": amount.original}
            elif financial and kroner != kroner.to_integral_value():
                problem = _("«%(value)s» in %(unit)s is not whole kroner.") % {
                    "value": amount.original,
                    "unit": SCALE_LABELS[reading.scale],
                }
            elif abs(kroner) > MAX_AMOUNT:
                problem = _("The number is too large.")
            elif which == REALISED and (future := future_realised_error(year, kroner)):
                problem = future
            if problem:
                row.problems.append(ImportProblem(row.row, column, problem))
                kroner = None
            elif financial:
                kroner = kroner.quantize(Decimal(1))
            row.amounts[key] = Amount(amount.original, amount.number, kroner)
        if not row.is_sum:
            _check_years(row, header, columns)


def _check_years(row: GainRow, header: Header, columns: dict[tuple[str, int], int]) -> None:
    """Each year's figures of a row by the plan year's own rules, the problems on the cells they name."""
    by_year: dict[int, dict[str, Decimal]] = {}
    for (which, year), amount in row.amounts.items():
        if amount.kroner is not None:
            by_year.setdefault(year, {})[which] = amount.kroner
    for year, figures in sorted(by_year.items()):
        for which, message in excel.year_problems(row.kind, year, figures).items():
            index = columns.get((which, year))
            if index is None:  # a rule about a figure the file has no column for (never, as the model is)
                index = columns[next(iter(key for key in columns if key[1] == year))]
            row.problems.append(ImportProblem(row.row, header.name(index), message))


def gain_rows_to_import(reading: GainsReading) -> tuple[list[excel.ImportRow], list[GainRow]]:
    """The rows to store, as the benefit plan's write step takes them, and the rows whose project is to be
    created first (their ImportRow's project_id is None until then, in the same order)."""
    rows, proposals = [], []
    columns = {value: reading.header.name(index) for index, value in reading.value_columns.items()}
    for row in reading.imported:
        figures: dict[str, dict] = {name: {} for name in VALUE_ROLES}
        for (which, year), amount in row.amounts.items():
            figures[which][year] = amount.kroner
        for which, year in reading.value_columns.values():
            figures[which].setdefault(year, None)
        rows.append(
            excel.ImportRow(
                row=row.row,
                project_id=row.project_id,
                title=row.title[:200],
                kind=row.kind,
                owner_id=row.owner_id,
                details={"unit": row.unit} if row.unit is not None else {},
                columns=columns,
                **figures,
            )
        )
        if row.decision == CREATE:
            proposals.append(row)
    return rows, proposals


def with_sign(gains: GainsReading, negative_gains: bool) -> GainsReading:
    """The reading with its amounts converted as they would be with the sign it asks about answered so (a
    preview shows the answer it preselects); the question stays open until a person answers it."""
    if gains.negative_gains is None and gains.mapping is not None and gains.rows:
        gains.negative_gains = negative_gains
        _convert(gains)
    return gains

"""The benefit plan and its gains ledger (gevinstrealiseringsplan) as an Excel workbook, out and in.

Layout of the first sheet, «Gevinstplan» (one row per benefit, so that it round-trips through the import
and a finance adviser can filter it by project, type, owner or responsible unit): `Prosjekt`, `Gevinst`,
`Type`, `Gevinsteier`, `Ansvarlig enhet`, `Lav (% av forventet)`, `Høy (% av forventet)`, then for each
year of the ledger (the programme's horizon, up to 10 years, and any other year a benefit has figures for)
a group of seven columns: `Plan YYYY` (the expected figure), `Lav YYYY`, `Høy YYYY`, `Driftskostnad YYYY`,
`Netto YYYY` (computed: selectors.counting.net_gain, the one rule), `Uttak YYYY` (the budget withdrawal)
and `Realisert YYYY`. Amounts are numbers with a number format, never text. A second sheet with one row per
benefit and year was tried and left out: it repeated the benefit's five text columns for every year and
made the file take three times as long to write (openpyxl writes about 40,000 cells a second here), for
what Excel's own filter on this sheet, or an unpivot in Power Query, gives an adviser anyway.

The column names, the type names and Ja/Nei are a file format that municipalities exchange, so they are
fixed Norwegian constants here, not translated UI text; the error messages are UI text (gettext, Norwegian
translations).

Import rules:
- The header starts with `Prosjekt`, `Gevinst`, `Type`, `Gevinsteier`; any of the benefit's own columns
  (`Ansvarlig enhet` and the two percentages) and any year columns follow, in any order. A column left out
  leaves what is stored alone. `Netto YYYY` is computed and never read.
- The old yes/no column `Uttak i budsjett` is refused with a message that says why: a withdrawal is an
  amount per year now (`Uttak YYYY`), which a yes or a no cannot be turned into.
- A project is named by its name (case and surrounding spaces do not matter). Project names are unique
  only within a sub-programme, so a name that two sub-programmes of the programme share is written
  `Delprogram / Prosjekt`; the export writes it that way. An unknown or ambiguous project is an error:
  nothing is ever created but benefits.
- A benefit is matched within its project by its name (case-insensitively); a new name creates a benefit.
  Benefits that are not in the file are left alone. The same benefit twice in a file is an error.
- Amounts: numbers or Norwegian text (`1 250 000`, `1 250 000 kr`, `1,25 mill.`); whole kroner for the
  financial types, any number in the benefit's own unit for the others. An empty `Realisert` cell means
  not realised (yet), which is not 0. Each year's figures together follow the plan year's own rules
  (BenefitPlanYear.clean: low ≤ expected ≤ high, no operating cost or withdrawal on a non-financial gain),
  with its messages, on the cell they are about.
- A year after the ledger's last year (the programme's horizon) is refused when its column holds figures.
- `Gevinsteier`: a user's full name or username, or empty.
- Limits: at most MAX_BYTES (5 MB) and MAX_ROWS (10,000) benefit rows; larger files are refused whole.
  5,000 rows take about 6 s to import (bench/benefits.py), so 10,000 stay well inside the 60 s request
  timeout; larger plans are imported in parts.

`parse_workbook` is pure: it reads the bytes and the lookups it is given and touches no database; the
service `benefits.services.benefit_plan_import` writes its rows only when it found no problem.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core import intake, tables
from core.exports import MONEY, Sheet, xlsx_bytes
from core.import_problems import ImportProblem, ParsedFile
from core.numbers import format_number, parse_decimal, parse_kroner

from .models import MAX_AMOUNT, Benefit, BenefitKind, BenefitPlanYear, future_realised_error, is_financial
from .selectors.counting import net_gain

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # about 12 s to import on the benchmark machine; the web server allows 60 s
# The sheet may hold empty rows between the benefits; the header, 7 fixed columns and 7 columns for each of
# up to 30 years.
LIMITS = intake.Limits(max_bytes=MAX_BYTES, max_rows=2 * MAX_ROWS, max_columns=256)

PROJECT, TITLE, KIND, OWNER = "Prosjekt", "Gevinst", "Type", "Gevinsteier"
UNIT, RANGE_LOW, RANGE_HIGH = "Ansvarlig enhet", "Lav (% av forventet)", "Høy (% av forventet)"
FIXED_COLUMNS = (PROJECT, TITLE, KIND, OWNER)
BENEFIT_COLUMNS = {UNIT: "unit", RANGE_LOW: "range_low_percent", RANGE_HIGH: "range_high_percent"}
EXPORT_COLUMNS = (*FIXED_COLUMNS, *BENEFIT_COLUMNS)
# The yes/no column of the layout before the gains ledger; a withdrawal is an amount per year now.
OLD_WITHDRAWAL = "Uttak i budsjett"

# A year's figures as the plan year stores them, by the word its column starts with; NET is computed.
PLANNED, LOW, HIGH, OPERATING_COST, NET, WITHDRAWAL, REALISED = (
    "planned",
    "low",
    "high",
    "operating_cost",
    "net",
    "withdrawal",
    "realised",
)
YEAR_PREFIXES = {
    PLANNED: "Plan",
    LOW: "Lav",
    HIGH: "Høy",
    OPERATING_COST: "Driftskostnad",
    NET: "Netto",
    WITHDRAWAL: "Uttak",
    REALISED: "Realisert",
}
STORED_FIGURES = (PLANNED, LOW, HIGH, OPERATING_COST, WITHDRAWAL, REALISED)
PLANNED_PREFIX, REALISED_PREFIX = YEAR_PREFIXES[PLANNED], YEAR_PREFIXES[REALISED]
_BY_PREFIX = {prefix.casefold(): name for name, prefix in YEAR_PREFIXES.items()}
_YEAR_COLUMN = re.compile(r"^(" + "|".join(YEAR_PREFIXES.values()) + r")\s+(\d{4})$", re.IGNORECASE)

KIND_NAMES: dict[str, str] = {
    BenefitKind.REDUCED_COST: "Redusert kostnad",
    BenefitKind.AVOIDED_COST: "Unngått kostnad",
    BenefitKind.MORE_INCOME: "Økte inntekter",
    BenefitKind.QUALITY: "Kvalitet",
    BenefitKind.TIME_SAVED: "Spart tid",
    BenefitKind.ENVIRONMENT: "Miljø",
    BenefitKind.OTHER: "Annet",
}
_KIND_LOOKUP = {
    **{name.casefold(): kind for kind, name in KIND_NAMES.items()},
    **{str(label).casefold(): kind for kind, label in BenefitKind.choices},
    **{kind.casefold(): kind for kind in BenefitKind.values},
    "økt inntekt": BenefitKind.MORE_INCOME,
    "tidsbesparelse": BenefitKind.TIME_SAVED,
    "annen": BenefitKind.OTHER,
}


def year_column(name: str, year: int) -> str:
    """`Plan 2026`, `Driftskostnad 2027`: a year column of the product's layout."""
    return f"{YEAR_PREFIXES[name]} {year}"


def year_columns(years: list[int]) -> list[str]:
    return [year_column(name, year) for year in years for name in YEAR_PREFIXES]


def header(years: list[int]) -> list[str]:
    return [*EXPORT_COLUMNS, *year_columns(years)]


def _amount_out(value: Decimal | int | None) -> int | Decimal | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else value


@dataclass(frozen=True)
class LedgerYear:
    """One year of a benefit as the export writes it."""

    planned: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    operating_cost: Decimal | None = None
    withdrawal: Decimal | None = None
    realised: Decimal | None = None

    def figure(self, name: str, financial: bool):
        if name == NET:
            return net_gain(self.planned, self.operating_cost) if financial else None
        return getattr(self, name)

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in STORED_FIGURES)


@dataclass(frozen=True)
class LedgerRow:
    """One benefit as a row of the Excel benefit plan, with its ledger years."""

    project: str  # the project's name, or "Sub-programme / Project" where the name is not unique
    title: str
    kind: str  # a BenefitKind value
    owner: str
    unit: str
    range_low_percent: int | None
    range_high_percent: int | None
    years: dict[int, LedgerYear]


PERCENT = '0" %"'
_GROUP = len(YEAR_PREFIXES)


def _plan_sheet(years: list[int], rows) -> Sheet:
    fixed = len(EXPORT_COLUMNS)
    formats = {fixed - 2: PERCENT, fixed - 1: PERCENT}
    formats |= dict.fromkeys(range(fixed, fixed + _GROUP * len(years)), MONEY)
    return Sheet(
        title="Gevinstplan",
        header=header(years),
        rows=rows,
        widths=[40, 40, 18, 24, 24, 12, 12, *([15] * (_GROUP * len(years)))],
        number_formats=formats,
        freeze="C2",
        auto_filter=True,
    )


def export_workbook(years: list[int], plan_rows) -> bytes:
    """The benefit plan with its ledger (benefits.ledger_rows.ledger_plan) as an .xlsx file."""
    empty = LedgerYear()

    def rows():
        for plan in plan_rows:
            financial = is_financial(plan.kind)
            row = [
                plan.project,
                plan.title,
                KIND_NAMES[plan.kind],
                plan.owner,
                plan.unit,
                plan.range_low_percent,
                plan.range_high_percent,
            ]
            for year in years:
                figures = plan.years.get(year, empty)
                row += [_amount_out(figures.figure(name, financial)) for name in YEAR_PREFIXES]
            yield row

    return xlsx_bytes([_plan_sheet(years, rows())])


def template_workbook(years: list[int], project_names: list[str], people: list[str]) -> bytes:
    """An empty benefit plan with the right header, and a second sheet that explains the columns."""
    lines = [
        [PROJECT, "Prosjektets navn, nøyaktig som i systemet (se listen under)."],
        [TITLE, "Gevinstens navn. Finnes gevinsten fra før i prosjektet, blir den oppdatert."],
        [KIND, "En av: " + ", ".join(KIND_NAMES.values()) + "."],
        [OWNER, "Gevinsteier: linjelederens fulle navn eller brukernavn. Kan stå tom."],
        [UNIT, "Enheten eller tjenesten gevinsten lander i, og som budsjettuttaket gjelder. Kan stå tom."],
        [RANGE_LOW, "Lavt anslag i prosent av forventet gevinst for år uten eget lavt tall, f.eks. 70."],
        [RANGE_HIGH, "Høyt anslag i prosent av forventet gevinst for år uten eget høyt tall, f.eks. 120."],
        ["Plan ÅÅÅÅ", "Forventet gevinst i hele kroner (f.eks. 1 250 000 eller 1,25 mill.)."],
        ["Lav ÅÅÅÅ / Høy ÅÅÅÅ", "Usikkerhetsspenn for året: lav ≤ plan ≤ høy. Kan stå tomme."],
        [
            "Driftskostnad ÅÅÅÅ",
            "Årlig kostnad ved å drive endringen; trekkes fra gevinsten. Bare økonomiske gevinster.",
        ],
        ["Netto ÅÅÅÅ", "Plan minus driftskostnad. Regnes ut av systemet og leses ikke inn."],
        [
            "Uttak ÅÅÅÅ",
            "Det som tas ut av den ansvarlige enhetens budsjett dette året. Bare økonomiske gevinster.",
        ],
        ["Realisert ÅÅÅÅ", "Realisert gevinst. Tom celle = ikke realisert ennå."],
        [],
        ["Prosjekter"],
        *[[name] for name in project_names],
        [],
        ["Gevinsteiere"],
        *[[name] for name in people],
    ]
    guide = Sheet(
        title="Veiledning",
        header=["Kolonne", "Hva den skal inneholde"],
        rows=lines,
        widths=[40, 90],
        freeze=None,
    )
    return xlsx_bytes([_plan_sheet(years, []), guide])


_stand_ins = threading.local()


def _stand_in(kind: str) -> BenefitPlanYear:
    """A plan year of a benefit of `kind`, never saved, to run the model's rules on: one per kind and
    thread, reused (making two model instances per year and row took a third of a large file's parse)."""
    cache = getattr(_stand_ins, "by_kind", None)
    if cache is None:
        cache = _stand_ins.by_kind = {}
    if kind not in cache:
        plan_year = BenefitPlanYear()
        # clean() checks a plan year that has a benefit; this one of the row's kind is never saved.
        plan_year.benefit = Benefit(pk=-1, kind=kind)
        cache[kind] = plan_year
    return cache[kind]


def year_problems(kind: str, year: int, figures: dict[str, Decimal | None]) -> dict[str, str]:
    """The plan year's own rules (BenefitPlanYear.clean) for one year's figures of a benefit of `kind`, by
    the figure they are about, with the model's messages: the one rule for the grid, the form and every
    import."""
    plan_year = _stand_in(kind)
    plan_year.year = year
    for name in STORED_FIGURES:
        setattr(plan_year, name, figures.get(name))
    try:
        plan_year.clean()
    except ValidationError as exc:
        return {name: " ".join(messages) for name, messages in exc.message_dict.items()}
    return {}


def beyond_horizon(year: int, last_year: int | None) -> str | None:
    """Why figures for `year` cannot be imported (after the last year the gains are followed), or None."""
    if last_year is None or year <= last_year:
        return None
    return _(
        "%(year)s is after %(last)s, the last year the programme follows its gains. Remove the figures for "
        "%(year)s, or extend the years the gains are followed in the economic plan."
    ) % {"year": year, "last": last_year}


# --- Import ---------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One benefit as the write step stores it: its year figures by year (a year in a dict is set, an empty
    figure emptied; a figure or year left out is left alone), and `details`, the benefit's own fields the
    file gives (`unit`, `range_low_percent`, `range_high_percent`)."""

    row: int
    project_id: int | None
    title: str
    kind: str
    owner_id: int | None
    planned: dict[int, Decimal | None]
    realised: dict[int, Decimal | None]
    low: dict[int, Decimal | None] = field(default_factory=dict)
    high: dict[int, Decimal | None] = field(default_factory=dict)
    operating_cost: dict[int, Decimal | None] = field(default_factory=dict)
    withdrawal: dict[int, Decimal | None] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)
    # The column each figure was read from, by (figure, year), for a problem the write step finds.
    columns: dict[tuple[str, int], str] = field(default_factory=dict)

    def figures(self, name: str) -> dict[int, Decimal | None]:
        return getattr(self, name)

    @property
    def years(self) -> list[int]:
        return sorted({year for name in STORED_FIGURES for year in self.figures(name)})


@dataclass
class ParseResult(ParsedFile):
    rows: list[ImportRow] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ProjectLookup:
    """The programme's projects as the file may name them: {casefolded label: [project ids]}, and the
    ids the importing user may import for (None: all)."""

    by_name: dict[str, list[int]]
    allowed: set[int] | None = None
    ids: frozenset[int] = frozenset()

    @classmethod
    def build(cls, projects: list[dict], allowed: set[int] | None = None) -> ProjectLookup:
        by_name: dict[str, list[int]] = {}
        for p in projects:
            by_name.setdefault(_key(p["name"]), []).append(p["pk"])
            by_name.setdefault(_key(f"{p['sub_programme__name']} / {p['name']}"), []).append(p["pk"])
        return cls(by_name=by_name, allowed=allowed, ids=frozenset(p["pk"] for p in projects))


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def file_problem(size: int) -> str | None:
    """Why a file of this many bytes cannot be imported at all (too large, empty), or None."""
    return intake.size_problem(size, LIMITS)


@dataclass(frozen=True)
class _Layout:
    """The columns of a header in the product's layout: the benefit's own columns and the year columns, by
    index."""

    details: dict[int, str]  # index → Benefit field
    years: dict[int, tuple[str, int]]  # index → (figure, year)


def parse_workbook(
    data: bytes,
    *,
    projects: ProjectLookup,
    people: dict[str, list[int]],
    last_year: int | None = None,
) -> ParseResult:
    """Reads and validates a benefit plan file; every problem is reported with its row and column. Figures
    for a year after `last_year` (the ledger's horizon) are refused."""
    result = ParseResult()
    try:
        if problem := file_problem(len(data)):
            raise intake.FileRefused(problem)
        sheet = next(intake.xlsx_sheets(data, LIMITS), None)
    except intake.FileRefused as exc:
        result.problems.extend(exc.problems)
        return result
    rows = iter(list(row) for row in sheet.rows) if sheet else iter(())
    first = next(rows, None)
    header_row = [_text(cell.value) for cell in first] if first else []
    while header_row and not header_row[-1]:
        header_row.pop()
    if not header_row:
        result.problems.append(ImportProblem.for_file(_("The file has no rows. Start from the template.")))
        return result
    layout = _check_header(header_row, result)
    if result.problems:
        return result
    result.years = sorted({year for _name, year in layout.years.values()})
    seen: dict[tuple[int, str], int] = {}
    beyond: set[int] = set()
    count = 0
    for number, cells in enumerate(rows, start=2):
        if all(_text(cell.value) == "" for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            result.rows.clear()
            result.problems[:] = [
                ImportProblem.for_file(
                    _("The file has more than %(limit)s benefit rows. Split it and import the parts.")
                    % {"limit": format_number(MAX_ROWS)},
                )
            ]
            return result
        _parse_row(number, cells, header_row, layout, projects, people, seen, result, last_year, beyond)
    for index in sorted(beyond):
        result.problems.append(
            ImportProblem(1, header_row[index], beyond_horizon(layout.years[index][1], last_year))
        )
    if not result.rows and not result.problems:
        result.problems.append(ImportProblem.for_file(_("The file has a header but no benefit rows.")))
    return result


def old_withdrawal_problem() -> str:
    return _(
        "The column «%(old)s» (yes or no) is no longer read: a budget withdrawal is now an amount for each "
        "year, in the columns «Uttak YYYY». Remove the column, and enter what is taken out of the budget each "
        "year; download a new template to see the columns."
    ) % {"old": OLD_WITHDRAWAL}


def _check_header(header_row: list[str], result: ParseResult) -> _Layout:
    """The columns after the fixed ones, or problems for a header that is not the benefit plan's."""
    fixed = [name.casefold() for name in header_row[: len(FIXED_COLUMNS)]]
    if fixed != [name.casefold() for name in FIXED_COLUMNS]:
        result.problems.append(
            ImportProblem(
                1,
                "",
                _(
                    "The header row is not the benefit plan's. The first columns must be %(columns)s, followed by Plan YYYY and Realisert YYYY for each year."
                )
                % {"columns": ", ".join(FIXED_COLUMNS)},
            )
        )
        return _Layout({}, {})
    details: dict[int, str] = {}
    years: dict[int, tuple[str, int]] = {}
    seen = set()
    benefit_columns = {name.casefold(): field_name for name, field_name in BENEFIT_COLUMNS.items()}
    for index, name in enumerate(header_row[len(FIXED_COLUMNS) :], start=len(FIXED_COLUMNS)):
        name = " ".join(name.split())
        column = get_column_letter(index + 1)
        if name.casefold() == OLD_WITHDRAWAL.casefold():
            result.problems.append(ImportProblem(1, name, old_withdrawal_problem()))
            continue
        match = _YEAR_COLUMN.match(name)
        if match:
            key = (_BY_PREFIX[match.group(1).casefold()], int(match.group(2)))
        elif name.casefold() in benefit_columns:
            key = benefit_columns[name.casefold()]
        else:
            result.problems.append(
                ImportProblem(
                    1,
                    column,
                    _(
                        "Unknown column «%(name)s». Year columns are named Plan, Lav, Høy, Driftskostnad, "
                        "Netto, Uttak or Realisert and the year, e.g. Uttak 2027."
                    )
                    % {"name": name},
                )
            )
            continue
        if key in seen:
            result.problems.append(
                ImportProblem(1, column, _("The column «%(name)s» appears twice.") % {"name": name})
            )
        seen.add(key)
        if isinstance(key, tuple):
            years[index] = key
        else:
            details[index] = key
    return _Layout(details, years)


def parse_percent(cell, field_name: str) -> int | None:
    """A range percentage from a cell (`70`, `70 %`, or 0.7 formatted as percent), checked with the model
    field's own validators; raises ValueError with a Norwegian message."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, bool | date | datetime):
            raise ValueError
        if isinstance(value, str):
            number = parse_decimal(value.replace("%", "").strip())
        else:
            number = Decimal(str(value)) * (100 if tables.is_percent_format(cell.number_format) else 1)
        if number != number.to_integral_value() or not number.is_finite():
            raise ValueError
        percent = int(number)
    except (ValueError, ArithmeticError):
        raise ValueError(
            _("«%(value)s» is not a whole percentage; write e.g. 70 or 120.") % {"value": _text(value)}
        ) from None
    try:
        Benefit._meta.get_field(field_name).clean(percent, None)
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from None
    return percent


def _parse_row(number, cells, header_row, layout, projects, people, seen, result, last_year, beyond) -> None:
    values = [cell.value for cell in cells] + [None] * (len(header_row) - len(cells))
    problems_before = len(result.problems)

    def problem(column: str, message: str) -> None:
        result.problems.append(ImportProblem(number, column, message))

    project_text = _text(values[0])
    project_id = None
    if not project_text:
        problem(PROJECT, _("The project is missing."))
    else:
        ids = projects.by_name.get(_key(project_text), [])
        if not ids:
            problem(
                PROJECT,
                _("Unknown project «%(name)s». Projects are never created by an import; check the name.")
                % {"name": project_text},
            )
        elif len(ids) > 1:
            problem(
                PROJECT,
                _(
                    "Several sub-programmes have a project named «%(name)s»; write it as «Sub-programme / Project»."
                )
                % {"name": project_text},
            )
        elif projects.allowed is not None and ids[0] not in projects.allowed:
            problem(
                PROJECT, _("You may not import benefits for the project «%(name)s».") % {"name": project_text}
            )
        else:
            project_id = ids[0]

    title = _text(values[1])
    if not title:
        problem(TITLE, _("The benefit's name is missing."))
    elif len(title) > 200:
        problem(TITLE, _("The benefit's name is longer than 200 characters."))
    elif project_id is not None:
        key = (project_id, title.casefold())
        if key in seen:
            problem(TITLE, _("The benefit is already in row %(row)s.") % {"row": seen[key]})
        else:
            seen[key] = number

    kind_text = _text(values[2])
    kind = _KIND_LOOKUP.get(kind_text.casefold())
    if kind is None:
        problem(
            KIND,
            _("Unknown type «%(value)s». Use one of: %(types)s.")
            % {"value": kind_text, "types": ", ".join(KIND_NAMES.values())}
            if kind_text
            else _("The type is missing. Use one of: %(types)s.") % {"types": ", ".join(KIND_NAMES.values())},
        )

    owner_text = _text(values[3])
    owner_id = None
    if owner_text:
        ids = people.get(_key(owner_text), [])
        if not ids:
            problem(
                OWNER,
                _("No user is named «%(name)s». Write the full name or the username.") % {"name": owner_text},
            )
        elif len(set(ids)) > 1:
            problem(
                OWNER,
                _("Several users are named «%(name)s»; write the username instead.") % {"name": owner_text},
            )
        else:
            owner_id = ids[0]

    details: dict[str, object] = {}
    for index, field_name in layout.details.items():
        if field_name == "unit":
            text = _text(values[index])
            if len(text) > 200:
                problem(header_row[index], _("The responsible unit is longer than 200 characters."))
            details["unit"] = text
            continue
        try:
            details[field_name] = parse_percent(
                cells[index] if index < len(cells) else intake.EMPTY, field_name
            )
        except ValueError as exc:
            problem(header_row[index], str(exc))

    financial = is_financial(kind) if kind else True
    figures: dict[str, dict[int, Decimal | None]] = {name: {} for name in STORED_FIGURES}
    columns: dict[tuple[str, int], str] = {}
    for index, (name, year) in layout.years.items():
        if name == NET:  # computed from the plan and the operating cost, never read
            continue
        try:
            amount = parse_amount(values[index], financial=financial)
        except ValueError as exc:
            problem(header_row[index], str(exc))
            continue
        if amount is not None and beyond_horizon(year, last_year):
            beyond.add(index)
            continue
        future = future_realised_error(year, amount) if name == REALISED else None
        if future:
            problem(header_row[index], future)
            continue
        figures[name][year] = amount
        columns[(name, year)] = header_row[index]
    if kind:
        for year in sorted({year for by_year in figures.values() for year in by_year}):
            found = year_problems(kind, year, {name: figures[name].get(year) for name in STORED_FIGURES})
            for name, message in found.items():
                problem(columns.get((name, year), year_column(name, year)), message)

    if len(result.problems) == problems_before:
        result.rows.append(
            ImportRow(
                row=number,
                project_id=project_id,
                title=title,
                kind=kind,
                owner_id=owner_id,
                details=details,
                columns=columns,
                **figures,
            )
        )


def parse_amount(value, *, financial: bool) -> Decimal | None:
    """A cell's amount: None when empty; whole, non-negative kroner when financial. Raises ValueError with
    a Norwegian message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | date | datetime):
        raise ValueError(_("«%(value)s» is not an amount.") % {"value": value})
    if financial:
        try:
            amount = Decimal(parse_kroner(value))
        except (ValueError, ArithmeticError):
            raise ValueError(
                _("«%(value)s» is not an amount in whole kroner; write e.g. 1 250 000 or 1,25 mill.")
                % {"value": _text(value)}
            ) from None
        if amount < 0:
            raise ValueError(_("A gain cannot be negative."))
    else:
        try:  # a number as Excel stored it, or text; never an infinity or NaN
            amount = parse_decimal(value)
        except ValueError:
            raise ValueError(
                _("«%(value)s» is not a number; write e.g. 1 250 or 4,5.") % {"value": _text(value)}
            ) from None
        amount = amount.quantize(Decimal("0.01")) if abs(amount) <= MAX_AMOUNT else amount
    if abs(amount) > MAX_AMOUNT:
        raise ValueError(_("The number is too large."))
    return amount

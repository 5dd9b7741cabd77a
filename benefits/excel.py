"""The benefit plan as an Excel workbook, out and in.

Layout (one sheet, one row per benefit): `Prosjekt`, `Gevinst`, `Type`, `Gevinsteier`, `Uttak i budsjett`,
then `Plan YYYY` and `Realisert YYYY` for each year. The column names, the type names and Ja/Nei are a
file format that municipalities exchange, so they are fixed Norwegian constants here, not translated UI
text; the error messages are UI text (gettext, Norwegian translations).

Import rules:
- A project is named by its name (case and surrounding spaces do not matter). Project names are unique
  only within a sub-programme, so a name that two sub-programmes of the programme share is written
  `Delprogram / Prosjekt`; the export writes it that way. An unknown or ambiguous project is an error:
  nothing is ever created but benefits.
- A benefit is matched within its project by its name (case-insensitively); a new name creates a benefit.
  Benefits that are not in the file are left alone. The same benefit twice in a file is an error.
- Amounts: numbers or Norwegian text (`1 250 000`, `1 250 000 kr`, `1,25 mill.`); whole kroner for the
  financial types, any number in the benefit's own unit for the others. An empty `Realisert` cell means
  not realised (yet), which is not 0.
- `Gevinsteier`: a user's full name or username, or empty.
- Limits: at most MAX_BYTES (5 MB) and MAX_ROWS (10,000) benefit rows; larger files are refused whole.
  5,000 rows take about 6 s to import (bench/benefits.py), so 10,000 stay well inside the 60 s request
  timeout; larger plans are imported in parts.

`parse_workbook` is pure: it reads the bytes and the lookups it is given and touches no database; the
service `benefits.services.benefit_plan_import` writes its rows only when it found no problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core import intake
from core.exports import Sheet, xlsx_bytes
from core.import_problems import ImportProblem, ParsedFile
from core.numbers import format_number, parse_decimal, parse_kroner

from .models import MAX_AMOUNT, BenefitKind, future_realised_error, is_financial

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # about 12 s to import on the benchmark machine; the web server allows 60 s
# The sheet may hold empty rows between the benefits; the header and 5 fixed columns, then a plan and a
# realised column for up to 100 years.
LIMITS = intake.Limits(max_bytes=MAX_BYTES, max_rows=2 * MAX_ROWS, max_columns=256)

PROJECT, TITLE, KIND, OWNER, WITHDRAWAL = "Prosjekt", "Gevinst", "Type", "Gevinsteier", "Uttak i budsjett"
FIXED_COLUMNS = (PROJECT, TITLE, KIND, OWNER, WITHDRAWAL)
PLANNED_PREFIX, REALISED_PREFIX = "Plan", "Realisert"
_YEAR_COLUMN = re.compile(rf"^({PLANNED_PREFIX}|{REALISED_PREFIX})\s+(\d{{4}})$", re.IGNORECASE)

KIND_NAMES: dict[str, str] = {
    BenefitKind.REDUCED_COST: "Redusert kostnad",
    BenefitKind.AVOIDED_COST: "Unngått kostnad",
    BenefitKind.MORE_INCOME: "Økte inntekter",
    BenefitKind.QUALITY: "Kvalitet",
    BenefitKind.TIME_SAVED: "Spart tid",
    BenefitKind.ENVIRONMENT: "Miljø",
    BenefitKind.OTHER: "Annet",
}
YES, NO = "Ja", "Nei"
_YES_WORDS = {"ja", "j", "x", "yes", "y", "true", "sann", "1"}
_NO_WORDS = {"nei", "n", "no", "false", "usann", "0", ""}
_KIND_LOOKUP = {
    **{name.casefold(): kind for kind, name in KIND_NAMES.items()},
    **{str(label).casefold(): kind for kind, label in BenefitKind.choices},
    **{kind.casefold(): kind for kind in BenefitKind.values},
    "økt inntekt": BenefitKind.MORE_INCOME,
    "tidsbesparelse": BenefitKind.TIME_SAVED,
    "annen": BenefitKind.OTHER,
}


def year_columns(years: list[int]) -> list[str]:
    return [name for year in years for name in (f"{PLANNED_PREFIX} {year}", f"{REALISED_PREFIX} {year}")]


def header(years: list[int]) -> list[str]:
    return [*FIXED_COLUMNS, *year_columns(years)]


def _amount_out(value: Decimal | None) -> int | Decimal | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _plan_sheet(years: list[int], rows: list[list]) -> Sheet:
    money = "# ##0;-# ##0"
    return Sheet(
        title="Gevinstplan",
        header=header(years),
        rows=rows,
        widths=[40, 40, 18, 24, 16, *([15] * (2 * len(years)))],
        number_formats=dict.fromkeys(range(len(FIXED_COLUMNS), len(FIXED_COLUMNS) + 2 * len(years)), money),
        freeze="C2",
    )


def export_workbook(years: list[int], plan_rows: list) -> bytes:
    """The benefit plan (selectors.benefit_plan) as an .xlsx file."""
    rows = []
    for plan in plan_rows:
        row = [
            plan.project,
            plan.title,
            KIND_NAMES[plan.kind],
            plan.owner,
            YES if plan.budget_withdrawal else NO,
        ]
        for year in years:
            row += [_amount_out(plan.planned.get(year)), _amount_out(plan.realised.get(year))]
        rows.append(row)
    return xlsx_bytes([_plan_sheet(years, rows)])


def template_workbook(years: list[int], project_names: list[str], people: list[str]) -> bytes:
    """An empty benefit plan with the right header, and a second sheet that explains the columns."""
    lines = [
        [PROJECT, "Prosjektets navn, nøyaktig som i systemet (se listen under)."],
        [TITLE, "Gevinstens navn. Finnes gevinsten fra før i prosjektet, blir den oppdatert."],
        [KIND, "En av: " + ", ".join(KIND_NAMES.values()) + "."],
        [OWNER, "Gevinsteier: linjelederens fulle navn eller brukernavn. Kan stå tom."],
        [WITHDRAWAL, "Ja hvis gevinsten er tatt ut av budsjettet, ellers Nei."],
        [
            "Plan ÅÅÅÅ / Realisert ÅÅÅÅ",
            "Beløp i hele kroner (f.eks. 1 250 000 eller 1,25 mill.). Tom celle = ikke realisert ennå.",
        ],
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


# --- Import ---------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    row: int
    project_id: int
    title: str
    kind: str
    owner_id: int | None
    budget_withdrawal: bool
    planned: dict[int, Decimal | None]
    realised: dict[int, Decimal | None]


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


def parse_workbook(data: bytes, *, projects: ProjectLookup, people: dict[str, list[int]]) -> ParseResult:
    """Reads and validates a benefit plan file; every problem is reported with its row and column."""
    result = ParseResult()
    try:
        if problem := file_problem(len(data)):
            raise intake.FileRefused(problem)
        sheet = next(intake.xlsx_sheets(data, LIMITS), None)
    except intake.FileRefused as exc:
        result.problems.extend(exc.problems)
        return result
    rows = iter([[cell.value for cell in row] for row in sheet.rows] if sheet else [])
    first = next(rows, None)
    header_row = [_text(value) for value in first] if first else []
    while header_row and not header_row[-1]:
        header_row.pop()
    if not header_row:
        result.problems.append(ImportProblem.for_file(_("The file has no rows. Start from the template.")))
        return result
    years = _check_header(header_row, result)
    if result.problems:
        return result
    result.years = sorted({year for _kind, year in years.values()})
    seen: dict[tuple[int, str], int] = {}
    count = 0
    for number, values in enumerate(rows, start=2):
        if all(_text(value) == "" for value in values):
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
        _parse_row(number, values, header_row, years, projects, people, seen, result)
    if not result.rows and not result.problems:
        result.problems.append(ImportProblem.for_file(_("The file has a header but no benefit rows.")))
    return result


def _check_header(header_row: list[str], result: ParseResult) -> dict[int, tuple[str, int]]:
    """The year columns by index, or problems for a header that is not the benefit plan's."""
    expected = ", ".join(FIXED_COLUMNS)
    fixed = [name.casefold() for name in header_row[: len(FIXED_COLUMNS)]]
    if fixed != [name.casefold() for name in FIXED_COLUMNS]:
        result.problems.append(
            ImportProblem(
                1,
                "",
                _(
                    "The header row is not the benefit plan's. The first columns must be %(columns)s, followed by Plan YYYY and Realisert YYYY for each year."
                )
                % {"columns": expected},
            )
        )
        return {}
    years: dict[int, tuple[str, int]] = {}
    seen = set()
    for index, name in enumerate(header_row[len(FIXED_COLUMNS) :], start=len(FIXED_COLUMNS)):
        match = _YEAR_COLUMN.match(" ".join(name.split()))
        column = get_column_letter(index + 1)
        if not match:
            result.problems.append(
                ImportProblem(
                    1,
                    column,
                    _("Unknown column «%(name)s». Year columns are named Plan YYYY or Realisert YYYY.")
                    % {"name": name},
                )
            )
            continue
        kind = "planned" if match.group(1).casefold() == PLANNED_PREFIX.casefold() else "realised"
        year = int(match.group(2))
        if (kind, year) in seen:
            result.problems.append(
                ImportProblem(1, column, _("The column «%(name)s» appears twice.") % {"name": name})
            )
        seen.add((kind, year))
        years[index] = (kind, year)
    return years


def _parse_row(number, values, header_row, years, projects, people, seen, result) -> None:
    values = values + [None] * (len(header_row) - len(values))
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

    withdrawal_value = values[4]
    if isinstance(withdrawal_value, bool):
        withdrawal = withdrawal_value
    else:
        withdrawal_text = _text(withdrawal_value).casefold()
        withdrawal = withdrawal_text in _YES_WORDS
        if withdrawal_text not in _YES_WORDS | _NO_WORDS:
            problem(WITHDRAWAL, _("Write Ja or Nei, not «%(value)s».") % {"value": _text(withdrawal_value)})

    planned: dict[int, Decimal | None] = {}
    realised: dict[int, Decimal | None] = {}
    for index, (field_kind, year) in years.items():
        try:
            amount = parse_amount(values[index], financial=is_financial(kind) if kind else True)
        except ValueError as exc:
            problem(header_row[index], str(exc))
            continue
        future = future_realised_error(year, amount) if field_kind == "realised" else None
        if future:
            problem(header_row[index], future)
            continue
        (planned if field_kind == "planned" else realised)[year] = amount

    if len(result.problems) == problems_before:
        result.rows.append(
            ImportRow(
                row=number,
                project_id=project_id,
                title=title,
                kind=kind,
                owner_id=owner_id,
                budget_withdrawal=withdrawal,
                planned=planned,
                realised=realised,
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

"""The gains grid's save: the cells of a project's plan (planned and realised per benefit and year), each merged
field by field with what others saved meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from core.history import save_with_history
from core.merge import KEEP_MINE, KEEP_THEIRS, merge
from core.people import person_name
from programmes.models import Project

from .. import selectors
from ..models import Benefit, BenefitPlanYear
from ..selectors.ledger_rows import with_ledger_years

# The grid's cells per benefit and year: the plan's figures, then the realised one. Operating cost and
# budget withdrawal only for financial benefits (`grid_fields`).
PLAN_FIELDS = ("planned", "operating_cost", "withdrawal", "realised")
FINANCIAL_ONLY_FIELDS = ("operating_cost", "withdrawal")


def grid_fields(benefit: Benefit) -> tuple[str, ...]:
    """The grid's cells of one benefit's year, in the order they are shown."""
    if benefit.is_financial:
        return PLAN_FIELDS
    return tuple(f for f in PLAN_FIELDS if f not in FINANCIAL_ONLY_FIELDS)


CellKey = tuple[int, int, str]  # (benefit id, year, field: one of PLAN_FIELDS)


def cell_key_name(key: CellKey) -> str:
    return f"{key[0]}-{key[1]}-{key[2]}"


@dataclass(frozen=True)
class CellInput:
    """One grid cell as submitted: the value the page was rendered with (the base), the value typed now,
    and, for a cell the page showed as a conflict, the user's choice (`mine`, `theirs` or None)."""

    benefit_id: int
    year: int
    field: str  # one of PLAN_FIELDS
    original: Decimal | None
    value: Decimal | None
    must_choose: bool = False
    choice: str | None = None

    @property
    def key(self) -> CellKey:
        return (self.benefit_id, self.year, self.field)


@dataclass
class CellConflict:
    """A cell someone else saved since the page was rendered: their value now and who they are."""

    cell: CellInput
    current: Decimal | None
    changed_by: str = ""


@dataclass
class GridInput:
    """The grid's submitted cells as parsed (forms.parse_grid): the cells, and by cell key the cells that
    could not be parsed (their messages) and the text typed in each (to show it again)."""

    cells: list[CellInput]
    errors: dict[CellKey, str] = field(default_factory=dict)
    raw: dict[CellKey, str] = field(default_factory=dict)


@dataclass
class GridResult:
    """What the grid's save did, and `gains`, the project's figures as they now are, for the answer."""

    submitted: GridInput
    gains: selectors.ProjectGains | None = None
    saved: list[CellInput] = field(default_factory=list)
    conflicts: list[CellConflict] = field(default_factory=list)  # both changed: nothing was saved
    theirs_only: list[CellConflict] = field(default_factory=list)  # only the colleague changed: kept
    unchosen: set[CellKey] = field(default_factory=set)  # conflicts shown before, submitted without a choice
    errors: dict[CellKey, str] = field(default_factory=dict)

    @property
    def current_values(self) -> dict[CellKey, Decimal | None]:
        """What each saved, conflicting or colleague-changed cell now holds in the database."""
        values = {c.key: c.value for c in self.saved}
        values |= {c.cell.key: c.current for c in self.conflicts + self.theirs_only}
        return values

    @property
    def colleagues(self) -> list[str]:
        names = []
        for conflict in self.conflicts + self.theirs_only:
            if conflict.changed_by and conflict.changed_by not in names:
                names.append(conflict.changed_by)
        return names


def _changed_by(plan_years: list[BenefitPlanYear]) -> dict[int, str]:
    """Who saved each plan year last (one query, only on the rare path where someone else did)."""
    if not plan_years:
        return {}
    names: dict[int, str] = {}
    records = (
        BenefitPlanYear.history.filter(id__in=[py.pk for py in plan_years])
        .select_related("history_user")
        .order_by("id", "history_id")
    )
    for record in records:  # the newest record of each plan year comes last
        names[record.id] = person_name(record.history_user) if record.history_user else ""
    return names


@transaction.atomic
def benefit_grid_save(
    *,
    project: Project,
    user: AbstractBaseUser,
    read: Callable[..., GridInput],
    may_change: Callable[[selectors.ProjectGains], dict[int, frozenset[str]]] | None = None,
) -> GridResult:
    """Saves the grid's cells, merged field by field (`core.merge`) with what others saved meanwhile.

    `read(benefits=…, years=…)` parses the submitted cells against the project's benefits and years as read
    here under the lock, so a cell is parsed with the kind (whole kroner or not) it is saved with, and the
    rows read once serve the parse, the merge and the answer's figures (`GridResult.gains`).

    Each cell is a field: its base is the value the page was rendered with, mine the value typed now,
    theirs the value stored now. A cell only the colleague changed keeps their value (`theirs_only`); a cell
    only this user changed is saved; a cell both changed differently is a conflict, and then nothing is
    saved until the user has chosen for every conflicting cell (a cell the page showed as a conflict must
    come back with a choice). A cell that fails validation is reported and not saved; the others are.
    `may_change(gains)` says which fields of each benefit the user may change (views.editable_fields, from
    rules.py: the plan for the project's editors, the realised figures for whoever reports them); a cell
    outside them is refused with a message and not saved. None: every cell may be changed.
    A fixed number of queries: the locked benefits, their plan years, and per saved cell its write and its
    history row, and one version bump.
    """
    benefits = {
        b.pk: b for b in selectors.project_benefits(project_ids=[project.pk]).select_for_update(of=("self",))
    }
    plan_years = {(py.benefit_id, py.year): py for b in benefits.values() for py in b.plan_years.all()}
    rows = list(benefits.values())
    before = with_ledger_years(
        selectors.gains_from_rows(project, benefits=rows, year_rows=plan_years.values())
    )
    submitted = read(benefits=rows, years=before.years)
    result = GridResult(submitted=submitted, errors=dict(submitted.errors))
    if may_change is not None:
        allowed = may_change(before)
        for cell in submitted.cells:
            if cell.field not in allowed.get(cell.benefit_id, frozenset()):
                result.errors[cell.key] = _refusal(cell.field)
        submitted.cells = [c for c in submitted.cells if c.key not in result.errors]
    _save_cells(result, benefits=benefits, plan_years=plan_years, user=user)
    result.gains = with_ledger_years(
        selectors.gains_from_rows(project, benefits=rows, year_rows=plan_years.values())
    )
    return result


def _refusal(field_name: str) -> str:
    if field_name == "realised":
        return gettext(
            "The benefit owner reports the realised figures now; you may read them, not change them."
        )
    return gettext("You may not change the plan of this project.")


def _save_cells(
    result: GridResult,
    *,
    benefits: dict[int, Benefit],
    plan_years: dict[tuple[int, int], BenefitPlanYear],
    user: AbstractBaseUser,
) -> None:
    """The merge and the writes of `benefit_grid_save`, into `result` and `plan_years`."""
    cells = [c for c in result.submitted.cells if c.benefit_id in benefits and c.field in PLAN_FIELDS]
    if not cells:
        return

    def stored(cell: CellInput) -> Decimal | None:
        plan_year = plan_years.get((cell.benefit_id, cell.year))
        return getattr(plan_year, cell.field) if plan_year else None

    mine = {}
    for cell in cells:
        value = cell.value
        if cell.must_choose:
            if cell.choice == KEEP_THEIRS:
                value = cell.original  # the page showed their value as the base
            elif cell.choice != KEEP_MINE:
                result.unchosen.add(cell.key)
        mine[cell_key_name(cell.key)] = value
    outcome = merge(
        fields=mine.keys(),
        base={cell_key_name(c.key): c.original for c in cells},
        mine=mine,
        theirs={cell_key_name(c.key): stored(c) for c in cells},
    )
    by_name = {cell_key_name(c.key): c for c in cells}
    others = [by_name[name] for name in outcome.conflicts + outcome.theirs_only]
    if others:
        names = _changed_by(
            [plan_years[(c.benefit_id, c.year)] for c in others if (c.benefit_id, c.year) in plan_years]
        )
        for name in outcome.conflicts + outcome.theirs_only:
            cell = by_name[name]
            plan_year = plan_years.get((cell.benefit_id, cell.year))
            entry = CellConflict(
                cell=cell, current=stored(cell), changed_by=names.get(plan_year.pk, "") if plan_year else ""
            )
            (result.conflicts if name in outcome.conflicts else result.theirs_only).append(entry)
    if result.conflicts or result.unchosen:
        return  # nothing is saved half-decided

    touched = set()
    for name in outcome.mine_only:
        cell = by_name[name]
        value = outcome.values[name]
        plan_year = plan_years.get((cell.benefit_id, cell.year))
        if plan_year is None:
            if value is None:
                continue
            plan_year = BenefitPlanYear(benefit=benefits[cell.benefit_id], year=cell.year)
        previous = getattr(plan_year, cell.field)
        plan_year.benefit = benefits[cell.benefit_id]
        setattr(plan_year, cell.field, value)
        try:
            # The unique (benefit, year) row and the benefit are certain here (read under the lock above), so
            # only the fields and the row's own rules are checked: no queries for constraints.
            plan_year.clean_fields(exclude=["benefit"])
            plan_year.clean()
        except ValidationError as exc:
            setattr(plan_year, cell.field, previous)
            messages = exc.message_dict.get(cell.field) or exc.messages
            result.errors[cell.key] = " ".join(messages)
            continue
        save_with_history(plan_year, user=user)
        plan_years[(cell.benefit_id, cell.year)] = plan_year
        result.saved.append(cell)
        touched.add(cell.benefit_id)
    if touched:
        Benefit.objects.filter(pk__in=touched).update(version=F("version") + 1)
        for benefit_id in touched:
            benefits[benefit_id].version += 1

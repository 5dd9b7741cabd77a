"""Writes of gains: benefits, their plan years (from the form and the grid), targets and the plan export; the
Excel import is services/imports.py.

Each service runs in one transaction, validates with full_clean() and records history with the user. Any
change to a benefit or to one of its plan years bumps the benefit's `version`, so a benefit form opened
before the change is refused instead of overwriting it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import export_jobs
from core.history import delete_with_history, last_editor, save_with_history
from core.merge import KEEP_MINE, KEEP_THEIRS, UNKNOWN_BASE, EditConflict, merge
from core.people import person_name
from programmes.models import Programme, Project, SubProgramme

from ..models import (
    Benefit,
    BenefitPlanExport,
    BenefitPlanYear,
    EconomicPlan,
    SavingsTarget,
)

BENEFIT_EDITABLE_FIELDS = (
    "title",
    "kind",
    "owner",
    "unit",
    "budget_withdrawal",
    "description",
    "measurement",
    "unit_of_measure",
    "baseline_value",
    "baseline_date",
)
PLAN_FIELDS = ("planned", "realised")


@dataclass
class BenefitUpdate:
    """A saved benefit form: which fields only a colleague had changed (kept), and who that was."""

    benefit: Benefit
    theirs_only: list[str] = field(default_factory=list)
    changed_by: str = ""


def plan_field_names(years: list[int]) -> list[str]:
    return [f"{prefix}_{year}" for year in years for prefix in ("plan", "realised", "comment")]


PLAN_PREFIXES = {"plan": "planned", "realised": "realised", "comment": "comment"}


def benefit_values(benefit: Benefit, plan_years: list[BenefitPlanYear], years: list[int]) -> dict[str, Any]:
    """A benefit and its plan as the benefit form's fields: {field name: Python value}."""
    values: dict[str, Any] = {name: getattr(benefit, name) for name in BENEFIT_EDITABLE_FIELDS}
    values["owner"] = benefit.owner_id
    by_year = {py.year: py for py in plan_years}
    for year in years:
        plan_year = by_year.get(year)
        for prefix, attribute in PLAN_PREFIXES.items():
            default = "" if attribute == "comment" else None
            values[f"{prefix}_{year}"] = getattr(plan_year, attribute) if plan_year else default
    return values


def canonical(value: Any) -> str:
    """A field value as comparable text: what the form carries as its base, and what merges compare."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _last_changed_by(benefit: Benefit) -> str:
    """Who saved the benefit or one of its plan years last (two queries, only on a stale save)."""
    return last_editor(benefit.history.all(), BenefitPlanYear.history.filter(benefit_id=benefit.pk))


def _bump_version(benefit: Benefit) -> None:
    Benefit.objects.filter(pk=benefit.pk).update(version=F("version") + 1)


def _save(obj, user: AbstractBaseUser | None) -> None:
    obj.full_clean()
    save_with_history(obj, user=user)


def _plan_year_save(
    *,
    benefit: Benefit,
    year: int,
    values: dict[str, Any],
    user: AbstractBaseUser | None,
    existing: BenefitPlanYear | None = None,
    lookup: bool = True,
) -> bool:
    """Sets the given fields of one plan year; creates it only when there is something to store.

    True if anything changed. `existing` saves a query when the caller has the plan years already.
    """
    plan_year = existing
    if plan_year is None and lookup:
        plan_year = BenefitPlanYear.objects.filter(benefit=benefit, year=year).first()
    if plan_year is None:
        if all(value in (None, "") for value in values.values()):
            return False
        plan_year = BenefitPlanYear(benefit=benefit, year=year)
    elif all(getattr(plan_year, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(plan_year, name, value)
    plan_year.benefit = benefit
    _save(plan_year, user)
    return True


@transaction.atomic
def benefit_create(
    *, project: Project, user: AbstractBaseUser, data: dict[str, Any], plan: dict[int, Decimal | None]
) -> Benefit:
    """A new benefit with its planned amount (or value) per year."""
    benefit = Benefit(
        project=project, **{name: data[name] for name in BENEFIT_EDITABLE_FIELDS if name in data}
    )
    _save(benefit, user)
    for year, planned in plan.items():
        _plan_year_save(benefit=benefit, year=year, values={"planned": planned}, user=user, lookup=False)
    return benefit


@transaction.atomic
def benefit_update(
    *,
    benefit_id: int,
    user: AbstractBaseUser,
    values: dict[str, Any],
    expected_version: int,
    base: dict[str, str] | object = UNKNOWN_BASE,
    must_choose: set[str] | frozenset[str] = frozenset(),
    choices: dict[str, str] | None = None,
) -> BenefitUpdate:
    """Saves the benefit form: its fields and each year's planned, realised and comment (`values`, by form
    field name: `title`, …, `plan_2026`, `realised_2026`, `comment_2026`).

    When the benefit changed since the form was opened (`expected_version`), the form is merged field by
    field with what is saved now (`core.merge`), against `base`, the values the form was opened with: a
    field only the colleague changed keeps their value, a field only this user changed is saved, and a field
    both changed raises core.merge.EditConflict (its `current`: every field's value now, by form field name)
    and nothing is saved. A field the form showed as a conflict (`must_choose`) needs a choice, `mine` or
    `theirs`, in `choices`; one without is in the conflict's `unchosen`.
    """
    choices = choices or {}
    benefit = Benefit.objects.select_for_update().get(pk=benefit_id)
    existing = {py.year: py for py in benefit.plan_years.all()}
    years = sorted({int(name.rsplit("_", 1)[1]) for name in values if name not in BENEFIT_EDITABLE_FIELDS})
    current = benefit_values(benefit, list(existing.values()), years)
    theirs = {name: canonical(current.get(name)) for name in values}
    mine = {name: canonical(value) for name, value in values.items()}
    unchosen = set()
    for name in must_choose:
        if name not in mine:
            continue
        if choices.get(name) == KEEP_THEIRS:
            mine[name] = base[name] if base is not UNKNOWN_BASE and name in base else theirs[name]
        elif choices.get(name) != KEEP_MINE:
            unchosen.add(name)
    # The base the form carries is compared with what is stored, whatever the version says: a change made
    # without bumping it (a bulk update, a raw SQL fix) is still not reverted. Without a base (a form from
    # before this rule), the version decides: unchanged means nothing to merge, changed means every
    # difference is a conflict.
    stale = benefit.version != expected_version
    if base is UNKNOWN_BASE and not stale:
        base = theirs
    outcome = merge(fields=list(values), base=base, mine=mine, theirs=theirs)
    if outcome.conflicts or unchosen:
        raise EditConflict(
            outcome=outcome,
            current=current,
            current_version=benefit.version,
            changed_by=_last_changed_by(benefit),
            unchosen=unchosen,
        )

    who = _last_changed_by(benefit) if outcome.theirs_only else ""
    write = set(outcome.mine_only)
    benefit_changed = False
    for name in BENEFIT_EDITABLE_FIELDS:
        if name in write:
            setattr(benefit, name, values[name])
            benefit_changed = True
    if benefit_changed:
        benefit.version += 1
        _save(benefit, user)
    plan_changed = False
    for year in years:
        plan_values = {
            attribute: values[f"{prefix}_{year}"]
            for prefix, attribute in PLAN_PREFIXES.items()
            if f"{prefix}_{year}" in write
        }
        if plan_values and _plan_year_save(
            benefit=benefit,
            year=year,
            values=plan_values,
            user=user,
            existing=existing.get(year),
            lookup=False,
        ):
            plan_changed = True
    if plan_changed and not benefit_changed:
        _bump_version(benefit)
    if "kind" in write:
        # Validate again after the plan years: a change of kind may make a stored amount invalid (øre).
        for plan_year in benefit.plan_years.all():
            plan_year.benefit = benefit
            plan_year.full_clean()
    benefit.refresh_from_db()
    return BenefitUpdate(benefit=benefit, theirs_only=outcome.theirs_only, changed_by=who)


@transaction.atomic
def benefit_delete(*, benefit: Benefit, user: AbstractBaseUser) -> None:
    for plan_year in benefit.plan_years.all():
        delete_with_history(plan_year, user=user)
    delete_with_history(benefit, user=user)


# --- The grid ----------------------------------------------------------------------------------------------


CellKey = tuple[int, int, str]  # (benefit id, year, "planned" or "realised")


def cell_key_name(key: CellKey) -> str:
    return f"{key[0]}-{key[1]}-{key[2]}"


@dataclass(frozen=True)
class CellInput:
    """One grid cell as submitted: the value the page was rendered with (the base), the value typed now,
    and, for a cell the page showed as a conflict, the user's choice (`mine`, `theirs` or None)."""

    benefit_id: int
    year: int
    field: str  # "planned" or "realised"
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
class GridResult:
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
def benefit_grid_save(*, project: Project, user: AbstractBaseUser, cells: list[CellInput]) -> GridResult:
    """Saves the grid's cells, merged field by field (`core.merge`) with what others saved meanwhile.

    Each cell is a field: its base is the value the page was rendered with, mine the value typed now,
    theirs the value stored now. A cell only the colleague changed keeps their value (`theirs_only`); a cell
    only this user changed is saved; a cell both changed differently is a conflict, and then nothing is
    saved until the user has chosen for every conflicting cell (a cell the page showed as a conflict must
    come back with a choice). A cell that fails validation is reported and not saved; the others are.
    A fixed number of queries: the locked benefits, their plan years, and per saved cell its write and its
    history row, and one version bump.
    """
    result = GridResult()
    benefits = {b.pk: b for b in Benefit.objects.select_for_update().filter(project=project).order_by("pk")}
    cells = [c for c in cells if c.benefit_id in benefits and c.field in PLAN_FIELDS]
    if not cells:
        return result
    plan_years = {
        (py.benefit_id, py.year): py for py in BenefitPlanYear.objects.filter(benefit__in=list(benefits))
    }

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
        return result  # nothing is saved half-decided

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
    return result


# --- Programme settings --------------------------------------------------------------------------------------


@transaction.atomic
def economic_plan_set(
    *, programme: Programme, user: AbstractBaseUser, start_year: int, years: int
) -> EconomicPlan:
    plan = EconomicPlan.objects.filter(programme=programme).first() or EconomicPlan(programme=programme)
    if plan.pk and (plan.start_year, plan.years) == (start_year, years):
        return plan
    plan.start_year, plan.years = start_year, years
    _save(plan, user)
    return plan


@transaction.atomic
def savings_targets_set(
    *,
    programme: Programme,
    user: AbstractBaseUser,
    targets: dict[tuple[int | None, int], int | None],
) -> None:
    """Sets the targets given as {(sub-programme id or None, year): amount}; None removes a target."""
    existing = {(t.sub_programme_id, t.year): t for t in SavingsTarget.objects.filter(programme=programme)}
    subs = {s.pk: s for s in SubProgramme.objects.filter(programme=programme)}
    for (sub_id, year), amount in targets.items():
        target = existing.get((sub_id, year))
        if amount is None:
            if target is not None:
                delete_with_history(target, user=user)
            continue
        if target is None:
            target = SavingsTarget(
                programme=programme, sub_programme=subs.get(sub_id) if sub_id else None, year=year
            )
        elif target.amount == amount:
            continue
        target.amount = amount
        _save(target, user)


# --- The benefit plan export when it is too large for a page request ------------------------------------------

# A plan of more benefits than this is exported by a Celery worker (core.export_jobs): 6,000 benefits take
# about 2 s to export, so 3,000 stay near one second in the web process.
INLINE_EXPORT_MAX_ROWS = 3_000


def benefit_plan_export_order(*, programme: Programme, user) -> BenefitPlanExport:
    """Orders the programme's benefit plan as an Excel file made by a worker (one job for two clicks)."""
    from .. import tasks

    return export_jobs.job_order(
        BenefitPlanExport,
        user=user,
        file_format="xlsx",
        lock=programme,
        task=tasks.make_benefit_plan_export,
        programme=programme,
    )


def benefit_plan_export_make(*, export_id: int) -> BenefitPlanExport | None:
    """Makes the file of an ordered benefit plan export (called by the Celery task)."""
    from .. import excel, selectors

    def make(export: BenefitPlanExport) -> tuple[str, bytes, int]:
        years, rows = selectors.benefit_plan(programme_id=export.programme_id)
        BenefitPlanExport.objects.filter(pk=export.pk).update(progress=30, rows=len(rows))
        content = excel.export_workbook(years, export_jobs.with_progress(BenefitPlanExport, export.pk, rows))
        return f"gevinstplan-{timezone.localdate():%Y-%m-%d}.xlsx", content, len(rows)

    return export_jobs.job_make(BenefitPlanExport, job_id=export_id, make=make)

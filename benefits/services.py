"""Writes of gains: benefits, their plan years (from the form, the grid and the Excel import) and targets.

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
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from programmes.models import Programme, Project, SubProgramme

from .models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget

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
BATCH_SIZE = 1000


class BenefitConflictError(Exception):
    """Someone else saved the benefit after the form was opened."""

    def __init__(self, *, current_version: int, changed_by: str):
        super().__init__(_("The benefit was changed by someone else while you were editing it."))
        self.current_version = current_version
        self.changed_by = changed_by


def _figure(value: Decimal | None) -> str:
    return "–" if value is None else f"{value.normalize():f}".replace(".", ",")


def _bump_version(benefit: Benefit) -> None:
    Benefit.objects.filter(pk=benefit.pk).update(version=F("version") + 1)


def _save(obj, user: AbstractBaseUser | None) -> None:
    obj._history_user = user
    obj.full_clean()
    obj.save()


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
    data: dict[str, Any],
    plan: dict[int, dict[str, Any]],
    expected_version: int,
) -> Benefit:
    """Saves the benefit form: its fields and each year's planned, realised and comment.

    Refused with BenefitConflictError when the benefit changed since the form was opened.
    """
    benefit = Benefit.objects.select_for_update().get(pk=benefit_id)
    if benefit.version != expected_version:
        last = benefit.history.select_related("history_user").first()
        who = last.history_user.get_full_name() if last and last.history_user else ""
        raise BenefitConflictError(current_version=benefit.version, changed_by=who)
    changed = False
    for name in BENEFIT_EDITABLE_FIELDS:
        if name in data and getattr(benefit, name) != data[name]:
            setattr(benefit, name, data[name])
            changed = True
    existing = {py.year: py for py in benefit.plan_years.all()}
    if changed:
        benefit.version += 1
        _save(benefit, user)
    for year, values in plan.items():
        if _plan_year_save(
            benefit=benefit, year=year, values=values, user=user, existing=existing.get(year), lookup=False
        ):
            changed = True
    if changed and benefit.version == expected_version:
        _bump_version(benefit)
    # Validate again after the plan years: a change of kind may make a stored amount invalid (øre).
    for plan_year in benefit.plan_years.all():
        plan_year.benefit = benefit
        plan_year.full_clean()
    benefit.refresh_from_db()
    return benefit


@transaction.atomic
def benefit_delete(*, benefit: Benefit, user: AbstractBaseUser) -> None:
    for plan_year in benefit.plan_years.all():
        plan_year._history_user = user
        plan_year.delete()
    benefit._history_user = user
    benefit.delete()


# --- The grid ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellInput:
    """One grid cell as submitted: the value the page was rendered with and the value typed now."""

    benefit_id: int
    year: int
    field: str  # "planned" or "realised"
    original: Decimal | None
    value: Decimal | None


@dataclass
class CellConflict:
    cell: CellInput
    current: Decimal | None


@dataclass
class GridResult:
    saved: list[CellInput] = field(default_factory=list)
    conflicts: list[CellConflict] = field(default_factory=list)
    errors: dict[tuple[int, int, str], str] = field(default_factory=dict)

    @property
    def current_values(self) -> dict[tuple[int, int, str], Decimal | None]:
        """What each saved or conflicting cell now holds in the database."""
        values = {(c.benefit_id, c.year, c.field): c.value for c in self.saved}
        values |= {(c.cell.benefit_id, c.cell.year, c.cell.field): c.current for c in self.conflicts}
        return values


@transaction.atomic
def benefit_grid_save(*, project: Project, user: AbstractBaseUser, cells: list[CellInput]) -> GridResult:
    """Saves the grid cells the user changed (typed value differs from the value the page showed).

    Each cell stands alone: a cell that someone else changed in the meantime is not saved but reported
    with its current value (saving it again then overwrites), and a cell that fails validation is
    reported; the other cells are saved. Three queries plus the writes.
    """
    result = GridResult()
    changed = [c for c in cells if c.value != c.original]
    if not changed:
        return result
    benefits = {
        b.pk: b
        for b in Benefit.objects.select_for_update()
        .filter(project=project, pk__in={c.benefit_id for c in changed})
        .order_by("pk")
    }
    plan_years = {
        (py.benefit_id, py.year): py for py in BenefitPlanYear.objects.filter(benefit__in=list(benefits))
    }
    touched = set()
    for cell in changed:
        benefit = benefits.get(cell.benefit_id)
        if benefit is None or cell.field not in PLAN_FIELDS:
            continue
        plan_year = plan_years.get((cell.benefit_id, cell.year))
        current = getattr(plan_year, cell.field) if plan_year else None
        if current == cell.value:
            continue
        if current != cell.original:
            result.conflicts.append(CellConflict(cell=cell, current=current))
            continue
        try:
            with transaction.atomic():
                if plan_year is None:
                    plan_year = BenefitPlanYear(benefit=benefit, year=cell.year)
                    plan_years[(cell.benefit_id, cell.year)] = plan_year
                plan_year.benefit = benefit
                setattr(plan_year, cell.field, cell.value)
                _save(plan_year, user)
        except ValidationError as exc:
            setattr(plan_year, cell.field, current)
            messages = exc.message_dict.get(cell.field) or exc.messages
            result.errors[(cell.benefit_id, cell.year, cell.field)] = " ".join(messages)
            continue
        result.saved.append(cell)
        touched.add(benefit.pk)
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
                target._history_user = user
                target.delete()
            continue
        if target is None:
            target = SavingsTarget(
                programme=programme, sub_programme=subs.get(sub_id) if sub_id else None, year=year
            )
        elif target.amount == amount:
            continue
        target.amount = amount
        _save(target, user)


# --- Excel import --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str
    message: str


class BenefitImportError(Exception):
    """Rows that are valid on their own but not with what is stored (e.g. øre left in a year not in the
    file of a benefit that becomes financial); nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@transaction.atomic
def benefit_plan_import(*, programme: Programme, user: AbstractBaseUser | None, rows: list) -> ImportSummary:
    """Writes parsed and validated rows (benefits.excel.ImportRow) in one transaction.

    A row updates the project's benefit with the same name (case-insensitively) or creates it; each of
    the row's years sets planned and realised (an empty cell empties the figure). Benefits and plan years
    that are not in the file are left as they are. The parse step has validated every cell, so the rows
    are written in bulk (with history), which keeps a 5,000-row file to a few dozen queries.
    """
    from .selectors import existing_benefits

    now = timezone.now()
    summary = ImportSummary()
    benefits = existing_benefits(programme_id=programme.pk)
    new_benefits: list[tuple[Benefit, Any]] = []
    changed_benefits: list[Benefit] = []
    new_years: list[BenefitPlanYear] = []
    changed_years: list[BenefitPlanYear] = []
    errors: list[ImportProblem] = []

    def plan_year_changes(benefit: Benefit, row, existing: dict[int, BenefitPlanYear]) -> bool:
        changed = False
        for year in sorted(row.planned.keys() | row.realised.keys()):
            values = {}
            if year in row.planned:
                values["planned"] = row.planned[year]
            if year in row.realised:
                values["realised"] = row.realised[year]
            plan_year = existing.get(year)
            if plan_year is None:
                if all(value is None for value in values.values()):
                    continue
                plan_year = BenefitPlanYear(benefit=benefit, year=year, **values)
                new_years.append(plan_year)
            elif any(getattr(plan_year, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(plan_year, name, value)
                changed_years.append(plan_year)
            else:
                continue
            plan_year.benefit = benefit
            plan_year.clean_fields(exclude=["benefit"])
            plan_year.clean()
            changed = True
        return changed

    for row in rows:
        values = {"kind": row.kind, "owner_id": row.owner_id, "budget_withdrawal": row.budget_withdrawal}
        benefit = benefits.get((row.project_id, row.title.strip().casefold()))
        if benefit is None:
            benefit = Benefit(project_id=row.project_id, title=row.title.strip(), **values)
            benefit.clean_fields(exclude=["project", "owner"])
            new_benefits.append((benefit, row))
            summary.created += 1
            continue
        fields_changed = any(getattr(benefit, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(benefit, name, value)
        existing = {py.year: py for py in benefit.plan_years.all()}
        years_changed = plan_year_changes(benefit, row, existing)
        if fields_changed and benefit.is_financial:
            # A benefit that becomes financial must not keep figures in øre in the years the file leaves out.
            for plan_year in existing.values():
                plan_year.benefit = benefit
                try:
                    plan_year.clean()
                except ValidationError:
                    errors.append(
                        ImportProblem(
                            row=row.row,
                            column="Type",
                            message=_(
                                "A financial benefit needs whole kroner, but %(year)s holds %(planned)s and "
                                "%(realised)s. Add the year to the file with whole kroner, or correct it first."
                            )
                            % {
                                "year": plan_year.year,
                                "planned": _figure(plan_year.planned),
                                "realised": _figure(plan_year.realised),
                            },
                        )
                    )
        if fields_changed or years_changed:
            benefit.version += 1
            benefit.updated_at = now
            benefit.clean_fields(exclude=["project", "owner"])
            changed_benefits.append(benefit)
            summary.updated += 1
        else:
            summary.unchanged += 1

    if errors:
        raise BenefitImportError(errors)
    if new_benefits:
        created = bulk_create_with_history(
            [benefit for benefit, _row in new_benefits], Benefit, batch_size=BATCH_SIZE, default_user=user
        )
        for benefit, (_unsaved, row) in zip(created, new_benefits, strict=True):
            plan_year_changes(benefit, row, {})
    if changed_benefits:
        bulk_update_with_history(
            changed_benefits,
            Benefit,
            ["kind", "owner", "budget_withdrawal", "version", "updated_at"],
            batch_size=BATCH_SIZE,
            default_user=user,
        )
    if new_years:
        bulk_create_with_history(new_years, BenefitPlanYear, batch_size=BATCH_SIZE, default_user=user)
    if changed_years:
        bulk_update_with_history(
            changed_years, BenefitPlanYear, ["planned", "realised"], batch_size=BATCH_SIZE, default_user=user
        )
    return summary

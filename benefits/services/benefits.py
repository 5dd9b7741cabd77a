"""A benefit and its plan from the benefit form: create, update (merged with what others saved meanwhile) and
delete.

Each service runs in one transaction, validates with full_clean() and records history with the user. Any
change to a benefit or to one of its plan years bumps the benefit's `version`, so a benefit form opened
before the change is refused instead of overwriting it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F

from core.history import delete_with_history, last_editor, save_with_history
from core.merge import KEEP_MINE, KEEP_THEIRS, UNKNOWN_BASE, EditConflict, merge
from core.versioning import Saved
from programmes.models import Project

from ..models import Benefit, BenefitPlanYear

BENEFIT_EDITABLE_FIELDS = (
    "title",
    "kind",
    "owner",
    "unit",
    "description",
    "measurement",
    "unit_of_measure",
    "baseline_value",
    "baseline_date",
    "range_low_percent",
    "range_high_percent",
)


# A plan year's fields as the benefit form names them (`<prefix>_<year>`). The plan's fields are set by
# whoever may edit the plan; the realised figure by whoever reports the realisation (rules.py); the comment
# by either.
PLAN_PREFIXES = {
    "plan": "planned",
    "low": "low",
    "high": "high",
    "cost": "operating_cost",
    "withdrawal": "withdrawal",
    "realised": "realised",
    "comment": "comment",
}
PLAN_ONLY_PREFIXES = ("plan", "low", "high", "cost", "withdrawal")
REALISATION_PREFIXES = ("realised",)
SHARED_PREFIXES = ("comment",)


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
    try:
        return _plan_year_write(
            benefit=benefit, year=year, values=values, user=user, existing=existing, lookup=lookup
        )
    except ValidationError as exc:
        raise _as_form_errors(exc, year) from exc


def _as_form_errors(exc: ValidationError, year: int) -> ValidationError:
    """A plan year's errors named as the benefit form names its fields: `low` becomes `low_2027`."""
    if not hasattr(exc, "error_dict"):
        return exc
    prefixes = {attribute: prefix for prefix, attribute in PLAN_PREFIXES.items()}
    return ValidationError(
        {
            f"{prefixes[name]}_{year}" if name in prefixes else NON_FIELD_ERRORS: errors
            for name, errors in exc.error_dict.items()
        }
    )


def _plan_year_write(
    *,
    benefit: Benefit,
    year: int,
    values: dict[str, Any],
    user: AbstractBaseUser | None,
    existing: BenefitPlanYear | None,
    lookup: bool,
) -> bool:
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
    *, project: Project, user: AbstractBaseUser, data: dict[str, Any], plan: dict[int, dict[str, Any]]
) -> Benefit:
    """A new benefit with its plan per year: {year: {"planned": …, "low": …, "operating_cost": …}}."""
    benefit = Benefit(
        project=project, **{name: data[name] for name in BENEFIT_EDITABLE_FIELDS if name in data}
    )
    _save(benefit, user)
    for year, values in plan.items():
        _plan_year_save(benefit=benefit, year=year, values=values, user=user, lookup=False)
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
) -> Saved:
    """Saves the benefit form: its fields and each year's figures and comment (`values`, by form field name:
    `title`, …, `plan_2026`, `low_2026`, `high_2026`, `cost_2026`, `withdrawal_2026`, `realised_2026`,
    `comment_2026`). Only the names given are touched: a benefit owner's form carries the realised figures
    and comments alone.

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
            try:
                plan_year.full_clean()
            except ValidationError as exc:
                raise _as_form_errors(exc, plan_year.year) from exc
    benefit.refresh_from_db()
    return Saved(instance=benefit, kept_from=who, kept_fields=tuple(outcome.theirs_only))


@transaction.atomic
def benefit_delete(*, benefit: Benefit, user: AbstractBaseUser) -> None:
    for plan_year in benefit.plan_years.all():
        delete_with_history(plan_year, user=user)
    delete_with_history(benefit, user=user)

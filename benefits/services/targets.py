"""A programme's gain settings: the economic-plan period and the savings targets."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core.history import delete_with_history, save_with_history
from programmes.models import Programme, SubProgramme

from ..models import EconomicPlan, SavingsTarget


@transaction.atomic
def economic_plan_set(
    *,
    programme: Programme,
    user: AbstractBaseUser,
    start_year: int,
    years: int,
    horizon_years: int | None = None,
) -> EconomicPlan:
    """The economic-plan period and the gains ledger's horizon (None: the plan's years)."""
    plan = EconomicPlan.objects.filter(programme=programme).first() or EconomicPlan(programme=programme)
    if plan.pk and (plan.start_year, plan.years, plan.horizon_years) == (start_year, years, horizon_years):
        return plan
    plan.start_year, plan.years, plan.horizon_years = start_year, years, horizon_years
    plan.full_clean()
    save_with_history(plan, user=user)
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
        target.full_clean()
        save_with_history(target, user=user)

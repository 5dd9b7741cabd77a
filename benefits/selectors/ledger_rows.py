"""The gains ledger (gevinstrealiseringsplan) of one benefit, year by year: expected, range, operating cost,
net gain, budget withdrawal and realised figure, and whether the withdrawal goes beyond what is realised.

Every figure goes through the shared rules of `counting` (net gain, range, withdrawal warning), so the page,
the exports and the reports agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from programmes.models import Programme

from ..models import Benefit, BenefitPlanYear, EconomicPlan
from .counting import counted_realised, net_gain, plan_years, withdrawal_exceeds_realised, year_range
from .project import ProjectGains


def ledger_years(programme: Programme) -> list[int]:
    """The years the programme's gains ledger follows: its horizon (up to 10 years from the plan's first
    year), or the economic plan's years when no horizon is set, or four years from this year without a plan.

    Reads `programme.economic_plan`; load the programme with `select_related("economic_plan")`.
    """
    try:
        return programme.economic_plan.ledger_years
    except EconomicPlan.DoesNotExist:
        return plan_years(programme)


def with_ledger_years(gains: ProjectGains) -> ProjectGains:
    """The project's gains shown over the ledger's years: the years of the horizon that have no figures yet
    are added as empty columns. Sums are unchanged (an empty year adds nothing)."""
    missing = [y for y in ledger_years(gains.project.sub_programme.programme) if y not in gains.years]
    if not missing:
        return gains
    gains.years = sorted([*gains.years, *missing])
    for year in missing:
        gains.planned_by_year[year] = 0
        gains.realised_by_year[year] = 0
    for row in gains.rows:
        row.years = {year: row.years.get(year) for year in gains.years}
    return gains


@dataclass(frozen=True)
class LedgerYear:
    """One year of a benefit's ledger as the page shows it."""

    year: int
    planned: Decimal | None
    low: Decimal | None
    high: Decimal | None
    operating_cost: Decimal | None
    withdrawal: Decimal | None
    realised: Decimal | None  # as the sums count it: None for a year that has not started
    comment: str
    net: int | None  # financial benefits only
    range: tuple[int, int, int] | None  # financial benefits only: (low, expected, high)
    withdrawal_warning: bool  # more taken out of the budget than realised (so far)

    @property
    def has_figures(self) -> bool:
        return any(
            value is not None
            for value in (
                self.planned,
                self.low,
                self.high,
                self.operating_cost,
                self.withdrawal,
                self.realised,
            )
        )


def ledger_year(benefit: Benefit, plan_year: BenefitPlanYear | None, year: int, this_year: int) -> LedgerYear:
    """A benefit's ledger for one year, from its plan year as read (no query)."""
    if plan_year is None:
        return LedgerYear(year, None, None, None, None, None, None, "", None, None, False)
    realised = counted_realised(plan_year, this_year)
    financial = benefit.is_financial
    return LedgerYear(
        year=year,
        planned=plan_year.planned,
        low=plan_year.low,
        high=plan_year.high,
        operating_cost=plan_year.operating_cost,
        withdrawal=plan_year.withdrawal,
        realised=realised,
        comment=plan_year.comment,
        net=net_gain(plan_year.planned, plan_year.operating_cost) if financial else None,
        range=year_range(
            plan_year.planned,
            plan_year.low,
            plan_year.high,
            benefit.range_low_percent,
            benefit.range_high_percent,
        )
        if financial
        else None,
        withdrawal_warning=financial and withdrawal_exceeds_realised(plan_year.withdrawal, realised),
    )

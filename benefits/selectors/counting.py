"""The rules every gain sum follows: whole kroner, this year, which realised figures count, and the years
of a programme's economic plan."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from programmes.models import Programme

from .. import models
from ..models import BenefitPlanYear, EconomicPlan


def _int(value: Decimal | int | None) -> int:
    return int(value or 0)


def current_year() -> int:
    return models.current_year()


def realised_counts(this_year: int) -> Q:
    """The plan years whose realised figure counts as realised: those of this year and earlier."""
    return Q(year__lte=this_year)


def counted_realised(plan_year: BenefitPlanYear, this_year: int) -> Decimal | None:
    """A plan year's realised figure as the sums count it: None for a year that has not started."""
    return plan_year.realised if plan_year.year <= this_year else None


def plan_years(programme: Programme) -> list[int]:
    """The years of the programme's economic-plan period; four years from this year if none is set.

    Reads `programme.economic_plan`; load the programme with `select_related("economic_plan")`.
    """
    try:
        plan = programme.economic_plan
    except EconomicPlan.DoesNotExist:
        start = current_year()
        return list(range(start, start + 4))
    return plan.year_list

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


def net_gain(planned: Decimal | int | None, operating_cost: Decimal | int | None) -> int | None:
    """A year's net gain: the planned (expected) gain less the change's recurring operating cost.

    Unknown (None) when the gain is not planned; an operating cost not entered counts as none.
    """
    if planned is None:
        return None
    return _int(planned) - _int(operating_cost)


def year_range(
    planned: Decimal | int | None,
    low: Decimal | int | None,
    high: Decimal | int | None,
    low_percent: int | None,
    high_percent: int | None,
) -> tuple[int, int, int] | None:
    """A year's uncertainty range (low, expected, high) in whole kroner, or None when it is not known.

    The year's own low and high where entered, else the benefit's percentages of the expected figure.
    Unknown when the year has no expected figure, or when either end is neither entered nor given as a
    percentage: a range is never guessed. low ≤ expected ≤ high always holds in what is returned (the
    ends are clamped to the expected figure, which validation already demands of what is stored).
    """
    if planned is None:
        return None
    expected = _int(planned)
    if low is not None:
        lo = _int(low)
    elif low_percent is not None:
        lo = expected * low_percent // 100
    else:
        return None
    if high is not None:
        hi = _int(high)
    elif high_percent is not None:
        hi = -(-expected * high_percent // 100)  # rounded up, so the range never shrinks below expected
    else:
        return None
    return min(lo, expected), expected, max(hi, expected)


def withdrawal_exceeds_realised(withdrawal: Decimal | int | None, realised: Decimal | int | None) -> bool:
    """True when more is taken out of the budget than the gain has realised (the pages warn about it).

    A withdrawal with no realised figure yet counts against 0.
    """
    if withdrawal is None:
        return False
    return _int(withdrawal) > _int(realised)

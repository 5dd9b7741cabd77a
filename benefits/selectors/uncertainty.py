"""The programme's gains as a range: how sure the programme can be of its expected gain, per ledger year and
over the whole horizon, by a Monte Carlo over every financial gain's uncertainty range.

The method (README, «How the range is combined»):

- Each plan year of a financial benefit with a planned figure in the ledger's years has a range (low,
  expected, high) from `counting.year_range`: the year's own low and high, else the benefit's percentages.
  The year's gain is drawn from the triangular distribution with those three points (expected is the mode).
- One draw takes one quantile per benefit, shared by all of its years: a gain that turns out low in one year
  turns out low in every year (fully correlated within a gain), while different gains are independent. That
  keeps a gain's years from cancelling each other out, and is the usual simple choice when nothing is known
  of how the gains depend on each other.
- `DRAWS` draws (10 000) from numpy's PCG64 generator seeded with `SEED`: the same data always gives the same
  figures. Each draw sums the gains per year and over the horizon; the 10th, 20th, 50th, 80th and 90th
  percentiles of those sums are the P10 … P90 shown, rounded to whole kroner. «80 % sure of at least X» is
  P20: in 80 % of the draws the gain is X or more.
- A gain year whose range is not known (no low or high, and no percentage on the benefit) is counted at its
  expected figure, with no width: its money is in the expected figure, as in the ledger, but adds no
  uncertainty, so the range is narrower than it really is. The result says how many benefits and how much
  expected money that is, and every page that shows the range says so.
- The range is of the gain itself; operating costs are taken as known.

`low` and `high` are the sums of the ranges' ends (the least and the most the programme can give if every
gain turns out at its end); every percentile lies between them, and low ≤ expected ≤ high, for each year
and the total. The draws are floating point; only the percentiles, rounded to whole kroner, leave here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from programmes.models import Programme

from ..models import FINANCIAL_KINDS, BenefitPlanYear
from .counting import _int, year_range
from .ledger import ledger_years

SEED = 20_261_202  # the day the method was written; any fixed number gives reproducible figures
DRAWS = 10_000
CHUNK = 500  # draws computed at once: bounds the memory to CHUNK × benefits numbers
PERCENTILES = (10, 20, 50, 80, 90)


@dataclass(frozen=True)
class RangeYear:
    """The programme's gain in one year (or, with year 0, over the horizon) as a range, whole kroner."""

    year: int
    expected: int  # the sum of the expected (planned) figures
    low: int  # the sum of the ranges' low ends
    high: int
    p10: int
    p20: int
    p50: int
    p80: int
    p90: int

    @property
    def at_least(self) -> int:
        """«80 % sure of at least»: the 20th percentile."""
        return self.p20


@dataclass(frozen=True)
class GainRange:
    years: list[int]
    by_year: list[RangeYear]
    total: RangeYear
    seed: int
    draws: int
    benefits: int  # financial benefits with a planned figure in the ledger's years
    without_range: int  # of them, those with at least one such year whose range is not known
    without_range_amount: int  # the expected money of those years, counted with no width

    @property
    def has_range(self) -> bool:
        return self.benefits > self.without_range


def _triangular(u: np.ndarray, mode: np.ndarray) -> np.ndarray:
    """The inverse of the standard triangular distribution on [0, 1] with the given mode, at quantiles u."""
    return np.where(u < mode, np.sqrt(u * mode), 1.0 - np.sqrt((1.0 - u) * (1.0 - mode)))


def combine(
    rows: list[tuple[int, int, int, tuple[int, int, int] | None]],
    years: list[int],
    *,
    seed: int = SEED,
    draws: int = DRAWS,
) -> GainRange:
    """The range of the sum of gains, from (benefit id, year, expected, (low, expected, high) or None) per
    plan year; years outside `years` are left out.

    The pure part of `programme_range`, for the tests. A plan year is drawn as low + (high − low) · T(u), T
    the standard triangular distribution whose mode is where expected lies in [low, high] and u the benefit's
    quantile in the draw. The years of a benefit whose ranges have the same shape share a column, so a chunk
    of draws is one matrix product: (draws × columns) by (columns × years).
    """
    index = {year: i for i, year in enumerate(years)}
    width = len(years) + 1  # each year, and the total
    expected = np.zeros(width, dtype=np.int64)
    low = np.zeros(width, dtype=np.int64)
    high = np.zeros(width, dtype=np.int64)
    benefits: set[int] = set()
    unknown: set[int] = set()
    unknown_amount = 0
    quantile_of: dict[int, int] = {}  # benefit id → its quantile in a draw
    column_of: dict[tuple[int, float], int] = {}  # (benefit id, mode) → column
    spread: list[np.ndarray] = []  # per column: the width (high − low) in each year and the total
    modes: list[float] = []
    quantile_column: list[int] = []
    for benefit_id, year, mid, ends in rows:
        if year not in index:
            continue
        at = [index[year], width - 1]
        benefits.add(benefit_id)
        if ends is None:  # not known: at the expected figure, with no width
            unknown.add(benefit_id)
            unknown_amount += mid
            ends = (mid, mid, mid)
        lo, mid, hi = ends
        expected[at] += mid
        low[at] += lo
        high[at] += hi
        if hi == lo:
            continue
        mode = round((mid - lo) / (hi - lo), 9)
        key = (benefit_id, mode)
        if key not in column_of:
            column_of[key] = len(spread)
            spread.append(np.zeros(width))
            modes.append(mode)
            quantile_column.append(quantile_of.setdefault(benefit_id, len(quantile_of)))
        spread[column_of[key]][at] += hi - lo

    sums = np.empty((draws, width))
    if spread:
        matrix = np.array(spread)  # columns × (years + 1)
        mode_row = np.array(modes)
        pick = np.array(quantile_column)
        generator = np.random.Generator(np.random.PCG64(seed))
        for start in range(0, draws, CHUNK):
            count = min(CHUNK, draws - start)
            quantiles = generator.random((count, len(quantile_of)))
            sums[start : start + count] = _triangular(quantiles[:, pick], mode_row) @ matrix
    else:
        sums[:] = 0.0
    sums += low  # every draw is the lows plus its share of each width
    percentiles = np.percentile(sums, PERCENTILES, axis=0)

    def at(i: int, year: int) -> RangeYear:
        lo, hi = int(low[i]), int(high[i])
        # Rounded to whole kroner and kept inside [low, high] against floating-point error.
        p10, p20, p50, p80, p90 = (min(max(round(float(value)), lo), hi) for value in percentiles[:, i])
        return RangeYear(year, int(expected[i]), lo, hi, p10, p20, p50, p80, p90)

    return GainRange(
        years=list(years),
        by_year=[at(i, year) for i, year in enumerate(years)],
        total=at(width - 1, 0),
        seed=seed,
        draws=draws,
        benefits=len(benefits),
        without_range=len(unknown),
        without_range_amount=unknown_amount,
    )


def programme_range(*, programme: Programme) -> GainRange:
    """The range of the programme's expected gain over its ledger years (one query; see the module's
    docstring). Load the programme with `select_related("economic_plan")`."""
    years = ledger_years(programme)
    rows = []
    for benefit_id, year, planned, low, high, low_percent, high_percent in (
        BenefitPlanYear.objects.filter(
            benefit__project__sub_programme__programme=programme.pk,
            benefit__kind__in=FINANCIAL_KINDS,
            year__in=years,
            planned__isnull=False,
        )
        .order_by("benefit_id", "year")
        .values_list(
            "benefit_id",
            "year",
            "planned",
            "low",
            "high",
            "benefit__range_low_percent",
            "benefit__range_high_percent",
        )
    ):
        rows.append(
            (benefit_id, year, _int(planned), year_range(planned, low, high, low_percent, high_percent))
        )
    return combine(rows, years)

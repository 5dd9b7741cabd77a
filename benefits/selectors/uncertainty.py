"""The programme's gains as a range: how sure the programme can be of its expected gain, per ledger year and
over the whole horizon, by a Monte Carlo over every financial gain's uncertainty range.

The method (README, «How the range is combined»):

- Each plan year of a financial benefit with a planned figure in the ledger's years has a range (low,
  expected, high) from `counting.year_range`: the year's own low and high, else the benefit's percentages.
  The year's gain is drawn from the triangular distribution with those three points (expected is the mode).
- One draw takes one pair of random numbers per benefit, shared by all of its years: a gain that turns out
  low in one year turns out low in every year (fully correlated within a gain, exactly so where its years'
  ranges have the same shape, as a percentage range gives), while different gains are independent. That
  keeps a gain's years from cancelling each other out, and is the usual simple choice when nothing is known
  of how the gains depend on each other.
- `DRAWS` draws (10 000; fewer, down to 2 000, for a programme with over 1 200 gains with a range, see
  `MAX_WORK`) from numpy's PCG64 generator seeded with `SEED`: the same data always gives the same figures. Each draw sums the gains per year and over the horizon; the 10th, 20th, 50th, 80th and 90th
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
# A draw costs a pair of random numbers per benefit with a range: past MAX_WORK numbers in all (1,200
# benefits at 10 000 draws) the draws are fewer, never under MIN_DRAWS. A sum of that many independent
# gains is close to normal, and 2 000 draws place its P20 within about 0.05 standard deviations.
MAX_WORK = 12_000_000
MIN_DRAWS = 2_000
CHUNK = 250  # draws computed at once: bounds the memory to a few CHUNK × benefits arrays
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


def draw_count(benefits_with_width: int) -> int:
    """DRAWS, or fewer for a programme with very many gains with a range (see MAX_WORK)."""
    if not benefits_with_width:
        return DRAWS
    return max(MIN_DRAWS, min(DRAWS, MAX_WORK // benefits_with_width))


def combine(
    rows: list[tuple[int, int, int, tuple[int, int, int] | None]],
    years: list[int],
    *,
    seed: int = SEED,
    draws: int | None = None,
) -> GainRange:
    """The range of the sum of gains, from (benefit id, year, expected, (low, expected, high) or None) per
    plan year; years outside `years` are left out.

    The pure part of `programme_range`, for the tests. A plan year is drawn as low + (high − low) · X with X
    triangular on [0, 1] with its mode m where expected lies between low and high, sampled from two uniform
    numbers U, V as X = min(U, V) + m · |U − V| (Stein and Keblis 2009). U and V belong to the benefit and
    are shared by its years. A draw's sum is then linear in min(U, V) and |U − V|, so a chunk of draws is
    two matrix products: (draws × benefits) by (benefits × years), with the widths and the widths × modes.
    """
    index = {year: i for i, year in enumerate(years)}
    width = len(years) + 1  # each year, and the total
    expected = [0] * width
    low = [0] * width
    high = [0] * width
    benefits: set[int] = set()
    unknown: set[int] = set()
    unknown_amount = 0
    row_of: dict[int, int] = {}  # benefit id → its row of the matrices
    spread: list[list[float]] = []  # per benefit: its width (high − low) in each year and the total
    spread_mode: list[list[float]] = []  # the same times the year's mode
    for benefit_id, year, mid, ends in rows:
        if year not in index:
            continue
        benefits.add(benefit_id)
        if ends is None:  # not known: at the expected figure, with no width
            unknown.add(benefit_id)
            unknown_amount += mid
            ends = (mid, mid, mid)
        lo, mid, hi = ends
        for at in (index[year], width - 1):
            expected[at] += mid
            low[at] += lo
            high[at] += hi
        if hi == lo:
            continue
        if benefit_id not in row_of:
            row_of[benefit_id] = len(spread)
            spread.append([0.0] * width)
            spread_mode.append([0.0] * width)
        row = row_of[benefit_id]
        for at in (index[year], width - 1):
            spread[row][at] += hi - lo
            spread_mode[row][at] += mid - lo  # (high − low) · mode

    if draws is None:
        draws = draw_count(len(spread))
    sums = np.zeros((draws, width))
    if spread:
        widths = np.array(spread)  # benefits × (years + 1)
        widths_mode = np.array(spread_mode)
        generator = np.random.Generator(np.random.PCG64(seed))
        for start in range(0, draws, CHUNK):
            count = min(CHUNK, draws - start)
            u = generator.random((count, len(spread)))
            v = generator.random((count, len(spread)))
            apart = np.abs(u - v)
            np.minimum(u, v, out=u)
            sums[start : start + count] = u @ widths + apart @ widths_mode
    sums += np.array(low, dtype=float)  # every draw is the lows plus its share of each width
    percentiles = np.percentile(sums, PERCENTILES, axis=0)

    def at(i: int, year: int) -> RangeYear:
        lo, hi = low[i], high[i]
        # Rounded to whole kroner and kept inside [low, high] against floating-point error.
        p10, p20, p50, p80, p90 = (min(max(round(float(value)), lo), hi) for value in percentiles[:, i])
        return RangeYear(year, expected[i], lo, hi, p10, p20, p50, p80, p90)

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

"""The programme's savings standing: its gains ledger and the range of its expected gain, as the ledger page,
the PDF report's summary and the kommunedirektør's front page show them, from one cached computation.

Computing both reads every plan year of the programme and runs the Monte Carlo (about a second at 2,000
projects × 3 gains × 10 years), so the result is cached under a fingerprint of the tables it reads
(`core.freshness`): any insert, update or delete of a plan year, benefit, savings target, economic plan,
project or sub-programme, however it is made, gives a new key and the next read computes it afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from core.freshness import cached_by_data
from programmes.models import Programme, Project, SubProgramme

from ..models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
from .counting import current_year
from .ledger import Ledger, LedgerYear, programme_ledger
from .uncertainty import GainRange, RangeYear, programme_range

# The tables the standing is computed from.
TABLES = (Programme, SubProgramme, Project, EconomicPlan, Benefit, BenefitPlanYear, SavingsTarget)


@dataclass(frozen=True)
class SavingsYear:
    """A year of the ledger beside the range of its expected gain (year 0: over the horizon)."""

    ledger: LedgerYear
    range: RangeYear

    @property
    def year(self) -> int:
        return self.ledger.year


@dataclass
class SavingsStanding:
    ledger: Ledger  # without its per-project lines (Ledger.without_projects)
    range: GainRange

    @property
    def years(self) -> list[SavingsYear]:
        return [
            SavingsYear(row, band) for row, band in zip(self.ledger.by_year, self.range.by_year, strict=True)
        ]

    @property
    def total(self) -> SavingsYear:
        return SavingsYear(self.ledger.total, self.range.total)

    @property
    def is_empty(self) -> bool:
        """Nothing planned, withdrawn or targeted in the ledger's years."""
        total = self.ledger.total
        return not (total.expected or total.withdrawal or total.operating_cost or total.target is not None)


def _compute(programme_id: int) -> SavingsStanding:
    ledger = programme_ledger(programme_id=programme_id)
    return SavingsStanding(
        ledger=ledger.without_projects(), range=programme_range(programme=ledger.programme)
    )


def savings_standing(*, programme_id: int, cached: bool = True) -> SavingsStanding:
    """The programme's ledger and range, cached under the data's last change (see the module's docstring).

    Warm: one query (the fingerprint). Cold: the ledger's eight and the range's one on top. `cached=False`
    computes it without the cache (the PDF report, made seldom, in a worker, with a fixed number of queries).
    """
    if not cached:
        return _compute(programme_id)
    return cached_by_data(
        name="savings-standing",
        key=(programme_id, current_year(), get_language()),
        model_classes=TABLES,
        compute=lambda: _compute(programme_id),
    )

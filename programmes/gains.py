"""A project's expected financial gain, wherever programmes shows it (the project page, the register's Excel).

One selector decides the figure: `benefits.selectors.expected_gains` — the gain plan where the project has
one, the proposal's estimate until then (marked as an estimate), and otherwise unknown, never 0 kr. This app
may not import benefits (dependencies point one way: benefits → programmes), so benefits registers that
selector here when Django starts (`benefits.apps`). Without it every gain is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

PLAN = "plan"
ESTIMATE = "estimate"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class ExpectedGain:
    """A project's expected financial gain per year of its programme's economic-plan period, in kroner.

    `source` says where it comes from: PLAN (the financial benefits' planned figures), ESTIMATE (the
    proposal's estimated gain per year, counted from the year the project starts) or UNKNOWN (neither:
    `by_year` is empty and `total` None).
    """

    source: str
    years: tuple[int, ...] = ()
    by_year: dict[int, int] = field(default_factory=dict)
    estimate_per_year: int | None = None

    @property
    def known(self) -> bool:
        return self.source != UNKNOWN

    @property
    def is_estimate(self) -> bool:
        return self.source == ESTIMATE

    @property
    def total(self) -> int | None:
        return sum(self.by_year.values()) if self.known else None

    @property
    def period(self) -> str:
        return f"{self.years[0]}–{self.years[-1]}" if self.years else ""

    @property
    def source_label(self) -> str:
        return {
            PLAN: _("from the gain plan"),
            ESTIMATE: _("estimate in the proposal"),
            UNKNOWN: _("not estimated"),
        }[self.source]


Provider = Callable[[list[int]], dict[int, ExpectedGain]]
_provider: Provider | None = None


def register(provider: Provider) -> None:
    global _provider
    _provider = provider


def expected_gains(project_ids: Iterable[int]) -> dict[int, ExpectedGain]:
    """Every project of `project_ids` with its expected gain (a fixed number of queries)."""
    ids = list(project_ids)
    if _provider is None:
        return {pk: ExpectedGain(UNKNOWN) for pk in ids}
    return _provider(ids)

"""The programme's gains ledger (gevinstrealiseringsplan as data): per year of the ledger's horizon the expected
gain, the operating cost, the expected net gain, the realised gain, the budget withdrawals and the savings
target with the gaps, for the programme, each sub-programme, each project and each responsible unit.

The ledger is the plan's figures: the financial benefits' plan years (`planned`, `operating_cost`,
`realised`, `withdrawal`) over `EconomicPlan.ledger_years`. A project is *in the ledger* when one of its
financial benefits has a planned figure in those years. A project that is not is never counted as 0 kr: it
is listed apart, with what the one figure of a project's expected gain (`expected_gains`) says of it, an
estimate in the proposal or not estimated. So the ledger's expected gain is `expected_gains`' PLAN figure
where the two cover the same years, and leaves out the proposals' estimates on purpose: an estimate is not
a plan anyone has committed to.

Every figure is a sum of one SQL aggregate grouped by project and year: the sub-programmes' and the
programme's figures are sums of the projects' rows, so the programme's expected net gain is the sum of its
projects' for every year by construction. Responsible units come from a second aggregate over the same rows
grouped by `Benefit.unit`. Eight queries whatever the size (`expected_gains`' two among them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from programmes.gains import ExpectedGain
from programmes.models import Programme, Project, SubProgramme

from ..models import FINANCIAL_KINDS, BenefitPlanYear, EconomicPlan, SavingsTarget
from .counting import _int, current_year, net_gain, realised_counts
from .expected import expected_gains

_ZERO = Value(0, output_field=DecimalField(max_digits=15, decimal_places=2))


def ledger_years(programme: Programme) -> list[int]:
    """The years the ledger follows: the horizon the programme sets, or its economic plan's years (four
    years from this year when it has none). Load the programme with `select_related("economic_plan")`."""
    try:
        return programme.economic_plan.ledger_years
    except EconomicPlan.DoesNotExist:
        start = current_year()
        return list(range(start, start + 4))


@dataclass(frozen=True)
class LedgerYear:
    """One year of one line of the ledger, in whole kroner."""

    year: int
    expected: int = 0  # the planned gain
    operating_cost: int = 0
    realised: int = 0  # counted as the sums count it (years up to this one)
    withdrawal: int = 0
    target: int | None = None
    over_realised: int = (
        0  # plan years whose withdrawal exceeds what is realised (counting.withdrawal_exceeds_realised)
    )
    over_realised_amount: int = 0  # by how much, summed

    @property
    def net(self) -> int:
        """The expected gain less the operating cost (counting.net_gain)."""
        return net_gain(self.expected, self.operating_cost)

    @property
    def withdrawal_gap(self) -> int | None:
        """Target − withdrawals: what is still to be taken out of the budgets (negative: beyond the target)."""
        return None if self.target is None else self.target - self.withdrawal

    @property
    def expected_gap(self) -> int | None:
        """Target − expected gain: how far the plan falls short of the target (negative: beyond it)."""
        return None if self.target is None else self.target - self.expected

    def __add__(self, other: LedgerYear) -> LedgerYear:
        return LedgerYear(
            year=self.year,
            expected=self.expected + other.expected,
            operating_cost=self.operating_cost + other.operating_cost,
            realised=self.realised + other.realised,
            withdrawal=self.withdrawal + other.withdrawal,
            target=self.target,
            over_realised=self.over_realised + other.over_realised,
            over_realised_amount=self.over_realised_amount + other.over_realised_amount,
        )


def _total(years: Iterable[LedgerYear]) -> LedgerYear:
    """The sum over the years (year 0); its target is the sum of the years' targets, or None if none is set."""
    years = list(years)
    targets = [y.target for y in years if y.target is not None]
    total = LedgerYear(year=0, target=sum(targets) if targets else None)
    for row in years:
        total = total + row
    return total


@dataclass(frozen=True)
class LedgerLine:
    """The ledger of a sub-programme, a project or a responsible unit: one `LedgerYear` per ledger year."""

    key: str | int
    label: str
    years: tuple[LedgerYear, ...]
    sub_programme_id: int | None = None  # for projects

    @property
    def total(self) -> LedgerYear:
        return _total(self.years)


@dataclass(frozen=True)
class OutsideProject:
    """A project of the programme with no planned financial figure in the ledger's years."""

    pk: int
    name: str
    sub_programme_id: int
    gain: ExpectedGain  # what expected_gains says: an estimate in the proposal, or not estimated


@dataclass
class Ledger:
    programme: Programme
    years: list[int]
    this_year: int
    by_year: list[LedgerYear]  # the programme's, with its own savings targets
    sub_programmes: list[LedgerLine]  # with the sub-programmes' own targets
    # Every project with a financial plan year in the ledger's years (one with only an operating cost or a
    # withdrawal entered too: what it costs counts, although its gain is not in the ledger).
    projects: list[LedgerLine]
    units: list[LedgerLine]  # by Benefit.unit; an empty unit is «not stated»
    outside: list[OutsideProject] = field(default_factory=list)  # no planned figure: not in the ledger
    project_count: int = 0  # every project of the programme

    @property
    def total(self) -> LedgerYear:
        return _total(self.by_year)

    @property
    def has_targets(self) -> bool:
        return any(y.target is not None for y in self.by_year)

    @property
    def over_realised(self) -> int:
        return sum(y.over_realised for y in self.by_year)

    @property
    def outside_estimated(self) -> list[OutsideProject]:
        return [p for p in self.outside if p.gain.is_estimate]

    @property
    def outside_unknown(self) -> list[OutsideProject]:
        return [p for p in self.outside if not p.gain.is_estimate]

    @property
    def outside_estimate_total(self) -> int:
        """The proposals' estimates of the projects outside the ledger, summed over their plan period."""
        return sum(p.gain.total or 0 for p in self.outside_estimated)

    def without_projects(self) -> Ledger:
        """The ledger without its per-project lines: what the pages show, and what is cached (a line per
        project and year is most of the object's size, and no page lists it)."""
        return Ledger(
            programme=self.programme,
            years=self.years,
            this_year=self.this_year,
            by_year=self.by_year,
            sub_programmes=self.sub_programmes,
            projects=[],
            units=self.units,
            outside=self.outside,
            project_count=self.project_count,
        )


def _plan_year_sums(rows: Iterable[BenefitPlanYear], this_year: int):
    """The sums of a plan-year queryset grouped by `values(...)`: one rule for every grouping."""
    counted = realised_counts(this_year)
    counted_realised = Coalesce(Sum("realised", filter=counted), _ZERO)
    # counting.withdrawal_exceeds_realised in SQL: a withdrawal beyond the realised figure as the sums count
    # it (none for a year that has not started, nor where none is entered).
    exceeds = Q(withdrawal__isnull=False) & (
        Q(withdrawal__gt=0, year__gt=this_year)
        | Q(withdrawal__gt=0, realised__isnull=True)
        | Q(withdrawal__gt=F("realised"), year__lte=this_year)
    )
    return rows.annotate(
        expected=Sum("planned"),
        operating_cost=Sum("operating_cost"),
        realised_sum=counted_realised,
        withdrawal_sum=Sum("withdrawal"),
        over=Count("pk", filter=exceeds),
        over_amount=Coalesce(Sum("withdrawal", filter=exceeds), _ZERO)
        - Coalesce(Sum("realised", filter=exceeds & Q(year__lte=this_year)), _ZERO),
    ).order_by()


def _year(row: dict, year: int, target: int | None = None) -> LedgerYear:
    return LedgerYear(
        year=year,
        expected=_int(row["expected"]),
        operating_cost=_int(row["operating_cost"]),
        realised=_int(row["realised_sum"]),
        withdrawal=_int(row["withdrawal_sum"]),
        target=target,
        over_realised=row["over"],
        over_realised_amount=_int(row["over_amount"]),
    )


def programme_ledger(*, programme_id: int) -> Ledger:
    """The programme's ledger over its ledger years (see the module's docstring)."""
    programme = Programme.objects.select_related("economic_plan").get(pk=programme_id)
    years = ledger_years(programme)
    this_year = current_year()
    subs = list(SubProgramme.objects.filter(programme=programme).order_by("position", "name"))
    targets: dict[int | None, dict[int, int]] = defaultdict(dict)
    for target in SavingsTarget.objects.filter(programme=programme, year__in=years):
        targets[target.sub_programme_id][target.year] = target.amount

    financial = BenefitPlanYear.objects.filter(
        benefit__project__sub_programme__programme=programme_id,
        benefit__kind__in=FINANCIAL_KINDS,
        year__in=years,
    )
    by_project: dict[int, dict[int, LedgerYear]] = defaultdict(dict)
    in_ledger: set[int] = set()
    for row in _plan_year_sums(financial.values("benefit__project_id", "year"), this_year):
        project_id = row["benefit__project_id"]
        by_project[project_id][row["year"]] = _year(row, row["year"])
        if row["expected"] is not None:
            in_ledger.add(project_id)
    by_unit: dict[str, dict[int, LedgerYear]] = defaultdict(dict)
    for row in _plan_year_sums(financial.values("benefit__unit", "year"), this_year):
        unit = (row["benefit__unit"] or "").strip()
        current = by_unit[unit].get(row["year"])
        line = _year(row, row["year"])
        by_unit[unit][row["year"]] = line if current is None else current + line

    projects = list(
        Project.objects.filter(sub_programme__programme=programme_id)
        .order_by("sub_programme_id", "name", "pk")
        .values_list("pk", "name", "sub_programme_id")
    )
    project_lines = []
    sub_years: dict[int, dict[int, LedgerYear]] = defaultdict(dict)
    programme_years: dict[int, LedgerYear] = {year: LedgerYear(year=year) for year in years}
    outside_ids = []
    for pk, name, sub_id in projects:
        if pk not in in_ledger:
            outside_ids.append((pk, name, sub_id))
        own = by_project.get(pk)
        if not own:
            continue
        line_years = tuple(own.get(year, LedgerYear(year=year)) for year in years)
        project_lines.append(LedgerLine(pk, name, line_years, sub_programme_id=sub_id))
        for row in line_years:
            sub_years[sub_id][row.year] = sub_years[sub_id].get(row.year, LedgerYear(year=row.year)) + row
            programme_years[row.year] = programme_years[row.year] + row

    own_targets = targets[None]
    by_year = [replace(programme_years[year], target=own_targets.get(year)) for year in years]
    sub_lines = [
        LedgerLine(
            sub.pk,
            sub.name,
            tuple(
                replace(sub_years[sub.pk].get(year, LedgerYear(year=year)), target=targets[sub.pk].get(year))
                for year in years
            ),
        )
        for sub in subs
    ]
    unit_lines = [
        LedgerLine(
            unit, unit or _("Not stated"), tuple(rows.get(year, LedgerYear(year=year)) for year in years)
        )
        for unit, rows in sorted(by_unit.items(), key=lambda item: (item[0] == "", item[0].casefold()))
    ]
    # Asked for every project, not only those outside, so that the number of queries never depends on
    # whether some project is outside the ledger.
    gains = expected_gains(project_ids=[pk for pk, _name, _sub in projects])
    outside = [OutsideProject(pk, name, sub_id, gains[pk]) for pk, name, sub_id in outside_ids]
    return Ledger(
        programme=programme,
        years=years,
        this_year=this_year,
        by_year=by_year,
        sub_programmes=sub_lines,
        projects=project_lines,
        units=unit_lines,
        outside=outside,
        project_count=len(projects),
    )

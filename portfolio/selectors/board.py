"""The ranked board of a programme: every project with its priority score, expected gain and yearly load,
in board order, with the capacity line and each year's use of capacity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.urls import reverse

from benefits.selectors import expected_gains, plan_years
from programmes.gains import ESTIMATE, PLAN
from programmes.models import Phase, Programme, Project
from programmes.selectors import latest_report_subquery

from ..models import OUT_OF_PORTFOLIO, Assessment, Board, BoardOrderChange, Capacity, Criterion, Outcome
from ..scoring import CriterionWeight, Load, PriorityScore, priority_score, ranking_key, yearly_load


@dataclass
class BoardRow:
    """One project on the board: what the row shows, and what it takes from each year's capacity."""

    pk: int
    url: str
    name: str
    sub_programme: str
    phase: str
    phase_label: str
    status: str | None
    cost: int
    resource_need: Decimal
    gain_by_year: dict[int, int]  # the expected gain (programmes.gains): plan, estimate, or unknown (empty)
    rank: int | None
    decision: str
    decision_label: str
    priority: PriorityScore
    load: dict[int, Load]
    # Filled in by the capacity line:
    position: int = 0
    takes_capacity: bool = True
    fits: bool = True
    used_percent: int | None = None  # the tightest year's use after this row, in per cent of capacity
    reason: str = ""  # in a scenario: why the project is out
    gain_source: str = PLAN  # programmes.gains.PLAN, ESTIMATE or UNKNOWN
    sub_programme_id: int | None = None

    @property
    def gain_total(self) -> int:
        return sum(self.gain_by_year.values())


@dataclass(frozen=True)
class YearCapacity:
    year: int
    centi_person_years: int
    kroner: int

    @property
    def person_years(self) -> Decimal:
        return Decimal(self.centi_person_years) / 100


@dataclass
class YearUse:
    """One year's capacity against the projects above the line and the whole demand."""

    year: int
    capacity: YearCapacity | None
    above_person_years: Decimal = Decimal(0)
    above_kroner: int = 0
    demand_person_years: Decimal = Decimal(0)
    demand_kroner: int = 0
    gain: int = 0  # expected gain of the projects above the line (programmes.gains: plan or estimate)
    estimated_gain: int = 0  # the part of `gain` that is proposals' estimates, not gain plans


@dataclass
class PortfolioBoard:
    programme: Programme
    version: int
    years: list[int]
    criteria: list[Criterion]
    rows: list[BoardRow]
    capacities: dict[int, YearCapacity]
    line_after: int | None = None  # number of rows above the capacity line; None if every row fits
    year_use: list[YearUse] = field(default_factory=list)

    @property
    def has_capacity(self) -> bool:
        return bool(self.capacities)

    @property
    def fit_count(self) -> int:
        """The projects within the capacity: above the capacity line and taking capacity."""
        return sum(1 for row in self.rows if row.fits and row.takes_capacity)

    @property
    def portfolio_count(self) -> int:
        """The projects in the portfolio: decided into it."""
        return sum(1 for row in self.rows if row.decision == Outcome.INCLUDE)


def _criteria() -> list[Criterion]:
    return list(Criterion.objects.order_by("position", "name"))


def criterion_weights(criteria: Iterable[Criterion]) -> list[CriterionWeight]:
    return [CriterionWeight(c.pk, c.name, c.weight) for c in criteria]


def board_programme(*, programme_id: int) -> Programme:
    return Programme.objects.select_related("economic_plan").get(pk=programme_id)


def capacities(*, programme: Programme) -> dict[int, YearCapacity]:
    return {
        c.year: YearCapacity(c.year, int(c.person_years * 100), c.kroner)
        for c in Capacity.objects.filter(programme=programme)
    }


def portfolio_board(*, programme_id: int) -> PortfolioBoard:
    """Every project of the programme in board order, with scores, gains, loads and the capacity line.

    Seven queries whatever the number of projects: programme, board version, criteria, projects (with
    sub-programme, latest status, rank and current decision joined in), assessments, planned gains and
    capacity.
    """
    programme = board_programme(programme_id=programme_id)
    years = plan_years(programme)
    version = Board.objects.filter(programme=programme).values_list("version", flat=True).first() or 0
    criteria = _criteria()
    weights = criterion_weights(criteria)
    projects = list(
        Project.objects.filter(sub_programme__programme=programme)
        .annotate(latest_status=latest_report_subquery("overall"))
        .values(
            "pk",
            "name",
            "phase",
            "start_date",
            "end_date",
            "cost_estimate",
            "resource_need",
            "latest_status",
            "portfolio_entry__rank",
            "portfolio_entry__decision",
            "sub_programme_id",
            sub_programme_name=F("sub_programme__name"),
        )
    )
    scores: dict[int, dict[int, int]] = {p["pk"]: {} for p in projects}
    for project_id, criterion_id, score in Assessment.objects.filter(
        project__sub_programme__programme=programme
    ).values_list("project_id", "criterion_id", "score"):
        scores[project_id][criterion_id] = score
    gains = expected_gains(project_ids=scores.keys())
    phase_labels = {value: str(label) for value, label in Phase.choices}
    decision_labels = {value: str(label) for value, label in Outcome.choices}
    url_prefix = reverse("portfolio:project", args=[0]).removesuffix("0/")
    rows = [
        BoardRow(
            pk=p["pk"],
            url=f"{url_prefix}{p['pk']}/",
            name=p["name"],
            sub_programme=p["sub_programme_name"],
            sub_programme_id=p["sub_programme_id"],
            phase=p["phase"],
            phase_label=phase_labels[p["phase"]],
            status=p["latest_status"],
            cost=p["cost_estimate"],
            resource_need=p["resource_need"],
            gain_by_year={year: gains[p["pk"]].by_year.get(year, 0) for year in years},
            gain_source=gains[p["pk"]].source,
            rank=p["portfolio_entry__rank"],
            decision=p["portfolio_entry__decision"] or "",
            decision_label=decision_labels.get(p["portfolio_entry__decision"] or "", ""),
            priority=priority_score(weights, scores[p["pk"]]),
            load=yearly_load(
                start=p["start_date"],
                end=p["end_date"],
                cost=p["cost_estimate"],
                resource_need=p["resource_need"],
                years=years,
            ),
        )
        for p in projects
    ]
    rows.sort(key=board_order_key)
    board = PortfolioBoard(
        programme=programme,
        version=version,
        years=years,
        criteria=criteria,
        rows=rows,
        capacities=capacities(programme=programme),
    )
    apply_capacity_line(board)
    return board


def ranked_by_priority(*, programme_id: int) -> list[int]:
    """The projects in priority-score order (missing scores last, ties by name): what re-ranking gives."""
    board = portfolio_board(programme_id=programme_id)
    return [row.pk for row in sorted(board.rows, key=lambda r: ranking_key(r.priority.value, r.name, r.pk))]


@dataclass
class RankPreview:
    """What re-ranking by priority score would do to the board: every row with its place now and after."""

    board: PortfolioBoard
    rows: list[tuple[BoardRow, int]]  # in the new order: the row (place now) and its new place
    changed: int  # how many projects would get another place


def rank_preview(*, programme_id: int) -> RankPreview:
    board = portfolio_board(programme_id=programme_id)
    ranked = sorted(board.rows, key=lambda r: ranking_key(r.priority.value, r.name, r.pk))
    rows = [(row, place) for place, row in enumerate(ranked, start=1)]
    return RankPreview(board=board, rows=rows, changed=sum(1 for row, place in rows if row.position != place))


def last_order_changes(*, board_version: int, programme: Programme, limit: int = 5) -> list[BoardOrderChange]:
    """The newest changes of the board's order, newest first, with who made them."""
    if not board_version:
        return []
    return list(
        BoardOrderChange.objects.filter(board__programme=programme)
        .select_related("changed_by")
        .defer("previous_order", "order", "moved")
        .order_by("-version")[:limit]
    )


def board_order_key(row: BoardRow) -> tuple:
    """Ranked projects first, by rank; then the unranked ones by priority score (ties by name)."""
    if row.rank is not None:
        return (0, row.rank, row.name.casefold(), row.pk)
    return (1, *ranking_key(row.priority.value, row.name, row.pk))


def takes_capacity(*, phase: str, decision: str) -> bool:
    """Closed projects and those rejected or closed by a decision take no capacity."""
    return phase != Phase.CLOSED and decision not in OUT_OF_PORTFOLIO


def apply_capacity_line(board: PortfolioBoard, included: set[int] | None = None) -> None:
    """Walks the rows in order summing each year's load; the line falls before the first row that makes
    any year exceed its capacity in person-years or kroner. Rows that take no capacity (or, for a scenario,
    rows not in `included`) are skipped by the sums.
    """
    used_centi = dict.fromkeys(board.years, 0)
    used_kroner = dict.fromkeys(board.years, 0)
    uses = {year: YearUse(year, board.capacities.get(year)) for year in board.years}
    board.line_after = None
    above = True
    for position, row in enumerate(board.rows, start=1):
        row.position = position
        row.takes_capacity = takes_capacity(phase=row.phase, decision=row.decision) and (
            included is None or row.pk in included
        )
        if not row.takes_capacity:
            row.fits = above
            row.used_percent = None
            continue
        tightest = 0
        for year in board.years:
            used_centi[year] += row.load[year].centi_person_years
            used_kroner[year] += row.load[year].kroner
            uses[year].demand_person_years += Decimal(row.load[year].centi_person_years) / 100
            uses[year].demand_kroner += row.load[year].kroner
            capacity = board.capacities.get(year)
            if capacity is None:
                continue
            for used, limit in (
                (used_centi[year], capacity.centi_person_years),
                (used_kroner[year], capacity.kroner),
            ):
                if limit:
                    tightest = max(
                        tightest, -(-used * 100 // limit)
                    )  # rounded up: over is never shown as 100 %
                elif used:
                    tightest = max(tightest, 10_000)
                if used > limit:
                    above = False
        row.fits = above
        row.used_percent = min(tightest, 9_999) if board.capacities else None
        if above:
            for year in board.years:
                uses[year].above_person_years += Decimal(row.load[year].centi_person_years) / 100
                uses[year].above_kroner += row.load[year].kroner
                uses[year].gain += row.gain_by_year.get(year, 0)
                if row.gain_source == ESTIMATE:
                    uses[year].estimated_gain += row.gain_by_year.get(year, 0)
        elif board.line_after is None:
            board.line_after = position - 1
    board.year_use = [uses[year] for year in board.years]


def capacity_summary(*, programme_id: int) -> list[YearUse]:
    """Per year of the plan period: the capacity, what the projects above the capacity line use, the whole
    demand and the planned gain of the projects above the line."""
    return portfolio_board(programme_id=programme_id).year_use

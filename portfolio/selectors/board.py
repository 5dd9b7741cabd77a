"""Reads of the portfolio: the ranked board with its capacity line, a project's assessments and decisions,
scenarios evaluated against capacity, and the overview. Pages, the Excel export and the optimiser share them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, QuerySet
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from benefits.selectors import GainOverview, expected_gains, gain_overview, plan_years
from programmes.gains import ESTIMATE, PLAN, ExpectedGain
from programmes.models import Phase, Programme, Project, Rating
from programmes.selectors import latest_report_subquery
from scorecards.selectors import goals_for_projects

from ..models import (
    OUT_OF_PORTFOLIO,
    Assessment,
    Board,
    BoardOrderChange,
    Capacity,
    Criterion,
    CriterionKind,
    Decision,
    Outcome,
    Scenario,
)
from ..scoring import (
    CriterionWeight,
    Load,
    PriorityScore,
    Suggestion,
    priority_score,
    ranking_key,
    suggested_financial_score,
    suggested_goal_score,
    yearly_load,
)


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


def criterion_version(criterion: Criterion) -> int:
    """A criterion's version: its newest history record (every save through the model, the admin
    included, adds one; migration 0006 gave the seeded criteria their first)."""
    return (
        Criterion.history.filter(id=criterion.pk)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
        or 0
    )


def criterion_values_at(criterion: Criterion, version: int, fields: list[str]) -> dict | None:
    """The criterion's values at `version` (a history record of it); None if there is no such record."""
    record = Criterion.history.filter(id=criterion.pk, history_id=version).values(*fields).first()
    return record


def criterion_changed_by(criterion: Criterion, since_version: int) -> list:
    """Who saved the criterion after `since_version`, oldest first."""
    people = []
    for record in (
        Criterion.history.filter(id=criterion.pk, history_id__gt=since_version)
        .select_related("history_user")
        .order_by("history_id")
    ):
        if record.history_user is not None and record.history_user not in people:
            people.append(record.history_user)
    return people


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


# --- One project -----------------------------------------------------------------------------------------


@dataclass
class CriterionAssessment:
    criterion: Criterion
    assessment: Assessment | None
    suggestion: Suggestion | None = None


@dataclass
class ProjectPrioritisation:
    project: Project
    years: list[int]
    gain_by_year: dict[int, int]
    rows: list[CriterionAssessment]
    priority: PriorityScore
    goal_links: list
    decisions: list[Decision]
    history: list
    expected_gain: ExpectedGain | None = None  # where gain_by_year comes from (plan, estimate, unknown)

    @property
    def gain_total(self) -> int:
        return sum(self.gain_by_year.values())

    @property
    def current_decision(self) -> Decision | None:
        return self.decisions[0] if self.decisions else None


def project_prioritisation(*, project_id: int) -> ProjectPrioritisation:
    """A project with its assessments, suggested scores, goal links, decision log and assessment history."""
    project = Project.objects.select_related(
        "sub_programme__programme__economic_plan", "leader", "owner", "portfolio_entry"
    ).get(pk=project_id)
    years = plan_years(project.sub_programme.programme)
    criteria = _criteria()
    assessments = {
        a.criterion_id: a for a in Assessment.objects.filter(project=project).select_related("assessed_by")
    }
    expected = expected_gains(project_ids=[project.pk])[project.pk]
    gains = {year: expected.by_year.get(year, 0) for year in years}
    links = goals_for_projects([project.pk]).get(project.pk, [])
    rows = []
    for criterion in criteria:
        suggestion = None
        if criterion.kind == CriterionKind.FINANCIAL:
            suggestion = suggested_financial_score(
                planned_gain=sum(gains.values()), cost=project.cost_estimate
            )
        elif criterion.kind == CriterionKind.GOALS:
            suggestion = suggested_goal_score(link.strength for link in links)
        rows.append(CriterionAssessment(criterion, assessments.get(criterion.pk), suggestion))
    priority = priority_score(criterion_weights(criteria), {pk: a.score for pk, a in assessments.items()})
    decisions = list(
        Decision.objects.filter(project=project).select_related("decided_by").order_by("-created_at", "-pk")
    )
    history = list(
        Assessment.history.filter(project_id=project.pk)
        .select_related("history_user", "criterion")
        .order_by("-history_date", "-history_id")[:50]
    )
    return ProjectPrioritisation(
        project=project,
        years=years,
        gain_by_year=gains,
        expected_gain=expected,
        rows=rows,
        priority=priority,
        goal_links=links,
        decisions=decisions,
        history=history,
    )


# --- Scenarios -------------------------------------------------------------------------------------------


@dataclass
class PortfolioFigures:
    """The effect of a set of projects: gains per year, capacity used, goals covered."""

    label: str
    project_count: int
    gain_by_year: dict[int, int]
    person_years_by_year: dict[int, Decimal]
    kroner_by_year: dict[int, int]
    over_capacity_years: list[int]
    goals: list  # Goal objects covered, by code

    @property
    def gain_total(self) -> int:
        return sum(self.gain_by_year.values())


def portfolio_figures(
    *, board: PortfolioBoard, included: set[int], goal_links: dict[int, list], label: str
) -> PortfolioFigures:
    rows = [row for row in board.rows if row.pk in included]
    gain = {year: sum(r.gain_by_year.get(year, 0) for r in rows) for year in board.years}
    centi = {year: sum(r.load[year].centi_person_years for r in rows) for year in board.years}
    kroner = {year: sum(r.load[year].kroner for r in rows) for year in board.years}
    over = [
        year
        for year in board.years
        if year in board.capacities
        and (
            centi[year] > board.capacities[year].centi_person_years
            or kroner[year] > board.capacities[year].kroner
        )
    ]
    goals = {}
    for row in rows:
        for link in goal_links.get(row.pk, []):
            goals[link.goal_id] = link.goal
    return PortfolioFigures(
        label=label,
        project_count=len(rows),
        gain_by_year=gain,
        person_years_by_year={year: Decimal(value) / 100 for year, value in centi.items()},
        kroner_by_year=kroner,
        over_capacity_years=over,
        goals=sorted(goals.values(), key=lambda g: (g.position, g.code)),
    )


def current_portfolio(board: PortfolioBoard) -> set[int]:
    """The projects decided into the portfolio."""
    return {row.pk for row in board.rows if row.decision == Outcome.INCLUDE}


@dataclass
class ScenarioView:
    scenario: Scenario
    board: PortfolioBoard  # rows in the scenario's order, capacity line for its included projects
    included: set[int]
    scenario_figures: PortfolioFigures
    current_figures: PortfolioFigures
    stale: bool  # the board was reordered after the scenario was made
    comparison: list[dict]  # rows of the side-by-side table: label, kind ("nok", "py", ""), two values


def scenario_view(*, scenario: Scenario) -> ScenarioView:
    board = portfolio_board(programme_id=scenario.programme_id)
    order = {pk: index for index, pk in enumerate(scenario.order)}
    board.rows.sort(key=lambda row: (order.get(row.pk, len(order)), board_order_key(row)))
    included = {pk for pk in scenario.included if isinstance(pk, int)}
    apply_capacity_line(board, included=included)
    for row in board.rows:
        row.reason = scenario.reasons.get(str(row.pk), "")
    links = goals_for_projects([row.pk for row in board.rows])
    current = portfolio_figures(board=board, included=current_portfolio(board), goal_links=links, label="")
    proposed = portfolio_figures(board=board, included=included, goal_links=links, label=str(scenario))
    return ScenarioView(
        scenario=scenario,
        board=board,
        included=included,
        scenario_figures=proposed,
        current_figures=current,
        stale=scenario.board_version != board.version,
        comparison=comparison_rows(board, current, proposed),
    )


def comparison_rows(board: PortfolioBoard, *figures: PortfolioFigures) -> list[dict]:
    """The side-by-side table of portfolios: gains, capacity used against capacity, goals covered."""
    rows = [{"label": _("Projects"), "kind": "", "values": [f.project_count for f in figures]}]
    for year in board.years:
        rows.append(
            {
                "label": _("Planned gain %(year)s") % {"year": year},
                "kind": "nok",
                "values": [f.gain_by_year[year] for f in figures],
            }
        )
    rows.append({"label": _("Planned gain, total"), "kind": "nok", "values": [f.gain_total for f in figures]})
    for year in board.years:
        capacity = board.capacities.get(year)
        label = _("Person-years used %(year)s") % {"year": year}
        if capacity:
            label += " " + _("(capacity %(capacity)s)") % {
                "capacity": number_format(capacity.person_years, 1)
            }
        rows.append({"label": label, "kind": "py", "values": [f.person_years_by_year[year] for f in figures]})
    for year in board.years:
        capacity = board.capacities.get(year)
        label = _("Kroner used %(year)s") % {"year": year}
        if capacity:
            amount = number_format(capacity.kroner, 0, force_grouping=True)
            label += " " + _("(capacity %(capacity)s kr)") % {"capacity": amount}
        rows.append({"label": label, "kind": "nok", "values": [f.kroner_by_year[year] for f in figures]})
    rows.append(
        {
            "label": _("Years over capacity"),
            "kind": "",
            "values": [", ".join(str(y) for y in f.over_capacity_years) or _("none") for f in figures],
        }
    )
    rows.append(
        {
            "label": _("Master-plan goals covered"),
            "kind": "",
            "values": [
                f"{len(f.goals)}: " + ", ".join(g.code for g in f.goals) if f.goals else "0" for f in figures
            ],
        }
    )
    return rows


def saved_scenarios(*, programme: Programme) -> QuerySet[Scenario]:
    return Scenario.objects.filter(programme=programme).exclude(name="").select_related("created_by")


# --- Overview --------------------------------------------------------------------------------------------


@dataclass
class Overview:
    board: PortfolioBoard
    by_sub_programme: list[tuple[str, int]]
    by_phase: list[tuple[str, str, int]]
    by_status: list[tuple[str | None, int]]
    by_decision: list[tuple[str, str, int]]


def portfolio_overview(*, programme_id: int) -> Overview:
    board = portfolio_board(programme_id=programme_id)
    subs = Counter(row.sub_programme for row in board.rows)
    phases = Counter(row.phase for row in board.rows)
    statuses = Counter(row.status for row in board.rows)
    decisions = Counter(row.decision for row in board.rows)
    return Overview(
        board=board,
        by_sub_programme=sorted(subs.items()),
        by_phase=[(value, str(label), phases[value]) for value, label in Phase.choices],
        by_status=[(value, statuses[value]) for value in (*Rating.values, None)],
        by_decision=[(value, str(label), decisions[value]) for value, label in Outcome.choices]
        + [("", "", decisions[""])],
    )


def gain_overview_for(*, programme_id: int) -> GainOverview:
    """Planned against realised gains of the programme, from the benefits app."""
    return gain_overview(programme_id=programme_id, limit=5)


def default_programme_id() -> int | None:
    """The programme the portfolio pages open on: the one with most projects (the demo has one)."""
    return (
        Programme.objects.annotate(n=Count("sub_programmes__projects"))
        .order_by("-n", "name")
        .values_list("pk", flat=True)
        .first()
    )


# --- For the PDF status reports (portfolio.reports) -----------------------------------------------------


def capacity_summary(*, programme_id: int) -> list[YearUse]:
    """Per year of the plan period: the capacity, what the projects above the capacity line use, the whole
    demand and the planned gain of the projects above the line."""
    return portfolio_board(programme_id=programme_id).year_use


def decisions_in_period(*, programme_id: int, start, end) -> QuerySet[Decision]:
    """The portfolio decisions made between `start` and `end` (inclusive), oldest first."""
    return (
        Decision.objects.filter(
            project__sub_programme__programme=programme_id, decided_on__gte=start, decided_on__lte=end
        )
        .select_related("project", "decided_by")
        .order_by("decided_on", "created_at", "pk")
    )

"""What-if scenarios: a set of projects evaluated against capacity, side by side with the current
portfolio."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.numbers import format_number
from programmes.models import Programme
from scorecards.selectors import goals_for_projects

from ..models import Outcome, Scenario
from .board import PortfolioBoard, apply_capacity_line, board_order_key, portfolio_board


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
                "capacity": format_number(capacity.person_years, 1)
            }
        rows.append({"label": label, "kind": "py", "values": [f.person_years_by_year[year] for f in figures]})
    for year in board.years:
        capacity = board.capacities.get(year)
        label = _("Kroner used %(year)s") % {"year": year}
        if capacity:
            amount = format_number(capacity.kroner)
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

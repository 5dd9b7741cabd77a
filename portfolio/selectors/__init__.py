"""Reads of the portfolio: the ranked board with its capacity line, a project's assessments and decisions,
scenarios evaluated against capacity, and the overview. Pages, the Excel export and the optimiser share them.
"""

# The economic plan's years belong to benefits; the portfolio pages read them here with the board.
from benefits.selectors import plan_years

from .board import (
    BoardRow,
    PortfolioBoard,
    RankPreview,
    YearCapacity,
    YearUse,
    apply_capacity_line,
    board_order_key,
    board_programme,
    capacities,
    capacity_summary,
    criterion_weights,
    last_order_changes,
    portfolio_board,
    rank_preview,
    ranked_by_priority,
    takes_capacity,
)
from .criteria import criterion_changed_by, criterion_values_at, criterion_version
from .overview import (
    PROPOSAL_PHASES,
    Overview,
    awaiting_decision,
    decisions_in_period,
    default_programme_id,
    gain_overview_for,
    portfolio_overview,
)
from .project import CriterionAssessment, ProjectPrioritisation, project_prioritisation
from .scenarios import (
    PortfolioFigures,
    ScenarioView,
    comparison_rows,
    current_portfolio,
    portfolio_figures,
    saved_scenarios,
    scenario_view,
)

__all__ = [
    "PROPOSAL_PHASES",
    "BoardRow",
    "CriterionAssessment",
    "Overview",
    "PortfolioBoard",
    "PortfolioFigures",
    "ProjectPrioritisation",
    "RankPreview",
    "ScenarioView",
    "YearCapacity",
    "YearUse",
    "apply_capacity_line",
    "awaiting_decision",
    "board_order_key",
    "board_programme",
    "capacities",
    "capacity_summary",
    "comparison_rows",
    "criterion_changed_by",
    "criterion_values_at",
    "criterion_version",
    "criterion_weights",
    "current_portfolio",
    "decisions_in_period",
    "default_programme_id",
    "gain_overview_for",
    "last_order_changes",
    "plan_years",
    "portfolio_board",
    "portfolio_figures",
    "portfolio_overview",
    "project_prioritisation",
    "rank_preview",
    "ranked_by_priority",
    "saved_scenarios",
    "scenario_view",
    "takes_capacity",
]

"""Portfolio pages (being split into one module per page family)."""

from .board import (
    assess,
    board,
    capacity,
    criteria,
    criterion_edit,
    decide,
    move,
    overview,
    overview_export,
    project,
    rank_by_priority,
    reorder,
    scenario,
    scenario_create,
    scenario_suggest,
    undo_rank,
)

__all__ = [
    "assess",
    "board",
    "capacity",
    "criteria",
    "criterion_edit",
    "decide",
    "move",
    "overview",
    "overview_export",
    "project",
    "rank_by_priority",
    "reorder",
    "scenario",
    "scenario_create",
    "scenario_suggest",
    "undo_rank",
]

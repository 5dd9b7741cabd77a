"""Writes of gains, split by subject and re-exported here: callers say `services.benefit_update`."""

from .benefits import (
    BENEFIT_EDITABLE_FIELDS,
    INLINE_EXPORT_MAX_ROWS,
    CellInput,
    GridResult,
    benefit_create,
    benefit_delete,
    benefit_grid_save,
    benefit_plan_export_make,
    benefit_plan_export_order,
    benefit_update,
    benefit_values,
    canonical,
    economic_plan_set,
    savings_targets_set,
)
from .imports import PLAN_FILE, benefit_plan_import, benefit_plan_parse

__all__ = [
    "BENEFIT_EDITABLE_FIELDS",
    "INLINE_EXPORT_MAX_ROWS",
    "PLAN_FILE",
    "CellInput",
    "GridResult",
    "benefit_create",
    "benefit_delete",
    "benefit_grid_save",
    "benefit_plan_export_make",
    "benefit_plan_export_order",
    "benefit_plan_import",
    "benefit_plan_parse",
    "benefit_update",
    "benefit_values",
    "canonical",
    "economic_plan_set",
    "savings_targets_set",
]

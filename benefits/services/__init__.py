"""Writes of gains, split by subject and re-exported here (callers say `services.benefit_update`):
benefits.py (the benefit form), plan.py (the gains grid), targets.py (the economic plan and savings targets),
exports.py (the plan export made by a worker), imports.py (the plan import's write) and gains_files.py (a
file uploaded, mapped, previewed and confirmed)."""

from .benefits import (
    BENEFIT_EDITABLE_FIELDS,
    benefit_create,
    benefit_delete,
    benefit_update,
    benefit_values,
    canonical,
)
from .exports import INLINE_EXPORT_MAX_ROWS, benefit_plan_export_make, benefit_plan_export_order
from .gains_files import PLAN_FILE
from .imports import benefit_plan_import, benefit_plan_parse, project_lookup
from .plan import PLAN_FIELDS, CellInput, GridInput, GridResult, benefit_grid_save, grid_fields
from .targets import economic_plan_set, savings_targets_set

__all__ = [
    "BENEFIT_EDITABLE_FIELDS",
    "INLINE_EXPORT_MAX_ROWS",
    "PLAN_FIELDS",
    "PLAN_FILE",
    "CellInput",
    "GridInput",
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
    "grid_fields",
    "project_lookup",
    "savings_targets_set",
]
